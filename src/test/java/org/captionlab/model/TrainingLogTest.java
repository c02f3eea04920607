package org.captionlab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training log: written and echoed from one column list, read by the header's names. */
class TrainingLogTest {

    @TempDir
    Path tmp;

    private static final EpochStats ONE = new EpochStats(1, 3.5, 3.25, Math.exp(3.25), 0.125, 0.25, 2.5, 4.0, 0.875, 128.0);

    @Test
    void rowsWrittenAreReadBack() throws IOException {
        TrainingLog log = new TrainingLog(tmp.resolve("training-log.csv"), false);
        log.append(ONE);
        log.append(new EpochStats(2, 3.0, 3.125, Math.exp(3.125), 0.15, 0.3, 2.0, 3.0, 0.9, 120.0));

        List<EpochStats> read = TrainingLog.read(log.file());

        assertThat(read).hasSize(2);
        assertThat(read.get(0).epoch()).isEqualTo(1);
        assertThat(read.get(0).valCiderD()).isEqualTo(0.25);
        assertThat(read.get(1).seconds()).isEqualTo(120.0);
        assertThat(Files.readAllLines(log.file()).get(1)).isEqualTo(TrainingLog.row(ONE));
    }

    @Test
    void columnsAreFoundByNameWhateverTheirOrderAndExtraColumnsAreIgnored() throws IOException {
        Path file = Files.writeString(tmp.resolve("log.csv"), """
                seconds,epoch,note,val_cider_d,val_bleu4,train_loss,val_loss,val_perplexity,grad_norm_mean,grad_norm_max,spectral_radius_whh
                128.0,1,first,0.25,0.125,3.5,3.25,25.79,2.5,4.0,0.875
                """);

        EpochStats s = TrainingLog.read(file).get(0);

        assertThat(s.epoch()).isEqualTo(1);
        assertThat(s.seconds()).isEqualTo(128.0);
        assertThat(s.valCiderD()).isEqualTo(0.25);
        assertThat(s.trainLoss()).isEqualTo(3.5);
        assertThat(s.spectralRadius()).isEqualTo(0.875);
    }

    @Test
    void aMissingColumnIsNamed() throws IOException {
        String header = TrainingLog.HEADER.replace("val_bleu4", "bleu");
        Path file = Files.writeString(tmp.resolve("log.csv"), header + "\n" + TrainingLog.row(ONE) + "\n");

        assertThatThrownBy(() -> TrainingLog.read(file)).hasMessageContaining("no column 'val_bleu4'");
    }
}
