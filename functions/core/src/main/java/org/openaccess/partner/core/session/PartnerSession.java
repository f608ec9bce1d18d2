package org.openaccess.partner.core.session;

import java.time.Instant;

/** A listener logged in to the partner's site: the partner's own user id and when the session ends. */
public record PartnerSession(String userId, Instant expiresAt) {}
