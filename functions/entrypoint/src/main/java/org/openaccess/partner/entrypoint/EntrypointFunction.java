package org.openaccess.partner.entrypoint;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openaccess.partner.core.observability.Metrics;
import org.openaccess.partner.web.HttpFunction;
import org.openaccess.partner.web.PrimingEvents;

/**
 * The deployed handler of GET /link ({@code EntrypointFunction::handleRequest} in template.yaml):
 * Micronaut's API Gateway HTTP API function with the shared web plumbing of {@link HttpFunction}.
 */
public class EntrypointFunction extends HttpFunction {

    public EntrypointFunction() {
        super();
    }

    public EntrypointFunction(ApplicationContext context) {
        super(context);
    }

    /**
     * A listener without a session and a request with a malformed show: routing, session check, the login
     * redirect and the error page run, without a state (no randomness) and without a network call.
     */
    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests() {
        return List.of(
                PrimingEvents.get("/link", Map.of()),
                PrimingEvents.get("/link", Map.of("spotifyShowUri", "spotify:show:priming")));
    }

    /** {@code LinksStarted}: a listener sent to Spotify's consent page. */
    @Override
    protected void count(Metrics metrics, String outcome, Optional<String> errorCode) {
        if (outcome.equals("redirect_to_authorize")) {
            metrics.linkStarted();
        }
    }
}
