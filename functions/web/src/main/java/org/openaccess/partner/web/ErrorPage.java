package org.openaccess.partner.web;

import java.util.Base64;
import java.util.Optional;
import org.openaccess.partner.core.linking.OneWayHash;

/**
 * The HTML page a browser sees for a {@link Failure} or a {@link Notice}: title, friendly message, the stable
 * code and an optional "try again" link. No script; the one inline style is allowed by its hash in the CSP.
 */
public final class ErrorPage {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;"
            + "padding:0 1rem;line-height:1.5;color:#191414}h1{font-size:1.5rem}"
            + ".code{color:#6a6a6a;font-size:.875rem}a.retry{display:inline-block;margin-top:1rem;padding:.5rem 1rem;"
            + "border-radius:2rem;background:#1db954;color:#000;text-decoration:none}";

    /** Strict: nothing loads, nothing frames the page, no form posts; only our inline style applies. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE) + "'; "
            + "img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private ErrorPage() {}

    public static String render(Failure failure) {
        return render(failure.title(), failure.message(), failure.code(), failure.retryPath());
    }

    public static String render(Notice notice) {
        return render(notice.title(), notice.message(), notice.code(), notice.retryPath());
    }

    private static String render(String title, String message, String code, Optional<String> retryPath) {
        StringBuilder html = new StringBuilder(1024)
                .append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"robots\" content=\"noindex\">")
                .append("<title>")
                .append(escape(title))
                .append("</title>")
                .append("<style>")
                .append(STYLE)
                .append("</style></head>\n<body><main>")
                .append("<h1>")
                .append(escape(title))
                .append("</h1>")
                .append("<p class=\"message\">")
                .append(escape(message))
                .append("</p>");
        retryPath.ifPresent(path -> html.append("<p><a class=\"retry\" href=\"")
                .append(escape(path))
                .append("\">Try again</a></p>"));
        return html.append("<p class=\"code\">Error code: <code>")
                .append(escape(code))
                .append("</code></p></main></body></html>\n")
                .toString();
    }

    /** HTML-escapes text for element content and double-quoted attributes. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A CSP hash source: {@code sha256-} and the text's SHA-256 in standard base64. */
    private static String sha256(String text) {
        return "sha256-" + Base64.getEncoder().encodeToString(OneWayHash.sha256(text));
    }
}
