package org.openaccess.partner.callback;

import jakarta.inject.Singleton;
import java.util.Set;
import org.openaccess.partner.core.config.Setting;
import org.openaccess.partner.core.wiring.CoreWiring;
import org.openaccess.partner.web.RequiredSettings;

/** The callback needs the linking settings; ALLOWED_COMPLETION_HOSTS defaults to spotify.com. */
@Singleton
public class CallbackSettings implements RequiredSettings {
    @Override
    public Set<Setting> required() {
        return CoreWiring.linkingSettings();
    }
}
