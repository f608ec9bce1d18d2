package org.openaccess.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaccess.emulator.http.Rejection;
import org.openaccess.emulator.junit.SpotifyEmulatorExtension;
import org.openaccess.emulator.openaccess.CompactJws;

/** The signing vector printed on Spotify's concepts page, secret of 32 zeros. */
class KnownAnswerJwsTest {
    static final String VECTOR = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            + "eyJwYXJ0bmVyX2lkIjoiMDAwMDAwMDAwMDAwMDAwMDAwMDAwMCIsInBhcnRuZXJfdXNlcl9pZCI6IjYzZTZkNTRiLTk5M2EtNDQ3Zi1h"
            + "MWU4LTFkMjVkZDVmMDlhYyIsImVudGl0bGVtZW50cyI6WyJlbnRpdGxlbWVudC0xIiwiZW50aXRsZW1lbnQtMiJdfQ."
            + "22W1Mp9bDHUzg_KwBAWbT2B8aUvRU_5Kefau6LlLzyw";
    static final String ZEROS = "00000000000000000000000000000000";
    static final ClientConfig ZEROS_CLIENT = ClientConfig.of(
                    "2e4o2e4o2e4o2e4o2e4o2e4o2e4o2e4o", ZEROS, "Concepts page client")
            .withAllowedScopes(Set.of(Scopes.MANAGE_ENTITLEMENTS))
            .withPartner(new PartnerConfig("0000000000000000000000", "Zero", URI.create("https://zero.example/link")));

    @RegisterExtension
    static final SpotifyEmulatorExtension EMULATOR =
            new SpotifyEmulatorExtension(EmulatorConfig.defaults().withClient(ZEROS_CLIENT));

    @Test
    void theVectorVerifiesWithThe32ZeroSecretAndCarriesItsPayload() {
        CompactJws jws = CompactJws.parse(VECTOR);

        assertThat(jws.verifies(ZEROS)).isTrue();
        assertThat(jws.payload().get("partner_id").asText()).isEqualTo("0000000000000000000000");
        assertThat(jws.payload().get("partner_user_id").asText()).isEqualTo("63e6d54b-993a-447f-a1e8-1d25dd5f09ac");
        assertThat(jws.payload().get("entitlements").toString()).isEqualTo("[\"entitlement-1\",\"entitlement-2\"]");
    }

    @Test
    void theVectorFailsWithAnyOtherSecret() {
        CompactJws jws = CompactJws.parse(VECTOR);

        assertThat(jws.verifies("00000000000000000000000000000001")).isFalse();
        assertThat(jws.verifies("0000000000000000")).isFalse();
    }

    @Test
    void aChangedPayloadNoLongerVerifies() {
        String[] parts = VECTOR.split("\\.");
        String tampered = parts[0] + "." + parts[1].replace("MDAw", "MTAw") + "." + parts[2];

        assertThat(CompactJws.parse(tampered).verifies(ZEROS)).isFalse();
    }

    @Test
    void truncatedVectorsAreMalformed() {
        assertThatThrownBy(() -> CompactJws.parse(VECTOR.substring(0, VECTOR.lastIndexOf('.'))))
                .isInstanceOf(Rejection.class)
                .hasMessageContaining("three base64url parts");
        assertThatThrownBy(() -> CompactJws.parse(VECTOR.substring(0, 50) + "." + "x" + "." + "y"))
                .isInstanceOf(Rejection.class);
    }

    /** Over HTTP: the emulator accepts the signature, then refuses the dashed id, as the facts say it must. */
    @Test
    void theEmulatorAcceptsTheVectorsSignatureAndRejectsItsDashedUserId() {
        SpotifyCaller caller = new SpotifyCaller(EMULATOR);
        String token = caller.clientToken(ZEROS_CLIENT.id(), ZEROS, "soa-manage-entitlements");

        HttpResponse<String> response = caller.openAccess("replace-entitlements", token, VECTOR);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SpotifyCaller.errorCode(response)).isEqualTo("invalid_partner_user_id");
        String[] parts = VECTOR.split("\\.");
        HttpResponse<String> forged = caller.openAccess(
                "replace-entitlements", token, parts[0] + "." + parts[1] + "." + parts[2].replace('2', '3'));
        assertThat(SpotifyCaller.errorCode(forged)).isEqualTo("invalid_signature");
        assertThat(EMULATOR.emulator().links()).isEmpty();
    }
}
