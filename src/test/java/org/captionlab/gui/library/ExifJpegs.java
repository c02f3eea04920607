package org.captionlab.gui.library;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes JPEGs carrying an EXIF orientation, as a phone does (a copy of the image tests' helper, which
 * is package-private there).
 */
final class ExifJpegs {

    private ExifJpegs() {
    }

    /** A JPEG of {@code img} carrying EXIF orientation {@code orientation}. */
    static Path withOrientation(BufferedImage img, int orientation, Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        Files.write(file, insertApp1(out.toByteArray(), orientationPayload(orientation)));
        return file;
    }

    /** Inserts an APP1 segment right after SOI and, if present, the JFIF APP0 segment. */
    private static byte[] insertApp1(byte[] jpeg, byte[] payload) {
        int pos = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            pos = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        int length = payload.length + 2;
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
        out.put(jpeg, 0, pos);
        out.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(payload);
        out.put(jpeg, pos, jpeg.length - pos);
        return out.array();
    }

    /** A minimal big-endian EXIF block holding only IFD0 Orientation. */
    private static byte[] orientationPayload(int orientation) {
        ByteBuffer b = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4);
        b.put("Exif".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0);
        b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8); // TIFF header, IFD0 at 8
        b.putShort((short) 1); // one entry
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1); // Orientation, SHORT, count 1
        b.putShort((short) orientation).putShort((short) 0); // value, padded to 4 bytes
        b.putInt(0); // no next IFD
        return b.array();
    }
}
