package org.openaccess.partner.core.partners;

/** Where a partner of the registry stands in onboarding. */
public enum PartnerStatus {
    /**
     * The operator asked to create it and create-partner may be under way or may have answered without the answer
     * being recorded: Spotify may or may not know this partner. Never called again without the operator's decision.
     */
    CREATING,
    /** Spotify created it and its partner id is recorded. */
    ACTIVE
}
