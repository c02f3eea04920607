package org.captionlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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

    @Option(names = "--mirror", description = "Also encode every image mirrored left-right (its own cache entries), as train --mirror reads them.")
    boolean mirror;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        FeatureSet.Extraction extraction;
        try (Interruption interruption = new Interruption("features")) {
            extraction = FeatureSet.extract(Settings.fromEnvironment(), data.spec(split), encoder, encoderWeights, mirror,
                    new ConsoleProgress(err, "downloading encoder weights", "bytes"),
                    new ConsoleProgress(err, "features", "images"),
                    new ConsoleProgress(err, "features (mirrored)", "images"), interruption::requested);
        }
        FeatureSet set = extraction.features();
        for (String p : set.problems()) {
            err.println("captionlab features: " + p);
        }
        out.printf("%,d images have features (%,d encoded now) in %s%n", set.examples().size(), set.encoded(), extraction.cacheFile());
        if (extraction.mirroredCacheFile() != null) {
            long mirrored = set.examples().stream().filter(e -> e.mirrored() != null).count();
            out.printf("%,d of them mirrored too, in %s%n", mirrored, extraction.mirroredCacheFile());
        }
        out.flush();
        return set.problems().isEmpty() ? CaptionLabCommand.OK : CaptionLabCommand.SOME_FAILED;
    }
}
