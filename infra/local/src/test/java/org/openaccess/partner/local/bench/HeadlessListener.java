package org.openaccess.partner.local.bench;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openaccess.partner.local.LocalSettings;

/**
 * One listener clicking through the linking flow without a browser: signed in to the partner (a session cookie as the
 * partner's login issues it), then every redirect followed by hand with a cookie jar per origin. Java's cookie
 * manager is not used because it withholds {@code Secure} cookies over plain HTTP, and the local stack is plain HTTP
 * on loopback, where browsers do send them.
 */
final class HeadlessListener {

    private static final Pattern CONSENT_ID = Pattern.compile("name=\"consent\" value=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final Map<String, Map<String, String>> jars = new HashMap<>();

    HeadlessListener(LocalSettings settings, String userId) {
        Instant now = Instant.now();
        String session = Jwts.builder()
                .subject(userId)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(Duration.ofHours(1))))
                .signWith(Keys.hmacShaKeyFor(settings.sessionKey().getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256)
                .compact();
        jar(settings.apiUrl()).put(settings.sessionCookie(), session);
    }

    /**
     * Follows the flow from {@code entrypoint}, approves Spotify's consent as {@code spotifyUser}, and returns the
     * address where it ended (Spotify's completion page when it worked).
     */
    String link(URI entrypoint, String spotifyUser) throws IOException, InterruptedException {
        HttpResponse<String> answer = follow(entrypoint, get(entrypoint));
        Matcher consent = CONSENT_ID.matcher(answer.body());
        if (answer.statusCode() != 200 || !consent.find()) {
            return answer.uri() + " (" + answer.statusCode() + ")";
        }
        URI decide = answer.uri().resolve("/authorize/consent");
        String form =
                Map.of("consent", consent.group(1), "user", spotifyUser, "decision", "approve").entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        HttpResponse<String> done = follow(
                decide,
                request(decide)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Origin", decide.resolve("/").toString().replaceAll("/$", ""))
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build());
        return done.uri() + " (" + done.statusCode() + ")";
    }

    private HttpResponse<String> follow(URI first, HttpRequest firstRequest) throws IOException, InterruptedException {
        URI at = first;
        HttpResponse<String> answer = send(at, firstRequest);
        for (int hops = 0; hops < 10 && answer.statusCode() / 100 == 3; hops++) {
            at = at.resolve(answer.headers().firstValue("Location").orElseThrow());
            answer = send(at, get(at));
        }
        return answer;
    }

    private HttpResponse<String> send(URI at, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        Map<String, String> jar = jar(at);
        for (String setCookie : answer.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (value.isEmpty() || setCookie.contains("Max-Age=0")) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
        return answer;
    }

    private HttpRequest get(URI at) {
        return request(at).GET().build();
    }

    private HttpRequest.Builder request(URI at) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(at).timeout(Duration.ofSeconds(30)).header("Accept", "text/html");
        Map<String, String> jar = jar(at);
        if (!jar.isEmpty()) {
            builder.header(
                    "Cookie",
                    jar.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("; ")));
        }
        return builder;
    }

    /** Per origin: the stack and Spotify share 127.0.0.1, and their cookies are kept apart. */
    private Map<String, String> jar(URI at) {
        return jars.computeIfAbsent(at.getHost() + ":" + at.getPort(), origin -> new LinkedHashMap<>());
    }
}
