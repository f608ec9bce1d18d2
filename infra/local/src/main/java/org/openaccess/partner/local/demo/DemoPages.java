package org.openaccess.partner.local.demo;

import static org.openaccess.emulator.http.Html.escape;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The demo partner site's HTML: plain server-rendered pages with stable ids for people and browser tests. Text goes
 * in through the emulator's {@code Html.escape}: the same five characters need escaping on any page.
 */
final class DemoPages {

    /** The one inline style block of every page; the CSP allows it by its hash. */
    static final String STYLE = """
            body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#191414}
            header{display:flex;justify-content:space-between;align-items:center;border-bottom:2px solid #1db954}
            section{margin:1rem 0;padding:.2rem 1rem 1rem;border:1px solid #ddd;border-radius:8px}
            .who{display:flex;justify-content:space-between;align-items:center;margin:1rem 0}h2{font-size:1.2rem}h3{font-size:1rem;margin-bottom:.3rem}
            button,.button{background:#1db954;color:#fff;border:0;border-radius:20px;padding:.5rem 1.2rem;
              font-size:1rem;text-decoration:none;cursor:pointer;display:inline-block}
            .secondary{background:#535353}.state{font-weight:bold}.error{color:#b00020}
            li{margin:.4rem 0}label{margin-right:1rem}code{background:#f3f3f3;padding:0 .2rem}form.inline{display:inline}
            """;

    private DemoPages() {}

    static String login(List<DemoUser> users, String returnPath) {
        StringBuilder options = new StringBuilder();
        users.forEach(
                u -> options.append("<option value=\"%s\">%s</option>".formatted(escape(u.id()), escape(u.name()))));
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

    /** One partner's part of the account page: its tiers the user holds and the user's link with it. */
    record Membership(DemoPartner partner, Set<String> tiers, String linkStatus) {}

    static String account(DemoUser user, List<Membership> memberships, URI contentAccessBase) {
        StringBuilder sections = new StringBuilder();
        memberships.forEach(m -> sections.append(partnerSection(m, contentAccessBase)));
        return page("Your account", """
                <div class="who"><span>Signed in as <strong id="user-name">%s</strong> (<code id="user-id">%s</code>)</span>
                <form method="post" action="/demo/logout"><button class="secondary" id="logout">Log out</button></form></div>
                <p>Your tiers are your entitlements, one set per partner: saving one writes the entitlements table (key:
                your user id and the partner id), and the change feed pushes the new set to that partner on Spotify.</p>
                %s""".formatted(escape(user.name()), escape(user.id()), sections));
    }

    /**
     * The default partner's elements keep the bare ids ({@code tier-basic}, {@code save-membership},
     * {@code link-state}, {@code link-spotify}, {@code unlink}, {@code shows}); a creator's end in {@code -slug}.
     */
    private static String partnerSection(Membership membership, URI contentAccessBase) {
        DemoPartner partner = membership.partner();
        String suffix = escape(partner.idSuffix());
        String partnerField = partner.slug()
                .map(slug -> "<input type=\"hidden\" name=\"partner\" value=\"" + escape(slug) + "\">")
                .orElse("");
        return """
                <section class="partner" id="partner%s" data-partner-id="%s"><h2>%s</h2>
                <h3>Membership</h3>
                <form method="post" action="/demo/membership">%s%s
                <button type="submit" id="save-membership%s">Save membership</button></form>
                <p>Current: <span id="current-tiers%s">%s</span></p>
                <h3>Spotify</h3>
                <p class="state" id="link-state%s" data-status="%s">%s</p>
                <a class="button" id="link-spotify%s" href="%s">Link with Spotify</a>
                <form method="post" action="%s" class="inline"><button class="secondary" id="unlink%s">Unlink</button></form>
                <h3>Shows</h3><ul id="shows%s">%s</ul></section>
                """.formatted(
                        suffix,
                        escape(partner.partnerId()),
                        escape(partner.name()),
                        partnerField,
                        tierBoxes(membership.tiers(), partner.tiers(), suffix),
                        suffix,
                        suffix,
                        membership.tiers().isEmpty() ? "none" : escape(String.join(", ", membership.tiers())),
                        suffix,
                        escape(membership.linkStatus()),
                        linkText(membership.linkStatus()),
                        suffix,
                        escape(partner.linkPath()),
                        escape(partner.unlinkPath()),
                        suffix,
                        suffix,
                        showItems(partner.shows(), contentAccessBase, partner.partnerId()));
    }

    static String error(String code, String message) {
        return page("Something is wrong", """
                <section><h2 class="error">%s</h2><p>Error code: <code id="error-code">%s</code></p>
                <p><a href="/demo/account">Back to your account</a></p></section>
                """.formatted(escape(message), escape(code)));
    }

    private static String tierBoxes(Set<String> tiers, List<String> allTiers, String idSuffix) {
        StringBuilder boxes = new StringBuilder();
        for (String tier : allTiers) {
            boxes.append("<label><input type=\"checkbox\" name=\"tier\" id=\"tier%s-%s\" value=\"%s\"%s> %s</label>"
                    .formatted(
                            idSuffix,
                            escape(tier),
                            escape(tier),
                            tiers.contains(tier) ? " checked" : "",
                            escape(tier)));
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
            items.append(
                    "<li>%s <small>(%s)</small> <a class=\"listen\" id=\"listen-%s\" href=\"%s\">Listen on Spotify</a></li>"
                            .formatted(escape(show.title()), escape(show.tiers()), escape(show.id()), escape(listen)));
        }
        return items.toString();
    }

    private static String page(String title, String body) {
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s · Demo platform</title>
                <meta name="viewport" content="width=device-width,initial-scale=1"><style>%s</style></head>
                <body><header><h1>Demo platform</h1><span>Spotify Open Access · local stack</span></header>%s</body></html>
                """.formatted(escape(title), STYLE, body);
    }
}
