package org.captionlab.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.captionlab.encoder.ImageLabel;
import org.captionlab.model.CaptionModel;
import org.captionlab.model.ExpandedVocabularyModel;
import org.captionlab.model.ExpandedVocabularyModel.AddedWord;
import org.captionlab.model.Manifest;
import org.captionlab.search.Caption;
import org.captionlab.search.CaptionSearch;
import org.captionlab.search.ConstrainedCaptions;
import org.captionlab.search.Constraint;
import org.captionlab.search.DecodeOptions;
import org.captionlab.search.Strategy;
import org.captionlab.text.LabelWords;
import org.captionlab.text.Vocabulary;

/**
 * Label-guided, open-vocabulary decoding: turns the encoder's confident labels into constraints on
 * the caption (constrained beam search, Anderson et al. 2017) and gives the decoder the label words
 * it never saw (Hendricks et al. 2016), so that the caption names what the classifier sees.
 *
 * <ul>
 *   <li><b>Which labels.</b> The top labels are grouped by the thing they name (tabby, tiger cat and
 *       Egyptian cat all say "cat"; 120 breeds say "dog"), and a group guides when its summed
 *       probability reaches the threshold: a photo the classifier splits between three cats is
 *       still, confidently, a cat. At most {@code maxConstraints} groups guide, most probable first.</li>
 *   <li><b>Which words.</b> Each group's words from the reviewed ImageNet table ({@link LabelWords}),
 *       singular and plural ("cat" or "cats"; "two parrots" must be possible); a caption meets the
 *       group's constraint with any of them.</li>
 *   <li><b>New words.</b> A table word outside the decoder's vocabulary is added with the weights of its
 *       closest WordNet hypernym that is in it (parrot ← bird, parrots ← birds), and allowed only for
 *       images whose labels name it.</li>
 *   <li><b>Articles.</b> The decoder chose "a" before the borrowed word's source ("a bird"); before an
 *       added word that takes "an" ("owl") it is corrected, and the other way round.</li>
 * </ul>
 * Immutable and thread-safe.
 */
