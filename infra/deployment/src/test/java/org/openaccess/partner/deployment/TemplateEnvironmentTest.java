package org.openaccess.partner.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.testkit.SamTemplate;

/**
 * Each function's jar, started with exactly the environment template.yaml gives it, initializes; and every
 * variable the template gives it is either required (init fails naming it when it is missing) or a setting with
 * a default. Together: no required setting is missing from the template and no template variable is dead weight.
 */
@org.junit.jupiter.api.Tag("integration")
class TemplateEnvironmentTest {
    /** Variables read by the JVM itself rather than by a {@link Setting}. */
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    /** One init with the full template environment per function, shared by its variable cases. */
    private static final Map<String, HandlerInit.Result> WITH_TEMPLATE_ENVIRONMENT = new ConcurrentHashMap<>();

    /** Settings that carry secret values: outside Lambda only, never in a deployed function's environment. */
    static final Set<Setting> SECRET_VALUES =
            Set.of(Setting.SPOTIFY_CLIENT_SECRET, Setting.PARTNER_SESSION_KEY, Setting.PUID_KEY);

    static Stream<String> functions() {
        return DeployedEnvironment.shared().template().functions().stream().map(SamTemplate.Function::logicalId);
    }

    static Stream<Arguments> templateVariables() {
        DeployedEnvironment environment = DeployedEnvironment.shared();
        return environment.template().functions().stream()
                .flatMap(function -> environment.templateVariables(function).keySet().stream()
                        .filter(variable -> !JVM_VARIABLES.contains(variable))
                        .map(variable -> Arguments.of(function.logicalId(), variable)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void functionInitializesWithTheTemplatesEnvironment(String logicalId) {
        SamTemplate.Function function = function(logicalId);
        HandlerInit.Result result = initWithTemplateEnvironment(function);
        assertTrue(
                result.ready(),
                function.logicalId() + " does not initialize with the template's environment:\n" + result.output());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void jvmAppliesTheTemplatesJavaToolOptions(String logicalId) {
        SamTemplate.Function function = function(logicalId);
        String options =
                DeployedEnvironment.shared().templateVariables(function).get("JAVA_TOOL_OPTIONS");
        if (options == null) {
            return; // Nothing asked of the JVM for this function.
        }
        HandlerInit.Result result = initWithTemplateEnvironment(function);
        List<String> applied = result.jvmOptions();
        for (String option : options.trim().split("\\s+")) {
            assertTrue(
                    applied.contains(option),
                    function.logicalId() + ": the JVM did not apply " + option + " from JAVA_TOOL_OPTIONS; it ran with "
                            + applied + "\n" + result.output());
        }
    }

    /**
     * A setting with a real default is an override (init cannot tell whether it is read), whose template default
     * must agree with Setting's; any other variable is taken away, and init must fail naming it unless the setting
     * is optional ("" default).
     */
    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("templateVariables")
    void everyTemplateVariableIsRequiredOrADefaultedSetting(String logicalId, String variable) {
        SamTemplate.Function function = function(logicalId);
        Setting setting = Arrays.stream(Setting.values())
                .filter(s -> s.name().equals(variable))
                .findFirst()
                .orElseThrow(() -> new AssertionError("template.yaml sets " + variable + " for " + logicalId
                        + ", but no Setting of that name exists: nothing reads it"));
        Optional<String> realDefault = setting.defaultValue().filter(value -> !value.isEmpty());
        if (realDefault.isPresent()) {
            // Deployed with the parameters' defaults, a function must behave as it does with Setting's default.
            assertEquals(
                    realDefault.get(),
                    DeployedEnvironment.shared().templateVariables(function).get(variable),
                    "the template's default for " + variable + " differs from Setting." + variable + "'s default");
            return;
        }
        HandlerInit.Result complete = initWithTemplateEnvironment(function);
        assertTrue(
                complete.ready(),
                logicalId + " does not initialize even with the full template environment, so " + "removing " + variable
                        + " proves nothing:\n" + complete.output());

        Map<String, String> withoutVariable =
                new LinkedHashMap<>(DeployedEnvironment.shared().of(function));
        withoutVariable.remove(variable);
        HandlerInit.Result result =
                HandlerInit.run(FunctionArtifact.of(function).snapshot(), withoutVariable);

        if (result.ready()) {
            assertTrue(
                    setting.hasDefault(),
                    logicalId + " initializes without " + variable
                            + ", and Setting." + variable
                            + " has no default: either the function never reads it (the template "
                            + "sets dead weight) or it reads it only later (a deployment missing it would fail on first use)");
        } else {
            assertTrue(
                    result.failedCleanly(),
                    logicalId + " without " + variable + " did not fail as a handler " + "init failure:\n"
                            + result.output());
            assertTrue(
                    result.output().contains(variable),
                    logicalId + " fails init without " + variable + ", but its message does not name it:\n"
                            + result.output());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void everyTemplateVariableIsASettingOrReadByTheJvm(String logicalId) {
        SamTemplate.Function function = function(logicalId);
        List<String> unknown = DeployedEnvironment.shared().templateVariables(function).keySet().stream()
                .filter(variable -> !JVM_VARIABLES.contains(variable))
                .filter(variable ->
                        Arrays.stream(Setting.values()).noneMatch(s -> s.name().equals(variable)))
                .toList();
        assertEquals(List.of(), unknown, function.logicalId() + ": template variables that nothing reads");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void noSecretValueIsInTheEnvironmentOrTheInitOutput(String logicalId) {
        SamTemplate.Function function = function(logicalId);
        Map<String, String> variables = DeployedEnvironment.shared().templateVariables(function);
        List<String> secrets = SECRET_VALUES.stream()
                .map(Setting::name)
                .filter(variables::containsKey)
                .toList();
        assertEquals(List.of(), secrets, logicalId + " gets secret values from the template instead of SECRET_ID");

        HandlerInit.Result result = initWithTemplateEnvironment(function);
        DeployedEnvironment.SECRET_VALUES.forEach(secret ->
                assertFalse(result.output().contains(secret), logicalId + " printed a secret value during init"));
    }

    private static SamTemplate.Function function(String logicalId) {
        return DeployedEnvironment.shared().template().function(logicalId);
    }

    private static HandlerInit.Result initWithTemplateEnvironment(SamTemplate.Function function) {
        return WITH_TEMPLATE_ENVIRONMENT.computeIfAbsent(function.logicalId(), id -> {
            FunctionArtifact artifact = FunctionArtifact.of(function);
            if (!artifact.exists()) {
                fail(id + ": CodeUri " + artifact.jar()
                        + " does not exist; build it with ./mvnw -B package -DskipTests");
            }
            return HandlerInit.run(
                    artifact.snapshot(), DeployedEnvironment.shared().of(function));
        });
    }
}
