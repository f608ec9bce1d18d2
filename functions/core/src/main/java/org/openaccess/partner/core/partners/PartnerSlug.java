package org.openaccess.partner.core.partners;

import java.util.Optional;

/**
 * The name a partner of a membership platform is known by in this deployment: the last segment of its Entrypoint URL
 * ({@code /link/<slug>}) and the key of the partner registry. 3 to 63 characters of {@code a-z}, {@code 0-9} and
 * {@code -}, neither starting nor ending with a hyphen (the rules of a DNS label, so a slug also fits in a host name).
 */
public record PartnerSlug(String value) {
    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 63;

    public PartnerSlug {
        problem(value).ifPresent(problem -> {
            throw new InvalidSlugException(problem);
        });
    }

    /** The slug, or {@link InvalidSlugException} saying exactly what is wrong with {@code text}. */
    public static PartnerSlug parse(String text) {
        return new PartnerSlug(text);
    }

    /** What is wrong with {@code text} as a slug, or empty when it is a valid one. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.of("The slug is empty; give 3 to 63 characters of a-z, 0-9 and '-'");
        }
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        if (text.length() < MIN_LENGTH || text.length() > MAX_LENGTH) {
            return Optional.of("The slug '" + printable(shown) + "' is " + text.length()
                    + " characters long; it must be 3 to 63 characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!allowed) {
                String hint = c >= 'A' && c <= 'Z' ? " (use lowercase letters)" : "";
                return Optional.of("The slug '" + printable(shown) + "' has '" + printable(String.valueOf(c))
                        + "' at position " + (i + 1) + "; only a-z, 0-9 and '-' are allowed" + hint);
            }
        }
        if (text.startsWith("-") || text.endsWith("-")) {
            return Optional.of("The slug '" + shown + "' " + (text.startsWith("-") ? "starts" : "ends")
                    + " with a hyphen; it must start and end with a letter or digit");
        }
        return Optional.empty();
    }

    /** Control characters would garble the operator's terminal: show their code instead. */
    private static String printable(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
