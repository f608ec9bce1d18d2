package org.openaccess.partner.core.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Built at init, seeded at the first draw: what a SnapStart snapshot copies holds no random state. */
class FirstUseSecureRandomTest {

    @Test
    void holdsNoGeneratorUntilItsFirstDraw() {
        FirstUseSecureRandom random = new FirstUseSecureRandom();
        assertFalse(random.seeded());
        assertEquals("deferred", random.getAlgorithm());

        byte[] bytes = new byte[32];
        random.nextBytes(bytes);

        assertTrue(random.seeded());
        assertNotEquals("deferred", random.getAlgorithm());
        assertFalse(Arrays.equals(new byte[32], bytes), "32 zero bytes would mean nothing was drawn");
    }

    @Test
    void twoOfThemDrawDifferentBytes() {
        byte[] first = new byte[32];
        byte[] second = new byte[32];
        new FirstUseSecureRandom().nextBytes(first);
        new FirstUseSecureRandom().nextBytes(second);

        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void theOtherWaysToDrawAlsoWork() {
        FirstUseSecureRandom random = new FirstUseSecureRandom();
        int draws = 0;
        for (int i = 0; i < 64; i++) {
            draws |= random.nextInt();
        }
        assertNotEquals(0, draws, "64 ints OR-ed together are never 0 when drawn at random");
        assertEquals(8, random.generateSeed(8).length);
    }
}
