package org.openaccess.partner.core.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a Spotify client secret must be to sign with: the Open Access JWS is HS256 with the secret's UTF-8 bytes
 * as key, and HS256 needs at least 256 bits (jjwt refuses a shorter key when it signs). Spotify's secrets are 32
 * characters; a shorter one was pasted or truncated. Checked where the secret is read: at secret load in Lambda,
 * and at start for local settings.
 */
public final class ClientSecret {
    /** 256 bits. */
    public static final int MIN_BYTES = 32;

    private ClientSecret() {}

    /** Why {@code clientSecret} cannot sign (naming the setting, never quoting the value), or empty when it can. */
    public static Optional<String> validate(String clientSecret) {
        int bytes = clientSecret == null ? 0 : clientSecret.getBytes(StandardCharsets.UTF_8).length;
        return bytes >= MIN_BYTES
                ? Optional.empty()
                : Optional.of("client_secret has " + bytes + " bytes; HS256 signing needs at least " + MIN_BYTES
                        + " (Spotify's client secrets are 32 characters: was it truncated?)");
    }
}
