package org.captionlab.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.captionlab.model.Manifest;
import org.junit.jupiter.api.Test;

/** The model's default decoding has one home (Manifest.Decoding) and one mapping each way. */
class DefaultDecodingTest {

    @Test
    void theManifestsDefaultsBecomeSearchOptionsAndBack() {
        Manifest.Decoding shipped = new Manifest.Decoding(7, 1.0, 20, 2);
        DecodeOptions options = DecodeOptions.of(shipped);

        assertThat(options.strategy()).isEqualTo(Strategy.BEAM);
        assertThat(options.beamWidth()).isEqualTo(7);
        assertThat(options.alternatives()).isEqualTo(3);
        assertThat(options.lengthAlpha()).isEqualTo(1.0);
        assertThat(options.blockRepeatNgram()).isEqualTo(2);
        assertThat(options.toDefaults()).isEqualTo(shipped);
    }

    @Test
    void withoutRecordedDecodingTheDefaultsApplyAndWidthOneIsGreedy() {
        assertThat(DecodeOptions.of(null)).isEqualTo(DecodeOptions.beam(3, 3));
        DecodeOptions greedy = DecodeOptions.of(new Manifest.Decoding(1, 0.0, 16, 0));
        assertThat(greedy.strategy()).isEqualTo(Strategy.GREEDY);
        assertThat(greedy.alternatives()).isEqualTo(1);
        assertThat(greedy.toDefaults()).isEqualTo(new Manifest.Decoding(1, 0.0, 16, 0));
        assertThat(DecodeOptions.greedy().toDefaults().beamWidth()).isEqualTo(1);
    }
}
