package org.openaccess.partner.admin;

/** Free text the operator typed (a partner's name, a user id), checked before anything is called. */
final class TypedText {
    private TypedText() {}

    /**
     * {@code value}, or a usage failure naming the problem.
     *
     * @param label how the messages name the value, e.g. {@code The name} or {@code USER}
     * @param whenEmpty the whole message for an empty or blank value, with what to give instead
     */
    static String checked(String label, String value, int maxLength, String whenEmpty) {
        if (value.isBlank()) {
            throw new AdminFailure(ExitCodes.USAGE, whenEmpty);
        }
        if (value.length() > maxLength) {
            throw new AdminFailure(
                    ExitCodes.USAGE, label + " is " + value.length() + " characters long; at most " + maxLength);
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new AdminFailure(ExitCodes.USAGE, label + " contains a control character (a tab or line break?)");
        }
        return value;
    }
}
