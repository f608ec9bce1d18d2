package org.openaccess.partner.core.partners;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openaccess.partner.core.spotify.OpenAccessResult;
import org.openaccess.partner.core.storage.StorageUnavailableException;

/**
 * Creates a partner on Spotify and in the registry so that no crash ever makes a second one on Spotify: the intent is
 * recorded first (CREATING); Spotify's create-partner is called only for a fresh intent or on the operator's
 * {@code --retry}; its partner id is printed as soon as it is known and then recorded (ACTIVE). An intent found
 * CREATING is never called again by itself: the operator adopts the id an earlier run printed, or retries. Used by
 * {@code ./admin create-partner} and by the local stack's demo platform, so both onboard a creator the same way.
 *
 * @param rerun the command as the operator would type it again, e.g. {@code ./admin --local create-partner --slug x ...}
 */
public record PartnerCreation(
        PartnerRegistry registry, SpotifyPartners spotify, URI apiBaseUrl, PrintWriter out, String rerun) {
    /** Spotify's ids are 22 base62 characters in every example; accept any plain alphanumeric id. */
    private static final Pattern PARTNER_ID = Pattern.compile("[0-9A-Za-z]{1,64}");

    /** What the operator decided about an unfinished earlier run. */
    public record Decision(Optional<String> adoptPartnerId, boolean retry) {
        public static Decision none() {
            return new Decision(Optional.empty(), false);
        }
    }

    public URI entrypointUrl(PartnerSlug slug) {
        String base = apiBaseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/link/" + slug);
    }

    /** Returns the partner id. */
    public String create(PartnerSlug slug, String name, Decision decision) {
        Optional<RegisteredPartner> existing = registry.find(slug);
        if (existing.isPresent()) {
            return resume(existing.get(), name, decision);
        }
        if (decision.adoptPartnerId().isPresent() || decision.retry()) {
            throw new PartnerCreationFailure(
                    PartnerCreationFailure.Kind.CONFLICT,
                    "Nothing to " + (decision.retry() ? "retry" : "adopt") + ": no unfinished create-partner for '"
                            + slug + "'. Run create-partner without --adopt or --retry.");
        }
        spotify.checkCredentials();
        URI entrypoint = entrypointUrl(slug);
        if (!registry.recordIntent(slug, name, entrypoint)) {
            throw taken(registry.find(slug).orElseThrow());
        }
        out.println("Recorded the intent to create '" + slug + "' (status CREATING).");
        out.flush();
        return callSpotify(slug, name, entrypoint);
    }

    private String resume(RegisteredPartner partner, String name, Decision decision) {
        if (partner.isActive()) {
            throw taken(partner);
        }
        if (decision.adoptPartnerId().isPresent()) {
            return adopt(partner, decision.adoptPartnerId().get());
        }
        if (!decision.retry()) {
            throw new PartnerCreationFailure(PartnerCreationFailure.Kind.CONFLICT, unfinished(partner));
        }
        if (!partner.name().equals(name)) {
            throw new PartnerCreationFailure(
                    PartnerCreationFailure.Kind.CONFLICT,
                    "The unfinished create-partner for '" + partner.slug() + "' was for the name '" + partner.name()
                            + "', not '" + name + "'. Retry with --name '" + partner.name() + "'.");
        }
        spotify.checkCredentials();
        out.println("Retrying create-partner for '" + partner.slug() + "' as asked (--retry).");
        out.flush();
        return callSpotify(partner.slug(), partner.name(), partner.entrypointUrl());
    }

    private String adopt(RegisteredPartner partner, String partnerId) {
        if (!PARTNER_ID.matcher(partnerId).matches()) {
            throw new PartnerCreationFailure(
                    PartnerCreationFailure.Kind.BAD_INPUT,
                    "--adopt takes a Spotify partner id (letters and digits, e.g. 22 of them)");
        }
        Optional<RegisteredPartner> owner = registry.findByPartnerId(partnerId);
        if (owner.isPresent()) {
            throw new PartnerCreationFailure(
                    PartnerCreationFailure.Kind.CONFLICT,
                    "Partner " + partnerId + " is already recorded for '"
                            + owner.get().slug() + "'");
        }
        if (!registry.recordCreated(partner.slug(), partnerId)) {
            throw new PartnerCreationFailure(
                    PartnerCreationFailure.Kind.CONFLICT,
                    "'" + partner.slug() + "' changed meanwhile; run list-partners and look again");
        }
        out.println(
                "Recorded partner " + partnerId + " for '" + partner.slug() + "' (ACTIVE); Spotify was not called.");
        out.println("Entrypoint URL: " + partner.entrypointUrl());
        return partnerId;
    }

    private String callSpotify(PartnerSlug slug, String name, URI entrypoint) {
        OpenAccessResult<String> result = spotify.createPartner(name, entrypoint);
        return switch (result) {
            case OpenAccessResult.Ok<String> ok -> recordCreated(slug, ok.value(), entrypoint);
            case OpenAccessResult.Retryable<String> unknown ->
                throw new PartnerCreationFailure(
                        PartnerCreationFailure.Kind.CALL_FAILED,
                        "Spotify's answer to create-partner is unknown (" + unknown.reason()
                                + "): Spotify may or may not"
                                + " have created the partner. The intent stays recorded (CREATING), so a re-run will not"
                                + " create a second one. Check with Spotify whether a partner '" + name
                                + "' exists, then"
                                + " record its id with: " + rerun + " --adopt PARTNER_ID, or if none exists: " + rerun
                                + " --retry");
            case OpenAccessResult.Rejected<String> refused ->
                refused(slug, entrypoint, refused.status(), refused.reason());
            case OpenAccessResult.NotLinked<String> notFound -> refused(slug, entrypoint, 404, "HTTP 404");
            case OpenAccessResult.Conflict<String> conflict -> refused(slug, entrypoint, conflict.status(), "conflict");
        };
    }

    private String recordCreated(PartnerSlug slug, String partnerId, URI entrypoint) {
        // Printed before the registry write: if that write is lost, this line is what --adopt needs.
        out.println("Spotify created partner " + partnerId + " for '" + slug + "'.");
        out.flush();
        boolean recorded;
        try {
            recorded = registry.recordCreated(slug, partnerId);
        } catch (StorageUnavailableException e) {
            throw new PartnerCreationFailure(
                    PartnerCreationFailure.Kind.CALL_FAILED,
                    "Spotify created partner " + partnerId + " but recording it failed (" + e.getMessage() + "). The"
                            + " intent stays CREATING; once the registry is reachable, run: " + rerun + " --adopt "
                            + partnerId);
        }
        if (!recorded) {
            throw new PartnerCreationFailure(
                    PartnerCreationFailure.Kind.CONFLICT,
                    "Spotify created partner " + partnerId + " but '" + slug + "' is no longer CREATING in the"
                            + " registry (changed meanwhile); record it by hand after checking list-partners");
        }
        out.println("Recorded partner " + partnerId + " for '" + slug + "' (ACTIVE).");
        out.println("Entrypoint URL: " + entrypoint);
        return partnerId;
    }

    private String refused(PartnerSlug slug, URI entrypoint, int status, String reason) {
        registry.clearIntent(slug);
        StringBuilder message = new StringBuilder("Spotify refused create-partner (HTTP " + status
                + (reason.startsWith("HTTP") ? "" : ", " + reason) + "). Nothing was created; '" + slug
                + "' is free again.");
        if (!"https".equals(entrypoint.getScheme())) {
            message.append(" Spotify accepts only https Entrypoint URLs, and this one is ")
                    .append(entrypoint)
                    .append('.');
        }
        if (status == 403 || "invalid_scope".equals(reason)) {
            message.append(" The client may lack the scope soa-create-partner (platform partners only).");
        }
        throw new PartnerCreationFailure(PartnerCreationFailure.Kind.REFUSED, message.toString());
    }

    private static PartnerCreationFailure taken(RegisteredPartner partner) {
        return new PartnerCreationFailure(
                PartnerCreationFailure.Kind.CONFLICT,
                "The slug '" + partner.slug() + "' is taken: "
                        + partner.partnerId().map(id -> "partner " + id).orElse("an unfinished create-partner")
                        + " '" + partner.name() + "' (" + partner.entrypointUrl() + "). Choose another slug.");
    }

    private String unfinished(RegisteredPartner partner) {
        return "An earlier create-partner for '" + partner.slug() + "' did not finish: its intent was recorded at "
                + partner.createdAt() + " but no partner id. Spotify may or may not have created the partner '"
                + partner.name() + "', so it is not called again by itself. If the earlier run printed 'Spotify"
                + " created partner ID', record that id: " + rerun + " --adopt ID. If you checked that Spotify has"
                + " no such partner, call create-partner again: " + rerun + " --retry";
    }
}
