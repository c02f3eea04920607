package org.captionlab.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.zip.CRC32;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Builds test image files byte by byte or with ImageIO, so that no binary fixture is needed. */
final class TestImages {

    private TestImages() {
    }

    /** A w×h image split into 2×2 blocks of the given colours (top-left, top-right, bottom-left, bottom-right). */
    static BufferedImage quadrants(int w, int h, Color tl, Color tr, Color bl, Color br) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(tl);
        g.fillRect(0, 0, w / 2, h / 2);
        g.setColor(tr);
        g.fillRect(w / 2, 0, w - w / 2, h / 2);
        g.setColor(bl);
        g.fillRect(0, h / 2, w / 2, h - h / 2);
        g.setColor(br);
        g.fillRect(w / 2, h / 2, w - w / 2, h - h / 2);
        g.dispose();
        return img;
    }

    /** A noisy RGB image (compresses badly, so truncation cuts real scan data). */
    static BufferedImage noise(int w, int h, long seed) {
        java.util.Random r = new java.util.Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(0x1000000));
            }
        }
        return img;
    }

    static Path write(BufferedImage img, String format, Path file) {
        try {
            if (!ImageIO.write(img, format, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format + " and " + img);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] jpegBytes(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Inserts a JPEG marker segment right after SOI and, if present, the JFIF APP0 segment.
     *
     * @param marker the second marker byte, e.g. 0xE1 for APP1
     * @param payload the segment content after the 2-byte length
     */
    static byte[] insertSegment(byte[] jpeg, int marker, byte[] payload) {
        int pos = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            pos = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        int length = payload.length + 2;
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
        out.put(jpeg, 0, pos);
        out.put((byte) 0xFF).put((byte) marker).putShort((short) length).put(payload);
        out.put(jpeg, pos, jpeg.length - pos);
        return out.array();
    }

    /** The APP1 payload of a minimal big-endian EXIF block holding only IFD0 Orientation. */
    static byte[] exifOrientationPayload(int orientation) {
        ByteBuffer b = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4);
        b.put("Exif".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0);
        b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8); // TIFF header, IFD0 at 8
        b.putShort((short) 1); // one entry
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1); // Orientation, SHORT, count 1
        b.putShort((short) orientation).putShort((short) 0); // value, padded to 4 bytes
        b.putInt(0); // no next IFD
        return b.array();
    }

    /** A JPEG of {@code img} carrying EXIF orientation {@code orientation}. */
    static Path jpegWithOrientation(BufferedImage img, int orientation, Path file) throws IOException {
        Files.write(file, insertSegment(jpegBytes(img), 0xE1, exifOrientationPayload(orientation)));
        return file;
    }

    /**
     * An Adobe CMYK JPEG filled with one ink mix (0..255 each). Adobe stores CMYK inverted
     * (255 = no ink), which is what the APP14 "Adobe" segment with transform 0 announces.
     */
    static Path cmykJpeg(int c, int m, int y, int k, Path file) throws IOException {
        return adobeJpeg(new int[] {255 - c, 255 - m, 255 - y, 255 - k}, 0, file);
    }

    /**
     * An Adobe YCCK JPEG (APP14 transform 2) of one ink mix. Decoders turn YCC into R, G, B with the
     * JFIF equations and then take 255 - value as the stored (inverted) CMY, so for Adobe's inverted
     * storage the YCC encodes C, M, Y themselves; K is stored inverted as in CMYK.
     */
    static Path ycckJpeg(int c, int m, int y, int k, Path file) throws IOException {
        double r = c;
        double g = m;
        double b = y;
        int luma = (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
        int cb = (int) Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
        int cr = (int) Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
        return adobeJpeg(new int[] {clamp(luma), clamp(cb), clamp(cr), 255 - k}, 2, file);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** A 32×32 4-component JPEG of one stored sample tuple, with an Adobe APP14 segment. */
    private static Path adobeJpeg(int[] stored, int transform, Path file) throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 32, 32, 4, null);
        for (int py = 0; py < 32; py++) {
            for (int px = 0; px < 32; px++) {
                raster.setPixel(px, py, stored);
            }
        }
        ImageWriter writer = jdkJpegWriter();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        // "Adobe", version 100, flags0, flags1, transform
        byte[] adobe = {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
        Files.write(file, insertSegment(bytes.toByteArray(), 0xEE, adobe));
        return file;
    }

    private static ImageWriter jdkJpegWriter() {
        // The JDK writer writes a 4-band raster as plain 4-component JPEG; the Adobe segment is added by hand.
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.imageio")) {
                return w;
            }
        }
        throw new IllegalStateException("the JDK JPEG writer is missing");
    }

    /** PNG signature + IHDR claiming width×height (8-bit RGB) + IEND: a header without pixels. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(chunk("IHDR", ihdr.array()));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue());
        return b.array();
    }
}
