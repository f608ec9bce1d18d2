package org.openaccess.partner.callback;

import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.openaccess.partner.core.entitlements.EntitlementStore;
import org.openaccess.partner.core.entitlements.EntitlementSync;
import org.openaccess.partner.core.entitlements.SyncOutcome;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.identity.PartnerUserIds;
import org.openaccess.partner.core.linking.LinkState;
import org.openaccess.partner.core.linking.LinkStateStore;
import org.openaccess.partner.core.linking.LinkStore;
import org.openaccess.partner.core.linking.OneWayHash;
import org.openaccess.partner.core.linking.SentEntitlements;
import org.openaccess.partner.core.spotify.AccountsClient;
import org.openaccess.partner.core.spotify.AccountsRejectedException;
import org.openaccess.partner.core.spotify.OpenAccessClient;
import org.openaccess.partner.core.spotify.OpenAccessResult;
import org.openaccess.partner.core.spotify.SpotifyUnavailableException;
import org.openaccess.partner.core.spotify.UserToken;
import org.openaccess.partner.web.Addresses;
import org.openaccess.partner.web.FailureException;
import org.openaccess.partner.web.Failures;

/**
 * Steps 5 to 12 of the linking flow (docs/linking-flow.md), the OAuth callback: Spotify sends the listener back
 * with a code (or a refusal); we check the state, exchange the code, register the user with their entitlements,
 * record the link, close the race with a concurrent entitlement change, and send the listener on to Spotify's
 * completion page.
 */
@Singleton
public record LinkCompletion(
        LinkStateStore linkStates,
        AccountsClient accounts,
        PartnerUserIds partnerUserIds,
        EntitlementStore entitlements,
        OpenAccessClient openAccess,
        LinkStore links,
        EntitlementSync entitlementSync,
        CompletionHosts completionHosts,
        Clock clock) {

    /** How the flow ended, when it did not fail. */
    public sealed interface Completed {
        /** Linked: where to send the listener, and what the follow-up sync did (for the log). */
        record Linked(URI completionUrl, String syncOutcome) implements Completed {}

        /** The listener chose not to link: not a failure; {@code retryPath} starts again from the same show. */
        record Cancelled(String retryPath) implements Completed {}
    }

    /** Runs the steps in order; any step that cannot go on throws a {@link FailureException}. */
    public Completed complete(CallbackParameters parameters, Optional<String> bindingNonce) {
        Optional<LinkState> taken = consumeState(parameters.state(), bindingNonce);
        if (parameters.error().isPresent()) {
            return declined(parameters.error().get(), taken);
        }
        LinkState state = taken.orElseThrow(() -> new FailureException(CallbackFailures.stateUnknown()));
        if (state.expiredAt(clock.instant())) {
            throw new FailureException(CallbackFailures.stateExpired());
        }
        UserToken token = exchangeCode(parameters.code().orElseThrow(), state);
        // Step 8: the PUID Spotify will know the listener by at the state's partner, and what they are entitled to
        // there now. The state carries the partner the entrypoint checked: the registry is not read again.
        String partnerId = state.partner().partnerId();
        Membership membership = new Membership(state.partnerUserId(), partnerId);
        String puid = partnerUserIds.derive(membership);
        Instant readAt = clock.instant();
        Set<String> current = entitlements.current(membership);
        URI completionUrl = registerUser(token, partnerId, puid, current);
        // Step 10: the link, with what was sent and when it was read.
        links.recordLinked(membership, puid, new SentEntitlements(current, readAt, clock.instant()));
        String syncOutcome = closeRaceWithConcurrentChange(membership);
        // Step 12: only ever on to Spotify's own completion page.
        if (!completionHosts.allows(completionUrl)) {
            throw new FailureException(CallbackFailures.completionHostNotAllowed());
        }
        return new Completed.Linked(completionUrl, syncOutcome);
    }

    /**
     * Step 5: a state is used once, and only by the browser that started it: the binding is checked before the
     * state is used up, for a code and a cancel alike, so another browser cannot spend a listener's state. Empty
     * when there is no such state (never issued, already used).
     */
    private Optional<LinkState> consumeState(String stateValue, Optional<String> bindingNonce) {
        return switch (linkStates.consume(OneWayHash.of(stateValue), bindingNonce.map(OneWayHash::of))) {
            case LinkStateStore.Consumed.Taken taken -> Optional.of(taken.state());
            case LinkStateStore.Consumed.Unknown unknown -> Optional.empty();
            case LinkStateStore.Consumed.OtherBrowser otherBrowser ->
                throw new FailureException(CallbackFailures.stateFromOtherBrowser());
        };
    }

    /** Step 6: the listener said no on Spotify (or Spotify refused); the state, if any, is used up. */
    private Completed declined(String error, Optional<LinkState> state) {
        if (error.equals("access_denied")) {
            return new Completed.Cancelled(state.map(taken -> Addresses.restartPath(taken.partner(), taken.showUri()))
                    .orElse(Addresses.restartPath(Optional.empty())));
        }
        throw new FailureException(CallbackFailures.authorizationFailed());
    }

    /** Step 7: the code and our PKCE verifier for the listener's token. */
    private UserToken exchangeCode(String code, LinkState state) {
        try {
            return accounts.exchangeCode(code, state.codeVerifier());
        } catch (AccountsRejectedException rejected) {
            throw new FailureException(
                    rejected.is("invalid_grant") ? CallbackFailures.codeRejected() : CallbackFailures.spotifyRejected(),
                    rejected);
        } catch (SpotifyUnavailableException unavailable) {
            throw new FailureException(Failures.spotifyUnavailable(), unavailable);
        }
    }

    /** Step 9: register-user with the listener's own token and the entitlements just read. */
    private URI registerUser(UserToken token, String partnerId, String puid, Set<String> current) {
        OpenAccessResult<URI> result = openAccess.registerUser(partnerId, token.accessToken(), puid, current);
        return switch (result) {
            case OpenAccessResult.Ok<URI> ok -> ok.value();
            case OpenAccessResult.Conflict<URI> conflict ->
                throw new FailureException(CallbackFailures.alreadyLinkedElsewhere());
            case OpenAccessResult.Retryable<URI> retryable ->
                throw new FailureException(
                        Failures.spotifyUnavailable(),
                        new IllegalStateException("register-user answered " + retryable.status()));
            case OpenAccessResult.Rejected<URI> rejected ->
                throw new FailureException(
                        CallbackFailures.spotifyRejected(),
                        new IllegalStateException("register-user answered " + rejected.status()));
            case OpenAccessResult.NotLinked<URI> notLinked ->
                throw new FailureException(
                        CallbackFailures.spotifyRejected(), new IllegalStateException("register-user answered 404"));
        };
    }

    /**
     * Step 11: a change written between our read and recording the link was skipped by the push function
     * (not LINKED yet); re-read and push it now. A failure here is logged, not shown: the link stands, and
     * the stream or the reconciler repairs the rest.
     */
    private String closeRaceWithConcurrentChange(Membership membership) {
        try {
            SyncOutcome outcome = entitlementSync.sync(membership);
            return outcome.getClass().getSimpleName();
        } catch (RuntimeException failed) {
            return "failed:" + failed.getClass().getSimpleName();
        }
    }
}
