package org.openaccess.partner.admin;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.openaccess.partner.core.partners.PartnerLogo;
import org.openaccess.partner.core.partners.PartnerSlug;
import org.openaccess.partner.core.partners.RegisteredPartner;
import org.openaccess.partner.core.spotify.OpenAccessResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "upload-logo",
        mixinStandardHelpOptions = true,
        description = {
            "Uploads a partner's logo to Spotify (upload-logo, scope soa-manage-partner) and records its type, size"
                    + " and time in the registry.",
            "The image is checked first, as Spotify checks it: PNG, JPEG or TIFF by its content, at most 10 MB, each"
                    + " side at most 8000 px, one side at least 1000 px."
        })
final class UploadLogoCommand extends DeploymentCommand {
    @Option(names = "--slug", required = true, paramLabel = "SLUG", description = "The partner's slug.")
    String slug;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The logo: a PNG, JPEG or TIFF file.")
    Path file;

    @Override
    public Integer call() {
        PartnerSlug partnerSlug = Slugs.checked(slug);
        LogoFile logo = LogoFile.read(file);
        choice();
        PrintWriter out = out();
        try (Target deployment = openDeployment()) {
            RegisteredPartner partner = deployment
                    .registry()
                    .find(partnerSlug)
                    .orElseThrow(() -> new AdminFailure(
                            ExitCodes.CONFLICT,
                            "No partner '" + partnerSlug + "' in " + deployment.description()
                                    + "; list-partners shows the slugs"));
            String partnerId = partner.partnerId()
                    .filter(id -> partner.isActive())
                    .orElseThrow(() -> new AdminFailure(
                            ExitCodes.CONFLICT,
                            "'" + partnerSlug + "' has no partner id yet (create-partner did not finish); finish"
                                    + " create-partner first"));
            deployment.spotify().checkCredentials();
            OpenAccessResult<Void> result =
                    deployment.spotify().uploadLogo(partnerId, logo.bytes(), logo.contentType());
            switch (result) {
                case OpenAccessResult.Ok<Void> ok -> {
                    deployment
                            .registry()
                            .recordLogo(
                                    partnerSlug,
                                    new PartnerLogo(logo.contentType(), logo.bytes().length, Instant.now()));
                    out.println("Uploaded the logo of '" + partnerSlug + "' (partner " + partnerId + "): "
                            + logo.width() + "x" + logo.height() + " px "
                            + logo.contentType().substring("image/".length()).toUpperCase(Locale.ROOT) + ", "
                            + logo.bytes().length + " bytes.");
                }
                case OpenAccessResult.Retryable<Void> unknown ->
                    throw new AdminFailure(
                            ExitCodes.FAILED,
                            "Spotify's answer to upload-logo is unknown (" + unknown.reason()
                                    + "); uploading again is harmless: run the same command again");
                case OpenAccessResult.Rejected<Void> refused -> throw refused(refused.status(), refused.reason());
                case OpenAccessResult.NotLinked<Void> notFound -> throw refused(404, "HTTP 404");
                case OpenAccessResult.Conflict<Void> conflict -> throw refused(conflict.status(), "conflict");
            }
        } finally {
            out.flush();
        }
        return ExitCodes.OK;
    }

    private static AdminFailure refused(int status, String reason) {
        return new AdminFailure(
                ExitCodes.REFUSED,
                "Spotify refused the logo (HTTP " + status + (reason.startsWith("HTTP") ? "" : ", " + reason)
                        + "); the registry is unchanged"
                        + (status == 403 || "invalid_scope".equals(reason)
                                ? ". The client may lack the scope soa-manage-partner, or not own this partner"
                                : ""));
    }
}
