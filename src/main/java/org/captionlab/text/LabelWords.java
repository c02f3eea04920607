package org.captionlab.text;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The words people use in captions for each of the 1,000 ImageNet classes (issue 14: label-guided,
 * open-vocabulary decoding), with the plural, article and WordNet hypernyms of each such word.
 *
 * <p>Read from two generated, hand-reviewed resources beside this class: {@value #TABLE_RESOURCE} (one row per
 * class) and {@value #FORMS_RESOURCE} (one row per word or phrase). They are made from WordNet 3.0 by
 * {@code LabelWordsGenerator} (test sources), so the application needs no WordNet at run time.
 *
 * <p>Classes are numbered as the lines of the MobileNetV2 label file {@code imagenet_labels.txt}: 0 is
 * "background" (never any words), 1..1000 are the ImageNet classes in the standard ILSVRC-2012 (WordNet-id)
 * order. A 1,000-way classifier without the background class (VGG16) reports class {@code i} as index
 * {@code i + 1} here.
 *
 * <p>Each class's words are phrases in order of preference: the first is the one a caption should use, the
 * others also satisfy the constraint ("bike", "bicycle"). A phrase is a list of lower-case tokens exactly as
 * {@link Tokenizer#words} splits caption text ("hot dog" → [hot, dog]; "potter's wheel" → [potter, 's, wheel]),
 * always in its singular lemma form. A class with no words must never guide a caption.
 *
 * <p>Immutable and thread-safe.
 */
public final class LabelWords {

    private static final Logger LOG = LoggerFactory.getLogger(LabelWords.class);

    /** The class table, a resource in this package. */
    public static final String TABLE_RESOURCE = "imagenet-caption-words.tsv";
    /** The word forms, a resource in this package. */
    public static final String FORMS_RESOURCE = "caption-word-forms.tsv";
    /** Number of ImageNet classes (indices 1..{@value}). */
    public static final int CLASS_COUNT = 1000;

    private static final Pattern SPACES = Pattern.compile("\\s+");

    /**
     * One ImageNet class.
     *
     * @param index   1..1000, the line of {@code imagenet_labels.txt}
     * @param wnid    the WordNet 3.0 synset, e.g. {@code n02124075}
     * @param label   the whole label line, e.g. "Egyptian cat"
     * @param phrases the caption words in order of preference, each a list of tokens; empty = none
     * @param source  where the words come from (reviewed by hand, or the WordNet head word reached)
     */
    public record ClassWords(int index, String wnid, String label, List<List<String>> phrases, String source) {

        /** Validates and makes the lists immutable. */
        public ClassWords {
            Objects.requireNonNull(wnid, "wnid");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(source, "source");
            phrases = phrases.stream().map(List::copyOf).toList();
        }

        /** The first name on the label line, as the encoder reports it in its labels ("Egyptian cat"). */
        public String name() {
            return firstName(label);
        }

        /** True when this class must never guide a caption. */
        public boolean isNone() {
            return phrases.isEmpty();
        }
    }

    /**
     * The forms of one word or phrase of the table.
     *
     * @param phrase              the phrase as written in the table ("hot dog", "potter's wheel")
     * @param tokens              its tokens ({@link Tokenizer#words})
     * @param plural              its plural ("hot dogs", "geese"; mass nouns unchanged: "hay")
     * @param article             "a" or "an"
     * @param inDefaultVocabulary whether every token is in {@code models/default/vocab.txt}
     * @param hypernyms           caption-level single words above it in WordNet, closest first (parrot → bird,
     *                            animal); for words outside a decoder's vocabulary, where to borrow weights from
     */
    public record WordForms(String phrase, List<String> tokens, String plural, String article,
                            boolean inDefaultVocabulary, List<String> hypernyms) {

        /** Validates and makes the lists immutable. */
        public WordForms {
            Objects.requireNonNull(phrase, "phrase");
            Objects.requireNonNull(plural, "plural");
            if (!article.equals("a") && !article.equals("an")) {
                throw new IllegalArgumentException("article of '" + phrase + "' is '" + article + "'");
            }
            tokens = List.copyOf(tokens);
            hypernyms = List.copyOf(hypernyms);
        }
    }

    private final List<ClassWords> classes;
    private final Map<String, List<Integer>> byName;
    private final Map<String, List<Integer>> byFoldedName;
    private final Map<String, WordForms> forms;
    private final Set<String> phrases;

    private LabelWords(List<ClassWords> classes, Map<String, WordForms> forms) {
        this.classes = List.copyOf(classes);
        Map<String, List<Integer>> names = new HashMap<>();
        Map<String, List<Integer>> folded = new HashMap<>();
        for (ClassWords c : classes) {
            names.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c.index());
            folded.computeIfAbsent(c.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(c.index());
        }
        this.byName = freeze(names);
        this.byFoldedName = freeze(folded);
        this.forms = Map.copyOf(forms);
        Set<String> all = new TreeSet<>();
        forms.values().forEach(f -> all.add(f.phrase()));
        this.phrases = Collections.unmodifiableSet(new LinkedHashSet<>(all));
    }

    private static Map<String, List<Integer>> freeze(Map<String, List<Integer>> m) {
        Map<String, List<Integer>> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Map.copyOf(out);
    }

    private static final class Standard {
        private static final LabelWords INSTANCE = loadStandard();
    }

    /**
     * The table shipped with the application (read once, on first use).
     *
     * @throws UncheckedIOException if the resources are missing or malformed
     */
    public static LabelWords standard() {
        return Standard.INSTANCE;
    }

    private static LabelWords loadStandard() {
        try (InputStream table = LabelWords.class.getResourceAsStream(TABLE_RESOURCE);
             InputStream forms = LabelWords.class.getResourceAsStream(FORMS_RESOURCE)) {
            if (table == null || forms == null) {
                throw new IOException("resources " + TABLE_RESOURCE + " and " + FORMS_RESOURCE
                        + " are missing from package org.captionlab.text");
            }
            LabelWords lw = read(new InputStreamReader(table, StandardCharsets.UTF_8),
                    new InputStreamReader(forms, StandardCharsets.UTF_8));
            LOG.debug("label words: {} classes ({} with words), {} phrases", lw.classes.size(),
                    lw.classes.stream().filter(c -> !c.isNone()).count(), lw.forms.size());
            return lw;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ImageNet caption-word table", e);
        }
    }

    /**
     * Reads a class table and its word forms (the formats of {@value #TABLE_RESOURCE} and {@value #FORMS_RESOURCE}:
     * tab-separated, '#' comment lines, one header line). The readers are not closed.
     *
     * @throws IOException if either is malformed, or the table does not list classes 1..1000 in order
     */
    public static LabelWords read(Reader table, Reader forms) throws IOException {
        List<ClassWords> classes = new ArrayList<>();
        for (String[] row : rows(table, "index", 5)) {
            int index;
            try {
                index = Integer.parseInt(row[0]);
            } catch (NumberFormatException e) {
                throw new IOException("class table: bad index '" + row[0] + "'", e);
            }
            if (index != classes.size() + 1) {
                throw new IOException("class table: expected class " + (classes.size() + 1) + ", found " + index);
            }
            List<List<String>> phrases = new ArrayList<>();
            for (String p : splitWords(row[3])) {
                phrases.add(tokens(p));
            }
            classes.add(new ClassWords(index, row[1], row[2], phrases, row[4]));
        }
        if (classes.size() != CLASS_COUNT) {
            throw new IOException("class table: " + classes.size() + " classes, expected " + CLASS_COUNT);
        }
        Map<String, WordForms> formMap = new LinkedHashMap<>();
        for (String[] row : rows(forms, "phrase", 5)) {
            WordForms f = new WordForms(row[0], tokens(row[0]), row[1], row[2], row[3].equals("yes"),
                    splitWords(row[4]));
            formMap.put(key(row[0]), f);
            formMap.putIfAbsent(String.join(" ", f.tokens()), f);
        }
        for (ClassWords c : classes) {
            for (List<String> p : c.phrases()) {
                if (!formMap.containsKey(String.join(" ", p))) {
                    throw new IOException("word forms: no row for '" + String.join(" ", p) + "' (class " + c.index() + ")");
                }
            }
        }
        return new LabelWords(classes, formMap);
    }

    private static List<String[]> rows(Reader reader, String header, int columns) throws IOException {
        List<String[]> out = new ArrayList<>();
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        boolean headerSeen = false;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (!headerSeen) {
                if (!cols[0].equals(header)) {
                    throw new IOException("expected a header line starting with '" + header + "', found: " + line);
                }
                headerSeen = true;
                continue;
            }
            if (cols.length != columns) {
                throw new IOException("expected " + columns + " tab-separated columns: " + line);
            }
            out.add(Arrays.stream(cols).map(String::strip).toArray(String[]::new));
        }
        return out;
    }

    private static List<String> splitWords(String field) {
        if (field.isEmpty() || field.equals("-")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String w : field.split("\\|")) {
            out.add(w.strip());
        }
        return out;
    }

    private static List<String> tokens(String phrase) throws IOException {
        List<String> t = Tokenizer.words(phrase);
        if (t.isEmpty()) {
            throw new IOException("empty phrase '" + phrase + "'");
        }
        return t;
    }

    private static String key(String phrase) {
        return SPACES.matcher(phrase.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
    }

    static String firstName(String labelLine) {
        return labelLine.split(",", 2)[0].strip();
    }

    // ------------------------------------------------------------------ classes

    /** Number of classes (1,000). */
    public int classCount() {
        return classes.size();
    }

    /**
     * The class at a label-file index.
     *
     * @param classIndex 1..1000
     * @throws IllegalArgumentException if out of range (0, background, included)
     */
    public ClassWords entry(int classIndex) {
        if (classIndex < 1 || classIndex > classes.size()) {
            throw new IllegalArgumentException("class index " + classIndex + " is not 1.." + classes.size());
        }
        return classes.get(classIndex - 1);
    }

    /** All classes, in index order. */
    public List<ClassWords> entries() {
        return classes;
    }

    /**
     * The caption words of a class: phrases (token lists) in order of preference; empty for none and for 0
     * (background).
     *
     * @param classIndex 0..1000, the line of {@code imagenet_labels.txt}
     * @throws IllegalArgumentException if out of range
     */
    public List<List<String>> wordsFor(int classIndex) {
        if (classIndex == 0) {
            return List.of();
        }
        return entry(classIndex).phrases();
    }

    /**
     * The caption words for a label as the encoder reports it ({@code ImageLabel.label()}: the first name on the
     * label line, e.g. "Egyptian cat"; matched exactly, else ignoring case). Two label lines share a first name
     * ("crane": the bird and the machine; "maillot"): for those only the phrases all such classes accept are
     * returned ("crane" → [crane]), since the label alone cannot tell them apart — use {@link #wordsFor(int)}
     * where the index is known. Unknown labels, and "background", have no words.
     */
    public List<List<String>> wordsFor(String label) {
        List<Integer> indices = classesNamed(label);
        if (indices.isEmpty()) {
            return List.of();
        }
        List<List<String>> common = new ArrayList<>(entry(indices.get(0)).phrases());
        for (int i : indices.subList(1, indices.size())) {
            common.retainAll(entry(i).phrases());
        }
        return List.copyOf(common);
    }

    /** The indices of the classes whose label line starts with this name (exactly, else ignoring case). */
    public List<Integer> classesNamed(String label) {
        if (label == null) {
            return List.of();
        }
        String name = label.strip();
        List<Integer> exact = byName.get(name);
        return exact != null ? exact : byFoldedName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** Every distinct phrase of the table, as written there ("hot dog"), in alphabetical order. */
    public Set<String> phrases() {
        return phrases;
    }

    // ------------------------------------------------------------------ word forms

    /** The forms of a phrase of the table ("hot dog", or its tokens joined by spaces), if it is one. */
    public Optional<WordForms> forms(String phrase) {
        return phrase == null ? Optional.empty() : Optional.ofNullable(forms.get(key(phrase)));
    }

    /**
     * The plural of a word or phrase ("parrot" → "parrots", "goose" → "geese", "hot dog" → "hot dogs", "hay" →
     * "hay"). Words outside the table get the regular English rules on their last word.
     */
    public String plural(String word) {
        Optional<WordForms> f = forms(word);
        if (f.isPresent()) {
            return f.get().plural();
        }
        String w = key(word);
        int sp = w.lastIndexOf(' ');
        return w.substring(0, sp + 1) + regularPlural(w.substring(sp + 1));
    }

    /** The indefinite article, "a" or "an", by sound ("an owl", "a unicorn", "an hour", "an espresso"). */
    public String article(String word) {
        Optional<WordForms> f = forms(word);
        return f.isPresent() ? f.get().article() : articleByRule(key(word));
    }

    /**
     * The caption-level WordNet hypernyms of a phrase of the table, closest first ("parrot" → [bird, animal,
     * creature]); empty for words outside the table.
     */
    public List<String> hypernyms(String word) {
        return forms(word).map(WordForms::hypernyms).orElse(List.of());
    }

    // ------------------------------------------------------------------ rules (also used by the generator)

    /** Regular English plural of one word: -es after s, x, z, ch, sh; consonant + y → -ies; "-fish", sheep, deer unchanged. */
    static String regularPlural(String w) {
        if (w.isEmpty()) {
            return w;
        }
        if (w.endsWith("fish") || w.equals("sheep") || w.equals("deer")) {
            return w;
        }
        if (w.matches(".*(s|x|z|ch|sh)")) {
            return w + "es";
        }
        if (w.matches(".*[^aeiou]y")) {
            return w.substring(0, w.length() - 1) + "ies";
        }
        return w + "s";
    }

    /** "an" before a vowel sound: a vowel letter except "uni-/use-/eu-/one-" etc., plus silent h (hour, honest, heir). */
    static String articleByRule(String phrase) {
        String w = phrase.strip().toLowerCase(Locale.ROOT);
        if (w.matches("(hour|honest|honor|honour|heir).*")) {
            return "an";
        }
        if (w.matches("(uni|use|usu|uti|ure|uk|eu|ewe|one|once).*")) {
            return "a";
        }
        return w.matches("[aeiou].*") ? "an" : "a";
    }
}
