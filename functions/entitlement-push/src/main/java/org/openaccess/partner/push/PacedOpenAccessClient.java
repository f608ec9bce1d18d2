package org.openaccess.partner.push;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.openaccess.partner.core.spotify.OpenAccessClient;
import org.openaccess.partner.core.spotify.OpenAccessResult;

/**
 * The Open Access client of one batch, every call through the container's {@link CallWindow}: a call starts only
 * within the window and outside a shared pause, and its answer moves the window. A call that could not start
 * before the batch's {@code deadline} is not made: it answers {@link OpenAccessResult.Retryable} (status 0, the
 * pause left as its Retry-After), which the sync treats like Spotify's own "try later".
 */
record PacedOpenAccessClient(OpenAccessClient spotify, CallWindow window, Instant deadline)
        implements OpenAccessClient {

    @Override
    public OpenAccessResult<URI> registerUser(
            String partnerId, String userAccessToken, String partnerUserId, Set<String> entitlements) {
        return paced(() -> spotify.registerUser(partnerId, userAccessToken, partnerUserId, entitlements));
    }

    @Override
    public OpenAccessResult<Void> unlinkUser(String partnerId, String partnerUserId) {
        return paced(() -> spotify.unlinkUser(partnerId, partnerUserId));
    }

    @Override
    public OpenAccessResult<Void> addEntitlements(String partnerId, String partnerUserId, Set<String> entitlements) {
        return paced(() -> spotify.addEntitlements(partnerId, partnerUserId, entitlements));
    }

    @Override
    public OpenAccessResult<Void> deleteEntitlements(String partnerId, String partnerUserId, Set<String> entitlements) {
        return paced(() -> spotify.deleteEntitlements(partnerId, partnerUserId, entitlements));
    }

    @Override
    public OpenAccessResult<Set<String>> getEntitlements(String partnerId, String partnerUserId) {
        return paced(() -> spotify.getEntitlements(partnerId, partnerUserId));
    }

    @Override
    public OpenAccessResult<Void> replaceEntitlements(
            String partnerId, String partnerUserId, Set<String> entitlements) {
        return paced(() -> spotify.replaceEntitlements(partnerId, partnerUserId, entitlements));
    }

    private <T> OpenAccessResult<T> paced(Supplier<OpenAccessResult<T>> call) {
        Optional<CallWindow.Permit> permit = window.enter(deadline);
        if (permit.isEmpty()) {
            return new OpenAccessResult.Retryable<>(
                    0, window.pauseLeft(), "not sent: no place in the call window before the deadline");
        }
        CallWindow.Answer answer = CallWindow.Answer.FAILED;
        Optional<java.time.Duration> retryAfter = Optional.empty();
        try {
            OpenAccessResult<T> result = call.get();
            if (result instanceof OpenAccessResult.Retryable<T> retry) {
                answer = retry.status() == 429 ? CallWindow.Answer.THROTTLED : CallWindow.Answer.FAILED;
                retryAfter = retry.retryAfter();
            } else {
                answer = CallWindow.Answer.ANSWERED;
            }
            return result;
        } finally {
            window.leave(permit.get(), answer, retryAfter);
        }
    }
}
