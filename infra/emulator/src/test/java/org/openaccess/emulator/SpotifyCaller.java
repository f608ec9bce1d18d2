package org.openaccess.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;

/**
 * What a partner's code does against the emulator, over real HTTP: authorize (through the consent
 * form), exchange codes, get client-credentials tokens, send signed Open Access calls.
 * Its JWS signing is written here, independently of the emulator's verifier.
 */
final class SpotifyCaller {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CLIENT_ID = EmulatorConfig.LOCAL_CLIENT_ID;
    static final String SECRET = EmulatorConfig.LOCAL_CLIENT_SECRET;
    static final String PARTNER = EmulatorConfig.LOCAL_PARTNER_ID;
    static final String REDIRECT = EmulatorConfig.LOCAL_REDIRECT_URI;
    static final String OTHER_CLIENT = "0the4c11e4700000000000000000000b";
    static final String OTHER_SECRET = "another-secret-0123456789abcdef01";
    static final String OTHER_REDIRECT = "https://other.example/callback";
    static final String OTHER_PARTNER = "OtherPartner0000000002";
    private static final Pattern CONSENT_ID = Pattern.compile("name=\"consent\" value=\"([^\"]+)\"");

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Supplier<URI> base;
    /** The emulator in this JVM, when there is one, to read its state directly. */
    private final SpotifyEmulatorExtension extension;

    private volatile String entitlementsToken;

    SpotifyCaller(URI base) {
        this.base = () -> base;
        this.extension = null;
    }

    /** Calls the extension's emulator, whichever is running when a call is made. */
    SpotifyCaller(SpotifyEmulatorExtension emulator) {
        this.base = emulator::baseUrl;
        this.extension = emulator;
    }

    /** What the emulator holds for the local partner's user {@code puid}. */
    Set<String> entitlements(String puid) {
        return extension.emulator().entitlements(PARTNER, puid);
    }

    /** The emulator's verdict on the last call to {@code endpoint}. */
    String lastVerdict(String endpoint) {
        return extension.emulator().calls(endpoint).getLast().verdict();
    }

