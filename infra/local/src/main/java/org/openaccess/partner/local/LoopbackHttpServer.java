package org.openaccess.partner.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HTTP server on 127.0.0.1 with its own 16 daemon threads: how the stack's own fronts (the gateway, the
 * DynamoDB proxy) listen. Closing it stops the server and its threads.
 */
public record LoopbackHttpServer(HttpServer server, ExecutorService threads) implements AutoCloseable {

    /**
     * Binds 127.0.0.1:{@code port}, not yet started: add the contexts, then {@link HttpServer#start()}. A taken port
     * is a {@link PortInUseException} naming {@code portSetting}; {@code name} names the threads and the errors.
     */
    public static LoopbackHttpServer bind(int port, String portSetting, String name) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (BindException e) {
            throw new PortInUseException(portSetting, port);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Could not listen on port " + port + " (" + name + "): " + e.getMessage(), e);
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(16, r -> {
            Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        return new LoopbackHttpServer(server, threads);
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
