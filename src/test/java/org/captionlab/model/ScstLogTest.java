package org.captionlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SCST log: written from one column list, appended, read by the header's names. */
class ScstLogTest {

    @TempDir
    Path tmp;

    private static final ScstEpochStats START = new ScstEpochStats(0, Double.NaN, Double.NaN, 0.159, 0.388, 0.86, 294,
            0.02, 40.5);
    private static final ScstEpochStats ONE = new ScstEpochStats(1, 0.208, 0.125, 0.116, 0.328, 0.78, 316, 0.0625,
            396.0);

    @Test
    void rowsWrittenAndAppendedAreReadBack() throws IOException {
        Path file = tmp.resolve(ScstLog.FILE_NAME);
        ScstLog.write(file, List.of(START));
        ScstLog.append(file, ONE);

        List<ScstEpochStats> read = ScstLog.read(file);

        // Every value survives the round trip at the precision the columns print (chosen so these do exactly).
        assertThat(read).containsExactly(START, ONE);
        assertThat(Files.readAllLines(file)).containsExactly(ScstLog.HEADER, ScstLog.row(START), ScstLog.row(ONE));
        assertThat(ScstLog.HEADER).isEqualTo("epoch,mean_reward,degenerate_samples,val_bleu4,val_cider_d,"
                + "distinct_captions,distinct_words,degenerate_captions,seconds");
        assertThat(ScstLog.row(START)).isEqualTo("0,NaN,NaN,0.159000,0.388000,0.8600,294,0.0200,40.5");
    }

    @Test
    void writingReplacesAnEarlierLog() throws IOException {
        Path file = tmp.resolve(ScstLog.FILE_NAME);
        ScstLog.write(file, List.of(START, ONE));
        ScstLog.write(file, List.of(START));
        assertThat(ScstLog.read(file)).containsExactly(START);
    }

    @Test
    void columnsAreFoundByNameWhateverTheirOrderAndExtraColumnsAreIgnored() throws IOException {
        Path file = Files.writeString(tmp.resolve("log.csv"), """
                \uFEFFseconds,epoch,note,val_cider_d,val_bleu4,mean_reward,degenerate_samples,distinct_words,distinct_captions,degenerate_captions
                396.0,1,first,0.328,0.116,0.208,0.125,316,0.78,0.0625

                """);
        assertThat(ScstLog.read(file)).containsExactly(ONE);
    }

    @Test
    void aMissingColumnOrAShortRowOrABadNumberSaysWhere() throws IOException {
        Path noReward = Files.writeString(tmp.resolve("a.csv"),
                "epoch,degenerate_samples,val_bleu4,val_cider_d,distinct_captions,distinct_words,degenerate_captions,seconds\n");
        assertThatThrownBy(() -> ScstLog.read(noReward)).isInstanceOf(IOException.class)
                .hasMessageContaining("has no column 'mean_reward'");

        Path shortRow = Files.writeString(tmp.resolve("b.csv"), ScstLog.HEADER + "\n" + ScstLog.row(START) + "\n1,0.2\n");
        assertThatThrownBy(() -> ScstLog.read(shortRow)).isInstanceOf(IOException.class)
                .hasMessageContaining("line 3: expected 9 fields as in the header, found 2");

        Path badNumber = Files.writeString(tmp.resolve("c.csv"),
                ScstLog.HEADER + "\n" + ScstLog.row(ONE).replace("0.208000", "high") + "\n");
        assertThatThrownBy(() -> ScstLog.read(badNumber)).isInstanceOf(IOException.class)
                .hasMessageContaining("line 2");

        Path empty = Files.writeString(tmp.resolve("d.csv"), "");
        assertThatThrownBy(() -> ScstLog.read(empty)).isInstanceOf(IOException.class).hasMessageContaining("empty");
    }
}
