package org.openaccess.emulator.accounts;

import java.util.List;
import java.util.Map;
import org.openaccess.emulator.ClientConfig;
import org.openaccess.emulator.Partner;
import org.openaccess.emulator.TestUser;
import org.openaccess.emulator.http.Html;

/**
 * Spotify's consent dialog: who asks, for what, as which test user; Approve or Cancel. With the partner's name and
 * logo when known, so the listener sees it is the creator they already support.
 */
final class ConsentPage {
    private static final Map<String, String> SCOPE_TEXT =
            Map.of("user-soa-link", "Link your Spotify account to your membership with this partner");

    private ConsentPage() {}

    static String render(
            ClientConfig client,
            Partner partner,
            AuthorizationRequest request,
            List<TestUser> users,
            String consentId) {
        String linkingTo = partner == null
                ? ""
                : Html.partnerLogo(partner) + "<p>Link your Spotify account to <strong id=\"partner-name\">"
                        + Html.escape(partner.name()) + "</strong></p>\n";
        StringBuilder scopes = new StringBuilder();
        for (String scope : request.scopes()) {
            scopes.append("<li data-scope=\"")
                    .append(Html.escape(scope))
                    .append("\">")
                    .append(Html.escape(SCOPE_TEXT.getOrDefault(scope, scope)))
                    .append(" <code>")
                    .append(Html.escape(scope))
                    .append("</code></li>\n");
        }
        return Html.page("Authorize access", """
                %s<h1 id="client-description">%s</h1>
                <p>wants to:</p>
                <ul id="scopes">
                %s</ul>
                <form method="post" action="/authorize/consent">
                <input type="hidden" name="consent" value="%s">
                <label for="user">Log in as test user</label>
                <select name="user" id="user">
                %s</select>
                <p>
                <button type="submit" name="decision" value="approve" id="approve">Agree</button>
                <button type="submit" name="decision" value="cancel" id="cancel">Cancel</button>
                </p>
                </form>
                <p class="note">You will be sent back to %s</p>
                """.formatted(
                        linkingTo,
                        Html.escape(client.description()),
                        scopes,
                        Html.escape(consentId),
                        Html.userOptions(users),
                        Html.escape(request.redirectUri())));
    }
}
