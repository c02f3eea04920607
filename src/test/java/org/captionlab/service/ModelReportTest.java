package org.captionlab.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.captionlab.model.ScstEpochStats;
import org.captionlab.model.ScstLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle's report: manifest, CE training log and, for a fine-tuned bundle, the SCST log. */
class ModelReportTest {

    @TempDir
    Path tmp;

    /** A copy of the shipped RNN bundle's manifest and training log (no weights needed for the report). */
    private Path bundle(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.copy(Path.of("models", "rnn-v1", "manifest.json"), dir.resolve("manifest.json"));
        Files.copy(Path.of("models", "rnn-v1", ModelReport.LOG_FILE), dir.resolve(ModelReport.LOG_FILE));
        return dir;
    }

    @Test
    void aPlainBundleHasNoScstRowsAndNoComplaintAboutIt() throws IOException {
        ModelReport r = ModelReport.read("plain", bundle("plain"));
        assertThat(r.epochs()).hasSize(12);
        assertThat(r.scstEpochs()).isEmpty();
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void aFineTunedBundleHasBothPhases() throws IOException {
        Path dir = bundle("scst");
        ScstLog.write(dir.resolve(ModelReport.SCST_LOG_FILE), List.of(
                new ScstEpochStats(0, Double.NaN, Double.NaN, 0.159, 0.388, 0.86, 294, 0.0, 40),
                new ScstEpochStats(1, 0.208, 0.1, 0.116, 0.328, 0.78, 316, 0.01, 396)));
        ModelReport r = ModelReport.read("scst", dir);
        assertThat(r.epochs()).hasSize(12);
        assertThat(r.scstEpochs()).extracting(ScstEpochStats::epoch).containsExactly(0, 1);
        assertThat(r.scstEpochs().get(1).meanReward()).isEqualTo(0.208);
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void aDamagedScstLogIsOneSentenceAndTheRestStillShows() throws IOException {
        Path dir = bundle("damaged");
        Files.writeString(dir.resolve(ModelReport.SCST_LOG_FILE), "epoch,mean_reward\n1,0.2\n");
        ModelReport r = ModelReport.read("damaged", dir);
        assertThat(r.problems()).singleElement().asString()
                .startsWith("Could not read '" + dir.resolve(ModelReport.SCST_LOG_FILE) + "'")
                .contains("has no column 'degenerate_samples'");
        assertThat(r.scstEpochs()).isEmpty();
        assertThat(r.epochs()).hasSize(12);
        assertThat(r.manifest()).isNotNull();
    }
}
