package org.openaccess.partner.coldstart.backends;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.partner.coldstart.measure.NetworkWatch;
import org.openaccess.partner.testkit.Dynalite;
import org.openaccess.partner.testkit.SamTemplate;
import org.openaccess.partner.testkit.SecretsManagerStub;
import org.openaccess.partner.testkit.TemplateTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the functions talk to, started locally for the measurement: dynalite with the template's tables, the Secrets
 * Manager stub holding the local secret, and the Spotify emulator. Each is reached through a
 * {@link ConnectionCountingProxy}, so connections opened before a checkpoint are counted.
 */
public final class LocalBackends implements AutoCloseable, NetworkWatch {

    /** The local secret's id; its values are the project's local defaults, never real ones. */
    public static final String SECRET_ID = "arn:aws:secretsmanager:eu-west-1:000000000000:secret:open-access-local";

    static final String SECRET_JSON = "{\"client_secret\":\"" + EmulatorConfig.LOCAL_CLIENT_SECRET + "\","
            + "\"session_key\":\"local-session-key-0123456789abcdef0123\","
            + "\"puid_key\":\"local-puid-key-0123456789abcdef012345\"}";
    private static final String TABLE_SUFFIX = "coldstart";

    private final Dynalite dynalite;
    private final SecretsManagerStub secrets;
    private final SpotifyEmulator spotify;
    private final List<ConnectionCountingProxy> proxies;
    private final Map<String, String> tables;
    private final Map<String, String> endpoints;

    private LocalBackends(
            Dynalite dynalite,
            SecretsManagerStub secrets,
            SpotifyEmulator spotify,
            List<ConnectionCountingProxy> proxies,
            Map<String, String> tables,
            Map<String, String> endpoints) {
        this.dynalite = dynalite;
        this.secrets = secrets;
        this.spotify = spotify;
        this.proxies = List.copyOf(proxies);
        this.tables = Map.copyOf(tables);
        this.endpoints = Map.copyOf(endpoints);
    }

    public static LocalBackends start(SamTemplate template) throws IOException {
        Dynalite dynalite = Dynalite.start();
        Map<String, String> tables = new TemplateTables(template).createAll(dynalite.client(), TABLE_SUFFIX);
        SecretsManagerStub secrets = SecretsManagerStub.start();
        secrets.putSecret(SECRET_ID, SECRET_JSON);
        SpotifyEmulator spotify = SpotifyEmulator.start(EmulatorConfig.defaults(), 0);

        List<ConnectionCountingProxy> proxies = new ArrayList<>();
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put(
                "AWS_ENDPOINT_URL_DYNAMODB", relay(dynalite.endpoint(), proxies).toString());
        endpoints.put(
                "AWS_ENDPOINT_URL_SECRETS_MANAGER",
                relay(secrets.endpoint(), proxies).toString());
        URI spotifyRelay = relay(spotify.baseUrl(), proxies);
        endpoints.put("SPOTIFY_ACCOUNTS_URL", trimSlash(spotifyRelay));
        endpoints.put("SPOTIFY_OPEN_ACCESS_URL", trimSlash(spotifyRelay) + "/api/v1");
        return new LocalBackends(dynalite, secrets, spotify, proxies, tables, endpoints);
    }

    /** Logical id of each template table -> the table created for it. */
    public Map<String, String> tables() {
        return tables;
    }

    /** Endpoint variables for the functions: the SDK's {@code AWS_ENDPOINT_URL_*} and Spotify's URLs, via relays. */
    public Map<String, String> endpoints() {
        return endpoints;
    }

    public DynamoDbClient dynamo() {
        return dynalite.client();
    }

    public SpotifyEmulator spotify() {
        return spotify;
    }

    @Override
    public int connectionsBetween(long fromNanos, long toNanos) {
        return proxies.stream()
                .mapToInt(p -> p.connectionsBetween(fromNanos, toNanos))
                .sum();
    }

    @Override
    public long backendWaitNanosBetween(long fromNanos, long toNanos) {
        return proxies.stream()
                .mapToLong(p -> p.waitNanosBetween(fromNanos, toNanos))
                .sum();
    }

    @Override
    public void close() throws IOException {
        for (ConnectionCountingProxy proxy : proxies) {
            proxy.close();
        }
        spotify.close();
        secrets.close();
        dynalite.close();
    }

    private static URI relay(URI backend, List<ConnectionCountingProxy> proxies) throws IOException {
        ConnectionCountingProxy proxy = ConnectionCountingProxy.to(backend);
        proxies.add(proxy);
        return proxy.relayFor(backend);
    }

    private static String trimSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
