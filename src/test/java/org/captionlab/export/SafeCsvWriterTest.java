package org.captionlab.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeCsvWriterTest {

    @TempDir
    Path tmp;

    private final SafeCsvWriter writer = new SafeCsvWriter(List.of("name", "value", "count"));

    @Test
    void writesRfc4180WithCrlfAndQuotingOnlyWhereNeeded() throws IOException {
        Path out = tmp.resolve("out.csv");

        writer.write(out, List.of(
                List.of(CsvCell.text("plain"), CsvCell.decimal(-3.2), CsvCell.integer(1)),
                List.of(CsvCell.text("a, \"quoted\"\nline"), CsvCell.decimal(0.1234567), CsvCell.integer(-2))));

        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(
                "name,value,count\r\n"
                        + "plain,-3.200000,1\r\n"
                        + "\"a, \"\"quoted\"\"\nline\",0.123457,-2\r\n");
    }

    @Test
    void textRoundTripsThroughCommonsCsvAndFormulasComeBackNeutralised() throws IOException {
        Path out = tmp.resolve("out.csv");
        List<String> texts = List.of("=1+1", "+cmd", "-x", "@SUM(A1)", "\tx", "\rx", "café 猫 🐈", "",
                "comma, here", "quote \" here", "new\nline", "crlf\r\nline", "-3.2");

        writer.write(out, texts.stream().map(t -> List.of(CsvCell.text(t), CsvCell.decimal(-1.5), CsvCell.integer(0))).toList());

        List<List<String>> back = CsvTestSupport.readAll(out);
        assertThat(back.get(0)).containsExactly("name", "value", "count");
        assertThat(back.subList(1, back.size())).extracting(row -> row.get(0)).containsExactly(
                "'=1+1", "'+cmd", "'-x", "'@SUM(A1)", "'\tx", "'\rx", "café 猫 🐈", "",
                "comma, here", "quote \" here", "new\nline", "crlf\r\nline", "'-3.2");
        assertThat(back.subList(1, back.size())).extracting(row -> row.get(1)).containsOnly("-1.500000");
    }

    @Test
    void byteOrderMarkIsOffByDefaultAndOnWhenAsked() throws IOException {
        Path plain = tmp.resolve("plain.csv");
        Path bom = tmp.resolve("bom.csv");

        writer.write(plain, List.of());
        writer.withBom(true).write(bom, List.of());

        assertThat(Files.readAllBytes(plain)).startsWith('n');
        assertThat(Files.readAllBytes(bom)).startsWith(0xEF, 0xBB, 0xBF, 'n');
        assertThat(writer.bom()).isFalse();
    }

    @Test
    void aRowSourceThatFailsMidwayLeavesTheExistingFileUntouchedAndNoTempFiles() throws IOException {
        Path out = tmp.resolve("captions.csv");
        writer.write(out, List.of(List.of(CsvCell.text("old"), CsvCell.decimal(1), CsvCell.integer(1))));
        byte[] before = Files.readAllBytes(out);
        Iterable<List<CsvCell>> failing = () -> new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public List<CsvCell> next() {
                if (++n > 1000) {
                    throw new IllegalStateException("encoder crashed on image 1001");
                }
                return List.of(CsvCell.text("new " + n), CsvCell.decimal(n), CsvCell.integer(n));
            }
        };

        assertThatThrownBy(() -> writer.write(out, failing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("encoder crashed on image 1001");

        assertThat(Files.readAllBytes(out)).isEqualTo(before);
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void aFailingProducerLeavesNoFileWhenThereWasNone() throws IOException {
        Path out = tmp.resolve("new.csv");

        assertThatThrownBy(() -> writer.write(out, sink -> {
            sink.row(CsvCell.text("a"), CsvCell.decimal(1), CsvCell.integer(1));
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");

        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aRowOfTheWrongWidthIsRejectedAndNothingIsWritten() {
        Path out = tmp.resolve("out.csv");

        assertThatThrownBy(() -> writer.write(out, List.of(List.of(CsvCell.text("only one")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CSV row 1 for " + out + " has 1 cells but the header has 3 columns");
        assertThat(out).doesNotExist();
    }

    @Test
    void emptyHeaderIsRejected() {
        assertThatThrownBy(() -> new SafeCsvWriter(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
