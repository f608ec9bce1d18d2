package org.openaccess.partner.erasure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crac.Resource;
import org.openaccess.partner.core.erasure.DynamoUserRecords;
import org.openaccess.partner.core.erasure.UserErasure;
import org.openaccess.partner.core.linking.DynamoLinkStore;
import org.openaccess.partner.core.observability.JsonLog;
import org.openaccess.partner.core.wiring.CoreWiring;
import org.openaccess.partner.core.wiring.LambdaRuntimeSerialization;
import org.openaccess.partner.core.wiring.ThrowawayParts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SnapStart priming: before the snapshot, warm core (no network) and run this function's own path, the runtime's
 * JSON reading of the request and writing of the answer included: an erasure through the deployment's DynamoDB
 * adapters over in-memory answers (empty tables, so it finds nothing and never reaches Spotify) and a refused
 * request. Without it the first invoke after a restore loaded all of that (211 ms, docs/performance.md).
 */
final class EraseUserPriming implements Resource {
    private final CoreWiring wiring;

    EraseUserPriming(CoreWiring wiring) {
        this.wiring = wiring;
    }

    /** The dry run's parts are built here, so a function started without SnapStart never builds them. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        DynamoDbClient inMemory = ThrowawayParts.inMemoryDynamoDb();
        EraseUserHandler dryRun = new EraseUserHandler(new UserErasure(
                new DynamoUserRecords(inMemory, "warm-up", "warm-up", "warm-up"),
                new DynamoLinkStore(inMemory, "warm-up", wiring.clock()),
                wiring.openAccess()));
        wiring.prime();
        for (Map<String, Object> request : sampleRequests()) {
            Map<String, Object> asDelivered =
                    LambdaRuntimeSerialization.asTheRuntimeReadsIt(request).orElse(request);
            LambdaRuntimeSerialization.asTheRuntimeWritesIt(dryRun.erase(asDelivered, JsonLog.discarding()));
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to redo: no connection or random state was created before the snapshot.
    }

    /** A user to erase, and a request without one (refused): the two answers the function gives. */
    static List<Map<String, Object>> sampleRequests() {
        Map<String, Object> erase = new LinkedHashMap<>();
        erase.put("userId", "priming-user");
        return List.of(erase, new LinkedHashMap<>());
    }
}
