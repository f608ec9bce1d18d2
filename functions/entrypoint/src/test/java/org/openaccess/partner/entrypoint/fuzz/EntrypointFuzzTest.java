package org.openaccess.partner.entrypoint.fuzz;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.partner.core.fuzz.Answers;
import org.openaccess.partner.core.fuzz.DeployedFuzzing;
import org.openaccess.partner.core.fuzz.FuzzRequest;
import org.openaccess.partner.core.fuzz.FuzzText;
import org.openaccess.partner.core.fuzz.Holds;
import org.openaccess.partner.core.fuzz.HttpRequests;
import org.openaccess.partner.core.fuzz.SessionCookies;
import org.openaccess.partner.core.fuzz.StoredItems;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.entrypoint.EntrypointFunction;
import org.openaccess.partner.entrypoint.EntrypointSettings;
import org.openaccess.partner.web.CoreBeans;
import org.openaccess.partner.web.LinkBindingCookie;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * GET /link fuzzed through the deployed handler (docs/fuzzing.md): generated paths, methods, headers, session
 * cookies and {@code spotifyShowUri} values against dynalite and the in-process Spotify emulator.
 */
@Tag("integration")
class EntrypointFuzzTest extends DeployedFuzzing {
    /** docs/linking-flow.md, "Error pages": what GET /link (or a request that is not one) may answer with a 4xx. */
    static final Set<String> DOCUMENTED_4XX =
            Set.of("invalid_show_uri", "unknown_partner", "not_found", "method_not_allowed", "malformed_event");

    private static final String SHOW = "spotify:show:" + EmulatorConfig.PREMIUM_SHOW_ID;

    private static StoredItems stored;

    @BeforeContainer
    static void start() {
        deploy(new EntrypointSettings().required());
        fuzzing(wiring -> new EntrypointFunction(CoreBeans.contextWith(wiring)));
        stored = StoredItems.of(deployment);
    }

    /**
     * Whatever arrives: no 5xx, no trace, a documented code on every 4xx, and nothing stored unless the answer
     * sends the listener on to Spotify's consent page, in which case exactly one state more.
     */
    @Property(tries = 1000)
    void everyAnswerIsSafeAndOnlyAFlowStartStoresAState(@ForAll("requests") FuzzRequest request) {
        int callsBefore = spotify.calls().size();

        APIGatewayV2HTTPResponse response = send(request);

        Answers.check(response, request.method(), DOCUMENTED_4XX);
        StoredItems after = StoredItems.of(deployment);
        Set<String> changed = stored.changedIn(after);
        if (startedAFlow(response)) {
            Holds.that(changed.equals(Set.of(deployment.linkStatesTable())), "a flow start changed " + changed);
            Holds.that(
                    after.in(deployment.linkStatesTable()).size()
                            == stored.in(deployment.linkStatesTable()).size() + 1,
                    "a flow start stores exactly one state");
            Holds.that(
                    response.getCookies() != null
                            && response.getCookies().size() == 1
                            && response.getCookies().get(0).startsWith(LinkBindingCookie.NAME + "="),
                    "a flow start sets the binding cookie");
        } else {
            Holds.that(changed.isEmpty(), "a " + response.getStatusCode() + " changed " + changed);
            Holds.that(response.getCookies() == null, "no cookie without a flow");
        }
        Holds.that(spotify.calls().size() == callsBefore, "/link itself never calls Spotify");
        stored = after;
        if (startedAFlow(response)) {
            forgetStates(); // keeps every scan small: the table holds only what the next try adds
        }
    }

    private static void forgetStates() {
        String table = deployment.linkStatesTable();
        List<String> keys = deployment.dynamo.describeTable(b -> b.tableName(table)).table().keySchema().stream()
                .map(k -> k.attributeName())
                .toList();
        for (Map<String, AttributeValue> item : stored.in(table)) {
            Map<String, AttributeValue> key = new java.util.HashMap<>();
            keys.forEach(name -> key.put(name, item.get(name)));
            deployment.dynamo.deleteItem(b -> b.tableName(table).key(key));
        }
        stored = StoredItems.of(deployment);
    }

    private static boolean startedAFlow(APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() != 302 || response.getHeaders() == null) {
            return false;
        }
        URI location = URI.create(response.getHeaders().get("Location"));
        return location.getHost() != null
                && location.getHost().equals(spotify.accountsUrl().getHost())
                && location.getPort() == spotify.accountsUrl().getPort()
                && "/authorize".equals(location.getPath());
    }

    @Provide
    Arbitrary<FuzzRequest> requests() {
        SessionCookies sessions = new SessionCookies(TestDeployment.SESSION_KEY, deployment.clock);
        Arbitrary<String> session = sessions.values(SessionCookies.subjects("listener-1", "listener-2"))
                .map(value -> SessionCookies.NAME + "=" + value);
        Arbitrary<String> otherCookie = Arbitraries.frequencyOf(
                Tuple.of(2, FuzzText.nasty().map(v -> LinkBindingCookie.NAME + "=" + v)),
                Tuple.of(1, FuzzText.nasty()),
                Tuple.of(1, FuzzText.nasty().map(v -> SessionCookies.NAME + v)));
        Arbitrary<List<String>> cookies = Arbitraries.frequencyOf(Tuple.of(6, session), Tuple.of(1, otherCookie))
                .list()
                .ofMaxSize(3);
        Arbitrary<String> shows = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(SHOW, "spotify:show:" + EmulatorConfig.BASIC_SHOW_ID)),
                Tuple.of(
                        3,
                        Arbitraries.strings()
                                .alpha()
                                .numeric()
                                .ofMinLength(20)
                                .ofMaxLength(24)
                                .map(id -> "spotify:show:" + id)),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                "spotify:episode:" + EmulatorConfig.PREMIUM_SHOW_ID,
                                "https://open.spotify.com/show/" + EmulatorConfig.PREMIUM_SHOW_ID,
                                SHOW + "," + SHOW,
                                SHOW + "\u0000",
                                " " + SHOW,
                                SHOW.toUpperCase())),
                Tuple.of(2, FuzzText.nasty()));
        return HttpRequests.forRoutes(List.of("/link"), List.of("GET"))
                .query(Map.of("spotifyShowUri", shows, "return", FuzzText.nasty(), "state", FuzzText.nasty()))
                .cookies(cookies)
                .headers(Map.of(
                        "accept",
                        Arbitraries.of("text/html", "application/json", "*/*", "application/json, text/html"),
                        "sec-fetch-site",
                        Arbitraries.of("same-origin", "cross-site", "none")))
                .bodies(Arbitraries.of(HttpRequests.Body.NONE, new HttpRequests.Body("x", false)))
                .requests();
    }
}
