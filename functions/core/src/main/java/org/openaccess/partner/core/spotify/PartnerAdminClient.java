package org.openaccess.partner.core.spotify;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Open Access calls an operator makes and no deployed function does: create-partner and upload-logo (setting
 * the partner up), and get-entitlements (looking at what Spotify holds for a user). For the operator's command
 * and tests; the functions' port is {@link OpenAccessClient}.
 */
public final class PartnerAdminClient {
    private static final Set<String> LOGO_TYPES = Set.of("image/png", "image/jpeg", "image/tiff");

    private final OpenAccessCalls calls;

    public PartnerAdminClient(OpenAccessCalls calls) {
        this.calls = calls;
    }

    /** create-partner (scope soa-create-partner, platform partners): returns the new partner id. */
    public OpenAccessResult<String> createPartner(String partnerName, URI entrypointUrl) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("partner_name", partnerName);
        fields.put("entrypoint_url", entrypointUrl.toString());
        return calls.serviceCall(
                "create-partner",
                Scopes.CREATE_PARTNER,
                () -> calls.jws(fields),
                bytes -> OpenAccessCalls.field(bytes, "partner_id"));
    }

    /** upload-logo/{partnerId} (scope soa-manage-partner): raw PNG, JPEG or TIFF bytes. */
    public OpenAccessResult<Void> uploadLogo(String logoPartnerId, byte[] image, String contentType) {
        if (!LOGO_TYPES.contains(contentType)) {
            return new OpenAccessResult.Rejected<>(400, "logo must be image/png, image/jpeg or image/tiff");
        }
        String path = "upload-logo/" + URLEncoder.encode(logoPartnerId, StandardCharsets.UTF_8);
        return calls.serviceCall(
                path, Scopes.MANAGE_PARTNER, () -> new OpenAccessCalls.Body(image, contentType), bytes -> null);
    }
}
