package org.openaccess.partner.unlink;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.observability.Metrics;
import org.openaccess.partner.web.HttpFunction;
import org.openaccess.partner.web.PrimingEvents;

/**
 * The deployed handler of POST /unlink ({@code UnlinkFunction::handleRequest} in template.yaml): Micronaut's
 * API Gateway HTTP API function with the shared web plumbing of {@link HttpFunction}.
 */
public class UnlinkFunction extends HttpFunction {

    public UnlinkFunction() {
        super();
    }

    public UnlinkFunction(ApplicationContext context) {
        super(context);
    }

    /**
     * A post from a foreign site and one from the partner's site without a session: routing, the CSRF check,
     * the session check and both error pages run, without a network call or any randomness.
     */
    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests() {
        String partnerOrigin =
                getApplicationContext().getBean(Settings.class).partnerOrigins().getFirst();
        return List.of(post("https://priming.invalid"), post(partnerOrigin));
    }

    /** A priming POST /unlink from {@code origin}, as API Gateway routes it. */
    static APIGatewayV2HTTPEvent post(String origin) {
        APIGatewayV2HTTPEvent event = PrimingEvents.get("/unlink", Map.of());
        event.getRequestContext().getHttp().setMethod("POST");
        event.getRequestContext().setRouteKey("POST /unlink");
        event.setRouteKey("POST /unlink");
        event.getHeaders().put("origin", origin);
        return event;
    }

    /** {@code Unlinks}: the listener's link ended here (not a refusal, nor a listener who was not linked). */
    @Override
    protected void count(Metrics metrics, String outcome, Optional<String> errorCode) {
        if (outcome.equals("unlinked")) {
            metrics.unlinked();
        }
    }
}
