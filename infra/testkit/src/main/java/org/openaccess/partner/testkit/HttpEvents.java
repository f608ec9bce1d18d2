package org.openaccess.partner.testkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds API Gateway HTTP API (payload format 2.0) events the way API Gateway builds them: cookies moved out of the
 * headers into {@code cookies}, header names lower-cased, repeated query parameters joined by commas in
 * {@code queryStringParameters} but kept in {@code rawQueryString}, form posts base64-encoded.
 * <pre>HttpEvents.get("/link").query("spotifyShowUri", uri).cookie("partner_session", jwt).build()</pre>
 */
public final class HttpEvents {

    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern(
                    "dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final String API_ID = "localapi01";

    private final String method;
    private final String path;
    private final List<String[]> query = new ArrayList<>();
    private String rawQuery;
    private final List<String> cookies = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;
    private boolean base64Encoded;
    private String routeKey;
    private String sourceIp = "203.0.113.10";
    private String userAgent = "Mozilla/5.0 (X11; Linux x86_64) OpenAccessTest/1.0";
    private Instant time = Instant.now();
    private String requestId;

    private HttpEvents(String method, String path) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.path = path;
        this.routeKey = this.method + " " + path;
    }

    public static HttpEvents get(String path) {
        return new HttpEvents("GET", path);
    }

    public static HttpEvents post(String path) {
        return new HttpEvents("POST", path);
    }

    public static HttpEvents request(String method, String path) {
        return new HttpEvents(method, path);
    }

    /** Adds a query parameter (given decoded; it is percent-encoded into {@code rawQueryString}). Repeats are kept. */
    public HttpEvents query(String name, String value) {
        query.add(new String[] {name, value});
        return this;
    }

    /** Sets the raw query string exactly as a client sent it (for malformed input); parameters are decoded from it. */
    public HttpEvents rawQuery(String rawQueryString) {
        this.rawQuery = rawQueryString;
        return this;
    }

    /** Adds a cookie as the browser sends it ({@code name=value}). */
    public HttpEvents cookie(String name, String value) {
        cookies.add(name + "=" + value);
        return this;
    }

    /** Adds a header; names are lower-cased and a repeated header's values are joined by commas, as API Gateway does. */
    public HttpEvents header(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.equals("cookie")) {
            for (String cookie : value.split(";")) {
                if (!cookie.isBlank()) {
                    cookies.add(cookie.trim());
                }
            }
            return this;
        }
        headers.merge(key, value, (a, b) -> a + "," + b);
        return this;
    }

    /** A text body (JSON, plain text), sent as is. */
    public HttpEvents body(String text) {
        this.body = text;
        this.base64Encoded = false;
        return this;
    }

    /** A body API Gateway passes base64-encoded (binary payloads, form posts). */
    public HttpEvents base64Body(byte[] bytes) {
        this.body = Base64.getEncoder().encodeToString(bytes);
        this.base64Encoded = true;
        return this;
    }

    /** An HTML form post: {@code application/x-www-form-urlencoded}, which HTTP APIs hand over base64-encoded. */
    public HttpEvents form(Map<String, String> fields) {
        header("content-type", "application/x-www-form-urlencoded");
        return base64Body(encode(fields.entrySet().stream()
                        .map(e -> new String[] {e.getKey(), e.getValue()})
                        .toList())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The route that matched, e.g. {@code $default}; by default "METHOD path". */
    public HttpEvents routeKey(String routeKey) {
        this.routeKey = routeKey;
        return this;
    }

    public HttpEvents sourceIp(String sourceIp) {
        this.sourceIp = sourceIp;
        return this;
    }

    public HttpEvents userAgent(String userAgent) {
        this.userAgent = userAgent;
        return this;
    }

    public HttpEvents time(Instant time) {
        this.time = time;
        return this;
    }

    public HttpEvents requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    public APIGatewayV2HTTPEvent build() {
        String rawQueryString = rawQuery != null ? rawQuery : encode(query);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(routeKey);
        event.setRawPath(path);
        event.setRawQueryString(rawQueryString);
        Map<String, String> parameters = queryParameters(rawQueryString);
        event.setQueryStringParameters(parameters.isEmpty() ? null : parameters);
        event.setCookies(cookies.isEmpty() ? null : List.copyOf(cookies));
        event.setHeaders(allHeaders());
        event.setBody(body);
        event.setIsBase64Encoded(base64Encoded);
        event.setRequestContext(requestContext());
        return event;
    }

    /** The event as the JSON API Gateway would send, written with the Lambda runtime's serialization. */
    public String toJson() {
        return LambdaEvents.toJson(build());
    }

    private Map<String, String> allHeaders() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("host", API_ID + ".execute-api.us-east-1.amazonaws.com");
        all.put("user-agent", userAgent);
        all.put("x-forwarded-for", sourceIp);
        all.put("x-forwarded-port", "443");
        all.put("x-forwarded-proto", "https");
        all.put(
                "x-amzn-trace-id",
                "Root=1-" + Long.toHexString(time.getEpochSecond()) + "-"
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        if (body != null) {
            all.put("content-length", Integer.toString(decodedBodyLength()));
        }
        all.putAll(headers);
        return all;
    }

    private int decodedBodyLength() {
        return base64Encoded ? Base64.getDecoder().decode(body).length : body.getBytes(StandardCharsets.UTF_8).length;
    }

    private APIGatewayV2HTTPEvent.RequestContext requestContext() {
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(path);
        http.setProtocol("HTTP/1.1");
        http.setSourceIp(sourceIp);
        http.setUserAgent(userAgent);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAccountId("000000000000");
        context.setApiId(API_ID);
        context.setDomainName(API_ID + ".execute-api.us-east-1.amazonaws.com");
        context.setDomainPrefix(API_ID);
        context.setHttp(http);
        context.setRequestId(
                requestId != null ? requestId : UUID.randomUUID().toString().substring(0, 18));
        context.setRouteKey(routeKey);
        context.setStage("$default");
        context.setTime(REQUEST_TIME.format(time));
        context.setTimeEpoch(time.toEpochMilli());
        return context;
    }

    private static String encode(List<String[]> pairs) {
        List<String> parts = new ArrayList<>();
        for (String[] pair : pairs) {
            parts.add(percentEncode(pair[0]) + "=" + percentEncode(pair[1]));
        }
        return String.join("&", parts);
    }

    private static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Decoded parameters; a repeated name's values joined by commas, as API Gateway does. Also used by the local gateway. */
    public static Map<String, String> queryParameters(String rawQueryString) {
        Map<String, String> parameters = new LinkedHashMap<>();
        formPairs(rawQueryString).forEach((name, values) -> parameters.put(name, String.join(",", values)));
        return parameters;
    }

    /** The decoded query parameters of a URI, e.g. a redirect's {@code Location}. */
    public static Map<String, String> queryParameters(java.net.URI uri) {
        return queryParameters(uri.getRawQuery());
    }

    /**
     * A query string or form-encoded body decoded, each name with its values in order (repeated names kept). A
     * malformed escape is passed through as it stands. Also used by the local stack's demo site for its forms.
     */
    public static Map<String, List<String>> formPairs(String encoded) {
        Map<String, List<String>> pairs = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return pairs;
        }
        for (String part : encoded.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            String name = decode(equals < 0 ? part : part.substring(0, equals));
            String value = equals < 0 ? "" : decode(part.substring(equals + 1));
            pairs.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return pairs;
    }

    private static String decode(String text) {
        try {
            return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return text; // API Gateway passes a malformed escape through rather than rejecting the request.
        }
    }
}
