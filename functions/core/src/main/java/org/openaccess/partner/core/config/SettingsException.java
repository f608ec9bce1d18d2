package org.openaccess.partner.core.config;

import java.util.List;

/** Thrown at init when settings are missing or malformed; the message names every bad setting. */
public final class SettingsException extends RuntimeException {
    private final List<String> problems;

    public SettingsException(List<String> problems) {
        super("Invalid configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
