package org.openaccess.partner.local.demo;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** The demo partner site's HTML: plain server-rendered pages with stable ids for people and browser tests. */
final class DemoPages {

    /** The one inline style block of every page; the CSP allows it by its hash. */
    static final String STYLE = """
            body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#191414}
            header{display:flex;justify-content:space-between;align-items:center;border-bottom:2px solid #1db954}
            section{margin:1rem 0;padding:.2rem 1rem 1rem;border:1px solid #ddd;border-radius:8px}
            .who{display:flex;justify-content:space-between;align-items:center;margin:1rem 0}h2{font-size:1.2rem}
            button,.button{background:#1db954;color:#fff;border:0;border-radius:20px;padding:.5rem 1.2rem;
              font-size:1rem;text-decoration:none;cursor:pointer;display:inline-block}
            .secondary{background:#535353}.state{font-weight:bold}.error{color:#b00020}
            li{margin:.4rem 0}label{margin-right:1rem}code{background:#f3f3f3;padding:0 .2rem}form.inline{display:inline}
            """;

    private DemoPages() {}

    static String login(List<DemoUser> users, String returnPath) {
        StringBuilder options = new StringBuilder();
        users.forEach(u -> options.append("<option value=\"")
                .append(escape(u.id()))
                .append("\">")
                .append(escape(u.name()))
                .append("</option>"));
        return page("Log in", """
                <section><h2>Log in to the demo partner site</h2>
                <p>Pick a test user. This stands in for the partner's real login, which sets the signed session cookie.</p>
                <form method="post" action="/demo/login">
                  <select name="user" id="user">%s</select>
                  <input type="hidden" name="return" value="%s">
                  <button type="submit" id="login">Log in</button>
                </form></section>
                """.formatted(options, escape(returnPath)));
    }

    static String account(
            DemoUser user,
            Set<String> tiers,
            List<String> allTiers,
            String linkStatus,
            List<DemoShow> shows,
            URI contentAccessBase,
            String partnerId) {
        return page("Your account", """
                <div class="who"><span>Signed in as <strong id="user-name">%s</strong> (<code id="user-id">%s</code>)</span>
                <form method="post" action="/demo/logout"><button class="secondary" id="logout">Log out</button></form></div>
                <section><h2>Membership</h2>
                <p>Your tiers are your entitlements: switching one writes the entitlements table, and the change feed
                pushes the new set to Spotify.</p>
                <form method="post" action="/demo/membership">%s
                <button type="submit" id="save-membership">Save membership</button></form>
                <p>Current: <span id="current-tiers">%s</span></p></section>
                <section><h2>Spotify</h2>
                <p class="state" id="link-state" data-status="%s">%s</p>
                <a class="button" id="link-spotify" href="/link">Link with Spotify</a>
                <form method="post" action="/unlink" class="inline"><button class="secondary" id="unlink">Unlink</button></form>
                </section>
                <section><h2>Shows</h2><ul id="shows">%s</ul></section>
                """.formatted(
                        escape(user.name()),
                        escape(user.id()),
                        tierBoxes(tiers, allTiers),
                        tiers.isEmpty() ? "none" : escape(String.join(", ", tiers)),
                        escape(linkStatus),
                        linkText(linkStatus),
                        showItems(shows, contentAccessBase, partnerId)));
    }

    static String error(String code, String message) {
        return page("Something is wrong", """
                <section><h2 class="error">%s</h2><p>Error code: <code id="error-code">%s</code></p>
                <p><a href="/demo/account">Back to your account</a></p></section>
                """.formatted(escape(message), escape(code)));
    }

    private static String tierBoxes(Set<String> tiers, List<String> allTiers) {
        StringBuilder boxes = new StringBuilder();
        for (String tier : allTiers) {
            boxes.append("<label><input type=\"checkbox\" name=\"tier\" id=\"tier-")
                    .append(escape(tier))
                    .append("\" value=\"")
                    .append(escape(tier))
                    .append('"')
                    .append(tiers.contains(tier) ? " checked" : "")
                    .append("> ")
                    .append(escape(tier))
                    .append("</label>");
        }
        return boxes.toString();
    }

    private static String linkText(String status) {
        return switch (status) {
            case "LINKED" -> "Linked to Spotify";
            case "UNLINKED" -> "Unlinked from Spotify";
            default -> "Not linked to Spotify yet";
        };
    }

    private static String showItems(List<DemoShow> shows, URI contentAccessBase, String partnerId) {
        StringBuilder items = new StringBuilder();
        for (DemoShow show : shows) {
            String listen = contentAccessBase.resolve("/link/" + partnerId) + "?spotifyShowUri="
                    + URLEncoder.encode(show.uri(), StandardCharsets.UTF_8);
            items.append("<li>")
                    .append(escape(show.title()))
                    .append(" <small>(")
                    .append(escape(show.tiers()))
                    .append(")</small> <a class=\"listen\" id=\"listen-")
                    .append(escape(show.id()))
                    .append("\" href=\"")
                    .append(escape(listen))
                    .append("\">Listen on Spotify</a></li>");
        }
        return items.toString();
    }

    private static String page(String title, String body) {
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s · Demo partner</title>
                <meta name="viewport" content="width=device-width,initial-scale=1"><style>%s</style></head>
                <body><header><h1>Demo partner</h1><span>Spotify Open Access · local stack</span></header>%s</body></html>
                """.formatted(escape(title), STYLE, body);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
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
}
