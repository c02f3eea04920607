package org.captionlab.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.captionlab.text.Tokenizer;

/**
 * Object mention F1, as the novel-object captioning papers measure it (Hendricks et al. 2016, DCC;
 * Venugopalan et al. 2017, NOC): for a word class (dog, horse, bird, …) an image is a <em>positive</em>
 * when at least {@value #MIN_REFERENCES} of its references mention the class; a caption that mentions it
 * is a <em>prediction</em>; precision, recall and F1 per class follow, and their mean. It says what
 * BLEU and CIDEr-D hide: whether the caption names what is in the photo.
 *
 * <p>The classes and their words are in {@code mention-classes.tsv} beside this class; "visible"
 * classes are the ones an ImageNet classifier's labels can name (the cat is not among them in
 * Flickr8k only because its dev split has too few cats to count).
 */
public final class MentionF1 {

    /** References that must mention a class for the image to count as a positive. */
    public static final int MIN_REFERENCES = 3;

    /**
     * A word class.
     *
     * @param name    its name (dog)
     * @param visible true when the encoder's ImageNet labels can name it
     * @param words   the tokens that mention it (dog, dogs, puppy, …)
     */
    public record WordClass(String name, boolean visible, Set<String> words) {
        public WordClass {
            Objects.requireNonNull(name, "name");
            words = Set.copyOf(words);
        }

        /** True if one of the caption's word tokens mentions the class. */
        public boolean mentionedIn(String caption) {
            for (String w : Tokenizer.words(caption)) {
                if (words.contains(w)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Scores of one class.
     *
     * @param positives     images whose references mention it (≥ {@value #MIN_REFERENCES})
     * @param predicted     images whose caption mentions it
     * @param truePositives both
     */
    public record ClassScore(String name, boolean visible, int positives, int predicted, int truePositives) {

        /** TP / predicted (0 when nothing was predicted). */
        public double precision() {
            return predicted == 0 ? 0 : (double) truePositives / predicted;
        }

        /** TP / positives (0 when there are no positives). */
        public double recall() {
            return positives == 0 ? 0 : (double) truePositives / positives;
        }

        /** Harmonic mean of precision and recall (0 when both are 0). */
        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /**
     * The result: per class in the table's order, the mean F1 over all classes with positives, and the
     * mean over the visible ones.
     */
    public record Scores(List<ClassScore> classes, double mean, double meanVisible) {
        public Scores {
            classes = List.copyOf(classes);
        }
    }

    private static final List<WordClass> DEFAULT = load();

    private MentionF1() {
    }

    /** The classes of {@code mention-classes.tsv}. */
    public static List<WordClass> defaultClasses() {
        return DEFAULT;
    }

    /** Mention F1 of the default classes. */
    public static Scores score(Map<String, String> candidates, Map<String, List<String>> references) {
        return score(candidates, references, DEFAULT);
    }

    /**
     * Mention F1 of {@code classes} over the images of {@code candidates} (one caption per image id);
     * images without references are ignored. Classes with no positive image are reported but left out
     * of the means (their recall is undefined).
     */
    public static Scores score(Map<String, String> candidates, Map<String, List<String>> references,
                               List<WordClass> classes) {
        List<ClassScore> out = new ArrayList<>();
        double sum = 0;
        double sumVisible = 0;
        int n = 0;
        int nVisible = 0;
        for (WordClass c : classes) {
            int positives = 0;
            int predicted = 0;
            int tp = 0;
            for (Map.Entry<String, String> e : candidates.entrySet()) {
                List<String> refs = references.get(e.getKey());
                if (refs == null || refs.isEmpty()) {
                    continue;
                }
                int mentioning = 0;
                for (String r : refs) {
                    if (c.mentionedIn(r)) {
                        mentioning++;
                    }
                }
                boolean positive = mentioning >= MIN_REFERENCES;
                boolean says = c.mentionedIn(e.getValue());
                positives += positive ? 1 : 0;
                predicted += says ? 1 : 0;
                tp += positive && says ? 1 : 0;
            }
            ClassScore s = new ClassScore(c.name(), c.visible(), positives, predicted, tp);
            out.add(s);
            if (positives > 0) {
                sum += s.f1();
                n++;
                if (c.visible()) {
                    sumVisible += s.f1();
                    nVisible++;
                }
            }
        }
        return new Scores(out, n == 0 ? 0 : sum / n, nVisible == 0 ? 0 : sumVisible / nVisible);
    }

    private static List<WordClass> load() {
        try (InputStream in = MentionF1.class.getResourceAsStream("mention-classes.tsv")) {
            if (in == null) {
                throw new IllegalStateException("mention-classes.tsv is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<WordClass> classes = new ArrayList<>();
            Map<String, Boolean> seen = new LinkedHashMap<>();
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length != 3 || seen.put(cols[0], Boolean.TRUE) != null) {
                    throw new IllegalStateException("mention-classes.tsv: bad line '" + line + "'");
                }
                classes.add(new WordClass(cols[0], "1".equals(cols[1]), new HashSet<>(List.of(cols[2].split(" ")))));
            }
            return List.copyOf(classes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
