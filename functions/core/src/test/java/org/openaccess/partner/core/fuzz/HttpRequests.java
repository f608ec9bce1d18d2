package org.openaccess.partner.core.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generated requests for one HTTP function: its own routes most of the time (so that the checks behind the
 * routing are reached), other paths and methods, headers of every shape, cookies and query strings built from
 * the function's own parameters (valid values, variants, repeats, broken percent-encoding) and bodies.
 */
public final class HttpRequests {
    private final List<String> ownPaths;
    private final List<String> ownMethods;
    private Arbitrary<List<String[]>> queryParameters = Arbitraries.just(List.of());
    private Arbitrary<List<String>> cookies = Arbitraries.just(List.of());
    private Arbitrary<List<Map.Entry<String, String>>> ownHeaders = Arbitraries.just(List.of());
    private Arbitrary<Body> bodies = Arbitraries.just(Body.NONE);

    /** A body as API Gateway hands it over. */
    public record Body(String text, boolean base64) {
        public static final Body NONE = new Body(null, false);
    }

    private HttpRequests(List<String> ownPaths, List<String> ownMethods) {
        this.ownPaths = ownPaths;
        this.ownMethods = ownMethods;
    }

    public static HttpRequests forRoutes(List<String> ownPaths, List<String> ownMethods) {
        return new HttpRequests(ownPaths, ownMethods);
    }

    /**
     * Query parameters from {@code values} (name to the values worth sending: valid ones and variants), plus
     * unknown names; a name may come twice.
     */
    public HttpRequests query(Map<String, Arbitrary<String>> values) {
        List<Arbitrary<String[]>> pairs = new ArrayList<>();
        values.forEach((name, value) -> pairs.add(value.map(v -> new String[] {name, v})));
        Arbitrary<String[]> known = Arbitraries.oneOf(pairs);
        Arbitrary<String[]> unknown =
                Combinators.combine(FuzzText.nasty(), FuzzText.nasty()).as((name, value) -> new String[] {name, value});
        this.queryParameters = Arbitraries.frequencyOf(Tuple.of(9, known), Tuple.of(1, unknown))
                .list()
                .ofMaxSize(5);
        return this;
    }

    /** Cookie strings ({@code name=value}) the function reads, in any number and order. */
    public HttpRequests cookies(Arbitrary<List<String>> cookies) {
        this.cookies = cookies;
        return this;
    }

    /** Headers the function reads, with the values worth sending. */
    public HttpRequests headers(Map<String, Arbitrary<String>> values) {
        List<Arbitrary<Map.Entry<String, String>>> pairs = new ArrayList<>();
        values.forEach((name, value) ->
                pairs.add(Combinators.combine(headerNameCase(name), value).as(Map::entry)));
        this.ownHeaders = Arbitraries.oneOf(pairs).list().ofMaxSize(6);
        return this;
    }

    public HttpRequests bodies(Arbitrary<Body> bodies) {
        this.bodies = bodies;
        return this;
    }

