package org.captionlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.captionlab.encoder.EncodedImage;
import org.captionlab.encoder.ImageLabel;
import org.captionlab.export.CaptionCsvWriter;
import org.captionlab.export.CaptionedImage;
import org.captionlab.search.Caption;
import org.captionlab.search.DecodeOptions;
import org.captionlab.service.CaptioningService;
import org.captionlab.service.Guidance;
import org.captionlab.service.GuidedCaptions;
import org.captionlab.service.ImageResult;
import org.captionlab.model.Manifest;
import org.captionlab.service.Images;
import org.captionlab.util.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code captionlab caption IMAGE_OR_FOLDER...}: captions photos with the best caption and its alternatives. */
@Command(name = "caption", mixinStandardHelpOptions = true,
        description = "Caption images (folders are walked recursively).")
final class CaptionCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(CaptionCommand.class);

    enum Format { text, csv, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IMAGE_OR_FOLDER", description = "Images or folders of images.")
    List<Path> inputs;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DecodingOptions decoding;

    @Mixin
    GuideOptions guideOptions;

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the output to FILE (written atomically) instead of standard output.")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        List<Path> images = new ArrayList<>();
        int skipped = 0;
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                err.println("captionlab caption: '" + input + "' does not exist");
                failed++;
            } else if (Files.isDirectory(input)) {
                var listing = Images.collect(List.of(input));
                images.addAll(listing.images());
                skipped += listing.skipped();
            } else {
                images.add(input); // named explicitly: try it, the loader says what is wrong if it is no image
            }
        }
        if (skipped > 0) {
            LOG.info("skipped {} files without an image extension", skipped);
        }
        if (images.isEmpty()) {
            err.println("captionlab caption: no images found in " + inputs);
            err.flush();
            return CaptionLabCommand.FATAL;
        }
        List<ImageResult> results = new ArrayList<>();
        try (CaptioningService service = modelOptions.openService(err)) {
            DecodeOptions options = decoding.resolve(service.defaultOptions());
            Manifest.Guide guide = guideOptions.resolve(service, spec.commandLine());
            LOG.info("captioning {} images with {} ({}, guide {})", images.size(), service.model().name(), options, guide);
            for (Path image : images) {
                try {
                    EncodedImage encoded = service.encode(image);
                    GuidedCaptions captions = service.decode(encoded, options, guide);
                    results.add(new ImageResult(image, encoded, captions.captions(), captions.guidance()));
                } catch (IOException | RuntimeException e) {
                    failed++;
                    LOG.warn("captioning {} failed", image, e);
                    err.println("captionlab caption: " + Errors.message(e));
                    err.flush();
                }
            }
            write(results, service);
        }
        err.flush();
        return failed == 0 ? CaptionLabCommand.OK : CaptionLabCommand.SOME_FAILED;
    }

    private void write(List<ImageResult> results, CaptioningService service) throws IOException {
        String model = service.model().name();
        String encoder = service.model().encoderId();
        switch (format) {
            case csv -> {
                List<CaptionedImage> rows = new ArrayList<>();
                for (ImageResult r : results) {
                    rows.add(new CaptionedImage(r.path(), r.captions(), guideCell(r.guidance())));
                }
                CaptionCsvWriter writer = new CaptionCsvWriter(encoder, model);
                if (out != null) {
                    writer.write(out, rows);
                } else {
                    // The writer works on files (atomic replace); for standard output go through a temporary one.
                    Path tmp = Files.createTempFile("captionlab-", ".csv");
                    try {
                        writer.write(tmp, rows);
                        PrintWriter stdout = spec.commandLine().getOut();
                        stdout.print(Files.readString(tmp, java.nio.charset.StandardCharsets.UTF_8));
                        stdout.flush();
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                }
            }
            case json -> emit(json(results, encoder, model));
            case text -> emit(text(results));
            default -> throw new IllegalStateException("unknown format " + format);
        }
    }

    private void emit(String content) throws IOException {
        if (out != null) {
            AtomicFiles.writeString(out, content);
        } else {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(content);
            stdout.flush();
        }
    }

    /** The CSV's guide cell: the labels that guided and their words, empty when none did. */
    static String guideCell(Guidance g) {
        return g.labels().isEmpty() ? "" : g.describe();
    }

    static String text(List<ImageResult> results) {
        StringBuilder sb = new StringBuilder();
        for (ImageResult r : results) {
            sb.append(r.path()).append('\n');
            int rank = 1;
            for (Caption c : r.captions()) {
                sb.append(String.format("  %d. %s%n     logp %.3f  p %.2e  score %.3f%n",
                        rank++, c.text(), c.logProb(), c.probability(), c.score()));
            }
            if (!r.encoded().labels().isEmpty()) {
                sb.append("  ImageNet: ");
                List<String> parts = new ArrayList<>();
                for (ImageLabel l : r.encoded().labels()) {
                    parts.add(String.format("%s %.0f%%", l.label(), 100 * l.probability()));
                }
                sb.append(String.join(", ", parts)).append('\n');
            }
            if (!r.guidance().labels().isEmpty()) {
                sb.append("  guided by: ").append(r.guidance().describe()).append('\n');
            }
        }
        return sb.toString();
    }

    static String json(List<ImageResult> results, String encoder, String model) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ImageResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("path", r.path().toString());
            row.put("model", model);
            row.put("encoder", encoder);
            List<Map<String, Object>> caps = new ArrayList<>();
            int rank = 1;
            for (Caption c : r.captions()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("rank", rank++);
                m.put("caption", c.text());
                m.put("logprob", c.logProb());
                m.put("score", c.score());
                List<Map<String, Object>> words = new ArrayList<>();
                double[] probs = c.tokenProbs();
                for (int i = 0; i < probs.length; i++) {
                    words.add(Map.of("word", c.words().get(i), "prob", probs[i]));
                }
                m.put("words", words);
                m.put("end_prob", c.endProb());
                caps.add(m);
            }
            row.put("captions", caps);
            List<Map<String, Object>> labels = new ArrayList<>();
            for (ImageLabel l : r.encoded().labels()) {
                labels.add(Map.of("label", l.label(), "probability", l.probability()));
            }
            row.put("imagenet_labels", labels);
            Guidance g = r.guidance();
            if (g.labels().isEmpty()) {
                row.put("guide", null);
            } else {
                Map<String, Object> guideRow = new LinkedHashMap<>();
                List<Map<String, Object>> by = new ArrayList<>();
                for (ImageLabel l : g.labels()) {
                    by.add(Map.of("label", l.label(), "probability", l.probability()));
                }
                guideRow.put("labels", by);
                guideRow.put("words", g.words());
                guideRow.put("fell_back", g.fellBack());
                row.put("guide", guideRow);
            }
            rows.add(row);
        }
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows) + "\n";
    }
}
