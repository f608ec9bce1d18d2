package org.openaccess.partner.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.openaccess.partner.core.erasure.ErasureReport;
import org.openaccess.partner.core.erasure.ErasureReport.MembershipErasure;
import org.openaccess.partner.core.erasure.ErasureReport.SpotifyStep;
import picocli.CommandLine.Command;

@Command(
        name = "erase-user",
        mixinStandardHelpOptions = true,
        description = {
            "Account deletion: unlinks the user at Spotify for every partner they are linked with, then deletes every"
                    + " item of theirs: links, entitlements, pending link states.",
            "Safe to run again: a partner Spotify could not unlink keeps its items (exit 1) and the next run finishes"
                    + " it; a user with nothing left is reported as such (exit 0)."
        })
final class EraseUserCommand extends UserCommand {

    @Override
    public Integer call() throws JsonProcessingException {
        choice();
        String user = checkedUserId();
        ErasureReport report;
        String where;
        try (Target deployment = openDeployment()) {
            where = deployment.description();
            report = deployment.operator().erasure().erase(user);
        }
        if (json) {
            printJson(asJson(report));
        } else {
            print(report, where);
        }
        return report.complete() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private void print(ErasureReport report, String where) {
        PrintWriter out = out();
        if (report.nothingFound()) {
            out.println("Nothing to erase: user '" + report.userId() + "' has no item in " + where
                    + " (erased before, or never here).");
            out.flush();
            return;
        }
        for (MembershipErasure m : report.memberships()) {
            String spotify = switch (m.spotify()) {
                case UNLINKED -> "unlinked at Spotify";
                case ALREADY_UNLINKED -> "Spotify held no link (404)";
                case NOT_LINKED -> "not linked: no call to Spotify";
                case FAILED -> "Spotify could not unlink (" + m.spotifyDetail() + "): its items are kept";
            };
            String deleted = m.spotify() == SpotifyStep.FAILED
                    ? ""
                    : "; deleted " + (m.linkDeleted() ? "the link" : "no link")
                            + (m.entitlementsDeleted() ? " and the entitlements" : " and no entitlements");
            out.println("partner " + m.partnerId() + ": " + spotify + deleted);
        }
        out.println("pending link states deleted: " + report.pendingLinkStatesDeleted());
        if (report.complete()) {
            out.println("User '" + report.userId() + "' is erased.");
        } else {
            out.println("User '" + report.userId() + "' is NOT fully erased: run erase-user again once Spotify answers"
                    + " (the kept links hold what the unlink needs).");
        }
        out.flush();
    }

    private static ObjectNode asJson(ErasureReport report) {
        ObjectNode root = JSON.createObjectNode()
                .put("userId", report.userId())
                .put("complete", report.complete())
                .put("nothingFound", report.nothingFound())
                .put("pendingLinkStatesDeleted", report.pendingLinkStatesDeleted());
        ArrayNode partners = root.putArray("partners");
        for (MembershipErasure m : report.memberships()) {
            partners.addObject()
                    .put("partnerId", m.partnerId())
                    .put("spotify", m.spotify().name())
                    .put("spotifyDetail", m.spotifyDetail())
                    .put("linkDeleted", m.linkDeleted())
                    .put("entitlementsDeleted", m.entitlementsDeleted());
        }
        return root;
    }
}
