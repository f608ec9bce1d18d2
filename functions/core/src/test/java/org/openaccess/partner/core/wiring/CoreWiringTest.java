package org.openaccess.partner.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.MovingClock;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.config.SettingsException;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.linking.LinkState;
import org.openaccess.partner.core.linking.LinkStateStore;
import org.openaccess.partner.core.linking.SentEntitlements;
import org.openaccess.partner.core.partners.PartnerRoute;
import org.openaccess.partner.core.secrets.EnvironmentSecretSource;
import org.openaccess.partner.core.secrets.SecretsManagerSecretSource;
import org.openaccess.partner.core.secrets.SecretsUnavailableException;
import org.openaccess.partner.core.session.SessionCheck;
import org.openaccess.partner.core.session.SessionTokens;
import org.openaccess.partner.core.spotify.OpenAccessResult;
import org.openaccess.partner.core.storage.TestTables;
import org.openaccess.partner.core.testing.PartnerMembership;
import org.openaccess.partner.testkit.SecretsManagerStub;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/** The composition root, wired to the emulator, dynalite and the Secrets Manager stub. */
@org.junit.jupiter.api.Tag("integration")
class CoreWiringTest {
    private static final Set<Setting> REQUIRED = CoreWiring.linkingSettings();
    private static final String SECRET_JSON = "{\"client_secret\":\"" + EmulatorConfig.LOCAL_CLIENT_SECRET
            + "\",\"session_key\":\"local-session-key-0123456789abcdef0123\",\"puid_key\":\"local-puid-key-0123456789abcdef012345\"}";

    @RegisterExtension
    static SpotifyEmulatorExtension spotify = new SpotifyEmulatorExtension();

    private static TestTables tables;
    private static SecretsManagerStub stub;

    @BeforeAll
    static void start() {
        tables = TestTables.create();
        stub = SecretsManagerStub.start();
        stub.putSecret("partner/core-wiring", SECRET_JSON);
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("SPOTIFY_CLIENT_ID", EmulatorConfig.LOCAL_CLIENT_ID);
        env.put("SPOTIFY_PARTNER_ID", EmulatorConfig.LOCAL_PARTNER_ID);
        env.put("SPOTIFY_ACCOUNTS_URL", spotify.accountsUrl().toString());
        env.put("SPOTIFY_OPEN_ACCESS_URL", spotify.openAccessUrl().toString());
        env.put("CALLBACK_URL", EmulatorConfig.LOCAL_REDIRECT_URI);
        env.put("LINK_STATES_TABLE", tables.linkStates());
        env.put("LINKS_TABLE", tables.links());
        env.put("ENTITLEMENTS_TABLE", tables.entitlements());
        return env;
    }

    private static CoreWiring wiring(Map<String, String> env) {
        return CoreWiring.from(
                Settings.from(env, REQUIRED), env, tables.client(), Optional.of(stub.client()), MovingClock.atNow());
    }

    /** A wiring whose secrets come from the stub's secret {@code secretId}. */
    private static CoreWiring wiringWithSecretId(String secretId) {
        Map<String, String> env = env();
        env.put("SECRET_ID", secretId);
        return wiring(env);
    }

