package org.openaccess.partner.admin;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.openaccess.partner.core.partners.DynamoPartnerRegistry;
import org.openaccess.partner.core.partners.OpenAccessSpotifyPartners;
import org.openaccess.partner.core.partners.PartnerRegistry;
import org.openaccess.partner.core.partners.SpotifyPartners;
import org.openaccess.partner.core.secrets.EnvironmentSecretSource;
import org.openaccess.partner.core.secrets.SecretSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The stack {@code ./run-local} runs: its DynamoDB port, its tables, its Spotify (the emulator unless set otherwise). */
final class LocalTarget implements Target {
    private final LocalStackSettings settings;
    private final DynamoDbClient dynamo;
    private final PartnerRegistry registry;
    private final SpotifyPartners spotify;
    private OperatorWiring operator;

    private LocalTarget(LocalStackSettings settings) {
        this.settings = settings;
        this.dynamo = DynamoDbClient.builder()
                .endpointOverride(settings.uri("AWS_ENDPOINT_URL_DYNAMODB"))
                .region(Region.of(settings.text("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        settings.text("AWS_ACCESS_KEY_ID"), settings.text("AWS_SECRET_ACCESS_KEY"))))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        this.registry = new DynamoPartnerRegistry(dynamo, settings.text("PARTNERS_TABLE"), Clock.systemUTC());
        // Local development values only, read as the stack's functions read them; never printed.
        SecretSource source = new EnvironmentSecretSource(Map.of(
                "SPOTIFY_CLIENT_SECRET", settings.text("SPOTIFY_CLIENT_SECRET"),
                "PARTNER_SESSION_KEY", settings.text("PARTNER_SESSION_KEY"),
                "PUID_KEY", settings.text("PUID_KEY")));
        this.spotify = new OpenAccessSpotifyPartners(
                settings.uri("SPOTIFY_ACCOUNTS_URL"),
                settings.uri("SPOTIFY_OPEN_ACCESS_URL"),
                settings.text("SPOTIFY_CLIENT_ID"),
                source);
    }

    static LocalTarget open(Map<String, String> env) {
        return new LocalTarget(LocalStackSettings.from(env));
    }

    @Override
    public String description() {
        return "the local stack (DynamoDB " + settings.text("AWS_ENDPOINT_URL_DYNAMODB") + ", table "
                + settings.text("PARTNERS_TABLE") + ")";
    }

    @Override
    public PartnerRegistry registry() {
        return registry;
    }

    @Override
    public SpotifyPartners spotify() {
        return spotify;
    }

    @Override
    public synchronized OperatorWiring operator() {
        if (operator == null) {
            Map<String, String> env = new java.util.HashMap<>();
            for (String name : java.util.List.of(
                    "SPOTIFY_CLIENT_ID",
                    "SPOTIFY_ACCOUNTS_URL",
                    "SPOTIFY_OPEN_ACCESS_URL",
                    "SPOTIFY_CLIENT_SECRET",
                    "PARTNER_SESSION_KEY",
                    "PUID_KEY",
                    "LINKS_TABLE",
                    "ENTITLEMENTS_TABLE",
                    "LINK_STATES_TABLE",
                    "RECONCILE_STATE_TABLE")) {
                env.put(name, settings.text(name));
            }
            operator = OperatorWiring.from(env, dynamo, java.util.Optional.empty(), java.util.Optional.empty());
        }
        return operator;
    }

    @Override
    public URI apiBaseUrl() {
        return settings.uri("PUBLIC_BASE_URL");
    }

    @Override
    public void close() {
        dynamo.close();
    }
}
