package org.openaccess.partner.web;

import java.util.Set;
import org.openaccess.partner.core.config.Setting;

/**
 * The required settings of a function serving a partner's own routes ({@code /link/<slug>}, {@code /unlink/<slug>}):
 * {@link RequiredSettings#partnerRoutesAnd} with the function's own settings.
 */
public abstract class PartnerRouteSettings implements RequiredSettings {
    private final Set<Setting> required;

    protected PartnerRouteSettings(Setting... own) {
        this.required = RequiredSettings.partnerRoutesAnd(own);
    }

    @Override
    public final Set<Setting> required() {
        return required;
    }
}
