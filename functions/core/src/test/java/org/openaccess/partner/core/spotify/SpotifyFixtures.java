package org.openaccess.partner.core.spotify;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.partner.core.MovingClock;
import org.openaccess.partner.core.secrets.PartnerSecrets;
import org.openaccess.partner.core.secrets.SecretSource;

/** Clients wired to an emulator with the project's local defaults, and a headless pass through /authorize. */
final class SpotifyFixtures {
    static final URI CALLBACK = URI.create(EmulatorConfig.LOCAL_REDIRECT_URI);

    private SpotifyFixtures() {}

    /** A secret source whose client secret the test chooses; counts re-reads after a rejection. */
    static final class SettableSecrets implements SecretSource {
        volatile String clientSecret;
        volatile String afterReload;
        volatile int reloads;

        SettableSecrets(String clientSecret) {
            this.clientSecret = clientSecret;
            this.afterReload = clientSecret;
        }

        @Override
        public PartnerSecrets current() {
            return new PartnerSecrets(
                    clientSecret, "local-session-key-0123456789abcdef0123", "local-puid-key-0123456789abcdef012345");
        }

        @Override
        public PartnerSecrets reloadAfterRejection() {
            reloads++;
            clientSecret = afterReload;
            return current();
        }
    }

    static SettableSecrets localSecrets() {
        return new SettableSecrets(EmulatorConfig.LOCAL_CLIENT_SECRET);
    }

    static HttpAccountsClient accounts(SpotifyEmulator emulator, SecretSource secrets, Clock clock) {
        return accounts(emulator.accountsUrl(), Optional.of(CALLBACK), secrets, clock);
    }

    /** The local client against any Accounts service, with or without a callback URL. */
    static HttpAccountsClient accounts(URI accountsUrl, Optional<URI> callback, SecretSource secrets, Clock clock) {
        return new HttpAccountsClient(
                SpotifyHttp.newClient(), accountsUrl, EmulatorConfig.LOCAL_CLIENT_ID, callback, secrets, clock);
    }

    /** How both Open Access clients call the emulator, as this project's local partner. */
    static OpenAccessCalls calls(SpotifyEmulator emulator, AccountsClient accounts, SecretSource secrets, Clock clock) {
        return new OpenAccessCalls(SpotifyHttp.newClient(), emulator.openAccessUrl(), accounts, secrets, clock);
    }

    static HttpOpenAccessClient openAccess(
            SpotifyEmulator emulator, AccountsClient accounts, SecretSource secrets, Clock clock) {
        return new HttpOpenAccessClient(calls(emulator, accounts, secrets, clock));
    }

    /** The operator's admin client as the local partner, on an Accounts client and secrets of its own. */
    static PartnerAdminClient admin(SpotifyEmulator emulator) {
        Clock clock = MovingClock.atNow();
        SettableSecrets secrets = localSecrets();
        return new PartnerAdminClient(calls(emulator, accounts(emulator, secrets, clock), secrets, clock));
    }

    /** The value of an {@code Ok} result; fails the test with what it was otherwise. */
    @SuppressWarnings("unchecked")
    static <T> T ok(OpenAccessResult<T> result) {
        return ((OpenAccessResult.Ok<T>) assertInstanceOf(OpenAccessResult.Ok.class, result, () -> "was " + result))
                .value();
    }

    /** The code and state Spotify sends back to the callback, and the verifier that goes with the code. */
    record Approval(String code, String state, String verifier) {}

    /** Follows /authorize as a browser would, up to the redirect to the callback (the emulator auto-approves). */
    static Approval approve(AccountsClient accounts) throws IOException, InterruptedException {
        Pkce pkce = new PkceGenerator(new SecureRandom()).generate();
        String state = "state-" + System.nanoTime();
        HttpResponse<Void> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(accounts.authorizeUrl(state, pkce.challenge()))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        String location = response.headers()
                .firstValue("Location")
                .orElseThrow(() ->
                        new AssertionError("/authorize answered " + response.statusCode() + " without a redirect"));
        Map<String, String> query = query(URI.create(location));
        return new Approval(query.get("code"), query.get("state"), pkce.verifier());
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }
}