final class LabelGuide {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LabelGuide.class);

    /**
     * Bias of an added word's logit over its source's: 0, the same probability. The word competes with its
     * source and never drowns it; on a tie the decoder's own word ranks first and the borrowed name is the
     * next alternative ("a bird …", then "a parrot …"). Measured on the dev split: +10 % for the borrowed
     * word makes the captions more specific (jeep, limo, eagle) but costs BLEU-4 and the car and bird
     * mention F1, because Flickr8k's captioners write the basic word.
     */
    static final double ADDED_WORD_BIAS = 0.0;

    private final LabelWords table;
    private final ExpandedVocabularyModel model;
    private final Set<String> added;

    private LabelGuide(LabelWords table, ExpandedVocabularyModel model) {
        this.table = table;
        this.model = model;
        this.added = new HashSet<>(model.addedByWord().keySet());
    }

    /** A guide for {@code base} with every table word it lacks added (masked until a label allows it). */
    static LabelGuide of(CaptionModel base, LabelWords table) {
        return new LabelGuide(table, ExpandedVocabularyModel.of(base, expansion(base.vocabulary(), table)));
    }

    /**
     * A guide for {@code base} with the words a bundle recorded ({@code recorded}; null = derive them from
     * the table). A record that does not fit the decoder (a word it already has, a source it lacks) is
     * not used: the words are derived again, with a warning.
     */
    static LabelGuide of(CaptionModel base, LabelWords table, List<AddedWord> recorded) {
        if (recorded != null) {
            try {
                return new LabelGuide(table, ExpandedVocabularyModel.of(base, recorded));
            } catch (IllegalArgumentException e) {
                LOG.warn("the model's record of added words does not fit its decoder ({}); deriving them again", e.getMessage());
            }
        }
        return of(base, table);
    }

    /**
     * The words to add to {@code vocabulary}: every one-word table entry it lacks, and its plural, each
     * from its closest hypernym the vocabulary has (the plural from the hypernym's plural where that
     * exists). Deterministic: the table's class order.
     */
    static List<AddedWord> expansion(Vocabulary vocabulary, LabelWords table) {
        Map<String, AddedWord> out = new LinkedHashMap<>();
        for (int index = 1; index <= LabelWords.CLASS_COUNT; index++) {
            for (List<String> phrase : table.wordsFor(index)) {
                if (phrase.size() != 1 || known(vocabulary, phrase.get(0)) || out.containsKey(phrase.get(0))) {
                    continue;
                }
                String word = phrase.get(0);
                List<String> chain = table.hypernyms(word);
                String source = chain.stream().filter(h -> known(vocabulary, h)).findFirst().orElse(null);
                if (source == null) {
                    continue; // no known word to borrow from: the phrase cannot be written
                }
                String path = String.join(" < ", chain.subList(0, chain.indexOf(source) + 1));
                out.put(word, new AddedWord(word, source, ADDED_WORD_BIAS, "WordNet: " + word + " < " + path));
                String plural = table.plural(word);
                if (!plural.equals(word) && !known(vocabulary, plural) && !out.containsKey(plural)) {
                    String sourcePlural = table.plural(source);
                    String from = known(vocabulary, sourcePlural) ? sourcePlural : source;
                    out.put(plural, new AddedWord(plural, from, ADDED_WORD_BIAS, "plural of " + word + ", from " + from));
                }
            }
        }
        return List.copyOf(out.values());
    }

    private static boolean known(Vocabulary vocabulary, String word) {
        return vocabulary.contains(word) && vocabulary.indexOf(word) > Vocabulary.UNK_ID;
    }

    /** The decoder with the table's words added. */
    ExpandedVocabularyModel model() {
        return model;
    }

    /** What guides one image: constraints, the added words they may use, the labels and words behind them. */
    record Plan(List<Constraint> constraints, Set<String> allowed, List<ImageLabel> labels, List<String> words) {
    }

    /** Labels naming the same thing, their summed probability and every phrase (singular and plural) naming it. */
    private static final class Group {
        final List<ImageLabel> labels = new ArrayList<>();
        final Set<String> phrases = new LinkedHashSet<>();
        double probability;

        Group(String firstPhrase) {
            phrases.add(firstPhrase);
        }

        void absorb(Group other) {
            labels.addAll(other.labels);
            phrases.addAll(other.phrases);
            probability += other.probability;
        }

        /** The word to report: the first word of the most probable label. */
        String head(LabelWords table) {
            return String.join(" ", table.wordsFor(labels.get(0).classIndex()).get(0));
        }
    }

    /** The constraints for an image with these labels, or an empty plan when none is confident enough. */
    Plan plan(List<ImageLabel> labels, Manifest.Guide guide) {
        // Labels that share a word name the same thing (tabby and tiger cat: "cat"; bald eagle and kite: "bird"):
        // they form one group whose probability is their sum, named after its most probable label's first word.
        List<Group> groups = new ArrayList<>();
        for (ImageLabel label : labels) {
            if (label.classIndex() < 1 || label.classIndex() > LabelWords.CLASS_COUNT) {
                continue;
            }
            List<List<String>> phrases = table.wordsFor(label.classIndex());
            if (phrases.isEmpty()) {
                continue;
            }
            Set<String> forms = forms(phrases);
            Group merged = new Group(String.join(" ", phrases.get(0)));
            for (java.util.Iterator<Group> it = groups.iterator(); it.hasNext(); ) {
                Group g = it.next();
                if (g.phrases.stream().anyMatch(forms::contains)) {
                    merged.absorb(g);
                    it.remove();
                }
            }
            merged.labels.add(label);
            merged.probability += label.probability();
            merged.phrases.addAll(forms);
            merged.labels.sort((a, b) -> Double.compare(b.probability(), a.probability()));
            groups.add(merged);
        }
        List<Map.Entry<String, Group>> ranked = new ArrayList<>();
        for (Group g : groups) {
            ranked.add(Map.entry(g.head(table), g));
        }
        ranked.sort((a, b) -> Double.compare(b.getValue().probability, a.getValue().probability));
        List<Constraint> constraints = new ArrayList<>();
        Set<String> allowed = new LinkedHashSet<>();
        List<ImageLabel> guiding = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (Map.Entry<String, Group> e : ranked) {
            Group g = e.getValue();
            // The small tolerance keeps a group of labels summing to the threshold from losing to rounding.
            if (constraints.size() == guide.maxConstraints() || g.probability < guide.threshold() - 1e-9) {
                break;
            }
            // Words the decoder never saw are the group's most probable label's only: the owl photo whose top label
            // is a grouse may say "bird" (shared) but not "hawk" (the fourth label's own name).
            Set<String> headForms = forms(table.wordsFor(g.labels.get(0).classIndex()));
            List<String> phrases = new ArrayList<>();
            for (String phrase : g.phrases) {
                boolean novel = java.util.Arrays.stream(phrase.split(" ")).anyMatch(added::contains);
                if (!novel || headForms.contains(phrase)) {
                    phrases.add(phrase);
                }
            }
            Constraint c = Constraint.of(g.labels.get(0).label(), phrases, model.vocabulary());
            if (c == null) {
                continue;
            }
            constraints.add(c);
            for (String phrase : phrases) {
                for (String w : phrase.split(" ")) {
                    if (added.contains(w)) {
                        allowed.add(w);
                    }
                }
            }
            guiding.addAll(g.labels);
            words.add(e.getKey());
        }
        return new Plan(List.copyOf(constraints), Set.copyOf(allowed), List.copyOf(guiding), List.copyOf(words));
    }

    /** Each phrase as written and with its last word in the plural ("hot dog", "hot dogs"), in order. */
    private Set<String> forms(List<List<String>> phrases) {
        Set<String> forms = new LinkedHashSet<>();
        for (List<String> phrase : phrases) {
            forms.add(String.join(" ", phrase));
            List<String> plural = new ArrayList<>(phrase);
            plural.set(plural.size() - 1, table.plural(phrase.get(phrase.size() - 1)));
            forms.add(String.join(" ", plural));
        }
        return forms;
    }

    /**
     * Decodes with guidance: the constrained search on the expanded decoder when a label is confident,
     * else the plain search on the base decoder (the same captions as unguided decoding).
     */
    GuidedCaptions decode(float[] feature, List<ImageLabel> labels, DecodeOptions options, Manifest.Guide guide) {
        if (options.strategy() == Strategy.SAMPLE) {
            return new GuidedCaptions(CaptionSearch.decode(model.base(), feature, options),
                    Guidance.none("guidance applies to greedy and beam search, not to sampling"));
        }
        Plan plan = plan(labels, guide);
        if (plan.constraints().isEmpty()) {
            String reason = labels.isEmpty() ? "the encoder reports no labels"
                    : "no label naming a thing reached " + Math.round(guide.threshold() * 100) + " %";
            return new GuidedCaptions(CaptionSearch.decode(model.base(), feature, options), Guidance.none(reason));
        }
        ConstrainedCaptions r = CaptionSearch.decode(model.allowing(plan.allowed()), feature, options, plan.constraints());
        List<Caption> captions = r.captions().stream().map(this::fixArticles).toList();
        // Report the words the best caption actually uses ("bird" for the macaw when the decoder chose it), so
        // that "→ parrot" never stands beside a caption that says "bird".
        List<String> met = new ArrayList<>();
        int[] best = captions.isEmpty() ? new int[0] : ids(r.captions().get(0));
        for (int i = 0; i < plan.constraints().size(); i++) {
            Constraint c = plan.constraints().get(i);
            if (r.met().contains(c)) {
                met.add(c.phrases().stream().filter(p -> new Constraint(c.name(), List.of(p)).satisfiedBy(best))
                        .findFirst().map(p -> String.join(" ", model.vocabulary().decode(p)))
                        .orElse(plan.words().get(i)));
            }
        }
        return new GuidedCaptions(captions, new Guidance(plan.labels(), r.fellBack() ? plan.words() : met,
                r.fellBack(), ""));
    }

    private int[] ids(Caption c) {
        return c.words().stream().mapToInt(model.vocabulary()::indexOf).toArray();
    }

    /** "a owl" → "an owl" (and "an parrot" → "a parrot") before the words the decoder borrowed. */
    Caption fixArticles(Caption c) {
        List<String> words = new ArrayList<>(c.words());
        boolean changed = false;
        for (int i = 0; i + 1 < words.size(); i++) {
            String next = words.get(i + 1);
            String w = words.get(i);
            if (added.contains(next) && (w.equals("a") || w.equals("an"))) {
                String article = table.article(next);
                if (!article.equals(w)) {
                    words.set(i, article);
                    changed = true;
                }
            }
        }
        return changed ? new Caption(words, c.logProb(), c.score(), c.tokenProbs(), c.endProb()) : c;
    }
}
