package org.openaccess.partner.core.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** HS256 needs a key of at least 256 bits: jjwt refuses a shorter client secret when it signs. */
class ClientSecretTest {

    @Test
    void thirtyTwoBytesAreEnough() {
        assertEquals(Optional.empty(), ClientSecret.validate("0123456789abcdef0123456789abcdef"));
    }

    @Test
    void aTruncatedSecretIsNamedWithoutItsValue() {
        String truncated = "0123456789abcdef0123456789abcde";
        Optional<String> problem = ClientSecret.validate(truncated);
        assertTrue(problem.orElseThrow().contains("client_secret"), problem.get());
        assertTrue(problem.get().contains("32"), problem.get());
        assertFalse(problem.get().contains(truncated));
    }

    @Test
    void bytesCountNotCharacters() {
        assertEquals(Optional.empty(), ClientSecret.validate("é".repeat(16)));
        assertTrue(ClientSecret.validate("é".repeat(15)).isPresent());
    }
}
