package org.captionlab.text;

import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.Exc;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Regenerates the two resources {@link LabelWords} reads: {@code imagenet-caption-words.tsv} (ImageNet class →
 * the words people use in captions for it) and {@code caption-word-forms.tsv} (plural, article, WordNet hypernym
 * chain of every such word).
 *
 * <p>Each class is a WordNet 3.0 noun synset (ImageNet's classes are), identified from the lemmas on its label
 * line, the WordNet-id order of the classes and, where those leave a choice, {@code labelwords/wnid-pins.tsv}.
 * Its words come from {@code labelwords/overrides.tsv} (reviewed by hand) or else from the first of the head
 * words of {@code labelwords/heads.tsv} met walking up its hypernyms, or else none. Hypernym chains, plurals
 * (WordNet's exception list, then the regular rules) and articles come from WordNet and
 * {@code labelwords/word-forms.tsv}. WordNet is read from the {@code extjwnl-data-wn30} jar (test scope), so
 * the generator needs no network; the application never reads WordNet.
 *
 * <p>Run from the project root (the defaults assume {@code ../shared} beside it):
 * <pre>
 * mvn -B -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.classpathScope=test -Dexec.mainClass=org.captionlab.text.LabelWordsGenerator
 * </pre>
 * Optional arguments: labels file, vocabulary file, Flickr8k captions file, output folder.
 */
public final class LabelWordsGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(LabelWordsGenerator.class);

    static final String INPUTS = "src/test/resources/org/captionlab/text/labelwords/";
    static final String COMMAND = "mvn -B -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.classpathScope=test"
            + " -Dexec.mainClass=org.captionlab.text.LabelWordsGenerator";

    /** WordNet's licence asks derived data to carry its notice. */
    static final String WORDNET_NOTICE = "# Derived in part from WordNet 3.0, Copyright 2006 by Princeton University"
            + " (WordNet licence: https://wordnet.princeton.edu/license-and-commercial-use).";

    /** Hypernym lemmas never useful as a caption word (too abstract, or misleading like "game" for game birds). */
    private static final Set<String> ABSTRACT = Set.of("entity", "object", "whole", "unit", "thing", "being",
            "organism", "artifact", "artefact", "instrumentality", "matter", "abstraction", "part", "piece", "item",
            "individual", "someone", "somebody", "soul", "mortal", "game", "creation", "covering", "commodity",
            "merchandise", "ware", "product", "conveyance", "transport", "structure", "construction", "substance",
            "solid", "material", "stuff", "nutriment", "nourishment", "sustenance", "aliment", "victuals",
            "produce", "foodstuff", "beast", "brute", "fauna", "flora", "form", "shape", "system", "facility",
            "installation", "establishment", "place", "area", "region", "location", "point", "site", "way",
            "means", "agency", "attire", "garb", "apparel", "wearing", "wear", "accessory", "adornment",
            "decoration", "ornament", "enclosure", "barrier", "obstruction", "support", "mechanism",
            "contrivance", "durables", "furnishing", "fixture", "formation", "elevation", "depression",
            "relative", "relation", "communication", "signal", "medium", "press", "publication", "work", "top",
            "cover", "sheet", "surface", "opening", "space", "crack", "bar", "stick", "belt", "loop", "track",
            "board", "plate", "rig", "gear", "kit", "outfit", "case", "receptacle", "restraint", "cause", "portion",
            "good", "match", "peer", "participant", "string", "wood", "wind", "blower", "drug", "round", "circle",
            "fixing", "level", "vertical", "upright", "design", "pattern", "figure", "mantle", "protection",
            "display", "housing", "staff", "runner", "post", "control", "controller", "cows", "oxen", "kine",
            "monitor", "ridge", "spring", "landing", "bank", "feed", "stand", "liquid", "fluid",
            "course", "dish", "dwelling", "pudding", "roll", "arms", "pool", "hose");

    private final Dictionary wn;
    private final List<String> labels;
    private final Set<String> vocab;
    private final Map<String, Integer> captionCounts;
    private final Map<String, List<String>> pluralExceptions = new HashMap<>();

    private LabelWordsGenerator(Dictionary wn, List<String> labels, Set<String> vocab, Map<String, Integer> counts)
            throws JWNLException {
        this.wn = wn;
        this.labels = labels;
        this.vocab = vocab;
        this.captionCounts = counts;
        for (Iterator<Exc> it = wn.getExceptionIterator(POS.NOUN); it.hasNext(); ) {
            Exc exc = it.next();
            for (String base : exc.getExceptions()) {
                pluralExceptions.computeIfAbsent(base.replace('_', ' '), b -> new ArrayList<>())
                        .add(exc.getLemma().replace('_', ' '));
            }
        }
    }

    /** Entry point: {@code [labels] [vocab] [captions] [outDir]}. */
    public static void main(String[] args) throws Exception {
        generate(Path.of(args.length > 0 ? args[0] : "../shared/encoders/imagenet_labels.txt"),
                Path.of(args.length > 1 ? args[1] : "models/default/vocab.txt"),
                Path.of(args.length > 2 ? args[2] : "../shared/flickr8k/captions.txt"),
                Path.of(args.length > 3 ? args[3] : "src/main/resources/org/captionlab/text"));
    }

    /**
     * Writes {@value LabelWords#TABLE_RESOURCE} and {@value LabelWords#FORMS_RESOURCE} into {@code outDir},
     * reading the hand-reviewed inputs from {@value #INPUTS} (relative to the working directory).
     */
    public static void generate(Path labelsFile, Path vocabFile, Path captionsFile, Path outDir) throws Exception {
        List<String> labels = Files.readAllLines(labelsFile, StandardCharsets.UTF_8);
        if (labels.size() != 1001 || !labels.get(0).equals("background")) {
            throw new IllegalStateException(labelsFile + ": expected background + 1,000 ImageNet classes");
        }
        Set<String> vocab = new HashSet<>();
        for (String line : Files.readAllLines(vocabFile, StandardCharsets.UTF_8)) {
            vocab.add(line.split("\t", 2)[0]);
        }
        Map<String, Integer> counts = new HashMap<>();
        List<String> captionLines = Files.readAllLines(captionsFile, StandardCharsets.UTF_8);
        for (String line : captionLines.subList(1, captionLines.size())) {
            int comma = line.indexOf(',');
            for (String w : Tokenizer.words(line.substring(comma + 1))) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        Dictionary wn = Dictionary.getResourceInstance("/net/sf/extjwnl/data/wordnet/wn30/res_properties.xml");
        try {
            new LabelWordsGenerator(wn, labels, vocab, counts).run(outDir);
        } finally {
            wn.close();
        }
    }

    // ------------------------------------------------------------------ synsets of the classes

    private List<Synset> resolveClasses(Map<Integer, String> pins) throws JWNLException {
        int n = labels.size() - 1;
        List<List<Synset>> candidates = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Map<Synset, Integer> score = new LinkedHashMap<>();
            for (String lemma : names(labels.get(i))) {
                IndexWord iw = wn.getIndexWord(POS.NOUN, lemma);
                if (iw != null) {
                    for (Synset s : iw.getSenses()) {
                        score.merge(s, 1, Integer::sum);
                    }
                }
            }
            int max = score.values().stream().max(Integer::compare).orElseThrow(
                    () -> new IllegalStateException("no WordNet noun for class " + labels.get(0)));
            List<Synset> best = new ArrayList<>();
            score.forEach((s, c) -> {
                if (c == max) {
                    best.add(s);
                }
            });
            best.sort(Comparator.comparingLong(Synset::getOffset));
            candidates.add(best);
        }
        // WordNet-id order: each class's synset lies strictly between its neighbours'.
        long[] lo = new long[n];
        long[] hi = new long[n];
        long prev = -1;
        for (int i = 0; i < n; i++) {
            long p = prev;
            lo[i] = candidates.get(i).stream().mapToLong(Synset::getOffset).filter(o -> o > p).min().orElseThrow();
            prev = lo[i];
        }
        long next = Long.MAX_VALUE;
        for (int i = n - 1; i >= 0; i--) {
            long q = next;
            hi[i] = candidates.get(i).stream().mapToLong(Synset::getOffset).filter(o -> o < q).max().orElseThrow();
            next = hi[i];
        }
        List<Synset> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            List<Synset> fit = candidates.get(i).stream()
                    .filter(s -> s.getOffset() >= lo[k] && s.getOffset() <= hi[k]).toList();
            String pin = pins.get(i + 1);
            Synset chosen;
            if (pin != null) {
                chosen = fit.stream().filter(s -> wnid(s).equals(pin)).findFirst().orElseThrow(
                        () -> new IllegalStateException("pin " + pin + " is not a candidate for class " + (k + 1)));
            } else if (fit.size() == 1) {
                chosen = fit.get(0);
            } else {
                throw new IllegalStateException("class " + (i + 1) + " (" + labels.get(i + 1) + ") needs a pin: "
                        + fit.stream().map(LabelWordsGenerator::wnid).toList());
            }
            if (!out.isEmpty() && out.get(out.size() - 1).getOffset() >= chosen.getOffset()) {
                throw new IllegalStateException("classes out of WordNet-id order at " + (i + 1));
            }
            out.add(chosen);
        }
        return out;
    }

    static String wnid(Synset s) {
        return String.format(Locale.ROOT, "n%08d", s.getOffset());
    }

    private static List<String> names(String labelLine) {
        List<String> out = new ArrayList<>();
        for (String name : labelLine.split(",")) {
            if (!name.isBlank()) {
                out.add(name.strip());
            }
        }
        return out;
    }

    /** The synset and its hypernyms (instance hypernyms included), breadth first, closest first. */
    private static List<Synset> ancestors(Synset start) throws JWNLException {
        List<Synset> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        Deque<Synset> queue = new ArrayDeque<>();
        queue.add(start);
        seen.add(start.getOffset());
        while (!queue.isEmpty()) {
            Synset s = queue.poll();
            out.add(s);
            List<Pointer> up = new ArrayList<>(s.getPointers(PointerType.HYPERNYM));
            up.addAll(s.getPointers(PointerType.INSTANCE_HYPERNYM));
            for (Pointer p : up) {
                Synset t = p.getTargetSynset();
                if (seen.add(t.getOffset())) {
                    queue.add(t);
                }
            }
        }
        return out;
    }

    private static String lemma(Word w) {
        return w.getLemma().replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ inputs

    private record Spec(List<String> words, String note) {
    }

    private static List<String> parseWords(String field) {
        String f = field.strip();
        if (f.equals("-")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String w : f.split("\\|")) {
            String s = w.strip().toLowerCase(Locale.ROOT);
            if (s.isEmpty()) {
                throw new IllegalArgumentException("empty word in '" + field + "'");
            }
            out.add(s);
        }
        return out;
    }

    /** Lines of a tab-separated input without comments ('#' to the end of a line) and blank lines. */
    private static List<String[]> rows(Path file) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String body = line;
            int hash = line.indexOf('#');
            String note = "";
            if (hash >= 0) {
                body = line.substring(0, hash);
                note = line.substring(hash + 1).strip();
            }
            if (body.isBlank()) {
                continue;
            }
            String[] cols = body.split("\t", -1);
            String[] withNote = java.util.Arrays.copyOf(cols, cols.length + 1);
            withNote[cols.length] = note;
            out.add(withNote);
        }
        return out;
    }

    // ------------------------------------------------------------------ generation

    private void run(Path outDir) throws Exception {
        Map<Integer, String> pins = new HashMap<>();
        for (String[] r : rows(Path.of(INPUTS + "wnid-pins.tsv"))) {
            int index = Integer.parseInt(r[0].strip());
            if (!names(labels.get(index)).get(0).equals(r[2].strip())) {
                throw new IllegalStateException("wnid-pins.tsv: class " + index + " is " + labels.get(index));
            }
            pins.put(index, r[1].strip());
        }
        List<Synset> classes = resolveClasses(pins);

        Map<String, Spec> heads = new LinkedHashMap<>();
        for (String[] r : rows(Path.of(INPUTS + "heads.tsv"))) {
            Synset s = wn.getSynsetAt(POS.NOUN, Long.parseLong(r[0].strip().substring(1)));
            if (s == null) {
                throw new IllegalStateException("heads.tsv: no synset " + r[0]);
            }
            heads.put(r[0].strip(), new Spec(parseWords(r[1]), lemma(s.getWords().get(0))));
        }
        Map<Integer, Spec> overrides = new TreeMap<>();
        for (String[] r : rows(Path.of(INPUTS + "overrides.tsv"))) {
            int index = Integer.parseInt(r[0].strip());
            if (!names(labels.get(index)).get(0).equals(r[1].strip())) {
                throw new IllegalStateException("overrides.tsv: class " + index + " is " + labels.get(index)
                        + ", not " + r[1]);
            }
            if (overrides.put(index, new Spec(parseWords(r[2]), r[r.length - 1])) != null) {
                throw new IllegalStateException("overrides.tsv: class " + index + " twice");
            }
        }

        List<String> classRows = new ArrayList<>();
        // phrase -> (class synset, index) where it is used; the first use decides its WordNet sense.
        Map<String, List<Synset>> uses = new LinkedHashMap<>();
        Map<String, Integer> headCounts = new TreeMap<>();
        int none = 0;
        for (int i = 1; i < labels.size(); i++) {
            Synset s = classes.get(i - 1);
            List<String> words;
            String source;
            Spec override = overrides.get(i);
            if (override != null) {
                words = override.words();
                source = "reviewed" + (override.note().isEmpty() ? "" : ": " + override.note());
            } else {
                words = List.of();
                source = "no caption-level hypernym";
                for (Synset a : ancestors(s)) {
                    Spec head = heads.get(wnid(a));
                    if (head != null) {
                        words = head.words();
                        source = "wordnet: " + head.note();
                        break;
                    }
                }
            }
            for (String w : words) {
                uses.computeIfAbsent(w, k -> new ArrayList<>()).add(s);
            }
            if (words.isEmpty()) {
                none++;
            } else {
                headCounts.merge(words.get(0), 1, Integer::sum);
            }
            classRows.add(i + "\t" + wnid(s) + "\t" + labels.get(i) + "\t"
                    + (words.isEmpty() ? "-" : String.join(" | ", words)) + "\t" + source.replace('\t', ' '));
        }

        Map<String, String[]> formOverrides = new HashMap<>();
        for (String[] r : rows(Path.of(INPUTS + "word-forms.tsv"))) {
            formOverrides.put(r[0].strip().toLowerCase(Locale.ROOT), r);
        }
        List<String> formRows = new ArrayList<>();
        for (Map.Entry<String, List<Synset>> e : uses.entrySet()) {
            String phrase = e.getKey();
            String[] fo = formOverrides.getOrDefault(phrase, new String[0]);
            String plural = fo.length > 1 && !fo[1].isBlank() ? fo[1].strip() : plural(phrase);
            String article = fo.length > 2 && !fo[2].isBlank() ? fo[2].strip() : article(phrase);
            List<String> chain = fo.length > 3 && !fo[3].isBlank() ? parseWords(fo[3]) : hypernyms(phrase, e.getValue());
            boolean inVocab = inVocab(phrase);
            formRows.add(phrase + "\t" + plural + "\t" + article + "\t" + (inVocab ? "yes" : "no") + "\t"
                    + (chain.isEmpty() ? "-" : String.join(" | ", chain)));
            if (!inVocab && chain.stream().noneMatch(this::inVocab)) {
                LOG.warn("hypernyms of '{}' reach no word of the vocabulary: {}", phrase, chain);
            }
        }

        Files.createDirectories(outDir);
        List<String> out = new ArrayList<>();
        out.add("# ImageNet class -> the words people use in captions for it (issue 14, part 1). UTF-8, tab-separated.");
        out.add("# GENERATED by org.captionlab.text.LabelWordsGenerator (src/test/java) from WordNet 3.0 hypernyms and the");
        out.add("# hand-reviewed inputs in " + INPUTS + "; do not edit here, edit those and regenerate:");
        out.add("#   " + COMMAND);
        out.add("# index: line of ../shared/encoders/imagenet_labels.txt (0 = background, not listed); wnid: WordNet 3.0 synset;");
        out.add("# words: in order of preference, ' | '-separated, singular lemma forms, '-' = none (never guide);");
        out.add("# source: where the words come from.");
        out.add(WORDNET_NOTICE);
        out.add("index\twnid\tlabel\twords\tsource");
        out.addAll(classRows);
        Files.write(outDir.resolve(LabelWords.TABLE_RESOURCE), out, StandardCharsets.UTF_8);

        List<String> forms = new ArrayList<>();
        forms.add("# Forms of every word or phrase of imagenet-caption-words.tsv (issue 14, part 3). UTF-8, tab-separated.");
        forms.add("# GENERATED with it (same command); overrides in " + INPUTS + "word-forms.tsv.");
        forms.add("# plural: plural form; article: a/an; in_vocab: every token in models/default/vocab.txt;");
        forms.add("# hypernyms: WordNet hypernyms as caption-level single words, closest first ('-' = none).");
        forms.add(WORDNET_NOTICE);
        forms.add("phrase\tplural\tarticle\tin_vocab\thypernyms");
        formRows.sort(Comparator.naturalOrder());
        forms.addAll(formRows);
        Files.write(outDir.resolve(LabelWords.FORMS_RESOURCE), forms, StandardCharsets.UTF_8);

        LOG.info("{} classes: {} with words, {} none; {} distinct phrases", classRows.size(),
                classRows.size() - none, none, formRows.size());
        headCounts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(40).forEach(h -> LOG.info("  {} {}", h.getValue(), h.getKey()));
    }

    private boolean inVocab(String phrase) {
        for (String t : Tokenizer.words(phrase)) {
            if (!vocab.contains(t)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The caption-level single words above the phrase in WordNet, closest first: from the synset of a class using
     * it that has the phrase as a lemma (the class or one of its hypernyms), else from the first such class.
     */
    private List<String> hypernyms(String phrase, List<Synset> classSynsets) throws JWNLException {
        Synset start = null;
        int startDepth = Integer.MAX_VALUE;
        for (Synset c : classSynsets) {
            List<Synset> up = ancestors(c);
            for (int d = 0; d < up.size() && d < startDepth; d++) {
                Synset a = up.get(d);
                if (a.getWords().stream().anyMatch(w -> lemma(w).equals(phrase))) {
                    start = a;
                    startDepth = d;
                    break;
                }
            }
        }
        if (start == null) {
            start = closestSense(phrase, classSynsets.get(0));
        }
        Set<String> chain = new LinkedHashSet<>();
        List<Synset> up = ancestors(start);
        for (Synset a : up.subList(1, up.size())) {
            for (Word w : a.getWords()) {
                String l = lemma(w);
                if (l.matches("[a-z]+") && !l.equals(phrase) && !ABSTRACT.contains(l)
                        && captionCounts.getOrDefault(l, 0) > 0) {
                    chain.add(l);
                }
            }
        }
        return new ArrayList<>(chain);
    }

    /**
     * The noun sense of a word that is not a lemma of its class or the class's hypernyms ("chicken" for the class
     * "cock"): the sense sharing the most hypernyms with the class, else the class itself.
     */
    private Synset closestSense(String phrase, Synset classSynset) throws JWNLException {
        IndexWord iw = wn.getIndexWord(POS.NOUN, phrase);
        if (iw == null) {
            return classSynset;
        }
        Set<Long> classUp = new HashSet<>();
        for (Synset a : ancestors(classSynset)) {
            classUp.add(a.getOffset());
        }
        Synset best = null;
        long bestShared = -1;
        for (Synset sense : iw.getSenses()) {
            long shared = ancestors(sense).stream().filter(a -> classUp.contains(a.getOffset())).count();
            if (shared > bestShared) {
                best = sense;
                bestShared = shared;
            }
        }
        return best;
    }

    /** Plural of the last word: WordNet's exception list (the form Flickr8k captions use most), else the rules. */
    private String plural(String phrase) {
        int sp = phrase.lastIndexOf(' ');
        String head = phrase.substring(0, sp + 1);
        String last = phrase.substring(sp + 1);
        String regular = regularPlural(last);
        String best = regular;
        List<String> irregular = pluralExceptions.getOrDefault(last, List.of());
        for (String form : irregular) {
            if (form.equals(last) || form.matches(".*(i|ae|a)")) {
                continue; // abaci, echidnae, vacua: captions use the English plural
            }
            int c = captionCounts.getOrDefault(form, 0);
            if (c > captionCounts.getOrDefault(best, 0)
                    || (c == 0 && best.equals(regular) && captionCounts.getOrDefault(regular, 0) == 0)) {
                best = form;
            }
        }
        return head + best;
    }

    private static String regularPlural(String w) {
        return LabelWords.regularPlural(w);
    }

    private static String article(String phrase) {
        return LabelWords.articleByRule(phrase);
    }
}
