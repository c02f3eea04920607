package org.captionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every row of bench's table lines up, the long ones included, and the ratio says how many times better ours is. */
class BenchTableTest {

    private static final List<BenchCommand.Figure> FIGURES = List.of(
            new BenchCommand.Figure("encode_batch1_ms", "encode mobilenet-v2, one image at a time", "ms", false, 12.5),
            new BenchCommand.Figure("decode_greedy_ms", "decode greedy", "ms", false, 3.25),
            new BenchCommand.Figure("end_to_end_small_img_per_s",
                    "end to end, 300 photos 224×224, beam 3, CSV (whole process)", "img/s", true, 40.0),
            new BenchCommand.Figure("cold_start_s", "cold start", "s", false, 1.1));

    @Test
    void numbersLineUpWhateverTheFigureNameLength() {
        List<String> lines = BenchTable.render(FIGURES, null).lines().toList();
        assertThat(lines).hasSize(5);
        int end = lines.get(0).length();
        assertThat(lines).allSatisfy(l -> assertThat(l).hasSize(end));
        assertThat(lines.get(3)).endsWith("40.0 img/s");
    }

    @Test
    void withAReferenceEveryRowLinesUpAndRatiosFavourTheBetterFigure() {
        ObjectNode ref = new ObjectMapper().createObjectNode();
        ref.put("encode_batch1_ms", 25.0);
        ref.put("end_to_end_small_img_per_s", 10.0);
        ref.put("cold_start_s", 1.1);
        List<String> lines = BenchTable.render(FIGURES, ref).lines().toList();
        int end = lines.get(0).length();
        assertThat(lines).allSatisfy(l -> assertThat(l).hasSize(end));
        assertThat(lines.get(1)).endsWith("12.5 ms       25.0 ms     2.00×");
        assertThat(lines.get(2)).contains("3.25 ms").doesNotContain("×");
        assertThat(lines.get(3)).endsWith("4.00×");
        assertThat(lines.get(4)).endsWith("1.00×");
    }
}
