package org.captionlab.export;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.captionlab.search.Caption;

/**
 * The columns of the caption CSV, in order: one row per photo and caption rank, rank 1 the best.
 * {@code logprob} is the caption's natural-log probability and {@code score} its ranking score
 * (length-normalised for beam search); {@code guide} says which of the encoder's labels guided the captions
 * (empty when none did); {@code warning} holds the image decoder's warnings, if any.
 * This is the one place that says which columns there are: a new column is one more constant here.
 */
public enum CaptionColumn {
    PATH("path") {
        @Override
        CsvCell cell(CaptionRecord r, int rank, Caption c) {
            return CsvCell.path(r.path());
        }
    },
    RANK("rank") {
        @Override
        CsvCell cell(CaptionRecord r, int rank, Caption c) {
            return CsvCell.integer(rank);
        }
    },
    CAPTION("caption") {
        @Override
        CsvCell cell(CaptionRecord r, int rank, Caption c) {
            return CsvCell.text(c.text());
        }
    },
    LOGPROB("logprob") {
        @Override
        CsvCell cell(CaptionRecord r, int rank, Caption c) {
            return CsvCell.decimal(c.logProb());
        }
    },
    SCORE("score") {
        @Override
        CsvCell cell(CaptionRecord r, int rank, Caption c) {
            return CsvCell.decimal(c.score());
        }
    },
    ENCODER("encoder") {
        @Override
        CsvCell cell(CaptionRecord r, int rank, Caption c) {
            return CsvCell.text(r.encoder());
        }
    },
    MODEL("model") {
        @Override
        CsvCell cell(CaptionRecord r, int rank, Caption c) {
            return CsvCell.text(r.model());
        }
    },
    GUIDE("guide") {
        @Override
        CsvCell cell(CaptionRecord r, int rank, Caption c) {
            return CsvCell.text(r.guide() == null ? "" : r.guide().description());
        }
    },
    WARNING("warning") {
        @Override
        CsvCell cell(CaptionRecord r, int rank, Caption c) {
            return CsvCell.text(r.warningText());
        }
    };

    private final String header;

    CaptionColumn(String header) {
        this.header = header;
    }

    /** The column's name in the header row. */
    public String header() {
        return header;
    }

    abstract CsvCell cell(CaptionRecord record, int rank, Caption caption);

    /** The header row. */
    public static List<String> headers() {
        return Arrays.stream(values()).map(CaptionColumn::header).toList();
    }

    /** The rows of one photo, one per caption, best first. */
    public static List<List<CsvCell>> rows(CaptionRecord record) {
        List<List<CsvCell>> rows = new ArrayList<>();
        int rank = 1;
        for (Caption caption : record.captions()) {
            List<CsvCell> row = new ArrayList<>(values().length);
            for (CaptionColumn column : values()) {
                row.add(column.cell(record, rank, caption));
            }
            rows.add(row);
            rank++;
        }
        return rows;
    }
}
