package org.openaccess.partner.core.spotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openaccess.partner.core.spotify.SpotifyFixtures.ok;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.EmulatorConfig;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;

/** The operator's Open Access calls against the real emulator, which verifies every JWS and token it receives. */
class PartnerAdminClientTest {
    private static final String PARTNER = EmulatorConfig.LOCAL_PARTNER_ID;
    private static final String PUID = "0123456789abcdef".repeat(4);

    @RegisterExtension
    static SpotifyEmulatorExtension spotify = new SpotifyEmulatorExtension();

    private SpotifyEmulator emulator;
    private PartnerAdminClient admin;

    @BeforeEach
    void wire() {
        emulator = spotify.emulator();
        admin = SpotifyFixtures.admin(emulator);
    }

    @Test
    void createPartnerReturnsTheNewPartnerId() {
        String id = ok(admin.createPartner("Lunar Radio", URI.create("https://lunar.example/link")));
        assertTrue(id.matches("^[0-9A-Za-z]{22}$"), id);
    }

    @Test
    void createPartnerWithAPlainHttpEntrypointIsRejected() {
        OpenAccessResult<String> result = admin.createPartner("Lunar Radio", URI.create("http://lunar.example/link"));
        assertEquals(
                400, assertInstanceOf(OpenAccessResult.Rejected.class, result).status());
    }

    @Test
    void uploadsAPngLogo() throws Exception {
        BufferedImage image = new BufferedImage(1000, 400, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        ok(admin.uploadLogo(PARTNER, png.toByteArray(), "image/png"));
        assertEquals(200, emulator.calls("upload-logo").get(0).status());
    }

    @Test
    void aLogoOfAnotherTypeIsRefusedWithoutACall() {
        OpenAccessResult<Void> result = admin.uploadLogo(PARTNER, new byte[] {1, 2, 3}, "image/gif");
        assertEquals(
                400, assertInstanceOf(OpenAccessResult.Rejected.class, result).status());
        assertEquals(0, emulator.calls().size());
    }
}
