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
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.partner.core.MovingClock;
import org.openaccess.partner.core.config.Setting;
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
 * /callback.
 */
final class LinkingStack implements AutoCloseable {
    final TestDeployment deployment;
    final Map<String, String> env;
    final MovingClock clock;
    final CoreWiring wiring;
    final EntrypointFunction entrypoint;
    final CallbackFunction callback;
    private final HttpClient browser =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private LinkingStack(TestDeployment.Builder deployment) {
        Set<Setting> required = EnumSet.copyOf(new EntrypointSettings().required());
        required.addAll(new CallbackSettings().required());
        this.deployment = deployment.start(required);
        this.env = this.deployment.env;
        this.clock = this.deployment.clock;
        this.wiring = this.deployment.wiring;
        this.entrypoint = this.deployment.start(w -> new EntrypointFunction(CoreBeans.contextWith(w)));
        this.callback = this.deployment.start(w -> new CallbackFunction(CoreBeans.contextWith(w)));
    }

    /** Completion pages on the emulator (http on loopback) are allowed, as in the local stack. */
    static LinkingStack start(SpotifyEmulator spotify) {
        return start(spotify, Map.of("ALLOWED_COMPLETION_HOSTS", "spotify.com,127.0.0.1"));
    }

    static LinkingStack start(SpotifyEmulator spotify, Map<String, String> overrides) {
        return new LinkingStack(TestDeployment.of(spotify).with(overrides));
    }

    /** {@code dynamo} is the client the functions use (tables are created with the shared one). */
    static LinkingStack start(SpotifyEmulator spotify, Map<String, String> overrides, DynamoDbClient dynamo) {
        return new LinkingStack(TestDeployment.of(spotify).with(overrides).functionsDynamo(dynamo));
    }

    /**
     * As deployed: the three secret values only in Secrets Manager (the protocol stub), {@code SECRET_ID} set,
     * none of them in the environment.
     */
    static LinkingStack startWithSecretsManager(SpotifyEmulator spotify, SecretsManagerStub secretsManager) {
        return new LinkingStack(TestDeployment.of(spotify)
                .with(Map.of("ALLOWED_COMPLETION_HOSTS", "127.0.0.1"))
                .secretsIn(secretsManager, TestDeployment.localSecretJson()));
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
        HttpEvents request = HttpEvents.get(linkPath).cookie("partner_session", deployment.sessionFor(userId));
        showUri.ifPresent(show -> request.query("spotifyShowUri", show));
        APIGatewayV2HTTPResponse response = entrypoint.handleRequest(request.build(), TestContext.create());
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
            HttpResponse<String> answer = browser.send(
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
        return HttpEvents.get("/callback")
                .query("code", approved.code())
                .query("state", approved.state())
                .cookie(LinkBindingCookie.NAME, approved.bindingNonce())
                .header("accept", "text/html")
                .build();
    }

    APIGatewayV2HTTPResponse invokeCallback(APIGatewayV2HTTPEvent event, Context context) {
        return callback.handleRequest(event, context);
    }

    String puid(String userId) {
        return deployment.puid(userId);
    }

    Set<String> spotifyEntitlements(String userId) {
        return deployment.onSpotify(userId);
    }

    int storedStates() {
        return deployment.storedStates();
    }

    List<String> calls(String endpoint) {
        return deployment.spotify.calls(endpoint).stream().map(Object::toString).toList();
    }

    @Override
    public void close() {
        deployment.close();
    }
}
