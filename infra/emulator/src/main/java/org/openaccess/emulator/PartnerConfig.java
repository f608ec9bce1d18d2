package org.openaccess.emulator;

import java.net.URI;

/** A partner registered with Spotify: its id, display name and entrypoint URL. */
public record PartnerConfig(String id, String name, URI entrypointUrl) {}
