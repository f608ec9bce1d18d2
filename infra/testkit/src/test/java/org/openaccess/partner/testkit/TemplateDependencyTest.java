package org.openaccess.partner.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * CloudFormation rejects a stack whose resources depend on each other in a circle. The entrypoint and callback
 * need the API's URL while SAM's generated API body would name the functions: this keeps that from coming back.
 */
class TemplateDependencyTest {

    private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.[A-Za-z0-9.]+)?}");

    @Test
    void resourcesDependOnEachOtherWithoutCircles() {
        assertEquals(List.of(), cycle(SamTemplate.load().tree()));
    }

    @Test
    void findsTheCircleWhenSamWouldGenerateTheApiBody() {
        ObjectNode generated = SamTemplate.load().tree().deepCopy();
        ((ObjectNode) generated.at("/Resources/HttpApi/Properties")).remove("DefinitionBody");

        List<String> cycle = cycle(generated);

        assertFalse(cycle.isEmpty());
        assertEquals("HttpApi", cycle.get(0));
    }

    /** cfn-lint (where installed) checks far more than the schema: intrinsic functions, attributes, dependencies. */
    @Test
    @org.junit.jupiter.api.Tag("integration") // runs cfn-lint as a process
    void cfnLintFindsNothingToReport() throws IOException, InterruptedException {
        assumeTrue(onPath("cfn-lint"), "cfn-lint is not installed here (pip install cfn-lint to run this check)");
        Path output = Files.createTempFile("cfn-lint-", ".txt");
        Process lint = new ProcessBuilder("cfn-lint", "template.yaml")
                .directory(RepoRoot.path().toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        assumeTrue(lint.waitFor(5, TimeUnit.MINUTES), "cfn-lint did not finish within 5 minutes");
        String report = Files.readString(output, StandardCharsets.UTF_8);
        Files.deleteIfExists(output);
        assertEquals("", report.strip(), "cfn-lint findings");
        assertEquals(0, lint.exitValue());
    }

    /** A circle of resource dependencies (first resource repeated at the end), or an empty list. */
    private static List<String> cycle(JsonNode tree) {
        Map<String, Set<String>> edges = dependencies(tree);
        for (String start : edges.keySet()) {
            List<String> path = new ArrayList<>();
            if (reaches(start, start, edges, path, new LinkedHashSet<>())) {
                path.add(0, start);
                return path;
            }
        }
        return List.of();
    }

    private static boolean reaches(
            String from, String target, Map<String, Set<String>> edges, List<String> path, Set<String> seen) {
        for (String next : edges.getOrDefault(from, Set.of())) {
            if (next.equals(target)) {
                path.add(next);
                return true;
            }
            if (seen.add(next) && reaches(next, target, edges, path, seen)) {
                path.add(0, next);
                return true;
            }
        }
        return false;
    }

    /** Resource -> resources it references, plus the edges SAM adds when it writes the API body itself. */
    private static Map<String, Set<String>> dependencies(JsonNode tree) {
        JsonNode resources = tree.path("Resources");
        Map<String, Set<String>> edges = new LinkedHashMap<>();
        resources.properties().forEach(r -> {
            Set<String> targets = new LinkedHashSet<>();
            collect(r.getValue(), targets);
            r.getValue().path("DependsOn").forEach(d -> targets.add(d.asText()));
            targets.retainAll(names(resources));
            edges.put(r.getKey(), targets);
        });
        resources.properties().forEach(r -> {
            for (JsonNode event : r.getValue().path("Properties").path("Events")) {
                String api = event.at("/Properties/ApiId/Ref").asText("");
                if (event.path("Type").asText().equals("HttpApi")
                        && !api.isEmpty()
                        && !routeWrittenOut(resources.path(api), event.path("Properties"))) {
                    edges.get(api).add(r.getKey());
                }
            }
        });
        return edges;
    }

    private static boolean routeWrittenOut(JsonNode api, JsonNode event) {
        return !api.at("/Properties/DefinitionBody/paths")
                .path(event.path("Path").asText())
                .path(event.path("Method").asText().toLowerCase())
                .path("x-amazon-apigateway-integration")
                .isMissingNode();
    }

    private static void collect(JsonNode node, Set<String> targets) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                switch (field.getKey()) {
                    case "Ref" -> targets.add(field.getValue().asText());
                    case "Fn::GetAtt" -> targets.add(field.getValue().path(0).asText());
                    case "Fn::Sub" -> {
                        JsonNode text =
                                field.getValue().isArray() ? field.getValue().path(0) : field.getValue();
                        Matcher matcher = SUB_REFERENCE.matcher(text.asText());
                        while (matcher.find()) {
                            targets.add(matcher.group(1));
                        }
                    }
                    default -> {}
                }
                collect(field.getValue(), targets);
            });
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, targets));
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
