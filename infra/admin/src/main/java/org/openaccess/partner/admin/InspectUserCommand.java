package org.openaccess.partner.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.linking.Link;
import org.openaccess.partner.core.partners.RegisteredPartner;
import org.openaccess.partner.core.spotify.OpenAccessResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "inspect-user",
        mixinStandardHelpOptions = true,
        description = {
            "Shows one user, partner by partner: the entitlements table's set, the link (status, PUID, when linked,"
                    + " what was last sent and when), Spotify's copy (get-entitlements) and a verdict: in-sync,"
                    + " drift (what differs), unlinked-on-spotify, not-linked, or spotify-unavailable.",
            "Changes nothing. Exit 0 when every linked membership is in sync, 5 when one drifts or Spotify lost it."
        })
final class InspectUserCommand extends UserCommand {
    @Option(names = "--slug", paramLabel = "SLUG", description = "Only this registry partner.")
    String slug;

    /** How one membership compares with Spotify. */
    enum Verdict {
        IN_SYNC("in-sync"),
        DRIFT("drift"),
        UNLINKED_ON_SPOTIFY("unlinked-on-spotify"),
        NOT_LINKED("not-linked"),
        SPOTIFY_UNAVAILABLE("spotify-unavailable");

        final String label;

        Verdict(String label) {
            this.label = label;
        }
    }

    record Inspection(
            Membership membership,
            Optional<String> slug,
            Set<String> inTable,
            Optional<Link> link,
            Optional<Set<String>> onSpotify,
            Verdict verdict,
            String detail) {}

    @Override
    public Integer call() throws JsonProcessingException {
        choice();
        String user = checkedUserId();
        Optional<String> onlySlug =
                Optional.ofNullable(slug).map(s -> Slugs.checked(s).value());
        List<Inspection> inspections = new ArrayList<>();
        try (Target deployment = openDeployment()) {
            Optional<String> onlyPartner = onlySlug.map(s -> deployment
                    .registry()
                    .find(Slugs.checked(s))
                    .flatMap(RegisteredPartner::partnerId)
                    .orElseThrow(() -> new AdminFailure(
                            ExitCodes.CONFLICT,
                            "No partner with the slug '" + s + "' in " + deployment.description())));
            List<Membership> memberships = knownMemberships(deployment, user).stream()
                    .filter(m -> onlyPartner.map(m.partnerId()::equals).orElse(true))
                    .toList();
            if (memberships.isEmpty()) {
                throw new AdminFailure(
                        ExitCodes.CONFLICT,
                        "User '" + user + "' has no link and no entitlements at '" + onlySlug.orElseThrow() + "'");
            }
            for (Membership membership : memberships) {
                inspections.add(inspect(deployment, membership));
            }
        }
        if (json) {
            printJson(asJson(user, inspections));
        } else {
            print(user, inspections);
        }
        boolean healthy =
                inspections.stream().allMatch(i -> i.verdict() == Verdict.IN_SYNC || i.verdict() == Verdict.NOT_LINKED);
        boolean unknown = inspections.stream().anyMatch(i -> i.verdict() == Verdict.SPOTIFY_UNAVAILABLE);
        return unknown ? ExitCodes.FAILED : healthy ? ExitCodes.OK : ExitCodes.NOT_IN_SYNC;
    }

    private static Inspection inspect(Target deployment, Membership membership) {
        OperatorWiring operator = deployment.operator();
        Optional<String> slug = slugOf(deployment, membership.partnerId());
        Set<String> inTable = operator.core().entitlements().current(membership);
        Optional<Link> link = operator.core().links().find(membership);
        if (link.filter(Link::isLinked).isEmpty()) {
            return new Inspection(membership, slug, inTable, link, Optional.empty(), Verdict.NOT_LINKED, "");
        }
        OpenAccessResult<Set<String>> answer = operator.core()
                .openAccess()
                .getEntitlements(membership.partnerId(), link.get().partnerUserId());
        return switch (answer) {
            case OpenAccessResult.Ok<Set<String>> ok -> compare(membership, slug, inTable, link, ok.value());
            case OpenAccessResult.NotLinked<Set<String>> gone ->
                new Inspection(
                        membership,
                        slug,
                        inTable,
                        link,
                        Optional.empty(),
                        Verdict.UNLINKED_ON_SPOTIFY,
                        "Spotify answered 404: the listener unlinked there; the reconciler records it UNLINKED on its"
                                + " next verification");
            case OpenAccessResult.Retryable<Set<String>> retry ->
                unavailable(membership, slug, inTable, link, describe(retry.status(), retry.reason()));
            case OpenAccessResult.Rejected<Set<String>> rejected ->
                unavailable(membership, slug, inTable, link, describe(rejected.status(), rejected.reason()));
            case OpenAccessResult.Conflict<Set<String>> conflict ->
                unavailable(membership, slug, inTable, link, describe(conflict.status(), "conflict"));
        };
    }

