package org.openaccess.partner.core.secrets;

/**
 * The partner's secret is there but unusable (e.g. a client secret too short to sign with): only the operator can
 * fix it. A kind of {@link SecretsUnavailableException}, so the stream and the reconciler retry it like an outage,
 * while the HTTP functions tell the listener the service is misconfigured. Never carries a secret value.
 */
public final class PartnerMisconfiguredException extends SecretsUnavailableException {
    public PartnerMisconfiguredException(String message) {
        super(message, null);
    }
}
