package org.captionlab.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.captionlab.encoder.ImageLabel;
import org.captionlab.export.CaptionRecord;
import org.captionlab.export.CaptionStream;
import org.captionlab.export.CsvCell;
import org.captionlab.image.DamagedImageException;
import org.captionlab.image.ImageFiles;
import org.captionlab.model.Manifest;
import org.captionlab.search.DecodeOptions;
import org.captionlab.service.CaptioningService;
import org.captionlab.service.Guidance;
import org.captionlab.service.ImageResult;
import org.captionlab.service.Images;
import org.captionlab.service.OrderedCaptioning;
import org.captionlab.util.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code captionlab caption IMAGE_OR_FOLDER...}: captions photos with the best caption and its alternatives.
 *
 * <p>Results are streamed: each photo's rows (CSV), object (JSON) or block (text) are written and flushed as
 * soon as it is captioned, to standard output or to {@code FILE.partial} beside {@code --out FILE}, which
 * is renamed to {@code FILE} when the run is complete. Ctrl-C or SIGTERM finishes the photo in hand and
 * leaves the partial file; {@code --resume} continues it, skipping the photos already in it.
 */
@Command(name = "caption", mixinStandardHelpOptions = true,
        description = "Caption images (folders are walked recursively).",
        footer = {"", "File names that start with '-' go after '--', e.g. caption --out c.csv -- -photo.jpg.",
            "Exit codes: 0 all captioned, 1 some photos failed, 2 bad command line, 3 nothing could be done,"
                + " 130 interrupted (Ctrl-C; 143 for SIGTERM)."})
