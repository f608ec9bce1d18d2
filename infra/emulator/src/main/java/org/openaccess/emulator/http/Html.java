package org.openaccess.emulator.http;

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
                <style>
                body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#191414}
                h1{font-size:1.5rem} .note{color:#555;font-size:.9rem} li.highlighted{font-weight:bold}
                button{font-size:1rem;padding:.5rem 1.2rem;margin-right:.5rem}
                table{border-collapse:collapse} td,th{border:1px solid #ccc;padding:.2rem .5rem;font-size:.85rem}
                </style></head>
                <body>
                <p class="note">Spotify emulator (local development; not Spotify)</p>
                %s
                </body></html>
                """.formatted(escape(title), body);
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
