package org.openaccess.emulator.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.openaccess.emulator.Partner;
import org.openaccess.emulator.Show;
import org.openaccess.emulator.SpotifyState;
import org.openaccess.emulator.TestUser;
import org.openaccess.emulator.http.FormData;
import org.openaccess.emulator.http.Html;
import org.openaccess.emulator.http.Rejection;
import org.openaccess.emulator.http.Request;
import org.openaccess.emulator.http.Response;
import org.openaccess.emulator.openaccess.Completions;

/**
 * Spotify's side of the linking flow in the browser: {@code /link/{partnerId}} (the "Get access"
 * button: remember the show, go to the partner) and the completion page after register-user.
 */
public final class ContentAccessEndpoint {
    /** Spotify keeps the show in a cookie on its own domain; here, on the emulator's origin. */
    public static final String SHOW_COOKIE = "spotify_show_uri";
    /** The partner whose "Get access" was pressed, for the consent page's logo and name. */
    public static final String PARTNER_COOKIE = "spotify_link_partner";

    private static final Pattern SHOW_URI = Pattern.compile("spotify:show:[0-9A-Za-z]{22}");
    private static final FormData.ErrorCodes PAGE = FormData.ErrorCodes.PAGE;

    private final SpotifyState spotify;

    public ContentAccessEndpoint(SpotifyState spotify) {
        this.spotify = spotify;
    }

    /** Step 0 of the flow when it starts on Spotify: remember the show, send the user to the partner. */
    public Response startLinking(Request request) {
        Partner partner = spotify.partners()
                .partner(request.pathParameter())
                .orElseThrow(() -> new Rejection(404, "UNKNOWN_PARTNER", "There is no partner with this id"));
        String showUri = request.query(PAGE)
                .nonEmpty("spotifyShowUri", PAGE)
                .orElseThrow(() -> Rejection.badRequest("INVALID_REQUEST", "spotifyShowUri is required"));
        if (!SHOW_URI.matcher(showUri).matches()) {
            throw Rejection.badRequest(
                    "INVALID_SHOW_URI", "spotifyShowUri must look like spotify:show:<22 base62 characters>");
        }
        if (spotify.shows().find(partner.id(), showUri).isEmpty()) {
            throw new Rejection(
                    404, "UNKNOWN_SHOW", "This partner has no show with this URI in the emulator's catalogue");
        }
        return Response.redirect(partner.entrypointUrl())
                .withCookie(SHOW_COOKIE + "=" + showUri + "; Path=/; HttpOnly; SameSite=Lax")
                .withCookie(PARTNER_COOKIE + "=" + partner.id() + "; Path=/; HttpOnly; SameSite=Lax");
    }

    /**
     * The last step: the shows the user's entitlements unlock, the one they came for on top. A sandbox show is
     * listed only when the flow started from its own link.
     */
    public Response completion(Request request) {
        Completions.Completion completion = spotify.completions()
                .find(request.pathParameter())
                .orElseThrow(() -> new Rejection(404, "UNKNOWN_COMPLETION", "This completion page does not exist"));
        Set<String> entitlements = spotify.links()
                .entitlements(completion.partnerId(), completion.partnerUserId())
                .orElse(Set.of());
        Partner partner = spotify.partners().partner(completion.partnerId()).orElse(null);
        String userName = spotify.config()
                .user(completion.spotifyUserId())
                .map(TestUser::displayName)
                .orElse(completion.spotifyUserId());
        Optional<String> remembered =
                request.cookie(SHOW_COOKIE).filter(uri -> SHOW_URI.matcher(uri).matches());
        List<Show> partnerShows = spotify.shows().of(completion.partnerId());
        List<Show> unlocked = unlockedShows(partnerShows, entitlements, remembered.orElse(null));
        Show rememberedShow = remembered
                .flatMap(uri ->
                        partnerShows.stream().filter(s -> s.uri().equals(uri)).findFirst())
                .orElse(null);
        String partnerName = partner == null ? completion.partnerId() : partner.name();
        return Response.html(
                200,
                CompletionPage.render(
                        userName,
                        partnerName,
                        Html.partnerLogo(partner),
                        unlocked,
                        remembered.orElse(null),
                        rememberedShow));
    }

    private static List<Show> unlockedShows(List<Show> catalogue, Set<String> entitlements, String rememberedUri) {
        List<Show> unlocked = new ArrayList<>();
        for (Show show : catalogue) {
            boolean listed = !show.sandbox() || show.uri().equals(rememberedUri);
            if (listed && show.entitlements().stream().anyMatch(entitlements::contains)) {
                if (show.uri().equals(rememberedUri)) {
                    unlocked.add(0, show);
                } else {
                    unlocked.add(show);
                }
            }
        }
        return unlocked;
    }

    /** The completion page's markup, stable for browser tests. */
    static final class CompletionPage {
        private CompletionPage() {}

        static String render(
                String userName,
                String partnerName,
                String logo,
                List<Show> unlocked,
                String rememberedUri,
                Show rememberedShow) {
            StringBuilder items = new StringBuilder();
            for (Show show : unlocked) {
                boolean highlighted = show.uri().equals(rememberedUri);
                items.append("<li data-show-uri=\"")
                        .append(Html.escape(show.uri()))
                        .append('"')
                        .append(highlighted ? " class=\"highlighted\"" : "")
                        .append('>')
                        .append(Html.escape(show.title()))
                        .append("</li>\n");
            }
            String lockedNote = rememberedShow != null
                            && unlocked.stream().noneMatch(s -> s.uri().equals(rememberedUri))
                    ? "<p id=\"locked-show\">" + Html.escape(rememberedShow.title())
                            + " is not included in your membership.</p>\n"
                    : "";
            String emptyNote = unlocked.isEmpty() ? "<p id=\"no-shows\">No shows are unlocked yet.</p>\n" : "";
            return Html.page("You're all set", """
                    %s<h1>You're all set, %s</h1>
                    <p>Your Spotify account is linked to <span id="partner-name">%s</span>.</p>
                    %s%s<ul id="unlocked-shows">
                    %s</ul>
                    """.formatted(
                            logo, Html.escape(userName), Html.escape(partnerName), lockedNote, emptyNote, items));
        }
    }
}
