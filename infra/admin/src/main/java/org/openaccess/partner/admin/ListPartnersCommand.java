package org.openaccess.partner.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.openaccess.partner.core.partners.PartnerRegistry;
import org.openaccess.partner.core.partners.RegisteredPartner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "list-partners",
        mixinStandardHelpOptions = true,
        description = "Lists the partner registry, by slug: a table, or JSON with --json.")
final class ListPartnersCommand extends DeploymentCommand {
    private static final int PAGE = 100;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--json", description = "A JSON array, for scripts.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        choice();
        List<RegisteredPartner> partners = new ArrayList<>();
        try (Target deployment = openDeployment()) {
            Optional<String> cursor = Optional.empty();
            do {
                PartnerRegistry.Page page = deployment.registry().list(cursor, PAGE);
                partners.addAll(page.partners());
                cursor = page.nextCursor();
            } while (cursor.isPresent());
        }
        partners.sort(Comparator.comparing(p -> p.slug().value()));
        PrintWriter out = out();
        out.print(json ? asJson(partners) + "\n" : asTable(partners));
        out.flush();
        return ExitCodes.OK;
    }

    private static String asJson(List<RegisteredPartner> partners) throws JsonProcessingException {
        ArrayNode array = JSON.createArrayNode();
        for (RegisteredPartner p : partners) {
            ObjectNode item = array.addObject()
                    .put("slug", p.slug().value())
                    .put("partnerId", p.partnerId().orElse(null))
                    .put("name", p.name())
                    .put("status", p.status().name())
                    .put("entrypointUrl", p.entrypointUrl().toString())
                    .put("createdAt", p.createdAt().toString())
                    .put("activatedAt", p.activatedAt().map(Object::toString).orElse(null));
            p.logo()
                    .ifPresentOrElse(
                            logo -> item.putObject("logo")
                                    .put("contentType", logo.contentType())
                                    .put("sizeBytes", logo.sizeBytes())
                                    .put("uploadedAt", logo.uploadedAt().toString()),
                            () -> item.putNull("logo"));
        }
        return JSON.writeValueAsString(array);
    }

    private static String asTable(List<RegisteredPartner> partners) {
        if (partners.isEmpty()) {
            return "No partners yet: add one with create-partner.\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SLUG", "PARTNER ID", "STATUS", "NAME", "LOGO", "CREATED", "ENTRYPOINT URL"});
        for (RegisteredPartner p : partners) {
            rows.add(new String[] {
                p.slug().value(),
                p.partnerId().orElse("-"),
                p.status().name(),
                p.name(),
                p.logo().map(l -> l.contentType() + " " + l.sizeBytes() + " B").orElse("-"),
                p.createdAt().toString(),
                p.entrypointUrl().toString()
            });
        }
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                table.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            table.append('\n');
        }
        return table.toString();
    }
}
