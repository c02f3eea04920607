package org.captionlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.captionlab.model.Manifest;
import org.captionlab.search.DecodeOptions;
import org.captionlab.service.CaptioningService;
import org.captionlab.service.DatasetSpec;
import org.captionlab.service.PhysicalEvaluator;
import org.captionlab.service.Settings;
import org.captionlab.service.SweepService;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** What {@code sweep} and {@code optimise} share: the photos, fixed knobs, workers, and opening the evaluator. */
final class PhysicalOptions {

    @Option(names = "--images", paramLabel = "DIR", required = true, description = "Folder of the photos.")
    Path images;

    @Option(names = "--captions", paramLabel = "FILE", description = "Reference captions (any supported format): adds BLEU-4, CIDEr-D and mention F1.")
    Path captions;

    @Option(names = "--dataset", paramLabel = "FORMAT", description = "Format of --captions (default: detected).")
    String format;

    @Option(names = "--split", paramLabel = "LIST", description = "With --captions: a split list file (one image name a line), or a Karpathy split name.")
    String split;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N photos.")
    Integer limit;

    @Option(names = "--fix", paramLabel = "NAME=VALUE", description = "A physical parameter held fixed (repeatable), e.g. noise.photons=200.")
    List<String> fixed = List.of();

    @Option(names = "--workers", paramLabel = "N", description = "Photos encoded in parallel, one encoder each (default: the number of cores, at most 4).")
    Integer workers;

    Map<String, Double> fixedValues(CommandLine cl) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String f : fixed) {
            try {
                Map.Entry<String, Double> e = SweepService.parseFixed(f);
                out.put(e.getKey(), e.getValue());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--fix " + e.getMessage());
            }
        }
        return out;
    }

    int workerCount(CommandLine cl) {
        int n = workers != null ? workers : Math.min(4, Runtime.getRuntime().availableProcessors());
        if (n < 1 || n > 64) {
            throw new CommandLine.ParameterException(cl, "--workers must be 1..64, got " + n);
        }
        return n;
    }

    List<PhysicalEvaluator.Photo> photos() throws IOException {
        DatasetSpec refs = captions == null ? null : new DatasetSpec(format, images, captions, split);
        return SweepService.photos(images, refs, limit);
    }

    /** Opens the evaluator: the photos loaded, one encoder per worker. */
    static PhysicalEvaluator open(CaptioningService service, ModelOptions model, List<PhysicalEvaluator.Photo> photos,
                                  DecodeOptions options, Manifest.Guide guide, int workers) throws IOException {
        return new PhysicalEvaluator(service, PhysicalEvaluator.workerEncoders(service, Settings.fromEnvironment(),
                model.encoderWeights), photos, options, guide, workers);
    }
}
