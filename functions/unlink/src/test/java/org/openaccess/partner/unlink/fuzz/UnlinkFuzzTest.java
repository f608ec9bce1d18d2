package org.openaccess.partner.unlink.fuzz;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.openaccess.partner.core.fuzz.Answers;
import org.openaccess.partner.core.fuzz.DeployedFuzzing;
import org.openaccess.partner.core.fuzz.FuzzRequest;
import org.openaccess.partner.core.fuzz.FuzzText;
import org.openaccess.partner.core.fuzz.Holds;
import org.openaccess.partner.core.fuzz.HttpRequests;
import org.openaccess.partner.core.fuzz.SessionCookies;
import org.openaccess.partner.core.fuzz.StoredItems;
import org.openaccess.partner.core.linking.LinkStatus;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.testkit.ShownError;
import org.openaccess.partner.unlink.UnlinkFunction;
import org.openaccess.partner.unlink.UnlinkSettings;
import org.openaccess.partner.web.CoreBeans;

/**
 * POST /unlink fuzzed through the deployed handler (docs/fuzzing.md): generated methods, paths, Origin and
 * Sec-Fetch-Site values, session cookies and form bodies against dynalite and the in-process Spotify emulator,
 * with one listener (ada) linked before every try.
 */
@Tag("integration")
class UnlinkFuzzTest extends DeployedFuzzing {
    /** docs/entitlements.md, "Unlinking": what POST /unlink (or a request that is not one) may answer with a 4xx. */
    static final Set<String> DOCUMENTED_4XX = Set.of(
            "session_required",
            "csrf_rejected",
            "unknown_partner",
            "method_not_allowed",
            "not_found",
            "malformed_event");

    private static final String ADA = "member-ada";

    /** The tables as the last try left them (a try that re-links ada takes a new one). */
    private static StoredItems stored;

    @BeforeContainer
    static void start() {
        deploy(new UnlinkSettings().required());
        fuzzing(wiring -> new UnlinkFunction(CoreBeans.contextWith(wiring)));
        deployment.link(ADA, "ada", Set.of("basic"));
        stored = StoredItems.of(deployment);
    }

    /**
     * Whatever arrives: no 5xx, no trace, a documented code on every 4xx; a refused request (every 4xx, and a
     * {@code not_linked} answer) changes no table and calls no unlink-user, and ada stays linked on Spotify's side;
     * only ada's own well-formed post unlinks her.
     */
    @Property(tries = 1000)
    void onlyTheListenersOwnPostFromThePartnersPagesUnlinks(@ForAll("requests") FuzzRequest request) {
        if (!deployment.linkedOnSpotify(ADA)
                || deployment
                        .link(ADA)
                        .map(l -> l.status() != LinkStatus.LINKED)
                        .orElse(true)) {
            deployment.link(ADA, "ada", Set.of("basic"));
            stored = StoredItems.of(deployment);
        }
        StoredItems before = stored;
        int unlinkCallsBefore = spotify.calls("unlink-user").size();

        APIGatewayV2HTTPResponse response = send(request);

        Answers.check(response, request.method(), DOCUMENTED_4XX);
        stored = StoredItems.of(deployment);
        Set<String> changed = before.changedIn(stored);
        if (unlinked(response)) {
            Holds.that(changed.equals(Set.of(deployment.env.get("LINKS_TABLE"))), "an unlink changed " + changed);
            Holds.that(deployment.link(ADA).orElseThrow().status() == LinkStatus.UNLINKED, "ada's link is UNLINKED");
            Holds.that(!deployment.linkedOnSpotify(ADA), "and gone on Spotify's side");
        } else {
            Holds.that(changed.isEmpty(), "a " + response.getStatusCode() + " answer changed " + changed);
            Holds.that(spotify.calls("unlink-user").size() == unlinkCallsBefore, "unlink-user was called");
            Holds.that(deployment.linkedOnSpotify(ADA), "ada is still linked on Spotify's side");
        }
    }

