package org.openaccess.partner.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openaccess.partner.coldstart.TemplateFunctions.FunctionUnderTest;
import org.openaccess.partner.testkit.SamTemplate;

/** Reading the functions to measure from a template: artifact, handler, memory, environment, events. */
class TemplateFunctionsTest {

    private static final String TEMPLATE = """
            Parameters:
              SpotifyClientId:
                Type: String
              Cookie:
                Type: String
                Default: partner_session
            Globals:
              Function:
                MemorySize: 512
                Environment:
                  Variables:
                    JAVA_TOOL_OPTIONS: -XX:+TieredCompilation -XX:TieredStopAtLevel=1
                    SPOTIFY_CLIENT_ID: !Ref SpotifyClientId
                    LINKS_TABLE: !Ref LinksTable
            Resources:
              CallbackFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: functions/callback/target/callback-lambda.jar
                  Handler: org.example.Callback::handleRequest
                  MemorySize: 1024
                  Environment:
                    Variables:
                      CALLBACK_URL: !Sub https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/callback
                      COOKIE: !Ref Cookie
                      UNRESOLVED: !GetAtt Something.Arn
                  Events:
                    Callback:
                      Type: HttpApi
                      Properties:
                        Method: GET
                        Path: /callback
              PushFunction:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: functions/entitlement-push/target/entitlement-push-lambda.jar
                  Handler: org.example.Push::handleRequest
              LinksTable:
                Type: AWS::DynamoDB::Table
            """;

    @TempDir
    Path repo;

    private List<FunctionUnderTest> functions() {
        TemplateFunctions template = new TemplateFunctions(SamTemplate.parse(TEMPLATE), repo);
        Map<String, String> references = new java.util.HashMap<>(template.parameterDefaults());
        references.put("SpotifyClientId", "c0ffee");
        references.put("LinksTable", "links-coldstart");
        return template.functions(
                references,
                Map.of(
                        "CALLBACK_URL",
                        "http://127.0.0.1:3000/callback",
                        "AWS_ENDPOINT_URL_DYNAMODB",
                        "http://127.0.0.1:4567"));
    }

    @Test
    void eachFunctionIsDeployedFromItsCodeUriWithItsHandlerAndMemory() {
        FunctionUnderTest callback = functions().get(0);

        assertEquals("callback", callback.deployment().name());
        assertEquals(
                repo.resolve("functions/callback/target/callback-lambda.jar"),
                callback.deployment().artifact());
        assertEquals(
                "org.example.Callback::handleRequest", callback.deployment().handler());
        assertEquals(1024, callback.deployment().memoryMb());
        assertTrue(callback.http());

        FunctionUnderTest push = functions().get(1);
        assertEquals("entitlement-push", push.deployment().name());
        assertEquals(512, push.deployment().memoryMb(), "the Globals' MemorySize");
        assertFalse(push.http());
    }

    @Test
    void theEnvironmentResolvesReferencesAndOverridesAndLeavesOutWhatCannotBeResolved() {
        Map<String, String> env = functions().get(0).deployment().environment();

        assertEquals("c0ffee", env.get("SPOTIFY_CLIENT_ID"));
        assertEquals("links-coldstart", env.get("LINKS_TABLE"));
        assertEquals("partner_session", env.get("COOKIE"), "a parameter's default");
        assertEquals("http://127.0.0.1:3000/callback", env.get("CALLBACK_URL"));
        assertEquals("http://127.0.0.1:4567", env.get("AWS_ENDPOINT_URL_DYNAMODB"));
        assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1", env.get("JAVA_TOOL_OPTIONS"));
        assertFalse(env.containsKey("UNRESOLVED"));
    }

    @Test
    void eventsComeFromTheFunctionsFolderMainEventFirstAndBadInputTwinsLast() throws Exception {
        Path folder = Files.createDirectories(repo.resolve("events/callback"));
        for (String name :
                List.of("callback-missing-state.json", "callback-cancelled.json", "callback.json", "notes.txt")) {
            Files.writeString(folder.resolve(name), "{}");
        }

        List<Path> events = functions().get(0).events();

        assertEquals(
                List.of("callback.json", "callback-cancelled.json", "callback-missing-state.json"),
                events.stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(functions().get(1).events().isEmpty(), "no folder, no events");
    }
}
