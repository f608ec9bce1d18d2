package org.openaccess.partner.core.fuzz;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openaccess.partner.core.testing.TestDeployment;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every item of the deployment's tables at one moment (link states, links, entitlements), to show that a refused
 * request stored nothing: compare a snapshot taken before the request with one taken after.
 */
public record StoredItems(Map<String, Set<Map<String, AttributeValue>>> byTable) {

    /** The link states, links and entitlements tables of an HTTP functions' test deployment. */
    public static StoredItems of(TestDeployment deployment) {
        return of(
                deployment.dynamo,
                List.of(
                        deployment.linkStatesTable(),
                        deployment.env.get("LINKS_TABLE"),
                        deployment.env.get("ENTITLEMENTS_TABLE")));
    }

    /** @param tables the tables' names (e.g. the deployment's LINK_STATES_TABLE, LINKS_TABLE, ENTITLEMENTS_TABLE) */
    public static StoredItems of(DynamoDbClient dynamo, List<String> tables) {
        Map<String, Set<Map<String, AttributeValue>>> byTable = new LinkedHashMap<>();
        for (String table : tables) {
            Set<Map<String, AttributeValue>> items = new HashSet<>();
            dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true))
                    .items()
                    .forEach(items::add);
            byTable.put(table, items);
        }
        return new StoredItems(byTable);
    }

    public Set<Map<String, AttributeValue>> in(String table) {
        return byTable.getOrDefault(table, Set.of());
    }

    /** The tables whose items differ between this snapshot and {@code later}. */
    public Set<String> changedIn(StoredItems later) {
        Set<String> changed = new HashSet<>();
        byTable.forEach((table, items) -> {
            if (!items.equals(later.in(table))) {
                changed.add(table);
            }
        });
        return changed;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        byTable.forEach((table, items) ->
                text.append(table).append(": ").append(items.size()).append(" items; "));
        return text.toString();
    }
}
