package org.openaccess.emulator.accounts;

import java.util.Set;

/** A checked {@code /authorize} request waiting for the user's decision. */
record AuthorizationRequest(
        String clientId, String redirectUri, Set<String> scopes, String state, String codeChallenge) {}
