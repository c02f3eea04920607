package org.captionlab.imaging;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * JPEG compression: the image encoded to 8-bit sRGB, written as a baseline JPEG at
 * {@code quality} (the JDK's encoder: the IJG quantisation tables scaled by quality, 4:2:0 chroma
 * subsampling) and decoded again. Deterministic. Quality 100 is nearly, not exactly, the identity.
 *
 * @param quality 1 (worst) … 100 (best)
 */
public record JpegCompression(int quality) implements Degradation {

    public JpegCompression {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be in [1, 100], got " + quality);
        }
    }

    @Override
    public LinearImage apply(LinearImage in) {
        return LinearImage.fromSrgb(roundTrip(in.toSrgb()));
    }

    private BufferedImage roundTrip(BufferedImage rgb) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no JPEG writer available");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        try {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
            if (decoded == null) {
                throw new IllegalStateException("JPEG decoding failed");
            }
            return decoded;
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG decoding failed", e);
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "JPEG q%d", quality);
    }
}
