package org.openaccess.emulator;

import java.net.URI;
import java.util.Optional;

/**
 * A partner the emulator holds: one of the configuration or one made with create-partner.
 *
 * @param ownerClientId the client that owns it: only that client's calls may name it
 * @param logo          the last uploaded logo, or {@code null}
 */
public record Partner(String id, String name, URI entrypointUrl, String ownerClientId, Logo logo) {
    public Partner withLogo(Logo image) {
        return new Partner(id, name, entrypointUrl, ownerClientId, image);
    }

    public Optional<Logo> uploadedLogo() {
        return Optional.ofNullable(logo);
    }
}
