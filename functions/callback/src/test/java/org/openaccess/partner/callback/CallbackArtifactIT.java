package org.openaccess.partner.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.testkit.RepoRoot;
import org.openaccess.partner.testkit.SamTemplate;

/** The Lambda jar template.yaml deploys for GET /callback: what is in it, and that it runs on its own. */
class CallbackArtifactIT {
    private static final String HANDLER = "org.openaccess.partner.callback.CallbackFunction::handleRequest";

    private final SamTemplate.Function function = SamTemplate.load().functions().stream()
            .filter(f -> f.handler().equals(HANDLER)).findFirst().orElseThrow();
    private final Path jar = RepoRoot.path().resolve(function.codeUri());

    @Test
    void theJarHoldsTheHandlerAndNothingItDoesNotNeed() throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> names = zip.stream().map(e -> e.getName()).toList();
            assertTrue(names.contains("org/openaccess/partner/callback/CallbackFunction.class"));
            assertTrue(names.stream().anyMatch(n -> n.startsWith("org/openaccess/partner/callback/$CallbackController$Definition")),
                    "the controller's compile-time bean definition is packed");
            for (String unwanted : List.of("org/openaccess/partner/entrypoint/", "org/openaccess/partner/unlink/",
                    "org/openaccess/emulator/", "org/openaccess/partner/testkit/", "io/netty/",
                    "software/amazon/awssdk/crt/", "org/apache/http/", "org/junit/")) {
                assertFalse(names.stream().anyMatch(n -> n.startsWith(unwanted)), "jar contains " + unwanted);
            }
        }
        assertTrue(Files.size(jar) < 20L * 1024 * 1024, "Lambda jar is " + Files.size(jar) + " bytes");
    }

    @Test
    void everySettingItRequiresIsSetInTheTemplate() {
        for (Setting setting : new CallbackSettings().required()) {
            assertTrue(function.environment().containsKey(setting.name()), setting + " is not set for " + function.logicalId());
        }
        assertTrue(function.environment().containsKey("ALLOWED_COMPLETION_HOSTS"));
    }

    @Test
    void theJarRunsOnItsOwnWithTheDeployedSettingNames() throws Exception {
        Map<String, String> env = Map.ofEntries(
                Map.entry("SPOTIFY_CLIENT_ID", "c0ffee00c0ffee00c0ffee00c0ffee00"),
                Map.entry("SPOTIFY_PARTNER_ID", "LocalDemoPartner000001"),
                Map.entry("CALLBACK_URL", "https://api.example/callback"),
                Map.entry("LINK_STATES_TABLE", "link-states"), Map.entry("LINKS_TABLE", "links"),
                Map.entry("ENTITLEMENTS_TABLE", "entitlements"), Map.entry("AWS_REGION", "us-east-1"),
                Map.entry("SPOTIFY_CLIENT_SECRET", "10ca1c11e275ec2e710ca1c11e275ec2"),
                Map.entry("PARTNER_SESSION_KEY", "local-session-key-0123456789abcdef0123"),
                Map.entry("PUID_KEY", "local-puid-key-0123456789abcdef012345"));

        assertEquals("STATUS 400 invalid_request", probe(env, "/callback"));
    }

    @Test
    void aMissingSettingFailsInitNamingIt() throws Exception {
        String output = probe(Map.of("AWS_REGION", "us-east-1"), "/callback");

        for (String name : List.of("SPOTIFY_CLIENT_ID", "SPOTIFY_PARTNER_ID", "CALLBACK_URL", "LINKS_TABLE")) {
            assertTrue(output.contains(name + " is missing"), output);
        }
    }

    private String probe(Map<String, String> env, String... args) throws Exception {
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(javaCommand, "-cp",
                jar + File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath(),
                ArtifactProbe.class.getName(), HANDLER));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        String text = new String(output, StandardCharsets.UTF_8);
        return text.lines().filter(line -> line.startsWith("STATUS ")).findFirst().orElse(text);
    }
}
