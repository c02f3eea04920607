package org.captionlab.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImagingSystemTest {

    static ImagingSystem everyStage() {
        return new ImagingSystem(List.of(new Vignetting(20), DefocusBlur.disc(1.5),
                new DefocusBlur(2, DefocusBlur.Shape.GAUSSIAN), new MotionBlur(4, 30), new Exposure(1.5),
                new SensorNoise(200, 2.5, 42), new BayerMosaic(BayerMosaic.Pattern.GRBG), new Resolution(2.5),
                new Grayscale(0.5), new JpegCompression(70)));
    }

    @Test
    void chainIsSerialisableAndRestoredEqual() {
        ImagingSystem chain = everyStage();
        String json = chain.toJson();
        assertThat(json).contains("\"type\":\"defocus\"", "\"type\":\"noise\"", "\"seed\":42", "\"shape\":\"GAUSSIAN\"");
        ImagingSystem back = ImagingSystem.fromJson(json);
        assertThat(back).isEqualTo(chain).hasSameHashCodeAs(chain);
        assertThat(back.toJson()).isEqualTo(json);
        // and it degrades the same
        LinearImage in = DegradationsTest.scene();
        assertThat(back.apply(in).sameAs(chain.apply(in))).isTrue();
        assertThat(ImagingSystem.fromJson(ImagingSystem.IDEAL.toJson())).isEqualTo(ImagingSystem.IDEAL);
    }

    @Test
    void badJsonIsRefusedWithAReason() {
        assertThatThrownBy(() -> ImagingSystem.fromJson("{\"stages\":[{\"type\":\"lens flare\"}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an imaging system");
        assertThatThrownBy(() -> ImagingSystem.fromJson("{\"stages\":[{\"type\":\"defocus\",\"radius\":-3}]}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idealSystemLeavesSrgbPixelsAlone() {
        BufferedImage img = DegradationsTest.scene().toSrgb();
        assertThat(ImagingSystem.IDEAL.apply(img)).isSameAs(img);
        // a neutral stage round-trips through linear light without changing a code value
        BufferedImage same = new ImagingSystem(List.of(new Exposure(1))).apply(img);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                assertThat(same.getRGB(x, y)).isEqualTo(img.getRGB(x, y));
            }
        }
    }

    @Test
    void parametersBuildStagesInLightOrder() {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("jpeg", 50.0);
        v.put("photons", 100.0);
        v.put("blur", 2.0);
        v.put("resolution", 2.0);
        ImagingSystem s = ImagingParameters.build(v);
        assertThat(s.stages()).containsExactly(DefocusBlur.disc(2), new SensorNoise(100, 0, 1), new Resolution(2),
                new JpegCompression(50));
        assertThat(s.describe()).startsWith("defocus disc r=2.00 px → noise 100 photons");
        assertThat(ImagingParameters.build(Map.of())).isEqualTo(ImagingSystem.IDEAL);
        assertThat(ImagingParameters.build(Map.of("blur", 0.0, "resolution", 1.0, "exposure", 1.0)))
                .isEqualTo(ImagingSystem.IDEAL);
    }
}
