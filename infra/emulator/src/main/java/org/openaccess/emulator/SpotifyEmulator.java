package org.openaccess.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.openaccess.emulator.account.LinkedAppsEndpoint;
import org.openaccess.emulator.accounts.AuthorizeEndpoint;
import org.openaccess.emulator.accounts.Grants;
import org.openaccess.emulator.accounts.OpaqueIds;
import org.openaccess.emulator.accounts.TokenEndpoint;
import org.openaccess.emulator.content.ContentAccessEndpoint;
import org.openaccess.emulator.developer.DeveloperEndpoint;
import org.openaccess.emulator.http.ErrorStyle;
import org.openaccess.emulator.http.Html;
import org.openaccess.emulator.http.HttpFront;
import org.openaccess.emulator.http.Request;
import org.openaccess.emulator.http.Response;
import org.openaccess.emulator.http.Route;
import org.openaccess.emulator.http.Routes;
import org.openaccess.emulator.openaccess.Completions;
import org.openaccess.emulator.openaccess.LinkRegistry;
import org.openaccess.emulator.openaccess.OpenAccessEndpoint;
import org.openaccess.emulator.openaccess.Operation;
import org.openaccess.emulator.openaccess.PartnerDirectory;

/**
 * Spotify's side, runnable locally: Accounts ({@code /authorize}, {@code /api/token}), the Open
 * Access API ({@code /api/v1/...}), content access ({@code /link/{partnerId}}, completion pages),
 * the listener's linked apps ({@code /account/apps}, where they unlink) and developer views ({@code /_emulator}). Start one per test class or process; close it after.
 */
public final class SpotifyEmulator implements AutoCloseable {
    private final EmulatorConfig config;
    private final Clock clock;
    private final Grants grants;
    private final LinkRegistry links;
    private final PartnerDirectory partners;
    private final ShowCatalogue shows;
    private final IssuedSecrets issuedSecrets = new IssuedSecrets();
    private final Completions completions = new Completions();
    private final CallLog callLog = new CallLog();
    private final Faults faults;
    private final SpotifyState state;
    private final AuthorizeEndpoint authorize;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUrl;

    private SpotifyEmulator(EmulatorConfig config, InetSocketAddress address, Clock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        this.grants = new Grants(clock, issuedSecrets);
        this.links = new LinkRegistry(clock);
        this.partners = new PartnerDirectory(config);
        this.shows = new ShowCatalogue(config);
        this.state = new SpotifyState(config, clock, grants, links, partners, shows, completions, this::publicUrl);
        this.authorize = new AuthorizeEndpoint(state);
        Set<String> faultable = new HashSet<>(Set.of("token", "authorize", "link", "completion"));
        for (Operation operation : Operation.values()) {
            faultable.add(operation.path());
        }
        this.faults = new Faults(faultable, clock);
        this.server = HttpServer.create(address, 512);
        this.baseUrl = URI.create("http://" + hostForUrl(server.getAddress()) + ":"
                + server.getAddress().getPort());
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.createContext("/", new HttpFront(routes(), this::nextFault, this::record));
        server.setExecutor(executor);
        server.start();
        Thread.ofVirtual().name("emulator-warm-up").start(SpotifyEmulator::warmUp);
    }

