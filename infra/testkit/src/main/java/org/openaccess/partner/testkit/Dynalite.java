package org.openaccess.partner.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * An in-memory DynamoDB (dynalite, from the repository's pinned npm package) on a loopback port.
 * Started as a plain `node` process (not npx, which leaves a child behind) and killed on close or JVM exit.
 */
public final class Dynalite implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dynalite.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final URI endpoint;
    private final DynamoDbClient client;
    private final Thread shutdownHook;
    private volatile boolean isShared;

    private static Dynalite sharedInstance;
    private static RuntimeException sharedStartFailure;

    private Dynalite(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
        this.client = clientFor(endpoint);
        this.shutdownHook = new Thread(process::destroyForcibly, "dynalite-stop-" + endpoint.getPort());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts dynalite on a free loopback port. */
    public static Dynalite start() {
        return start(0);
    }

    /** Starts dynalite on {@code port}, or on a free one when {@code port} is 0. */
    public static Dynalite start(int port) {
        Path root = RepoRoot.path();
        NodeModules.ensureInstalled(root);
        String node = NodeModules.nodeExecutable();
        IllegalStateException lastFailure = null;
        // A free port can be taken between choosing and binding it: choose again then.
        int attempts = port == 0 ? START_ATTEMPTS : 1;
        for (int attempt = 0; attempt < attempts; attempt++) {
            int chosen = port == 0 ? Ports.free() : port;
            try {
                return launch(root, node, chosen);
            } catch (IllegalStateException e) {
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    /**
     * One instance per JVM, shared by tests (each test names its own tables); stopped only when the JVM exits, so
     * {@link #close()} on it does nothing. A failed start is reported again, with its cause, on every later call.
     */
    public static synchronized Dynalite shared() {
        if (sharedInstance == null) {
            if (sharedStartFailure != null) {
                throw new IllegalStateException("dynalite failed to start earlier in this JVM", sharedStartFailure);
            }
            try {
                sharedInstance = start();
                sharedInstance.isShared = true;
            } catch (RuntimeException e) {
                sharedStartFailure = e;
                throw e;
            }
        }
        return sharedInstance;
    }

    /** The HTTP endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    /** A real SDK client for this instance (URL-connection HTTP client, dummy static credentials, us-east-1). */
    public DynamoDbClient client() {
        return client;
    }

    /** A new real SDK client for any dynalite endpoint. */
    public static DynamoDbClient clientFor(URI endpoint) {
        return clientFor(endpoint, configuration -> {});
    }

    /** A new real SDK client for any dynalite endpoint, with a test's interceptors or retry strategy. */
    public static DynamoDbClient clientFor(URI endpoint, Consumer<ClientOverrideConfiguration.Builder> configuration) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(configuration)
                .build();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops dynalite (all its data is lost) unless this is the {@link #shared()} instance. */
    @Override
    public void close() {
        if (isShared) {
            return;
        }
        client.close();
        Processes.terminate(process, Duration.ofSeconds(5));
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run: nothing left to undo.
        }
    }

    private static Dynalite launch(Path root, String node, int port) {
        Path log = tempLog(port);
        Process process;
        try {
            process = new ProcessBuilder(List.of(
                            node,
                            "node_modules/dynalite/cli.js",
                            "--host",
                            "127.0.0.1",
                            "--port",
                            Integer.toString(port),
                            "--createTableMs",
                            "0",
                            "--deleteTableMs",
                            "0",
                            "--updateTableMs",
                            "0"))
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start dynalite with " + node, e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Dynalite dynalite = new Dynalite(process, endpoint);
        try {
            dynalite.awaitReady(log);
        } catch (RuntimeException e) {
            dynalite.close();
            throw e;
        }
        LOG.info("dynalite ready at {} (pid {})", endpoint, process.pid());
        return dynalite;
    }

    private void awaitReady(Path log) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dynalite exited with " + process.exitValue() + " before answering on "
                        + endpoint + ": " + NodeModules.tail(log));
            }
            if (answers()) {
                return;
            }
            pause();
        }
        throw new IllegalStateException(
                "dynalite did not answer on " + endpoint + " within " + READY_TIMEOUT + ": " + NodeModules.tail(log));
    }

    private boolean answers() {
        // A plain connect first: the SDK would otherwise spend its retries and backoff on a port not yet bound.
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 1000);
        } catch (IOException notListeningYet) {
            return false;
        }
        try {
            client.listTables();
            return true;
        } catch (DynamoDbException answeredWithAnError) {
            return true;
        } catch (RuntimeException notListeningYet) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for dynalite", e);
        }
    }

    private static Path tempLog(int port) {
        try {
            Path log = Files.createTempFile("dynalite-" + port + "-", ".log");
            log.toFile().deleteOnExit();
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
