package org.captionlab.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.captionlab.search.Caption;

/**
 * Writes the caption CSV of the {@code caption} command: one row per image and rank,
 * {@code path,rank,caption,logprob,score,encoder,model,guide}, rank 1 the best caption; {@code guide} says which
 * of the encoder's labels guided the captions (empty when none did). {@code logprob} is the
 * caption's natural-log probability and {@code score} its ranking score (length-normalised for beam
 * search), both with {@value CsvCell#DEFAULT_DECIMALS} decimals. The file is written with
 * {@link SafeCsvWriter}: RFC 4180, UTF-8, formula-safe text, atomic.
 */
public final class CaptionCsvWriter {

    /** The columns, in order. */
    public static final List<String> HEADER = List.of("path", "rank", "caption", "logprob", "score", "encoder", "model",
            "guide");

    private final String encoder;
    private final String model;
    private final SafeCsvWriter csv;

    /**
     * @param encoder the image encoder's id (e.g. {@code mobilenet_v2}), repeated on every row
     * @param model   the caption model's name, repeated on every row
     */
    public CaptionCsvWriter(String encoder, String model) {
        this(encoder, model, new SafeCsvWriter(HEADER));
    }

    private CaptionCsvWriter(String encoder, String model, SafeCsvWriter csv) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.model = Objects.requireNonNull(model, "model");
        this.csv = csv;
    }

    /** The same writer with the UTF-8 byte-order mark (for Excel) on or off; off by default. */
    public CaptionCsvWriter withBom(boolean bom) {
        return new CaptionCsvWriter(encoder, model, csv.withBom(bom));
    }

    /** Writes {@code results} to {@code target}, replacing it only when every row is written. */
    public void write(Path target, List<CaptionedImage> results) throws IOException {
        CsvCell encoderCell = CsvCell.text(encoder);
        CsvCell modelCell = CsvCell.text(model);
        csv.write(target, sink -> {
            for (CaptionedImage result : results) {
                CsvCell path = CsvCell.text(result.path().toString());
                CsvCell guide = CsvCell.text(result.guide());
                int rank = 1;
                for (Caption caption : result.captions()) {
                    sink.row(path, CsvCell.integer(rank++), CsvCell.text(caption.text()), CsvCell.decimal(caption.logProb()),
                            CsvCell.decimal(caption.score()), encoderCell, modelCell, guide);
                }
            }
        });
    }
}
