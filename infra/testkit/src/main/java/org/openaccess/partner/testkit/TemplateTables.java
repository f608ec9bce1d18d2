package org.openaccess.partner.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/**
 * Creates the template's DynamoDB tables (keys, attributes, indexes, billing) in any DynamoDB, e.g. dynalite.
 * The tables come from {@code template.yaml} itself, so tests never use a second, drifting copy.
 */
public final class TemplateTables {

    private final SamTemplate template;

    public TemplateTables(SamTemplate template) {
        this.template = template;
    }

    /**
     * dynalite makes a table ACTIVE within milliseconds, but a loaded machine can answer the first DescribeTable
     * with CREATING, and the SDK waiter's default then sleeps 20 s before asking again: poll every 20 ms instead.
     */
    private static final WaiterOverrideConfiguration TABLE_ACTIVE_POLL = WaiterOverrideConfiguration.builder()
            .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(20)))
            .maxAttempts(1_500)
            .waitTimeout(Duration.ofSeconds(30))
            .build();

    /** The tables of the repository's {@code template.yaml}. */
    public static TemplateTables fromRepository() {
        return new TemplateTables(SamTemplate.load());
    }

    /**
     * Creates every table, named from its logical id plus a suffix ({@code LinkStatesTable} -> {@code link-states-<suffix>}),
     * and returns logical id -> table name.
     */
    public Map<String, String> createAll(DynamoDbClient dynamo, String nameSuffix) {
        Map<String, String> created = new LinkedHashMap<>();
        for (SamTemplate.Table table : template.tables()) {
            String name = tableName(table.logicalId(), nameSuffix);
            dynamo.createTable(createRequest(table, name));
            dynamo.waiter()
                    .waitUntilTableExists(
                            DescribeTableRequest.builder().tableName(name).build(), TABLE_ACTIVE_POLL);
            created.put(table.logicalId(), name);
        }
        return created;
    }

    /**
     * The environment variables that name tables in the template ({@code LINKS_TABLE: !Ref LinksTable}, Globals
     * included), resolved to the tables {@link #createAll} made.
     */
    public Map<String, String> environment(Map<String, String> createdTables) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (SamTemplate.Function function : template.functions()) {
            function.environment().forEach((variable, value) -> {
                String table = createdTables.get(value.path("Ref").asText(""));
                if (table != null) {
                    environment.put(variable, table);
                }
            });
        }
        return environment;
    }

    /** {@code LinkStatesTable} + "abc" -> {@code link-states-abc}; an empty suffix leaves no trailing dash. */
    public static String tableName(String logicalId, String nameSuffix) {
        String base = logicalId.endsWith("Table") && logicalId.length() > "Table".length()
                ? logicalId.substring(0, logicalId.length() - "Table".length())
                : logicalId;
        String kebab = base.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        return nameSuffix == null || nameSuffix.isEmpty() ? kebab : kebab + "-" + nameSuffix;
    }

    static CreateTableRequest createRequest(SamTemplate.Table table, String name) {
        JsonNode properties = table.properties();
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .keySchema(keySchema(properties.path("KeySchema")))
                .attributeDefinitions(attributeDefinitions(properties.path("AttributeDefinitions")));
        boolean onDemand =
                "PAY_PER_REQUEST".equals(properties.path("BillingMode").asText("PROVISIONED"));
        if (onDemand) {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        } else {
            request.billingMode(BillingMode.PROVISIONED)
                    .provisionedThroughput(throughput(properties.path("ProvisionedThroughput")));
        }
        List<GlobalSecondaryIndex> globalIndexes = globalIndexes(properties.path("GlobalSecondaryIndexes"), onDemand);
        if (!globalIndexes.isEmpty()) {
            request.globalSecondaryIndexes(globalIndexes);
        }
        List<LocalSecondaryIndex> localIndexes = localIndexes(properties.path("LocalSecondaryIndexes"));
        if (!localIndexes.isEmpty()) {
            request.localSecondaryIndexes(localIndexes);
        }
        JsonNode stream = properties.path("StreamSpecification");
        if (stream.has("StreamViewType")) {
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType(stream.path("StreamViewType").asText())
                    .build());
        }
        return request.build();
    }

    private static List<KeySchemaElement> keySchema(JsonNode keys) {
        List<KeySchemaElement> schema = eachOf(
                keys,
                key -> KeySchemaElement.builder()
                        .attributeName(key.path("AttributeName").asText())
                        .keyType(key.path("KeyType").asText())
                        .build());
        if (schema.isEmpty()) {
            throw new IllegalArgumentException("A table in the template has no KeySchema");
        }
        return schema;
    }

    private static List<AttributeDefinition> attributeDefinitions(JsonNode definitions) {
        return eachOf(
                definitions,
                definition -> AttributeDefinition.builder()
                        .attributeName(definition.path("AttributeName").asText())
                        .attributeType(definition.path("AttributeType").asText())
                        .build());
    }

    private static List<GlobalSecondaryIndex> globalIndexes(JsonNode indexes, boolean onDemand) {
        return eachOf(indexes, index -> {
            GlobalSecondaryIndex.Builder builder = GlobalSecondaryIndex.builder()
                    .indexName(index.path("IndexName").asText())
                    .keySchema(keySchema(index.path("KeySchema")))
                    .projection(projection(index.path("Projection")));
            if (!onDemand) {
                builder.provisionedThroughput(throughput(index.path("ProvisionedThroughput")));
            }
            return builder.build();
        });
    }

    private static List<LocalSecondaryIndex> localIndexes(JsonNode indexes) {
        return eachOf(
                indexes,
                index -> LocalSecondaryIndex.builder()
                        .indexName(index.path("IndexName").asText())
                        .keySchema(keySchema(index.path("KeySchema")))
                        .projection(projection(index.path("Projection")))
                        .build());
    }

    /** Each element of a template list (none when the template leaves it out), converted. */
    private static <T> List<T> eachOf(JsonNode list, Function<JsonNode, T> convert) {
        List<T> converted = new ArrayList<>();
        list.forEach(element -> converted.add(convert.apply(element)));
        return converted;
    }

    private static Projection projection(JsonNode projection) {
        Projection.Builder builder = Projection.builder()
                .projectionType(projection.path("ProjectionType").asText("ALL"));
        List<String> nonKey = eachOf(projection.path("NonKeyAttributes"), JsonNode::asText);
        if (!nonKey.isEmpty()) {
            builder.nonKeyAttributes(nonKey);
        }
        return builder.build();
    }

    private static ProvisionedThroughput throughput(JsonNode throughput) {
        return ProvisionedThroughput.builder()
                .readCapacityUnits(throughput.path("ReadCapacityUnits").asLong(5))
                .writeCapacityUnits(throughput.path("WriteCapacityUnits").asLong(5))
                .build();
    }
}
