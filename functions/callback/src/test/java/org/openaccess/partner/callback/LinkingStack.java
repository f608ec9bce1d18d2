package org.openaccess.partner.callback;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.partner.core.MovingClock;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.testing.DeployedFunction;
import org.openaccess.partner.core.testing.TestDeployment;
import org.openaccess.partner.core.wiring.CoreWiring;
import org.openaccess.partner.entrypoint.EntrypointFunction;
import org.openaccess.partner.entrypoint.EntrypointSettings;
import org.openaccess.partner.testkit.HttpEvents;
import org.openaccess.partner.testkit.SecretsManagerStub;
import org.openaccess.partner.testkit.TestContext;
import org.openaccess.partner.web.CoreBeans;
import org.openaccess.partner.web.LinkBindingCookie;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The two deployed handler classes (EntrypointFunction, CallbackFunction) on one {@link TestDeployment}, and a
 * browser played by hand: /link, then Spotify's /authorize (auto-approved, followed with java.net.http), then
 * /callback. Either a deployment of its own ({@link #start}, closed by the test) or a view of the running test's
 * deployment of a {@link #deployed} extension ({@link #on}).
 */
final class LinkingStack implements AutoCloseable {
    /** Completion pages on the emulator (http on loopback) are allowed, as in the local stack. */
    private static final Map<String, String> LOOPBACK_COMPLETION =
            Map.of("ALLOWED_COMPLETION_HOSTS", "spotify.com,127.0.0.1");

    private static final HttpClient BROWSER =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final Supplier<TestDeployment> deployment;

    private LinkingStack(Supplier<TestDeployment> deployment) {
        this.deployment = deployment;
    }

    /** The settings both functions require, checked as their handlers check them. */
    private static Set<Setting> required() {
        Set<Setting> required = EnumSet.copyOf(new EntrypointSettings().required());
        required.addAll(new CallbackSettings().required());
        return required;
    }

    private static CallbackFunction callbackOn(CoreWiring wiring) {
        return new CallbackFunction(CoreBeans.contextWith(wiring));
    }

    private static void startEntrypoint(TestDeployment deployment) {
        deployment.start(wiring -> new EntrypointFunction(CoreBeans.contextWith(wiring)));
    }

    /**
     * For a test class (a JUnit extension on a static field): per test a fresh deployment on an emulator set up as
     * {@code config} says, with both functions started and completion pages on loopback allowed.
     */
    static DeployedFunction<CallbackFunction> deployed(EmulatorConfig config) {
        return DeployedFunction.of(required(), LinkingStack::callbackOn)
                .onEmulator(config)
                .adjusted(deployment -> deployment.with(LOOPBACK_COMPLETION))
                .arranged(LinkingStack::startEntrypoint);
    }

    /** Drives the running test's deployment of {@code deployed}. */
    static LinkingStack on(DeployedFunction<CallbackFunction> deployed) {
        return new LinkingStack(deployed::deployment);
    }

    private static LinkingStack start(TestDeployment.Builder builder) {
        TestDeployment started = builder.start(required());
        started.start(LinkingStack::callbackOn);
        startEntrypoint(started);
        return new LinkingStack(() -> started);
    }

    static LinkingStack start(SpotifyEmulator spotify) {
        return start(spotify, LOOPBACK_COMPLETION);
    }

    static LinkingStack start(SpotifyEmulator spotify, Map<String, String> overrides) {
        return start(TestDeployment.of(spotify).with(overrides));
    }

    /** {@code dynamo} is the client the functions use (tables are created with the shared one). */
    static LinkingStack start(SpotifyEmulator spotify, Map<String, String> overrides, DynamoDbClient dynamo) {
        return start(TestDeployment.of(spotify).with(overrides).functionsDynamo(dynamo));
    }

    /**
     * As deployed: the three secret values only in Secrets Manager (the protocol stub), {@code SECRET_ID} set,
     * none of them in the environment.
     */
    static LinkingStack startWithSecretsManager(SpotifyEmulator spotify, SecretsManagerStub secretsManager) {
        return start(TestDeployment.of(spotify)
                .with(Map.of("ALLOWED_COMPLETION_HOSTS", "127.0.0.1"))
                .secretsIn(secretsManager, TestDeployment.localSecretJson()));
    }

    TestDeployment deployment() {
        return deployment.get();
    }

    CoreWiring wiring() {
        return deployment().wiring;
    }

    MovingClock clock() {
        return deployment().clock;
    }

    Map<String, String> env() {
        return deployment().env;
    }

    EntrypointFunction entrypoint() {
        return deployment().started(EntrypointFunction.class);
    }

    CallbackFunction callback() {
        return deployment().started(CallbackFunction.class);
    }

    /** What a browser holds after /link: Spotify's consent URL and the binding cookie's nonce. */
    record Started(URI authorizeUrl, String state, String bindingNonce) {}

    /** What Spotify sends the browser back with. */
    record Approved(String code, String state, String bindingNonce) {}

    Started startLink(String userId, Optional<String> showUri) {
        return startLink("/link", userId, showUri);
    }

    /** @param linkPath {@code /link}, or a registry partner's {@code /link/<slug>} */
    Started startLink(String linkPath, String userId, Optional<String> showUri) {
        HttpEvents request = deployment().signedIn(HttpEvents.get(linkPath), userId);
        showUri.ifPresent(show -> request.query("spotifyShowUri", show));
        APIGatewayV2HTTPResponse response = entrypoint().handleRequest(request.build(), TestContext.create());
        if (response.getStatusCode() != 302 || response.getCookies() == null) {
            throw new AssertionError(
                    "/link did not start a flow: " + response.getStatusCode() + " " + response.getBody());
        }
        URI authorize = URI.create(response.getHeaders().get("Location"));
        String cookie = response.getCookies().get(0);
        return new Started(
                authorize,
                HttpEvents.queryParameters(authorize).get("state"),
                cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';')));
    }

    /** Follows /authorize on the emulator (auto-approve) to the redirect back to the callback. */
    Approved approve(Started started) {
        try {
            HttpResponse<String> answer = BROWSER.send(
                    HttpRequest.newBuilder(started.authorizeUrl()).GET().build(), HttpResponse.BodyHandlers.ofString());
            String location = answer.headers()
                    .firstValue("Location")
                    .orElseThrow(() -> new AssertionError(
                            "/authorize did not redirect: " + answer.statusCode() + " " + answer.body()));
            URI back = URI.create(location);
            if (!back.toString().startsWith(TestDeployment.CALLBACK_URL)) {
                throw new AssertionError("/authorize redirected elsewhere: " + back);
            }
            Map<String, String> query = HttpEvents.queryParameters(back);
            return new Approved(query.get("code"), query.get("state"), started.bindingNonce());
        } catch (IOException e) {
            throw new AssertionError("emulator /authorize failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Approved linkUpToCallback(String userId) {
        return approve(startLink(userId, Optional.empty()));
    }

    Approved linkUpToCallback(String linkPath, String userId) {
        return approve(startLink(linkPath, userId, Optional.empty()));
    }

    /** The callback event the browser sends: code and state from Spotify, the binding cookie from /link. */
    static APIGatewayV2HTTPEvent callbackEvent(Approved approved) {
        return redirectBack("code", approved.code(), approved.state(), approved.bindingNonce())
                .header("accept", "text/html")
                .build();
    }

    /** The callback event of Spotify's {@code error} answer to {@code started} (access_denied: the listener cancelled). */
    static APIGatewayV2HTTPEvent errorEvent(Started started, String error) {
        return redirectBack("error", error, started.state(), started.bindingNonce())
                .build();
    }

    /** Spotify's redirect back to the callback with its answer and the state, from the browser with the cookie. */
    private static HttpEvents redirectBack(String answer, String value, String state, String bindingNonce) {
        return HttpEvents.get("/callback")
                .query(answer, value)
                .query("state", state)
                .cookie(LinkBindingCookie.NAME, bindingNonce);
    }

    APIGatewayV2HTTPResponse invokeCallback(APIGatewayV2HTTPEvent event, Context context) {
        return callback().handleRequest(event, context);
    }

    String puid(String userId) {
        return deployment().puid(userId);
    }

    Set<String> spotifyEntitlements(String userId) {
        return deployment().onSpotify(userId);
    }

    int storedStates() {
        return deployment().storedStates();
    }

    List<String> calls(String endpoint) {
        return deployment().spotify.calls(endpoint).stream()
                .map(Object::toString)
                .toList();
    }

    @Override
    public void close() {
        deployment().close();
    }
}
