package org.captionlab.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.awt.color.ColorSpace;
import java.awt.Transparency;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every input shape the loader promises to handle, with files generated here. */
class ImageLoaderTest {

    private static final Color R = Color.RED;
    private static final Color G = Color.GREEN;
    private static final Color B = Color.BLUE;
    private static final Color W = Color.WHITE;

    @TempDir
    Path dir;

    private final ImageLoader loader = new ImageLoader();

    private static void assertRgb(BufferedImage img, int x, int y, int r, int g, int b, int tolerance) {
        int p = img.getRGB(x, y);
        int[] actual = {(p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF};
        assertThat(actual).as("pixel (%d,%d) = %s, expected ≈ [%d, %d, %d]", x, y, Arrays.toString(actual), r, g, b)
                .satisfies(a -> {
                    assertThat(a[0]).isCloseTo(r, org.assertj.core.data.Offset.offset(tolerance));
                    assertThat(a[1]).isCloseTo(g, org.assertj.core.data.Offset.offset(tolerance));
                    assertThat(a[2]).isCloseTo(b, org.assertj.core.data.Offset.offset(tolerance));
                });
    }

    private static void assertRgb(BufferedImage img, int x, int y, Color c, int tolerance) {
        assertRgb(img, x, y, c.getRed(), c.getGreen(), c.getBlue(), tolerance);
    }

    @Test
    void loadsRgbPngExactly() throws IOException {
        BufferedImage src = TestImages.noise(17, 9, 1);
        BufferedImage img = loader.load(TestImages.write(src, "png", dir.resolve("a.png")));

        assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(img.getRGB(0, 0, 17, 9, null, 0, 17)).containsExactly(src.getRGB(0, 0, 17, 9, null, 0, 17));
    }

    @Test
    void loadsBmpAndJpeg() throws IOException {
        BufferedImage src = TestImages.quadrants(40, 20, R, G, B, W);
        BufferedImage bmp = loader.load(TestImages.write(src, "bmp", dir.resolve("a.bmp")));
        BufferedImage jpg = loader.load(TestImages.write(src, "jpeg", dir.resolve("a.JPG")));

        assertRgb(bmp, 5, 5, R, 0);
        assertRgb(bmp, 35, 15, W, 0);
        assertRgb(jpg, 5, 5, R, 40);
        assertThat(jpg.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    }

    @Test
    void grayscalePngKeepsItsLevels() throws IOException {
        BufferedImage gray = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 100);
        gray.getRaster().setSample(3, 3, 0, 200);
        BufferedImage img = loader.load(TestImages.write(gray, "png", dir.resolve("gray.png")));

        assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertRgb(img, 0, 0, 100, 100, 100, 1);
        assertRgb(img, 3, 3, 200, 200, 200, 1);
    }

    @Test
    void sixteenBitGrayPngIsScaledTo8Bits() throws IOException {
        BufferedImage gray16 = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
        gray16.getRaster().setSample(0, 0, 0, 0x8080); // 128 in 8 bits
        gray16.getRaster().setSample(1, 0, 0, 0xFFFF);
        BufferedImage img = loader.load(TestImages.write(gray16, "png", dir.resolve("gray16.png")));

        assertRgb(img, 0, 0, 128, 128, 128, 1);
        assertRgb(img, 1, 0, 255, 255, 255, 0);
        assertRgb(img, 2, 0, 0, 0, 0, 0);
    }

    @Test
    void sixteenBitRgbPngIsScaledTo8Bits() throws IOException {
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(4, 4);
        raster.setPixel(0, 0, new int[] {0xFFFF, 0, 0x8080});
        BufferedImage rgb48 = new BufferedImage(cm, raster, false, null);
        BufferedImage img = loader.load(TestImages.write(rgb48, "png", dir.resolve("rgb48.png")));

        assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertRgb(img, 0, 0, 255, 0, 128, 1);
    }

    @Test
    void transparentPixelsBecomeWhite() throws IOException {
        BufferedImage argb = new BufferedImage(4, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00000000); // fully transparent black
        argb.setRGB(1, 0, 0xFF0000FF); // opaque blue
        argb.setRGB(2, 0, 0x80000000); // half-transparent black → mid gray
        argb.setRGB(3, 0, 0x00FF0000); // fully transparent red
        BufferedImage img = loader.load(TestImages.write(argb, "png", dir.resolve("rgba.png")));

        assertRgb(img, 0, 0, 255, 255, 255, 0);
        assertRgb(img, 1, 0, 0, 0, 255, 0);
        assertRgb(img, 2, 0, 127, 127, 127, 2);
        assertRgb(img, 3, 0, 255, 255, 255, 0);
    }

    @Test
    void indexedPngUsesItsPalette() throws IOException {
        byte[] r = {(byte) 255, 0};
        byte[] g = {0, (byte) 128};
        byte[] b = {0, (byte) 255};
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(1, 2, r, g, b));
        indexed.getRaster().setSample(1, 0, 0, 1);
        BufferedImage img = loader.load(TestImages.write(indexed, "png", dir.resolve("indexed.png")));

        assertRgb(img, 0, 0, 255, 0, 0, 0);
        assertRgb(img, 1, 0, 0, 128, 255, 0);
    }

