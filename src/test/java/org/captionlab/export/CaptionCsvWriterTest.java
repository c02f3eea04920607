package org.captionlab.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.captionlab.search.Caption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptionCsvWriterTest {

    @TempDir
    Path tmp;

    private static Caption caption(String text, double logProb, double score) {
        List<String> words = List.of(text.split(" "));
        return new Caption(words, logProb, score, new double[words.size()], 0.5);
    }

    @Test
    void writesOneRowPerImageAndRankWithNumbersAsNumbers() throws IOException {
        Path out = tmp.resolve("captions.csv");
        List<CaptionedImage> results = List.of(
                new CaptionedImage(Path.of("photos", "dog.jpg"), List.of(
                        caption("a dog runs on the grass", -3.2, -0.64),
                        caption("a brown dog", -4.123456789, -1.374485596))),
                new CaptionedImage(Path.of("photos", "empty.jpg"), List.of()),
                new CaptionedImage(Path.of("photos", "cat.jpg"), List.of(caption("a cat", -1.0, -0.5))));

        new CaptionCsvWriter("mobilenet_v2", "flickr8k-lstm").write(out, results);

        List<List<String>> rows = CsvTestSupport.readAll(out);
        assertThat(rows).containsExactly(
                List.of("path", "rank", "caption", "logprob", "score", "encoder", "model", "guide"),
                List.of(Path.of("photos", "dog.jpg").toString(), "1", "a dog runs on the grass", "-3.200000", "-0.640000",
                        "mobilenet_v2", "flickr8k-lstm", ""),
                List.of(Path.of("photos", "dog.jpg").toString(), "2", "a brown dog", "-4.123457", "-1.374486",
                        "mobilenet_v2", "flickr8k-lstm", ""),
                List.of(Path.of("photos", "cat.jpg").toString(), "1", "a cat", "-1.000000", "-0.500000",
                        "mobilenet_v2", "flickr8k-lstm", ""));
        assertThat(Double.parseDouble(rows.get(2).get(3))).isEqualTo(-4.123457);
    }

    @Test
    void captionsAndNamesThatLookLikeFormulasAreNeutralisedButSurviveCommasQuotesAndNewlines() throws IOException {
        Path out = tmp.resolve("captions.csv");
        List<CaptionedImage> results = List.of(new CaptionedImage(Path.of("=evil.jpg"), List.of(
                caption("=HYPERLINK(\"http://x\") a dog", -1, -1),
                caption("@cat , \"quoted\" and\nnew line", -2, -2),
                caption("un café 猫 🐈", -3, -3))));

        new CaptionCsvWriter("+enc", "-model").withBom(false).write(out, results);

        List<List<String>> rows = CsvTestSupport.readAll(out);
        assertThat(rows).hasSize(4);
        assertThat(rows.subList(1, 4)).extracting(r -> r.get(0)).containsOnly("'=evil.jpg");
        assertThat(rows.subList(1, 4)).extracting(r -> r.get(2)).containsExactly(
                "'=HYPERLINK(\"http://x\") a dog", "'@cat , \"quoted\" and\nnew line", "un café 猫 🐈");
        assertThat(rows.get(1).subList(3, 7)).containsExactly("-1.000000", "-1.000000", "'+enc", "'-model");
    }
}
