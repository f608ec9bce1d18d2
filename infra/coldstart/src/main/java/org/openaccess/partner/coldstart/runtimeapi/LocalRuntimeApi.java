package org.openaccess.partner.coldstart.runtimeapi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The Lambda Runtime API (version 2018-06-01) on a loopback port, as the Lambda service offers it to a runtime:
 * it hands out one event per {@code /next}, takes the response or error back, and records when each step
 * happened so that init and invoke times are measured where Lambda measures them.
 */
public final class LocalRuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final String FUNCTION_ARN = "arn:aws:lambda:eu-west-1:000000000000:function:";
    /** Lambda's deadline header; generous, as nothing here enforces a timeout. */
    private static final long DEADLINE_MILLIS = Duration.ofMinutes(15).toMillis();

    private static final Duration POLL_STEP = Duration.ofMillis(20);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final String functionName;
    private final BlockingQueue<PendingInvocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, PendingInvocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
    private final CompletableFuture<Long> restoreNext = new CompletableFuture<>();
    private volatile String initError;

    private LocalRuntimeApi(HttpServer server, String functionName) {
        this.server = server;
        this.functionName = functionName;
    }

    /** Starts the API on a free loopback port for the function of that name. */
    public static LocalRuntimeApi start(String functionName) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LocalRuntimeApi api = new LocalRuntimeApi(server, functionName);
        server.createContext(PREFIX, api::route);
        server.setExecutor(api.threads);
        server.start();
        return api;
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}: host and port, no scheme. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Waits until the runtime asks for its first event: the end of Lambda's init phase.
     *
     * @param alive stops the wait early when the runtime's process has died
     * @return {@link System#nanoTime()} when the first {@code /next} arrived
     */
    public long awaitFirstPoll(Duration timeout, BooleanSupplier alive) throws RuntimeApiException {
        return await(firstPoll, timeout, alive, "the runtime never asked for an event");
    }

    /**
     * Waits until a SnapStart runtime has run its {@code beforeCheckpoint} hooks and asks to be restored.
     *
     * @return {@link System#nanoTime()} when {@code /restore/next} arrived
     */
    public long awaitCheckpoint(Duration timeout, BooleanSupplier alive) throws RuntimeApiException {
        return await(restoreNext, timeout, alive, "the runtime never reached its checkpoint");
    }

    /** Whether the runtime asked for {@code /restore/next}, i.e. ran the SnapStart checkpoint path. */
    public boolean checkpointReached() {
        return restoreNext.isDone();
    }

    /** Hands one event to the runtime and waits for its response or error. */
    public InvocationResult invoke(byte[] event, Duration timeout, BooleanSupplier alive) throws RuntimeApiException {
        PendingInvocation invocation = new PendingInvocation(UUID.randomUUID().toString(), event);
        pending.add(invocation);
        try {
            return await(invocation.result, timeout, alive, "no answer to invocation " + invocation.requestId);
        } finally {
            pending.remove(invocation);
            inFlight.remove(invocation.requestId);
        }
    }

    /** The error the runtime reported during init, if any (e.g. the handler class was not found). */
    public Optional<String> initError() {
        return Optional.ofNullable(initError);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private <T> T await(CompletableFuture<T> future, Duration timeout, BooleanSupplier alive, String what)
            throws RuntimeApiException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                return future.get(POLL_STEP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillWaiting) {
                if (initError != null) {
                    throw new RuntimeApiException(what + ": init failed: " + initError);
                }
                if (!alive.getAsBoolean()) {
                    throw new RuntimeApiException(what + ": the runtime's process has exited");
                }
            } catch (ExecutionException e) {
                throw new RuntimeApiException(what + ": " + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeApiException(what + ": interrupted");
            }
        }
        throw new RuntimeApiException(what + " within " + timeout);
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.startsWith("invocation/")) {
                invocationOutcome(exchange, path.substring("invocation/".length()));
            } else if (method.equals("GET") && path.equals("restore/next")) {
                restoreNext.complete(System.nanoTime());
                reply(exchange, 200, "");
            } else if (method.equals("POST") && (path.equals("init/error") || path.equals("restore/error"))) {
                initError = errorSummary(exchange);
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                reply(exchange, 404, "{\"errorType\":\"NotFound\",\"errorMessage\":\"unknown path\"}");
            }
        }
    }

    /** Long-polls like Lambda: the runtime waits here, idle, until the harness sends the next event. */
    private void next(HttpExchange exchange) throws IOException {
        firstPoll.complete(System.nanoTime());
        PendingInvocation invocation;
        try {
            invocation = pending.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        inFlight.put(invocation.requestId, invocation);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + DEADLINE_MILLIS));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN + functionName);
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        invocation.dispatchedAt = System.nanoTime();
        exchange.sendResponseHeaders(200, invocation.event.length == 0 ? -1 : invocation.event.length);
        exchange.getResponseBody().write(invocation.event);
    }

    private void invocationOutcome(HttpExchange exchange, String rest) throws IOException {
        int slash = rest.indexOf('/');
        String requestId = slash < 0 ? rest : rest.substring(0, slash);
        String kind = slash < 0 ? "" : rest.substring(slash + 1);
        byte[] body = readBody(exchange);
        long completedAt = System.nanoTime();
        PendingInvocation invocation = inFlight.get(requestId);
        if (invocation == null || !(kind.equals("response") || kind.equals("error"))) {
            reply(exchange, 404, "{\"errorType\":\"InvalidRequestID\",\"errorMessage\":\"unknown request id\"}");
            return;
        }
        String errorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        invocation.result.complete(new InvocationResult(
                requestId,
                invocation.dispatchedAt,
                completedAt - invocation.dispatchedAt,
                kind.equals("error"),
                errorType,
                body));
        reply(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static String errorSummary(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return (type == null ? "error" : type) + " " + new String(readBody(exchange), StandardCharsets.UTF_8);
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** One event on its way through the runtime; times are {@link System#nanoTime()} values. */
    private static final class PendingInvocation {
        final String requestId;
        final byte[] event;
        final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        volatile long dispatchedAt;

        PendingInvocation(String requestId, byte[] event) {
            this.requestId = requestId;
            this.event = event;
        }
    }
}
