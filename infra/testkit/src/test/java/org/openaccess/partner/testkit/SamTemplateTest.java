package org.openaccess.partner.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void turnsEveryShortTagIntoItsLongForm() {
        SamTemplate template = SamTemplate.parse("""
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                  NotProd: !Not [!Condition IsProd]
                  Both: !And [!Condition IsProd, !Or [!Condition NotProd, !Condition IsProd]]
                Resources:
                  Thing:
                    Type: AWS::SNS::Topic
                    Properties:
                      A: !Ref Other
                      B: !GetAtt Table.StreamArn
                      C: !GetAtt [Table, Arn]
                      D: !Sub https://${Api}.execute-api.${AWS::Region}.amazonaws.com
                      E: !If [IsProd, 1, 2]
                      F: !Select [0, !GetAZs ""]
                      G: !Join [",", [a, b]]
                      H: !Split [",", "a,b"]
                      I: !FindInMap [Map, Key, Value]
                      J: !Base64 hello
                      K: !Cidr [10.0.0.0/16, 4, 8]
                      L: !ImportValue shared-vpc
                      M: plain
                """);
        JsonNode properties = template.tree().at("/Resources/Thing/Properties");

        assertEquals(json("{\"Ref\":\"Other\"}"), properties.get("A"));
        assertEquals(json("{\"Fn::GetAtt\":[\"Table\",\"StreamArn\"]}"), properties.get("B"));
        assertEquals(json("{\"Fn::GetAtt\":[\"Table\",\"Arn\"]}"), properties.get("C"));
        assertEquals(
                json("{\"Fn::Sub\":\"https://${Api}.execute-api.${AWS::Region}.amazonaws.com\"}"), properties.get("D"));
        assertEquals(json("{\"Fn::If\":[\"IsProd\",1,2]}"), properties.get("E"));
        assertEquals(json("{\"Fn::Select\":[0,{\"Fn::GetAZs\":\"\"}]}"), properties.get("F"));
        assertEquals(json("{\"Fn::Join\":[\",\",[\"a\",\"b\"]]}"), properties.get("G"));
        assertEquals(json("{\"Fn::Split\":[\",\",\"a,b\"]}"), properties.get("H"));
        assertEquals(json("{\"Fn::FindInMap\":[\"Map\",\"Key\",\"Value\"]}"), properties.get("I"));
        assertEquals(json("{\"Fn::Base64\":\"hello\"}"), properties.get("J"));
        assertEquals(json("{\"Fn::Cidr\":[\"10.0.0.0/16\",4,8]}"), properties.get("K"));
        assertEquals(json("{\"Fn::ImportValue\":\"shared-vpc\"}"), properties.get("L"));
        assertEquals("plain", properties.get("M").asText());
        JsonNode conditions = template.tree().get("Conditions");
        assertEquals(json("{\"Fn::Equals\":[{\"Ref\":\"Stage\"},\"prod\"]}"), conditions.get("IsProd"));
        assertEquals(json("{\"Fn::Not\":[{\"Condition\":\"IsProd\"}]}"), conditions.get("NotProd"));
        assertEquals(
                json("{\"Fn::And\":[{\"Condition\":\"IsProd\"},{\"Fn::Or\":[{\"Condition\":\"NotProd\"},"
                        + "{\"Condition\":\"IsProd\"}]}]}"),
                conditions.get("Both"));
    }

    @Test
    void listsTheFunctionsWithHandlersArtifactsAndRoutes() {
        Map<String, SamTemplate.Function> functions = byId(SamTemplate.load().functions());

        assertEquals(
                List.of(
                        "EntrypointFunction",
                        "CallbackFunction",
                        "UnlinkFunction",
                        "EntitlementPushFunction",
                        "ReconcileFunction",
                        "EraseUserFunction"),
                List.copyOf(functions.keySet()));
        SamTemplate.Function entrypoint = functions.get("EntrypointFunction");
        assertEquals("org.openaccess.partner.entrypoint.EntrypointFunction::handleRequest", entrypoint.handler());
        assertEquals("functions/entrypoint/target/entrypoint-lambda.jar", entrypoint.codeUri());
        assertEquals(List.of("GET /link", "GET /link/{slug}"), entrypoint.httpRoutes());
        assertEquals(List.of("GET /callback"), functions.get("CallbackFunction").httpRoutes());
        assertEquals(
                List.of("POST /unlink", "POST /unlink/{slug}"),
                functions.get("UnlinkFunction").httpRoutes());
        assertEquals(
                "DynamoDB",
                functions.get("EntitlementPushFunction").events().get(0).type());
        assertEquals(
                "Schedule", functions.get("ReconcileFunction").events().get(0).type());
    }

    @Test
    void mergesGlobalEnvironmentWithTheFunctionsOwn() {
        SamTemplate.Function callback = SamTemplate.load().function("CallbackFunction");

        assertEquals(json("{\"Ref\":\"LinksTable\"}"), callback.environment().get("LINKS_TABLE"));
        assertEquals(
                json("{\"Ref\":\"AllowedCompletionHosts\"}"),
                callback.environment().get("ALLOWED_COMPLETION_HOSTS"));
        assertEquals(
                json("{\"Ref\":\"SpotifyClientId\"}"), callback.environment().get("SPOTIFY_CLIENT_ID"));
        assertTrue(callback.environment().get("CALLBACK_URL").has("Fn::If"));
    }

    @Test
    void givesFunctionPropertiesWithTheirGlobalDefaults() {
        SamTemplate template = SamTemplate.load();

        assertEquals(
                15, template.functionProperty("CallbackFunction", "Timeout").asInt());
        assertEquals(
                60,
                template.functionProperty("EntitlementPushFunction", "Timeout").asInt());
        assertEquals(
                300, template.functionProperty("ReconcileFunction", "Timeout").asInt());
    }

    @Test
    void rejectsWhatIsNotATemplate() {
        assertThrows(IllegalArgumentException.class, () -> SamTemplate.parse("- just\n- a list\n"));
        assertThrows(RuntimeException.class, () -> SamTemplate.parse("Resources: [unclosed\n"));
        assertThrows(IllegalArgumentException.class, () -> SamTemplate.load().function("NoSuchFunction"));
    }

    private static Map<String, SamTemplate.Function> byId(List<SamTemplate.Function> functions) {
        Map<String, SamTemplate.Function> map = new java.util.LinkedHashMap<>();
        functions.forEach(f -> map.put(f.logicalId(), f));
        return map;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
