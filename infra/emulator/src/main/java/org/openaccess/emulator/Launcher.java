package org.openaccess.emulator;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar spotify-emulator.jar [--port N] [--config file.json] [--public-url URL] [--host ADDRESS]}.
 * Logs one line with the URL when ready; stops on Ctrl-C. Exit status 2 on bad arguments or configuration.
 */
public final class Launcher {
    static final String USAGE = "usage: java -jar spotify-emulator.jar [--port N (default 8090)] "
            + "[--config file.json (default: built-in local defaults)] [--public-url URL] [--host ADDRESS (default 127.0.0.1)]";

    private Launcher() {}

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
        System.Logger log = System.getLogger("spotify-emulator");
        Options options;
        EmulatorConfig config;
        try {
            options = Options.parse(args);
            config = options.configFile == null ? EmulatorConfig.defaults() : EmulatorConfig.load(options.configFile);
            if (options.publicUrl != null) {
                config = config.withPublicUrl(options.publicUrl);
            }
        } catch (IllegalArgumentException | ConfigException e) {
            log.log(Level.ERROR, "Cannot start: " + e.getMessage() + System.lineSeparator() + USAGE);
            System.exit(2);
            return;
        }
        SpotifyEmulator emulator =
                SpotifyEmulator.start(config, new InetSocketAddress(options.host, options.port), Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }));
        log.log(
                Level.INFO,
                "Spotify emulator ready at " + emulator.baseUrl()
                        + " (Open Access: " + emulator.openAccessUrl() + ", state: " + emulator.baseUrl()
                        + "/_emulator; "
                        + sinceProcessStart() + ")");
        stopped.await();
    }

    private static String sinceProcessStart() {
        return ProcessHandle.current()
                .info()
                .startInstant()
                .map(start -> Duration.between(start, Instant.now()).toMillis() + " ms after process start")
                .orElse("start time unknown");
    }

    record Options(int port, Path configFile, URI publicUrl, InetAddress host) {
        static Options parse(String[] args) {
            int port = 8090;
            Path config = null;
            URI publicUrl = null;
            InetAddress host = InetAddress.getLoopbackAddress();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--port" -> port = port(value);
                    case "--config" -> config = Path.of(value);
                    case "--public-url" -> publicUrl = URI.create(value);
                    case "--host" -> host = host(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return new Options(port, config, publicUrl, host);
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("--port must be 0-65535, was " + value);
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port must be a number, was " + value);
            }
        }

        private static InetAddress host(String value) {
            try {
                return InetAddress.getByName(value);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("--host is not an address: " + value);
            }
        }
    }
}