    /**
     * The first answer would otherwise pay for loading date-header locale data, the secure random
     * source and Jackson (seconds on a busy machine); pay it beside start-up instead.
     */
    private static void warmUp() {
        DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US)
                .format(ZonedDateTime.now(ZoneOffset.UTC));
        OpaqueIds.token();
        Response.json(200, Map.of("warm", true));
    }

    /** Starts on 127.0.0.1; port 0 picks a free port. */
    public static SpotifyEmulator start(EmulatorConfig config, int port) {
        return start(config, port, Clock.systemUTC());
    }

    /** Starts on 127.0.0.1 with a clock of the caller's choosing (for expiry of codes and tokens). */
    public static SpotifyEmulator start(EmulatorConfig config, int port, Clock clock) {
        return start(config, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), clock);
    }

    public static SpotifyEmulator start(EmulatorConfig config, InetSocketAddress address, Clock clock) {
        try {
            return new SpotifyEmulator(config, address, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    private Routes routes() {
        TokenEndpoint token = new TokenEndpoint(state);
        OpenAccessEndpoint openAccess = new OpenAccessEndpoint(state);
        ContentAccessEndpoint content = new ContentAccessEndpoint(state);
        LinkedAppsEndpoint apps = new LinkedAppsEndpoint(state);
        DeveloperEndpoint developer = new DeveloperEndpoint(new DeveloperEndpoint.Sources(
                links::all, partners, shows, callLog::snapshot, issuedSecrets, this::reset, faults));
        Set<String> get = Set.of("GET");
        Set<String> post = Set.of("POST");
        Routes routes = new Routes()
                .exact(
                        "/authorize",
                        new Route("authorize", ErrorStyle.HTML_PAGE, get, false, true, authorize::authorize))
                .exact("/authorize/consent", Route.page("consent", post, authorize::decide))
                .exact("/api/token", new Route("token", ErrorStyle.OAUTH_JSON, post, true, true, token::token))
                .withId("/link/", new Route("link", ErrorStyle.HTML_PAGE, get, false, true, content::startLinking))
                .withId(
                        "/completion/",
                        new Route("completion", ErrorStyle.HTML_PAGE, get, false, true, content::completion))
                .exact(LinkedAppsEndpoint.PATH, Route.page("apps", get, apps::page))
                .exact(LinkedAppsEndpoint.PATH + "/sign-in", Route.page("apps-sign-in", post, apps::signIn))
                .exact(
                        LinkedAppsEndpoint.PATH + "/unlink",
                        new Route("apps-unlink", ErrorStyle.HTML_PAGE, post, true, false, apps::unlink))
                .exact("/_emulator", Route.page("developer", get, developer::page))
                .exact("/_emulator/state", Route.developer("state", get, developer::state))
                .exact("/_emulator/calls", Route.developer("calls", get, developer::calls))
                .exact("/_emulator/issued-secrets", Route.developer("issued-secrets", get, developer::issuedSecrets))
                .exact("/_emulator/shows", Route.developer("shows", post, developer::addShow))
                .withId(Html.LOGO_PATH, Route.developer("logo", get, developer::logo))
                .exact("/_emulator/reset", Route.developer("reset", post, developer::reset))
                .exact("/_emulator/faults", Route.developer("faults", Set.of("POST", "DELETE"), developer::faults));
        for (Operation operation : Operation.values()) {
            Route route = new Route(
                    operation.path(),
                    ErrorStyle.API_JSON,
                    post,
                    true,
                    true,
                    request -> openAccess.handle(operation, request));
            if (operation == Operation.UPLOAD_LOGO) {
                routes.withId("/api/v1/upload-logo/", route);
            } else {
                routes.exact("/api/v1/" + operation.path(), route);
            }
        }
        return routes;
    }

    private Optional<HttpFront.FaultSource.Injected> nextFault(String endpoint) {
        return faults.next(endpoint)
                .map(f -> new HttpFront.FaultSource.Injected(f.status(), f.retryAfter(), f.latency(), f.drop()));
    }

    private void record(String endpoint, Request.CallNotes notes, int status, String verdict) {
        callLog.add(notes.toRecordedCall(clock.instant(), endpoint, status, verdict));
    }

    private static String hostForUrl(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private URI publicUrl() {
        String base = (config.publicUrl() != null ? config.publicUrl() : baseUrl).toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    /** {@code http://127.0.0.1:PORT}, the address the emulator listens on. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** Where {@code /authorize} and {@code /api/token} live: the base URL. */
    public URI accountsUrl() {
        return baseUrl;
    }

    /** Base of the Open Access API: {@code baseUrl + /api/v1}. */
    public URI openAccessUrl() {
        return URI.create(baseUrl + "/api/v1");
    }

    /** Spotify's start of the linking flow for a partner: {@code baseUrl/link/{partnerId}}. */
    public URI linkUrl(String partnerId, String showId) {
        return URI.create(baseUrl + "/link/" + partnerId + "?spotifyShowUri=spotify:show:" + showId);
    }

    public EmulatorConfig config() {
        return config;
    }

    /** Every Open Access and token call since start or the last reset, oldest first (the last 10,000). */
    public List<RecordedCall> calls() {
        return callLog.snapshot();
    }

    /** The calls to one endpoint, e.g. {@code replace-entitlements} or {@code token}. */
    public List<RecordedCall> calls(String endpoint) {
        return callLog.snapshot().stream()
                .filter(c -> c.endpoint().equals(endpoint))
                .toList();
    }

    /** Entitlements Spotify holds for this partner user; empty when not linked. */
    public Set<String> entitlements(String partnerId, String partnerUserId) {
        return links.entitlements(partnerId, partnerUserId).orElse(Set.of());
    }

    /** The link of this partner user, with the Spotify account it is linked to. */
    public Optional<Link> link(String partnerId, String partnerUserId) {
        return links.link(partnerId, partnerUserId);
    }

    public List<Link> links() {
        return links.all();
    }

    /**
     * Creates a link as register-user would (for tests that start from a linked user).
     *
     * @return false on a 1:1 conflict
     */
    public boolean addLink(
            String partnerId, String partnerUserId, String spotifyUserId, Collection<String> entitlements) {
        return links.register(partnerId, partnerUserId, spotifyUserId, entitlements)
                != LinkRegistry.Registration.CONFLICT;
    }

    /** The user unlinks on Spotify's side: silently for the partner, whose next update gets a 404. */
    public boolean unlinkOnSpotify(String partnerId, String partnerUserId) {
        return links.unlink(partnerId, partnerUserId).isPresent();
    }

    /** Every partner the emulator holds: the configured ones and those made with create-partner, by id. */
    public List<Partner> partners() {
        return partners.all();
    }

    public Optional<Partner> partner(String partnerId) {
        return partners.partner(partnerId);
    }

    /**
     * Adds a show to the catalogue while running, e.g. for a partner made with create-partner (forgotten on reset,
     * as that partner is). {@code POST /_emulator/shows} does the same over HTTP.
     *
     * @throws ConfigException naming what is wrong with the show
     */
    public Show addShow(Show show) {
        if (show.partnerId() != null && partners.partner(show.partnerId()).isEmpty()) {
            throw new ConfigException("show.partnerId", "no partner with id '" + show.partnerId() + "'");
        }
        return shows.add(show);
    }

    /** The shows of one partner, as its completion pages list them. */
    public List<Show> shows(String partnerId) {
        return shows.of(partnerId);
    }

    /**
     * Every secret value issued or received since start (codes, access and refresh tokens, PKCE verifiers, states),
     * for a test that scans logs for them; also at {@code GET /_emulator/issued-secrets}. Not cleared by reset.
     */
    public List<IssuedSecrets.Secret> issuedSecrets() {
        return issuedSecrets.all();
    }

    /** Every access token issued so far expires now, to test a partner's recovery from 401. */
    public void expireAccessTokens() {
        grants.expireAccessTokens();
    }

    /**
     * Forgets links, entitlements, codes, pending consents, completion pages, partners created
     * through the API with the shows added for them, logos and the call log. Issued tokens stay valid; faults stay armed
     * (clear them with {@code faults().clear()}).
     */
    public void reset() {
        links.clear();
        grants.forgetCodes();
        authorize.forgetPending();
        completions.clear();
        partners.reset();
        shows.forgetAdded();
        callLog.clear();
    }

    public Faults faults() {
        return faults;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
