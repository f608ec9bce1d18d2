package org.openaccess.partner.core.partners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PartnerSlugTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "lunar-radio", "a1-b2-c3", "0xx", "9-9"})
    void acceptsLowercaseLettersDigitsAndInnerHyphens(String text) {
        assertEquals(text, PartnerSlug.parse(text).value());
        assertEquals(Optional.empty(), PartnerSlug.problem(text));
    }

    @Test
    void acceptsSixtyThreeCharactersAndNotSixtyFour() {
        assertEquals(63, PartnerSlug.parse("a".repeat(63)).value().length());
        assertEquals(
                "The slug '" + "a".repeat(64) + "' is 64 characters long; it must be 3 to 63 characters",
                assertThrows(InvalidSlugException.class, () -> PartnerSlug.parse("a".repeat(64)))
                        .getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ab|The slug 'ab' is 2 characters long; it must be 3 to 63 characters",
                "Lunar|The slug 'Lunar' has 'L' at position 1; only a-z, 0-9 and '-' are allowed (use lowercase letters)",
                "lunar_radio|The slug 'lunar_radio' has '_' at position 6; only a-z, 0-9 and '-' are allowed",
                "lunar radio|The slug 'lunar radio' has ' ' at position 6; only a-z, 0-9 and '-' are allowed",
                "café|The slug 'café' has 'é' at position 4; only a-z, 0-9 and '-' are allowed",
                "../x|The slug '../x' has '.' at position 1; only a-z, 0-9 and '-' are allowed",
                "-lunar|The slug '-lunar' starts with a hyphen; it must start and end with a letter or digit",
                "lunar-|The slug 'lunar-' ends with a hyphen; it must start and end with a letter or digit"
            })
    void saysExactlyWhatIsWrong(String text, String problem) {
        assertEquals(Optional.of(problem), PartnerSlug.problem(text));
        assertEquals(
                problem,
                assertThrows(InvalidSlugException.class, () -> PartnerSlug.parse(text))
                        .getMessage());
    }

    @Test
    void anEmptyOrMissingSlugIsNamedAsSuch() {
        String expected = "The slug is empty; give 3 to 63 characters of a-z, 0-9 and '-'";
        assertEquals(Optional.of(expected), PartnerSlug.problem(""));
        assertEquals(Optional.of(expected), PartnerSlug.problem(null));
    }

    @Test
    void controlCharactersAreShownAsCodesNotPrinted() {
        assertEquals(
                Optional.of("The slug 'ab\\u001bc' has '\\u001b' at position 3; only a-z, 0-9 and '-' are allowed"),
                PartnerSlug.problem("ab\u001bc"));
    }
}