    @Test
    void withSecretIdTheSecretsComeFromSecretsManager() {
        Map<String, String> env = env();
        env.put("SECRET_ID", "partner/core-wiring");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "CallbackFunction");
        CoreWiring wiring = wiring(env);
        assertInstanceOf(SecretsManagerSecretSource.class, wiring.secrets());
        assertEquals(
                "local-puid-key-0123456789abcdef012345",
                wiring.secrets().current().puidKey());
    }

    /** After a restore the secret is read in the background, once: the first request finds it read. */
    @Test
    void afterARestoreTheSecretIsReadInTheBackgroundOnce() throws InterruptedException {
        CoreWiring wiring = wiringWithSecretId("partner/core-wiring");
        int readsBefore = stub.readCount();

        wiring.readSecretsInBackground().join(10_000);

        assertEquals(readsBefore + 1, stub.readCount(), "read after the restore, not before");
        assertEquals(
                "local-puid-key-0123456789abcdef012345",
                wiring.secrets().current().puidKey());
        assertEquals(readsBefore + 1, stub.readCount(), "the first request did not read it again");
    }

    /** A background read that fails leaves the failure to the first request, which meets it as it always did. */
    @Test
    void aBackgroundReadThatFailsLeavesTheFailureToTheRequest() throws InterruptedException {
        CoreWiring wiring = wiringWithSecretId("partner/no-such-secret");

        Thread reader = wiring.readSecretsInBackground();
        reader.join(10_000);

        assertFalse(reader.isAlive());
        SecretsUnavailableException failure = assertThrows(
                SecretsUnavailableException.class, () -> wiring.secrets().current());
        assertTrue(failure.getMessage().contains("partner/no-such-secret"), failure.getMessage());
    }

    @Test
    void outsideLambdaWithoutSecretIdTheSecretsComeFromTheEnvironment() {
        Map<String, String> env = env();
        env.put("SPOTIFY_CLIENT_SECRET", EmulatorConfig.LOCAL_CLIENT_SECRET);
        env.put("PARTNER_SESSION_KEY", "local-session-key-0123456789abcdef0123");
        env.put("PUID_KEY", "local-puid-key-0123456789abcdef012345");
        CoreWiring wiring = wiring(env);
        assertInstanceOf(EnvironmentSecretSource.class, wiring.secrets());
        assertEquals(
                EmulatorConfig.LOCAL_CLIENT_SECRET, wiring.secrets().current().clientSecret());
    }

    @Test
    void inLambdaWithoutSecretIdWiringFailsNamingSecretId() {
        Map<String, String> env = env();
        env.put("AWS_LAMBDA_FUNCTION_NAME", "CallbackFunction");
        env.put("SPOTIFY_CLIENT_SECRET", EmulatorConfig.LOCAL_CLIENT_SECRET);
        SettingsException e =
                assertThrows(SettingsException.class, () -> wiring(env).secrets());
        assertTrue(e.getMessage().contains("SECRET_ID"), e.getMessage());
        assertTrue(!e.getMessage().contains(EmulatorConfig.LOCAL_CLIENT_SECRET));
    }

    @Test
    void missingSettingsAreAllNamedAtOnce() {
        Map<String, String> env = env();
        env.remove("LINKS_TABLE");
        env.put("SPOTIFY_PARTNER_ID", "too-short");
        SettingsException e = assertThrows(SettingsException.class, () -> Settings.from(env, REQUIRED));
        assertTrue(e.getMessage().contains("LINKS_TABLE is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("SPOTIFY_PARTNER_ID"), e.getMessage());
    }

    @Test
    void eachAdapterIsBuiltOnce() {
        CoreWiring wiring = wiringWithSecretId("partner/core-wiring");
        assertSame(wiring.accounts(), wiring.accounts());
        assertSame(wiring.openAccess(), wiring.openAccess());
        assertSame(wiring.links(), wiring.links());
        assertSame(wiring.secureRandom(), wiring.secureRandom());
        assertSame(wiring.entitlementSync(), wiring.entitlementSync());
    }

    @Test
    void theWiredAdaptersWorkTogether() {
        CoreWiring wiring = wiringWithSecretId("partner/core-wiring");
        Membership member = new Membership("member-77", EmulatorConfig.LOCAL_PARTNER_ID);
        String puid = wiring.partnerUserIds().derive(member);
        assertTrue(puid.matches("^[0-9a-f]{64}$"));

        spotify.emulator().addLink(EmulatorConfig.LOCAL_PARTNER_ID, puid, "alan", Set.of("basic"));
        PartnerMembership.of(wiring).set(member, Set.of("premium"));
        Set<String> current = wiring.entitlements().current(member);
        assertInstanceOf(
                OpenAccessResult.Ok.class, wiring.openAccess().replaceEntitlements(member.partnerId(), puid, current));
        assertEquals(Set.of("premium"), spotify.emulator().entitlements(EmulatorConfig.LOCAL_PARTNER_ID, puid));

        wiring.links()
                .recordLinked(
                        member,
                        puid,
                        new SentEntitlements(
                                current,
                                wiring.clock().instant(),
                                wiring.clock().instant()));
        assertTrue(wiring.links().find(member).orElseThrow().isLinked());
        wiring.linkStates()
                .save(new LinkState(
                        "h-77",
                        "member-77",
                        PartnerRoute.defaultPartner(member.partnerId()),
                        "v".repeat(43),
                        "b",
                        Optional.empty(),
                        wiring.clock().instant().plusSeconds(600)));
        assertEquals(
                "member-77",
                assertInstanceOf(
                                LinkStateStore.Consumed.Taken.class,
                                wiring.linkStates().consume("h-77", Optional.of("b")))
                        .state()
                        .partnerUserId());

        String session = SessionTokens.issue(
                "local-session-key-0123456789abcdef0123",
                "member-77",
                wiring.clock().instant(),
                Duration.ofHours(1));
        assertEquals(
                "member-77",
                assertInstanceOf(SessionCheck.Valid.class, wiring.sessions().verify(Optional.of(session)))
                        .session()
                        .userId());
        assertTrue(wiring.accounts()
                .authorizeUrl("s", "c".repeat(43))
                .toString()
                .startsWith(spotify.accountsUrl() + "/authorize?"));
    }

    @Test
    void primingTouchesNoNetworkNoSecretAndNoClient() {
        Map<String, String> env = env();
        env.put("SECRET_ID", "partner/core-wiring");
        int readsBefore = stub.readCount();
        int callsBefore = spotify.emulator().calls().size();
        CoreWiring wiring =
                CoreWiring.from(Settings.from(env, REQUIRED), env, null, Optional.empty(), MovingClock.atNow());
        wiring.primeUntilCompiled(() -> {});
        assertFalse(wiring.randomnessDrawn(), "no random state a snapshot would copy");
        assertEquals(readsBefore, stub.readCount());
        assertEquals(callsBefore, spotify.emulator().calls().size());
    }

    /** Priming runs every kind of AWS call the functions make through the SDK, answered in memory. */
    @Test
    void primingRunsEachAwsCallThroughTheSdkInMemory() {
        int readsBefore = stub.readCount();
        assertEquals(8 * 3, WarmUp.awsSdkCalls("member-1", 3));
        assertEquals(readsBefore, stub.readCount());
    }

    /** Priming lends the SDK a throwaway trace id and gives back the thread as it found it. */
    @Test
    void primingPutsBackTheTraceIdItFound() {
        String invocations = "Root=1-5f84c7a1-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=1";
        SdkInternalThreadLocal.put(ThrowawayTraceId.SDK_KEY, invocations);
        try {
            WarmUp.awsSdkCalls("member-1", 1);
            assertEquals(invocations, SdkInternalThreadLocal.get(ThrowawayTraceId.SDK_KEY));
        } finally {
            SdkInternalThreadLocal.remove(ThrowawayTraceId.SDK_KEY);
        }
        WarmUp.awsSdkCalls("member-1", 1);
        assertNull(SdkInternalThreadLocal.get(ThrowawayTraceId.SDK_KEY));
    }
}
