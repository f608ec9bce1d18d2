package org.openaccess.emulator.bench;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.SpotifyEmulator;

/**
 * Load driver for the emulator as a process: measures jar start to "ready" (several runs), then
 * requests per second of replace-entitlements over loopback from a few concurrent clients, each
 * pushing to its own linked user. Bounded in time and in count.
 *
 * <p>Run: {@code ./mvnw -B -q -pl infra/emulator package exec:exec@bench -DskipTests}
 * (arguments: jar, clients, seconds, max requests).
 */
public final class ReplaceEntitlementsBenchmark {
    private static final String CLIENT_ID = "c0ffee00c0ffee00c0ffee00c0ffee00";
    private static final String SECRET = "10ca1c11e275ec2e710ca1c11e275ec2";
    private static final String PARTNER = "LocalDemoPartner000001";
    private static final String REDIRECT = "http://127.0.0.1:3000/callback";
    private static final Pattern READY = Pattern.compile("Spotify emulator ready at (http://\\S+)");
    private static final Pattern CONSENT = Pattern.compile("name=\"consent\" value=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int STARTS = 5;
    private static final Duration WARM_UP = Duration.ofSeconds(3);

    private ReplaceEntitlementsBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "infra/emulator/target/spotify-emulator.jar");
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Duration length = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 10);
        long maxRequests = args.length > 3 ? Long.parseLong(args[3]) : 500_000;
        Path config = Files.createTempFile("emulator-bench", ".json");
        Files.writeString(config, configWithUsers(clients));

        List<Long> startMillis = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            Started started = start(jar, config);
            startMillis.add(started.millis);
            started.process.destroy();
            started.process.waitFor(30, TimeUnit.SECONDS);
        }
        startMillis.sort(Long::compare);
        report("start-up, jar start to ready line (ms, %d runs): min %d, median %d, max %d"
                .formatted(STARTS, startMillis.getFirst(), startMillis.get(STARTS / 2), startMillis.getLast()));
        report("baseline, 'java -version' (ms, median of %d): %d".formatted(STARTS, javaVersionMillis()));
        report("in-process SpotifyEmulator.start (ms): first %d (class loading), then median %d"
                .formatted(inProcessStartMillis(1), inProcessStartMillis(5)));

        Started emulator = start(jar, config);
        try {
            load(emulator, clients, length, maxRequests);
        } finally {
            emulator.process.destroy();
            emulator.process.waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(config);
        }
    }

    private static long javaVersionMillis() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Long> runs = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            long begin = System.nanoTime();
            new ProcessBuilder(java, "-version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
            runs.add((System.nanoTime() - begin) / 1_000_000);
        }
        runs.sort(Long::compare);
        return runs.get(STARTS / 2);
    }

    /** Median over a few starts in this JVM, as a JUnit test class pays it. */
    private static long inProcessStartMillis(int count) {
        List<Long> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long begin = System.nanoTime();
            try (SpotifyEmulator emulator = SpotifyEmulator.start(EmulatorConfig.defaults(), 0)) {
                runs.add((System.nanoTime() - begin) / 1_000_000);
            }
        }
        runs.sort(Long::compare);
        return runs.get(count / 2);
    }

    private static void load(Started emulator, int clients, Duration length, long maxRequests) throws Exception {
        URI base = emulator.baseUrl;
        HttpClient setup = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String serviceToken = clientToken(setup, base);
        List<String[]> bodies = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String puid = "%016x".formatted(0xbe00 + i);
            registerUser(setup, base, "bench" + i, puid);
            bodies.add(new String[] {sign(puid, "basic"), sign(puid, "premium")});
        }
        run(base, serviceToken, bodies, WARM_UP, Long.MAX_VALUE);
        Duration cpuBefore = cpu(emulator.process);
        Result result = run(base, serviceToken, bodies, length, maxRequests);
        Duration cpuUsed = cpu(emulator.process).minus(cpuBefore);
        // CPU per request does not depend on what else the machine runs: the capacity figure to compare.
        report("emulator process CPU: %.3f ms per request -> about %.0f requests/s per fully available core"
                .formatted(cpuUsed.toNanos() / 1e6 / result.requests, result.requests / (cpuUsed.toNanos() / 1e9)));
        report(
                "replace-entitlements: %d clients, %d requests in %.1f s = %.0f requests/s, %d non-200; latency ms p50 %.2f, p99 %.2f"
                        .formatted(
                                clients,
                                result.requests,
                                result.seconds,
                                result.requests / result.seconds,
                                result.errors,
                                result.p50,
                                result.p99));
    }

    private static Result run(URI base, String token, List<String[]> bodies, Duration length, long maxRequests)
            throws InterruptedException {
        AtomicLong sent = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long deadline = System.nanoTime() + length.toNanos();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long begin = System.nanoTime();
        for (String[] pair : bodies) {
            long[] samples = new long[200_000];
            latencies.add(samples);
            threads.add(Thread.ofPlatform()
                    .start(() -> drive(base, token, pair, deadline, maxRequests, sent, errors, samples)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        long[] all = latencies.stream()
                .flatMapToLong(Arrays::stream)
                .filter(v -> v > 0)
                .sorted()
                .toArray();
        return new Result(sent.get(), errors.get(), seconds, percentile(all, 0.50), percentile(all, 0.99));
    }

    private static void drive(
            URI base,
            String token,
            String[] pair,
            long deadline,
            long maxRequests,
            AtomicLong sent,
            AtomicLong errors,
            long[] samples) {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(base + "/api/v1/replace-entitlements");
        int n = 0;
        while (System.nanoTime() < deadline && sent.incrementAndGet() <= maxRequests) {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/jwt")
                    .POST(HttpRequest.BodyPublishers.ofString(pair[n % 2]))
                    .build();
            long started = System.nanoTime();
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                    errors.incrementAndGet();
                }
            } catch (IOException e) {
                errors.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (n < samples.length) {
                samples[n] = System.nanoTime() - started;
            }
            n++;
        }
        if (sent.get() > maxRequests) {
            sent.set(maxRequests);
        }
    }

    private static Duration cpu(Process process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    private static Started start(Path jar, Path config) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        long begin = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(java));
        // e.g. BENCH_JVM_OPTS="-XX:AOTCache=emulator.aot" to measure with JVM options
        String options = System.getenv().getOrDefault("BENCH_JVM_OPTS", "").trim();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "--port", "0", "--config", config.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = output.readLine()) != null) {
            Matcher ready = READY.matcher(line);
            if (ready.find()) {
                long millis = (System.nanoTime() - begin) / 1_000_000;
                Thread.ofPlatform().daemon().start(() -> drain(output));
                return new Started(process, URI.create(ready.group(1)), millis);
            }
        }
        throw new IllegalStateException("emulator exited before it was ready: " + process.waitFor());
    }

    /** Keeps the child's output pipe from filling; ends when the child is destroyed. */
    private static void drain(BufferedReader output) {
        try {
            while (output.readLine() != null) {
                // the emulator logs nothing per request; this only guards against a full pipe
            }
        } catch (IOException e) {
            // the process was stopped: nothing left to read
        }
    }

    private static String configWithUsers(int count) {
        String users = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> "{\"id\":\"bench" + i + "\",\"displayName\":\"Bench User " + i + "\"}")
                .collect(Collectors.joining(","));
        return "{\"users\":[" + users + "]}";
    }

    private static String clientToken(HttpClient http, URI base) throws Exception {
        HttpResponse<String> response = http.send(
                form(
                        base.resolve("/api/token"),
                        Map.of("grant_type", "client_credentials", "scope", "soa-manage-entitlements"),
                        true),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private static void registerUser(HttpClient http, URI base, String user, String puid) throws Exception {
        String query = "client_id=" + CLIENT_ID + "&response_type=code&scope=user-soa-link&state=b&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8);
        String page = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/authorize?" + query))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher consent = CONSENT.matcher(page);
        if (!consent.find()) {
            throw new IllegalStateException("no consent form");
        }
        HttpResponse<String> redirect = http.send(
                form(
                        base.resolve("/authorize/consent"),
                        Map.of("consent", consent.group(1), "user", user, "decision", "approve"),
                        false),
                HttpResponse.BodyHandlers.ofString());
        String code = redirect.headers().firstValue("Location").orElseThrow().replaceAll(".*[?&]code=([^&]+).*", "$1");
        HttpResponse<String> tokens = http.send(
                form(
                        base.resolve("/api/token"),
                        Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT),
                        true),
                HttpResponse.BodyHandlers.ofString());
        String userToken = JSON.readTree(tokens.body()).get("access_token").asText();
        String body =
                signPayload(Map.of("partner_id", PARTNER, "partner_user_id", puid, "entitlements", List.of("basic")));
        HttpResponse<String> registered = http.send(
                HttpRequest.newBuilder(base.resolve("/api/v1/register-user"))
                        .header("Authorization", "Bearer " + userToken)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (registered.statusCode() != 200) {
            throw new IllegalStateException("register-user failed: " + registered.body());
        }
    }

    private static HttpRequest form(URI uri, Map<String, String> fields, boolean clientAuth) {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (clientAuth) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8)));
        }
        return request.build();
    }

    private static String sign(String puid, String entitlement) throws Exception {
        return signPayload(
                Map.of("partner_id", PARTNER, "partner_user_id", puid, "entitlements", List.of(entitlement)));
    }

    private static String signPayload(Map<String, Object> payload) throws IOException, GeneralSecurityException {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(JSON.writeValueAsBytes(payload));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    @SuppressWarnings("java:S106") // a benchmark's report is its console output
    private static void report(String line) {
        System.out.println(line);
    }

    private record Started(Process process, URI baseUrl, long millis) {}

    private record Result(long requests, long errors, double seconds, double p50, double p99) {}
}