final class CaptionCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(CaptionCommand.class);
    private static final String NAME = "captionlab caption: ";
    private static final int NAMES_SHOWN = 5;
    private static final int WARNINGS_SHOWN = 3;

    enum Format { text, csv, json, jsonl }

    /** Opens the partial output file for appending (a test seam: a full disk is a stream that fails). */
    @FunctionalInterface
    interface OutputOpener {
        OutputStream open(Path file) throws IOException;
    }

    static final OutputOpener FILES = file -> Files.newOutputStream(file, StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    static volatile OutputOpener opener = FILES;

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

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}); "
            + "json is an array with one photo per line, jsonl one JSON object per line.")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the output to FILE instead of standard output: streamed to "
            + "FILE.partial and renamed to FILE when every photo is done. A symbolic link is written through.")
    Path out;

    @Option(names = "--resume", description = "Continue an interrupted run: keep the photos already in FILE.partial (or FILE) "
            + "and caption the rest. Needs --out and the same --format and model.")
    boolean resume;

    @Option(names = "--accept-damaged", description = "Caption images whose decoder reports broken data (bad Huffman code, "
            + "premature end, ...) instead of refusing them; their warnings are still reported.")
    boolean acceptDamaged;

    private PrintWriter err;

    @Override
    public Integer call() throws IOException {
        err = spec.commandLine().getErr();
        Path target = null;
        Path partial = null;
        if (resume && out == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--resume needs --out FILE: it continues that file");
        }
        if (out != null) {
            if (Files.isDirectory(out)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--out '" + out + "' is a folder: name the file to"
                        + " write, e.g. --out " + out.resolve("captions." + format));
            }
            target = AtomicFiles.resolveLinks(out);
            partial = target.resolveSibling(target.getFileName() + ".partial");
            if (Files.isDirectory(partial)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "'" + partial + "' is a folder: move it away");
            }
            if (Files.exists(partial) && !resume) {
                throw new CommandLine.ParameterException(spec.commandLine(), "'" + partial + "' holds the captions of an"
                        + " interrupted run: add --resume to finish it, or delete it to start again");
            }
        }

        int failed = 0;
        List<Path> images = new ArrayList<>();
        List<ImageFiles.Skip> skips = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                err.println(NAME + "'" + input + "' " + (Files.isSymbolicLink(input)
                        ? "is a symbolic link to a file that does not exist" : "does not exist"));
                failed++;
            } else if (Files.isDirectory(input)) {
                ImageFiles.Listing listing = Images.collect(List.of(input));
                images.addAll(listing.images());
                skips.addAll(listing.skips());
            } else if (!Files.isRegularFile(input)) {
                String kind = Images.specialKind(input);
                err.println(NAME + "'" + input + "' is " + (kind != null ? kind : "not a regular file")
                        + ", not an image file: name the image files themselves");
                failed++;
            } else {
                images.add(input); // named explicitly: try it, the loader says what is wrong if it is no image
            }
        }
        reportSkips(skips);
        if (images.isEmpty()) {
            err.println(NAME + "no images found in " + inputs + " (CaptionLab reads " + Images.SUPPORTED_FORMATS + ")");
            err.flush();
            return CaptionLabCommand.FATAL;
        }

        try (Interruption stop = new Interruption("caption");
             CaptioningService service = modelOptions.openService(err)) {
            // Each photo is seen once: no in-memory cache (it would grow with the batch) and no hashing.
            service.setMemoryCacheCapacity(0);
            service.setAcceptDamagedImages(acceptDamaged);
            DecodeOptions options = decoding.resolve(service.defaultOptions());
            Manifest.Guide guide = guideOptions.resolve(service, spec.commandLine());
            LOG.info("captioning {} images with {} ({}, guide {})", images.size(), service.model().name(), options, guide);
            Run run = target != null ? openFile(target, partial, service) : openStdout();
            if (run == null) {
                return CaptionLabCommand.USAGE;
            }
            return captionAll(images, service, options, guide, run, stop, failed);
        } finally {
            err.flush();
        }
    }

    /** An output being written. */
    private record Run(CaptionStream stream, Writer writer, Path partial, Path target, Set<String> done, long resumed) {
    }

    private Run openStdout() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        CaptionStream stream = new CaptionStream(stdout, streamFormat(), 0);
        stream.begin(true);
        return new Run(stream, stdout, null, null, Set.of(), 0);
    }

    private Run openFile(Path target, Path partial, CaptioningService service) throws IOException {
        CaptionStream.Resume previous = new CaptionStream.Resume(0, Set.of(), 0);
        if (resume) {
            if (!Files.exists(partial) && Files.isRegularFile(target)) {
                // A finished output is continued too (new photos in the folder): work on a copy until done.
                Files.copy(target, partial, StandardCopyOption.COPY_ATTRIBUTES);
            }
            if (Files.exists(partial)) {
                String content = new String(Files.readAllBytes(partial), StandardCharsets.UTF_8);
                try {
                    previous = CaptionStream.resume(content, streamFormat(), service.model().encoderId(), service.model().name());
                } catch (CaptionStream.ResumeException e) {
                    err.println(NAME + "cannot resume '" + partial + "': " + e.getMessage() + "; run with the options that"
                            + " made it (--format " + format + ", the same --model), or delete it to start again");
                    return null;
                }
                long keepBytes = content.substring(0, previous.keepChars()).getBytes(StandardCharsets.UTF_8).length;
                try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                    channel.truncate(keepBytes);
                }
                LOG.info("resuming '{}': {} photos already done", partial, previous.photos());
            }
        }
        Writer writer;
        try {
            writer = new BufferedWriter(new OutputStreamWriter(opener.open(partial), StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new IOException("cannot write '" + partial + "' (" + Errors.reason(e) + "): choose another --out", e);
        }
        CaptionStream stream = new CaptionStream(writer, streamFormat(), previous.photos());
        try {
            stream.begin(previous.keepChars() == 0);
        } catch (IOException e) {
            closeQuietly(writer);
            throw new IOException("cannot write '" + partial + "' (" + Errors.reason(e) + ")", e);
        }
        return new Run(stream, writer, partial, target, previous.done(), previous.photos());
    }

    private CaptionStream.Format streamFormat() {
        return switch (format) {
            case text -> CaptionStream.Format.TEXT;
            case csv -> CaptionStream.Format.CSV;
            case json -> CaptionStream.Format.JSON;
            case jsonl -> CaptionStream.Format.JSONL;
        };
    }

    /** How a photo's path appears in the output (the key --resume matches). */
    private String written(Path image) {
        return format == Format.csv ? CsvCell.path(image.toString()).render() : image.toString();
    }

    private int captionAll(List<Path> images, CaptioningService service, DecodeOptions options, Manifest.Guide guide,
                           Run run, Interruption stop, int failedBefore) throws IOException {
        int failed = failedBefore;
        long captioned = 0;
        long skippedDone = 0;
        int left = 0;
        IOException writeFailure = null;
        boolean interrupted = false;
        String model = service.model().name();
        String encoder = service.model().encoderId();
        List<Path> todo = new ArrayList<>(images.size());
        for (Path image : images) {
            if (run.done().contains(written(image))) {
                skippedDone++;
            } else {
                todo.add(image);
            }
        }
        // Later photos are read, encoded and searched on worker threads while this one is written.
        try (OrderedCaptioning pipeline = new OrderedCaptioning(service, todo, options, guide,
                OrderedCaptioning.defaultWorkers(service))) {
            for (int i = 0; i < todo.size(); i++) {
                if (stop.requested()) {
                    interrupted = true;
                    left = todo.size() - i;
                    break;
                }
                OrderedCaptioning.Attempt attempt = pipeline.next();
                Path image = attempt.image();
                ImageResult result = attempt.result();
                Throwable failure = attempt.failure();
                if (failure instanceof DamagedImageException e) {
                    failed++;
                    LOG.warn("captioning {} failed", image, e);
                    err.println(NAME + Errors.message(e) + " (add --accept-damaged to caption it anyway)");
                    err.flush();
                    continue;
                } else if (failure instanceof OutOfMemoryError e) {
                    failed++;
                    LOG.warn("captioning {} ran out of memory", image, e);
                    err.println(NAME + "image '" + image + "': there is not enough memory to caption it (the Java heap is "
                            + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB; run with a larger -Xmx)");
                    err.flush();
                    continue;
                } else if (failure instanceof Exception e) {
                    failed++;
                    LOG.warn("captioning {} failed", image, e);
                    err.println(NAME + Errors.message(e));
                    err.flush();
                    continue;
                } else if (failure instanceof Error e) {
                    throw e;
                }
                List<String> warnings = result.warnings();
                for (int w = 0; w < Math.min(WARNINGS_SHOWN, warnings.size()); w++) {
                    err.println(NAME + "warning: image '" + image + "': " + warnings.get(w));
                }
                if (warnings.size() > WARNINGS_SHOWN) {
                    err.println(NAME + "warning: image '" + image + "': and " + (warnings.size() - WARNINGS_SHOWN) + " more warnings");
                }
                try {
                    run.stream().write(new CaptionRecord(image.toString(), result.captions(), labels(result.encoded().labels()),
                            warnings, encoder, model, guideOf(result.guidance())));
                    if (run.partial() == null && outputFailed(run.writer())) {
                        throw new IOException("the stream reports an error");
                    }
                } catch (IOException e) {
                    writeFailure = e;
                    left = todo.size() - i;
                    break;
                }
                captioned++;
            }
        }
        err.flush();
        long inOutput = run.resumed() + captioned;
        if (writeFailure != null) {
            LOG.error("writing the output failed", writeFailure);
            if (run.partial() != null) {
                closeQuietly(run.writer());
                err.println(NAME + "cannot write '" + run.partial() + "' (" + Errors.reason(writeFailure) + "): the captions of"
                        + " the photos before it are kept there; free some space (or fix the cause) and run the same"
                        + " command with --resume to caption the " + photos(left) + " left");
            } else {
                err.println(NAME + "cannot write to standard output (" + Errors.reason(writeFailure) + "), for example a full"
                        + " disk or a closed pipe: " + photos(left) + " not written; use --out FILE");
            }
            return inOutput > 0 ? CaptionLabCommand.SOME_FAILED : CaptionLabCommand.FATAL;
        }
        if (interrupted) {
            if (run.partial() != null) {
                try {
                    run.writer().close();
                    AtomicFiles.force(run.partial());
                } catch (IOException e) {
                    LOG.warn("closing {} failed", run.partial(), e);
                }
                err.println(NAME + "interrupted: the captions of " + photos(inOutput) + " are in '" + run.partial()
                        + "'; run the same command with --resume to caption the " + photos(left) + " left");
            } else {
                run.writer().flush();
                err.println(NAME + "interrupted: " + photos(left) + " not captioned");
            }
            return CaptionLabCommand.CANCELLED;
        }
        try {
            run.stream().finish();
            if (run.partial() != null) {
                run.writer().close();
                AtomicFiles.commit(run.partial(), run.target());
            } else if (outputFailed(run.writer())) {
                throw new IOException("the stream reports an error");
            }
        } catch (IOException e) {
            LOG.error("finishing the output failed", e);
            if (run.partial() != null) {
                err.println(NAME + "cannot finish '" + run.partial() + "' (" + Errors.reason(e) + "): the captions are"
                        + " kept there; fix the cause and run the same command with --resume");
            } else {
                err.println(NAME + "cannot write to standard output (" + Errors.reason(e) + "), for example a full disk or a"
                        + " closed pipe: the output is incomplete; use --out FILE");
            }
            return CaptionLabCommand.FATAL;
        }
        if (skippedDone > 0) {
            LOG.info("{} photos were already in '{}'", skippedDone, run.target());
        }
        return failed == 0 ? CaptionLabCommand.OK : CaptionLabCommand.SOME_FAILED;
    }

    private static String photos(long n) {
        return n + (n == 1 ? " photo" : " photos");
    }

    /** The output's account of how labels guided a photo, or null when none did. */
    static CaptionRecord.Guide guideOf(Guidance g) {
        return g.labels().isEmpty() ? null : new CaptionRecord.Guide(labels(g.labels()), g.words(), g.fellBack(), g.describe());
    }

    private static List<CaptionRecord.Label> labels(List<ImageLabel> labels) {
        return labels.stream().map(l -> new CaptionRecord.Label(l.label(), l.probability())).toList();
    }

    /** True when writing to standard output failed (PrintWriter and the PrintStream below swallow the error). */
    private static boolean outputFailed(Writer writer) {
        boolean failed = writer instanceof PrintWriter pw && pw.checkError();
        return failed || System.out.checkError();
    }

    private static void closeQuietly(Writer writer) {
        try {
            writer.close();
        } catch (IOException e) {
            LOG.debug("closing after a failure: {}", e.toString());
        }
    }

    /** One line per kind of skipped path, naming the first few. */
    private void reportSkips(List<ImageFiles.Skip> skips) {
        Map<ImageFiles.SkipKind, List<ImageFiles.Skip>> byKind = new EnumMap<>(ImageFiles.SkipKind.class);
        for (ImageFiles.Skip s : skips) {
            byKind.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(s);
        }
        for (Map.Entry<ImageFiles.SkipKind, List<ImageFiles.Skip>> e : byKind.entrySet()) {
            List<ImageFiles.Skip> list = e.getValue();
            list.sort(java.util.Comparator.comparing(ImageFiles.Skip::path));
            List<String> names = new ArrayList<>();
            for (ImageFiles.Skip s : list.subList(0, Math.min(NAMES_SHOWN, list.size()))) {
                names.add("'" + s.path() + "'" + (s.detail() != null ? " (" + s.detail() + ")" : ""));
            }
            String more = list.size() > NAMES_SHOWN ? " and " + (list.size() - NAMES_SHOWN) + " more" : "";
            err.println(NAME + "skipped " + e.getKey().describe(list.size()) + ": " + String.join(", ", names) + more);
        }
        err.flush();
    }
}
