package org.openaccess.partner.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.openaccess.partner.core.entitlements.EntitlementSync;
import org.openaccess.partner.core.linking.LinkStore;
import org.openaccess.partner.core.observability.JsonLog;
import org.openaccess.partner.core.storage.DynamoCalls;
import org.openaccess.partner.reconcile.DynamoReconcileStateStore;
import org.openaccess.partner.reconcile.ReconcileReport;
import org.openaccess.partner.reconcile.ReconcileState;
import org.openaccess.partner.reconcile.ReconcileStateStore;
import org.openaccess.partner.reconcile.Reconciler;
import org.openaccess.partner.reconcile.SegmentProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

@Command(
        name = "reconcile",
        mixinStandardHelpOptions = true,
        description = {
            "Runs one full reconcile pass now, from the first linked membership to the last, with the scheduled"
                    + " function's Reconciler: sends what differs, verifies the links whose turn came, and records"
                    + " the pass in the reconcile state (the next scheduled run starts a new pass).",
            "A progress bar on stderr, then a summary. Exit 0 when the pass completed with nothing deferred or"
                    + " refused, 1 otherwise."
        })
final class ReconcileCommand extends DeploymentCommand {
    /** No Lambda timeout here: a pass may take as long as the table needs. */
    static final Duration NO_DEADLINE = Duration.ofDays(1);

    @Option(names = "--json", description = "The pass's report as JSON on stdout, no progress bar.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        choice();
        ReconcileReport report;
        try (Target deployment = openDeployment()) {
            OperatorWiring operator = deployment.operator();
            String stateTable = operator.reconcileStateTable()
                    .orElseThrow(() -> new AdminFailure(
                            ExitCodes.USAGE,
                            "The reconcile state table is unknown: " + deployment.description()
                                    + " lacks the output ReconcileStateTableName (deployed from an older"
                                    + " template.yaml). Deploy the current one first."));
            long linked = countLinked(operator);
            EntitlementSync sync = operator.core().entitlementSync();
            try (ProgressBar bar = new ProgressBar(
                    spec.commandLine().getErr(),
                    "reconcile",
                    linked,
                    !json,
                    operator.core().clock())) {
                Reconciler reconciler = new Reconciler(
                        (segment, cursor, limit) -> {
                            // One tick per linked membership read, whether it is then sent, verified or unchanged.
                            LinkStore.Page page = operator.core().links().linkedUsers(segment, cursor, limit);
                            bar.step(page.links().size());
                            return page;
                        },
                        operator.core().entitlements()::recent,
                        sync::syncUntil,
                        sync::verifyUntil,
                        new FullPass(
                                new DynamoReconcileStateStore(operator.core().dynamoDb(), stateTable)),
                        operator.core().clock(),
                        Duration.ZERO,
                        Reconciler.Parallelism.DEFAULT);
                report = reconciler.run(NO_DEADLINE, JsonLog.discarding());
            }
        }
        if (json) {
            out().println(UserCommand.JSON.writeValueAsString(report));
        } else {
            PrintWriter out = out();
            out.println("Checked " + report.checked() + " linked membership(s): " + report.sent() + " sent, "
                    + report.unchanged() + " unchanged, " + report.unlinkedBySpotify() + " unlinked by Spotify, "
                    + report.deferred() + " deferred, " + report.rejected() + " refused by Spotify.");
            out.println("Verified with Spotify: " + report.verified() + " still linked, " + report.foundUnlinked()
                    + " unlinked there (recorded UNLINKED).");
            out.println(
                    report.passComplete()
                            ? "The pass is complete."
                            : "The pass stopped early (Spotify kept failing): run reconcile again later.");
        }
        out().flush();
        return report.passComplete() && report.deferred() == 0 && report.rejected() == 0
                ? ExitCodes.OK
                : ExitCodes.FAILED;
    }

    /** The bar's total: LINKED links now (a COUNT scan, no item read back). */
    private static long countLinked(OperatorWiring operator) {
        String table = operator.linksTable();
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder()
                    .tableName(table)
                    .select(Select.COUNT)
                    .filterExpression("#status = :linked")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":linked", AttributeValue.fromS("LINKED")));
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            ScanResponse page = DynamoCalls.run(
                    "Scan", table, () -> operator.core().dynamoDb().scan(request.build()));
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    /**
     * The deployment's reconcile state, except that a pass left open by the scheduled runs is not resumed: this run
     * starts a new pass from the first membership (and continues the verification rotation where it stood).
     */
    private record FullPass(ReconcileStateStore states) implements ReconcileStateStore {
        @Override
        public Optional<ReconcileState> load() {
            return states.load().map(state -> new ReconcileState(false, state.segments(), Map.of(), state.window()));
        }

        @Override
        public void startPass(ReconcileState state) {
            states.startPass(state);
        }

        @Override
        public void saveProgress(int segment, SegmentProgress progress) {
            states.saveProgress(segment, progress);
        }

        @Override
        public void completePass() {
            states.completePass();
        }
    }
}
