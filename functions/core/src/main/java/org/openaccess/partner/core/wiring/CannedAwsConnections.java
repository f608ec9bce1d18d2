package org.openaccess.partner.core.wiring;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Priming's stand-in for the network under the deployed HTTP client: the same {@link UrlConnectionHttpClient} the
 * functions use, given (through the SDK's own connection-factory hook) connections that answer every AWS JSON call
 * with a small well-formed body from memory. The SDK's whole request pipeline and its URL-connection client's
 * request and response handling run before a SnapStart snapshot without a byte on the network.
 */
final class CannedAwsConnections {
    /** The secret priming reads: throwaway keys, never the partner's (a deployed function reads its own after restore). */
    static final String THROWAWAY_SECRET_JSON = "{\"client_secret\":\"" + WarmUp.THROWAWAY_KEY + "\",\"session_key\":\""
            + WarmUp.THROWAWAY_KEY + "\",\"puid_key\":\"" + WarmUp.THROWAWAY_KEY + "\"}";

    private static final Map<String, String> BODIES = Map.of(
            "DynamoDB_20120810.GetItem",
            "{\"Item\":{\"userId\":{\"S\":\"warm-up\"},\"n\":{\"N\":\"1\"},"
                    + "\"l\":{\"L\":[{\"S\":\"x\"}]},\"ss\":{\"SS\":[\"x\"]}}}",
            "DynamoDB_20120810.Scan",
            "{\"Items\":[],\"Count\":0,\"ScannedCount\":0}",
            "DynamoDB_20120810.DeleteItem",
            "{\"Attributes\":{\"userId\":{\"S\":\"warm-up\"}}}",
            "secretsmanager.GetSecretValue",
            "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:000000000000:secret:warm-up\","
                    + "\"Name\":\"warm-up\",\"SecretString\":\""
                    + THROWAWAY_SECRET_JSON.replace("\"", "\\\"") + "\",\"VersionId\":\"warm-up\","
                    + "\"CreatedDate\":1.767268800E9}");

    /**
     * A table that holds nothing: a write whose condition needs the item ({@code attribute_exists}) is refused (400,
     * ConditionalCheckFailedException), as DynamoDB refuses an unknown or used link state, and one that needs it
     * absent succeeds. Priming takes the SDK's error path too, and the callback's path for a stale state.
     */
    static final String EMPTY_TABLE = "warm-up-empty";

    private static final String CONDITION_FAILED_BODY =
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                    + "\"message\":\"The conditional request failed\"}";

    private int answered;
    private int traced;

    /** A URL-connection HTTP client, whose every call is answered here. */
    SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.create(this::open);
    }

    /** How many calls were answered: priming checks that every one came here. */
    int answered() {
        return answered;
    }

    /** How many of them carried an X-Ray trace id header (the SDK adds it on Lambda, from the invocation's). */
    int traced() {
        return traced;
    }

    private HttpURLConnection open(URI uri) {
        try {
            return new Canned(uri.toURL());
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("Not a URL: " + uri, e);
        }
    }

    /** One in-memory exchange: takes the request body, answers 200 with the canned body for its X-Amz-Target. */
    private final class Canned extends HttpURLConnection {
        private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        private final Map<String, List<String>> answerHeaders = new LinkedHashMap<>();
        private String target = "";
        private byte[] body;
        private boolean refused;

        Canned(URL url) {
            super(url);
        }

        @Override
        public void setRequestProperty(String key, String value) {
            super.setRequestProperty(key, value);
            noteTarget(key, value);
        }

        @Override
        public void addRequestProperty(String key, String value) {
            super.addRequestProperty(key, value);
            noteTarget(key, value);
        }

        private void noteTarget(String key, String value) {
            if ("X-Amz-Target".equalsIgnoreCase(key) && value != null) {
                target = value;
            }
            if ("X-Amzn-Trace-Id".equalsIgnoreCase(key) && value != null) {
                traced++;
            }
        }

        /** Nothing to open: the answer is made in memory when the client first asks for it. */
        @Override
        public void connect() {}

        @Override
        public void disconnect() {}

        @Override
        public boolean usingProxy() {
            return false;
        }

        @Override
        public OutputStream getOutputStream() {
            return sent;
        }

        @Override
        public int getResponseCode() {
            answer();
            return refused ? HTTP_BAD_REQUEST : HTTP_OK;
        }

        @Override
        public String getResponseMessage() {
            answer();
            return refused ? "Bad Request" : "OK";
        }

        @Override
        public InputStream getInputStream() throws IOException {
            answer();
            if (refused) {
                throw new IOException("HTTP 400"); // as the JDK does for an error status
            }
            return new ByteArrayInputStream(body);
        }

        @Override
        public InputStream getErrorStream() {
            answer();
            return refused ? new ByteArrayInputStream(body) : null;
        }

        @Override
        public Map<String, List<String>> getHeaderFields() {
            answer();
            return answerHeaders;
        }

        @Override
        public String getHeaderField(String name) {
            answer();
            return answerHeaders.entrySet().stream()
                    .filter(header -> header.getKey().equalsIgnoreCase(name))
                    .map(header -> header.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }

        private void answer() {
            if (body != null) {
                return;
            }
            boolean dynamoDb = target.startsWith("DynamoDB_");
            String request = sent.toString(StandardCharsets.UTF_8);
            refused = dynamoDb && request.contains(EMPTY_TABLE) && request.contains("attribute_exists(");
            body = (refused ? CONDITION_FAILED_BODY : BODIES.getOrDefault(target, "{}"))
                    .getBytes(StandardCharsets.UTF_8);
            answerHeaders.put("Content-Type", List.of("application/x-amz-json-1.0"));
            answerHeaders.put("Content-Length", List.of(String.valueOf(body.length)));
            answerHeaders.put("x-amzn-RequestId", List.of("warm-up"));
            if (dynamoDb) {
                // DynamoDB signs its answers with a CRC32 the SDK checks: the same check runs here as on Lambda.
                CRC32 crc = new CRC32();
                crc.update(body);
                answerHeaders.put("x-amz-crc32", List.of(String.valueOf(crc.getValue())));
            }
            answered++;
        }
    }
}
