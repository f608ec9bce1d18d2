package org.openaccess.partner.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The functions' metric lines as CloudWatch reads them: CloudWatch Embedded Metric Format documents among the
 * lines a function prints, each checked against the EMF specification (its JSON schema, {@code emf/emf.schema.json},
 * and the rules the schema cannot express), and read back as metrics (namespace, name, dimension names, values).
 */
public final class EmfDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = loadSchema();

    /** One metric as CloudWatch would store it: namespace, name, and the names of one of its dimension sets. */
    public record Emitted(String namespace, String name, Set<String> dimensions) {}

    private EmfDocuments() {}

    /**
     * Runs {@code action} with standard output captured (and still echoed) and returns the EMF documents it printed,
     * each valid against the specification (an {@link AssertionError} names the first that is not).
     */
    public static List<JsonNode> printedBy(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
                original.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                captured.write(bytes, offset, length);
                original.write(bytes, offset, length);
            }
        });
        System.setOut(tee);
        try {
            action.run();
        } finally {
            tee.flush();
            System.setOut(original);
        }
        return among(captured.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /** The EMF documents among {@code lines} (JSON objects with an {@code _aws} member), each checked. */
    public static List<JsonNode> among(List<String> lines) {
        List<JsonNode> documents = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("{") || !trimmed.contains("\"_aws\"")) {
                continue;
            }
            List<String> problems = problems(trimmed);
            if (!problems.isEmpty()) {
                throw new AssertionError("not a valid EMF document: " + problems + "\n" + trimmed);
            }
            documents.add(read(trimmed));
        }
        return documents;
    }

    /** Why {@code line} is not a valid EMF document; empty when it is. */
    public static List<String> problems(String line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>(SCHEMA.validate(line, InputFormat.JSON).stream()
                .map(Error::toString)
                .toList());
        if (!problems.isEmpty()) {
            return problems;
        }
        // The specification's rules beyond its schema: target members exist in the root node, with the right types.
        for (JsonNode directive : root.at("/_aws/CloudWatchMetrics")) {
            for (JsonNode set : directive.path("Dimensions")) {
                for (JsonNode dimension : set) {
                    JsonNode value = root.get(dimension.asText());
                    if (value == null || !value.isTextual()) {
                        problems.add("dimension " + dimension.asText() + " has no string member in the root node");
                    }
                }
            }
            for (JsonNode metric : directive.path("Metrics")) {
                JsonNode value = root.get(metric.path("Name").asText());
                boolean numbers = value != null
                        && (value.isNumber()
                                || (value.isArray()
                                        && value.size() <= 100
                                        && value.valueStream().allMatch(JsonNode::isNumber)));
                if (!numbers) {
                    problems.add("metric " + metric.path("Name").asText()
                            + " has no number (or array of at most 100 numbers) in the root node");
                }
            }
        }
        return problems;
    }

    /** Every metric the documents publish, once per dimension set. */
    public static Set<Emitted> metricsOf(List<JsonNode> documents) {
        Set<Emitted> emitted = new LinkedHashSet<>();
        for (JsonNode document : documents) {
            for (JsonNode directive : document.at("/_aws/CloudWatchMetrics")) {
                for (JsonNode metric : directive.path("Metrics")) {
                    for (JsonNode set : directive.path("Dimensions")) {
                        Set<String> names = new TreeSet<>();
                        set.forEach(dimension -> names.add(dimension.asText()));
                        emitted.add(new Emitted(
                                directive.path("Namespace").asText(),
                                metric.path("Name").asText(),
                                names));
                    }
                }
            }
        }
        return emitted;
    }

    /**
     * The sum of the values of {@code metric} in the documents whose dimension values include {@code dimensions}
     * (empty: every document naming the metric).
     */
    public static double sum(List<JsonNode> documents, String metric, Map<String, String> dimensions) {
        double sum = 0;
        for (JsonNode document : documents) {
            JsonNode value = document.get(metric);
            boolean named = document.at("/_aws/CloudWatchMetrics")
                    .valueStream()
                    .flatMap(directive -> directive.path("Metrics").valueStream())
                    .anyMatch(definition -> definition.path("Name").asText().equals(metric));
            if (!named
                    || value == null
                    || !dimensions.entrySet().stream()
                            .allMatch(d -> d.getValue()
                                    .equals(document.path(d.getKey()).asText(null)))) {
                continue;
            }
            sum += value.isArray()
                    ? value.valueStream().mapToDouble(JsonNode::asDouble).sum()
                    : value.asDouble();
        }
        return sum;
    }

    /** How many values of {@code metric} the documents hold (one per recorded value, e.g. per Spotify call). */
    public static int count(List<JsonNode> documents, String metric, Map<String, String> dimensions) {
        int count = 0;
        for (JsonNode document : documents) {
            JsonNode value = document.get(metric);
            if (value == null
                    || !dimensions.entrySet().stream()
                            .allMatch(d -> d.getValue()
                                    .equals(document.path(d.getKey()).asText(null)))) {
                continue;
            }
            count += value.isArray() ? value.size() : 1;
        }
        return count;
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema loadSchema() {
        try (InputStream schema = EmfDocuments.class.getResourceAsStream("/emf/emf.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(schema, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
