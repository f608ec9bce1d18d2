package org.openaccess.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openaccess.emulator.http.PageHeaders;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;

/**
 * A membership platform: partners made with create-partner behave like configured ones (Get access start,
 * register-user, entitlements, their own shows, logo and name on the consent and completion pages), for the client
 * that owns them only.
 */
class PlatformPartnersTest {
    static final String CREATOR_SHOW = "CreatorAShow0000000001";
    static final String PUID = "00000000000000a1";

    @RegisterExtension
    static final SpotifyEmulatorExtension EMULATOR = new SpotifyEmulatorExtension(SpotifyCaller.withOtherClient());

    static final SpotifyCaller spotify = new SpotifyCaller(EMULATOR);
    String creator;

    @BeforeEach
    void createCreator() {
        creator = createPartner("Creator A", "http://127.0.0.1:3000/link/creator-a");
        EMULATOR.emulator()
                .addShow(new Show(CREATOR_SHOW, "Creator A Weekly", List.of("supporter")).ofPartner(creator));
    }

    private String createPartner(String name, String entrypoint) {
        HttpResponse<String> response = spotify.signed(
                "create-partner",
                spotify.clientToken("soa-create-partner"),
                Map.of("partner_name", name, "entrypoint_url", entrypoint));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SpotifyCaller.json(response).get("partner_id").asText();
    }

    private static Map<String, Object> payload(String partnerId, List<String> entitlements) {
        Map<String, Object> payload = new LinkedHashMap<>(SpotifyCaller.payload(PUID, entitlements));
        payload.put("partner_id", partnerId);
        return payload;
    }

