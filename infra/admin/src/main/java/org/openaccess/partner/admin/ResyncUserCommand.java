package org.openaccess.partner.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openaccess.partner.core.entitlements.EntitlementSync;
import org.openaccess.partner.core.entitlements.SyncOutcome;
import org.openaccess.partner.core.identity.Membership;
import picocli.CommandLine.Command;

@Command(
        name = "resync-user",
        mixinStandardHelpOptions = true,
        description = {
            "Sends the user's current entitlements to Spotify now, partner by partner, through the push's own sync"
                    + " (re-read from the table, under the membership's lease; skipped when Spotify already has them;"
                    + " retried with backoff for up to 30 s on 429/5xx).",
            "Exit 0 when every membership is settled, 1 when Spotify could not take one in time, 4 when it refused."
        })
final class ResyncUserCommand extends UserCommand {
    /** How long one membership may wait for Spotify (Retry-After, backoff), as the reconciler's per-user limit. */
    static final Duration PER_MEMBERSHIP = Duration.ofSeconds(30);

    record Resync(Membership membership, Optional<String> slug, SyncOutcome outcome) {}

    @Override
    public Integer call() throws JsonProcessingException {
        choice();
        String user = checkedUserId();
        List<Resync> done = new ArrayList<>();
        try (Target deployment = openDeployment()) {
            EntitlementSync sync = deployment.operator().core().entitlementSync();
            for (Membership membership : knownMemberships(deployment, user)) {
                SyncOutcome outcome = sync.syncUntil(
                        membership,
                        deployment.operator().core().clock().instant().plus(PER_MEMBERSHIP));
                done.add(new Resync(membership, slugOf(deployment, membership.partnerId()), outcome));
            }
        }
        if (json) {
            ObjectNode root = JSON.createObjectNode().put("userId", user);
            ArrayNode partners = root.putArray("partners");
            for (Resync r : done) {
                partners.addObject()
                        .put("partnerId", r.membership().partnerId())
                        .put("slug", r.slug().orElse(null))
                        .put("outcome", name(r.outcome()))
                        .put("detail", detail(r.outcome()));
            }
            printJson(root);
        } else {
            PrintWriter out = out();
            for (Resync r : done) {
                out.println(partnerLabel(r.membership().partnerId(), r.slug()) + ": " + name(r.outcome()) + " - "
                        + detail(r.outcome()));
            }
            out.flush();
        }
        if (done.stream().anyMatch(r -> r.outcome() instanceof SyncOutcome.Retry)) {
            return ExitCodes.FAILED;
        }
        return done.stream().anyMatch(r -> r.outcome() instanceof SyncOutcome.Rejected)
                ? ExitCodes.REFUSED
                : ExitCodes.OK;
    }

    static String name(SyncOutcome outcome) {
        return switch (outcome) {
            case SyncOutcome.Sent s -> "sent";
            case SyncOutcome.Unchanged u -> "unchanged";
            case SyncOutcome.NotLinked n -> "not-linked";
            case SyncOutcome.UnlinkedBySpotify u -> "unlinked-by-spotify";
            case SyncOutcome.Retry r -> "deferred";
            case SyncOutcome.Rejected r -> "rejected";
        };
    }

    static String detail(SyncOutcome outcome) {
        return switch (outcome) {
            case SyncOutcome.Sent s -> "replace-entitlements sent " + s.count() + " entitlement(s)";
            case SyncOutcome.Unchanged u -> "Spotify was last given this very set: no call";
            case SyncOutcome.NotLinked n -> "no LINKED link: nothing to send";
            case SyncOutcome.UnlinkedBySpotify u -> "Spotify answered 404 (unlinked there): recorded UNLINKED";
            case SyncOutcome.Retry r -> "Spotify could not take it in time (" + r.reason() + "); run again later";
            case SyncOutcome.Rejected r -> "Spotify refused: HTTP " + r.status() + " " + r.reason();
        };
    }
}
