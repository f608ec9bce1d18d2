package org.openaccess.partner.admin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A logo file checked the way Spotify's upload-logo checks it, before anything is sent: PNG, JPEG or TIFF by its
 * bytes (never its name), at most 10 MB, each side at most 8000 px and one side at least 1000 px. The dimensions come
 * from the image header through {@code javax.imageio}, without decoding the pixels.
 */
record LogoFile(String contentType, byte[] bytes, int width, int height) {
    static final long MAX_BYTES = 10L * 1024 * 1024;
    static final int MAX_SIDE = 8000;
    static final int MIN_LONG_SIDE = 1000;

    private enum Kind {
        PNG("image/png", "png"),
        JPEG("image/jpeg", "jpeg"),
        TIFF("image/tiff", "tiff");

        final String contentType;
        final String format;

        Kind(String contentType, String format) {
            this.contentType = contentType;
            this.format = format;
        }
    }

    /** Reads and checks {@code file}; an {@link AdminFailure} (exit 2) says exactly what is wrong. */
    static LogoFile read(Path file) {
        long size;
        try {
            if (Files.isDirectory(file)) {
                throw unfit(file + " is a directory, not an image file");
            }
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw unfit("No file " + file);
        } catch (IOException e) {
            throw unfit("Cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        if (size == 0) {
            throw unfit(file + " is empty");
        }
        if (size > MAX_BYTES) {
            throw unfit(file + " is " + size + " bytes (" + megabytes(size) + "); Spotify takes at most " + MAX_BYTES
                    + " bytes (10 MB)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            throw unfit("Cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw unfit("Cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        Kind kind = kindOf(bytes);
        if (kind == null) {
            throw unfit(file + " is not a PNG, JPEG or TIFF image: its first bytes are none of theirs"
                    + " (the file's name does not matter, its content does)");
        }
        int[] size2d = dimensions(file, kind, bytes);
        int width = size2d[0];
        int height = size2d[1];
        if (width > MAX_SIDE || height > MAX_SIDE) {
            throw unfit(file + " is " + width + "x" + height + " px; each side must be at most " + MAX_SIDE + " px");
        }
        if (Math.max(width, height) < MIN_LONG_SIDE) {
            throw unfit(
                    file + " is " + width + "x" + height + " px; one side must be at least " + MIN_LONG_SIDE + " px");
        }
        return new LogoFile(kind.contentType, bytes, width, height);
    }

    /** The magic numbers: PNG's 8-byte signature, JPEG's SOI marker, TIFF's byte order mark and 42. */
    private static Kind kindOf(byte[] b) {
        if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Kind.PNG;
        }
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
            return Kind.JPEG;
        }
        if (startsWith(b, 'I', 'I', 42, 0) || startsWith(b, 'M', 'M', 0, 42)) {
            return Kind.TIFF;
        }
        return null;
    }

    private static int[] dimensions(Path file, Kind kind, byte[] bytes) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(kind.format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("This JDK has no " + kind.format + " image reader");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            return new int[] {reader.getWidth(0), reader.getHeight(0)};
        } catch (IOException | RuntimeException e) {
            throw unfit(file + " starts like a " + kind.name() + " image but its header cannot be read ("
                    + kind.name().toLowerCase(Locale.ROOT) + " reader: "
                    + e.getClass().getSimpleName() + ")");
        } finally {
            reader.dispose();
        }
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static AdminFailure unfit(String message) {
        return new AdminFailure(ExitCodes.USAGE, message);
    }
}
