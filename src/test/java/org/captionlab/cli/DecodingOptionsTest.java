package org.captionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.captionlab.search.DecodeOptions;
import org.captionlab.search.Strategy;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DecodingOptionsTest {

    private static final DecodeOptions MODEL_DEFAULTS = new DecodeOptions(Strategy.BEAM, 5, 3, 18, 0.7, 3, 1.0, 0L);

    private static DecodeOptions parse(String... args) {
        DecodingOptions o = new DecodingOptions();
        new CommandLine(o).parseArgs(args);
        return o.resolve(MODEL_DEFAULTS);
    }

    @Test
    void unsetOptionsTakeTheModelsDefaults() {
        DecodeOptions d = parse();
        assertThat(d.strategy()).isEqualTo(Strategy.BEAM);
        assertThat(d.beamWidth()).isEqualTo(5);
        assertThat(d.alternatives()).isEqualTo(3);
        assertThat(d.maxLength()).isEqualTo(18);
        assertThat(d.lengthAlpha()).isEqualTo(0.7);
        assertThat(d.blockRepeatNgram()).isEqualTo(3);
    }

    @Test
    void beamAndAlternativesOverride() {
        DecodeOptions d = parse("--beam", "3", "--alternatives", "2", "--length-alpha", "0", "--block-repeat", "0");
        assertThat(d.beamWidth()).isEqualTo(3);
        assertThat(d.alternatives()).isEqualTo(2);
        assertThat(d.lengthAlpha()).isZero();
        assertThat(d.blockRepeatNgram()).isZero();
    }

    @Test
    void beamOneAndGreedyFlagMeanGreedy() {
        assertThat(parse("--beam", "1").strategy()).isEqualTo(Strategy.GREEDY);
        assertThat(parse("--greedy").strategy()).isEqualTo(Strategy.GREEDY);
    }

    @Test
    void temperatureMeansSamplingWithTheSeed() {
        DecodeOptions d = parse("--temperature", "0.7", "--seed", "9", "--alternatives", "4");
        assertThat(d.strategy()).isEqualTo(Strategy.SAMPLE);
        assertThat(d.temperature()).isEqualTo(0.7);
        assertThat(d.seed()).isEqualTo(9L);
        assertThat(d.alternatives()).isEqualTo(4);
    }
}
