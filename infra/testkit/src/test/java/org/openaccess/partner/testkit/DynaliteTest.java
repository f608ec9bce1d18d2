package org.openaccess.partner.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

@org.junit.jupiter.api.Tag("integration")
class DynaliteTest {

    @Test
    void startsOnAFreeLoopbackPortAndServesTheRealSdkClient() {
        try (Dynalite dynalite = Dynalite.start()) {
            assertEquals("127.0.0.1", dynalite.endpoint().getHost());
            DynamoDbClient dynamo = dynalite.client();
            Map<String, String> tables = TemplateTables.fromRepository().createAll(dynamo, "dynalite-test");

            String links = tables.get("LinksTable");
            dynamo.putItem(b -> b.tableName(links)
                    .item(Map.of(
                            "userId", AttributeValue.fromS("member-ada"),
                            "partnerId", AttributeValue.fromS("partner-a"),
                            "status", AttributeValue.fromS("LINKED"))));
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(links)
                            .consistentRead(true)
                            .key(Map.of(
                                    "userId", AttributeValue.fromS("member-ada"),
                                    "partnerId", AttributeValue.fromS("partner-a"))))
                    .item();
            assertEquals("LINKED", item.get("status").s());
        }
    }

    @Test
    void honoursConditionalWritesLikeDynamoDb() {
        DynamoDbClient dynamo = Dynalite.shared().client();
        String states =
                TemplateTables.fromRepository().createAll(dynamo, "conditional").get("LinkStatesTable");
        Map<String, AttributeValue> state = Map.of("stateHash", AttributeValue.fromS("abc"));
        dynamo.putItem(b -> b.tableName(states).item(state).conditionExpression("attribute_not_exists(stateHash)"));

        assertThrows(
                ConditionalCheckFailedException.class,
                () -> dynamo.putItem(
                        b -> b.tableName(states).item(state).conditionExpression("attribute_not_exists(stateHash)")));
    }

    @Test
    void startsOnAGivenPort() {
        int port = Ports.free();
        try (Dynalite dynalite = Dynalite.start(port)) {
            assertEquals(port, dynalite.endpoint().getPort());
            assertTrue(dynalite.client().listTables().tableNames().isEmpty());
        }
    }

    @Test
    void closeStopsTheProcessAndFreesThePort() {
        Dynalite dynalite = Dynalite.start();
        int port = dynalite.endpoint().getPort();
        assertTrue(listening(port));

        dynalite.close();

        assertFalse(dynalite.isRunning());
        assertFalse(listening(port));
    }

    @Test
    void separateInstancesHoldSeparateData() {
        try (Dynalite first = Dynalite.start();
                Dynalite second = Dynalite.start()) {
            assertNotEquals(first.endpoint(), second.endpoint());
            TemplateTables.fromRepository().createAll(first.client(), "only-here");
            assertEquals(
                    SamTemplate.load().tables().size(),
                    first.client().listTables().tableNames().size());
            assertTrue(second.client().listTables().tableNames().isEmpty());
        }
    }

    @Test
    void sharedIsOneInstancePerJvmThatATestCannotStop() {
        Dynalite shared = Dynalite.shared();
        assertSame(shared, Dynalite.shared());

        shared.close();

        assertTrue(shared.isRunning());
        assertTrue(listening(shared.endpoint().getPort()));
        shared.client().listTables();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
