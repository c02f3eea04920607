package org.captionlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.captionlab.data.CaptionDataset;
import org.captionlab.data.FeatureCache;
import org.captionlab.encoder.EncoderWeights;
import org.captionlab.encoder.ImageEncoder;
import org.captionlab.encoder.ImageEncoders;
import org.captionlab.service.DatasetLoading;
import org.captionlab.service.FeatureSet;
import org.captionlab.service.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code captionlab features}: encodes the images of a dataset once into the feature cache. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Encode a dataset's images once into the feature cache.",
            "The cache (~/.captionlab/features) is keyed by encoder, encoder weights and image content.",
            "Interrupt at any time: a second run resumes."})
final class FeaturesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DatasetOptions data;

    @Option(names = "--split", paramLabel = "LIST", description = "Only the images of this split (list file or Karpathy split name).")
    String split;

    @Option(names = "--encoder", defaultValue = "mobilenet-v2", description = "Encoder: mobilenet-v2 or vgg16 (default ${DEFAULT-VALUE}).")
    String encoder;

    @Option(names = "--encoder-weights", paramLabel = "PATH", description = "Encoder weights file.")
    Path encoderWeights;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Settings settings = Settings.fromEnvironment();
        CaptionDataset dataset = DatasetLoading.load(data.spec(split));
        try (Interruption interruption = new Interruption("features");
             ImageEncoder enc = ImageEncoders.open(encoder, encoderWeights, EncoderWeights.Environment.system(settings.home()),
                new ConsoleProgress(err, "downloading encoder weights", "bytes"));
             FeatureCache cache = FeatureCache.open(settings.featureCacheDir(), enc.id(), enc.weightsSha256(), enc.featureDim())) {
            FeatureSet set = FeatureSet.of(dataset, enc, cache, new ConsoleProgress(err, "features", "images"), interruption::requested);
            for (String p : set.problems()) {
                err.println("captionlab features: " + p);
            }
            out.printf("%,d images have features (%,d encoded now) in %s%n", set.examples().size(), set.encoded(), cache.file());
            out.flush();
            return set.problems().isEmpty() ? CaptionLabCommand.OK : CaptionLabCommand.SOME_FAILED;
        }
    }
}
