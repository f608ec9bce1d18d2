package org.openaccess.emulator;

/** A configuration the emulator refuses to start with; the message names the bad field. */
public final class ConfigException extends RuntimeException {
    private final String field;

    public ConfigException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The offending field as a path, e.g. {@code clients[0].redirectUris[1]}. */
    public String field() {
        return field;
    }
}
