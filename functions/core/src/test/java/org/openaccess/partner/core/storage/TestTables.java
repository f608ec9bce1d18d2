package org.openaccess.partner.core.storage;

import java.util.Map;
import java.util.UUID;
import org.openaccess.partner.testkit.Dynalite;
import org.openaccess.partner.testkit.TemplateTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The template's tables, freshly created in the shared dynalite under a unique suffix per test class. */
public record TestTables(DynamoDbClient client, String linkStates, String links, String entitlements) {
    public static TestTables create() {
        DynamoDbClient client = Dynalite.shared().client();
        Map<String, String> names = TemplateTables.fromRepository()
                .createAll(client, UUID.randomUUID().toString().substring(0, 8));
        return new TestTables(
                client, names.get("LinkStatesTable"), names.get("LinksTable"), names.get("EntitlementsTable"));
    }
}
