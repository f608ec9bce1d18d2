package org.openaccess.partner.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

@org.junit.jupiter.api.Tag("integration")
class TemplateTablesTest {

    private final DynamoDbClient dynamo = Dynalite.shared().client();

    @Test
    void createsEveryTableOfTheTemplateWithItsKey() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> tables = TemplateTables.fromRepository().createAll(dynamo, suffix);

        assertEquals(
                Map.of(
                        "LinkStatesTable",
                        "link-states-" + suffix,
                        "LinksTable",
                        "links-" + suffix,
                        "EntitlementsTable",
                        "entitlements-" + suffix,
                        "PartnersTable",
                        "partners-" + suffix,
                        "ReconcileStateTable",
                        "reconcile-state-" + suffix),
                tables);
        assertEquals("stateHash", keyOf(tables.get("LinkStatesTable"), KeyType.HASH));
        assertEquals("userId", keyOf(tables.get("LinksTable"), KeyType.HASH));
        assertEquals("partnerId", keyOf(tables.get("LinksTable"), KeyType.RANGE));
        assertEquals("userId", keyOf(tables.get("EntitlementsTable"), KeyType.HASH));
        assertEquals("partnerId", keyOf(tables.get("EntitlementsTable"), KeyType.RANGE));
        assertEquals("slug", keyOf(tables.get("PartnersTable"), KeyType.HASH));
        assertEquals(
                "byPartnerId",
                describe(tables.get("PartnersTable"))
                        .globalSecondaryIndexes()
                        .get(0)
                        .indexName());
        assertEquals(
                BillingMode.PAY_PER_REQUEST,
                describe(tables.get("LinksTable")).billingModeSummary().billingMode());
    }

    @Test
    void mapsTheTemplatesTableVariablesToTheCreatedTables() {
        TemplateTables templateTables = TemplateTables.fromRepository();
        Map<String, String> tables = templateTables.createAll(dynamo, "env");

        assertEquals(
                Map.of(
                        "LINK_STATES_TABLE",
                        "link-states-env",
                        "LINKS_TABLE",
                        "links-env",
                        "ENTITLEMENTS_TABLE",
                        "entitlements-env",
                        "RECONCILE_STATE_TABLE",
                        "reconcile-state-env",
                        "PARTNERS_TABLE",
                        "partners-env"),
                templateTables.environment(tables));
    }

    @Test
    void honoursIndexesSortKeysAndProvisionedBilling() {
        SamTemplate template = SamTemplate.parse("""
                Resources:
                  OrdersTable:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      BillingMode: PROVISIONED
                      ProvisionedThroughput: {ReadCapacityUnits: 3, WriteCapacityUnits: 2}
                      AttributeDefinitions:
                        - {AttributeName: customer, AttributeType: S}
                        - {AttributeName: placedAt, AttributeType: N}
                        - {AttributeName: status, AttributeType: S}
                      KeySchema:
                        - {AttributeName: customer, KeyType: HASH}
                        - {AttributeName: placedAt, KeyType: RANGE}
                      GlobalSecondaryIndexes:
                        - IndexName: byStatus
                          KeySchema: [{AttributeName: status, KeyType: HASH}]
                          Projection: {ProjectionType: KEYS_ONLY}
                          ProvisionedThroughput: {ReadCapacityUnits: 1, WriteCapacityUnits: 1}
                """);
        Map<String, String> tables = new TemplateTables(template).createAll(dynamo, "indexes");

        TableDescription orders = describe(tables.get("OrdersTable"));
        assertEquals("orders-indexes", orders.tableName());
        assertEquals(
                List.of("customer", "placedAt"),
                orders.keySchema().stream().map(k -> k.attributeName()).toList());
        assertEquals(KeyType.RANGE, orders.keySchema().get(1).keyType());
        assertEquals(3L, orders.provisionedThroughput().readCapacityUnits());
        assertEquals("byStatus", orders.globalSecondaryIndexes().get(0).indexName());
        assertEquals(
                ProjectionType.KEYS_ONLY,
                orders.globalSecondaryIndexes().get(0).projection().projectionType());
    }

    @Test
    void namesTablesFromTheirLogicalIds() {
        assertEquals("link-states-x1", TemplateTables.tableName("LinkStatesTable", "x1"));
        assertEquals("entitlements", TemplateTables.tableName("EntitlementsTable", ""));
        assertEquals("audit-log-2", TemplateTables.tableName("AuditLog", "2"));
    }

    @Test
    void createsStreamSpecificationFromTheTemplate() {
        SamTemplate.Table entitlements = SamTemplate.load().tables().stream()
                .filter(t -> t.logicalId().equals("EntitlementsTable"))
                .findFirst()
                .orElseThrow();
        // dynalite ignores streams, so check the request that real DynamoDB would get.
        var request = TemplateTables.createRequest(entitlements, "entitlements-request");
        assertEquals("NEW_AND_OLD_IMAGES", request.streamSpecification().streamViewTypeAsString());
        assertNull(TemplateTables.createRequest(SamTemplate.load().tables().get(0), "x")
                .streamSpecification());
    }

    private TableDescription describe(String table) {
        return dynamo.describeTable(b -> b.tableName(table)).table();
    }

    /** The attribute of the table's key of that type (its partition key for HASH, its sort key for RANGE). */
    private String keyOf(String table, KeyType type) {
        return describe(table).keySchema().stream()
                .filter(k -> k.keyType() == type)
                .findFirst()
                .orElseThrow()
                .attributeName();
    }
}
