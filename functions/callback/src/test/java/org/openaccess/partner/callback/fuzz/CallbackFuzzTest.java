package org.openaccess.partner.callback.fuzz;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.partner.callback.CallbackFunction;
import org.openaccess.partner.callback.CallbackSettings;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.fuzz.Answers;
import org.openaccess.partner.core.fuzz.DeployedFuzzing;
import org.openaccess.partner.core.fuzz.FuzzRequest;
import org.openaccess.partner.core.fuzz.FuzzText;
import org.openaccess.partner.core.fuzz.Holds;
import org.openaccess.partner.core.fuzz.HttpRequests;
import org.openaccess.partner.core.fuzz.SessionCookies;
import org.openaccess.partner.core.fuzz.StoredItems;
import org.openaccess.partner.entrypoint.EntrypointFunction;
import org.openaccess.partner.entrypoint.EntrypointSettings;
import org.openaccess.partner.testkit.HttpEvents;
import org.openaccess.partner.testkit.TestContext;
import org.openaccess.partner.web.CoreBeans;
import org.openaccess.partner.web.LinkBindingCookie;

/**
 * GET /callback fuzzed through the deployed handler (docs/fuzzing.md). Each try may first start a real flow
 * (GET /link on the deployed entrypoint, Spotify's consent auto-approved by the emulator), then sends the callback
 * a generated mix of that flow's state, code and binding cookie (or another flow's, or junk), repeated or missing
 * parameters, cancels and other errors, after ten minutes or not, with generated methods, paths and headers.
 */
@Tag("integration")
class CallbackFuzzTest extends DeployedFuzzing {
    /** docs/linking-flow.md, "Error pages": what GET /callback (or a request that is not one) may answer with a 4xx. */
    static final Set<String> DOCUMENTED_4XX = Set.of(
            "invalid_request",
            "authorization_failed",
            "state_unknown",
            "state_expired",
            "state_other_browser",
            "code_rejected",
            "already_linked_elsewhere",
            "not_found",
            // The tests start real flows through the entrypoint, so its controller is on this classpath and a
            // generated /link/{slug} reaches it (the deployed callback jar has no such route: infra/deployment).
            "unknown_partner",
            "method_not_allowed",
            "malformed_event");

    /** Refusals that come after the state was checked and used up: only that one state may be gone. */
    static final Set<String> AFTER_THE_STATE_IS_USED =
            Set.of("state_expired", "code_rejected", "authorization_failed", "already_linked_elsewhere");

    private static EntrypointFunction entrypoint;
    private static final HttpClient BROWSER =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** Where the real values come from, when a try uses them. */
    enum Source {
        THIS_FLOW,
        OTHER_FLOW,
        WELL_SHAPED,
        JUNK,
        MISSING,
        REPEATED
    }

    /** What to send: the flow to start first, then where each value of the callback comes from. */
    record Plan(
            boolean startFlow,
            boolean approve,
            Source state,
            Source code,
            Optional<String> error,
            Source binding,
            boolean tenMinutesLater,
            String junk,
            FuzzRequest noise) {}

    @BeforeContainer
    static void start() {
        // Spotify's consent is approved by one test user: a second partner user linking meets already_linked_elsewhere.
        Set<Setting> required = EnumSet.copyOf(new EntrypointSettings().required());
        required.addAll(new CallbackSettings().required());
        deploy(
                EmulatorConfig.defaults().withAutoApproveUser("ada"),
                Map.of("ALLOWED_COMPLETION_HOSTS", "spotify.com,127.0.0.1"),
                required);
        entrypoint = deployment.start(wiring -> new EntrypointFunction(CoreBeans.contextWith(wiring)));
        fuzzing(wiring -> new CallbackFunction(CoreBeans.contextWith(wiring)));
    }

