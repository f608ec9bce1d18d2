package org.openaccess.emulator.openaccess;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.openaccess.emulator.Logo;
import org.openaccess.emulator.http.Rejection;

/**
 * A logo's type and pixel size, read from the image header only (no decoding), and the upload
 * rules: PNG, JPEG or TIFF, each side at most 8000 px, the longer side at least 1000 px.
 */
public final class LogoImage {
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    static final int MAX_SIDE = 8000;
    static final int MIN_LONG_SIDE = 1000;

    private LogoImage() {}

    /** Reads the header of an upload declared as {@code mediaType} and applies the rules. */
    public static Logo read(String mediaType, byte[] data) {
        int[] size = switch (mediaType) {
            case "image/png" -> png(data);
            case "image/jpeg" -> jpeg(data);
            case "image/tiff" -> tiff(data);
            default ->
                throw new Rejection(
                        415, "unsupported_media_type", "Content-Type must be image/png, image/jpeg or image/tiff");
        };
        Logo image = new Logo(mediaType, size[0], size[1], data);
        if (size[0] > MAX_SIDE || size[1] > MAX_SIDE) {
            throw invalid("Image is " + size[0] + "x" + size[1] + " px; each side must be at most " + MAX_SIDE + " px");
        }
        if (Math.max(size[0], size[1]) < MIN_LONG_SIDE) {
            throw invalid(
                    "Image is " + size[0] + "x" + size[1] + " px; one side must be at least " + MIN_LONG_SIDE + " px");
        }
        return image;
    }

    private static int[] png(byte[] d) {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        if (d.length < 24
                || !startsWith(d, signature)
                || d[12] != 'I'
                || d[13] != 'H'
                || d[14] != 'D'
                || d[15] != 'R') {
            throw notA("PNG");
        }
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.BIG_ENDIAN);
        return dimensions(b.getInt(16), b.getInt(20));
    }

    private static int[] jpeg(byte[] d) {
        if (d.length < 4 || (d[0] & 0xFF) != 0xFF || (d[1] & 0xFF) != 0xD8) {
            throw notA("JPEG");
        }
        int at = 2;
        while (at + 3 < d.length) {
            if ((d[at] & 0xFF) != 0xFF) {
                throw notA("JPEG");
            }
            int marker = d[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++; // fill byte
                continue;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD9) {
                at += 2; // markers without a length
                continue;
            }
            int length = ((d[at + 2] & 0xFF) << 8) | (d[at + 3] & 0xFF);
            boolean startOfFrame =
                    marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                if (at + 8 >= d.length) {
                    break;
                }
                int height = ((d[at + 5] & 0xFF) << 8) | (d[at + 6] & 0xFF);
                int width = ((d[at + 7] & 0xFF) << 8) | (d[at + 8] & 0xFF);
                return dimensions(width, height);
            }
            if (length < 2) {
                throw notA("JPEG");
            }
            at += 2 + length;
        }
        throw invalid("JPEG has no frame header with its dimensions");
    }

    private static int[] tiff(byte[] d) {
        if (d.length < 8) {
            throw notA("TIFF");
        }
        ByteOrder order;
        if (d[0] == 'I' && d[1] == 'I' && d[2] == 42 && d[3] == 0) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (d[0] == 'M' && d[1] == 'M' && d[2] == 0 && d[3] == 42) {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw notA("TIFF");
        }
        ByteBuffer b = ByteBuffer.wrap(d).order(order);
        long ifd = Integer.toUnsignedLong(b.getInt(4));
        if (ifd + 2 > d.length) {
            throw invalid("TIFF directory lies outside the file");
        }
        int entries = Short.toUnsignedInt(b.getShort((int) ifd));
        int width = -1;
        int height = -1;
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + i * 12;
            if (entry + 12 > d.length) {
                break;
            }
            int tag = Short.toUnsignedInt(b.getShort(entry));
            int type = Short.toUnsignedInt(b.getShort(entry + 2));
            int value = type == 3 ? Short.toUnsignedInt(b.getShort(entry + 8)) : b.getInt(entry + 8);
            if (tag == 256) {
                width = value;
            } else if (tag == 257) {
                height = value;
            }
        }
        if (width < 0 || height < 0) {
            throw invalid("TIFF has no ImageWidth/ImageLength tags");
        }
        return dimensions(width, height);
    }

    private static int[] dimensions(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw invalid("Image header gives no positive width and height");
        }
        return new int[] {width, height};
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Rejection notA(String type) {
        return new Rejection(400, "invalid_image", "Body is not a " + type + " image, as its Content-Type says");
    }

    private static Rejection invalid(String message) {
        return new Rejection(400, "invalid_image", message);
    }
}
