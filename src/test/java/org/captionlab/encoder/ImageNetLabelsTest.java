package org.captionlab.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.captionlab.SharedAssets;
import org.junit.jupiter.api.Test;

/** The shared ImageNet label list and the top five of a softmax over it (what VGG16 reports). */
class ImageNetLabelsTest {

    @Test
    void topFiveByProbabilityWithTheClassLineAsIndex() throws IOException {
        List<String> names = ImageNetLabels.read(SharedAssets.require("encoders").resolve("imagenet_labels.txt"));
        assertThat(names).hasSize(1001).startsWith("background", "tench", "goldfish");
        float[] p = new float[1000];
        p[281] = 0.5f;  // line 282: tabby
        p[284] = 0.2f;  // line 285
        p[282] = 0.2f;  // line 283: tiger cat (a tie with line 285: the lower index first)
        p[0] = 0.05f;   // line 1: tench
        p[999] = 0.04f; // line 1000
        p[500] = 0.01f;
        List<ImageLabel> top = ImageNetLabels.top(p, names, 1);
        assertThat(top).extracting(ImageLabel::classIndex).containsExactly(282, 283, 285, 1, 1000);
        assertThat(top.get(0).label()).isEqualTo("tabby");
        assertThat(top.get(0).probability()).isEqualTo(0.5, org.assertj.core.api.Assertions.within(1e-7));
    }
}
