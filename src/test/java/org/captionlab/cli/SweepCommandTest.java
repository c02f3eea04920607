package org.captionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.captionlab.SharedAssets;
import org.captionlab.TestBundles;
import org.captionlab.imaging.ImagingSystem;
import org.captionlab.service.SweepService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep} end to end on two sample photos: real encoder, untrained test bundle, references from a CSV. */
class SweepCommandTest {

    @TempDir
    static Path dir;

    private static Path model;
    private static String weights;
    private static Path refs;

    @BeforeAll
    static void setUp() throws IOException {
        model = TestBundles.mobileNetBundle(dir.resolve("tiny"));
        weights = SharedAssets.mobileNetWeights().toString();
        refs = dir.resolve("refs.csv");
        Files.writeString(refs, "path,caption\n"
                + "dog.jpg,a dog sits next to a bicycle\n"
                + "dog.jpg,a brown dog sitting on a porch\n"
                + "eagle.jpg,a bird flies over a field\n"
                + "eagle.jpg,an eagle with spread wings\n");
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CaptionLabCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void sweepsWritesTablesAndPlotAndResumes() throws IOException {
        Path out = dir.resolve("blur");
        String[] args = {"sweep", "--vary", "blur=0,4", "--fix", "noise.photons=500", "--images", "sample-images",
            "--captions", refs.toString(), "--dataset", "csv", "--workers", "2", "--greedy",
            "--model", model.toString(), "--encoder-weights", weights, "--out", out.toString()};
        Run first = run(args);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("| defocus.radius | BLEU-4 | CIDEr-D | mention F1 |", "2 settings × 2 photos (0 settings from an earlier run)");
        List<String> table = Files.readAllLines(out.resolve(SweepService.TABLE_FILE));
        assertThat(table).hasSize(3);
        assertThat(table.get(0)).startsWith("defocus.radius,images,BLEU-4,CIDEr-D,mention-F1");
        assertThat(table.get(2)).contains("defocus disc r=4.00 px → noise 500 photons");
        assertThat(Files.readAllLines(out.resolve(SweepService.CAPTIONS_FILE))).hasSize(1 + 4);
        BufferedImage plot = ImageIO.read(out.resolve(SweepService.PLOT_FILE).toFile());
        assertThat(plot.getWidth()).isEqualTo(640);
        // every result line carries its imaging chain, restorable
        String line = Files.readAllLines(out.resolve(SweepService.RESULTS_FILE)).get(1);
        String system = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).get("scores").get("system").toString();
        assertThat(ImagingSystem.fromJson(system).describe()).isEqualTo("defocus disc r=4.00 px → noise 500 photons, read 0.0 e-, seed 1");

        Run again = run(args);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("(2 settings from an earlier run)");
        assertThat(Files.readAllLines(out.resolve(SweepService.RESULTS_FILE))).hasSize(2);
    }

    @Test
    void twoParametersWithoutReferencesGiveAHeatMapOfLogProb() throws IOException {
        Path out = dir.resolve("heat");
        Run r = run("sweep", "--vary", "resolution=1,4", "--vary", "jpeg=20,90", "--images", "sample-images/dog.jpg",
                "--workers", "1", "--greedy", "--model", model.toString(), "--encoder-weights", weights, "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("| resolution.factor | jpeg.quality | top-1 prob. | mean log-prob |")
                .doesNotContain("CIDEr-D");
        assertThat(Files.readAllLines(out.resolve(SweepService.TABLE_FILE))).hasSize(5);
        assertThat(ImageIO.read(out.resolve(SweepService.PLOT_FILE).toFile())).isNotNull();
    }

    @Test
    void optimiseReportsTheOptimumPathAndTradeOff() throws IOException {
        Path out = dir.resolve("opt");
        Run r = run("optimise", "--vary", "blur=0:6", "--vary", "photons=20:2000", "--cost", "photons=0.0001",
                "--budget", "3", "--images", "sample-images", "--captions", refs.toString(), "--dataset", "csv",
                "--limit", "1", "--workers", "1", "--greedy", "--model", model.toString(), "--encoder-weights", weights,
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("| step | defocus.radius | noise.photons | cost | CIDEr-D | objective |", "(best)",
                "optimum: ", "3 settings × 1 photos");
        assertThat(Files.readAllLines(out.resolve("optimise.csv"))).hasSize(4);
        assertThat(ImageIO.read(out.resolve("optimise-path.png").toFile())).isNotNull();
        assertThat(ImageIO.read(out.resolve("optimise-tradeoff.png").toFile())).isNotNull();
        assertThat(Files.readString(out.resolve("optimise.json"))).contains("\"bestSystem\"", "\"tradeoff\"");

        Run noRefs = run("optimise", "--vary", "blur=0:6", "--images", "sample-images", "--out", out.toString());
        assertThat(noRefs.code()).isEqualTo(CaptionLabCommand.USAGE);
        assertThat(noRefs.err()).contains("needs reference captions");
    }

    @Test
    void badParametersAreUsageErrors() {
        Run unknown = run("sweep", "--vary", "focus=0:8:9", "--images", "sample-images", "--out", dir.resolve("x").toString());
        assertThat(unknown.code()).isEqualTo(CaptionLabCommand.USAGE);
        assertThat(unknown.err()).contains("unknown physical parameter 'focus'", "defocus.radius (blur)");
        Run range = run("sweep", "--vary", "blur=0:500:3", "--images", "sample-images", "--out", dir.resolve("x").toString());
        assertThat(range.code()).isEqualTo(CaptionLabCommand.USAGE);
        assertThat(range.err()).contains("defocus radius must be in [0, 100]");
        Run both = run("sweep", "--vary", "blur=0:4:3", "--fix", "blur=2", "--images", "sample-images", "--out", dir.resolve("x").toString());
        assertThat(both.code()).isEqualTo(CaptionLabCommand.USAGE);
        assertThat(both.err()).contains("both varied (--vary) and fixed (--fix)");
    }

    @Test
    void missingPhotosAreFatalWithTheFolderNamed() {
        Run r = run("sweep", "--vary", "blur=0,1", "--images", dir.resolve("nowhere").toString(), "--out", dir.resolve("y").toString());
        assertThat(r.code()).isEqualTo(CaptionLabCommand.FATAL);
        assertThat(r.err()).contains("nowhere");
    }
}
