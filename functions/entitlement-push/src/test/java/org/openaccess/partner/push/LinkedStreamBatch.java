package org.openaccess.partner.push;

import java.util.Set;
import org.openaccess.emulator.SpotifyEmulator;
import org.openaccess.partner.core.identity.Membership;
import org.openaccess.partner.core.testing.EntitlementTestBed;

/**
 * The linked side of {@code events/entitlement-push/stream-batch.json} in a fresh deployment: member-ada,
 * member-grace and member-alan linked at the default partner, then their entitlements changed as the batch's
 * records say (what the partner's membership system wrote while the records were produced). The handler and
 * metrics tests feed the batch to {@link #handler()}.
 */
record LinkedStreamBatch(EntitlementTestBed bed, EntitlementPushHandler handler) {
    static final Membership ADA = EntitlementTestBed.member("member-ada");
    static final Membership GRACE = EntitlementTestBed.member("member-grace");
    static final Membership ALAN = EntitlementTestBed.member("member-alan");

    /** @param spotify the class's emulator, after its reset for this test */
    static LinkedStreamBatch deploy(SpotifyEmulator spotify) {
        EntitlementTestBed bed = new EntitlementTestBed(spotify, EntitlementPushHandler.REQUIRED);
        EntitlementPushHandler handler = new EntitlementPushHandler(bed.wiring);
        bed.link(ADA, "ada", Set.of("basic"));
        bed.link(GRACE, "grace", Set.of("basic"));
        bed.link(ALAN, "alan", Set.of("premium"));
        bed.change(ADA, Set.of("basic", "premium"));
        bed.change(GRACE, Set.of("premium"));
        bed.change(ALAN, Set.of());
        return new LinkedStreamBatch(bed, handler);
    }
}
