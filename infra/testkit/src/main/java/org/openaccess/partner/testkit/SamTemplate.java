package org.openaccess.partner.testkit;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SAM template as a JSON tree, with CloudFormation's short tags ({@code !Ref}, {@code !Sub}, ...) turned into
 * their long forms ({@code {"Ref": ...}}, {@code {"Fn::Sub": ...}}), so it can be validated and inspected.
 */
public final class SamTemplate {

    /** An {@code AWS::Serverless::Function} with its Globals applied to the environment. */
    public record Function(
            String logicalId,
            String handler,
            String codeUri,
            Map<String, JsonNode> environment,
            List<Event> events,
            JsonNode properties) {

        /** The HttpApi events as "METHOD /path", e.g. "GET /link". */
        public List<String> httpRoutes() {
            return events.stream()
                    .filter(e -> "HttpApi".equals(e.type()))
                    .map(e -> e.method().toUpperCase() + " " + e.path())
                    .toList();
        }

        /** The IAM statements of the function's {@code Statement} policies. */
        public List<JsonNode> policyStatements() {
            List<JsonNode> statements = new ArrayList<>();
            for (JsonNode policy : properties.path("Policies")) {
                JsonNode statement = policy.path("Statement");
                if (statement.isArray()) {
                    statement.forEach(statements::add);
                } else if (statement.isObject()) {
                    statements.add(statement);
                }
            }
            return statements;
        }
    }

    /** An event source of a function (HttpApi, DynamoDB, Schedule, ...). */
    public record Event(String name, String type, JsonNode properties) {
        public String method() {
            return properties.path("Method").asText("");
        }

        public String path() {
            return properties.path("Path").asText("");
        }
    }

    /** An {@code AWS::DynamoDB::Table} resource. */
    public record Table(String logicalId, JsonNode properties) {}

    private static final Set<String> FN_TAGS = Set.of(
            "GetAtt",
            "Sub",
            "If",
            "Equals",
            "Not",
            "Select",
            "Join",
            "Split",
            "FindInMap",
            "Base64",
            "Cidr",
            "GetAZs",
            "ImportValue",
            "And",
            "Or");
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode tree;

    private SamTemplate(ObjectNode tree) {
        this.tree = tree;
    }

    /** The repository's {@code template.yaml}. */
    public static SamTemplate load() {
        return load(RepoRoot.path().resolve("template.yaml"));
    }

    public static SamTemplate load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    public static SamTemplate parse(String yaml) {
        try (YAMLParser parser = YAML.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("A template is a YAML mapping, found " + first);
            }
            return new SamTemplate((ObjectNode) readValue(parser));
        } catch (IOException e) {
            throw new UncheckedIOException("Template is not valid YAML: " + e.getMessage(), e);
        }
    }

    /** The whole template, short tags in long form. */
    public ObjectNode tree() {
        return tree;
    }

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Logical id -> resource of the template, in template order. */
    public Map<String, JsonNode> resources() {
        Map<String, JsonNode> resources = new LinkedHashMap<>();
        tree.path("Resources").properties().forEach(e -> resources.put(e.getKey(), e.getValue()));
        return resources;
    }

    public Optional<JsonNode> resource(String logicalId) {
        return Optional.ofNullable(tree.path("Resources").get(logicalId));
    }

    /** Logical ids of resources of one type, e.g. {@code AWS::SQS::Queue}. */
    public List<String> resourcesOfType(String type) {
        return resources().entrySet().stream()
                .filter(e -> type.equals(e.getValue().path("Type").asText()))
                .map(Map.Entry::getKey)
                .toList();
    }

    public List<Table> tables() {
        return resourcesOfType("AWS::DynamoDB::Table").stream()
                .map(id -> new Table(id, tree.path("Resources").path(id).path("Properties")))
                .toList();
    }

    public List<Function> functions() {
        return resourcesOfType("AWS::Serverless::Function").stream()
                .map(this::function)
                .toList();
    }

    public Function function(String logicalId) {
        JsonNode properties = resource(logicalId)
                .filter(r -> "AWS::Serverless::Function".equals(r.path("Type").asText()))
                .orElseThrow(() -> new IllegalArgumentException("No function " + logicalId + " in the template"))
                .path("Properties");
        JsonNode globals = tree.path("Globals").path("Function");
        Map<String, JsonNode> environment = new LinkedHashMap<>();
        globals.path("Environment")
                .path("Variables")
                .properties()
                .forEach(e -> environment.put(e.getKey(), e.getValue()));
        properties
                .path("Environment")
                .path("Variables")
                .properties()
                .forEach(e -> environment.put(e.getKey(), e.getValue()));
        List<Event> events = new ArrayList<>();
        properties
                .path("Events")
                .properties()
                .forEach(e -> events.add(new Event(
                        e.getKey(),
                        e.getValue().path("Type").asText(),
                        e.getValue().path("Properties"))));
        return new Function(
                logicalId,
                text(properties, globals, "Handler"),
                text(properties, globals, "CodeUri"),
                environment,
                events,
                properties);
    }

    /** A function property with its Globals default, e.g. "Timeout". */
    public JsonNode functionProperty(String logicalId, String name) {
        JsonNode own = function(logicalId).properties().get(name);
        return own != null ? own : tree.path("Globals").path("Function").path(name);
    }

    private static String text(JsonNode properties, JsonNode globals, String name) {
        JsonNode value = properties.has(name) ? properties.get(name) : globals.get(name);
        return value == null ? null : value.asText();
    }

    // ---- YAML -> JSON tree, reading CloudFormation tags from the parser ----

    private static JsonNode readValue(YAMLParser parser) throws IOException {
        String tag = parser.getTypeId();
        JsonNode value = switch (parser.currentToken()) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> TextNode.valueOf(parser.getText());
            case VALUE_NUMBER_INT ->
                switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default ->
                throw new IllegalArgumentException("Unexpected YAML token " + parser.currentToken() + " at line "
                        + parser.currentLocation().getLineNr());
        };
        return tag == null ? value : longForm(tag, value);
    }

    private static ObjectNode readObject(YAMLParser parser) throws IOException {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            object.set(name, readValue(parser));
        }
        return object;
    }

    private static ArrayNode readArray(YAMLParser parser) throws IOException {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(readValue(parser));
        }
        return array;
    }

    private static JsonNode longForm(String tag, JsonNode value) {
        if (tag.equals("Ref") || tag.equals("Condition")) {
            return NODES.objectNode().set(tag, value);
        }
        if (!FN_TAGS.contains(tag)) {
            return value; // YAML's own tags (!!str, ...) change nothing here.
        }
        if (tag.equals("GetAtt") && value.isTextual()) {
            // Short form "Resource.Attribute" -> ["Resource", "Attribute"] (attributes may contain dots).
            String text = value.asText();
            int dot = text.indexOf('.');
            ArrayNode parts = NODES.arrayNode().add(dot < 0 ? text : text.substring(0, dot));
            if (dot >= 0) {
                parts.add(text.substring(dot + 1));
            }
            value = parts;
        }
        return NODES.objectNode().set("Fn::" + tag, value);
    }
}
