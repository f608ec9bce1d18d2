package org.openaccess.partner.core.spotify;

import java.net.URI;
import java.util.Set;

/**
 * Port: the Open Access calls the deployed functions make. Every call is a POST whose body is a compact JWS
 * (HS256, key = the client secret's UTF-8 bytes). The adapter fetches and caches the client-credentials token
 * for each scope itself; only register-user takes the user's token. Every call names the partner id
 * it is for (a platform has many; a single publisher passes SPOTIFY_PARTNER_ID). The
 * operator's calls (create-partner, upload-logo) are {@link PartnerAdminClient}'s.
 */
public interface OpenAccessClient {
    /** register-user (scope user-soa-link, the user's token): returns the completion URL. */
    OpenAccessResult<URI> registerUser(
            String partnerId, String userAccessToken, String partnerUserId, Set<String> entitlements);

    /** unlink-user (scope user-soa-unlink). */
    OpenAccessResult<Void> unlinkUser(String partnerId, String partnerUserId);

    OpenAccessResult<Void> addEntitlements(String partnerId, String partnerUserId, Set<String> entitlements);

    OpenAccessResult<Void> deleteEntitlements(String partnerId, String partnerUserId, Set<String> entitlements);

    /** get-entitlements: what Spotify holds for one user (the reconciler verifies links with it). */
    OpenAccessResult<Set<String>> getEntitlements(String partnerId, String partnerUserId);

    /** replace-entitlements; an empty set clears all. */
    OpenAccessResult<Void> replaceEntitlements(String partnerId, String partnerUserId, Set<String> entitlements);
}
