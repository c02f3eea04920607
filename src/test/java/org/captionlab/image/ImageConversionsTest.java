package org.captionlab.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

class ImageConversionsTest {

    @Test
    void rgbBytesAreInterleavedRowMajor() {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0x010203);
        img.setRGB(1, 0, 0x040506);
        img.setRGB(0, 1, 0x070809);
        img.setRGB(1, 1, 0xFFFEFD);

        assertThat(ImageConversions.toRgbBytes(img))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, (byte) 0xFF, (byte) 0xFE, (byte) 0xFD);
    }

    @Test
    void mirroredFlipsEveryRowLeftRightAndKeepsTheSize() {
        BufferedImage img = TestImages.noise(7, 5, 3);
        BufferedImage mirrored = ImageConversions.mirrored(img);

        assertThat(mirrored.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(mirrored.getWidth()).isEqualTo(7);
        assertThat(mirrored.getHeight()).isEqualTo(5);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                assertThat(mirrored.getRGB(x, y)).as("(%d, %d)", x, y).isEqualTo(img.getRGB(6 - x, y));
            }
        }
        // Twice is the photo again, and the input is left as it was (a new image, not a view).
        assertThat(ImageConversions.toRgbBytes(ImageConversions.mirrored(mirrored))).isEqualTo(ImageConversions.toRgbBytes(img));
        assertThat(mirrored).isNotSameAs(img);
    }

    @Test
    void mirroredOfAnotherPixelFormatIsStillTheRgbPixelsFlipped() {
        BufferedImage bgr = new BufferedImage(2, 1, BufferedImage.TYPE_3BYTE_BGR);
        bgr.setRGB(0, 0, 0x102030);
        bgr.setRGB(1, 0, 0x405060);

        assertThat(ImageConversions.toRgbBytes(ImageConversions.mirrored(bgr)))
                .containsExactly(0x40, 0x50, 0x60, 0x10, 0x20, 0x30);
    }

    @Test
    void rgbBytesOfASubImageCoverOnlyThatRegion() {
        BufferedImage img = TestImages.noise(10, 10, 4);
        BufferedImage sub = img.getSubimage(3, 4, 2, 1);
        int p = img.getRGB(3, 4);
        int q = img.getRGB(4, 4);

        assertThat(ImageConversions.toRgbBytes(sub)).containsExactly(
                (byte) (p >> 16), (byte) (p >> 8), (byte) p, (byte) (q >> 16), (byte) (q >> 8), (byte) q);
    }

    @Test
    void toIntRgbCompositesAlphaOnWhiteAndKeepsRgbInstances() {
        BufferedImage argb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00123456);
        assertThat(ImageConversions.toIntRgb(argb).getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);

        BufferedImage rgb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        assertThat(ImageConversions.toIntRgb(rgb)).isSameAs(rgb);
    }
}
