package org.openaccess.emulator.account;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openaccess.emulator.Link;
import org.openaccess.emulator.Partner;
import org.openaccess.emulator.SpotifyState;
import org.openaccess.emulator.TestUser;
import org.openaccess.emulator.accounts.OpaqueIds;
import org.openaccess.emulator.http.FormData;
import org.openaccess.emulator.http.Html;
import org.openaccess.emulator.http.Rejection;
import org.openaccess.emulator.http.Request;
import org.openaccess.emulator.http.Response;

/**
 * {@code /account/apps}: a signed-in test user sees the partners linked to their Spotify account and removes one.
 * Afterwards the partner's calls for that user answer 404, as for any unlinked user; the partner is not told.
 */
public final class LinkedAppsEndpoint {
    public static final String PATH = "/account/apps";
    static final String SESSION_COOKIE = "spotify_account_session";
    private static final FormData.ErrorCodes PAGE = FormData.ErrorCodes.PAGE;
    private static final int MAX_FORM_BYTES = 8 * 1024;

    private final Map<String, String> userBySession = new ConcurrentHashMap<>();

    private final SpotifyState spotify;

    public LinkedAppsEndpoint(SpotifyState spotify) {
        this.spotify = spotify;
    }

    /** The signed-in user's linked apps, or the sign-in form. */
    public Response page(Request request) {
        Optional<TestUser> user = signedIn(request);
        String page = user.isEmpty()
                ? signInPage(spotify.config().users())
                : appsPage(
                        user.get(),
                        spotify.links().linksOfSpotifyUser(user.get().id()));
        return Response.html(200, page);
    }

    /** Stands in for Spotify's login: the chosen test user is signed in on the emulator's origin. */
    public Response signIn(Request request) {
        FormData form = form(request);
        TestUser user = form.nonEmpty("user", PAGE)
                .flatMap(spotify.config()::user)
                .orElseThrow(() -> Rejection.badRequest("INVALID_USER", "Choose one of the listed test users"));
        String session = OpaqueIds.token();
        userBySession.put(session, user.id());
        return seeApps().withCookie(SESSION_COOKIE + "=" + session + "; Path=" + PATH + "; HttpOnly; SameSite=Lax");
    }

    /** Removes the link between the signed-in user and one partner. */
    public Response unlink(Request request) {
        FormData form = form(request);
        TestUser user = signedIn(request)
                .orElseThrow(() -> new Rejection(401, "NOT_SIGNED_IN", "Sign in again to manage your apps"));
        String partnerId = form.nonEmpty("partner", PAGE)
                .orElseThrow(() -> Rejection.badRequest("INVALID_REQUEST", "Choose the app to remove"));
        String partnerUserId = spotify.links()
                .unlinkSpotifyUser(partnerId, user.id())
                .orElseThrow(() -> new Rejection(404, "NOT_LINKED", "This app is not linked to your account"));
        request.notes().partnerId(partnerId);
        request.notes().partnerUserId(partnerUserId);
        request.notes().detail("unlinked by the user");
        return seeApps();
    }

    private Optional<TestUser> signedIn(Request request) {
        return request.cookie(SESSION_COOKIE).map(userBySession::get).flatMap(spotify.config()::user);
    }

    /** A posted form from this origin only: the session cookie is SameSite=Lax, and the Origin must be ours. */
    private static FormData form(Request request) {
        Optional<String> origin = request.header("Origin");
        Optional<String> host = request.header("Host");
        if (origin.isPresent() && !origin.get().equals("http://" + host.orElse(""))) {
            throw new Rejection(403, "CROSS_ORIGIN", "This form can only be sent from the emulator's own pages");
        }
        if (!request.header("Content-Type").orElse("").startsWith("application/x-www-form-urlencoded")) {
            throw Rejection.badRequest("INVALID_REQUEST", "The form must be posted form-encoded");
        }
        return FormData.parse(new String(request.body(MAX_FORM_BYTES), StandardCharsets.UTF_8), PAGE);
    }

    private static Response seeApps() {
        return new Response(303, Map.of("Location", PATH), null);
    }

    private static String signInPage(List<TestUser> users) {
        return Html.page("Sign in", """
                <h1>Sign in to manage your apps</h1>
                <form method="post" action="%s/sign-in">
                <select name="user" id="user">%s</select>
                <button type="submit" id="sign-in">Sign in</button>
                </form>
                """.formatted(PATH, Html.userOptions(users)));
    }

    private String appsPage(TestUser user, List<Link> linked) {
        StringBuilder items = new StringBuilder();
        for (Link link : linked) {
            String name = spotify.partners()
                    .partner(link.partnerId())
                    .map(Partner::name)
                    .orElse(link.partnerId());
            items.append("<li data-partner-id=\"")
                    .append(Html.escape(link.partnerId()))
                    .append("\"><span class=\"app-name\">")
                    .append(Html.escape(name))
                    .append("</span> <form method=\"post\" action=\"")
                    .append(PATH)
                    .append("/unlink\"><input type=\"hidden\" name=\"partner\" value=\"")
                    .append(Html.escape(link.partnerId()))
                    .append("\"><button type=\"submit\" id=\"unlink-")
                    .append(Html.escape(link.partnerId()))
                    .append("\">Remove access</button></form></li>\n");
        }
        String list = linked.isEmpty()
                ? "<p id=\"no-linked-apps\">No apps are linked to your account.</p>"
                : "<ul id=\"linked-apps\">\n" + items + "</ul>";
        return Html.page("Apps", """
                <h1>Apps linked to your account</h1>
                <p>Signed in as <strong id="signed-in-as">%s</strong></p>
                %s
                <p class="note">Removing access unlinks the app: it is not told, and its next update for you fails.</p>
                """.formatted(Html.escape(user.displayName()), list));
    }
}
