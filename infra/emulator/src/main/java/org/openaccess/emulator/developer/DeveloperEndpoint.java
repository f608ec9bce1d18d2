package org.openaccess.emulator.developer;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.openaccess.emulator.ConfigException;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.Fault;
import org.openaccess.emulator.Faults;
import org.openaccess.emulator.IssuedSecrets;
import org.openaccess.emulator.Link;
import org.openaccess.emulator.Partner;
import org.openaccess.emulator.RecordedCall;
import org.openaccess.emulator.Show;
import org.openaccess.emulator.ShowCatalogue;
import org.openaccess.emulator.http.Rejection;
import org.openaccess.emulator.http.Request;
import org.openaccess.emulator.http.Response;
import org.openaccess.emulator.openaccess.PartnerDirectory;

/**
 * {@code /_emulator/...}: what a developer or a test needs to see and steer (links, calls, faults, reset, shows
 * of created partners, their logos). The read-only views hold no secrets, except {@code issued-secrets}, which
 * exists to hand them to a test scanning logs for them.
 */
public final class DeveloperEndpoint {
    private static final Set<String> FAULT_FIELDS = Set.of(
            "endpoint", "status", "retryAfterSeconds", "latencyMs", "drop", "times", "fraction", "callsPerSecond");

    private final Supplier<List<Link>> links;
    private final PartnerDirectory partners;
    private final ShowCatalogue shows;
    private final Supplier<List<RecordedCall>> calls;
    private final IssuedSecrets secrets;
    private final Runnable reset;
    private final Faults faults;

    /** What the developer views read and steer. */
    public record Sources(
            Supplier<List<Link>> links,
            PartnerDirectory partners,
            ShowCatalogue shows,
            Supplier<List<RecordedCall>> calls,
            IssuedSecrets secrets,
            Runnable reset,
            Faults faults) {}

    public DeveloperEndpoint(Sources sources) {
        this.links = sources.links();
        this.partners = sources.partners();
        this.shows = sources.shows();
        this.calls = sources.calls();
        this.secrets = sources.secrets();
        this.reset = sources.reset();
        this.faults = sources.faults();
    }

    /** {@code GET /_emulator/logos/{partnerId}}: the uploaded logo, as the consent and completion pages show it. */
    public Response logo(Request request) {
        Partner partner = partners.partner(request.pathParameter())
                .filter(p -> p.logo() != null)
                .orElseThrow(() -> new Rejection(404, "no_logo", "No logo was uploaded for this partner"));
        return new Response(
                200,
                Map.of("Content-Type", partner.logo().mediaType()),
                partner.logo().data());
    }

    /** {@code POST /_emulator/shows}: a show for a partner made with create-partner (the configuration's format). */
    public Response addShow(Request request) {
        try {
            Show show = EmulatorConfig.parseShow(new String(request.body(64 * 1024), StandardCharsets.UTF_8));
            if (show.partnerId() != null && partners.partner(show.partnerId()).isEmpty()) {
                throw new Rejection(404, "unknown_partner", "There is no partner with id " + show.partnerId());
            }
            return Response.json(201, Map.of("show", shows.add(show)));
        } catch (ConfigException e) {
            throw Rejection.badRequest("invalid_show", e.getMessage());
        }
    }

    /** {@code GET /_emulator/issued-secrets}: every secret issued or received, for a test's log scan. */
    public Response issuedSecrets(Request request) {
        List<Map<String, String>> views = secrets.all().stream()
                .map(s -> Map.of("kind", s.kind().name().toLowerCase(Locale.ROOT), "value", s.value()))
                .toList();
        return Response.json(200, Map.of("secrets", views));
    }

    public Response state(Request request) {
        return Response.json(200, stateView());
    }

    public Response calls(Request request) {
        return Response.json(
                200,
                Map.of(
                        "calls",
                        calls.get().stream().map(DeveloperEndpoint::callView).toList()));
    }

    public Response reset(Request request) {
        reset.run();
        return Response.empty(204);
    }

