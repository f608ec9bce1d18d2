package org.openaccess.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator as a process, started the way the README says (with this build's classpath instead of the jar). */
@org.junit.jupiter.api.Tag("integration")
class LauncherTest {
    private static final Pattern READY = Pattern.compile("Spotify emulator ready at (http://\\S+)");

    private static Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                Launcher.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void startsWithAConfigFileAndLogsItsUrl(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("emulator.json");
        Files.writeString(config, ConfigTest.EXAMPLE);
        Process process = launch("--port", "0", "--config", config.toString(), "--public-url", "https://emu.example");
        try {
            BufferedReader output =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            Matcher ready = null;
            while ((line = output.readLine()) != null) {
                Matcher m = READY.matcher(line);
                if (m.find()) {
                    ready = m;
                    break;
                }
            }
            assertThat(ready).as("ready line").isNotNull();
            SpotifyCaller caller = new SpotifyCaller(URI.create(ready.group(1)));
            String state = caller.get("/_emulator/state").body();
            assertThat(state).contains("ExamplePartner00000001");
            String token = caller.clientToken(
                    "abcdefabcdefabcdefabcdefabcdef12", "s3cr3ts3cr3ts3cr3ts3cr3ts3cr3t12", "soa-manage-entitlements");
            assertThat(token).isNotBlank();
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBadConfigurationStopsStartUpNamingTheField(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.json");
        Files.writeString(
                config, ConfigTest.EXAMPLE.replace("https://partner.example/callback", "http://localhost:1/cb"));
        Process process = launch("--port", "0", "--config", config.toString());

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output)
                .contains("clients[0].redirectUris[0]")
                .contains("usage:")
                .doesNotContain("\tat ");
    }

    @Test
    void optionsAreParsedAndCheckedBeforeStarting() {
        Launcher.Options options =
                Launcher.Options.parse(new String[] {"--port", "9999", "--public-url", "https://e.example"});
        assertThat(options.port()).isEqualTo(9999);
        assertThat(options.publicUrl()).isEqualTo(URI.create("https://e.example"));
        assertThat(options.configFile()).isNull();

        assertThatThrownBy(() -> Launcher.Options.parse(new String[] {"--port", "http"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> Launcher.Options.parse(new String[] {"--port", "70000"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Launcher.Options.parse(new String[] {"--verbose", "1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option");
        assertThatThrownBy(() -> Launcher.Options.parse(new String[] {"--config"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing value");
    }
}
