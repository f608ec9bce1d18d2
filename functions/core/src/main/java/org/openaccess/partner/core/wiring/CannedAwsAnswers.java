package org.openaccess.partner.core.wiring;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An in-memory HTTP client for priming: it answers every AWS JSON call the functions make with a small
 * well-formed body, so the SDK's whole request pipeline (marshalling, signing, retries, unmarshalling) runs
 * before a SnapStart snapshot without a byte on the network.
 */
final class CannedAwsAnswers implements SdkHttpClient {
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
                    + "\"Name\":\"warm-up\",\"SecretString\":\"{}\",\"VersionId\":\"warm-up\"}");

    private int answered;

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String target =
                request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
        byte[] body = BODIES.getOrDefault(target, "{}").getBytes(StandardCharsets.UTF_8);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                answered++;
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder()
                                .statusCode(200)
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("Content-Length", String.valueOf(body.length))
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {}
        };
    }

    /** How many calls it answered: priming checks that every one went through it. */
    int answered() {
        return answered;
    }

    @Override
    public void close() {}
}
