package org.openaccess.partner.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {

    @Test
    void theRestartPathIsLinkWithTheShowEncoded() {
        assertEquals("/link", Addresses.restartPath(Optional.empty()));
        assertEquals(
                "/link?spotifyShowUri=spotify%3Ashow%3ALunarPremiumShow000002",
                Addresses.restartPath(Optional.of("spotify:show:LunarPremiumShow000002")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "https://partner.example/account, https://partner.example/account?spotify=unlinked",
        "https://partner.example/account?tab=apps, https://partner.example/account?tab=apps&spotify=unlinked",
        "https://partner.example/account?, https://partner.example/account?spotify=unlinked",
        "https://partner.example/account?a=1&, https://partner.example/account?a=1&spotify=unlinked",
        "https://partner.example/#/account, https://partner.example/?spotify=unlinked#/account"
    })
    void aParameterGoesIntoTheQueryBeforeAnyFragment(String url, String expected) {
        assertEquals(URI.create(expected), Addresses.withParameter(URI.create(url), "spotify", "unlinked"));
    }

    @Test
    void theValueIsEncoded() {
        assertEquals(
                URI.create("https://partner.example/login?return=%2Flink%3FspotifyShowUri%3Dx"),
                Addresses.withParameter(
                        URI.create("https://partner.example/login"), "return", "/link?spotifyShowUri=x"));
    }
}
