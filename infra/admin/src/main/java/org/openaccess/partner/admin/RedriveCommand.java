package org.openaccess.partner.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.openaccess.partner.admin.FailureQueue.FailedBatch;
import org.openaccess.partner.core.entitlements.EntitlementSync;
import org.openaccess.partner.core.entitlements.SyncOutcome;
import org.openaccess.partner.core.identity.Membership;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "redrive",
        mixinStandardHelpOptions = true,
        description = {
            "Replays the push's failure queue through the push's own sync: for every failed stream batch, each"
                    + " membership in it gets its current set (re-read from the table); a batch whose memberships all"
                    + " settled is removed from the queue, one with a deferral or a refusal stays.",
            "A progress bar on stderr, then a summary. A batch whose records the stream no longer holds (after 24"
                    + " hours) stays too: run reconcile, which repairs every membership, then purge the queue.",
            "Only for --stack: the local stack has no queue (it logs dropped batches: 'on-failure: ... (keys ...)')."
        })
final class RedriveCommand extends DeploymentCommand {
    @Option(names = "--json", description = "The summary as JSON on stdout, no progress bar.")
    boolean json;

    /** What one redrive did. */
    static final class Summary {
        int batches;
        int redriven;
        int kept;
        int unreadable;
        int sent;
        int unchanged;
        int notLinked;
        int unlinkedBySpotify;
        int deferred;
        int rejected;

        /** Counts one membership's outcome; true when it is settled (nothing left to send). */
        boolean count(SyncOutcome outcome) {
            switch (outcome) {
                case SyncOutcome.Sent s -> sent++;
                case SyncOutcome.Unchanged u -> unchanged++;
                case SyncOutcome.NotLinked n -> notLinked++;
                case SyncOutcome.UnlinkedBySpotify u -> unlinkedBySpotify++;
                case SyncOutcome.Retry r -> deferred++;
                case SyncOutcome.Rejected r -> rejected++;
            }
            return !(outcome instanceof SyncOutcome.Retry || outcome instanceof SyncOutcome.Rejected);
        }
    }

    @Override
    public Integer call() throws JsonProcessingException {
        TargetChoice choice = choice();
        Summary summary = new Summary();
        try (Target deployment = openDeployment()) {
            FailureQueue queue = deployment
                    .failureQueue()
                    .orElseThrow(() -> new AdminFailure(
                            ExitCodes.USAGE,
                            deployment.description() + " has no failure queue: its change feed logs a batch that"
                                    + " exhausted its retries ('on-failure: ... (keys ...)') and the reconciler repairs"
                                    + " it. Run `./admin " + TargetOptions.asTyped(choice) + " reconcile` now, or"
                                    + " resync-user USER for a key in that line."));
            EntitlementSync sync = deployment.operator().core().entitlementSync();
            try (ProgressBar bar = new ProgressBar(
                    spec.commandLine().getErr(),
                    "redrive",
                    queue.approximateDepth(),
                    !json,
                    deployment.operator().core().clock())) {
                List<FailedBatch> batches = queue.receive(10);
                while (!batches.isEmpty()) {
                    for (FailedBatch batch : batches) {
                        redrive(batch, queue, sync, deployment, summary);
                        bar.step();
                    }
                    batches = queue.receive(10);
                }
            }
        }
        print(summary);
        return summary.kept == 0 && summary.unreadable == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static void redrive(
            FailedBatch batch, FailureQueue queue, EntitlementSync sync, Target deployment, Summary summary) {
        summary.batches++;
        if (batch.unreadable().isPresent()) {
            summary.unreadable++;
            return;
        }
        boolean settled = true;
        for (Membership membership : batch.memberships()) {
            SyncOutcome outcome = sync.syncUntil(
                    membership, deployment.operator().core().clock().instant().plus(ResyncUserCommand.PER_MEMBERSHIP));
            settled &= summary.count(outcome);
        }
        if (settled) {
            queue.remove(batch);
            summary.redriven++;
        } else {
            summary.kept++;
        }
    }

    private void print(Summary s) throws JsonProcessingException {
        PrintWriter out = out();
        if (json) {
            ObjectNode root = UserCommand.JSON
                    .createObjectNode()
                    .put("batches", s.batches)
                    .put("redriven", s.redriven)
                    .put("kept", s.kept)
                    .put("unreadable", s.unreadable);
            root.putObject("memberships")
                    .put("sent", s.sent)
                    .put("unchanged", s.unchanged)
                    .put("notLinked", s.notLinked)
                    .put("unlinkedBySpotify", s.unlinkedBySpotify)
                    .put("deferred", s.deferred)
                    .put("rejected", s.rejected);
            out.println(UserCommand.JSON.writeValueAsString(root));
        } else if (s.batches == 0) {
            out.println("The failure queue is empty: nothing to redrive.");
        } else {
            out.println("Redrove " + s.redriven + " of " + s.batches + " failed batch(es) (removed from the queue).");
            out.println("Memberships: " + s.sent + " sent, " + s.unchanged + " unchanged, " + s.notLinked
                    + " not linked, " + s.unlinkedBySpotify + " unlinked by Spotify, " + s.deferred + " deferred, "
                    + s.rejected + " refused by Spotify.");
            if (s.kept > 0) {
                out.println(s.kept + " batch(es) kept in the queue: Spotify deferred or refused a membership; run"
                        + " redrive again later (a refusal needs its cause fixed first, e.g. a missing scope).");
            }
            if (s.unreadable > 0) {
                out.println(s.unreadable + " batch(es) kept whose records the stream no longer holds: run reconcile"
                        + " (it repairs every membership), then purge the queue.");
            }
        }
        out.flush();
    }
}
