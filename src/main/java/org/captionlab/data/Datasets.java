package org.captionlab.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Entry point to the dataset readers: by format id ({@link #forFormat}) or by looking at the file
 * ({@link #read(Path, Path)}).
 *
 * <p>Format ids: {@value #FLICKR8K} (CSV {@code image,caption} or the classic token file, told apart by
 * their first line), {@value #COCO}, {@value #KARPATHY} (all splits), {@value #CSV} ({@code path,caption}).
 */
public final class Datasets {

    public static final String FLICKR8K = "flickr8k";
    public static final String COCO = "coco";
    public static final String KARPATHY = "karpathy";
    public static final String CSV = "csv";

    /** The format ids {@link #forFormat} accepts. */
    public static final List<String> FORMAT_IDS = List.of(FLICKR8K, COCO, KARPATHY, CSV);

    private static final String KNOWN_FORMATS = "COCO captions JSON (\"images\" and \"annotations\"), "
            + "Karpathy split JSON (\"images\" with \"sentences\"), Flickr8k CSV (header 'image,caption'), "
            + "Flickr8k token file ('name.jpg#0<TAB>caption'), CSV 'path,caption'";

    /** How many characters of a text file are looked at to tell its format. */
    private static final int SNIFF_CHARS = 8192;

    private Datasets() {
    }

    /**
     * The reader of a format id (case-insensitive); readers require the image files to exist.
     *
     * @throws IllegalArgumentException for an unknown id, naming the known ones
     */
    public static DatasetReader forFormat(String id) {
        return forFormat(id, ImageCheck.REQUIRE_FILES);
    }

    /**
     * The reader of a format id (case-insensitive), all of a Karpathy file's splits: the one place that
     * knows which reader reads which format, for training, evaluation and the app's references alike.
     *
     * @param images whether the readers check that the images exist
     * @throws IllegalArgumentException for an unknown id, naming the known ones
     */
    public static DatasetReader forFormat(String id, ImageCheck images) {
        return switch (id.strip().toLowerCase(Locale.ROOT)) {
            case FLICKR8K -> (annotations, imagesDir) -> readFlickr8k(annotations, imagesDir, images);
            case COCO -> new CocoCaptionsReader(images);
            case KARPATHY -> new KarpathySplitReader(EnumSet.allOf(KarpathySplitReader.Split.class), images);
            case CSV -> new PathCaptionCsvReader(images);
            default -> throw new IllegalArgumentException("unknown dataset format '" + id + "'; expected one of "
                    + String.join(", ", FORMAT_IDS));
        };
    }

    /**
     * Reads a dataset in whichever format {@link #detectFormat} finds; image files must exist.
     *
     * @param imagesDir the images folder, or null for the annotation file's folder
     */
    public static CaptionDataset read(Path annotations, Path imagesDir) throws IOException {
        return forFormat(detectFormat(annotations)).read(annotations, imagesDir);
    }

    /**
     * Tells the format of an annotation file from its content: a JSON object with {@code "annotations"}
     * is COCO; one whose {@code "images"} entries have {@code "sentences"} is Karpathy's; a text file whose
     * first line is {@code image,caption} or {@code name#N<TAB>caption} is Flickr8k; a text file whose
     * first row has two CSV fields is {@code path,caption}.
     *
     * @return one of {@link #FORMAT_IDS}
     * @throws DatasetException when the file is in none of these formats, listing them
     */
    public static String detectFormat(Path annotations) throws IOException {
        Sources.requireFile(annotations);
        String head;
        try {
            head = Sources.head(annotations, SNIFF_CHARS);
        } catch (DatasetException e) {
            throw unknown(annotations, "it is not UTF-8 text");
        }
        String start = head.stripLeading();
        if (start.isEmpty()) {
            throw unknown(annotations, "it is empty");
        }
        if (start.startsWith("{")) {
            return sniffJson(annotations);
        }
        if (start.startsWith("[")) {
            throw unknown(annotations, "it is a JSON array (a COCO results file holds predictions, not references)");
        }
        if (flickr8kForm(start) != null) {
            return FLICKR8K;
        }
        if (firstCsvRecordSize(start) == 2) {
            return CSV;
        }
        throw unknown(annotations, "its first line is '" + Sources.excerpt(firstLineOf(start)) + "'");
    }

    /** The two forms of Flickr8k captions. */
    private enum Flickr8kForm { CSV, TOKEN }

    private static CaptionDataset readFlickr8k(Path annotations, Path imagesDir, ImageCheck images) throws IOException {
        Sources.requireFile(annotations);
        String head = Sources.head(annotations, SNIFF_CHARS).stripLeading();
        Flickr8kForm form = flickr8kForm(head);
        if (form == null) {
            throw new DatasetException(annotations + " is not Flickr8k captions: expected the CSV header 'image,caption' "
                    + "or token lines 'name.jpg#0<TAB>caption' but the first line is '" + Sources.excerpt(firstLineOf(head)) + "'");
        }
        DatasetReader reader = form == Flickr8kForm.CSV ? new Flickr8kCsvReader(images) : new Flickr8kTokenReader(images);
        return reader.read(annotations, imagesDir);
    }

    private static Flickr8kForm flickr8kForm(String start) {
        String first = firstLineOf(start);
        List<String> header = List.of(first.split(",", -1)).stream().map(String::strip).toList();
        if (header.equals(Flickr8kCsvReader.HEADER)) {
            return Flickr8kForm.CSV;
        }
        if (Flickr8kTokenReader.LINE.matcher(first).matches()) {
            return Flickr8kForm.TOKEN;
        }
        return null;
    }

    private static String firstLineOf(String text) {
        int end = 0;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return text.substring(0, end);
    }

    /** Fields in the first CSV record of {@code text} (which may span lines when quoted), or -1. */
    private static int firstCsvRecordSize(String text) {
        try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(text))) {
            Iterator<CSVRecord> it = parser.iterator();
            return it.hasNext() ? it.next().size() : -1;
        } catch (IOException | RuntimeException e) {
            // A quoted field cut by the sniff window, or not CSV at all: not path,caption.
            return -1;
        }
    }

    /**
     * Tells COCO from Karpathy by the top-level keys, stopping as soon as one is certain so a big file
     * is not parsed twice: {@code "annotations"} means COCO; an {@code "images"} array whose first entry
     * has {@code "sentences"} means Karpathy (checked on the first entry only, the rest is skipped).
     */
    private static String sniffJson(Path file) throws IOException {
        boolean imagesWithoutSentences = false;
        try (JsonParser parser = JsonSources.MAPPER.createParser(file.toFile())) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("annotations")) {
                    return COCO;
                }
                if (name.equals("images") && value == JsonToken.START_ARRAY) {
                    JsonToken first = parser.nextToken();
                    if (first == JsonToken.START_OBJECT) {
                        JsonNode entry = JsonSources.MAPPER.readTree(parser);
                        if (entry.has("sentences")) {
                            return KARPATHY;
                        }
                        imagesWithoutSentences = true;
                    } else {
                        parser.skipChildren();
                    }
                    if (first != JsonToken.END_ARRAY) {
                        skipRestOfArray(parser);
                    }
                    continue;
                }
                parser.skipChildren();
            }
        } catch (JsonProcessingException e) {
            throw unknown(file, "it is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        throw unknown(file, imagesWithoutSentences
                ? "it is JSON with \"images\" but neither \"annotations\" nor \"sentences\""
                : "it is JSON without \"images\" or \"annotations\"");
    }

    private static void skipRestOfArray(JsonParser parser) throws IOException {
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                return;
            }
            parser.skipChildren();
        }
    }

    private static DatasetException unknown(Path file, String why) {
        return new DatasetException(file + " is not in a known dataset format (" + why + "); expected one of: " + KNOWN_FORMATS);
    }
}
