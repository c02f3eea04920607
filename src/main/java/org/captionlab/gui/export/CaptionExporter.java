package org.captionlab.gui.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.captionlab.export.CocoResultsWriter;
import org.captionlab.export.CsvCell;
import org.captionlab.export.SafeCsvWriter;
import org.captionlab.gui.library.CaptionScores;
import org.captionlab.search.Caption;
import org.captionlab.util.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the library's captions and reviews: a CSV for spreadsheets and pandas, a COCO results JSON for
 * pycocoevalcap and leaderboards, and plain {@code .txt} captions beside the photos (the sidecar layout
 * image-text training tools read). Every file is written atomically. Plain Java; runs on a worker thread.
 */
public final class CaptionExporter {

    private static final Logger LOG = LoggerFactory.getLogger(CaptionExporter.class);

    /** The CSV columns, one row per (photo, rank, model). */
    public static final List<String> CSV_HEADER = List.of("path", "rank", "caption", "logprob", "score", "edited",
            "edited_caption", "references", "bleu4", "rouge_l", "cider_d", "verdict", "category", "note", "model");

    /** How the references of a photo are joined in one CSV cell. */
    public static final String REFERENCE_SEPARATOR = " | ";

    private static final CsvCell EMPTY = CsvCell.text("");

    /** What writing {@code .txt} files did. */
    public record TextResult(int written, int skippedExisting, int withoutCaption, List<String> failures) {
        public TextResult {
            failures = List.copyOf(failures);
        }
    }

    private CaptionExporter() {
    }

    /**
     * Writes the CSV: for each photo, one row per caption of the main model (rank 1 = best) and, when a
     * comparison model captioned it, one row per caption of that model. The photo's fields (edited caption,
     * references, verdict, category, note) are repeated on each main-model row so that each row stands alone;
     * the per-image scores belong to the best caption and appear on rank-1 rows only. A photo without captions
     * gets one row with an empty rank, so its review is not lost. Text cells are neutralised against
     * formula injection by {@link SafeCsvWriter}.
     *
     * @param model        the main model's name (the {@code model} column), or null
     * @param compareModel the comparison model's name, or null
     * @return the number of data rows written
     */
    public static int writeCsv(Path target, List<PhotoRecord> photos, String model, String compareModel) throws IOException {
        int[] rows = {0};
        new SafeCsvWriter(CSV_HEADER).write(target, sink -> {
            for (PhotoRecord p : photos) {
                String refs = String.join(REFERENCE_SEPARATOR, p.references());
                String verdict = p.verdict() == null ? "" : p.verdict().name().toLowerCase(Locale.ROOT);
                String category = p.category() == null ? "" : p.category().label();
                if (p.captions().isEmpty()) {
                    sink.row(row(p, null, 0, p.scores(), refs, verdict, category, model, true));
                    rows[0]++;
                }
                for (int r = 0; r < p.captions().size(); r++) {
                    sink.row(row(p, p.captions().get(r), r + 1, p.scores(), refs, verdict, category, model, true));
                    rows[0]++;
                }
                for (int r = 0; r < p.compareCaptions().size(); r++) {
                    sink.row(row(p, p.compareCaptions().get(r), r + 1, p.compareScores(), refs, "", "", compareModel, false));
                    rows[0]++;
                }
            }
        });
        return rows[0];
    }

    private static List<CsvCell> row(PhotoRecord p, Caption caption, int rank, CaptionScores scores, String refs,
                                     String verdict, String category, String model, boolean reviewed) {
        List<CsvCell> cells = new ArrayList<>(CSV_HEADER.size());
        cells.add(CsvCell.text(p.path().toString()));
        cells.add(caption == null ? EMPTY : CsvCell.integer(rank));
        cells.add(caption == null ? EMPTY : CsvCell.text(caption.text()));
        cells.add(caption == null ? EMPTY : CsvCell.decimal(caption.logProb()));
        cells.add(caption == null ? EMPTY : CsvCell.decimal(caption.score()));
        cells.add(reviewed ? CsvCell.text(Boolean.toString(p.editedCaption() != null)) : EMPTY);
        cells.add(reviewed && p.editedCaption() != null ? CsvCell.text(p.editedCaption()) : EMPTY);
        cells.add(CsvCell.text(refs));
        boolean scored = rank == 1 && scores != null;
        cells.add(scored ? CsvCell.decimal(scores.bleu4()) : EMPTY);
        cells.add(scored ? CsvCell.decimal(scores.rougeL()) : EMPTY);
        cells.add(scored ? CsvCell.decimal(scores.ciderD()) : EMPTY);
        cells.add(CsvCell.text(verdict));
        cells.add(CsvCell.text(category));
        cells.add(reviewed && p.note() != null ? CsvCell.text(p.note()) : EMPTY);
        cells.add(CsvCell.text(model == null ? "" : model));
        return cells;
    }

    /**
     * Writes the main model's best captions in the COCO results format. A photo's image id is its id in the
     * reference dataset (so the file scores against the same annotations with pycocoevalcap), else its file
     * name, else (when two photos share a file name) its full path. Photos without a caption are left out.
     *
     * @return the number of results written
     */
    public static int writeCoco(Path target, List<PhotoRecord> photos) throws IOException {
        Map<String, String> byId = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        Set<String> duplicateNames = new HashSet<>();
        for (PhotoRecord p : photos) {
            if (!names.add(p.fileName())) {
                duplicateNames.add(p.fileName());
            }
        }
        for (PhotoRecord p : photos) {
            String caption = p.modelCaption();
            if (caption == null) {
                continue;
            }
            String id = p.referenceId() != null ? p.referenceId()
                    : duplicateNames.contains(p.fileName()) ? p.path().toString() : p.fileName();
            if (byId.containsKey(id)) {
                id = p.path().toString();
            }
            byId.put(id, caption);
        }
        CocoResultsWriter.write(target, byId);
        return byId.size();
    }

    /** The sidecar caption file of a photo: {@code photo.jpg} → {@code photo.txt} in the same folder. */
    public static Path textFileFor(Path photo) {
        String name = photo.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return photo.resolveSibling(stem + ".txt");
    }

    /** How many of the photos (with a caption to write) already have a {@code .txt} file. */
    public static int countExistingTextFiles(List<PhotoRecord> photos) {
        int n = 0;
        for (PhotoRecord p : photos) {
            if (p.finalCaption() != null && Files.exists(textFileFor(p.path()))) {
                n++;
            }
        }
        return n;
    }

    /**
     * Writes each photo's caption (the edited one, else the model's best) to {@code photo.txt} beside it,
     * UTF-8 with a final newline. Existing files are skipped unless {@code policy} is
     * {@link TextFilePolicy#OVERWRITE}; a file that cannot be written is reported and the rest go on.
     */
    public static TextResult writeTextFiles(List<PhotoRecord> photos, TextFilePolicy policy) {
        int written = 0;
        int skipped = 0;
        int without = 0;
        List<String> failures = new ArrayList<>();
        for (PhotoRecord p : photos) {
            String caption = p.finalCaption();
            if (caption == null) {
                without++;
                continue;
            }
            Path target = textFileFor(p.path());
            if (policy == TextFilePolicy.SKIP_EXISTING && Files.exists(target)) {
                skipped++;
                continue;
            }
            try {
                byte[] bytes = (caption + "\n").getBytes(StandardCharsets.UTF_8);
                AtomicFiles.write(target, out -> out.write(bytes));
                written++;
            } catch (IOException e) {
                LOG.warn("Could not write caption file '{}'", target, e);
                failures.add("could not write '" + target + "': " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
        return new TextResult(written, skipped, without, failures);
    }
}
