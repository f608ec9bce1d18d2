package org.openaccess.partner.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Optional;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.partners.RegisteredPartner;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A command about one partner user (the partner's own user id, the session's subject): USER, --json. */
abstract class UserCommand extends DeploymentCommand {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** DynamoDB's limit for a partition key value is 2048 bytes; a session subject is far shorter. */
    static final int MAX_USER_ID_LENGTH = 1024;

    @Parameters(index = "0", paramLabel = "USER", description = "The partner's own user id (the session's subject).")
    String userId;

    @Option(names = "--json", description = "One JSON document on stdout, for scripts.")
    boolean json;

    /** The user id as given, checked before anything is called. */
    String checkedUserId() {
        return TypedText.checked("USER", userId, MAX_USER_ID_LENGTH, "USER is empty: give the partner's user id");
    }

    /** The user's memberships; a CONFLICT failure when the deployment has no item of theirs. */
    static List<Membership> knownMemberships(Target deployment, String user) {
        List<Membership> memberships = deployment.operator().userRecords().memberships(user);
        if (memberships.isEmpty()) {
            throw new AdminFailure(
                    ExitCodes.CONFLICT,
                    "Unknown user '" + user + "': no link and no entitlements in " + deployment.description());
        }
        return memberships;
    }

    /** The slug of a registry partner, for the operator's eyes; empty for the single publisher's own partner id. */
    static Optional<String> slugOf(Target deployment, String partnerId) {
        return deployment
                .registry()
                .findByPartnerId(partnerId)
                .map(RegisteredPartner::slug)
                .map(s -> s.value());
    }

    /** "partner 4Zr8... (lunar-radio)". */
    static String partnerLabel(String partnerId, Optional<String> slug) {
        return "partner " + partnerId + slug.map(s -> " (" + s + ")").orElse("");
    }

    void printJson(JsonNode document) throws JsonProcessingException {
        out().println(JSON.writeValueAsString(document));
        out().flush();
    }
}
