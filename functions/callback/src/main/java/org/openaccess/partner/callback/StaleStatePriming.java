package org.openaccess.partner.callback;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.wiring.ThrowawayParts;
import org.openaccess.partner.web.FailureException;
import org.openaccess.partner.web.LinkBindingCookie;
import org.openaccess.partner.web.Priming;
import org.openaccess.partner.web.PrimingEvents;

/**
 * SnapStart priming of GET /callback up to the state's check, which the priming requests stop before (they fail the
 * parameter checks): a controller and a {@link LinkCompletion} of their own, whose link-state store holds no state
 * and is answered in memory, take a callback with a code and one with a cancel, each with its browser's binding
 * cookie, through the state's conditional delete to "state unknown" and to the cancelled page. That is the path of a
 * stale callback (a used state, the back button) and the first half of every callback. The function's own
 * controller, LinkCompletion and store are not touched; nothing reaches Spotify or a table.
 */
@Singleton
record StaleStatePriming(LinkCompletion linkCompletion, Settings settings) implements Priming {
    private static final String STATE = "priming-state-" + "0".repeat(32);

    @Override
    public void prime() {
        LinkCompletion throwaway = new LinkCompletion(
                ThrowawayParts.emptyLinkStates(settings.partnerId()),
                linkCompletion.accounts(),
                linkCompletion.partnerUserIds(),
                linkCompletion.entitlements(),
                linkCompletion.openAccess(),
                linkCompletion.links(),
                linkCompletion.entitlementSync(),
                linkCompletion.completionHosts(),
                linkCompletion.clock());
        CallbackController controller = new CallbackController(throwaway);
        try {
            controller.callback(callback(Map.of("state", STATE, "code", "priming-code")));
            throw new IllegalStateException("Priming's stale callback was not refused");
        } catch (FailureException refused) {
            if (!refused.failure().code().equals("state_unknown")) {
                throw new IllegalStateException(
                        "Priming's stale callback met " + refused.failure().code(), refused);
            }
        }
        HttpResponse<?> cancelled = controller.callback(callback(Map.of("state", STATE, "error", "access_denied")));
        if (cancelled.getStatus() != HttpStatus.OK) {
            throw new IllegalStateException("Priming's cancelled callback answered " + cancelled.getStatus());
        }
    }

    private static APIGatewayV2HTTPEvent callback(Map<String, String> parameters) {
        APIGatewayV2HTTPEvent event = PrimingEvents.get("/callback", parameters);
        event.setCookies(List.of(LinkBindingCookie.NAME + "=priming-binding-nonce"));
        return event;
    }
}
