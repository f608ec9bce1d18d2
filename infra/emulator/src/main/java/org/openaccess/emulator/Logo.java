package org.openaccess.emulator;

/**
 * A partner's logo as upload-logo accepted it: its media type, pixel size (read from the header) and bytes.
 * Served back at {@code /_emulator/logos/{partnerId}} for the consent and completion pages.
 */
public record Logo(String mediaType, int width, int height, byte[] data) {
    public Logo {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int size() {
        return data.length;
    }

    @Override
    public String toString() {
        return "Logo[" + mediaType + ", " + width + "x" + height + ", " + data.length + " bytes]";
    }
}
