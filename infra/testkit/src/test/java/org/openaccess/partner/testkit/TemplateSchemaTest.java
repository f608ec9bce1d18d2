package org.openaccess.partner.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The deployment: template.yaml is a valid SAM template, least-privileged, with SnapStart everywhere. */
class TemplateSchemaTest {

    /** sam.schema.json of aws/serverless-application-model at commit 7000d0a3b0e5e0d9fca014ce135850718aad1290. */
    private static final String SAM_SCHEMA_SHA256 = "18a02eee06fa707271eb41ccb95d88b38a4f288772466ab9f9c3e780b549a283";

    private static Schema samSchema;
    private static SamTemplate template;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream schema = TemplateSchemaTest.class.getResourceAsStream("/aws-sam/sam.schema.json")) {
            samSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                    .getSchema(schema, InputFormat.JSON);
        }
        template = SamTemplate.load();
    }

    @Test
    void isAValidSamTemplate() {
        assertEquals(List.of(), messages(template.tree()));
    }

    @Test
    void theSchemaRejectsABrokenCopy() {
        ObjectNode misspelled = template.tree().deepCopy();
        ((ObjectNode) misspelled.at("/Resources/CallbackFunction/Properties"))
                .set("Handlr", misspelled.at("/Resources/CallbackFunction/Properties/Handler"));
        assertFalse(messages(misspelled).isEmpty(), "an unknown function property");

        ObjectNode noStream = template.tree().deepCopy();
        ((ObjectNode) noStream.at("/Resources/EntitlementPushFunction/Properties/Events/EntitlementChanges/Properties"))
                .remove("Stream");
        assertFalse(messages(noStream).isEmpty(), "a DynamoDB event without its stream");

        ObjectNode unknownEvent = template.tree().deepCopy();
        ((ObjectNode) unknownEvent.at("/Resources/EntrypointFunction/Properties/Events/Link")).put("Type", "HttpApii");
        assertFalse(messages(unknownEvent).isEmpty(), "an unknown event source type");

        ObjectNode unknownGlobal = template.tree().deepCopy();
        ((ObjectNode) unknownGlobal.at("/Globals/Function")).put("Runtimes", "java21");
        assertFalse(messages(unknownGlobal).isEmpty(), "an unknown Globals property");
    }

    /** The vendored schema is upstream's file unchanged (src/test/resources/aws-sam/README.md names the commit). */
    @Test
    void theBundledSchemaIsUpstreamsFileUnchanged() throws Exception {
        try (InputStream bundled = TemplateSchemaTest.class.getResourceAsStream("/aws-sam/sam.schema.json")) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bundled.readAllBytes());
            assertEquals(SAM_SCHEMA_SHA256, HexFormat.of().formatHex(digest));
        }
    }

    @Test
    void eachFunctionsPoliciesNameOnlyItsOwnTablesAndActions() {
        Map<String, Map<String, Set<String>>> expected = Map.of(
                "EntrypointFunction",
                        Map.of(
                                "LinkStatesTable.Arn", Set.of("dynamodb:PutItem"),
                                "PartnersTable.Arn", Set.of("dynamodb:GetItem")),
                "CallbackFunction",
                        Map.of(
                                "LinkStatesTable.Arn", Set.of("dynamodb:DeleteItem"),
                                "EntitlementsTable.Arn", Set.of("dynamodb:GetItem"),
                                "LinksTable.Arn",
                                        Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem")),
                "UnlinkFunction",
                        Map.of(
                                "LinksTable.Arn", Set.of("dynamodb:GetItem", "dynamodb:UpdateItem"),
                                "PartnersTable.Arn", Set.of("dynamodb:GetItem")),
                "EntitlementPushFunction",
                        Map.of(
                                "EntitlementsTable.Arn", Set.of("dynamodb:GetItem"),
                                "EntitlementsTable.StreamArn",
                                        Set.of(
                                                "dynamodb:DescribeStream",
                                                "dynamodb:GetRecords",
                                                "dynamodb:GetShardIterator",
                                                "dynamodb:ListStreams"),
                                "LinksTable.Arn", Set.of("dynamodb:GetItem", "dynamodb:UpdateItem")),
                "ReconcileFunction",
                        Map.of(
                                "LinksTable.Arn", Set.of("dynamodb:Scan", "dynamodb:GetItem", "dynamodb:UpdateItem"),
                                "EntitlementsTable.Arn", Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem"),
                                "ReconcileStateTable.Arn",
                                        Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem")),
                "EraseUserFunction",
                        Map.of(
                                "LinksTable.Arn", Set.of("dynamodb:Query", "dynamodb:GetItem", "dynamodb:DeleteItem"),
                                "EntitlementsTable.Arn", Set.of("dynamodb:Query", "dynamodb:DeleteItem"),
                                "LinkStatesTable.Arn", Set.of("dynamodb:Scan", "dynamodb:DeleteItem")));

        for (SamTemplate.Function function : template.functions()) {
            assertEquals(
                    new TreeMap<>(expected.get(function.logicalId())), tableGrants(function), function.logicalId());
        }
    }

    @Test
    void eachFunctionReadsOnlyTheOneSecretAndUsesOnlyExplicitStatements() {
        for (SamTemplate.Function function : template.functions()) {
            for (JsonNode policy : function.properties().path("Policies")) {
                assertEquals(
                        List.of("Statement"), fieldNames(policy), function.logicalId() + " uses a policy template");
            }
            List<JsonNode> secretReads = function.policyStatements().stream()
                    .filter(s -> actions(s).contains("secretsmanager:GetSecretValue"))
                    .toList();
            assertEquals(1, secretReads.size(), function.logicalId());
            assertEquals(Set.of("secretsmanager:GetSecretValue"), actions(secretReads.get(0)));
            assertEquals(
                    "{\"Ref\":\"ClientSecretArn\"}",
                    secretReads.get(0).get("Resource").toString());
            for (JsonNode statement : function.policyStatements()) {
                assertEquals("Allow", statement.path("Effect").asText());
                assertFalse(statement.toString().contains("\"*\""), function.logicalId() + " grants on '*'");
            }
        }
    }

    @Test
    void everyFunctionHasSnapStartOnAPublishedAlias() {
        for (SamTemplate.Function function : template.functions()) {
            String id = function.logicalId();
            assertEquals(
                    "PublishedVersions",
                    template.functionProperty(id, "SnapStart").path("ApplyOn").asText(),
                    id);
            assertEquals(
                    "live", template.functionProperty(id, "AutoPublishAlias").asText(), id);
            assertEquals("java21", template.functionProperty(id, "Runtime").asText(), id);
            assertEquals(
                    "JSON",
                    template.functionProperty(id, "LoggingConfig")
                            .path("LogFormat")
                            .asText(),
                    id);
        }
    }

    @Test
    void functionsRunTheirOwnMavenArtifacts() {
        for (SamTemplate.Function function : template.functions()) {
            String module = function.codeUri().replaceAll("^functions/([a-z-]+)/target/\\1-lambda\\.jar$", "$1");
            assertFalse(module.equals(function.codeUri()), function.logicalId() + ": " + function.codeUri());
            assertTrue(Files.isDirectory(RepoRoot.path().resolve("functions").resolve(module)), module);
            assertTrue(function.handler().startsWith("org.openaccess.partner.")
                    && function.handler().endsWith("::handleRequest"));
        }
    }

    @Test
    void noSecretValueIsInAnyFunctionsEnvironment() {
        Set<String> secretSettings = Set.of("SPOTIFY_CLIENT_SECRET", "PARTNER_SESSION_KEY", "PUID_KEY");
        for (SamTemplate.Function function : template.functions()) {
            for (String variable : function.environment().keySet()) {
                assertFalse(secretSettings.contains(variable), function.logicalId() + " has " + variable);
            }
            assertEquals(
                    "{\"Ref\":\"ClientSecretArn\"}",
                    function.environment().get("SECRET_ID").toString());
        }
    }

    @Test
    void eachFunctionGetsTheSettingsOnlyItNeeds() {
        Set<String> shared = Set.of(
                "JAVA_TOOL_OPTIONS",
                "SPOTIFY_CLIENT_ID",
                "SPOTIFY_PARTNER_ID",
                "SPOTIFY_ACCOUNTS_URL",
                "SPOTIFY_OPEN_ACCESS_URL",
                "SECRET_ID");
        Map<String, Set<String>> own = Map.of(
                "EntrypointFunction",
                        Set.of(
                                "CALLBACK_URL",
                                "LINK_STATES_TABLE",
                                "PARTNERS_TABLE",
                                "PARTNER_LOGIN_URL",
                                "PARTNER_SESSION_COOKIE",
                                "PARTNER_SESSION_JWKS_URL"),
                "CallbackFunction",
                        Set.of(
                                "CALLBACK_URL",
                                "LINK_STATES_TABLE",
                                "LINKS_TABLE",
                                "ENTITLEMENTS_TABLE",
                                "ALLOWED_COMPLETION_HOSTS"),
                "UnlinkFunction",
                        Set.of(
                                "LINKS_TABLE",
                                "PARTNERS_TABLE",
                                "PARTNER_SESSION_COOKIE",
                                "PARTNER_SESSION_JWKS_URL",
                                "PARTNER_ORIGINS",
                                "UNLINK_RETURN_URL"),
                "EntitlementPushFunction", Set.of("LINKS_TABLE", "ENTITLEMENTS_TABLE"),
                "ReconcileFunction", Set.of("LINKS_TABLE", "ENTITLEMENTS_TABLE", "RECONCILE_STATE_TABLE"),
                "EraseUserFunction", Set.of("LINKS_TABLE", "ENTITLEMENTS_TABLE", "LINK_STATES_TABLE"));
        for (SamTemplate.Function function : template.functions()) {
            Set<String> wanted = new TreeSet<>(shared);
            wanted.addAll(own.get(function.logicalId()));
            assertEquals(wanted, new TreeSet<>(function.environment().keySet()), function.logicalId());
        }
    }

    /** The API's written-out routes (which break the API <-> function cycle) match the functions' HttpApi events. */
    @Test
    void theApisRoutesPointAtTheFunctionsThatDeclareThem() {
        JsonNode paths = template.tree().at("/Resources/HttpApi/Properties/DefinitionBody/paths");
        List<String> declared = new ArrayList<>();
        for (SamTemplate.Function function : template.functions()) {
            for (SamTemplate.Event event : function.events()) {
                if (!event.type().equals("HttpApi")) {
                    continue;
                }
                declared.add(event.method().toLowerCase() + " " + event.path());
                assertEquals(
                        "{\"Ref\":\"HttpApi\"}", event.properties().get("ApiId").toString());
                JsonNode integration = paths.path(event.path())
                        .path(event.method().toLowerCase())
                        .path("x-amazon-apigateway-integration");
                String functionName = function.properties()
                        .path("FunctionName")
                        .path("Fn::Sub")
                        .asText();
                assertTrue(functionName.startsWith("${AWS::StackName}-"), function.logicalId());
                assertTrue(
                        integration
                                .path("uri")
                                .path("Fn::Sub")
                                .asText()
                                .endsWith(":function:" + functionName + ":live/invocations"),
                        function.logicalId());
                assertEquals("2.0", integration.path("payloadFormatVersion").asText());
            }
        }
        List<String> written = new ArrayList<>();
        paths.properties()
                .forEach(p -> p.getValue().fieldNames().forEachRemaining(m -> written.add(m + " " + p.getKey())));
        assertEquals(new TreeSet<>(declared), new TreeSet<>(written));
    }

    /** A platform's partners have their own Entrypoint and unlink routes, served by the default partner's functions. */
    @Test
    void eachRegistryPartnerHasItsOwnLinkAndUnlinkRoutesOnTheSameFunctions() {
        Map<String, String> routes = new TreeMap<>();
        for (SamTemplate.Function function : template.functions()) {
            for (SamTemplate.Event event : function.events()) {
                if (event.type().equals("HttpApi")) {
                    routes.put(event.method() + " " + event.path(), function.logicalId());
                }
            }
        }
        assertEquals("EntrypointFunction", routes.get("GET /link"));
        assertEquals("EntrypointFunction", routes.get("GET /link/{slug}"));
        assertEquals("UnlinkFunction", routes.get("POST /unlink"));
        assertEquals("UnlinkFunction", routes.get("POST /unlink/{slug}"));
        assertEquals("CallbackFunction", routes.get("GET /callback"), "one callback for every partner");
    }

    @Test
    void theLinksAndEntitlementsAreKeptPerUserAndPartner() {
        for (String table : List.of("LinksTable", "EntitlementsTable")) {
            JsonNode keys = template.tree().at("/Resources/" + table + "/Properties/KeySchema");
            assertEquals("userId", keys.path(0).path("AttributeName").asText(), table);
            assertEquals("HASH", keys.path(0).path("KeyType").asText(), table);
            assertEquals("partnerId", keys.path(1).path("AttributeName").asText(), table);
            assertEquals("RANGE", keys.path(1).path("KeyType").asText(), table);
        }
    }

    @Test
    void theTablesKeepTheirDataSafe() {
        for (SamTemplate.Table table : template.tables()) {
            JsonNode properties = table.properties();
            assertEquals("PAY_PER_REQUEST", properties.path("BillingMode").asText(), table.logicalId());
            assertTrue(
                    properties
                            .at("/PointInTimeRecoverySpecification/PointInTimeRecoveryEnabled")
                            .asBoolean(),
                    table.logicalId());
            assertTrue(properties.at("/SSESpecification/SSEEnabled").asBoolean(), table.logicalId());
        }
        assertEquals(
                "expiresAt",
                template.tree()
                        .at("/Resources/LinkStatesTable/Properties/TimeToLiveSpecification/AttributeName")
                        .asText());
        assertEquals(
                "NEW_AND_OLD_IMAGES",
                template.tree()
                        .at("/Resources/EntitlementsTable/Properties/StreamSpecification/StreamViewType")
                        .asText());
    }

    @Test
    void exhaustedPushesLandInAnAlarmedQueue() {
        JsonNode push =
                template.function("EntitlementPushFunction").events().get(0).properties();
        assertEquals(
                "{\"Fn::GetAtt\":[\"PushFailureQueue\",\"Arn\"]}",
                push.at("/DestinationConfig/OnFailure/Destination").toString());
        assertEquals(
                "ReportBatchItemFailures", push.at("/FunctionResponseTypes/0").asText());
        assertTrue(push.path("BisectBatchOnFunctionError").asBoolean());
        assertEquals(10, push.path("MaximumRetryAttempts").asInt());
        assertEquals(3600, push.path("MaximumRecordAgeInSeconds").asInt());

        JsonNode alarm = template.tree().at("/Resources/PushFailureAlarm/Properties");
        assertEquals(
                "ApproximateNumberOfMessagesVisible", alarm.path("MetricName").asText());
        assertEquals(
                "{\"Fn::GetAtt\":[\"PushFailureQueue\",\"QueueName\"]}",
                alarm.at("/Dimensions/0/Value").toString());
        assertEquals("GreaterThanThreshold", alarm.path("ComparisonOperator").asText());
        assertEquals(0, alarm.path("Threshold").asInt());
        assertEquals(
                1209600,
                template.tree()
                        .at("/Resources/PushFailureQueue/Properties/MessageRetentionPeriod")
                        .asInt());
    }

    @Test
    void outputsTheUrlsToRegisterWithSpotify() {
        JsonNode outputs = template.tree().get("Outputs");
        for (String route : List.of("link", "callback", "unlink")) {
            String output = Character.toUpperCase(route.charAt(0)) + route.substring(1);
            output = output.equals("Link") ? "EntrypointUrl" : output + "Url";
            JsonNode choice = outputs.at("/" + output + "/Value/Fn::If");
            assertEquals("HasPublicBaseUrl", choice.path(0).asText(), output);
            assertEquals(
                    "${PublicBaseUrl}/" + route, choice.path(1).path("Fn::Sub").asText(), output);
            assertEquals(
                    "https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/" + route,
                    choice.path(2).path("Fn::Sub").asText(),
                    output);
        }
        assertEquals(
                outputs.at("/CallbackUrl/Value").toString(),
                template.function("CallbackFunction")
                        .environment()
                        .get("CALLBACK_URL")
                        .toString());
        assertEquals(
                outputs.at("/CallbackUrl/Value").toString(),
                template.function("EntrypointFunction")
                        .environment()
                        .get("CALLBACK_URL")
                        .toString());
        for (String name :
                List.of("LinkStatesTableName", "LinksTableName", "EntitlementsTableName", "PushFailureQueueUrl")) {
            assertTrue(outputs.has(name), name);
        }
    }

    /** Table reference ("LinksTable.Arn") -> the DynamoDB actions granted on it. */
    private static Map<String, Set<String>> tableGrants(SamTemplate.Function function) {
        Set<String> tables = new TreeSet<>();
        template.tables().forEach(t -> tables.add(t.logicalId()));
        Map<String, Set<String>> grants = new TreeMap<>();
        for (JsonNode statement : function.policyStatements()) {
            for (JsonNode resource : resources(statement)) {
                String reference = tableReference(resource, tables);
                Set<String> dynamoActions = new TreeSet<>(actions(statement).stream()
                        .filter(a -> a.startsWith("dynamodb:"))
                        .toList());
                if (reference != null) {
                    grants.computeIfAbsent(reference, r -> new TreeSet<>()).addAll(actions(statement));
                } else {
                    assertTrue(
                            dynamoActions.isEmpty(), function.logicalId() + " grants DynamoDB actions on " + resource);
                }
            }
        }
        return grants;
    }

    private static String tableReference(JsonNode resource, Set<String> tables) {
        JsonNode getAtt = resource.get("Fn::GetAtt");
        if (getAtt != null && tables.contains(getAtt.path(0).asText())) {
            return getAtt.path(0).asText() + "." + getAtt.path(1).asText();
        }
        String text = resource.toString();
        for (String table : tables) {
            if (text.contains(table)) {
                return table + "(" + text + ")"; // any other way of naming a table: reported as unexpected
            }
        }
        return null;
    }

    private static List<JsonNode> resources(JsonNode statement) {
        JsonNode resource = statement.get("Resource");
        List<JsonNode> list = new ArrayList<>();
        if (resource instanceof ArrayNode array) {
            array.forEach(list::add);
        } else if (resource != null) {
            list.add(resource);
        }
        return list;
    }

    private static Set<String> actions(JsonNode statement) {
        JsonNode action = statement.get("Action");
        Set<String> set = new TreeSet<>();
        if (action.isArray()) {
            action.forEach(a -> set.add(a.asText()));
        } else {
            set.add(action.asText());
        }
        return set;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> messages(JsonNode templateTree) {
        try {
            String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(templateTree);
            return samSchema.validate(json, InputFormat.JSON).stream()
                    .map(Error::toString)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
