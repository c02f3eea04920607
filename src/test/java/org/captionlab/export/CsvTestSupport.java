package org.captionlab.export;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads written CSV files back with commons-csv, as a user's script would. */
final class CsvTestSupport {

    private CsvTestSupport() {
    }

    /** All records (header included) of an RFC 4180 UTF-8 file without BOM. */
    static List<List<String>> readAll(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.parse(reader)) {
            return parser.getRecords().stream().map(CSVRecord::toList).toList();
        }
    }
}
