package org.openaccess.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;

/** create-partner and upload-logo, with real images written by ImageIO. */
class PartnerEndpointsTest {
    @RegisterExtension
    static final SpotifyEmulatorExtension EMULATOR = new SpotifyEmulatorExtension();

    static final SpotifyCaller spotify = new SpotifyCaller(EMULATOR);
    static String manage;

    @BeforeAll
    static void start() {
        manage = spotify.clientToken("soa-manage-partner");
    }

    static byte[] image(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out))
                .as("ImageIO writes " + format)
                .isTrue();
        return out.toByteArray();
    }

    static HttpResponse<String> upload(String partnerId, String contentType, byte[] body) {
        return spotify.send(spotify.request("/api/v1/upload-logo/" + partnerId)
                .header("Authorization", "Bearer " + manage)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    private static Map<String, Object> partner(String name, String url) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("partner_name", name);
        payload.put("entrypoint_url", url);
        return payload;
    }

    @Test
    void createPartnerReturnsA22CharacterBase62IdOwnedByTheCaller() {
        String create = spotify.clientToken("soa-create-partner");

        HttpResponse<String> response =
                spotify.signed("create-partner", create, partner("Lunar Podcasts", "https://lunar.example/spotify"));

        assertThat(response.statusCode()).isEqualTo(200);
        String id = SpotifyCaller.json(response).get("partner_id").asText();
        assertThat(id).matches("[0-9A-Za-z]{22}");
        assertThat(upload(id, "image/png", uncheckedImage("png", 1000, 500)).statusCode())
                .isEqualTo(200);
        EMULATOR.emulator()
                .addShow(new Show("LunarPodcastShow000001", "Lunar Podcasts", List.of("basic")).ofPartner(id));
        HttpResponse<String> start = spotify.get("/link/" + id + "?spotifyShowUri=spotify:show:LunarPodcastShow000001");
        assertThat(SpotifyCaller.location(start)).isEqualTo("https://lunar.example/spotify");
    }

    @ParameterizedTest
    @CsvSource({"http://lunar.example/spotify", "lunar.example/spotify", "ftp://lunar.example", "https://"})
    void createPartnerNeedsAnHttpsOrLoopbackEntrypoint(String url) {
        HttpResponse<String> response =
                spotify.signed("create-partner", spotify.clientToken("soa-create-partner"), partner("Lunar", url));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SpotifyCaller.errorCode(response)).isEqualTo("invalid_entrypoint_url");
    }

    @Test
    void createPartnerNeedsItsFieldsAndScope() {
        HttpResponse<String> noName = spotify.signed(
                "create-partner",
                spotify.clientToken("soa-create-partner"),
                Map.of("entrypoint_url", "https://x.example"));
        assertThat(SpotifyCaller.errorCode(noName)).isEqualTo("missing_field");

        HttpResponse<String> wrongScope = spotify.signed("create-partner", manage, partner("X", "https://x.example"));
        assertThat(wrongScope.statusCode()).isEqualTo(403);
    }

    @ParameterizedTest
    @CsvSource({
        "png, image/png, 1000, 1000",
        "jpg, image/jpeg, 8000, 10",
        "tiff, image/tiff, 10, 1000",
        "png, image/png; charset=binary, 1200, 400"
    })
    void acceptedLogosAreStoredWithTheirSize(String format, String type, int width, int height) throws IOException {
        HttpResponse<String> response = upload(SpotifyCaller.PARTNER, type, image(format, width, height));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(spotify.get("/_emulator/state").body())
                .contains("\"width\":" + width)
                .contains("\"height\":" + height);
    }

    @ParameterizedTest
    @CsvSource({"png, 999, 999", "png, 8001, 1000", "jpg, 1000, 8001", "tiff, 20, 30"})
    void logosOutsideTheSizeRulesAre400(String format, int width, int height) throws IOException {
        HttpResponse<String> response = upload(
                SpotifyCaller.PARTNER,
                "image/" + (format.equals("jpg") ? "jpeg" : format),
                image(format, width, height));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SpotifyCaller.errorCode(response)).isEqualTo("invalid_image");
        assertThat(response.body()).contains(width + "x" + height);
    }

    @Test
    void theBytesMustBeWhatTheContentTypeSays() throws IOException {
        HttpResponse<String> response = upload(SpotifyCaller.PARTNER, "image/jpeg", image("png", 1000, 1000));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SpotifyCaller.errorCode(response)).isEqualTo("invalid_image");
    }

    @Test
    void otherTypesAre415() throws IOException {
        for (String type : new String[] {"image/gif", "application/octet-stream", "image/svg+xml"}) {
            HttpResponse<String> response = upload(SpotifyCaller.PARTNER, type, image("png", 1000, 1000));
            assertThat(response.statusCode()).as(type).isEqualTo(415);
            assertThat(SpotifyCaller.errorCode(response)).isEqualTo("unsupported_media_type");
        }
    }

    @Test
    void logosOver10MegabytesAre413() throws IOException {
        byte[] header = image("png", 1000, 1000);
        byte[] huge = Arrays.copyOf(header, 10 * 1024 * 1024 + 1);

        HttpResponse<String> response = upload(SpotifyCaller.PARTNER, "image/png", huge);

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void aPartnerOfAnotherClientIs403() throws IOException {
        HttpResponse<String> response = upload("SomeoneElsesPartner001", "image/png", image("png", 1000, 1000));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(SpotifyCaller.errorCode(response)).isEqualTo("partner_not_owned");
    }

    @Test
    void uploadNeedsTheManagePartnerScope() throws IOException {
        HttpResponse<String> response = spotify.send(spotify.request("/api/v1/upload-logo/" + SpotifyCaller.PARTNER)
                .header("Authorization", "Bearer " + spotify.clientToken("soa-manage-entitlements"))
                .header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(image("png", 1000, 1000)))
                .build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(SpotifyCaller.errorCode(response)).isEqualTo("insufficient_scope");
    }

    @Test
    void truncatedImagesAre400() throws IOException {
        for (String format : new String[] {"png", "jpg", "tiff"}) {
            byte[] cut = Arrays.copyOf(image(format, 1000, 1000), 6);
            HttpResponse<String> response =
                    upload(SpotifyCaller.PARTNER, "image/" + (format.equals("jpg") ? "jpeg" : format), cut);
            assertThat(response.statusCode()).as(format).isEqualTo(400);
        }
    }

    private static byte[] uncheckedImage(String format, int width, int height) {
        try {
            return image(format, width, height);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
