package org.captionlab.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.captionlab.search.Caption;
import org.junit.jupiter.api.Test;

class CaptionStreamTest {

    private static Caption caption(String text, double logp, double score) {
        List<String> words = List.of(text.split(" "));
        double[] probs = new double[words.size()];
        java.util.Arrays.fill(probs, 0.5);
        return new Caption(words, logp, score, probs, 0.9);
    }

    private static CaptionRecord record(String path, String... captions) {
        List<Caption> list = new java.util.ArrayList<>();
        for (String c : captions) {
            list.add(caption(c, -2.0, -1.0));
        }
        return new CaptionRecord(path, list, List.of(new CaptionRecord.Label("dog", 0.8)), List.of(), "mobilenet-v2", "tiny");
    }

    private static String write(CaptionStream.Format format, CaptionRecord... records) throws IOException {
        StringWriter out = new StringWriter();
        CaptionStream stream = new CaptionStream(out, format, 0);
        stream.begin(true);
        for (CaptionRecord r : records) {
            stream.write(r);
        }
        stream.finish();
        return out.toString();
    }

    @Test
    void csvHasTheColumnsAndIsSafeAgainstFormulasButKeepsPathsUsable() throws IOException {
        CaptionRecord evil = new CaptionRecord("-photo.jpg", List.of(caption("=cmd a dog", -1, -1)), List.of(),
                List.of("Corrupt JPEG data: 2 extraneous bytes before marker 0xc4"), "+enc", "-model");
        String csv = write(CaptionStream.Format.CSV, record("photos/dog.jpg", "a dog runs", "a dog"), evil);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(rows.get(0).getParser().getHeaderNames()).isEqualTo(CaptionColumn.headers())
                .containsExactly("path", "rank", "caption", "logprob", "score", "encoder", "model", "guide", "warning");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).get("rank")).isEqualTo("2");
        assertThat(rows.get(0).get("logprob")).isEqualTo("-2.000000");
        assertThat(rows.get(2).get("path")).isEqualTo("./-photo.jpg");
        assertThat(rows.get(2).get("caption")).isEqualTo("'=cmd a dog");
        assertThat(rows.get(2).get("model")).isEqualTo("'-model");
        assertThat(rows.get(2).get("warning")).startsWith("Corrupt JPEG data");
        assertThat(rows.get(0).get("warning")).isEmpty();
        assertThat(csv).contains("\r\n");
    }

    @Test
    void jsonIsAValidArrayWithOnePhotoPerLineAndJsonlOneObjectPerLine() throws IOException {
        String json = write(CaptionStream.Format.JSON, record("a.jpg", "a dog"), record("b.jpg", "a cat"));
        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(root.size()).isEqualTo(2);
        assertThat(root.get(1).get("path").asText()).isEqualTo("b.jpg");
        assertThat(root.get(0).get("captions").get(0).get("words").size()).isEqualTo(2);
        assertThat(root.get(0).get("warnings").size()).isZero();
        assertThat(json.lines().filter(l -> l.contains("\"path\"")).count()).isEqualTo(2);

        String jsonl = write(CaptionStream.Format.JSONL, record("a.jpg", "a dog"), record("b.jpg", "a cat"));
        assertThat(jsonl.lines()).hasSize(2).allSatisfy(l -> assertThat(new ObjectMapper().readTree(l).isObject()).isTrue());
        assertThat(write(CaptionStream.Format.JSON)).isEqualTo("[\n]\n");
    }

    @Test
    void resumeKeepsWholePhotosAndDropsWhatWasCutOff() throws IOException {
        CaptionRecord a = record("a.jpg", "a dog", "a dog runs");
        CaptionRecord b = record("b.jpg", "a cat", "a cat sits");
        CaptionRecord c = record("c.jpg", "a bird", "a bird flies");
        for (CaptionStream.Format format : CaptionStream.Format.values()) {
            String full = write(format, a, b, c);
            // cut in the middle of c's output: a and b stand. CSV and text cannot tell whether the rows of the
            // last photo before the cut are all there, so they redo it.
            boolean redoLast = format == CaptionStream.Format.CSV || format == CaptionStream.Format.TEXT;
            int cut = full.indexOf("c.jpg") + 3;
            String partial = full.substring(0, cut);
            CaptionStream.Resume r = CaptionStream.resume(partial, format, "mobilenet-v2", "tiny");
            assertThat(r.done()).as(format.name()).containsExactlyElementsOf(redoLast ? List.of("a.jpg") : List.of("a.jpg", "b.jpg"))
                    .hasSize((int) r.photos());
            // continuing from the kept text gives the same file as an uninterrupted run
            StringWriter out = new StringWriter();
            out.write(partial.substring(0, r.keepChars()));
            CaptionStream stream = new CaptionStream(out, format, r.photos());
            stream.begin(r.keepChars() == 0);
            if (redoLast) {
                stream.write(b);
            }
            stream.write(c);
            stream.finish();
            assertThat(out.toString()).as(format.name()).isEqualTo(full);

            // a finished file is resumed too; CSV and text redo their last photo
            CaptionStream.Resume done = CaptionStream.resume(full, format, "mobilenet-v2", "tiny");
            assertThat(done.done()).as(format.name()).contains("a.jpg", "b.jpg");
            // an empty or header-only file starts afresh
            assertThat(CaptionStream.resume("", format, "mobilenet-v2", "tiny").photos()).isZero();
        }
    }

    @Test
    void resumeRefusesAnotherModelOrOtherColumns() throws IOException {
        String csv = write(CaptionStream.Format.CSV, record("a.jpg", "a dog"), record("b.jpg", "a cat"));
        assertThatThrownBy(() -> CaptionStream.resume(csv, CaptionStream.Format.CSV, "mobilenet-v2", "other"))
                .isInstanceOf(CaptionStream.ResumeException.class).hasMessageContaining("'tiny'");
        String old = "path,rank,caption\r\na.jpg,1,a dog\r\n";
        assertThatThrownBy(() -> CaptionStream.resume(old, CaptionStream.Format.CSV, "mobilenet-v2", "tiny"))
                .isInstanceOf(CaptionStream.ResumeException.class).hasMessageContaining("columns");
        String jsonl = write(CaptionStream.Format.JSONL, record("a.jpg", "a dog"));
        assertThatThrownBy(() -> CaptionStream.resume(jsonl, CaptionStream.Format.JSONL, "vgg16", "tiny"))
                .isInstanceOf(CaptionStream.ResumeException.class);
    }

    @Test
    void theGuideIsACellAnObjectAndATextLine() throws IOException {
        CaptionRecord.Guide guide = new CaptionRecord.Guide(List.of(new CaptionRecord.Label("tabby", 0.8)), List.of("cat"), false,
                "tabby 0.80 → cat");
        CaptionRecord guided = new CaptionRecord("cat.jpg", List.of(caption("a cat", -1, -1)), List.of(), List.of(),
                "mobilenet-v2", "tiny", guide);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(write(CaptionStream.Format.CSV, guided, record("b.jpg", "a dog")))).getRecords();
        assertThat(rows.get(0).get("guide")).isEqualTo("tabby 0.80 → cat");
        assertThat(rows.get(1).get("guide")).isEmpty();
        JsonNode json = new ObjectMapper().readTree(CaptionStream.json(guided));
        assertThat(json.get("guide").get("words").get(0).asText()).isEqualTo("cat");
        assertThat(json.get("guide").get("fell_back").asBoolean()).isFalse();
        assertThat(new ObjectMapper().readTree(CaptionStream.json(record("b.jpg", "a dog"))).get("guide").isNull()).isTrue();
        assertThat(CaptionStream.text(guided)).contains("  guided by: tabby 0.80 → cat");
    }

    @Test
    void textListsOnlyLabelsThatDoNotReadZeroPercent() {
        CaptionRecord r = new CaptionRecord("cat.jpg", List.of(caption("a cat", -1, -1)),
                List.of(new CaptionRecord.Label("Egyptian cat", 0.79), new CaptionRecord.Label("lynx", 0.004),
                        new CaptionRecord.Label("plastic bag", 0.001)), List.of(), "mobilenet-v2", "tiny");
        assertThat(CaptionStream.text(r)).contains("  ImageNet: Egyptian cat 79%\n").doesNotContain("lynx")
                .doesNotContain("plastic bag");
        CaptionRecord none = new CaptionRecord("x.jpg", List.of(caption("a thing", -1, -1)),
                List.of(new CaptionRecord.Label("lynx", 0.004)), List.of(), "mobilenet-v2", "tiny");
        assertThat(CaptionStream.text(none)).doesNotContain("ImageNet");
    }
}
