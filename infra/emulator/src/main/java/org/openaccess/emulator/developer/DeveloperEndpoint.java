package org.openaccess.emulator.developer;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.openaccess.emulator.Fault;
import org.openaccess.emulator.Faults;
import org.openaccess.emulator.Link;
import org.openaccess.emulator.RecordedCall;
import org.openaccess.emulator.http.Rejection;
import org.openaccess.emulator.http.Request;
import org.openaccess.emulator.http.Response;
import org.openaccess.emulator.openaccess.Partner;

/**
 * {@code /_emulator/...}: what a developer or a test needs to see and steer (links, calls,
 * faults, reset). Read-only views hold no secrets.
 */
public final class DeveloperEndpoint {
    private static final Set<String> FAULT_FIELDS =
            Set.of("endpoint", "status", "retryAfterSeconds", "latencyMs", "drop", "times", "fraction");

    private final Supplier<List<Link>> links;
    private final Supplier<List<Partner>> partners;
    private final Supplier<List<RecordedCall>> calls;
    private final Runnable reset;
    private final Faults faults;

    public DeveloperEndpoint(
            Supplier<List<Link>> links,
            Supplier<List<Partner>> partners,
            Supplier<List<RecordedCall>> calls,
            Runnable reset,
            Faults faults) {
        this.links = links;
        this.partners = partners;
        this.calls = calls;
        this.reset = reset;
        this.faults = faults;
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
            faults.inject(body.path("endpoint").asText(""), fault(body));
        } catch (IllegalArgumentException e) {
            throw Rejection.badRequest("invalid_fault", e.getMessage());
        }
        return Response.json(201, Map.of("faults", faults.describe()));
    }

    public Response page(Request request) {
        return Response.html(200, DeveloperPage.render(links.get(), partners.get(), calls.get(), faults.describe()));
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
        for (Partner partner : partners.get()) {
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
                                    partner.logo().bytes()));
            partnerViews.add(view);
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("links", linkViews);
        state.put("partners", partnerViews);
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
