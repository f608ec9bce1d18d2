package org.openaccess.partner.local.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The demo partner site under {@code /demo/}: a small membership platform. Its login sets the partner session cookie
 * the functions verify; its account page shows, per partner (the default partner and each creator), the membership
 * tiers (saved to the entitlements table, one item per user and partner), the link state and the Link/Unlink buttons.
 */
public final class DemoSite implements HttpHandler {

    /** Where the site lives on the gateway; PARTNER_LOGIN_URL and UNLINK_RETURN_URL point here. */
    public static final String PREFIX = "/demo";

    public static final String LOGIN_PATH = PREFIX + "/login";
    public static final String ACCOUNT_PATH = PREFIX + "/account";
    /** The default partner's tiers, the entitlements of the emulator's default shows. */
    public static final List<String> TIERS = List.of("basic", "premium");

    private static final Logger LOG = LoggerFactory.getLogger(DemoSite.class);
    /**
     * The entrypoint, with a path below it and a query made of RFC 3986 characters only: no control character
     * (CR, LF, NUL, tab), space, backslash, quote or non-ASCII character (U+2028) can reach the Location header.
     */
    private static final Pattern LINK_RETURN =
            Pattern.compile("^/link(?:/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?(?:\\?[A-Za-z0-9._~%!$&'()*+,;=:@/?-]*)?$");

    private static final int MAX_FORM_BYTES = 8 * 1024;

    private final DemoSessions sessions;
    private final PartnerTables tables;
    private final URI siteOrigin;
    private final URI contentAccessBase;
    private final List<DemoPartner> partners;

