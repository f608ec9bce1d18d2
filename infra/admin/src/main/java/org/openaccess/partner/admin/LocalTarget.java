package org.openaccess.partner.admin;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openaccess.partner.core.partners.OpenAccessSpotifyPartners;
import org.openaccess.partner.core.partners.SpotifyPartners;
import org.openaccess.partner.core.secrets.EnvironmentSecretSource;
import org.openaccess.partner.core.secrets.SecretSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The stack {@code ./run-local} runs: its DynamoDB port, its tables, its Spotify (the emulator unless set otherwise). */
final class LocalTarget extends ConnectedTarget {
    /** What the user commands' wiring reads, named and resolved as the stack's functions see them. */
    private static final List<String> OPERATOR_SETTINGS = List.of(
            "SPOTIFY_CLIENT_ID",
            "SPOTIFY_ACCOUNTS_URL",
            "SPOTIFY_OPEN_ACCESS_URL",
            "SPOTIFY_CLIENT_SECRET",
            "PARTNER_SESSION_KEY",
            "PUID_KEY",
            "LINKS_TABLE",
            "ENTITLEMENTS_TABLE",
            "LINK_STATES_TABLE",
            "RECONCILE_STATE_TABLE");

    private final LocalStackSettings settings;
    private final DynamoDbClient dynamo;

    private LocalTarget(LocalStackSettings settings, DynamoDbClient dynamo) {
        super(dynamo, settings.text("PARTNERS_TABLE"), spotify(settings));
        this.settings = settings;
        this.dynamo = dynamo;
    }

    static LocalTarget open(Map<String, String> env) {
        LocalStackSettings settings = LocalStackSettings.from(env);
        DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(settings.uri("AWS_ENDPOINT_URL_DYNAMODB"))
                .region(Region.of(settings.text("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        settings.text("AWS_ACCESS_KEY_ID"), settings.text("AWS_SECRET_ACCESS_KEY"))))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return new LocalTarget(settings, dynamo);
    }

    private static SpotifyPartners spotify(LocalStackSettings settings) {
        // Local development values only, read as the stack's functions read them; never printed.
        SecretSource source = new EnvironmentSecretSource(Map.of(
                "SPOTIFY_CLIENT_SECRET", settings.text("SPOTIFY_CLIENT_SECRET"),
                "PARTNER_SESSION_KEY", settings.text("PARTNER_SESSION_KEY"),
                "PUID_KEY", settings.text("PUID_KEY")));
        return new OpenAccessSpotifyPartners(
                settings.uri("SPOTIFY_ACCOUNTS_URL"),
                settings.uri("SPOTIFY_OPEN_ACCESS_URL"),
                settings.text("SPOTIFY_CLIENT_ID"),
                source);
    }

    @Override
    public String description() {
        return "the local stack (DynamoDB " + settings.text("AWS_ENDPOINT_URL_DYNAMODB") + ", table "
                + settings.text("PARTNERS_TABLE") + ")";
    }

    @Override
    OperatorWiring wireOperator() {
        Map<String, String> env = new HashMap<>();
        OPERATOR_SETTINGS.forEach(name -> env.put(name, settings.text(name)));
        return OperatorWiring.from(env, dynamo, Optional.empty(), Optional.empty());
    }

    @Override
    public URI apiBaseUrl() {
        return settings.uri("PUBLIC_BASE_URL");
    }
}
