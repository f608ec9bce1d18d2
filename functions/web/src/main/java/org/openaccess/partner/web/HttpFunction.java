package org.openaccess.partner.web;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crac.Core;
import org.crac.Resource;
import org.openaccess.partner.core.observability.Metrics;
import org.openaccess.partner.core.wiring.CoreWiring;
import org.openaccess.partner.core.wiring.LambdaRuntimeSerialization;

/**
 * Base of every deployed HTTP function: Micronaut's API Gateway HTTP API handler, wrapped with what every
 * response needs (security headers, Set-Cookie moved to the payload 2.0 {@code cookies} field, one request
 * log line) and registered for SnapStart priming. Subclasses name the requests that prime their code paths.
 */
public abstract class HttpFunction extends APIGatewayV2HTTPEventFunction implements Resource {
    /** The container's metrics (core's), looked up on the first request: flushed once per request. */
    private volatile Metrics metrics;

    /** Lambda: builds the application context from the environment. */
    protected HttpFunction() {
        super();
        Core.getGlobalContext().register(this);
    }

    /** Tests and the local stack: a context they built (with their own core wiring). */
    protected HttpFunction(ApplicationContext context) {
        super(context);
        Core.getGlobalContext().register(this);
    }

    /** In-memory requests that run the controller's code paths without network or randomness. */
    protected abstract List<APIGatewayV2HTTPEvent> primingRequests();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        APIGatewayV2HTTPResponse response = isWellFormed(event) ? handleSafely(event, context) : malformedEvent();
        Map<String, String> internal = finish(response);
        RequestLog.write(
                logger(context),
                new RequestLog.Entry(
                        context == null ? "none" : context.getAwsRequestId(),
                        apiRequestId(event),
                        route(event),
                        response.getStatusCode(),
                        internal.getOrDefault(Outcome.OUTCOME_HEADER.toLowerCase(), "unknown"),
                        Optional.ofNullable(internal.get(Outcome.ERROR_CODE_HEADER.toLowerCase())),
                        Optional.ofNullable(internal.get(Outcome.DETAIL_HEADER.toLowerCase())),
                        (System.nanoTime() - started) / 1_000_000));
        if (context != PrimingContext.INSTANCE) {
            // Priming's requests are not traffic: neither counted nor written.
            Metrics requestMetrics = metrics();
            count(
                    requestMetrics,
                    internal.getOrDefault(Outcome.OUTCOME_HEADER.toLowerCase(), "unknown"),
                    Optional.ofNullable(internal.get(Outcome.ERROR_CODE_HEADER.toLowerCase())));
            requestMetrics.flush();
        }
        return response;
    }

    /**
     * Counts the request in the function's metrics from its outcome (what the controller tagged: {@code linked},
     * {@code redirect_to_authorize}, {@code failed}, a notice's code) and its error code if it failed. Core's
     * adapters have already recorded what they did (Spotify calls); everything is flushed after this.
     */
    protected void count(Metrics metrics, String outcome, Optional<String> errorCode) {}

    private Metrics metrics() {
        Metrics current = metrics;
        if (current == null) {
            current = getApplicationContext().getBean(CoreWiring.class).metrics();
            metrics = current;
        }
        return current;
    }

    private APIGatewayV2HTTPResponse handleSafely(APIGatewayV2HTTPEvent event, Context context) {
        try {
            return super.handleRequest(event, context);
        } catch (RuntimeException escaped) {
            // The exception handler should have answered; if the framework itself failed, still show a page.
            return fromFailure(Failures.internalError(), Failures.causeForLog(escaped));
        }
    }

    /**
     * API Gateway always sends these; a hand-made or truncated event gets a 400, not a framework crash. A header
     * name that is not an HTTP token (RFC 9110 5.1) or a value with a control character other than tab, or starting with a space or tab (5.5) makes
     * Micronaut's header map throw (an empty 500), and so does a path that is not a URI path (e.g. {@code /link/%0D}
     * decoded to a CR: an internal_error 500), so such an event is refused here (found by the fuzz tests,
     * docs/fuzzing.md).
     */
    static boolean isWellFormed(APIGatewayV2HTTPEvent event) {
        return event != null
                && event.getRequestContext() != null
                && event.getRequestContext().getHttp() != null
                && event.getRequestContext().getHttp().getMethod() != null
                && event.getRequestContext().getHttp().getPath() != null
                && event.getRequestContext().getHttp().getPath().startsWith("/")
                && isUriPath(event.getRequestContext().getHttp().getPath())
                && (event.getHeaders() == null
                        || event.getHeaders().entrySet().stream()
                                .allMatch(header -> isToken(header.getKey()) && isFieldValue(header.getValue())));
    }

    private static boolean isUriPath(String path) {
        try {
            return new URI(path).getRawPath().equals(path);
        } catch (URISyntaxException notAPath) {
            return false;
        }
    }

    /** RFC 9110 5.5 as Micronaut checks it: no control character but tab, none at all (nor a space) first. */
    private static boolean isFieldValue(String value) {
        if (value == null || value.isEmpty()) {
            return true;
        }
        char first = value.charAt(0);
        return first > 0x20 && first != 0x7f && value.chars().noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f);
    }

    private static boolean isToken(String name) {
        return name != null && !name.isEmpty() && name.chars().allMatch(HttpFunction::isTokenChar);
    }

    private static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static APIGatewayV2HTTPResponse malformedEvent() {
        return fromFailure(
                Failure.badRequest(
                        "malformed_event",
                        "This request is not valid",
                        "The request did not arrive in the expected form."),
                Optional.empty());
    }

    private static APIGatewayV2HTTPResponse fromFailure(Failure failure, Optional<String> detail) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", ErrorResponses.HTML);
        headers.put(Outcome.OUTCOME_HEADER, "failed");
        headers.put(Outcome.ERROR_CODE_HEADER, failure.code());
        detail.ifPresent(text -> headers.put(Outcome.DETAIL_HEADER, text));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(failure.status())
                .withHeaders(headers)
                .withBody(ErrorPage.render(failure))
                .build();
    }

    /**
     * Moves every Set-Cookie into {@code cookies} (payload 2.0 drops multi-value headers), takes out the
     * internal outcome headers (returned, lower-cased, for the log) and adds the security headers.
     */
    static Map<String, String> finish(APIGatewayV2HTTPResponse response) {
        Map<String, String> internal = new HashMap<>();
        List<String> cookies = new ArrayList<>(response.getCookies() == null ? List.of() : response.getCookies());
        Map<String, String> headers = new HashMap<>();
        Map<String, List<String>> multi = response.getMultiValueHeaders();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> {
                String key = name.toLowerCase();
                if (key.equals("set-cookie")) {
                    if (multi == null || multi.keySet().stream().noneMatch(n -> n.equalsIgnoreCase("set-cookie"))) {
                        cookies.add(value);
                    }
                } else if (key.startsWith("x-partner-")) {
                    internal.put(key, value);
                } else {
                    headers.put(name, value);
                }
            });
        }
        if (multi != null) {
            multi.forEach((name, values) -> {
                if (name.equalsIgnoreCase("set-cookie") && values != null) {
                    cookies.addAll(values);
                }
            });
        }
        response.setHeaders(headers);
        response.setMultiValueHeaders(null);
        response.setCookies(cookies.isEmpty() ? null : cookies);
        SecurityHeaders.applyTo(response);
        return internal;
    }

    private static String apiRequestId(APIGatewayV2HTTPEvent event) {
        return event != null
                        && event.getRequestContext() != null
                        && event.getRequestContext().getRequestId() != null
                ? event.getRequestContext().getRequestId()
                : "none";
    }

    /** The route (method and path), never the query string, which may hold a code or state. */
    private static String route(APIGatewayV2HTTPEvent event) {
        if (!isWellFormed(event)) {
            return "malformed";
        }
        String path = event.getRequestContext().getHttp().getPath();
        return event.getRequestContext().getHttp().getMethod() + " "
                + (path.length() > 64 ? path.substring(0, 64) : path);
    }

    private static LambdaLogger logger(Context context) {
        return context != null && context.getLogger() != null ? context.getLogger() : LambdaRuntime.getLogger();
    }

    /**
     * SnapStart: warm core (clients, configuration, the SDK's calls over in-memory answers) and the function's own code
     * paths (its {@link Priming} beans, then its priming requests, each read and each answer written by the Lambda
     * runtime's own serializer as a real invocation is, the handler called by reflection as the runtime calls it),
     * until compiled: {@link CoreWiring#PRIMING_ROUNDS} rounds, then a wait for the compiler's queue, so the snapshot
     * holds compiled code and not only loaded classes. Measured: docs/performance.md, "Priming (SnapStart)".
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        getApplicationContext().getBean(CoreWiring.class).primeRoundByRoundUntilCompiled(() -> {
            // Looked up and built again each round on purpose: once for all rounds measured no better
            // (docs/performance.md).
            getApplicationContext().getBeansOfType(Priming.class).forEach(Priming::prime);
            List<Method> handlers = handlerMethods();
            List<APIGatewayV2HTTPEvent> requests = primingRequests();
            for (int i = 0; i < requests.size(); i++) {
                primeWith(requests.get(i), handlers.get(i % handlers.size()));
            }
        });
    }

    /**
     * The runtime client finds the handler by its name ({@code ::handleRequest}) and calls it by reflection; priming
     * calls it the same way, so the reflective call's accessor is built before the snapshot, not on the first request.
     * Every public overload it may pick: the typed method and the bridge the compiler made for the interface.
     */
    private List<Method> handlerMethods() {
        return Arrays.stream(getClass().getMethods())
                .filter(method -> method.getName().equals("handleRequest")
                        && method.getParameterCount() == 2
                        && method.getParameterTypes()[0].isAssignableFrom(APIGatewayV2HTTPEvent.class)
                        && method.getParameterTypes()[1] == Context.class)
                .toList();
    }

    private void primeWith(APIGatewayV2HTTPEvent request, Method handler) {
        APIGatewayV2HTTPEvent asDelivered =
                LambdaRuntimeSerialization.asTheRuntimeReadsIt(request).orElse(request);
        try {
            LambdaRuntimeSerialization.asTheRuntimeWritesIt(handler.invoke(this, asDelivered, PrimingContext.INSTANCE));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Priming could not call " + handler, e);
        }
    }

    /**
     * The secrets are read on a background thread while the runtime fetches the first event (see
     * {@link CoreWiring#readSecretsInBackground()}); randomness is drawn per request.
     */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        getApplicationContext().getBean(CoreWiring.class).readSecretsInBackground();
    }
}
