package org.captionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every row of bench's table lines up, the long last row (the model's default decoding) included. */
class BenchTableTest {

    @Test
    void numbersLineUpWhateverTheStageNameLength() {
        List<BenchCommand.Timing> timings = List.of(
                new BenchCommand.Timing("load + convert", 12.5),
                new BenchCommand.Timing("decode greedy", 3.25),
                new BenchCommand.Timing("decode model default (beam 7, length alpha 1.0, block repeat 2, max length 16, guided)", 40.0));

        List<String> lines = BenchTable.render(timings, 10.0).lines().toList();

        assertThat(lines).hasSize(4);
        int end = lines.get(0).length();
        assertThat(lines).allSatisfy(l -> assertThat(l).hasSize(end));
        int column = lines.get(0).indexOf("ms/image") + "ms/image".length();
        assertThat(lines.subList(1, 4)).allSatisfy(l -> assertThat(l.charAt(column - 1)).isBetween('0', '9'));
        assertThat(lines.get(3)).endsWith("40.00         4.000");
    }
}