    /** The fuzzer's first find: a header name that is not an HTTP token crashed Micronaut's header map (500). */
    @Example
    void aHeaderNameThatIsNotATokenIsAMalformedEventNotA500() {
        FuzzRequest request = new FuzzRequest(
                "POST",
                "/unlink",
                "",
                List.of(Map.entry("origin", TestDeployment.PARTNER_SITE), Map.entry("x y", "1")),
                List.of(),
                form("confirm=unlink").text(),
                true);

        APIGatewayV2HTTPResponse response = send(request);

        Holds.that(response.getStatusCode() == 400, "status " + response.getStatusCode());
        Holds.that("malformed_event".equals(ShownError.code(response)), "code " + ShownError.code(response));
    }

    private static boolean unlinked(APIGatewayV2HTTPResponse response) {
        String location =
                response.getHeaders() == null ? null : response.getHeaders().get("Location");
        return (response.getStatusCode() == 303 && location != null && location.endsWith("spotify=unlinked"))
                || (response.getStatusCode() == 200 && "{\"status\":\"unlinked\"}".equals(response.getBody()));
    }

    @Provide
    Arbitrary<FuzzRequest> requests() {
        SessionCookies sessions = new SessionCookies(TestDeployment.SESSION_KEY, deployment.clock);
        Arbitrary<String> session = sessions.values(SessionCookies.subjects(ADA, "member-grace"))
                .map(value -> SessionCookies.NAME + "=" + value);
        Arbitrary<List<String>> cookies = Arbitraries.frequencyOf(
                        Tuple.of(8, session),
                        Tuple.of(1, FuzzText.nasty()),
                        Tuple.of(1, FuzzText.nasty().map(v -> "__Host-soa_link=" + v)))
                .list()
                .ofMaxSize(3);
        Arbitrary<String> origins = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(TestDeployment.PARTNER_SITE)),
                Tuple.of(3, Arbitraries.of(lookAlikesOf(TestDeployment.PARTNER_SITE))),
                Tuple.of(2, FuzzText.nasty()));
        Arbitrary<String> fetchSites = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("same-origin", "same-site", "cross-site", "none", "SAME-ORIGIN")),
                Tuple.of(1, FuzzText.nasty()));
        Arbitrary<HttpRequests.Body> bodies = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(form("confirm=unlink"), form(""), form("confirm=unlink&confirm=no"))),
                Tuple.of(2, FuzzText.nasty().map(UnlinkFuzzTest::form)),
                Tuple.of(1, FuzzText.nasty().map(text -> new HttpRequests.Body(text, true))), // not valid base64
                Tuple.of(1, FuzzText.nasty().map(text -> new HttpRequests.Body(text, false))),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                new HttpRequests.Body("{\"confirm\":\"unlink\"}", false), HttpRequests.Body.NONE)));
        return HttpRequests.forRoutes(List.of("/unlink"), List.of("POST"))
                .query(Map.of("confirm", Arbitraries.of("unlink"), "return", FuzzText.nasty()))
                .cookies(cookies)
                .headers(Map.of(
                        "origin",
                        origins,
                        "sec-fetch-site",
                        fetchSites,
                        "accept",
                        Arbitraries.of("text/html,application/xhtml+xml", "application/json", "*/*"),
                        "content-type",
                        Arbitraries.of(
                                "application/x-www-form-urlencoded",
                                "application/json",
                                "text/plain",
                                "multipart/form-data; boundary=----x")))
                .bodies(bodies)
                .requests();
    }

    /**
     * Origins the partner's pages refuse although they look like {@code site} (issue 12 finding 4): user info,
     * a path, another case, scheme or port, a longer host, a list, a NUL, a leading space, and the opaque ones.
     */
    private static List<String> lookAlikesOf(String site) {
        int port = URI.create(site).getPort();
        return List.of(
                site.replace("://", "://evil.example@"),
                site + "/evil",
                site.replaceFirst("^http:", "HTTP:"),
                site + "/",
                site + ".evil.example",
                site + "0",
                site.replaceFirst("^http:", "https:"),
                site.replace(":" + port, ":80"),
                "null",
                "",
                site + ", https://attacker.example",
                site + "\u0000",
                " " + site);
    }

    /** A form body as API Gateway hands it over: base64 of the urlencoded text. */
    private static HttpRequests.Body form(String urlencoded) {
        return new HttpRequests.Body(
                Base64.getEncoder().encodeToString(urlencoded.getBytes(StandardCharsets.UTF_8)), true);
    }
}
