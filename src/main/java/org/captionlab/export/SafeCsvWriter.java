package org.captionlab.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.captionlab.util.AtomicFiles;

/**
 * Writes a CSV file safely: RFC 4180 (comma, {@code "} quoting where needed, CRLF line ends), UTF-8,
 * text cells neutralised against formula injection ({@link CsvSafety}), numbers written as numbers
 * ({@link CsvCell}), and the whole file written through {@link AtomicFiles}: rows go to a temporary
 * file that replaces the target only once every row is written, so a run that fails halfway leaves the
 * previous file as it was and no partial file behind.
 *
 * <p>A UTF-8 byte-order mark is off by default (most tools do not want one); turn it on with
 * {@link #withBom} for Excel users, whose Excel otherwise reads non-ASCII captions as Latin-1.
 */
public final class SafeCsvWriter {

    /** Receives rows while the file is being written. */
    @FunctionalInterface
    public interface RowSink {
        /**
         * Writes one row.
         *
         * @throws IllegalArgumentException when the row's width is not the header's
         */
        void row(List<? extends CsvCell> cells) throws IOException;

        default void row(CsvCell... cells) throws IOException {
            row(Arrays.asList(cells));
        }
    }

    /** Produces the rows of a file; anything it throws aborts the write and leaves the target untouched. */
    @FunctionalInterface
    public interface RowProducer {
        void produce(RowSink sink) throws IOException;
    }

    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private final List<String> header;
    private final boolean bom;

    /** A writer of files with this header (column names, written as neutralised text) and no BOM. */
    public SafeCsvWriter(List<String> header) {
        this(header, false);
    }

    private SafeCsvWriter(List<String> header, boolean bom) {
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a CSV header needs at least one column");
        }
        this.header = List.copyOf(header);
        this.bom = bom;
    }

    /** The same writer with the UTF-8 byte-order mark on or off. */
    public SafeCsvWriter withBom(boolean bom) {
        return new SafeCsvWriter(header, bom);
    }

    public List<String> header() {
        return header;
    }

    public boolean bom() {
        return bom;
    }

    /** Writes the header and {@code rows} to {@code target}, replacing it only on success. */
    public void write(Path target, Iterable<? extends List<? extends CsvCell>> rows) throws IOException {
        write(target, sink -> {
            for (List<? extends CsvCell> row : rows) {
                sink.row(row);
            }
        });
    }

    /**
     * Writes the header and the rows {@code producer} emits to {@code target}, replacing it only when
     * the producer returns normally.
     */
    public void write(Path target, RowProducer producer) throws IOException {
        AtomicFiles.write(target, out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            if (bom) {
                writer.write('\uFEFF');
            }
            List<String> values = new ArrayList<>(header.size());
            for (String name : header) {
                values.add(CsvSafety.neutralise(name));
            }
            FORMAT.printRecord(writer, values.toArray());
            long[] rowNumber = {0};
            producer.produce(cells -> {
                rowNumber[0]++;
                if (cells.size() != header.size()) {
                    throw new IllegalArgumentException("CSV row " + rowNumber[0] + " for " + target + " has " + cells.size()
                            + " cells but the header has " + header.size() + " columns " + header);
                }
                values.clear();
                for (CsvCell cell : cells) {
                    values.add(cell.render());
                }
                FORMAT.printRecord(writer, values.toArray());
            });
            // Flushed, not closed: AtomicFiles owns the stream and closes it before the move.
            writer.flush();
        });
    }
}
