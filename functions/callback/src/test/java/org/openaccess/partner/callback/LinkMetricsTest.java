package org.openaccess.partner.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.partner.core.testing.DeployedFunction;
import org.openaccess.partner.testkit.EmfDocuments;
import org.openaccess.partner.testkit.ShownError;
import org.openaccess.partner.testkit.TestContext;

/**
 * The linking metrics as the deployed entrypoint and callback print them (EMF lines on standard output, flushed
 * per request): links started, completed, and failed by the code the listener was shown.
 */
@org.junit.jupiter.api.Tag("integration")
class LinkMetricsTest {
    @RegisterExtension
    static DeployedFunction<CallbackFunction> callback =
            LinkingStack.deployed(EmulatorConfig.defaults().withAutoApproveUser("ada"));

    private final LinkingStack stack = LinkingStack.on(callback);

    @Test
    void aLinkIsCountedStartedThenCompletedWithItsSpotifyCalls() {
        AtomicReference<LinkingStack.Approved> approved = new AtomicReference<>();
        List<JsonNode> started = EmfDocuments.printedBy(() -> approved.set(stack.linkUpToCallback("listener-m1")));
        AtomicReference<APIGatewayV2HTTPResponse> response = new AtomicReference<>();

        List<JsonNode> completed = EmfDocuments.printedBy(() ->
                response.set(stack.invokeCallback(LinkingStack.callbackEvent(approved.get()), TestContext.create())));

        assertEquals(1, EmfDocuments.sum(started, "LinksStarted", Map.of()));
        assertEquals(302, response.get().getStatusCode(), response.get().getBody());
        assertEquals(1, EmfDocuments.sum(completed, "LinksCompleted", Map.of()));
        assertEquals(0, EmfDocuments.sum(completed, "LinkFailures", Map.of()));
        assertEquals(1, EmfDocuments.sum(completed, "SpotifyCalls", Map.of("Endpoint", "token", "Outcome", "ok")));
        assertEquals(
                1, EmfDocuments.sum(completed, "SpotifyCalls", Map.of("Endpoint", "register-user", "Outcome", "ok")));
        assertEquals(1, EmfDocuments.count(completed, "SpotifyLatency", Map.of("Endpoint", "register-user")));
    }

    @Test
    void aCancelOnSpotifyIsAFailureCodedUserCancelledWhichTheRatioAlarmLeavesOut() {
        LinkingStack.Started started = stack.startLink("listener-m2", Optional.empty());
        AtomicReference<APIGatewayV2HTTPResponse> response = new AtomicReference<>();

        List<JsonNode> metrics = EmfDocuments.printedBy(() -> response.set(
                stack.invokeCallback(LinkingStack.errorEvent(started, "access_denied"), TestContext.create())));

        assertEquals("user_cancelled", ShownError.code(response.get()));
        assertEquals(1, EmfDocuments.sum(metrics, "LinkFailures", Map.of("ErrorCode", "user_cancelled")));
        assertEquals(1, EmfDocuments.sum(metrics, "LinkFailures", Map.of()));
        assertEquals(0, EmfDocuments.sum(metrics, "LinksCompleted", Map.of()));
    }

    @Test
    void aRefusedCallbackIsAFailureByTheCodeOnItsPage() {
        LinkingStack.Approved approved = stack.linkUpToCallback("listener-m3");
        stack.invokeCallback(LinkingStack.callbackEvent(approved), TestContext.create());
        AtomicReference<APIGatewayV2HTTPResponse> replay = new AtomicReference<>();

        List<JsonNode> metrics = EmfDocuments.printedBy(
                () -> replay.set(stack.invokeCallback(LinkingStack.callbackEvent(approved), TestContext.create())));

        String shown = ShownError.code(replay.get());
        assertTrue(replay.get().getStatusCode() >= 400, shown);
        assertEquals(1, EmfDocuments.sum(metrics, "LinkFailures", Map.of("ErrorCode", shown)));
        assertEquals(
                Set.of(
                        new EmfDocuments.Emitted("OpenAccessPartner", "LinkFailures", Set.of("ErrorCode")),
                        new EmfDocuments.Emitted("OpenAccessPartner", "LinkFailures", Set.of())),
                EmfDocuments.metricsOf(metrics));
    }
}
