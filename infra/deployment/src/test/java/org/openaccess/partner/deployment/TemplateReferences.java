package org.openaccess.partner.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openaccess.partner.testkit.SamTemplate;

/**
 * Resolves the intrinsic functions of template.yaml ({@code Ref}, {@code Fn::Sub}, {@code Fn::GetAtt},
 * {@code Fn::Join}, {@code Fn::If} over the template's Conditions) to what CloudFormation would give them in one plausible stack: parameters at their defaults
 * or at realistic values, tables at the names created locally, the API at a typical id. Anything it does not
 * know fails loudly, so a new reference in the template is given a value here on purpose.
 */
final class TemplateReferences {
    static final String REGION = "us-east-1";
    static final String ACCOUNT_ID = "123456789012";
    static final String STACK_NAME = "open-access";
    static final String HTTP_API_ID = "abc123";

    /** Realistic values for the parameters without a default; each must pass the parameter's AllowedPattern. */
    static final Map<String, String> REALISTIC_PARAMETERS = Map.of(
            "SpotifyClientId", "5f3c1e2a9b7d4c6e8f0a1b2c3d4e5f60",
            "SpotifyPartnerId", "4Zq9XwR2tY7uI1oP3aS5dF",
            "ClientSecretArn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:open-access/partner-Ab12Cd",
            "PartnerLoginUrl", "https://www.example.com/login",
            "PartnerOrigins", "https://www.example.com",
            "UnlinkReturnUrl", "https://www.example.com/account");

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private final Map<String, String> refs;
    private final Map<String, String> attributes;
    private final JsonNode conditions;

    private TemplateReferences(Map<String, String> refs, Map<String, String> attributes, JsonNode conditions) {
        this.refs = refs;
        this.attributes = attributes;
        this.conditions = conditions;
    }

    /** References of {@code template}, with its tables named as in {@code tableNames} (logical id -> name). */
    static TemplateReferences of(SamTemplate template, Map<String, String> tableNames) {
        Map<String, String> refs = new LinkedHashMap<>(parameterValues(template));
        refs.put("AWS::Region", REGION);
        refs.put("AWS::AccountId", ACCOUNT_ID);
        refs.put("AWS::StackName", STACK_NAME);
        refs.put("AWS::Partition", "aws");
        refs.put("AWS::URLSuffix", "amazonaws.com");
        template.resourcesOfType("AWS::Serverless::HttpApi").forEach(id -> refs.put(id, HTTP_API_ID));
        Map<String, String> attributes = new LinkedHashMap<>();
        tableNames.forEach((logicalId, name) -> {
            refs.put(logicalId, name);
            String arn = "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT_ID + ":table/" + name;
            attributes.put(logicalId + ".Arn", arn);
            attributes.put(logicalId + ".StreamArn", arn + "/stream/2026-01-01T00:00:00.000");
        });
        return new TemplateReferences(refs, attributes, template.tree().path("Conditions"));
    }

    /** Every parameter's value: its default, else its realistic value; a value must match the AllowedPattern. */
    static Map<String, String> parameterValues(SamTemplate template) {
        Map<String, String> values = new LinkedHashMap<>();
        template.tree().path("Parameters").properties().forEach(entry -> {
            String name = entry.getKey();
            JsonNode parameter = entry.getValue();
            String value =
                    parameter.has("Default") ? parameter.get("Default").asText() : REALISTIC_PARAMETERS.get(name);
            if (value == null) {
                throw new IllegalStateException("Parameter " + name + " has no default: give it a realistic value in "
                        + "TemplateReferences.REALISTIC_PARAMETERS");
            }
            String pattern = parameter.path("AllowedPattern").asText("");
            if (!pattern.isEmpty() && !value.matches(pattern)) {
                throw new IllegalStateException(
                        "Value '" + value + "' of parameter " + name + " does not match " + pattern);
            }
            values.put(name, value);
        });
        return values;
    }

    /** The value CloudFormation would put in place of {@code node}. */
    String resolve(JsonNode node) {
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.has("Ref")) {
            return ref(node.get("Ref").asText());
        }
        if (node.has("Fn::Sub")) {
            return sub(node.get("Fn::Sub"));
        }
        if (node.has("Fn::GetAtt")) {
            JsonNode parts = node.get("Fn::GetAtt");
            return attribute(parts.path(0).asText() + "." + parts.path(1).asText());
        }
        if (node.has("Fn::Join")) {
            JsonNode join = node.get("Fn::Join");
            StringBuilder joined = new StringBuilder();
            for (JsonNode part : join.path(1)) {
                joined.append(joined.isEmpty() ? "" : join.path(0).asText()).append(resolve(part));
            }
            return joined.toString();
        }
        if (node.has("Fn::If")) {
            JsonNode choice = node.get("Fn::If");
            return resolve(choice.path(holds(choice.path(0).asText()) ? 1 : 2));
        }
        throw new IllegalArgumentException("No value known for " + node + ": teach TemplateReferences this function");
    }

    /** Whether the template's condition {@code name} holds for these parameter values. */
    boolean holds(String name) {
        JsonNode condition = conditions.get(name);
        if (condition == null) {
            throw new IllegalArgumentException("No condition " + name + " in the template");
        }
        return evaluate(condition);
    }

    private boolean evaluate(JsonNode condition) {
        if (condition.has("Condition")) {
            return holds(condition.get("Condition").asText());
        }
        if (condition.has("Fn::Not")) {
            return !evaluate(condition.get("Fn::Not").path(0));
        }
        if (condition.has("Fn::Equals")) {
            return resolve(condition.get("Fn::Equals").path(0))
                    .equals(resolve(condition.get("Fn::Equals").path(1)));
        }
        if (condition.has("Fn::And") || condition.has("Fn::Or")) {
            boolean and = condition.has("Fn::And");
            boolean result = and;
            for (JsonNode part : condition.get(and ? "Fn::And" : "Fn::Or")) {
                result = and ? result && evaluate(part) : result || evaluate(part);
            }
            return result;
        }
        throw new IllegalArgumentException("No way known to evaluate condition " + condition);
    }

    private String ref(String name) {
        return known(refs, "!Ref", name);
    }

    private String attribute(String name) {
        return known(attributes, "!GetAtt", name);
    }

    private static String known(Map<String, String> values, String function, String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(
                    "No value known for " + function + " " + name + ": give it one in TemplateReferences");
        }
        return value;
    }

    private String sub(JsonNode sub) {
        String text = sub.isArray() ? sub.path(0).asText() : sub.asText();
        Map<String, String> local = new LinkedHashMap<>();
        if (sub.isArray()) {
            sub.path(1).properties().forEach(e -> local.put(e.getKey(), resolve(e.getValue())));
        }
        Matcher variable = SUB_VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            String value;
            if (name.startsWith("!")) {
                value = "${" + name.substring(1) + "}"; // ${!Literal} is written out as ${Literal}
            } else if (local.containsKey(name)) {
                value = local.get(name);
            } else {
                value = name.contains(".") && !name.startsWith("AWS::") ? attribute(name) : ref(name);
            }
            variable.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        variable.appendTail(result);
        return result.toString();
    }
}
