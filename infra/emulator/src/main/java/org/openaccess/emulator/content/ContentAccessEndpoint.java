package org.openaccess.emulator.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.Show;
import org.openaccess.emulator.TestUser;
import org.openaccess.emulator.http.FormData;
import org.openaccess.emulator.http.Html;
import org.openaccess.emulator.http.Rejection;
import org.openaccess.emulator.http.Request;
import org.openaccess.emulator.http.Response;
import org.openaccess.emulator.openaccess.Completions;
import org.openaccess.emulator.openaccess.LinkRegistry;
import org.openaccess.emulator.openaccess.Partner;
import org.openaccess.emulator.openaccess.PartnerDirectory;

/**
 * Spotify's side of the linking flow in the browser: {@code /link/{partnerId}} (the "Get access"
 * button: remember the show, go to the partner) and the completion page after register-user.
 */
public final class ContentAccessEndpoint {
    /** Spotify keeps the show in a cookie on its own domain; here, on the emulator's origin. */
    public static final String SHOW_COOKIE = "spotify_show_uri";

    private static final Pattern SHOW_URI = Pattern.compile("spotify:show:[0-9A-Za-z]{22}");
    private static final FormData.ErrorCodes PAGE = FormData.ErrorCodes.PAGE;

    private final EmulatorConfig config;
    private final PartnerDirectory partners;
    private final LinkRegistry links;
    private final Completions completions;

    public ContentAccessEndpoint(
            EmulatorConfig config, PartnerDirectory partners, LinkRegistry links, Completions completions) {
        this.config = config;
        this.partners = partners;
        this.links = links;
        this.completions = completions;
    }

    /** Step 0 of the flow when it starts on Spotify: remember the show, send the user to the partner. */
    public Response startLinking(Request request) {
        Partner partner = partners.partner(request.pathParameter())
                .orElseThrow(() -> new Rejection(404, "UNKNOWN_PARTNER", "There is no partner with this id"));
        String showUri = request.query(PAGE)
                .nonEmpty("spotifyShowUri", PAGE)
                .orElseThrow(() -> Rejection.badRequest("INVALID_REQUEST", "spotifyShowUri is required"));
        if (!SHOW_URI.matcher(showUri).matches()) {
            throw Rejection.badRequest(
                    "INVALID_SHOW_URI", "spotifyShowUri must look like spotify:show:<22 base62 characters>");
        }
        if (show(showUri).isEmpty()) {
            throw new Rejection(404, "UNKNOWN_SHOW", "No show with this URI in the emulator's catalogue");
        }
        return Response.redirect(partner.entrypointUrl())
                .withHeader("Set-Cookie", SHOW_COOKIE + "=" + showUri + "; Path=/; HttpOnly; SameSite=Lax");
    }

    /**
     * The last step: the shows the user's entitlements unlock, the one they came for on top. A sandbox show is
     * listed only when the flow started from its own link.
     */
    public Response completion(Request request) {
        Completions.Completion completion = completions
                .find(request.pathParameter())
                .orElseThrow(() -> new Rejection(404, "UNKNOWN_COMPLETION", "This completion page does not exist"));
        Set<String> entitlements = links.entitlements(completion.partnerId(), completion.partnerUserId())
                .orElse(Set.of());
        String partnerName =
                partners.partner(completion.partnerId()).map(Partner::name).orElse(completion.partnerId());
        String userName = config.user(completion.spotifyUserId())
                .map(TestUser::displayName)
                .orElse(completion.spotifyUserId());
        Optional<String> remembered =
                request.cookie(SHOW_COOKIE).filter(uri -> SHOW_URI.matcher(uri).matches());
        List<Show> unlocked = unlockedShows(entitlements, remembered.orElse(null));
        return Response.html(
                200,
                CompletionPage.render(
                        userName,
                        partnerName,
                        unlocked,
                        remembered.orElse(null),
                        remembered.flatMap(this::show).orElse(null)));
    }

    private List<Show> unlockedShows(Set<String> entitlements, String rememberedUri) {
        List<Show> unlocked = new ArrayList<>();
        for (Show show : config.shows()) {
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

    private Optional<Show> show(String uri) {
        return config.shows().stream().filter(s -> s.uri().equals(uri)).findFirst();
    }

    /** The completion page's markup, stable for browser tests. */
    static final class CompletionPage {
        private CompletionPage() {}

        static String render(
                String userName, String partnerName, List<Show> unlocked, String rememberedUri, Show rememberedShow) {
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
                    <h1>You're all set, %s</h1>
                    <p>Your Spotify account is linked to <span id="partner-name">%s</span>.</p>
                    %s%s<ul id="unlocked-shows">
                    %s</ul>
                    """.formatted(
                            Html.escape(userName), Html.escape(partnerName), lockedNote, emptyNote, items));
        }
    }
}