    public Response faults(Request request) {
        if (request.method().equals("DELETE")) {
            faults.clear();
            return Response.empty(204);
        }
        JsonNode body;
        try {
            body = FaultJson.MAPPER.readTree(request.body(64 * 1024));
        } catch (IOException e) {
            throw Rejection.badRequest("invalid_json", "Body must be a JSON object describing the fault");
        }
        if (body == null || !body.isObject()) {
            throw Rejection.badRequest("invalid_json", "Body must be a JSON object describing the fault");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FAULT_FIELDS.contains(name)) {
                throw Rejection.badRequest("invalid_field", "Unknown field " + name + "; expected " + FAULT_FIELDS);
            }
        }
        try {
            if (body.has("callsPerSecond")) {
                // A rate limit, not a fault: it takes no other field.
                if (body.size() != 2) {
                    throw new IllegalArgumentException("a rate limit takes only endpoint and callsPerSecond");
                }
                faults.limitRate(body.path("endpoint").asText(""), integer(body, "callsPerSecond"));
                return Response.json(201, Map.of("faults", faults.describe()));
            }
            faults.inject(body.path("endpoint").asText(""), fault(body));
        } catch (IllegalArgumentException e) {
            throw Rejection.badRequest("invalid_fault", e.getMessage());
        }
        return Response.json(201, Map.of("faults", faults.describe()));
    }

    public Response page(Request request) {
        return Response.html(200, DeveloperPage.render(links.get(), partners.all(), calls.get(), faults.describe()));
    }

    private static Fault fault(JsonNode body) {
        if (body.path("drop").asBoolean(false) && body.has("status")) {
            throw new IllegalArgumentException("a fault either drops the connection or answers a status");
        }
        Fault fault = body.path("drop").asBoolean(false)
                ? Fault.dropConnection()
                : body.has("status") ? Fault.status(integer(body, "status")) : Fault.latency(Duration.ZERO);
        if (body.has("retryAfterSeconds")) {
            fault = fault.withRetryAfter(Duration.ofSeconds(integer(body, "retryAfterSeconds")));
        }
        if (body.has("latencyMs")) {
            fault = fault.withLatency(Duration.ofMillis(integer(body, "latencyMs")));
        }
        if (body.has("times")) {
            fault = fault.times(integer(body, "times"));
        }
        if (body.has("fraction")) {
            if (!body.get("fraction").isNumber()) {
                throw new IllegalArgumentException("fraction must be a number within 0..1");
            }
            fault = fault.fraction(body.get("fraction").asDouble());
        }
        return fault;
    }

    private static int integer(JsonNode body, String field) {
        if (!body.get(field).isInt()) {
            throw new IllegalArgumentException(field + " must be an integer");
        }
        return body.get(field).asInt();
    }

    private Map<String, Object> stateView() {
        List<Map<String, Object>> linkViews = new ArrayList<>();
        for (Link link : links.get()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("partnerId", link.partnerId());
            view.put("partnerUserId", link.partnerUserId());
            view.put("spotifyUserId", link.spotifyUserId());
            view.put("entitlements", link.entitlements().stream().sorted().toList());
            view.put("linkedAt", link.linkedAt().toString());
            linkViews.add(view);
        }
        List<Map<String, Object>> partnerViews = new ArrayList<>();
        for (Partner partner : partners.all()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", partner.id());
            view.put("name", partner.name());
            view.put("entrypointUrl", partner.entrypointUrl().toString());
            view.put("clientId", partner.ownerClientId());
            view.put(
                    "logo",
                    partner.logo() == null
                            ? null
                            : Map.of(
                                    "mediaType",
                                    partner.logo().mediaType(),
                                    "width",
                                    partner.logo().width(),
                                    "height",
                                    partner.logo().height(),
                                    "bytes",
                                    partner.logo().size()));
            partnerViews.add(view);
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("links", linkViews);
        state.put("partners", partnerViews);
        state.put("shows", shows.all()); // records: Jackson writes their components
        state.put("faults", faults.describe());
        return state;
    }

    /** Built on first use: loading Jackson at construction would add to start-up. */
    private static final class FaultJson {
        static final JsonMapper MAPPER = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    static Map<String, Object> callView(RecordedCall call) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", call.at().toString());
        view.put("endpoint", call.endpoint());
        view.put("clientId", call.clientId());
        view.put("partnerId", call.partnerId());
        view.put("partnerUserId", call.partnerUserId());
        view.put("status", call.status());
        view.put("verdict", call.verdict());
        return view;
    }
}