    /** Arms a fault (or a rate limit) over HTTP, as a test outside this JVM would. */
    HttpResponse<String> postFault(String json) {
        return send(request("/_emulator/faults")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** Clears every fault and rate limit over HTTP. */
    HttpResponse<String> clearFaults() {
        return send(request("/_emulator/faults").DELETE().build());
    }

    /** Replaces the local partner's user {@code puid}'s entitlements with one, with the client's service token. */
    HttpResponse<String> replaceEntitlements(String puid, String entitlement) {
        return signed("replace-entitlements", entitlementsToken(), payload(puid, List.of(entitlement)));
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base.get() + pathAndQuery)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base.get() + path));
    }

    HttpResponse<String> postForm(String path, Map<String, String> form, String... headers) {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** A token request with this Content-Type and body, as sent (no form encoding); {@code basic} may be null. */
    HttpResponse<String> rawToken(String contentType, String body, String basic) {
        HttpRequest.Builder request = request("/api/token")
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (basic != null) {
            request.header("Authorization", basic);
        }
        return send(request.build());
    }

    HttpResponse<String> token(Map<String, String> form) {
        return postForm("/api/token", form, "Authorization", basic(CLIENT_ID, SECRET));
    }

    /** A soa-manage-entitlements token, fetched once: issued tokens stay valid across the emulator's resets. */
    String entitlementsToken() {
        if (entitlementsToken == null) {
            entitlementsToken = clientToken("soa-manage-entitlements");
        }
        return entitlementsToken;
    }

    String clientToken(String scopes) {
        return clientToken(CLIENT_ID, SECRET, scopes);
    }

    String clientToken(String clientId, String secret, String scopes) {
        HttpResponse<String> response = postForm(
                "/api/token",
                Map.of("grant_type", "client_credentials", "scope", scopes),
                "Authorization",
                basic(clientId, secret));
        assertEquals(200, response.statusCode(), response.body());
        return json(response).get("access_token").asText();
    }

    /** The defaults plus a second client, of another company, owning {@link #OTHER_PARTNER}: what it may not touch. */
    static EmulatorConfig withOtherClient() {
        return EmulatorConfig.defaults()
                .withClient(ClientConfig.of(OTHER_CLIENT, OTHER_SECRET, "Another partner")
                        .withRedirectUris(List.of(OTHER_REDIRECT))
                        .withAllowedScopes(Scopes.ALL)
                        .withPartner(
                                new PartnerConfig(OTHER_PARTNER, "Other", URI.create("https://other.example/link"))));
    }

    /** The authorize query of a well-behaved partner (no PKCE unless added). */
    static Map<String, String> authorizeParams(String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", CLIENT_ID);
        params.put("response_type", "code");
        params.put("redirect_uri", REDIRECT);
        params.put("scope", "user-soa-link");
        params.put("state", state);
        return params;
    }

    /** The well-behaved query with a PKCE S256 challenge for this verifier. */
    static Map<String, String> pkceAuthorizeParams(String state, String verifier) throws GeneralSecurityException {
        Map<String, String> params = authorizeParams(state);
        params.put("code_challenge", s256(verifier));
        params.put("code_challenge_method", "S256");
        return params;
    }

    /** The well-behaved query with one parameter changed, or removed when {@code value} is null. */
    static Map<String, String> authorizeParamsWith(String state, String param, String value) {
        Map<String, String> params = authorizeParams(state);
        if (value == null) {
            params.remove(param);
        } else {
            params.put(param, value);
        }
        return params;
    }

    HttpResponse<String> authorize(Map<String, String> params) {
        return get("/authorize?" + form(params));
    }

    /** Answers the consent page shown for these parameters; returns the redirect. */
    HttpResponse<String> consent(Map<String, String> params, String user, String decision) {
        HttpResponse<String> page = authorize(params);
        assertEquals(200, page.statusCode(), page.body());
        Matcher id = CONSENT_ID.matcher(page.body());
        if (!id.find()) {
            throw new AssertionError("no consent form in " + page.body());
        }
        return postForm("/authorize/consent", Map.of("consent", id.group(1), "user", user, "decision", decision));
    }

    /** Approves as {@code user} and returns the code from the redirect. */
    String code(String user, Map<String, String> params) {
        HttpResponse<String> redirect = consent(params, user, "approve");
        assertEquals(302, redirect.statusCode(), redirect.body());
        return queryParam(redirect, "code");
    }

    /** The user's access token (user-soa-link) through consent and code exchange. */
    String userToken(String user) {
        String code = code(user, authorizeParams("s"));
        HttpResponse<String> response =
                token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT));
        assertEquals(200, response.statusCode(), response.body());
        return json(response).get("access_token").asText();
    }

    HttpResponse<String> openAccess(String endpoint, String token, String body) {
        HttpRequest.Builder request = request("/api/v1/" + endpoint)
                .header("Content-Type", "application/jwt")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    HttpResponse<String> signed(String endpoint, String token, Map<String, Object> payload) {
        return openAccess(endpoint, token, sign(payload, SECRET));
    }

    static Map<String, Object> payload(String puid, List<String> entitlements) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("partner_id", PARTNER);
        payload.put("partner_user_id", puid);
        if (entitlements != null) {
            payload.put("entitlements", entitlements);
        }
        return payload;
    }

    static String sign(Map<String, Object> payload, String secret) {
        try {
            return signJson("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", JSON.writeValueAsString(payload), secret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String signJson(String header, String payload, String secret) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String s256(String verifier) throws GeneralSecurityException {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** The stable error code of an Open Access or developer API error. */
    static String errorCode(HttpResponse<String> response) {
        return json(response).path("error").path("code").asText();
    }

    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location"));
    }

    static String queryParam(HttpResponse<String> redirect, String name) {
        String query = URI.create(location(redirect)).getRawQuery();
        Map<String, String> params = java.util.Arrays.stream(query.split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        return params.get(name);
    }

    static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
