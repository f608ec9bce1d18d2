package org.openaccess.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {
    static final String EXAMPLE = """
            {
              "clients": [{
                "id": "abcdefabcdefabcdefabcdefabcdef12",
                "secret": "s3cr3ts3cr3ts3cr3ts3cr3ts3cr3t12",
                "description": "Example Podcasts",
                "redirectUris": ["https://partner.example/callback", "http://[::1]:3000/callback"],
                "allowedScopes": ["user-soa-link", "soa-manage-entitlements"],
                "partners": [{"id": "ExamplePartner00000001", "name": "Example", "entrypointUrl": "https://partner.example/link"}],
                "autoApproveUser": "kim"
              }],
              "users": [{"id": "kim", "displayName": "Kim Example"}],
              "shows": [{"id": "ExampleShow00000000001", "title": "Example Show", "entitlements": ["gold"]}],
              "conflictStatus": 403,
              "publicUrl": "https://spotify-emulator.example"
            }
            """;

    @Test
    void defaultsAreTheProjectsLocalValues() {
        EmulatorConfig config = EmulatorConfig.defaults();

        ClientConfig client = config.client("c0ffee00c0ffee00c0ffee00c0ffee00").orElseThrow();
        assertThat(client.secret()).isEqualTo("10ca1c11e275ec2e710ca1c11e275ec2");
        assertThat(client.redirectUris()).containsExactly("http://127.0.0.1:3000/callback");
        assertThat(client.allowedScopes())
                .containsExactlyInAnyOrder(
                        "user-soa-link",
                        "soa-manage-entitlements",
                        "user-soa-unlink",
                        "soa-manage-partner",
                        "soa-create-partner");
        assertThat(client.partners()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("LocalDemoPartner000001");
            assertThat(p.entrypointUrl()).isEqualTo(URI.create("http://127.0.0.1:3000/link"));
        });
        assertThat(config.users()).extracting(TestUser::id).containsExactly("ada", "grace", "alan");
        assertThat(config.shows()).hasSize(3).allSatisfy(s -> assertThat(s.id()).matches("[0-9A-Za-z]{22}"));
        assertThat(config.shows())
                .extracting(Show::entitlements)
                .containsExactly(List.of("basic"), List.of("premium"), List.of("basic", "premium"));
        assertThat(config.conflictStatus()).isEqualTo(409);
        assertThat(config.autoApproveUser()).isNull();
    }

    @Test
    void loadsTheDocumentedFormat(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("emulator.json");
        Files.writeString(file, EXAMPLE);

        EmulatorConfig config = EmulatorConfig.load(file);

        ClientConfig client = config.clients().getFirst();
        assertThat(client.description()).isEqualTo("Example Podcasts");
        assertThat(client.redirectUris())
                .containsExactly("https://partner.example/callback", "http://[::1]:3000/callback");
        assertThat(client.autoApproveUser()).isEqualTo("kim");
        assertThat(client.owns("ExamplePartner00000001")).isTrue();
        assertThat(config.shows().getFirst().uri()).isEqualTo("spotify:show:ExampleShow00000000001");
        assertThat(config.conflictStatus()).isEqualTo(403);
        assertThat(config.publicUrl()).isEqualTo(URI.create("https://spotify-emulator.example"));
    }

    @Test
    void omittedSectionsKeepTheDefaults() {
        EmulatorConfig config = EmulatorConfig.parse("{\"conflictStatus\": 422}");

        assertThat(config.clients()).isEqualTo(EmulatorConfig.defaults().clients());
        assertThat(config.conflictStatus()).isEqualTo(422);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "localhost redirect     | \"https://partner.example/callback\"        | \"http://localhost:3000/callback\"   | clients[0].redirectUris[0]",
                "plain http redirect    | \"https://partner.example/callback\"        | \"http://partner.example/cb\"        | clients[0].redirectUris[0]",
                "loopback without port  | \"https://partner.example/callback\"        | \"http://127.0.0.1/callback\"        | clients[0].redirectUris[0]",
                "unknown scope          | \"soa-manage-entitlements\"                 | \"streaming\"                        | clients[0].allowedScopes",
                "short partner id       | \"ExamplePartner00000001\"                  | \"Example1\"                         | clients[0].partners[0].id",
                "auto-approve stranger  | \"autoApproveUser\": \"kim\"                | \"autoApproveUser\": \"zed\"         | clients[0].autoApproveUser",
                "conflict status 200    | \"conflictStatus\": 403                     | \"conflictStatus\": 200              | conflictStatus",
                "conflict status text   | \"conflictStatus\": 403                     | \"conflictStatus\": \"409\"          | conflictStatus",
                "typo in a field        | \"description\"                             | \"descripton\"                       | clients[0].descripton",
                "blank secret           | \"s3cr3ts3cr3ts3cr3ts3cr3ts3cr3t12\"      | \"\"                                 | clients[0].secret",
                "show id too long       | \"ExampleShow00000000001\"                  | \"ExampleShow000000000012\"          | shows[0].id",
                "show without rights    | [\"gold\"]                                  | []                                   | shows[0].entitlements",
                "scopes not a list      | [\"user-soa-link\", \"soa-manage-entitlements\"] | \"user-soa-link\"                | clients[0].allowedScopes",
                "public url relative    | \"https://spotify-emulator.example\"        | \"/relative\"                        | publicUrl",
                "user without name      | \"Kim Example\"                           | \"  \"                               | users[0].displayName",
                "show of no partner     | \"entitlements\": [\"gold\"]              | \"entitlements\": [\"gold\"], \"partnerId\": \"NoSuchPartner000000000\" | shows[0].partnerId"
            })
    void aBadFieldStopsStartUpNamingIt(String name, String find, String replace, String field) {
        String json = EXAMPLE.replace(find, replace);
        assertThat(json).as("test case must change the example").isNotEqualTo(EXAMPLE);

        assertThatThrownBy(() -> EmulatorConfig.parse(json))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(field + ": ")
                .satisfies(e -> assertThat(((ConfigException) e).field()).isEqualTo(field));
    }

    @Test
    void invalidJsonNamesTheLine() {
        assertThatThrownBy(() -> EmulatorConfig.parse("{\n  \"clients\": [\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("line 3");
    }

    @Test
    void duplicateIdsAreRefused() {
        assertThatThrownBy(() -> EmulatorConfig.defaults().withUser(new TestUser("ada", "Another Ada")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("users[3].id: duplicate");
        ClientConfig thief = ClientConfig.of("other", "secret", "Other")
                .withPartner(
                        new PartnerConfig(EmulatorConfig.LOCAL_PARTNER_ID, "Stolen", URI.create("https://x.example")));
        assertThatThrownBy(() -> EmulatorConfig.defaults().withClient(thief))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("clients[1].partners[0].id: duplicate");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> EmulatorConfig.load(dir.resolve("absent.json")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("absent.json");
    }

    @Test
    void theClientSecretNeverAppearsInToString() {
        assertThat(EmulatorConfig.defaults().toString()).doesNotContain(EmulatorConfig.LOCAL_CLIENT_SECRET);
    }

    @Test
    void withClientReplacesAClientWithTheSameId() {
        EmulatorConfig config = EmulatorConfig.defaults()
                .withClient(
                        EmulatorConfig.localClient().withoutScope(Scopes.UNLINK).withAutoApproveUser("ada"));

        assertThat(config.clients()).singleElement().satisfies(c -> {
            assertThat(c.allowedScopes()).doesNotContain("user-soa-unlink");
            assertThat(c.autoApproveUser()).isEqualTo("ada");
        });
    }
}
