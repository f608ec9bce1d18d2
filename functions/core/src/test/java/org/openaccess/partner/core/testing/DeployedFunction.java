package org.openaccess.partner.core.testing;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.wiring.CoreWiring;
import org.openaccess.partner.testkit.HttpEvents;
import org.openaccess.partner.testkit.TestContext;

/**
 * The tests of a deployed handler class (a JUnit 5 extension on a static field): a Spotify emulator for the test
 * class and, for each test, a fresh {@link TestDeployment} on it with the handler started on its wiring and the
 * test's arrangement in place, and a Lambda context that records what it logs; the deployment and its handlers are
 * closed after the test.
 * <pre>
 * {@literal @}RegisterExtension
 * static DeployedFunction&lt;UnlinkFunction&gt; unlink = DeployedFunction.of(
 *         new UnlinkSettings().required(), wiring -&gt; new UnlinkFunction(CoreBeans.contextWith(wiring)));
 * </pre>
 */
public final class DeployedFunction<
                F extends RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> & AutoCloseable>
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private final Set<Setting> required;
    private final Function<CoreWiring, F> handler;
    private EmulatorConfig emulatorConfig = EmulatorConfig.defaults();
    private UnaryOperator<TestDeployment.Builder> adjustment = UnaryOperator.identity();
    private Consumer<TestDeployment> arrangement = deployment -> {};

    private SpotifyEmulatorExtension spotify;
    private TestDeployment deployment;
    private F function;
    private TestContext lambdaContext;
    private final List<TestDeployment> others = new ArrayList<>();

    private DeployedFunction(Set<Setting> required, Function<CoreWiring, F> handler) {
        this.required = Set.copyOf(required);
        this.handler = handler;
    }

    /**
     * @param required the settings of the function under test, checked as its handler checks them
     * @param handler starts the deployed handler class on a wiring
     */
    public static <F extends RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> & AutoCloseable>
            DeployedFunction<F> of(Set<Setting> required, Function<CoreWiring, F> handler) {
        return new DeployedFunction<>(required, handler);
    }

    /** Spotify as {@code config} sets it up instead of the emulator's defaults. */
    public DeployedFunction<F> onEmulator(EmulatorConfig config) {
        this.emulatorConfig = config;
        return this;
    }

    /** What each test changes about the deployment before it starts (e.g. settings left out), after earlier changes. */
    public DeployedFunction<F> adjusted(UnaryOperator<TestDeployment.Builder> adjustment) {
        UnaryOperator<TestDeployment.Builder> earlier = this.adjustment;
        this.adjustment = builder -> adjustment.apply(earlier.apply(builder));
        return this;
    }

    /** What each test finds in place once the handler started (a partner registered, a listener linked), in order. */
    public DeployedFunction<F> arranged(Consumer<TestDeployment> arrangement) {
        this.arrangement = this.arrangement.andThen(arrangement);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        spotify = new SpotifyEmulatorExtension(emulatorConfig);
        spotify.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        spotify.beforeEach(context);
        deployment = adjustment.apply(TestDeployment.of(spotify.emulator())).start(required);
        function = deployment.start(handler);
        lambdaContext = TestContext.create();
        arrangement.accept(deployment);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        others.forEach(TestDeployment::close);
        others.clear();
        deployment.close();
        deployment = null;
        function = null;
        lambdaContext = null;
        spotify.afterEach(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        spotify.afterAll(context);
    }

    /** This test's deployment. */
    public TestDeployment deployment() {
        if (deployment == null) {
            throw new IllegalStateException("A deployment exists only while a test runs (register on a static field)");
        }
        return deployment;
    }

    /** The handler started on this test's deployment. */
    public F function() {
        deployment();
        return function;
    }

    /** The Lambda context {@link #send} invokes the handler with during this test: what it logged. */
    public TestContext context() {
        deployment();
        return lambdaContext;
    }

    /** {@code request} sent to this test's handler as API Gateway would, with this test's {@link #context}. */
    public APIGatewayV2HTTPResponse send(HttpEvents request) {
        return function().handleRequest(request.build(), context());
    }

    public SpotifyEmulator spotify() {
        return spotify.emulator();
    }

    /**
     * The handler on a second deployment of this test, on the same emulator, with {@code settings} replacing the
     * local ones (e.g. a table that does not exist); it is closed after the test.
     */
    public F functionWith(Map<String, String> settings) {
        TestDeployment other = TestDeployment.of(spotify()).with(settings).start(required);
        others.add(other);
        return other.start(handler);
    }
}