    /**
     * Whatever arrives: no 5xx, no trace, a documented code on every 4xx; a 4xx refused before the state was used
     * changes no table, one refused after it removes only that state; the links table changes only when the answer
     * sends the listener on to Spotify's completion page; entitlements never change.
     */
    @Property(tries = 1000)
    void everyAnswerIsSafeAndOnlyACompletedLinkIsRecorded(@ForAll("plans") Plan plan) {
        Optional<Flow> flow = plan.startFlow() ? Optional.of(startFlow(plan.approve())) : Optional.empty();
        Optional<Flow> other = plan.state() == Source.OTHER_FLOW
                        || plan.code() == Source.OTHER_FLOW
                        || plan.binding() == Source.OTHER_FLOW
                ? Optional.of(startFlow(true))
                : Optional.empty();
        if (plan.tenMinutesLater()) {
            deployment.clock.advance(Duration.ofMinutes(11));
        }
        try {
            sendAndCheck(plan, flow, other);
        } finally {
            if (plan.tenMinutesLater()) {
                deployment.clock.advance(Duration.ofMinutes(-11));
            }
        }
    }

    private static void sendAndCheck(Plan plan, Optional<Flow> flow, Optional<Flow> other) {
        List<String[]> query = new ArrayList<>();
        add(query, "state", plan.state(), flow.map(Flow::state), other.map(Flow::state), wellShaped(43), plan.junk());
        if (plan.error().isEmpty() || plan.code() != Source.MISSING) {
            add(
                    query,
                    "code",
                    plan.code(),
                    flow.flatMap(Flow::code),
                    other.flatMap(Flow::code),
                    wellShaped(30),
                    plan.junk());
        }
        plan.error().ifPresent(error -> query.add(new String[] {"error", error}));
        List<String[]> cookies = new ArrayList<>();
        add(
                cookies,
                LinkBindingCookie.NAME,
                plan.binding(),
                flow.map(Flow::nonce),
                other.map(Flow::nonce),
                wellShaped(43),
                plan.junk());
        FuzzRequest request = plan.noise()
                .with(
                        encode(query),
                        cookies.stream().map(c -> c[0] + "=" + c[1]).toList());
        StoredItems before = StoredItems.of(deployment);

        APIGatewayV2HTTPResponse response = send(request);

        String code = Answers.check(response, request.method(), DOCUMENTED_4XX);
        StoredItems after = StoredItems.of(deployment);
        Set<String> changed = before.changedIn(after);
        String states = deployment.linkStatesTable();
        String links = deployment.env.get("LINKS_TABLE");
        Holds.that(!changed.contains(deployment.env.get("ENTITLEMENTS_TABLE")), "the callback changed entitlements");
        // An answer to HEAD has no body, so no code to tell when it was refused: it gets the weaker check. (HEAD
        // runs the GET route: it uses up a state as GET does.)
        boolean afterTheState = AFTER_THE_STATE_IS_USED.contains(code) || code.isEmpty();
        if (response.getStatusCode() >= 400 && !afterTheState) {
            Holds.that(changed.isEmpty(), code + " changed " + changed);
        }
        if (response.getStatusCode() >= 400 && afterTheState) {
            Holds.that(!changed.contains(links), code + " changed the links");
            Holds.that(
                    before.in(states).size() - after.in(states).size() <= 1
                            && before.in(states).containsAll(after.in(states)),
                    code + " removed more than the one state");
        }
        if (changed.contains(links)) {
            Holds.that(
                    response.getStatusCode() == 302 && response.getHeaders().get("Location") != null,
                    "a link was recorded without sending the listener on: " + response.getStatusCode());
        }
    }

    /** A flow started on the deployed entrypoint; with a code when Spotify's consent was approved. */
    record Flow(String state, String nonce, Optional<String> code) {}

