package org.openaccess.partner.local.schedule;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ScheduledInvokerTest {

    @Test
    void runsTheFunctionOnItsScheduleWithEventBridgesEventEvenAfterAFailure() {
        List<ScheduledEvent> events = new CopyOnWriteArrayList<>();
        List<Integer> remainingMillis = new CopyOnWriteArrayList<>();
        RequestHandler<ScheduledEvent, String> handler = (ScheduledEvent event, Context context) -> {
            events.add(event);
            remainingMillis.add(context.getRemainingTimeInMillis());
            if (events.size() == 1) {
                throw new IllegalStateException("first run fails");
            }
            return "ok";
        };
        try (ScheduledInvoker invoker = new ScheduledInvoker(
                        "ReconcileFunction", handler, Duration.ofSeconds(300), "eu-west-1")
                .start(Duration.ofMillis(200))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> events.size() >= 3);
        }

        ScheduledEvent event = events.get(1);
        assertEquals("Scheduled Event", event.getDetailType());
        assertEquals("aws.events", event.getSource());
        assertEquals("eu-west-1", event.getRegion());
        assertEquals(
                List.of("arn:aws:events:eu-west-1:000000000000:rule/ReconcileFunction-schedule"), event.getResources());
        assertTrue(event.getTime() != null);
        assertTrue(remainingMillis.get(1) > 100_000 && remainingMillis.get(1) <= 300_000, remainingMillis.toString());
    }
}
