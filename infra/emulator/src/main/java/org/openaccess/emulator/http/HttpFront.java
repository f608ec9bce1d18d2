package org.openaccess.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The single entry of every request: finds the route, checks the method, applies injected faults,
 * runs the endpoint, renders refusals in the endpoint's style, records the call. Nothing escapes
 * as a stack trace; an unexpected exception is logged here and answered with a generic 500.
 */
public record HttpFront(Routes routes, FaultSource faults, CallRecorder recorder) implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(HttpFront.class.getName());

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Routes.Match match = routes.resolve(exchange.getRequestURI().getRawPath());
            if (match == null) {
                send(exchange, unknownPath(exchange));
                return;
            }
            serve(exchange, match);
        }
    }

    private void serve(HttpExchange exchange, Routes.Match match) throws IOException {
        Route route = match.route();
        Request request = new Request(exchange, match.pathParameter());
        Response response;
        String verdict = "ok";
        try {
            if (!route.methods().contains(exchange.getRequestMethod())) {
                throw new Rejection(
                        405,
                        "method_not_allowed",
                        exchange.getRequestMethod() + " is not allowed here; use "
                                + String.join(" or ", route.methods()),
                        Map.of("Allow", String.join(", ", route.methods())));
            }
            Optional<FaultSource.Injected> fault = route.faultable() ? faults.next(route.name()) : Optional.empty();
            if (fault.isPresent()) {
                pause(fault.get().latency());
                if (fault.get().drop()) {
                    record(route, request, 0, "fault: dropped connection");
                    return; // closing the exchange without headers drops the connection
                }
                if (fault.get().status() != 0) {
                    response = faultResponse(route.style(), fault.get());
                    record(route, request, response.status(), "fault: status " + response.status());
                    send(exchange, response);
                    return;
                }
            }
            response = route.endpoint().handle(request);
        } catch (Rejection rejection) {
            response = render(route.style(), rejection);
            verdict = rejection.code() + ": " + rejection.getMessage();
        } catch (RuntimeException unexpected) {
            LOG.log(Level.ERROR, "Unexpected failure serving " + route.name(), unexpected);
            response = render(route.style(), new Rejection(500, "internal_error", "The emulator failed unexpectedly"));
            verdict = "internal_error";
        }
        if (request.notes().detail() != null && response.status() < 300) {
            verdict = "ok (" + request.notes().detail() + ")";
        }
        record(route, request, response.status(), verdict);
        send(exchange, response);
    }

    private void record(Route route, Request request, int status, String verdict) {
        if (route.recorded()) {
            recorder.record(route.name(), request.notes(), status, verdict);
        }
    }

    private static void pause(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Response unknownPath(HttpExchange exchange) {
        Rejection notFound = new Rejection(
                404,
                "not_found",
                "No such endpoint: " + exchange.getRequestURI().getRawPath());
        boolean browser = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Accept"))
                .filter(accept -> accept.contains("text/html"))
                .isPresent();
        return render(browser ? ErrorStyle.HTML_PAGE : ErrorStyle.API_JSON, notFound);
    }

    /** 502/503/504 come as HTML, as Spotify's fronts send them; other statuses in the endpoint's style. */
    private static Response faultResponse(ErrorStyle style, FaultSource.Injected fault) {
        int status = fault.status();
        Response response = status >= 502 && status <= 504
                ? Response.html(
                        status, Html.errorPage(status, "upstream_unavailable", "Service temporarily unavailable"))
                : render(
                        style,
                        new Rejection(
                                status,
                                status == 429 ? "rate_limited" : "server_error",
                                status == 429 ? "API rate limit exceeded" : "Injected failure"));
        if (fault.retryAfter() != null) {
            response = response.withHeader(
                    "Retry-After", String.valueOf(fault.retryAfter().toSeconds()));
        }
        return response;
    }

    static Response render(ErrorStyle style, Rejection rejection) {
        Response response = switch (style) {
            case API_JSON -> {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("status", rejection.status());
                error.put("code", rejection.code());
                error.put("message", rejection.getMessage());
                yield Response.json(rejection.status(), Map.of("error", error));
            }
            case OAUTH_JSON -> {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("error", rejection.code());
                error.put("error_description", rejection.getMessage());
                yield Response.json(rejection.status(), error);
            }
            case HTML_PAGE ->
                Response.html(
                        rejection.status(),
                        Html.errorPage(rejection.status(), rejection.code(), rejection.getMessage()));
        };
        for (Map.Entry<String, String> header : rejection.headers().entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        return response;
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        response.headers().forEach((name, value) -> {
            if (name.equals(Response.SET_COOKIE)) {
                value.lines().forEach(cookie -> exchange.getResponseHeaders().add(name, cookie));
            } else {
                exchange.getResponseHeaders().set(name, value);
            }
        });
        PageHeaders.applyTo(exchange.getResponseHeaders());
        ConnectionManagement.apply(exchange);
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body == null ? -1 : body.length);
        if (body != null) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Where the front asks whether a call is hit by an injected fault. */
    @FunctionalInterface
    public interface FaultSource {
        Optional<Injected> next(String endpoint);

        record Injected(int status, Duration retryAfter, Duration latency, boolean drop) {}
    }

    /** Where the front writes the call log. */
    @FunctionalInterface
    public interface CallRecorder {
        void record(String endpoint, Request.CallNotes notes, int status, String verdict);
    }
}
