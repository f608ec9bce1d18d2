package org.openaccess.partner.coldstart.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The wire under a real {@code DynamoDbClient}, in memory: every write succeeds and answers {@code {}}, as
 * DynamoDB answers a successful PutItem. The SDK's own work (marshalling, signing, unmarshalling) stays in the
 * measurement; only the wait on DynamoDB is gone.
 */
final class InMemoryDynamoDbHttp implements SdkHttpClient {

    private final AtomicInteger requests = new AtomicInteger();

    int requests() {
        return requests.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                requests.incrementAndGet();
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder()
                                .statusCode(200)
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("Content-Length", Integer.toString(body.length))
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
                // nothing in flight to abort
            }
        };
    }

    @Override
    public String clientName() {
        return "in-memory";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
