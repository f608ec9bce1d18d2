package org.openaccess.emulator.http;

import java.util.List;
import org.openaccess.emulator.Partner;
import org.openaccess.emulator.TestUser;

/** The page frame every emulator page shares, and escaping for text put into it. */
public final class Html {
    private Html() {}

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A whole page; {@code body} must already be escaped HTML. */
    public static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · Spotify emulator</title>
                <style>%s</style></head>
                <body>
                <p class="note">Spotify emulator (local development; not Spotify)</p>
                %s
                </body></html>
                """.formatted(escape(title), PageHeaders.STYLE, body);
    }

    /** The test users as the {@code <option>}s of a "log in as" select: display name and id, valued by id. */
    public static String userOptions(List<TestUser> users) {
        StringBuilder options = new StringBuilder();
        for (TestUser user : users) {
            options.append("<option value=\"")
                    .append(escape(user.id()))
                    .append("\">")
                    .append(escape(user.displayName()))
                    .append(" (")
                    .append(escape(user.id()))
                    .append(")</option>\n");
        }
        return options.toString();
    }

    /** Where the emulator serves a partner's uploaded logo; the pages' CSP allows images from the emulator only. */
    public static final String LOGO_PATH = "/_emulator/logos/";

    /** The partner's logo as an {@code <img id="partner-logo">}, or nothing when none was uploaded. */
    public static String partnerLogo(Partner partner) {
        if (partner == null || partner.logo() == null) {
            return "";
        }
        return "<img id=\"partner-logo\" src=\"" + LOGO_PATH + escape(partner.id()) + "\" alt=\""
                + escape(partner.name()) + " logo\" width=\"96\">\n";
    }

    public static String errorPage(int status, String code, String message) {
        return page("Error", """
                <h1>Something went wrong</h1>
                <p id="error-code">%s</p>
                <p id="error-message">%s</p>
                <p class="note">HTTP %d</p>
                """.formatted(escape(code), escape(message), status));
    }
}