    private void uploadLogo() throws IOException {
        HttpResponse<String> upload = spotify.send(spotify.request("/api/v1/upload-logo/" + creator)
                .header("Authorization", "Bearer " + spotify.clientToken("soa-manage-partner"))
                .header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(PartnerEndpointsTest.image("png", 1000, 400)))
                .build());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
    }

    @Test
    void getAccessSendsTheListenerToTheCreatedPartnersEntrypointAndRemembersThePartner() {
        HttpResponse<String> start = spotify.get("/link/" + creator + "?spotifyShowUri=spotify:show:" + CREATOR_SHOW);

        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(SpotifyCaller.location(start)).isEqualTo("http://127.0.0.1:3000/link/creator-a");
        assertThat(start.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("spotify_show_uri=spotify:show:" + CREATOR_SHOW + ";"))
                .anySatisfy(c -> assertThat(c).startsWith("spotify_link_partner=" + creator + ";"));
    }

    @Test
    void aShowOfAnotherPartnerIsNotThisPartnersToStartFrom() {
        HttpResponse<String> start =
                spotify.get("/link/" + creator + "?spotifyShowUri=spotify:show:" + EmulatorConfig.BASIC_SHOW_ID);
        HttpResponse<String> configured = spotify.get(
                "/link/" + EmulatorConfig.LOCAL_PARTNER_ID + "?spotifyShowUri=spotify:show:" + CREATOR_SHOW);

        assertThat(start.statusCode()).isEqualTo(404);
        assertThat(start.body()).contains("<p id=\"error-code\">UNKNOWN_SHOW</p>");
        assertThat(configured.statusCode()).isEqualTo(404);
    }

    @Test
    void theOwningClientRegistersAndManagesItsCreatedPartnersListeners() {
        HttpResponse<String> registered =
                spotify.signed("register-user", spotify.userToken("ada"), payload(creator, List.of("supporter")));
        String manage = spotify.clientToken("soa-manage-entitlements");
        HttpResponse<String> replaced =
                spotify.signed("replace-entitlements", manage, payload(creator, List.of("supporter", "patron")));
        HttpResponse<String> read = spotify.signed("get-entitlements", manage, payload(creator, null));

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(SpotifyCaller.json(read).get("entitlements").toString()).isEqualTo("[\"patron\",\"supporter\"]");
        assertThat(EMULATOR.emulator().entitlements(creator, PUID)).containsExactlyInAnyOrder("supporter", "patron");
        assertThat(EMULATOR.emulator().entitlements(EmulatorConfig.LOCAL_PARTNER_ID, PUID))
                .isEmpty();
    }

    @Test
    void anotherClientGets403ForACreatedPartnerItDoesNotOwn() {
        spotify.signed("register-user", spotify.userToken("ada"), payload(creator, List.of("supporter")));
        Map<String, String> authorize = SpotifyCaller.authorizeParams("other-state");
        authorize.put("client_id", SpotifyCaller.OTHER_CLIENT);
        authorize.put("redirect_uri", SpotifyCaller.OTHER_REDIRECT);
        String code = spotify.code("grace", authorize);
        HttpResponse<String> exchanged = spotify.postForm(
                "/api/token",
                Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", SpotifyCaller.OTHER_REDIRECT),
                "Authorization",
                SpotifyCaller.basic(SpotifyCaller.OTHER_CLIENT, SpotifyCaller.OTHER_SECRET));
        String otherUserToken =
                SpotifyCaller.json(exchanged).get("access_token").asText();
        String otherManage =
                spotify.clientToken(SpotifyCaller.OTHER_CLIENT, SpotifyCaller.OTHER_SECRET, "soa-manage-entitlements");

        List<HttpResponse<String>> refused = List.of(
                spotify.openAccess(
                        "register-user",
                        otherUserToken,
                        SpotifyCaller.sign(payload(creator, List.of("supporter")), SpotifyCaller.OTHER_SECRET)),
                spotify.openAccess(
                        "get-entitlements",
                        otherManage,
                        SpotifyCaller.sign(payload(creator, null), SpotifyCaller.OTHER_SECRET)),
                spotify.openAccess(
                        "replace-entitlements",
                        otherManage,
                        SpotifyCaller.sign(payload(creator, List.of()), SpotifyCaller.OTHER_SECRET)));

        assertThat(refused).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(SpotifyCaller.errorCode(response)).isEqualTo("partner_not_owned");
        });
        assertThat(EMULATOR.emulator().entitlements(creator, PUID)).containsExactly("supporter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:3000/link/creator-b", "http://[::1]:3000/link/creator-b"})
    void createPartnerAcceptsLoopbackEntrypointsWithAPort(String url) {
        String id = createPartner("Creator B", url);

        assertThat(EMULATOR.emulator().partner(id).orElseThrow().entrypointUrl())
                .isEqualTo(URI.create(url));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://localhost:3000/link",
                "http://10.0.0.1:3000/link",
                "http://127.0.0.1/link",
                "http://partner.example/link"
            })
    void createPartnerRefusesOtherPlainHttpEntrypoints(String url) {
        HttpResponse<String> response = spotify.signed(
                "create-partner",
                spotify.clientToken("soa-create-partner"),
                Map.of("partner_name", "Creator C", "entrypoint_url", url));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SpotifyCaller.errorCode(response)).isEqualTo("invalid_entrypoint_url");
    }

    @Test
    void theCompletionPageListsOnlyTheCreatedPartnersShowsWithItsLogoAndName() throws IOException {
        uploadLogo();
        HttpResponse<String> registered = spotify.signed(
                "register-user", spotify.userToken("ada"), payload(creator, List.of("supporter", "basic")));
        String path = URI.create(
                        SpotifyCaller.json(registered).get("completion_url").asText())
                .getPath();

        HttpResponse<String> page = spotify.get(path);

        assertThat(page.body())
                .contains("<li data-show-uri=\"spotify:show:" + CREATOR_SHOW + "\">")
                .doesNotContain(EmulatorConfig.BASIC_SHOW_ID)
                .contains("<span id=\"partner-name\">Creator A</span>")
                .contains("<img id=\"partner-logo\" src=\"/_emulator/logos/" + creator + "\"");
    }

    @Test
    void theConsentPageNamesThePartnerWhoseGetAccessWasPressedWithItsLogo() throws IOException {
        uploadLogo();
        HttpResponse<String> start = spotify.get("/link/" + creator + "?spotifyShowUri=spotify:show:" + CREATOR_SHOW);
        String partnerCookie = start.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("spotify_link_partner="))
                .findFirst()
                .orElseThrow()
                .split(";")[0];

        HttpResponse<String> consent = spotify.get(
                "/authorize?" + SpotifyCaller.form(SpotifyCaller.authorizeParams("s")), "Cookie", partnerCookie);
        HttpResponse<String> logo = spotify.get("/_emulator/logos/" + creator);

        assertThat(consent.body())
                .contains("<strong id=\"partner-name\">Creator A</strong>")
                .contains("<img id=\"partner-logo\" src=\"/_emulator/logos/" + creator + "\"");
        assertThat(consent.headers().firstValue("Content-Security-Policy"))
                .hasValue(PageHeaders.CONTENT_SECURITY_POLICY)
                .hasValueSatisfying(csp -> assertThat(csp).contains("img-src 'self'"));
        assertThat(logo.statusCode()).isEqualTo(200);
        assertThat(logo.headers().firstValue("Content-Type")).hasValue("image/png");
    }

    @Test
    void withoutGetAccessAPlatformsConsentPageNamesNoPartner() {
        HttpResponse<String> consent = spotify.authorize(SpotifyCaller.authorizeParams("s"));

        assertThat(consent.statusCode()).isEqualTo(200);
        assertThat(consent.body()).doesNotContain("id=\"partner-name\"").doesNotContain("partner-logo");
    }

    @Test
    void aPartnerWithoutALogoHasNoneToServe() {
        HttpResponse<String> logo = spotify.get("/_emulator/logos/" + creator);

        assertThat(logo.statusCode()).isEqualTo(404);
        assertThat(SpotifyCaller.errorCode(logo)).isEqualTo("no_logo");
    }

    @Test
    void showsAreAddedOverHttpForAKnownPartnerOnly() {
        String show = "{\"id\":\"CreatorAShow0000000002\",\"title\":\"Creator A Live\",\"entitlements\":[\"patron\"],"
                + "\"partnerId\":\"" + creator + "\"}";
        HttpResponse<String> added = post("/_emulator/shows", show);
        HttpResponse<String> unknown = post("/_emulator/shows", show.replace(creator, "NoSuchPartner000000000"));
        HttpResponse<String> invalid = post("/_emulator/shows", show.replace("\"title\"", "\"titel\""));
        HttpResponse<String> again = post("/_emulator/shows", show);

        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(SpotifyCaller.json(added).path("show").path("partnerId").asText())
                .isEqualTo(creator);
        assertThat(SpotifyCaller.json(spotify.get("/_emulator/state"))
                        .path("shows")
                        .findValuesAsText("id"))
                .contains(CREATOR_SHOW, "CreatorAShow0000000002");
        assertThat(EMULATOR.emulator().shows(creator))
                .extracting(Show::id)
                .containsExactly(CREATOR_SHOW, "CreatorAShow0000000002");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(SpotifyCaller.errorCode(unknown)).isEqualTo("unknown_partner");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(SpotifyCaller.errorCode(invalid)).isEqualTo("invalid_show");
        assertThat(SpotifyCaller.json(invalid).path("error").path("message").asText())
                .startsWith("show.titel: unknown field");
        assertThat(SpotifyCaller.errorCode(again)).isEqualTo("invalid_show");
    }

    @Test
    void theJavaApiListsCreatedPartnersWithTheirOwnerAndLogoAndResetForgetsThem() throws IOException {
        uploadLogo();

        Partner created = EMULATOR.emulator().partner(creator).orElseThrow();
        assertThat(created.name()).isEqualTo("Creator A");
        assertThat(created.ownerClientId()).isEqualTo(EmulatorConfig.LOCAL_CLIENT_ID);
        assertThat(created.uploadedLogo()).hasValueSatisfying(logo -> {
            assertThat(logo.mediaType()).isEqualTo("image/png");
            assertThat(logo.width()).isEqualTo(1000);
            assertThat(logo.height()).isEqualTo(400);
        });
        assertThat(EMULATOR.emulator().partners())
                .extracting(Partner::id)
                .contains(creator, EmulatorConfig.LOCAL_PARTNER_ID);

        EMULATOR.emulator().reset();

        assertThat(EMULATOR.emulator().partners())
                .extracting(Partner::id)
                .containsExactlyInAnyOrder(EmulatorConfig.LOCAL_PARTNER_ID, SpotifyCaller.OTHER_PARTNER);
        assertThat(EMULATOR.emulator().shows(creator)).isEmpty();
    }

    private HttpResponse<String> post(String path, String json) {
        return spotify.send(spotify.request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }
}
