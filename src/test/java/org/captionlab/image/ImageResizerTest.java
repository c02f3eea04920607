package org.captionlab.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

class ImageResizerTest {

    @Test
    void squashIgnoresAspectRatioAndKeepsTheWholeImage() {
        // Left half red, right half blue, 300×100: a centre crop to a square would lose neither, but
        // squashing keeps the split exactly in the middle.
        BufferedImage wide = TestImages.quadrants(300, 100, Color.RED, Color.BLUE, Color.RED, Color.BLUE);

        BufferedImage out = ImageResizer.squash(wide, 224, 224);

        assertThat(out.getWidth()).isEqualTo(224);
        assertThat(out.getHeight()).isEqualTo(224);
        assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(out.getRGB(5, 112) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(out.getRGB(218, 112) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(out.getRGB(100, 5) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(out.getRGB(124, 218) & 0xFFFFFF).isEqualTo(0x0000FF);
    }

    @Test
    void squashUpscalesAndShrinksLargeImages() {
        assertThat(ImageResizer.squash(TestImages.noise(10, 30, 1), 224, 224).getWidth()).isEqualTo(224);
        BufferedImage big = ImageResizer.squash(TestImages.noise(2000, 1000, 1), 224, 224);
        assertThat(big.getWidth()).isEqualTo(224);
        assertThat(big.getHeight()).isEqualTo(224);
    }

    @Test
    void squashAtTheSameSizeDoesNotResample() {
        BufferedImage src = TestImages.noise(224, 224, 9);
        BufferedImage out = ImageResizer.squash(src, 224, 224);
        assertThat(out.getRGB(0, 0, 224, 224, null, 0, 224)).containsExactly(src.getRGB(0, 0, 224, 224, null, 0, 224));
    }

    @Test
    void fitWithinKeepsAspectRatioAndNeverEnlarges() {
        BufferedImage landscape = ImageResizer.fitWithin(TestImages.noise(400, 200, 1), 100, 100);
        assertThat(landscape.getWidth()).isEqualTo(100);
        assertThat(landscape.getHeight()).isEqualTo(50);

        BufferedImage portrait = ImageResizer.fitWithin(TestImages.noise(300, 900, 1), 120, 120);
        assertThat(portrait.getWidth()).isEqualTo(40);
        assertThat(portrait.getHeight()).isEqualTo(120);

        BufferedImage small = ImageResizer.fitWithin(TestImages.noise(30, 20, 1), 100, 100);
        assertThat(small.getWidth()).isEqualTo(30);
        assertThat(small.getHeight()).isEqualTo(20);

        BufferedImage sliver = ImageResizer.fitWithin(TestImages.noise(1000, 2, 1), 50, 50);
        assertThat(sliver.getWidth()).isEqualTo(50);
        assertThat(sliver.getHeight()).isEqualTo(1);
    }

    @Test
    void rejectsNonPositiveSizes() {
        BufferedImage img = TestImages.noise(4, 4, 1);
        assertThatThrownBy(() -> ImageResizer.squash(img, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageResizer.fitWithin(img, 10, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
