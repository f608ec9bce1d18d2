package org.openaccess.partner.entrypoint;

import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.Set;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.web.RequiredSettings;

/**
 * The entrypoint starts the authorization-code flow and stores the pending state; it touches no other table
 * (its IAM policy allows only PutItem on the link states).
 */
@Singleton
public class EntrypointSettings implements RequiredSettings {
    @Override
    public Set<Setting> required() {
        return EnumSet.of(
                Setting.SPOTIFY_CLIENT_ID,
                Setting.SPOTIFY_PARTNER_ID,
                Setting.CALLBACK_URL,
                Setting.LINK_STATES_TABLE,
                Setting.PARTNER_LOGIN_URL);
    }
}
