package org.openaccess.emulator;

import java.time.Instant;

/**
 * One Open Access or token call as the emulator saw it. Holds no secret: no token, code or body.
 *
 * @param endpoint      {@code token}, or the Open Access endpoint name such as {@code replace-entitlements}
 * @param clientId      the calling client when known
 * @param partnerId     the partner the call was about, when known
 * @param partnerUserId the PUID the call was about, when known
 * @param status        the HTTP status answered (0 when the connection was dropped by a fault)
 * @param verdict       {@code ok}, or the stable error code and message (e.g. {@code not_linked: ...}),
 *                      or {@code fault: ...} when an injected fault answered
 */
public record RecordedCall(
        Instant at,
        String endpoint,
        String clientId,
        String partnerId,
        String partnerUserId,
        int status,
        String verdict) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
