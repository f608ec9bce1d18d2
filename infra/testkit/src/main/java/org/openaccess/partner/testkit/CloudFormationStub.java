package org.openaccess.partner.testkit;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CloudFormation's {@code DescribeStacks} on a loopback port, speaking the real wire protocol (AWS query: a
 * form-encoded POST with {@code Action=DescribeStacks&StackName=...}, answered in XML), so that the real SDK
 * {@code CloudFormationClient} can be tested. Stacks are put with their outputs; an unknown stack gets CloudFormation's
 * {@code 400 ValidationError "Stack with id X does not exist"}. Nothing else of CloudFormation is served.
 */
public final class CloudFormationStub implements AutoCloseable {
    private static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    private static final String STACK_ARN_PREFIX = "arn:aws:cloudformation:us-east-1:000000000000:stack/";

    private record Stack(String name, String id, String status, Map<String, String> outputs) {}

    private final Map<String, Stack> stacks = new ConcurrentHashMap<>();
    private final LoopbackAwsServer server;

    private CloudFormationStub(int port) {
        server = new LoopbackAwsServer("CloudFormation", port, 2, this::handle);
    }

    /** Starts the stub on a free loopback port. */
    public static CloudFormationStub start() {
        return new CloudFormationStub(0);
    }

    /** The endpoint to give the SDK ({@code endpointOverride}, or {@code AWS_ENDPOINT_URL_CLOUDFORMATION}). */
    public URI endpoint() {
        return server.endpoint();
    }

    /** Puts (or replaces) a stack in status {@code CREATE_COMPLETE} with these outputs, in this order. */
    public void putStack(String name, Map<String, String> outputs) {
        putStack(name, "CREATE_COMPLETE", outputs);
    }

    public void putStack(String name, String status, Map<String, String> outputs) {
        stacks.put(
                name,
                new Stack(
                        name, STACK_ARN_PREFIX + name + "/" + UUID.randomUUID(), status, new LinkedHashMap<>(outputs)));
    }

    /** How many HTTP requests reached the stub, SDK retries included. */
    public int requestCount() {
        return server.requestCount();
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange, byte[] body) throws IOException {
        Map<String, String> form = HttpEvents.queryParameters(new String(body, StandardCharsets.UTF_8));
        if (!"POST".equals(exchange.getRequestMethod())) {
            error(exchange, 405, "Sender", "UnsupportedOperation", "Only POST is served");
        } else if (!LoopbackAwsServer.isSigned(exchange)) {
            error(exchange, 403, "Sender", "MissingAuthenticationToken", "Request is missing a SigV4 signature");
        } else if (!"DescribeStacks".equals(form.get("Action"))) {
            error(exchange, 400, "Sender", "InvalidAction", "Only DescribeStacks is served");
        } else {
            describeStacks(exchange, form.get("StackName"));
        }
    }

    private void describeStacks(HttpExchange exchange, String name) throws IOException {
        Stack stack = name == null ? null : stacks.get(name);
        if (stack == null) {
            // CloudFormation answers an unknown name (and a missing one, for a caller with no stacks) like this.
            error(exchange, 400, "Sender", "ValidationError", "Stack with id " + name + " does not exist");
            return;
        }
        StringBuilder outputs = new StringBuilder();
        stack.outputs()
                .forEach((key, value) -> outputs.append("<member><OutputKey>")
                        .append(xml(key))
                        .append("</OutputKey><OutputValue>")
                        .append(xml(value))
                        .append("</OutputValue></member>"));
        String answer = "<DescribeStacksResponse xmlns=\"" + NAMESPACE + "\"><DescribeStacksResult><Stacks><member>"
                + "<StackName>" + xml(stack.name()) + "</StackName>"
                + "<StackId>" + xml(stack.id()) + "</StackId>"
                + "<CreationTime>2026-01-01T00:00:00.000Z</CreationTime>"
                + "<StackStatus>" + xml(stack.status()) + "</StackStatus>"
                + "<Outputs>" + outputs + "</Outputs>"
                + "</member></Stacks></DescribeStacksResult>"
                + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>"
                + "</DescribeStacksResponse>";
        LoopbackAwsServer.send(exchange, 200, "text/xml", answer);
    }

    private static void error(HttpExchange exchange, int status, String type, String code, String message)
            throws IOException {
        LoopbackAwsServer.send(
                exchange,
                status,
                "text/xml",
                "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>" + type + "</Type><Code>" + code
                        + "</Code><Message>" + xml(message) + "</Message></Error><RequestId>" + UUID.randomUUID()
                        + "</RequestId></ErrorResponse>");
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
