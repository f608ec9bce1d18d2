package org.openaccess.emulator;

import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;
import org.openaccess.emulator.accounts.Grants;
import org.openaccess.emulator.openaccess.Completions;
import org.openaccess.emulator.openaccess.LinkRegistry;
import org.openaccess.emulator.openaccess.PartnerDirectory;

/**
 * What Spotify keeps, shared by every endpoint of one emulator: its configuration and clock, the grants it issued,
 * links, partners, the show catalogue, completion pages, and the public base of the URLs it hands out.
 */
public record SpotifyState(
        EmulatorConfig config,
        Clock clock,
        Grants grants,
        LinkRegistry links,
        PartnerDirectory partners,
        ShowCatalogue shows,
        Completions completions,
        Supplier<URI> publicBase) {}