    private static Inspection compare(
            Membership membership,
            Optional<String> slug,
            Set<String> inTable,
            Optional<Link> link,
            Set<String> spotify) {
        if (spotify.equals(inTable)) {
            return new Inspection(membership, slug, inTable, link, Optional.of(spotify), Verdict.IN_SYNC, "");
        }
        TreeSet<String> missing = new TreeSet<>(inTable);
        missing.removeAll(spotify);
        TreeSet<String> extra = new TreeSet<>(spotify);
        extra.removeAll(inTable);
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing on Spotify: " + String.join(", ", missing));
        }
        if (!extra.isEmpty()) {
            parts.add("only on Spotify: " + String.join(", ", extra));
        }
        return new Inspection(
                membership,
                slug,
                inTable,
                link,
                Optional.of(spotify),
                Verdict.DRIFT,
                String.join("; ", parts) + " (resync-user sends the table's set)");
    }

    private static Inspection unavailable(
            Membership membership, Optional<String> slug, Set<String> inTable, Optional<Link> link, String why) {
        return new Inspection(
                membership,
                slug,
                inTable,
                link,
                Optional.empty(),
                Verdict.SPOTIFY_UNAVAILABLE,
                "get-entitlements failed: " + why);
    }

    private void print(String user, List<Inspection> inspections) {
        PrintWriter out = out();
        out.println("User " + user);
        for (Inspection i : inspections) {
            out.println();
            out.println(partnerLabel(i.membership().partnerId(), i.slug()) + ": " + i.verdict().label
                    + (i.detail().isEmpty() ? "" : " - " + i.detail()));
            out.println("  entitlements table: " + setText(i.inTable()));
            i.link()
                    .ifPresentOrElse(
                            link -> {
                                out.println("  link: " + link.status() + ", PUID " + link.partnerUserId() + ", linked "
                                        + link.linkedAt()
                                        + link.unlinkedAt()
                                                .map(at -> ", unlinked " + at)
                                                .orElse(""));
                                out.println("  last sent: "
                                        + link.lastSent()
                                                .map(sent -> setText(sent.entitlements()) + " at " + sent.sentAt()
                                                        + " (read " + sent.readAt() + ")")
                                                .orElse("never"));
                            },
                            () -> out.println("  link: none"));
            out.println("  on Spotify: "
                    + i.onSpotify().map(InspectUserCommand::setText).orElse("-"));
        }
        out.flush();
    }

    private static String setText(Set<String> set) {
        // The sync records a NUL-prefixed marker after a send whose outcome is unknown.
        return set.isEmpty()
                ? "(empty)"
                : String.join(
                        ", ",
                        new TreeSet<>(set.stream()
                                .map(e -> e.startsWith("\u0000") ? "(unknown: the last send failed)" : e)
                                .toList()));
    }

    private static ObjectNode asJson(String user, List<Inspection> inspections) {
        ObjectNode root = JSON.createObjectNode().put("userId", user);
        ArrayNode partners = root.putArray("partners");
        for (Inspection i : inspections) {
            ObjectNode item = partners.addObject()
                    .put("partnerId", i.membership().partnerId())
                    .put("slug", i.slug().orElse(null))
                    .put("verdict", i.verdict().label)
                    .put("detail", i.detail());
            strings(item.putArray("entitlements"), i.inTable());
            i.link()
                    .ifPresentOrElse(
                            link -> {
                                ObjectNode l = item.putObject("link")
                                        .put("status", link.status().name())
                                        .put("partnerUserId", link.partnerUserId())
                                        .put("linkedAt", link.linkedAt().toString())
                                        .put(
                                                "unlinkedAt",
                                                link.unlinkedAt()
                                                        .map(Object::toString)
                                                        .orElse(null));
                                link.lastSent()
                                        .ifPresentOrElse(
                                                sent -> {
                                                    ObjectNode s = l.putObject("lastSent")
                                                            .put(
                                                                    "sentAt",
                                                                    sent.sentAt()
                                                                            .toString())
                                                            .put(
                                                                    "readAt",
                                                                    sent.readAt()
                                                                            .toString());
                                                    strings(s.putArray("entitlements"), sent.entitlements());
                                                },
                                                () -> l.putNull("lastSent"));
                            },
                            () -> item.putNull("link"));
            i.onSpotify()
                    .ifPresentOrElse(set -> strings(item.putArray("onSpotify"), set), () -> item.putNull("onSpotify"));
        }
        return root;
    }

    private static void strings(ArrayNode array, Set<String> values) {
        new TreeSet<>(values).forEach(array::add);
    }

    private static String describe(int status, String reason) {
        return status == 0 ? reason : "HTTP " + status + ": " + reason;
    }
}
