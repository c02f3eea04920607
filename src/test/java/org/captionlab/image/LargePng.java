package org.captionlab.image;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes huge but small PNG files (a 100-megapixel picture in a few hundred KB) row by row, without ever
 * holding the picture in memory: a horizontal gradient with a few stripes, 8 or 16 bits per channel RGB.
 */
public final class LargePng {

    private LargePng() {
    }

    public static Path write(Path file, int width, int height, boolean sixteenBit) throws IOException {
        int bytesPerPixel = sixteenBit ? 6 : 3;
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
            byte[] row = new byte[1 + width * bytesPerPixel];
            for (int x = 0; x < width; x++) {
                int v = x * 255 / Math.max(1, width - 1);
                for (int c = 0; c < 3; c++) {
                    int sample = c == 0 ? v : c == 1 ? 255 - v : 128;
                    if (sixteenBit) {
                        row[1 + x * 6 + 2 * c] = (byte) sample;
                        row[1 + x * 6 + 2 * c + 1] = (byte) sample;
                    } else {
                        row[1 + x * 3 + c] = (byte) sample;
                    }
                }
            }
            byte[] stripe = row.clone();
            java.util.Arrays.fill(stripe, 1, stripe.length, (byte) 20);
            for (int y = 0; y < height; y++) {
                z.write((y / Math.max(1, height / 10)) % 2 == 0 ? row : stripe);
            }
        } finally {
            deflater.end();
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(header);
            h.writeInt(width);
            h.writeInt(height);
            h.writeByte(sixteenBit ? 16 : 8);
            h.writeByte(2); // truecolour
            h.writeByte(0);
            h.writeByte(0);
            h.writeByte(0);
            chunk(out, "IHDR", header.toByteArray());
            chunk(out, "IDAT", idat.toByteArray());
            chunk(out, "IEND", new byte[0]);
        }
        return file;
    }

    private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
        d.flush();
    }
}
