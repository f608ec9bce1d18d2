package org.openaccess.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;

/**
 * HTTP/1.1 connection management over a raw socket, as a production front end answers it (RFC 9112 §9.3, §9.6):
 * the answer says whether the connection ends, and the connection does what the answer says.
 */
class ConnectionManagementTest {
    @RegisterExtension
    static final SpotifyEmulatorExtension spotify = new SpotifyEmulatorExtension();

    @Test
    void connectionCloseIsEchoedAndTheConnectionEnds() throws IOException {
        String answer = answerOnANewConnection("GET /_emulator/state HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(header(answer, "connection")).isEqualTo("close");
    }

    @Test
    void http11StaysOpenForTheNextRequest() throws IOException {
        try (Socket socket = connect()) {
            String first = answerLeavingItOpen(socket, "GET /_emulator/state HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(header(first, "connection")).isNull();
            String second = lastAnswer(socket, "GET /_emulator/state HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(second).startsWith("HTTP/1.1 200");
            assertThat(header(second, "connection")).isEqualTo("close");
        }
    }

    @Test
    void http10ClosesUnlessAskedToKeepAlive() throws IOException {
        String answer = answerOnANewConnection("GET /_emulator/state HTTP/1.0\r\n\r\n");
        assertThat(answer).contains(" 200 ");
        assertThat(header(answer, "connection")).isEqualTo("close");
        try (Socket socket = connect()) {
            String first =
                    answerLeavingItOpen(socket, "GET /_emulator/state HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertThat(header(first, "connection")).isEqualTo("keep-alive");
            assertThat(header(lastAnswer(socket, "GET /_emulator/state HTTP/1.0\r\n\r\n"), "connection"))
                    .isEqualTo("close");
        }
    }

    @Test
    void closeAmongOtherConnectionOptionsCounts() throws IOException {
        String answer =
                answerOnANewConnection("GET /_emulator/state HTTP/1.1\r\nHost: x\r\nConnection: TE, Close\r\n\r\n");
        assertThat(header(answer, "connection")).isEqualTo("close");
    }

    /** Sends one request on a new connection and reads up to the connection's end (a timeout if it stays open). */
    private static String answerOnANewConnection(String request) throws IOException {
        try (Socket socket = connect()) {
            return lastAnswer(socket, request);
        }
    }

    /** Sends a request and reads up to the connection's end (a timeout if it stays open). */
    private static String lastAnswer(Socket socket, String request) throws IOException {
        send(socket, request);
        return readToEnd(socket.getInputStream());
    }

    /** Sends a request and reads its one answer, leaving the connection for the next. */
    private static String answerLeavingItOpen(Socket socket, String request) throws IOException {
        send(socket, request);
        return readOneAnswer(socket.getInputStream());
    }

    private static Socket connect() throws IOException {
        Socket socket =
                new Socket(InetAddress.getLoopbackAddress(), spotify.baseUrl().getPort());
        socket.setSoTimeout(10_000); // a connection left open when it should close fails the test instead of hanging
        return socket;
    }

    private static void send(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    private static String readToEnd(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** One answer with a Content-length body, leaving the connection usable. */
    private static String readOneAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection ended inside the answer's head: " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        String length = header(text, "content-length");
        byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
        return text + new String(body, StandardCharsets.ISO_8859_1);
    }

    private static String header(String answer, String name) {
        for (String line : answer.split("\r\n")) {
            if (line.isEmpty()) {
                return null;
            }
            int colon = line.indexOf(':');
            if (colon > 0
                    && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
