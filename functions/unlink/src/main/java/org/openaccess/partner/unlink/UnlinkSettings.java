package org.openaccess.partner.unlink;

import jakarta.inject.Singleton;
import java.util.Set;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.web.RequiredSettings;

/**
 * Unlinking needs Spotify's ids, the links table, the partner registry (for {@code /unlink/<slug>}), the partner's
 * own origins (CSRF) and where to send the browser back.
 */
@Singleton
public class UnlinkSettings implements RequiredSettings {
    @Override
    public Set<Setting> required() {
        return RequiredSettings.partnerRoutesAnd(
                Setting.LINKS_TABLE, Setting.PARTNER_ORIGINS, Setting.UNLINK_RETURN_URL);
    }
}
