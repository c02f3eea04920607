package org.captionlab.export;

import java.util.Locale;
import java.util.Objects;

/**
 * A typed CSV cell, so that text is protected against formula injection while numbers (a log
 * probability of {@code -3.2}) are written as numbers. Numbers are formatted without locale
 * ({@code .} as decimal separator, no grouping), so files read the same everywhere.
 */
public sealed interface CsvCell permits CsvCell.Text, CsvCell.FilePath, CsvCell.Decimal, CsvCell.Int {

    /** Decimals of {@link #decimal(double)}: 6, enough for log probabilities and metric scores. */
    int DEFAULT_DECIMALS = 6;

    /** The cell's content as written (before CSV quoting). */
    String render();

    /** A text cell, written through {@link CsvSafety#neutralise}. */
    static CsvCell text(String value) {
        return new Text(value);
    }

    /** A file path as given by the user (see {@link FilePath}). */
    static CsvCell path(String value) {
        return new FilePath(value);
    }

    /** A number with {@value #DEFAULT_DECIMALS} decimals. */
    static CsvCell decimal(double value) {
        return new Decimal(value, DEFAULT_DECIMALS);
    }

    /** A number with the given decimals. */
    static CsvCell decimal(double value, int decimals) {
        return new Decimal(value, decimals);
    }

    /** An integer. */
    static CsvCell integer(long value) {
        return new Int(value);
    }

    /** Text, neutralised against formula injection when rendered. */
    record Text(String value) implements CsvCell {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String render() {
            return CsvSafety.neutralise(value);
        }
    }

    /**
     * A file path, written as given so that it can be used again as it is: no {@code '} in front. A relative
     * path that starts like a formula ({@code -photo.jpg}, {@code =x.jpg}) is written {@code ./-photo.jpg},
     * which names the same file and which no spreadsheet runs.
     */
    record FilePath(String value) implements CsvCell {
        public FilePath {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String render() {
            return CsvSafety.isFormulaLike(value) ? "./" + value : value;
        }
    }

    /**
     * A floating-point number with fixed decimals, e.g. {@code -3.214568}. Non-finite values are written
     * {@code NaN}, {@code Infinity}, {@code -Infinity}, which Java, Python and pandas parse as numbers.
     */
    record Decimal(double value, int decimals) implements CsvCell {
        public Decimal {
            if (decimals < 0 || decimals > 17) {
                throw new IllegalArgumentException("decimals must be in 0..17 but is " + decimals);
            }
        }

        @Override
        public String render() {
            if (Double.isNaN(value)) {
                return "NaN";
            }
            if (Double.isInfinite(value)) {
                return value > 0 ? "Infinity" : "-Infinity";
            }
            return String.format(Locale.ROOT, "%." + decimals + "f", value);
        }
    }

    /** An integer such as a rank. */
    record Int(long value) implements CsvCell {
        @Override
        public String render() {
            return Long.toString(value);
        }
    }
}
