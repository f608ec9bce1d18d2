package org.openaccess.partner.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.openaccess.partner.coldstart.launch.FunctionDeployment;
import org.openaccess.partner.testkit.SamTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The template's functions as the harness deploys them locally: artifact from {@code CodeUri}, handler and
 * {@code MemorySize} from the template, environment resolved with local parameter values and the local tables,
 * and their events from {@code events/<function>/}.
 */
public final class TemplateFunctions {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateFunctions.class);
    private static final int LAMBDA_DEFAULT_MEMORY_MB = 128;
    /** Words that name an event file as a bad-input twin. */
    private static final List<String> BAD_INPUT_WORDS = List.of(
            "bad",
            "malformed",
            "invalid",
            "missing",
            "unknown",
            "expired",
            "oversized",
            "wrong",
            "denied",
            "forged",
            "replay",
            "error");

    /** A function to measure, with what the report needs to know about it. */
    public record FunctionUnderTest(FunctionDeployment deployment, boolean http, List<Path> events) {}

    private final SamTemplate template;
    private final Path repoRoot;

    public TemplateFunctions(SamTemplate template, Path repoRoot) {
        this.template = template;
        this.repoRoot = repoRoot;
    }

    /**
     * @param references value of each {@code !Ref} target (parameters and tables)
     * @param overrides  variables whose template value cannot be resolved locally (e.g. {@code !Sub} of the API's URL)
     *                   or must point elsewhere (backends behind relays)
     */
    public List<FunctionUnderTest> functions(Map<String, String> references, Map<String, String> overrides) {
        List<FunctionUnderTest> functions = new ArrayList<>();
        for (SamTemplate.Function function : template.functions()) {
            String name = functionName(function.codeUri());
            Map<String, String> environment = environment(function, references, overrides);
            JsonNode memory = template.functionProperty(function.logicalId(), "MemorySize");
            FunctionDeployment deployment = new FunctionDeployment(
                    name,
                    repoRoot.resolve(function.codeUri()),
                    function.handler(),
                    memory.isMissingNode() ? LAMBDA_DEFAULT_MEMORY_MB : memory.asInt(),
                    environment);
            functions.add(
                    new FunctionUnderTest(deployment, !function.httpRoutes().isEmpty(), events(name)));
        }
        return functions;
    }

    /** {@code functions/callback/target/callback-lambda.jar} -> {@code callback}. */
    static String functionName(String codeUri) {
        Path path = Path.of(codeUri);
        for (int i = 0; i + 1 < path.getNameCount(); i++) {
            if (path.getName(i).toString().equals("functions")) {
                return path.getName(i + 1).toString();
            }
        }
        return path.getFileName().toString().replace("-lambda.jar", "");
    }

    /** The template default of every parameter that has one. */
    public Map<String, String> parameterDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        template.tree().path("Parameters").properties().forEach(p -> {
            if (p.getValue().has("Default")) {
                defaults.put(p.getKey(), p.getValue().get("Default").asText());
            }
        });
        return defaults;
    }

    static boolean isBadInput(Path event) {
        String file = event.getFileName().toString().toLowerCase(Locale.ROOT);
        return BAD_INPUT_WORDS.stream().anyMatch(file::contains);
    }

    private Map<String, String> environment(
            SamTemplate.Function function, Map<String, String> references, Map<String, String> overrides) {
        Map<String, String> environment = new LinkedHashMap<>();
        function.environment().forEach((variable, value) -> {
            if (overrides.containsKey(variable)) {
                environment.put(variable, overrides.get(variable));
            } else if (value.isValueNode()) {
                environment.put(variable, value.asText());
            } else if (value.has("Ref")
                    && references.containsKey(value.get("Ref").asText())) {
                environment.put(variable, references.get(value.get("Ref").asText()));
            } else {
                LOG.warn("{}: {} has no local value ({}); left unset", function.logicalId(), variable, value);
            }
        });
        overrides.forEach(environment::putIfAbsent);
        return environment;
    }

    /**
     * {@code events/<function>/*.json}, the main event first and the bad-input twins last: the first invoke is the
     * one a user waits for on the happy path. The main event is the shortest name ({@code link.json} beside
     * {@code link-no-session.json}).
     */
    List<Path> events(String name) {
        Path folder = repoRoot.resolve("events").resolve(name);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(TemplateFunctions::isBadInput)
                            .thenComparing(f -> f.getFileName().toString().length())
                            .thenComparing(Path::getFileName))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