    public Arbitrary<FuzzRequest> requests() {
        Arbitrary<String> methods = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of(ownMethods)),
                Tuple.of(
                        2,
                        Arbitraries.of(
                                "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT", "get",
                                "post")),
                Tuple.of(1, FuzzText.nasty()));
        Arbitrary<List<Map.Entry<String, String>>> headers = Combinators.combine(ownHeaders, otherHeaders())
                .as((own, other) -> {
                    List<Map.Entry<String, String>> all = new ArrayList<>(own);
                    all.addAll(other);
                    return all;
                });
        return Combinators.combine(methods, paths(), rawQueries(), headers, cookies, bodies)
                .as((method, path, query, h, c, body) ->
                        new FuzzRequest(method, path, query, h, c, body.text(), body.base64()));
    }

    private Arbitrary<String> paths() {
        Arbitrary<String> own = Arbitraries.of(ownPaths);
        Arbitrary<String> variants = Combinators.combine(
                        own, Arbitraries.of("/", "//", "%2F", "/..", "/.", ";x", "%00", "?", "#", "/link", "/extra"))
                .as((path, suffix) -> path + suffix);
        Arbitrary<String> slugs = Arbitraries.frequencyOf(
                        Tuple.of(
                                4,
                                Arbitraries.strings()
                                        .withCharRange('a', 'z')
                                        .numeric()
                                        .withChars('-')
                                        .ofMinLength(1)
                                        .ofMaxLength(30)),
                        Tuple.of(2, FuzzText.nasty()),
                        Tuple.of(
                                1, Arbitraries.of("local", "demo", "..", ".", "%2e%2e", "LOCAL", "-", "a".repeat(300))))
                .flatMap(slug ->
                        Arbitraries.of("/link/", "/unlink/", "/callback/").map(prefix -> prefix + slug));
        Arbitrary<String> elsewhere = Arbitraries.of(
                "/",
                "",
                "/link",
                "/callback",
                "/unlink",
                "/LINK",
                "/Link",
                "//link",
                "/link/../callback",
                "/favicon.ico",
                "/%6cink",
                "/admin",
                "link",
                "/link\u0000",
                "/link\r\n",
                "/" + "x".repeat(10_000));
        return Arbitraries.frequencyOf(
                Tuple.of(12, own),
                Tuple.of(2, variants),
                Tuple.of(2, slugs),
                Tuple.of(2, elsewhere),
                Tuple.of(1, FuzzText.nasty().map(text -> "/" + text)));
    }

    /** Encoded properly, or sent raw (unencoded separators, broken escapes), or a raw string of its own. */
    private Arbitrary<String> rawQueries() {
        Arbitrary<String> encoded = queryParameters.map(pairs -> join(pairs, true));
        Arbitrary<String> raw = queryParameters.map(pairs -> join(pairs, false));
        Arbitrary<String> brokenEscapes = Combinators.combine(
                        queryParameters,
                        Arbitraries.of("%", "%2", "%zz", "%e9", "%c3%28", "%ed%a0%80", "+", "%%", "&&", "=", "&="))
                .as((pairs, junk) -> join(pairs, true) + (pairs.isEmpty() ? "" : "&") + "x" + junk);
        return Arbitraries.frequencyOf(
                Tuple.of(8, encoded), Tuple.of(2, raw), Tuple.of(2, brokenEscapes), Tuple.of(1, FuzzText.nasty()));
    }

    private static String join(List<String[]> pairs, boolean encode) {
        List<String> parts = new ArrayList<>();
        for (String[] pair : pairs) {
            parts.add(encode ? encode(pair[0]) + "=" + encode(pair[1]) : pair[0] + "=" + pair[1]);
        }
        return String.join("&", parts);
    }

    private static String encode(String value) {
        // A lone surrogate cannot be UTF-8 encoded: URLEncoder writes '?', as a browser would send some byte.
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Arbitrary<String> headerNameCase(String name) {
        return Arbitraries.of(name, name.toUpperCase(), Character.toUpperCase(name.charAt(0)) + name.substring(1));
    }

    /** Headers every function may meet: accept variants, hop-by-hop and internal names, junk, duplicates. */
    private static Arbitrary<List<Map.Entry<String, String>>> otherHeaders() {
        Arbitrary<String> names = Arbitraries.frequencyOf(
                Tuple.of(
                        4,
                        Arbitraries.of(
                                "accept",
                                "content-type",
                                "content-length",
                                "transfer-encoding",
                                "host",
                                "x-forwarded-for",
                                "x-forwarded-proto",
                                "referer",
                                "user-agent",
                                "x-partner-outcome",
                                "x-partner-error-code",
                                "x-http-method-override",
                                "cookie",
                                "authorization",
                                "sec-fetch-site",
                                "sec-fetch-mode",
                                "origin")),
                Tuple.of(1, FuzzText.nasty()));
        Arbitrary<String> values = Arbitraries.frequencyOf(
                Tuple.of(
                        3,
                        Arbitraries.of(
                                "text/html",
                                "application/json",
                                "*/*",
                                "application/json;q=0.1, text/html",
                                "text/html;q=0, application/json",
                                "application/x-www-form-urlencoded",
                                "multipart/form-data; boundary=x",
                                "chunked",
                                "-1",
                                "99999999999999999999")),
                Tuple.of(3, FuzzText.nasty()));
        return Combinators.combine(names, values).as(Map::entry).list().ofMaxSize(4);
    }
}
