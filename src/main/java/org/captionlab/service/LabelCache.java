package org.captionlab.service;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.captionlab.encoder.ImageLabel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encoder's top labels per image content, kept beside the feature cache so that guided
 * evaluation of a dataset encodes each image once, like the features.
 *
 * <p>One append-only UTF-8 text file per encoder and weights: a header line naming both, then one
 * line per image, {@code sha256<TAB>classIndex:probability<TAB>…}. Lines are flushed as they are
 * written; a line cut by a crash (no newline, or unparsable) is ignored when the file is read.
 * Label names are not stored (they follow from the class index and the label file), so the file
 * stays valid when label wording changes. Not thread-safe.
 */
final class LabelCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LabelCache.class);
    private static final String MAGIC = "captionlab-labels 1";

    private final Map<String, List<ImageLabel>> labels = new HashMap<>();
    private final List<String> names;
    private final BufferedWriter writer;

    private LabelCache(List<String> names, BufferedWriter writer) {
        this.names = names;
        this.writer = writer;
    }

    /**
     * Opens (or creates) the cache of an encoder under {@code dir}.
     *
     * @param names the encoder's label names by class index, to name the labels read back
     */
    static LabelCache open(Path dir, String encoderId, String weightsSha256, List<String> names) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("labels-" + encoderId + "-" + weightsSha256.substring(0, 12) + ".tsv");
        String header = MAGIC + "\t" + encoderId + "\t" + weightsSha256;
        LabelCache cache;
        if (Files.isRegularFile(file)) {
            List<String> lines = readLines(file);
            if (lines.isEmpty() || !lines.get(0).equals(header)) {
                throw new IOException("label cache '" + file + "' belongs to another encoder; delete it to rebuild it");
            }
            cache = new LabelCache(names, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
            for (String line : lines.subList(1, lines.size())) {
                cache.parse(line);
            }
        } else {
            BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            w.write(header);
            w.newLine();
            w.flush();
            cache = new LabelCache(names, w);
        }
        return cache;
    }

    /** Whole lines only: a last line without its newline was cut by a crash and is dropped. */
    private static List<String> readLines(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        lines.remove(lines.size() - 1); // after the last '\n' (empty when the file is whole)
        return lines;
    }

    private void parse(String line) {
        String[] cols = line.split("\t");
        if (cols.length < 1 || cols[0].length() != 64) {
            LOG.warn("label cache: ignoring a damaged line");
            return;
        }
        List<ImageLabel> list = new ArrayList<>();
        try {
            for (int i = 1; i < cols.length; i++) {
                String[] kv = cols[i].split(":");
                int index = Integer.parseInt(kv[0]);
                double p = Double.parseDouble(kv[1]);
                if (index < 0 || index >= names.size() || !(p >= 0 && p <= 1)) {
                    throw new NumberFormatException(cols[i]);
                }
                list.add(new ImageLabel(names.get(index), p, index));
            }
        } catch (RuntimeException e) {
            LOG.warn("label cache: ignoring a damaged line ({})", e.toString());
            return;
        }
        labels.put(cols[0], List.copyOf(list));
    }

    /** The labels of the image with this content hash, or null. */
    List<ImageLabel> get(String sha256) {
        return labels.get(sha256);
    }

    /** Stores and flushes the labels of an image (labels without a class index cannot be stored and are left out). */
    void put(String sha256, List<ImageLabel> imageLabels) throws IOException {
        StringBuilder sb = new StringBuilder(sha256);
        List<ImageLabel> kept = new ArrayList<>();
        for (ImageLabel l : imageLabels) {
            if (l.classIndex() >= 0) {
                sb.append('\t').append(l.classIndex()).append(':').append(String.format(Locale.ROOT, "%.6f", l.probability()));
                kept.add(l);
            }
        }
        writer.write(sb.toString());
        writer.newLine();
        writer.flush();
        labels.put(sha256, List.copyOf(kept));
    }

    /** {@link #put}, logging instead of throwing: the labels are a by-product whose loss costs only time. */
    void putQuietly(String sha256, List<ImageLabel> imageLabels) {
        try {
            put(sha256, imageLabels);
        } catch (IOException e) {
            LOG.warn("label cache: could not store labels ({})", e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
