package org.openaccess.partner.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.RecordedCall;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.testing.PartnerMembership;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.testkit.Dynalite;
import org.openaccess.partner.testkit.TestContext;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * The partner's membership system changes a listener's entitlements right after the callback read them for
 * register-user and before the link is recorded (so the stream push skipped the change: not LINKED yet).
 * The callback's re-read must leave Spotify with the table's set.
 */
@org.junit.jupiter.api.Tag("integration")
class RaceWithEntitlementChangeTest {
    @RegisterExtension
    static SpotifyEmulatorExtension spotify =
            new SpotifyEmulatorExtension(EmulatorConfig.defaults().withAutoApproveUser("grace"));

    @Test
    void aChangeBetweenTheReadAndRecordingTheLinkReachesSpotify() {
        ChangeAfterFirstRead change = new ChangeAfterFirstRead("listener-race", Set.of("basic", "premium"));
        DynamoDbClient interleaved = TestDeployment.dynaliteClientWith(change);
        try (LinkingStack stack =
                LinkingStack.start(spotify.emulator(), Map.of("ALLOWED_COMPLETION_HOSTS", "127.0.0.1"), interleaved)) {
            change.table = stack.env().get("ENTITLEMENTS_TABLE");
            PartnerMembership.of(stack.wiring()).set(TestDeployment.member("listener-race"), Set.of("basic"));
            change.armed.set(true);

            APIGatewayV2HTTPResponse response = stack.invokeCallback(
                    LinkingStack.callbackEvent(stack.linkUpToCallback("listener-race")), TestContext.create());

            assertEquals(302, response.getStatusCode(), response.getBody());
            assertTrue(change.fired.get(), "the change was written between the read and the link record");
            assertEquals(
                    stack.wiring().entitlements().current(TestDeployment.member("listener-race")),
                    stack.spotifyEntitlements("listener-race"));
            assertEquals(Set.of("basic", "premium"), stack.spotifyEntitlements("listener-race"));
            List<String> endpoints = spotify.emulator().calls().stream()
                    .filter(call -> stack.puid("listener-race").equals(call.partnerUserId()))
                    .map(RecordedCall::endpoint)
                    .toList();
            assertEquals(List.of("register-user", "replace-entitlements"), endpoints);
        }
    }

    /** Writes a new entitlement set (as the partner's systems would) right after the first read of the user's item. */
    private static final class ChangeAfterFirstRead implements ExecutionInterceptor {
        final AtomicBoolean armed = new AtomicBoolean();
        final AtomicBoolean fired = new AtomicBoolean();
        private final String userId;
        private final Set<String> changed;
        volatile String table;

        ChangeAfterFirstRead(String userId, Set<String> changed) {
            this.userId = userId;
            this.changed = changed;
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof GetItemRequest read
                    && read.tableName().equals(table)
                    && armed.compareAndSet(true, false)) {
                Dynalite.shared()
                        .client()
                        .putItem(b -> b.tableName(table)
                                .item(Map.of(
                                        "userId", AttributeValue.fromS(userId),
                                        "partnerId", AttributeValue.fromS(EmulatorConfig.LOCAL_PARTNER_ID),
                                        "entitlements", AttributeValue.fromSs(List.copyOf(changed)))));
                fired.set(true);
            }
        }
    }
}
