package org.openaccess.emulator.accounts;

import java.util.Set;

/** A refresh token's grant; revoked when the user's link is removed. */
record RefreshGrant(String clientId, String userId, Set<String> scopes, boolean publicClient, boolean revoked) {
    RefreshGrant revoke() {
        return new RefreshGrant(clientId, userId, scopes, publicClient, true);
    }
}
