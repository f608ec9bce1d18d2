package org.openaccess.partner.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.testkit.SamTemplate;

/** The values the init checks give the template's references are the ones a real stack would have. */
class TemplateReferencesTest {

    /** What the tests' functions refer to: parameters, a condition on each of two, an API and a table. */
    private static final String TEMPLATE = """
            Parameters:
              Schedule:
                Type: String
                Default: rate(15 minutes)
              PublicBaseUrl:
                Type: String
                Default: ""
              AlarmEmail:
                Type: String
                Default: ops@example.com
            Conditions:
              HasPublicBaseUrl: !Not [!Equals [!Ref PublicBaseUrl, ""]]
              HasAlarmEmail: !Not [!Equals [!Ref AlarmEmail, ""]]
            Resources:
              HttpApi:
                Type: AWS::Serverless::HttpApi
              LinksTable:
                Type: AWS::DynamoDB::Table
            """;

    /** TEMPLATE's resources followed by {@code resources} and a function Fn with these environment variables. */
    private static SamTemplate withFunction(String resources, String... variables) {
        StringBuilder yaml = new StringBuilder(TEMPLATE).append(resources).append("""
                          Fn:
                            Type: AWS::Serverless::Function
                            Properties:
                              Environment:
                                Variables:
                        """);
        for (String variable : variables) {
            yaml.append("          ").append(variable).append('\n');
        }
        return SamTemplate.parse(yaml.toString());
    }

    @Test
    void subResolvesTheApiUrlAsApiGatewayWouldGiveIt() {
        SamTemplate template = withFunction(
                "",
                "CALLBACK_URL: !Sub https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/callback",
                "LITERAL: !Sub \"${!NotResolved}-${AWS::StackName}\"",
                "TABLE: !Ref LinksTable",
                "TABLE_ARN: !GetAtt LinksTable.Arn",
                "SCHEDULE: !Ref Schedule");
        TemplateReferences references = TemplateReferences.of(template, Map.of("LinksTable", "links-x"));
        Map<String, JsonNode> variables = template.function("Fn").environment();

        assertEquals(
                "https://abc123.execute-api.us-east-1.amazonaws.com/callback",
                references.resolve(variables.get("CALLBACK_URL")));
        assertEquals("${NotResolved}-open-access", references.resolve(variables.get("LITERAL")));
        assertEquals("links-x", references.resolve(variables.get("TABLE")));
        assertEquals(
                "arn:aws:dynamodb:us-east-1:123456789012:table/links-x",
                references.resolve(variables.get("TABLE_ARN")));
        assertEquals("rate(15 minutes)", references.resolve(variables.get("SCHEDULE")));
    }

    @Test
    void ifChoosesByTheTemplatesConditionForTheParameterValues() {
        SamTemplate template = withFunction(
                "",
                "CALLBACK_URL: !If [HasPublicBaseUrl, !Sub \"${PublicBaseUrl}/callback\", !Sub \"https://${HttpApi}.example/callback\"]",
                "ALARMS: !If [HasAlarmEmail, !Ref AlarmEmail, none]");
        TemplateReferences references = TemplateReferences.of(template, Map.of());
        Map<String, JsonNode> variables = template.function("Fn").environment();

        assertEquals("https://abc123.example/callback", references.resolve(variables.get("CALLBACK_URL")));
        assertEquals("ops@example.com", references.resolve(variables.get("ALARMS")));
    }

    @Test
    void aParameterWithoutDefaultOrRealisticValueIsNamed() {
        SamTemplate template = SamTemplate.parse("""
                Parameters:
                  ClientId:
                    Type: String
                    AllowedPattern: "^[0-9a-zA-Z]{32}$"
                """);
        IllegalStateException failure =
                assertThrows(IllegalStateException.class, () -> TemplateReferences.parameterValues(template));
        assertTrue(failure.getMessage().contains("ClientId"), failure.getMessage());
    }

    @Test
    void anUnknownReferenceIsNamedRatherThanGuessed() {
        SamTemplate template = withFunction("""
                  Queue:
                    Type: AWS::SQS::Queue
                """, "QUEUE_URL: !Ref Queue");
        TemplateReferences references = TemplateReferences.of(template, Map.of());
        IllegalArgumentException failure = assertThrows(
                IllegalArgumentException.class,
                () -> references.resolve(template.function("Fn").environment().get("QUEUE_URL")));
        assertTrue(failure.getMessage().contains("Queue"), failure.getMessage());
    }

    @Test
    void realisticParameterValuesPassTheRepositoryTemplatesAllowedPatterns() {
        Map<String, String> values = TemplateReferences.parameterValues(SamTemplate.load());
        assertEquals(TemplateReferences.REALISTIC_PARAMETERS.get("SpotifyClientId"), values.get("SpotifyClientId"));
        assertEquals("https://accounts.spotify.com", values.get("SpotifyAccountsUrl"));
    }
}
