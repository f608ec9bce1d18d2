package org.openaccess.partner.callback;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openaccess.partner.core.observability.Metrics;
import org.openaccess.partner.web.HttpFunction;
import org.openaccess.partner.web.PrimingEvents;

/**
 * The deployed handler of GET /callback ({@code CallbackFunction::handleRequest} in template.yaml):
 * Micronaut's API Gateway HTTP API function with the shared web plumbing of {@link HttpFunction}.
 */
public class CallbackFunction extends HttpFunction {

    public CallbackFunction() {
        super();
    }

    public CallbackFunction(ApplicationContext context) {
        super(context);
    }

    /**
     * Requests that fail parameter checks: routing, the parameter parser, the cookie filter and the error page
     * run, and nothing reaches DynamoDB or Spotify.
     */
    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests() {
        return List.of(
                PrimingEvents.get("/callback", Map.of()),
                PrimingEvents.get("/callback", Map.of("state", "priming-state-0123456789", "code", "c", "error", "e")));
    }

    /**
     * {@code LinksCompleted}, or {@code LinkFailures} by the code the listener was shown ({@code user_cancelled},
     * a notice, has no error code: its outcome is its code).
     */
    @Override
    protected void count(Metrics metrics, String outcome, Optional<String> errorCode) {
        if (outcome.equals("linked")) {
            metrics.linkCompleted();
        } else {
            metrics.linkFailed(errorCode.orElse(outcome));
        }
    }
}
