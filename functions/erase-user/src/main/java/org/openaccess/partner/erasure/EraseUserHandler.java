package org.openaccess.partner.erasure;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crac.Core;
import org.crac.Resource;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.erasure.DynamoUserRecords;
import org.openaccess.partner.core.erasure.ErasureReport;
import org.openaccess.partner.core.erasure.UserErasure;
import org.openaccess.partner.core.observability.JsonLog;
import org.openaccess.partner.core.observability.LambdaLogSink;
import org.openaccess.partner.core.storage.StorageUnavailableException;
import org.openaccess.partner.core.wiring.CoreWiring;

/**
 * Account deletion for the partner's own systems, without a person: invoked directly ({@code aws lambda invoke} or
 * the SDK's Invoke, under IAM) with {@code {"userId": "..."}}, it runs core's {@link UserErasure}, the one behind
 * {@code ./admin erase-user}, and answers what it did. Not on the HTTP API: erasing a user is the partner's decision,
 * authorised by IAM ({@code lambda:InvokeFunction} on this function), never by a listener's browser.
 *
 * <p>Answers {@code {"userId", "complete", "nothingFound", "pendingLinkStatesDeleted", "partners": [...]}}; when
 * {@code complete} is false Spotify could not unlink a membership, whose items are kept: invoke again later. Bad input
 * answers {@code {"error": "invalid_request", "message": ...}} without touching anything.
 */
public final class EraseUserHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static final Set<Setting> REQUIRED = EnumSet.of(
            Setting.SPOTIFY_CLIENT_ID,
            Setting.SPOTIFY_PARTNER_ID,
            Setting.LINKS_TABLE,
            Setting.ENTITLEMENTS_TABLE,
            Setting.LINK_STATES_TABLE);
    /** As ./admin: DynamoDB allows 2048 bytes for a key; a session subject is far shorter. */
    static final int MAX_USER_ID_LENGTH = 1024;

    private final UserErasure erasure;
    /** Registered with the runtime for SnapStart by Lambda's constructor; none in priming's dry run. */
    private final Resource priming;

    /** Lambda's constructor: wiring from the environment, priming registered for SnapStart. */
    public EraseUserHandler() {
        this(CoreWiring.fromEnvironment(REQUIRED));
        Core.getGlobalContext().register(priming);
    }

    public EraseUserHandler(CoreWiring wiring) {
        this(
                new UserErasure(
                        new DynamoUserRecords(
                                wiring.dynamoDb(),
                                wiring.settings().linksTable(),
                                wiring.settings().entitlementsTable(),
                                wiring.settings().linkStatesTable()),
                        wiring.links(),
                        wiring.openAccess()),
                new EraseUserPriming(wiring));
    }

    /** Priming's dry run: over an erasure of in-memory tables, with no priming of its own. */
    EraseUserHandler(UserErasure erasure) {
        this(erasure, null);
    }

    private EraseUserHandler(UserErasure erasure, Resource priming) {
        this.erasure = erasure;
        this.priming = priming;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> request, Context context) {
        return erase(request, LambdaLogSink.jsonLog(context.getLogger()));
    }

    Map<String, Object> erase(Map<String, Object> request, JsonLog log) {
        Object given = request == null ? null : request.get("userId");
        if (!(given instanceof String userId) || userId.isBlank()) {
            return invalid("userId is required: invoke with {\"userId\": \"<the partner's user id>\"}", log);
        }
        if (userId.length() > MAX_USER_ID_LENGTH || userId.chars().anyMatch(Character::isISOControl)) {
            return invalid(
                    "userId must be at most " + MAX_USER_ID_LENGTH + " characters without control characters", log);
        }
        ErasureReport report;
        try {
            report = erasure.erase(userId);
        } catch (StorageUnavailableException e) {
            // Its message names the operation, table and AWS error code only; the user's items are as they were.
            log.error("erasure failed", "userId", userId, "error", e.getMessage());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("error", "storage_unavailable");
            answer.put("message", e.getMessage() + "; invoke again");
            return answer;
        }
        List<Map<String, Object>> partners = new ArrayList<>();
        for (ErasureReport.MembershipErasure m : report.memberships()) {
            Map<String, Object> partner = new LinkedHashMap<>();
            partner.put("partnerId", m.partnerId());
            partner.put("spotify", m.spotify().name());
            partner.put("spotifyDetail", m.spotifyDetail());
            partner.put("linkDeleted", m.linkDeleted());
            partner.put("entitlementsDeleted", m.entitlementsDeleted());
            partners.add(partner);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("userId", report.userId());
        answer.put("complete", report.complete());
        answer.put("nothingFound", report.nothingFound());
        answer.put("pendingLinkStatesDeleted", report.pendingLinkStatesDeleted());
        answer.put("partners", partners);
        if (report.complete()) {
            log.info("user erased", "userId", userId, "memberships", partners.size());
        } else {
            log.warn(
                    "user not fully erased: Spotify could not unlink; invoke again",
                    "userId",
                    userId,
                    "partnersKept",
                    report.memberships().stream()
                            .filter(m -> m.spotify() == ErasureReport.SpotifyStep.FAILED)
                            .count());
        }
        return answer;
    }

    private static Map<String, Object> invalid(String message, JsonLog log) {
        log.warn("erase-user refused", "errorCode", "invalid_request", "reason", message);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", "invalid_request");
        answer.put("message", message);
        return answer;
    }
}
