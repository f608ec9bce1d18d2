package org.openaccess.partner.entrypoint;

import jakarta.inject.Singleton;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.web.PartnerRouteSettings;

/**
 * The entrypoint starts the authorization-code flow and stores the pending state; besides that table it only reads
 * the partner registry, for {@code /link/<slug>} (its IAM policy allows PutItem on the link states and GetItem on
 * the partners).
 */
@Singleton
public class EntrypointSettings extends PartnerRouteSettings {
    public EntrypointSettings() {
        super(Setting.CALLBACK_URL, Setting.LINK_STATES_TABLE, Setting.PARTNER_LOGIN_URL);
    }
}
