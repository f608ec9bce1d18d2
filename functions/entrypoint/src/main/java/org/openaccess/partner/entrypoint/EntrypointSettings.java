package org.openaccess.partner.entrypoint;

import java.util.EnumSet;
import java.util.Set;

import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.wiring.CoreWiring;
import org.openaccess.partner.web.RequiredSettings;

import jakarta.inject.Singleton;

/** The entrypoint needs the linking settings plus where the partner's login page is. */
@Singleton
public class EntrypointSettings implements RequiredSettings {
    @Override
    public Set<Setting> required() {
        Set<Setting> required = EnumSet.copyOf(CoreWiring.linkingSettings());
        required.add(Setting.PARTNER_LOGIN_URL);
        return required;
    }
}
