package org.openaccess.partner.core.spotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PkceGeneratorTest {
    @Test
    void challengeIsS256AsInRfc7636AppendixB() {
        assertEquals(
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                PkceGenerator.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    void verifierIs43UnreservedCharactersAndTheChallengeFitsIt() {
        Pkce pkce = new PkceGenerator(new SecureRandom()).generate();
        assertTrue(pkce.verifier().matches("^[A-Za-z0-9\\-._~]{43}$"), "verifier format");
        assertEquals(PkceGenerator.challengeOf(pkce.verifier()), pkce.challenge());
        assertFalse(pkce.toString().contains(pkce.verifier()));
    }

    @Test
    void eachPairIsNew() {
        PkceGenerator generator = new PkceGenerator(new SecureRandom());
        assertNotEquals(generator.generate().verifier(), generator.generate().verifier());
    }
}
