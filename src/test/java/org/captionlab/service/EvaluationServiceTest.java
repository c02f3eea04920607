package org.captionlab.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.captionlab.SharedAssets;
import org.captionlab.TestBundles;
import org.captionlab.encoder.MobileNetV2Encoder;
import org.captionlab.eval.Metric;
import org.captionlab.model.Manifest;
import org.captionlab.model.ModelBundle;
import org.captionlab.search.DecodeOptions;
import org.captionlab.util.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationServiceTest {

    @TempDir
    Path dir;

    @Test
    void evaluatesRecordsInManifestAndReproduces() throws IOException {
        Path flickr = SharedAssets.require("flickr8k");
        List<String> names = Files.readAllLines(flickr.resolve("Flickr_8k.devImages.txt")).subList(0, 6);
        Path split = Files.write(dir.resolve("dev6.txt"), names);
        DatasetSpec data = new DatasetSpec("flickr8k", flickr.resolve("images"), flickr.resolve("captions.txt"), split.toString());
        Path model = TestBundles.mobileNetBundle(dir.resolve("tiny"));
        Settings settings = new Settings(dir.resolve("home"), model);
        DecodeOptions beam = DecodeOptions.beam(3, 1);
        try (CaptioningService service = new CaptioningService(ModelBundle.load(model),
                MobileNetV2Encoder.open(SharedAssets.mobileNetWeights()))) {
            EvaluationService.Run run = EvaluationService.evaluateModel(settings, service, data, beam,
                    ProgressListener.NONE, ProgressListener.NONE, () -> false);
            assertThat(run.predictions()).hasSize(6).containsKeys(names.toArray(String[]::new));
            assertThat(run.result().perImage()).hasSize(6);
            assertThat(run.problems()).isEmpty();

            Manifest m = EvaluationService.recordInManifest(model, "dev6-beam3", run, true);
            assertThat(m.metrics().get("dev6-beam3").get("BLEU-4")).isEqualTo(run.result().corpus(Metric.BLEU_4));
            assertThat(m.metrics().get("dev6-beam3").get("images")).isEqualTo(6.0);
            assertThat(Manifest.read(model.resolve("manifest.json")).decoding().beamWidth()).isEqualTo(3);

            // A second evaluation (features now from the cache) reproduces the recorded numbers exactly.
            EvaluationService.Run again = EvaluationService.evaluateModel(settings, service, data, beam,
                    ProgressListener.NONE, ProgressListener.NONE, () -> false);
            for (Metric metric : Metric.values()) {
                assertThat(again.result().corpus(metric)).isEqualTo(m.metrics().get("dev6-beam3").get(metric.label()));
            }
        }
        // The manifest is still a loadable bundle (weights untouched).
        try (ModelBundle reloaded = ModelBundle.load(model)) {
            assertThat(reloaded.manifest().metrics()).containsKey("dev6-beam3");
        }
    }
}
