package org.openaccess.partner.admin;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.config.Settings;
import org.openaccess.partner.core.config.SettingsException;
import org.openaccess.partner.core.erasure.DynamoUserRecords;
import org.openaccess.partner.core.erasure.UserErasure;
import org.openaccess.partner.core.erasure.UserRecords;
import org.openaccess.partner.core.wiring.CoreWiring;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * What the user commands (inspect, resync, erase, reconcile, redrive) act through: core wired to the deployment's
 * tables and Spotify exactly as its functions wire it, so that the operator's sync is the push's sync.
 *
 * @param reconcileStateTable empty for a stack deployed before the template had its output
 * @param failureQueueUrl the push's failure queue (SQS); empty for the local stack, which has none
 */
record OperatorWiring(
        CoreWiring core,
        String linksTable,
        String entitlementsTable,
        String linkStatesTable,
        Optional<String> reconcileStateTable,
        Optional<String> failureQueueUrl) {

    /**
     * @param env SPOTIFY_CLIENT_ID, SPOTIFY_ACCOUNTS_URL, SPOTIFY_OPEN_ACCESS_URL, the tables, and either SECRET_ID
     *     (with {@code secretsManager}) or the local values of the secret
     */
    static OperatorWiring from(
            Map<String, String> env,
            DynamoDbClient dynamo,
            Optional<SecretsManagerClient> secretsManager,
            Optional<String> failureQueueUrl) {
        Settings settings;
        try {
            settings = Settings.from(
                    env,
                    EnumSet.of(
                            Setting.SPOTIFY_CLIENT_ID,
                            Setting.LINKS_TABLE,
                            Setting.ENTITLEMENTS_TABLE,
                            Setting.LINK_STATES_TABLE));
        } catch (SettingsException e) {
            throw new AdminFailure(ExitCodes.USAGE, "Cannot act on the deployment's users: " + e.getMessage());
        }
        CoreWiring core = CoreWiring.from(settings, env, dynamo, secretsManager, Clock.systemUTC());
        return new OperatorWiring(
                core,
                settings.text(Setting.LINKS_TABLE),
                settings.text(Setting.ENTITLEMENTS_TABLE),
                settings.text(Setting.LINK_STATES_TABLE),
                settings.get(Setting.RECONCILE_STATE_TABLE),
                failureQueueUrl);
    }

    UserRecords userRecords() {
        return new DynamoUserRecords(core.dynamoDb(), linksTable, entitlementsTable, linkStatesTable);
    }

    UserErasure erasure() {
        return new UserErasure(userRecords(), core.links(), core.openAccess());
    }
}
