package org.openaccess.partner.callback;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openaccess.partner.web.FailureException;
import org.openaccess.partner.web.Failures;

/**
 * Step 4 of the linking flow (docs/linking-flow.md): what Spotify sent back, checked before anything else: a state, and exactly one of
 * {@code code} or {@code error}, each of bounded length and plain characters. A repeated parameter arrives
 * comma-joined from API Gateway and fails the character check.
 */
public record CallbackParameters(String state, Optional<String> code, Optional<String> error) {
    private static final Pattern STATE = Pattern.compile("^[A-Za-z0-9_-]{16,128}$");
    private static final Pattern CODE = Pattern.compile("^[A-Za-z0-9._~+/=-]{1,2048}$");
    private static final Pattern ERROR = Pattern.compile("^[a-z_]{1,64}$");

    public static CallbackParameters parse(Map<String, String> query) {
        Map<String, String> parameters = query == null ? Map.of() : query;
        String state = parameters.get("state");
        Optional<String> code = Optional.ofNullable(parameters.get("code"));
        Optional<String> error = Optional.ofNullable(parameters.get("error"));
        if (state == null || state.isEmpty()) {
            throw invalid("The link is missing part of what Spotify sends back.");
        }
        if (!STATE.matcher(state).matches()
                || code.isPresent() == error.isPresent()
                || code.filter(value -> !CODE.matcher(value).matches()).isPresent()
                || error.filter(value -> !ERROR.matcher(value).matches()).isPresent()) {
            throw invalid("The link is not in the form Spotify sends back.");
        }
        return new CallbackParameters(state, code, error);
    }

    private static FailureException invalid(String detail) {
        return new FailureException(
                Failures.invalidRequest(detail + " Please start linking again from the partner's site.")
                        .withRetry(Failures.RESTART_PATH));
    }

    @Override
    public String toString() {
        return "CallbackParameters[redacted]";
    }
}
