package org.openaccess.emulator.developer;

import java.util.List;
import java.util.Map;
import org.openaccess.emulator.Link;
import org.openaccess.emulator.Partner;
import org.openaccess.emulator.RecordedCall;
import org.openaccess.emulator.http.Html;

/** The small HTML overview at {@code /_emulator}: links, partners, armed faults, recent calls. */
final class DeveloperPage {
    private static final int RECENT_CALLS = 100;

    private DeveloperPage() {}

    static String render(
            List<Link> links, List<Partner> partners, List<RecordedCall> calls, List<Map<String, Object>> faults) {
        StringBuilder body = new StringBuilder("<h1>Emulator state</h1>\n<h2>Links</h2>\n<table id=\"links\">"
                + "<tr><th>partner</th><th>partner user id</th><th>Spotify user</th><th>entitlements</th></tr>\n");
        for (Link link : links) {
            body.append(row(
                    link.partnerId(),
                    link.partnerUserId(),
                    link.spotifyUserId(),
                    String.join(", ", link.entitlements().stream().sorted().toList())));
        }
        body.append("</table>\n<h2>Partners</h2>\n<table id=\"partners\"><tr><th>id</th><th>name</th>"
                + "<th>entrypoint</th><th>client</th></tr>\n");
        for (Partner partner : partners) {
            body.append(
                    row(partner.id(), partner.name(), partner.entrypointUrl().toString(), partner.ownerClientId()));
        }
        body.append("</table>\n<h2>Armed faults</h2>\n<ul id=\"faults\">\n");
        for (Map<String, Object> fault : faults) {
            body.append("<li>").append(Html.escape(fault.toString())).append("</li>\n");
        }
        body.append("</ul>\n<h2>Recent calls</h2>\n<table id=\"calls\"><tr><th>at</th><th>endpoint</th><th>client</th>"
                + "<th>partner user id</th><th>status</th><th>verdict</th></tr>\n");
        List<RecordedCall> recent = calls.subList(Math.max(0, calls.size() - RECENT_CALLS), calls.size());
        for (int i = recent.size() - 1; i >= 0; i--) {
            RecordedCall call = recent.get(i);
            body.append(row(
                    call.at().toString(),
                    call.endpoint(),
                    call.clientId(),
                    call.partnerUserId(),
                    String.valueOf(call.status()),
                    call.verdict()));
        }
        body.append("</table>\n<p class=\"note\">JSON: <a href=\"/_emulator/state\">state</a>, "
                + "<a href=\"/_emulator/calls\">calls</a></p>\n");
        return Html.page("Emulator state", body.toString());
    }

    private static String row(String... cells) {
        StringBuilder row = new StringBuilder("<tr>");
        for (String cell : cells) {
            row.append("<td>").append(Html.escape(cell)).append("</td>");
        }
        return row.append("</tr>\n").toString();
    }
}
