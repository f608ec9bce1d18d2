package org.openaccess.partner.local.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One request over a raw socket, for what an HTTP client library would refuse to send (a 1 MB header, a broken
 * chunk). The answer is read up to its Content-Length (else to the end); a dropped connection is an answer of its
 * own that tests can see.
 */
public record RawHttp(String statusLine, String head, String body) {

    public static RawHttp exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (SocketException e) {
                // The server may answer and close before taking the whole request: read what it said.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
                head.write(b);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (!text.endsWith("\r\n\r\n")) {
                return new RawHttp("(connection dropped)", text, "");
            }
            RawHttp headOnly = new RawHttp(text.split("\r\n", 2)[0], text.substring(0, text.length() - 4), "");
            String length = headOnly.header("Content-Length");
            byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
            return new RawHttp(headOnly.statusLine(), headOnly.head(), new String(body, StandardCharsets.UTF_8));
        }
    }

    public static RawHttp exchange(int port, String request) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    public int status() {
        String[] parts = statusLine.split(" ");
        return parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : -1;
    }

    public String header(String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0
                    && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** A GET with {@code headers} (each "Name: value") and Connection: close. */
    public static String get(String target, String... headers) {
        StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return request.append("Connection: close\r\n\r\n").toString();
    }

    @Override
    public String toString() {
        return statusLine + " " + body;
    }
}
