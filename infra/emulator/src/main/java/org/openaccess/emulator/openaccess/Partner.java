package org.openaccess.emulator.openaccess;

import java.net.URI;

/**
 * A partner known to the emulator, configured or created through create-partner.
 *
 * @param logo the last uploaded logo, or {@code null}
 */
public record Partner(String id, String name, URI entrypointUrl, String ownerClientId, LogoImage logo) {
    Partner withLogo(LogoImage image) {
        return new Partner(id, name, entrypointUrl, ownerClientId, image);
    }
}
