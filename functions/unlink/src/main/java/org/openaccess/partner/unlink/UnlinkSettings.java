package org.openaccess.partner.unlink;

import jakarta.inject.Singleton;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.web.PartnerRouteSettings;

/**
 * Unlinking needs Spotify's ids, the links table, the partner registry (for {@code /unlink/<slug>}), the partner's
 * own origins (CSRF) and where to send the browser back.
 */
@Singleton
public class UnlinkSettings extends PartnerRouteSettings {
    public UnlinkSettings() {
        super(Setting.LINKS_TABLE, Setting.PARTNER_ORIGINS, Setting.UNLINK_RETURN_URL);
    }
}