    @Test
    void animatedGifYieldsItsFirstFrame() throws IOException {
        Path gif = dir.resolve("anim.gif");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(gif.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(indexedFill(R), null, null), null);
            writer.writeToSequence(new IIOImage(indexedFill(B), null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        assertThat(frameCount(gif)).isEqualTo(2);

        BufferedImage img = loader.load(gif);

        assertThat(img.getWidth()).isEqualTo(8);
        assertRgb(img, 4, 4, R, 0);
    }

    private static BufferedImage indexedFill(Color c) {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, 8, 8);
        g.dispose();
        return img;
    }

    private static int frameCount(Path gif) throws IOException {
        var reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (var in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            return reader.getNumImages(true);
        } finally {
            reader.dispose();
        }
    }

    @Test
    void cmykJpegIsConvertedToRgb() throws IOException {
        Path cyan = TestImages.cmykJpeg(255, 0, 0, 0, dir.resolve("cyan.jpg"));
        Path black = TestImages.cmykJpeg(0, 0, 0, 255, dir.resolve("black.jpg"));

        BufferedImage c = loader.load(cyan);
        BufferedImage k = loader.load(black);

        assertThat(c.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        // Through an ICC CMYK profile, process cyan is not pure (0,255,255): check the hue only.
        int p = c.getRGB(16, 16);
        assertThat((p >> 16) & 0xFF).isLessThan(80);
        assertThat((p >> 8) & 0xFF).isGreaterThan(120);
        assertThat(p & 0xFF).isGreaterThan(180);
        assertRgb(k, 16, 16, 0, 0, 0, 60);
    }

    @Test
    void ycckJpegIsConvertedToRgb() throws IOException {
        BufferedImage c = loader.load(TestImages.ycckJpeg(255, 0, 0, 0, dir.resolve("ycck-cyan.jpg")));
        BufferedImage y = loader.load(TestImages.ycckJpeg(0, 0, 255, 0, dir.resolve("ycck-yellow.jpg")));

        int p = c.getRGB(16, 16);
        assertThat((p >> 16) & 0xFF).isLessThan(80);
        assertThat(p & 0xFF).isGreaterThan(180);
        int q = y.getRGB(16, 16);
        assertThat((q >> 16) & 0xFF).isGreaterThan(180);
        assertThat((q >> 8) & 0xFF).isGreaterThan(180);
        assertThat(q & 0xFF).isLessThan(80);
    }

    @ParameterizedTest(name = "EXIF orientation {0}")
    @CsvSource({
        // orientation, upright width×height, then upright colours at top-left, top-right, bottom-left,
        // bottom-right for a stored 48×32 image with red, green / blue, white quadrants
        "1, 48, 32, R, G, B, W",
        "2, 48, 32, G, R, W, B",
        "3, 48, 32, W, B, G, R",
        "4, 48, 32, B, W, R, G",
        "5, 32, 48, R, B, G, W",
        "6, 32, 48, B, R, W, G",
        "7, 32, 48, W, G, B, R",
        "8, 32, 48, G, W, R, B",
    })
    void exifOrientationIsApplied(int orientation, int width, int height, String tl, String tr, String bl, String br)
            throws IOException {
        BufferedImage stored = TestImages.quadrants(48, 32, R, G, B, W);
        Path file = TestImages.jpegWithOrientation(stored, orientation, dir.resolve("o" + orientation + ".jpg"));
        assertThat(ImageLoader.exifOrientation(file)).isEqualTo(orientation);

        BufferedImage img = loader.load(file);

        assertThat(img.getWidth()).isEqualTo(width);
        assertThat(img.getHeight()).isEqualTo(height);
        assertRgb(img, width / 4, height / 4, color(tl), 40);
        assertRgb(img, 3 * width / 4, height / 4, color(tr), 40);
        assertRgb(img, width / 4, 3 * height / 4, color(bl), 40);
        assertRgb(img, 3 * width / 4, 3 * height / 4, color(br), 40);
    }

    private static Color color(String name) {
        return switch (name) {
            case "R" -> R;
            case "G" -> G;
            case "B" -> B;
            default -> W;
        };
    }

    @Test
    void orientationMovesPixelsExactly() {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        // 1 2 3
        // 4 5 6
        for (int i = 0; i < 6; i++) {
            img.setRGB(i % 3, i / 3, i + 1);
        }
        BufferedImage cw = Orientation.apply(img, 6);
        // rotated clockwise: 4 1 / 5 2 / 6 3
        int[] pixels = Arrays.stream(cw.getRGB(0, 0, 2, 3, null, 0, 2)).map(p -> p & 0xFFFFFF).toArray();
        assertThat(pixels).containsExactly(4, 1, 5, 2, 6, 3);
        assertThat(Orientation.apply(img, 1)).isSameAs(img);
        assertThatThrownBy(() -> Orientation.apply(img, 9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("missing.jpg");
        assertThatThrownBy(() -> loader.load(missing))
                .isInstanceOf(ImageLoadException.class)
                .hasMessage("image '" + missing + "': the file does not exist")
                .extracting(e -> ((ImageLoadException) e).file()).isEqualTo(missing);
    }

    @Test
    void folderIsNotAnImage() {
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(ImageLoadException.class).hasMessageContaining("not a regular file");
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertThatThrownBy(() -> loader.load(empty))
                .isInstanceOf(ImageLoadException.class)
                .hasMessage("image '" + empty + "': the file is empty (0 bytes)");
    }

    @Test
    void textFileNamedJpg() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jpg"), "just some text, not pixels\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> loader.load(text))
                .isInstanceOf(ImageLoadException.class)
                .hasMessage("image '" + text + "': it is not an image in a supported format (JPEG, PNG, BMP, GIF or TIFF)");
    }

    @Test
    void truncatedJpeg() throws IOException {
        byte[] full = TestImages.jpegBytes(TestImages.noise(256, 256, 7));
        Path cut = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(full, full.length / 2));
        assertThatThrownBy(() -> loader.load(cut))
                .isInstanceOf(ImageLoadException.class)
                .hasMessageStartingWith("image '" + cut + "': the JPEG data is truncated");
    }

    @Test
    void truncatedPng() throws IOException {
        byte[] full = Files.readAllBytes(TestImages.write(TestImages.noise(128, 128, 3), "png", dir.resolve("full.png")));
        Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(full, full.length / 2));
        assertThatThrownBy(() -> loader.load(cut))
                .isInstanceOf(ImageLoadException.class)
                .hasMessageStartingWith("image '" + cut + "': the PNG data is truncated or corrupt");
    }