    private static Flow startFlow(boolean approve) {
        APIGatewayV2HTTPResponse started = entrypoint.handleRequest(
                HttpEvents.get("/link")
                        .cookie(SessionCookies.NAME, deployment.sessionFor("listener-" + (System.nanoTime() % 3)))
                        .build(),
                TestContext.create());
        if (started.getStatusCode() != 302 || started.getCookies() == null) {
            throw new AssertionError("/link did not start a flow: " + started.getStatusCode());
        }
        URI authorize = URI.create(started.getHeaders().get("Location"));
        String cookie = started.getCookies().get(0);
        String nonce = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
        String state = HttpEvents.queryParameters(authorize).get("state");
        if (!approve) {
            return new Flow(state, nonce, Optional.empty());
        }
        try {
            HttpResponse<String> answer =
                    BROWSER.send(HttpRequest.newBuilder(authorize).GET().build(), HttpResponse.BodyHandlers.ofString());
            URI back = URI.create(answer.headers()
                    .firstValue("Location")
                    .orElseThrow(() -> new AssertionError(
                            "/authorize did not redirect: " + answer.statusCode() + " " + answer.body())));
            return new Flow(
                    state,
                    nonce,
                    Optional.ofNullable(HttpEvents.queryParameters(back).get("code")));
        } catch (IOException e) {
            throw new AssertionError("the emulator's /authorize did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void add(
            List<String[]> to,
            String name,
            Source source,
            Optional<String> mine,
            Optional<String> others,
            String wellShaped,
            String junk) {
        switch (source) {
            case THIS_FLOW -> to.add(new String[] {name, mine.orElse(wellShaped)});
            case OTHER_FLOW -> to.add(new String[] {name, others.orElse(wellShaped)});
            case WELL_SHAPED -> to.add(new String[] {name, wellShaped});
            case JUNK -> to.add(new String[] {name, junk});
            case MISSING -> {}
            case REPEATED -> {
                to.add(new String[] {name, mine.orElse(wellShaped)});
                to.add(new String[] {name, others.orElse(junk)});
            }
        }
    }

    private static String wellShaped(int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(Long.toString(System.nanoTime(), 36));
        }
        return text.substring(0, length);
    }

    @Provide
    Arbitrary<Plan> plans() {
        Arbitrary<Source> mostlyThisFlow = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just(Source.THIS_FLOW)), Tuple.of(1, Arbitraries.of(Source.values())));
        Arbitrary<Optional<String>> errors = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(Optional.<String>empty())),
                Tuple.of(2, Arbitraries.of(Optional.of("access_denied"))),
                Tuple.of(
                        1,
                        Arbitraries.of("server_error", "invalid_scope", "temporarily_unavailable")
                                .map(Optional::of)),
                Tuple.of(1, FuzzText.nasty().map(Optional::of)));
        Arbitrary<FuzzRequest> noise = HttpRequests.forRoutes(List.of("/callback"), List.of("GET"))
                .headers(Map.of(
                        "accept", Arbitraries.of("text/html", "application/json", "*/*"),
                        "cookie", FuzzText.nasty()))
                .requests();
        Arbitrary<Boolean> rarely = Arbitraries.integers().between(0, 19).map(n -> n == 0);
        return Combinators.combine(
                        Arbitraries.integers().between(0, 9).map(n -> n < 8),
                        Arbitraries.integers().between(0, 9).map(n -> n < 6),
                        mostlyThisFlow,
                        mostlyThisFlow,
                        errors,
                        mostlyThisFlow,
                        rarely,
                        FuzzText.nasty())
                .as((startFlow, approve, state, code, error, binding, later, junk) ->
                        new Plan(startFlow, approve, state, code, error, binding, later, junk, null))
                .flatMap(plan -> noise.map(request -> new Plan(
                        plan.startFlow(),
                        plan.approve(),
                        plan.state(),
                        plan.code(),
                        plan.error(),
                        plan.binding(),
                        plan.tenMinutesLater(),
                        plan.junk(),
                        request)));
    }

    private static String encode(List<String[]> pairs) {
        List<String> parts = new ArrayList<>();
        for (String[] pair : pairs) {
            parts.add(URLEncoder.encode(pair[0], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(pair[1], StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return String.join("&", parts);
    }
}
