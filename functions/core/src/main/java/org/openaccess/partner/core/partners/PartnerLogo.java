package org.openaccess.partner.core.partners;

import java.time.Instant;

/** The logo last uploaded to Spotify for a partner: what it was and when (the image itself stays with Spotify). */
public record PartnerLogo(String contentType, long sizeBytes, Instant uploadedAt) {}