    @Test
    void corruptPngData() throws IOException {
        byte[] bytes = Files.readAllBytes(TestImages.write(TestImages.noise(64, 64, 5), "png", dir.resolve("ok.png")));
        for (int i = bytes.length / 3; i < bytes.length / 3 + 64; i++) {
            bytes[i] = (byte) 0xA5; // scribble over the middle of the compressed data
        }
        Path corrupt = Files.write(dir.resolve("corrupt.png"), bytes);
        assertThatThrownBy(() -> loader.load(corrupt))
                .isInstanceOf(ImageLoadException.class)
                .hasMessageStartingWith("image '" + corrupt + "': the PNG data is truncated or corrupt");
    }

    @Test
    void hugeHeaderIsRefusedBeforeDecoding() throws IOException {
        Path huge = Files.write(dir.resolve("huge.png"), TestImages.pngHeaderOnly(60_000, 60_000));
        assertThatThrownBy(() -> loader.load(huge))
                .isInstanceOf(ImageLoadException.class)
                .hasMessage("image '" + huge + "': 60000×60000 pixels (3600 megapixels) exceeds the limit of 100 megapixels");
    }

    @Test
    void customPixelLimit() throws IOException {
        Path small = TestImages.write(TestImages.noise(40, 40, 1), "png", dir.resolve("small.png"));
        assertThatThrownBy(() -> new ImageLoader(1000).load(small))
                .isInstanceOf(ImageLoadException.class)
                .hasMessageEndingWith("40×40 pixels (1600 pixels) exceeds the limit of 1000 pixels");
        assertThat(new ImageLoader(1600).load(small).getWidth()).isEqualTo(40);
        assertThatThrownBy(() -> new ImageLoader(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void megapixelWording() {
        assertThat(ImageLoader.megapixels(100_000_000L)).isEqualTo("100 megapixels");
        assertThat(ImageLoader.megapixels(12_345_678L)).isEqualTo("12.3 megapixels");
        assertThat(ImageLoader.megapixels(999_999L)).isEqualTo("999999 pixels");
    }
}
