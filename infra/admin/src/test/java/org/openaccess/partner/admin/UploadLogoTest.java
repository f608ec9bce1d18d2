package org.openaccess.partner.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openaccess.partner.core.partners.PartnerLogo;
import org.openaccess.partner.core.partners.PartnerSlug;

@Tag("integration")
class UploadLogoTest {
    private static final PartnerSlug LUNAR = PartnerSlug.parse("lunar-radio");

    @TempDir
    Path dir;

    @RegisterExtension
    static final LocalFixture local = new LocalFixture();

    private String partnerId;

    @BeforeEach
    void aCreatedPartner() {
        AdminRun created = local.admin("--local", "create-partner", "--name", "Lunar Radio", "--slug", "lunar-radio");
        assertEquals(ExitCodes.OK, created.exitCode(), created.toString());
        partnerId = LocalFixture.printedPartnerId(created);
    }

    private Path image(String fileName, String format, int width, int height) throws IOException {
        Path file = dir.resolve(fileName);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        assertTrue(ImageIO.write(image, format, file.toFile()), "no writer for " + format);
        return file;
    }

    private AdminRun upload(Path file) {
        return local.admin("--local", "upload-logo", "--slug", "lunar-radio", "--file", file.toString());
    }

    /** The type comes from the bytes, not the file's name: a JPEG named logo.png is uploaded as a JPEG. */
    @ParameterizedTest(name = "{0} bytes in logo.png, {1}x{2} px")
    @CsvSource({"png, 1200, 400, image/png, PNG", "jpeg, 300, 1000, image/jpeg, JPEG"})
    void uploadsAGoodImageAndRecordsTheTypeOfItsBytes(
            String format, int width, int height, String contentType, String shownType) throws IOException {
        Path logo = image("logo.png", format, width, height);

        AdminRun run = upload(logo);

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(
                "Uploaded the logo of 'lunar-radio' (partner " + partnerId + "): " + width + "x" + height + " px "
                        + shownType + ", " + Files.size(logo) + " bytes.\n",
                run.out());
        PartnerLogo recorded = local.registry.find(LUNAR).orElseThrow().logo().orElseThrow();
        assertEquals(contentType, recorded.contentType());
        assertEquals(Files.size(logo), recorded.sizeBytes());
        JsonNode onSpotify = local.spotifyPartner(partnerId).orElseThrow().path("logo");
        assertEquals(contentType, onSpotify.path("mediaType").asText());
        assertEquals(width, onSpotify.path("width").asInt());
        assertEquals(height, onSpotify.path("height").asInt());
    }

    @Test
    void aFakeImageIsRefusedBeforeAnyCall() throws IOException {
        Path fake = dir.resolve("logo.png");
        Files.writeString(fake, "<svg>not really a png</svg>", StandardCharsets.UTF_8);

        AdminRun run = upload(fake);

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertEquals(
                "admin: " + fake + " is not a PNG, JPEG or TIFF image: its first bytes are none of theirs"
                        + " (the file's name does not matter, its content does)\n",
                run.err());
        assertNothingUploaded();
    }

    @Test
    void aTruncatedPngIsRefusedBeforeAnyCall() throws IOException {
        Path truncated = dir.resolve("cut.png");
        byte[] whole = Files.readAllBytes(image("whole.png", "png", 1200, 400));
        Files.write(truncated, java.util.Arrays.copyOf(whole, 12));

        AdminRun run = upload(truncated);

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(
                run.err().startsWith("admin: " + truncated + " starts like a PNG image but its header cannot be read"),
                run.err());
        assertNothingUploaded();
    }

    @Test
    void anImageOverTenMegabytesIsRefusedBeforeAnyCall() throws IOException {
        Path big = dir.resolve("big.png");
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write(Files.readAllBytes(image("small.png", "png", 1200, 400)));
            out.write(new byte[10 * 1024 * 1024]);
        }

        AdminRun run = upload(big);

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertEquals(
                "admin: " + big + " is " + Files.size(big) + " bytes (10.0 MB); Spotify takes at most 10485760 bytes"
                        + " (10 MB)\n",
                run.err());
        assertNothingUploaded();
    }

    @ParameterizedTest(name = "{0}, {1}x{2} px")
    @CsvSource({
        "png, 999, 600, is 999x600 px; one side must be at least 1000 px",
        "tiff, 8001, 2, is 8001x2 px; each side must be at most 8000 px"
    })
    void anImageOfSidesSpotifyRefusesIsRefusedBeforeAnyCall(String format, int width, int height, String problem)
            throws IOException {
        Path file = image("logo." + format, format, width, height);

        AdminRun run = upload(file);

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertEquals("admin: " + file + " " + problem + "\n", run.err());
        assertNothingUploaded();
    }

    @Test
    void aMissingFileIsNamed() {
        AdminRun run = upload(dir.resolve("nope.png"));
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertEquals("admin: No file " + dir.resolve("nope.png") + "\n", run.err());
        assertNothingUploaded();
    }

    @Test
    void anUnknownSlugIsRefusedBeforeAnyCall() throws IOException {
        AdminRun run = local.admin(
                "--local",
                "upload-logo",
                "--slug",
                "nobody-here",
                "--file",
                image("logo.png", "png", 1000, 1000).toString());
        assertEquals(ExitCodes.CONFLICT, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("admin: No partner 'nobody-here' in the local stack"), run.err());
        assertEquals(0, local.calls("upload-logo"));
    }

    private void assertNothingUploaded() {
        assertEquals(0, local.calls("upload-logo"));
        assertEquals(Optional.empty(), local.registry.find(LUNAR).orElseThrow().logo());
    }
}
