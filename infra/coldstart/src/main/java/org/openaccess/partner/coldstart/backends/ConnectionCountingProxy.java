package org.openaccess.partner.coldstart.backends;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback TCP relay in front of one backend that notes when each connection was opened. The function under test
 * is given the relay's address instead of the backend's, so a connection opened during init or priming is seen: one
 * opened before a SnapStart checkpoint would be stale in every restored copy.
 */
public final class ConnectionCountingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final ConcurrentLinkedQueue<Long> openedAt = new ConcurrentLinkedQueue<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private ConnectionCountingProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /** Starts a relay on a free loopback port to the host and port of {@code backend}. */
    public static ConnectionCountingProxy to(URI backend) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ConnectionCountingProxy proxy = new ConnectionCountingProxy(server,
                new InetSocketAddress(backend.getHost(), backend.getPort()));
        proxy.threads.execute(proxy::acceptLoop);
        return proxy;
    }

    /** The backend's URI with the relay's port in place of its own (path kept). */
    public URI relayFor(URI backend) {
        return URI.create(backend.getScheme() + "://127.0.0.1:" + server.getLocalPort()
                + (backend.getRawPath() == null ? "" : backend.getRawPath()));
    }

    /** Connections opened between two {@link System#nanoTime()} values. */
    public int connectionsBetween(long fromNanos, long toNanos) {
        return (int) openedAt.stream().filter(t -> t >= fromNanos && t <= toNanos).count();
    }

    public List<Long> openedAt() {
        return List.copyOf(openedAt);
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                openedAt.add(System.nanoTime());
                threads.execute(() -> relay(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket backend = new Socket(target.getAddress(), target.getPort())) {
            threads.execute(() -> pipe(backend, client));
            pipe(client, backend);
        } catch (IOException e) {
            // the backend refused or a side hung up: the function sees a closed connection, as it would
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed: the other copy ends on its own
        }
    }
}
