package org.openaccess.partner.admin;

import java.util.Optional;
import org.openaccess.partner.core.partners.PartnerSlug;

/** The operator's {@code --slug}, checked before anything is called. */
final class Slugs {
    private Slugs() {}

    static PartnerSlug checked(String text) {
        Optional<String> problem = PartnerSlug.problem(text);
        if (problem.isPresent()) {
            throw new AdminFailure(ExitCodes.USAGE, problem.get());
        }
        return PartnerSlug.parse(text);
    }
}
