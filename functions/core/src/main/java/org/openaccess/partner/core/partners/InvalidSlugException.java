package org.openaccess.partner.core.partners;

/** A text that is not a {@link PartnerSlug}; the message says exactly what is wrong, fit to show to a user. */
public final class InvalidSlugException extends IllegalArgumentException {
    public InvalidSlugException(String message) {
        super(message);
    }
}
