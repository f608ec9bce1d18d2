package org.openaccess.partner.admin;

import java.util.Optional;
import org.openaccess.partner.core.partners.PartnerCreation;
import org.openaccess.partner.core.partners.PartnerSlug;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "create-partner",
        mixinStandardHelpOptions = true,
        description = {
            "Creates a partner on Spotify (create-partner, scope soa-create-partner) with the Entrypoint URL"
                    + " <API base>/link/<slug>, records it in the partner registry and prints its partner id.",
            "Safe to re-run: the intent is recorded before Spotify is called; a run that finds an unfinished one"
                    + " does not call Spotify again but says how to finish it (--adopt or --retry)."
        })
final class CreatePartnerCommand extends DeploymentCommand {
    private static final int MAX_NAME = 200;

    @Option(
            names = "--name",
            required = true,
            paramLabel = "NAME",
            description = "The partner's name, as listeners see it.")
    String name;

    @Option(
            names = "--slug",
            required = true,
            paramLabel = "SLUG",
            description = "3-63 characters of a-z, 0-9 and '-', not starting or ending with '-'; unique.")
    String slug;

    @ArgGroup(exclusive = true)
    Recovery recovery;

    static final class Recovery {
        @Option(
                names = "--adopt",
                paramLabel = "PARTNER_ID",
                description =
                        "Finish an unfinished create-partner with the partner id its run printed (no Spotify call).")
        String adopt;

        @Option(
                names = "--retry",
                description =
                        "Call create-partner again for an unfinished one, after checking Spotify has no such partner.")
        boolean retry;
    }

    @Override
    public Integer call() {
        PartnerSlug partnerSlug = Slugs.checked(slug);
        String partnerName = checkedName(name);
        TargetChoice choice = choice();
        String rerun = "./admin " + TargetOptions.asTyped(choice) + " create-partner --slug " + partnerSlug
                + " --name '" + partnerName.replace("'", "'\\''") + "'";
        PartnerCreation.Decision decision = recovery == null
                ? PartnerCreation.Decision.none()
                : new PartnerCreation.Decision(Optional.ofNullable(recovery.adopt), recovery.retry);
        try (Target deployment = openDeployment()) {
            new PartnerCreation(deployment.registry(), deployment.spotify(), deployment.apiBaseUrl(), out(), rerun)
                    .create(partnerSlug, partnerName, decision);
        } finally {
            out().flush();
        }
        return ExitCodes.OK;
    }

    private static String checkedName(String name) {
        return TypedText.checked(
                "The name",
                name == null ? "" : name.strip(),
                MAX_NAME,
                "The name is empty; give the partner's name as listeners see it");
    }
}
