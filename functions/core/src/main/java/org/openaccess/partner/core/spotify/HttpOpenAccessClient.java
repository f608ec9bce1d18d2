package org.openaccess.partner.core.spotify;

import java.net.URI;
import java.util.Set;

/**
 * The Open Access API over HTTP, the calls the deployed functions make: register-user with the listener's token,
 * unlink-user and the entitlement writes with a cached client-credentials token per scope. How a call is made is
 * {@link OpenAccessCalls}'s; the operator's calls are {@link PartnerAdminClient}'s. Each user call names the partner
 * id it is for.
 */
public final class HttpOpenAccessClient implements OpenAccessClient {
    private final OpenAccessCalls calls;

    public HttpOpenAccessClient(OpenAccessCalls calls) {
        this.calls = calls;
    }

    @Override
    public OpenAccessResult<URI> registerUser(
            String partnerId, String userAccessToken, String partnerUserId, Set<String> entitlements) {
        return calls.userCall(
                "register-user",
                userAccessToken,
                OpenAccessCalls.userFields(partnerId, partnerUserId, entitlements),
                bytes -> URI.create(OpenAccessCalls.field(bytes, "completion_url")));
    }

    @Override
    public OpenAccessResult<Void> unlinkUser(String partnerId, String partnerUserId) {
        return calls.userServiceCall("unlink-user", Scopes.UNLINK, partnerId, partnerUserId, null, bytes -> null);
    }

    @Override
    public OpenAccessResult<Void> addEntitlements(String partnerId, String partnerUserId, Set<String> entitlements) {
        return calls.userServiceCall(
                "add-entitlements", Scopes.ENTITLEMENTS, partnerId, partnerUserId, entitlements, bytes -> null);
    }

    @Override
    public OpenAccessResult<Void> deleteEntitlements(String partnerId, String partnerUserId, Set<String> entitlements) {
        return calls.userServiceCall(
                "delete-entitlements", Scopes.ENTITLEMENTS, partnerId, partnerUserId, entitlements, bytes -> null);
    }

    @Override
    public OpenAccessResult<Set<String>> getEntitlements(String partnerId, String partnerUserId) {
        return calls.userServiceCall(
                "get-entitlements",
                Scopes.ENTITLEMENTS,
                partnerId,
                partnerUserId,
                null,
                OpenAccessCalls::entitlementsOf);
    }

    @Override
    public OpenAccessResult<Void> replaceEntitlements(
            String partnerId, String partnerUserId, Set<String> entitlements) {
        return calls.userServiceCall(
                "replace-entitlements", Scopes.ENTITLEMENTS, partnerId, partnerUserId, entitlements, bytes -> null);
    }
}