    /**
     * @param siteOrigin        the gateway's origin, e.g. http://127.0.0.1:3000 (forms must come from it)
     * @param contentAccessBase Spotify's content-access base, for "Listen on Spotify" links
     * @param partners          the default partner first (no slug), then the creators
     */
    public DemoSite(
            DynamoDbClient dynamoDb,
            String entitlementsTable,
            String linksTable,
            String sessionKey,
            String sessionCookie,
            URI siteOrigin,
            URI contentAccessBase,
            List<DemoPartner> partners) {
        this.sessions = new DemoSessions(sessionKey, sessionCookie);
        this.tables = new PartnerTables(dynamoDb, entitlementsTable, linksTable);
        this.siteOrigin = siteOrigin;
        this.contentAccessBase = contentAccessBase;
        this.partners = List.copyOf(partners);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            route(exchange);
        } catch (RuntimeException e) {
            LOG.error(
                    "demo site failed on {} {}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    e);
            html(exchange, 503, DemoPages.error("unavailable", "The demo site could not reach its tables. Try again."));
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        switch (method + " " + path) {
            case "GET /demo", "GET /demo/" -> redirect(exchange, ACCOUNT_PATH);
            case "GET /demo/login" ->
                html(
                        exchange,
                        200,
                        DemoPages.login(
                                DemoUser.ALL,
                                safeReturn(
                                        FormData.parse(exchange.getRequestURI().getRawQuery())
                                                .first("return"))));
            case "POST /demo/login" -> logIn(exchange);
            case "POST /demo/logout" -> logOut(exchange);
            case "GET /demo/account" -> account(exchange);
            case "POST /demo/membership" -> saveMembership(exchange);
            default -> html(exchange, 404, DemoPages.error("not_found", "There is no such page on the demo site."));
        }
    }

    private void logIn(HttpExchange exchange) throws IOException {
        Optional<FormData> form = form(exchange);
        if (form.isEmpty()) {
            return;
        }
        Optional<DemoUser> user = form.get().first("user").flatMap(DemoUser::byId);
        if (user.isEmpty()) {
            html(exchange, 400, DemoPages.error("unknown_user", "Pick one of the test users: ada, grace or alan."));
            return;
        }
        exchange.getResponseHeaders().add("Set-Cookie", sessions.loginCookie(user.get()));
        redirect(exchange, safeReturn(form.get().first("return")));
    }

    private void logOut(HttpExchange exchange) throws IOException {
        if (form(exchange).isPresent()) {
            exchange.getResponseHeaders().add("Set-Cookie", sessions.logoutCookie());
            redirect(exchange, LOGIN_PATH);
        }
    }

    private void account(HttpExchange exchange) throws IOException {
        Optional<DemoUser> user = signedInUser(exchange);
        if (user.isEmpty()) {
            redirect(exchange, LOGIN_PATH);
            return;
        }
        String id = user.get().id();
        List<DemoPages.Membership> memberships = partners.stream()
                .map(partner -> new DemoPages.Membership(
                        partner,
                        tables.entitlements(id, partner.partnerId()),
                        tables.linkStatus(id, partner.partnerId())))
                .toList();
        html(exchange, 200, DemoPages.account(user.get(), memberships, contentAccessBase));
    }

    private void saveMembership(HttpExchange exchange) throws IOException {
        Optional<FormData> form = form(exchange);
        if (form.isEmpty()) {
            return;
        }
        Optional<DemoUser> user = signedInUser(exchange);
        if (user.isEmpty()) {
            html(
                    exchange,
                    401,
                    DemoPages.error(
                            "not_logged_in", "Your session has ended: log in again to change your membership."));
            return;
        }
        // The form names its partner by slug; none is the default partner.
        Optional<String> slug = form.get().first("partner").filter(s -> !s.isEmpty());
        Optional<DemoPartner> partner =
                partners.stream().filter(p -> p.slug().equals(slug)).findFirst();
        if (partner.isEmpty()) {
            html(exchange, 400, DemoPages.error("unknown_partner", "There is no such partner on the demo platform."));
            return;
        }
        List<String> partnerTiers = partner.get().tiers();
        Set<String> tiers = new LinkedHashSet<>(form.get().all("tier"));
        if (!partnerTiers.containsAll(tiers)) {
            html(
                    exchange,
                    400,
                    DemoPages.error(
                            "unknown_tier",
                            "The membership tiers of " + partner.get().name() + " are "
                                    + String.join(" and ", partnerTiers) + "."));
            return;
        }
        tables.replaceEntitlements(user.get().id(), partner.get().partnerId(), tiers);
        LOG.info(
                "membership of {} with {} is now {}",
                user.get().id(),
                partner.get().slug().orElse("(default)"),
                tiers);
        redirect(exchange, ACCOUNT_PATH);
    }

    /** The posted form, or empty after answering a cross-site or oversized post. */
    private Optional<FormData> form(HttpExchange exchange) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && !origin.equals(siteOrigin.toString())) {
            html(
                    exchange,
                    403,
                    DemoPages.error("cross_origin", "This form can only be sent from the demo site itself."));
            return Optional.empty();
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_FORM_BYTES + 1);
        }
        if (body.length > MAX_FORM_BYTES) {
            html(exchange, 413, DemoPages.error("form_too_large", "That form is larger than the demo site accepts."));
            return Optional.empty();
        }
        return Optional.of(FormData.parse(new String(body, StandardCharsets.UTF_8)));
    }

    private Optional<DemoUser> signedInUser(HttpExchange exchange) {
        Optional<String> cookie = Optional.empty();
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String pair : header.split(";")) {
                String trimmed = pair.trim();
                if (trimmed.startsWith(sessions.cookieName() + "=")) {
                    cookie = Optional.of(trimmed.substring(sessions.cookieName().length() + 1));
                }
            }
        }
        return sessions.user(cookie);
    }

    /**
     * Only a path of this site's entrypoint may be a return address: never another site (no open redirect), never
     * a character a header cannot carry. Anything else returns to the account page, so every input gets an answer.
     */
    String safeReturn(Optional<String> requested) {
        if (requested.isEmpty()) {
            return ACCOUNT_PATH;
        }
        String value = requested.get();
        if (value.startsWith("http://") || value.startsWith("https://")) {
            try {
                URI uri = new URI(value);
                URI origin = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null);
                if (!origin.equals(siteOrigin)) {
                    return ACCOUNT_PATH;
                }
                value = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            } catch (URISyntaxException e) {
                return ACCOUNT_PATH;
            }
        }
        boolean dotSegment = value.split("\\?", 2)[0].contains("/.");
        return LINK_RETURN.matcher(value).matches() && !dotSegment ? value : ACCOUNT_PATH;
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        DemoHeaders.applyTo(exchange);
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(303, -1);
    }

    private static void html(HttpExchange exchange, int status, String page) throws IOException {
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        DemoHeaders.applyTo(exchange);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
