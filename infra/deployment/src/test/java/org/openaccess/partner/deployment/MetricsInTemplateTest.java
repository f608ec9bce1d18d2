package org.openaccess.partner.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.observability.EmfMetrics;
import org.openaccess.partner.core.observability.MetricName;
import org.openaccess.partner.core.observability.Metrics;
import org.openaccess.partner.testkit.EmfDocuments;
import org.openaccess.partner.testkit.EmfDocuments.Emitted;
import org.openaccess.partner.testkit.SamTemplate;

/**
 * The alarms and the dashboard of template.yaml name only metrics the code emits: same namespace, name and
 * dimensions. What the code emits is read from the EMF lines core's metrics adapter prints for every metric it
 * knows ({@link MetricName}), so neither side can be renamed alone. AWS's own namespaces (AWS/Lambda, AWS/SQS,
 * AWS/ApiGateway) are AWS's to keep.
 */
class MetricsInTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEARCH = Pattern.compile("SEARCH\\(\\s*'\\{([^}]*)}\\s+MetricName=\"([^\"]+)\"");

    private static SamTemplate template;
    private static Set<Emitted> emitted;

    @BeforeAll
    static void load() {
        template = SamTemplate.load();
        List<String> lines = new ArrayList<>();
        EmfMetrics metrics = new EmfMetrics(lines::add);
        for (MetricName metric : MetricName.values()) {
            Map<MetricName.Dimension, String> values = new EnumMap<>(MetricName.Dimension.class);
            metric.dimensionSets().forEach(set -> set.forEach(dimension -> values.put(dimension, "any")));
            metrics.record(metric, 1, values);
        }
        metrics.flush();
        emitted = EmfDocuments.metricsOf(EmfDocuments.among(lines));
    }

    @Test
    void everyMetricAnAlarmOrTheDashboardNamesIsOneTheCodeEmits() {
        Set<Emitted> named = ours(namedIn(template.tree()));

        assertEquals(Set.of(), difference(named, emitted), "named in template.yaml but never emitted");
        // Not vacuous: the views are there, each over the code's metrics.
        for (Emitted expected : List.of(
                new Emitted(Metrics.NAMESPACE, "LinksStarted", Set.of()),
                new Emitted(Metrics.NAMESPACE, "LinksCompleted", Set.of()),
                new Emitted(Metrics.NAMESPACE, "LinkFailures", Set.of("ErrorCode")),
                new Emitted(Metrics.NAMESPACE, "PushUsersFailed", Set.of()),
                new Emitted(Metrics.NAMESPACE, "SpotifyLatency", Set.of("Endpoint")),
                new Emitted(Metrics.NAMESPACE, "SpotifyCalls", Set.of("Outcome")),
                new Emitted(Metrics.NAMESPACE, "ReconcileUsersRepaired", Set.of()),
                new Emitted(Metrics.NAMESPACE, "ClientSecretInvalid", Set.of()))) {
            assertTrue(named.contains(expected), "template.yaml does not show " + expected);
        }
    }

    @Test
    void aRenamedMetricOrAnUnknownDimensionIsCaught() {
        ObjectNode renamed = template.tree().deepCopy();
        ((ObjectNode) renamed.at("/Resources/ReconcileDriftAlarm/Properties"))
                .set("MetricName", TextNode.valueOf("ReconcileUsersRepair"));
        assertFalse(difference(ours(namedIn(renamed)), emitted).isEmpty(), "a renamed alarm metric");

        ObjectNode byPartner = template.tree().deepCopy();
        ObjectNode dashboard = (ObjectNode) byPartner.at("/Resources/OperationsDashboard/Properties");
        String body = dashboard.at("/DashboardBody/Fn::Sub").asText();
        dashboard.set(
                "DashboardBody",
                TextNode.valueOf(body.replace(
                        "{OpenAccessPartner,ErrorCode} MetricName", "{OpenAccessPartner,PartnerId} MetricName")));
        assertFalse(difference(ours(namedIn(byPartner)), emitted).isEmpty(), "a dimension the code never sets");
    }

    @Test
    void everyFunctionHasAnErrorsAndAThrottlesAlarmToTheTopic() {
        Set<String> alarmed = new TreeSet<>();
        for (Map.Entry<String, JsonNode> alarm : alarms().entrySet()) {
            JsonNode properties = alarm.getValue();
            assertEquals(
                    "[{\"Ref\":\"AlarmTopic\"}]",
                    properties.path("AlarmActions").toString(),
                    alarm.getKey());
            if (properties.path("Namespace").asText().equals("AWS/Lambda")) {
                alarmed.add(properties.path("MetricName").asText() + " "
                        + properties.at("/Dimensions/0/Value/Ref").asText());
            }
        }
        for (SamTemplate.Function function : template.functions()) {
            assertTrue(alarmed.contains("Errors " + function.logicalId()), function.logicalId() + " Errors");
            assertTrue(alarmed.contains("Throttles " + function.logicalId()), function.logicalId() + " Throttles");
        }
        assertTrue(alarmed.contains("IteratorAge EntitlementPushFunction"), "the push's lag");
    }

    @Test
    void theCallbackFailureRatioLeavesCancelsOut() {
        JsonNode ratio = template.tree().at("/Resources/CallbackFailureRatioAlarm/Properties/Metrics");
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        ratio.forEach(query -> byId.put(query.path("Id").asText(), query));
        assertEquals(
                "user_cancelled",
                byId.get("cancelled")
                        .at("/MetricStat/Metric/Dimensions/0/Value")
                        .asText());
        assertEquals(
                "FILL(failed, 0) - FILL(cancelled, 0)",
                byId.get("errors").path("Expression").asText());
        assertTrue(byId.get("failurePercent").path("ReturnData").asBoolean());
    }

    private static Map<String, JsonNode> alarms() {
        Map<String, JsonNode> alarms = new java.util.TreeMap<>();
        template.tree().path("Resources").properties().forEach(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::CloudWatch::Alarm")) {
                alarms.put(resource.getKey(), resource.getValue().path("Properties"));
            }
        });
        return alarms;
    }

    /** Every metric the alarms (plain and metric math) and the dashboard's widgets (arrays and SEARCH) name. */
    static Set<Emitted> namedIn(JsonNode tree) {
        Set<Emitted> named = new LinkedHashSet<>();
        tree.path("Resources").properties().forEach(resource -> {
            JsonNode properties = resource.getValue().path("Properties");
            switch (resource.getValue().path("Type").asText()) {
                case "AWS::CloudWatch::Alarm" -> {
                    if (properties.has("MetricName")) {
                        named.add(metric(properties));
                    }
                    for (JsonNode query : properties.path("Metrics")) {
                        JsonNode stat = query.at("/MetricStat/Metric");
                        if (!stat.isMissingNode()) {
                            named.add(metric(stat));
                        }
                    }
                }
                case "AWS::CloudWatch::Dashboard" -> named.addAll(onDashboard(properties.path("DashboardBody")));
                default -> {}
            }
        });
        return named;
    }

    private static Emitted metric(JsonNode node) {
        Set<String> dimensions = new TreeSet<>();
        node.path("Dimensions").forEach(d -> dimensions.add(d.path("Name").asText()));
        return new Emitted(
                node.path("Namespace").asText(), node.path("MetricName").asText(), dimensions);
    }

    private static Set<Emitted> onDashboard(JsonNode body) {
        String text = body.has("Fn::Sub") ? body.path("Fn::Sub").asText() : body.asText();
        JsonNode dashboard;
        try {
            // ${...} are CloudFormation's substitutions: any value does for reading the metrics' names.
            dashboard = JSON.readTree(text.replaceAll("\\$\\{[^}]+}", "0"));
        } catch (IOException e) {
            throw new UncheckedIOException("the dashboard body is not JSON", e);
        }
        Set<Emitted> named = new LinkedHashSet<>();
        for (JsonNode widget : dashboard.path("widgets")) {
            for (JsonNode line : widget.at("/properties/metrics")) {
                if (line.path(0).isObject()) {
                    Matcher search =
                            SEARCH.matcher(line.path(0).path("expression").asText());
                    assertTrue(search.find(), "an expression the test cannot read: " + line);
                    List<String> schema = List.of(search.group(1).split(","));
                    named.add(new Emitted(
                            schema.get(0).strip(),
                            search.group(2),
                            new TreeSet<>(schema.subList(1, schema.size()).stream()
                                    .map(String::strip)
                                    .toList())));
                    continue;
                }
                assertFalse(line.path(0).asText().equals("."), "write the namespace out (no '.'): " + line);
                Set<String> dimensions = new TreeSet<>();
                for (int i = 2; i + 1 < line.size() && line.path(i).isTextual(); i += 2) {
                    dimensions.add(line.path(i).asText());
                }
                named.add(new Emitted(line.path(0).asText(), line.path(1).asText(), dimensions));
            }
        }
        return named;
    }

    private static Set<Emitted> ours(Set<Emitted> named) {
        Set<Emitted> ours = new LinkedHashSet<>();
        named.stream().filter(m -> !m.namespace().startsWith("AWS/")).forEach(ours::add);
        return ours;
    }

    private static Set<Emitted> difference(Set<Emitted> named, Set<Emitted> known) {
        Set<Emitted> missing = new LinkedHashSet<>(named);
        missing.removeAll(known);
        return missing;
    }
}
