package org.openaccess.partner.core.aws;

import org.openaccess.partner.core.secrets.SecretsManagerSecretSource;

/**
 * Run in a child JVM by {@link AwsClientsTest} with AWS_ENDPOINT_URL_* in its environment: proves that the
 * SDK itself picks the endpoints up from there, as a deployed function or the local stack would.
 */
public final class EndpointProbe {
    private EndpointProbe() {}

    public static void main(String[] args) {
        var env = System.getenv();
        try (var dynamo = AwsClients.dynamoDb(env);
                var secrets = AwsClients.secretsManager(env)) {
            System.out.println("tables=" + String.join(",", dynamo.listTables().tableNames()));
            String puidKey = new SecretsManagerSecretSource(secrets, args[0], java.time.Clock.systemUTC())
                    .current()
                    .puidKey();
            System.out.println("puid_key_length=" + puidKey.length());
        }
    }
}
