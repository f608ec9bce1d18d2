package org.openaccess.partner.entrypoint;

import jakarta.inject.Singleton;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.linking.LinkState;
import org.openaccess.partner.core.linking.LinkStateStore;
import org.openaccess.partner.core.linking.OneWayHash;
import org.openaccess.partner.core.partners.PartnerRoute;
import org.openaccess.partner.core.session.PartnerSession;
import org.openaccess.partner.core.session.SessionCheck;
import org.openaccess.partner.core.session.SessionVerifier;
import org.openaccess.partner.core.spotify.AccountsClient;
import org.openaccess.partner.core.spotify.Pkce;
import org.openaccess.partner.core.spotify.PkceGenerator;
import org.openaccess.partner.web.Addresses;
import org.openaccess.partner.web.Failure;
import org.openaccess.partner.web.FailureException;

/**
 * Steps 1 and 2 of the linking flow (docs/linking-flow.md), the Entrypoint URL: a listener logged in to the
 * partner's site is sent to Spotify's consent page with a fresh state, PKCE and browser binding; anyone else is
 * sent to log in first.
 */
@Singleton
public record LinkStart(
        SessionVerifier sessions,
        LinkStateStore linkStates,
        AccountsClient accounts,
        Settings settings,
        SecureRandom random,
        Clock clock) {
    static final Pattern SHOW_URI = Pattern.compile("^spotify:show:[0-9A-Za-z]{22}$");

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** Where the browser goes next. */
    public sealed interface Next {
        /** Not logged in (or a session that does not verify): to the partner's login, then back here. */
        record LogIn(URI loginUrl, String why) implements Next {}

        /** To Spotify's /authorize; {@code bindingNonce} goes into the browser-binding cookie. */
        record Authorize(URI authorizeUrl, String bindingNonce) implements Next {}
    }

    /**
     * Step 1: the show and the session are checked; step 2 (authorize) only for a valid session. {@code partner} is
     * the one the route named (already checked: the default partner, or an ACTIVE partner of the registry).
     */
    public Next start(PartnerRoute partner, Optional<String> sessionCookie, Optional<String> showUriParameter) {
        Optional<String> showUri = validShowUri(showUriParameter);
        SessionCheck check = sessions.verify(sessionCookie);
        return switch (check) {
            case SessionCheck.Valid valid -> authorize(valid.session(), partner, showUri);
            case SessionCheck.Missing missing -> new Next.LogIn(loginUrl(partner, showUri), "session_missing");
            case SessionCheck.Invalid invalid ->
                new Next.LogIn(loginUrl(partner, showUri), "session_invalid:" + invalid.reason());
        };
    }

    /** A show the flow should highlight: exactly {@code spotify:show:} and 22 base62 characters, or nothing. */
    static Optional<String> validShowUri(Optional<String> parameter) {
        Optional<String> given = parameter.filter(value -> !value.isEmpty());
        if (given.isPresent() && !SHOW_URI.matcher(given.get()).matches()) {
            throw new FailureException(Failure.badRequest(
                    "invalid_show_uri",
                    "This show link is not valid",
                    "The link you followed names a show in a form we do not recognise. "
                            + "Go back to the show and use its link again."));
        }
        return given;
    }

    /**
     * The partner's login with a return address built only from validated parts, so it can only ever be this
     * flow's own relative path ({@code /link} or {@code /link/<slug>} with a registry's slug, plus the validated
     * show), never a URL someone slipped in.
     */
    URI loginUrl(PartnerRoute partner, Optional<String> showUri) {
        return Addresses.withParameter(settings.partnerLoginUrl(), "return", Addresses.restartPath(partner, showUri));
    }

    /**
     * Step 2: a fresh state, PKCE and binding nonce; the state stored by its hash, with the partner the flow is for;
     * on to Spotify's consent.
     */
    private Next authorize(PartnerSession session, PartnerRoute partner, Optional<String> showUri) {
        String state = randomToken();
        String bindingNonce = randomToken();
        Pkce pkce = new PkceGenerator(random).generate();
        linkStates.save(LinkState.issued(
                OneWayHash.of(state),
                session.userId(),
                partner,
                pkce.verifier(),
                OneWayHash.of(bindingNonce),
                showUri,
                clock.instant()));
        return new Next.Authorize(accounts.authorizeUrl(state, pkce.challenge()), bindingNonce);
    }

    /** 256 bits from SecureRandom, base64url: unguessable state and nonce values. */
    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }
}
