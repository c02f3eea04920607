package org.captionlab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Walks the records of an RFC 4180 CSV file with the line each record starts on. */
final class CsvRows {

    /** Receives one non-blank record. */
    @FunctionalInterface
    interface Handler {
        void row(List<String> fields, long line) throws IOException;
    }

    /*
     * Empty lines are not ignored by the parser so that the line count before each record is exact
     * (the parser would otherwise swallow them and the reported line would drift); blank records are
     * skipped here instead.
     */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private CsvRows() {
    }

    static void forEach(Path file, Handler handler) throws IOException {
        long line = 1;
        try (BufferedReader reader = Sources.openText(file); CSVParser parser = FORMAT.parse(reader)) {
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                line = parser.getCurrentLineNumber() + 1;
                if (!it.hasNext()) {
                    break;
                }
                CSVRecord record = it.next();
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                handler.row(record.toList(), line);
            }
        } catch (UncheckedIOException e) {
            throw malformed(file, line, e.getCause());
        } catch (DatasetException e) {
            throw e;
        } catch (IOException e) {
            throw malformed(file, line, e);
        }
    }

    /** Turns a parser failure into one sentence naming the file and the record's first line. */
    private static DatasetException malformed(Path file, long line, IOException e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException cce) {
                return Sources.notUtf8(file, cce);
            }
            root = t;
        }
        return new DatasetException(file + " line " + line + ": malformed CSV (" + root.getMessage() + ")", e);
    }
}
