package org.openaccess.partner.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.openaccess.partner.core.config.Setting;

/**
 * The settings a function cannot start without; each function module provides one as a bean. Init fails with
 * a message naming every missing or malformed one.
 */
@FunctionalInterface
public interface RequiredSettings {
    Set<Setting> required();

    /**
     * What a function serving a partner's own routes ({@code /link/<slug>}, {@code /unlink/<slug>}) needs: Spotify's
     * client and default partner id and the partner registry, then its {@code own} settings.
     */
    static Set<Setting> partnerRoutesAnd(Setting... own) {
        Set<Setting> all = EnumSet.of(Setting.SPOTIFY_CLIENT_ID, Setting.SPOTIFY_PARTNER_ID, Setting.PARTNERS_TABLE);
        all.addAll(List.of(own));
        return all;
    }
}
