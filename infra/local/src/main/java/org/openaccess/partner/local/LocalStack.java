package org.openaccess.partner.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.openaccess.emulator.ClientConfig;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.PartnerConfig;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.partner.core.partners.DynamoPartnerRegistry;
import org.openaccess.partner.core.partners.OpenAccessSpotifyPartners;
import org.openaccess.partner.core.partners.PartnerRegistry;
import org.openaccess.partner.core.partners.SpotifyPartners;
import org.openaccess.partner.core.secrets.EnvironmentSecretSource;
import org.openaccess.partner.core.secrets.SecretSource;
import org.openaccess.partner.local.changefeed.ChangeFeed;
import org.openaccess.partner.local.changefeed.DynamoDbProxy;
import org.openaccess.partner.local.demo.CreatorOnboarding;
import org.openaccess.partner.local.demo.DemoCreator;
import org.openaccess.partner.local.demo.DemoPartner;
import org.openaccess.partner.local.demo.DemoShow;
import org.openaccess.partner.local.demo.DemoSite;
import org.openaccess.partner.local.gateway.LocalGateway;
import org.openaccess.partner.local.schedule.ScheduledInvoker;
import org.openaccess.partner.testkit.Dynalite;
import org.openaccess.partner.testkit.SamTemplate;
import org.openaccess.partner.testkit.TemplateTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * The whole system in one JVM: dynalite behind a change-capturing DynamoDB proxy, the Spotify emulator, every
 * function of template.yaml behind a local API Gateway, the stream and schedule triggers, and the demo partner
 * site. {@code ./run-local} starts it; Ctrl-C or SIGTERM stops everything it started.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    static final String READY_LINE = "Local stack ready";
    private static final String DEFAULT_PARTNER_NAME = "Local Demo Partner";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final LocalSettings settings;
    private URI emulatorUrl;

    private LocalStack(LocalSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        ConsoleWriter console = new ConsoleWriter();
        if (args.length == 1 && args[0].equals("--print-env")) {
            printEnvironment(console);
            return;
        }
        long startNanos = System.nanoTime();
        LocalGateway.prepareJdkServer();
        try {
            LocalSettings settings = LocalSettings.from(System.getenv());
            List<String> mismatches = settings.mismatches(System.getenv());
            if (!mismatches.isEmpty()) {
                throw new IllegalStateException("the functions read their settings from this JVM's environment, and "
                        + mismatches + " are missing or differ from what the stack needs. Start it with ./run-local.");
            }
            LocalStack stack = new LocalStack(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
            stack.start();
            console.say(stack.banner((System.nanoTime() - startNanos) / 1_000_000));
        } catch (RuntimeException | LinkageError e) {
            console.error(e.getMessage() == null ? e.toString() : e.getMessage());
            LOG.debug("start failed", e);
            System.exit(1);
        }
    }

    private static void printEnvironment(ConsoleWriter console) {
        try {
            console.raw(LocalSettings.from(System.getenv()).asShellExports());
        } catch (IllegalArgumentException e) {
            console.error(e.getMessage());
            System.exit(2);
        }
    }

    void start() {
        ensureFree(settings.apiPort(), "LOCAL_API_PORT");
        ensureFree(settings.dynamoDbPort(), "LOCAL_DYNAMODB_PORT");
        if (settings.startsEmulator()) {
            ensureFree(settings.emulatorPort(), "EMULATOR_PORT");
        }
        SamTemplate template = settings.template().map(SamTemplate::load).orElseGet(SamTemplate::load);
        // dynalite (a node process) and the functions' init are the slow parts: do them side by side.
        CompletableFuture<TemplateFunctions> functionsInit =
                CompletableFuture.supplyAsync(() -> TemplateFunctions.load(template));
        Dynalite dynalite = keep(Dynalite.start(0));
        TemplateTables tables = new TemplateTables(template);
        Map<String, String> created = tables.createAll(dynalite.client(), settings.tableSuffix());
        LOG.info("tables {} created from template.yaml", created.values());
        checkTableNames(tables.environment(created));
        if (settings.startsEmulator()) {
            SpotifyEmulator emulator = keep(SpotifyEmulator.start(emulatorConfig(), settings.emulatorPort()));
            emulatorUrl = emulator.baseUrl();
        }
        // While the functions load: the demo platform onboards its creators, as ./admin create-partner would.
        List<DemoPartner> creators = onboardCreators(dynalite.client());
        TemplateFunctions functions = join(functionsInit);
        startChangeFeed(functions, dynalite, created);
        startGateway(functions, creators);
        for (TemplateFunctions.ScheduledFunction scheduled : functions.scheduledFunctions()) {
            keep(new ScheduledInvoker(
                            scheduled.functionName(), scheduled.handler(), scheduled.timeout(), settings.region())
                    .start(settings.reconcilePeriod()));
        }
    }

    private static TemplateFunctions join(CompletableFuture<TemplateFunctions> init) {
        try {
            return init.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private void startChangeFeed(TemplateFunctions functions, Dynalite dynalite, Map<String, String> created) {
        TemplateFunctions.StreamConsumer consumer = functions
                .streamConsumer()
                .orElseThrow(
                        () -> new IllegalStateException("template.yaml has no function with a DynamoDB stream event"));
        String table = created.get(consumer.tableLogicalId());
        if (!settings.entitlementsTable().equals(table)) {
            throw new IllegalStateException("the stream function reads " + consumer.tableLogicalId() + " (" + table
                    + "), but ENTITLEMENTS_TABLE is " + settings.entitlementsTable());
        }
        List<String> keyAttributes =
                dynalite.client().describeTable(b -> b.tableName(table)).table().keySchema().stream()
                        .map(KeySchemaElement::attributeName)
                        .toList();
        ChangeFeed feed =
                keep(new ChangeFeed(consumer.functionName(), consumer.handler(), consumer.settings()).start());
        keep(DynamoDbProxy.start(
                settings.dynamoDbPort(), dynalite.endpoint(), settings.region(), table, keyAttributes, feed::append));
    }

    /**
     * The demo platform's creators, onboarded by {@link CreatorOnboarding} through core's PartnerCreation (the code path of
     * {@code ./admin create-partner}); only against the stack's own emulator, whose developer API registers their
     * shows. Against another Spotify the demo is the default partner alone.
     */
    private List<DemoPartner> onboardCreators(DynamoDbClient dynamoDb) {
        if (emulatorUrl == null) {
            LOG.info("no emulator started: the demo platform shows the default partner only");
            return List.of();
        }
        SecretSource secrets = new EnvironmentSecretSource(Map.of(
                "SPOTIFY_CLIENT_SECRET", settings.clientSecret(),
                "PARTNER_SESSION_KEY", settings.sessionKey(),
                "PUID_KEY", settings.text("PUID_KEY")));
        SpotifyPartners spotify = new OpenAccessSpotifyPartners(
                settings.accountsUrl(),
                URI.create(settings.text("SPOTIFY_OPEN_ACCESS_URL")),
                settings.clientId(),
                secrets);
        PartnerRegistry registry =
                new DynamoPartnerRegistry(dynamoDb, settings.text("PARTNERS_TABLE"), Clock.systemUTC());
        List<DemoPartner> creators =
                new CreatorOnboarding(registry, spotify, settings.apiUrl(), emulatorUrl).onboard(DemoCreator.ALL);
        creators.forEach(c -> LOG.info(
                "demo creator '{}' is partner {} ({} shows)",
                c.slug().orElseThrow(),
                c.partnerId(),
                c.shows().size()));
        return creators;
    }

    private void startGateway(TemplateFunctions functions, List<DemoPartner> creators) {
        List<DemoPartner> partners = new ArrayList<>();
        partners.add(
                DemoPartner.defaultPartner(settings.partnerId(), DEFAULT_PARTNER_NAME, DemoSite.TIERS, demoShows()));
        partners.addAll(creators);
        DynamoDbClient partnerClient = keep(Dynalite.clientFor(URI.create(settings.text("AWS_ENDPOINT_URL_DYNAMODB"))));
        DemoSite site = new DemoSite(
                partnerClient,
                settings.entitlementsTable(),
                settings.linksTable(),
                settings.sessionKey(),
                settings.sessionCookie(),
                settings.apiUrl(),
                settings.contentAccessUrl(),
                partners);
        LocalGateway gateway = keep(LocalGateway.start(
                settings.apiPort(),
                functions.routes(),
                Map.of(DemoSite.PREFIX, site),
                Optional.of(DemoSite.ACCOUNT_PATH)));
        LOG.info(
                "gateway serving {}",
                gateway.routes().stream()
                        .map(r -> r.routeKey() + " -> " + r.functionName())
                        .toList());
    }

    /** The emulator's local defaults, with this stack's client, callback and entrypoint. */
    EmulatorConfig emulatorConfig() {
        EmulatorConfig defaults = EmulatorConfig.defaults();
        ClientConfig client = EmulatorConfig.localClient();
        ClientConfig configured = ClientConfig.of(settings.clientId(), settings.clientSecret(), client.description())
                .withRedirectUris(List.of(settings.callbackUrl().toString()))
                .withAllowedScopes(client.allowedScopes())
                .withPartners(List.of(new PartnerConfig(
                        settings.partnerId(),
                        DEFAULT_PARTNER_NAME,
                        settings.apiUrl().resolve("/link"))));
        return new EmulatorConfig(
                List.of(configured), defaults.users(), defaults.shows(), defaults.conflictStatus(), null, null);
    }

    private List<DemoShow> demoShows() {
        return EmulatorConfig.defaults().shows().stream()
                .map(show -> new DemoShow(show.id(), show.title(), String.join(" or ", show.entitlements())))
                .toList();
    }

    private void checkTableNames(Map<String, String> required) {
        required.forEach((variable, table) -> {
            if (!table.equals(settings.text(variable))) {
                throw new IllegalStateException(
                        variable + " is " + settings.text(variable) + " but the template's table is " + table
                                + " (LOCAL_TABLE_SUFFIX=" + settings.tableSuffix() + ")");
            }
        });
    }

    private static void ensureFree(int port, String setting) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException inUse) {
            throw new PortInUseException(setting, port);
        }
    }

    String banner(long startMillis) {
        URI api = settings.apiUrl();
        StringBuilder text = new StringBuilder("\n")
                .append(READY_LINE)
                .append(" in ")
                .append(startMillis)
                .append(" ms\n")
                .append("  Demo partner site   ")
                .append(api.resolve(DemoSite.ACCOUNT_PATH))
                .append("   <- open this\n")
                .append("  Entrypoint URL      ")
                .append(api.resolve("/link"))
                .append('\n')
                .append("  OAuth callback      ")
                .append(settings.callbackUrl())
                .append('\n');
        if (emulatorUrl != null) {
            // The creators the demo platform onboarded at start (./admin --local list-partners has their ids).
            DemoCreator.ALL.forEach(creator -> text.append("  Creator Entrypoint  ")
                    .append(api.resolve("/link/" + creator.slug()))
                    .append("  (")
                    .append(creator.name())
                    .append(")\n"));
        }
        if (emulatorUrl != null) {
            text.append("  Spotify emulator    ")
                    .append(emulatorUrl)
                    .append("  (test users: ada, grace, alan)\n")
                    .append("  Start on Spotify    ")
                    .append(emulatorUrl)
                    .append("/link/")
                    .append(settings.partnerId())
                    .append("?spotifyShowUri=spotify:show:")
                    .append(EmulatorConfig.PREMIUM_SHOW_ID)
                    .append('\n');
        } else {
            text.append("  Spotify             ").append(settings.accountsUrl()).append(" (no emulator started)\n");
        }
        text.append("  DynamoDB endpoint   ")
                .append(settings.text("AWS_ENDPOINT_URL_DYNAMODB"))
                .append("  (tables ")
                .append(settings.entitlementsTable())
                .append(", ")
                .append(settings.linksTable())
                .append(", ")
                .append(settings.text("LINK_STATES_TABLE"))
                .append(")\n")
                .append("Press Ctrl-C to stop.");
        return text.toString();
    }

    private synchronized <T extends AutoCloseable> T keep(T resource) {
        started.push(resource);
        return resource;
    }

    /** Stops everything started, newest first. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Could not stop {}", resource.getClass().getSimpleName(), e);
            }
        }
    }
}
