package org.captionlab.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.captionlab.text.Tokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores candidate captions against reference captions with the COCO caption metrics, reproducing
 * pycocoevalcap (the MS COCO caption evaluation code): BLEU-1..4 ({@link Bleu}), ROUGE-L
 * ({@link RougeL}) and CIDEr-D ({@link CiderD}).
 *
 * <h2>Tokenisation</h2>
 * pycocoevalcap first runs the Stanford CoreNLP 3.4.1 {@code PTBTokenizer} ({@code -lowerCase
 * -preserveLines}) on every candidate and reference, then drops the tokens
 * {@code '' ' `` ` -LRB- -RRB- -LCB- -RCB- . ? ! , : - -- ... ;}. Here candidates and references both go
 * through {@link Tokenizer#words}, a PTB-like Java tokeniser that lower-cases, splits off punctuation and
 * clitics ({@code 's}, {@code n't}, ...), keeps inner hyphens and apostrophes, and drops every token
 * without a letter or digit. On ordinary captions the two give the same tokens. They differ on
 * symbols PTB keeps as tokens and we drop ({@code & $ % # *} ...), on words joined by such symbols
 * ({@code a/b}: one PTB token, two of ours), and on PTB's special splits ({@code cannot → can not},
 * {@code gonna → gon na}); scores on such captions can differ slightly from the Python tool's. Given identical tokens, the metrics match pycocoevalcap to floating-point
 * rounding (see the test fixture {@code fixtures/eval/pycocoevalcap-reference.json}).
 *
 * <h2>METEOR and SPICE</h2>
 * Not computed. METEOR 1.5 (the Java jar pycocoevalcap calls) aligns words through exact match,
 * Snowball stems, WordNet synonyms and a paraphrase table, with tuned parameters; without WordNet and the
 * paraphrase data a re-implementation would be a different metric reported under METEOR's name.
 * SPICE needs a dependency parser and scene-graph matcher. Neither is approximated.
 *
 * <h2>Evaluated set</h2>
 * The images evaluated are the keys of {@code candidates} (as a COCO results file defines the images it
 * is scored on). {@code references} may hold more images; those are ignored and do not enter CIDEr-D's
 * document frequencies, which are computed over the references of the evaluated images only. Images are
 * processed in image-id order, so results do not depend on map iteration order.
 *
 * <p>Stateless; safe to call from several threads.
 */
public final class Evaluator {

    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

    private static final Set<Metric> BLEU_METRICS = EnumSet.of(Metric.BLEU_1, Metric.BLEU_2, Metric.BLEU_3,
            Metric.BLEU_4);

    private Evaluator() {
    }

    /** All metrics of {@link Metric}; see {@link #evaluate(Map, Map, Set)}. */
    public static EvaluationResult evaluate(Map<String, String> candidates, Map<String, List<String>> references) {
        return evaluate(candidates, references, EnumSet.allOf(Metric.class));
    }

    /**
     * Scores one candidate caption per image against that image's references.
     *
     * @param candidates image id → candidate caption (raw text; a caption that tokenises to nothing is
     *                   valid and scores 0)
     * @param references image id → reference captions (raw text), at least one per candidate image
     * @param metrics    which metrics to compute; BLEU-1..4 come from one pass, so asking for one of them
     *                   costs the same as asking for all four. Only the requested metrics appear in the
     *                   result.
     * @return corpus values and per-image scores; per-image sorted by CIDEr-D ascending (worst first),
     *         ties and all images when CIDEr-D is not requested ordered by image id
     * @throws IllegalArgumentException naming the image when there are no candidates, an image id or
     *                                  caption is null, a candidate image has no or an empty reference
     *                                  list, or a reference has no words after tokenisation
     */
    public static EvaluationResult evaluate(Map<String, String> candidates, Map<String, List<String>> references,
                                            Set<Metric> metrics) {
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(references, "references");
        Objects.requireNonNull(metrics, "metrics");
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidate captions to evaluate");
        }
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("no metrics requested");
        }
        long start = System.nanoTime();
        List<String> ids = sortedIds(candidates);
        List<TokenizedCaptions> images = new ArrayList<>(ids.size());
        for (String id : ids) {
            images.add(tokenize(id, candidates.get(id), references.get(id), references.containsKey(id)));
        }

        Map<Metric, MetricScores> scores = new EnumMap<>(Metric.class);
        if (metrics.stream().anyMatch(BLEU_METRICS::contains)) {
            Bleu.Result bleu = Bleu.compute(images);
            int n = 1;
            for (Metric metric : List.of(Metric.BLEU_1, Metric.BLEU_2, Metric.BLEU_3, Metric.BLEU_4)) {
                if (metrics.contains(metric)) {
                    scores.put(metric, bleu.bleu(n));
                }
                n++;
            }
        }
        if (metrics.contains(Metric.ROUGE_L)) {
            scores.put(Metric.ROUGE_L, RougeL.compute(images));
        }
        if (metrics.contains(Metric.CIDER_D)) {
            scores.put(Metric.CIDER_D, CiderD.compute(images));
        }

        Map<Metric, Double> corpus = new EnumMap<>(Metric.class);
        scores.forEach((metric, value) -> corpus.put(metric, value.corpus()));
        List<ImageScores> perImage = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Map<Metric, Double> values = new EnumMap<>(Metric.class);
            for (Map.Entry<Metric, MetricScores> entry : scores.entrySet()) {
                values.put(entry.getKey(), entry.getValue().perImage().get(i));
            }
            perImage.add(new ImageScores(id, candidates.get(id), references.get(id), values));
        }
        Comparator<ImageScores> byId = Comparator.comparing(ImageScores::imageId);
        perImage.sort(scores.containsKey(Metric.CIDER_D)
                ? Comparator.comparingDouble((ImageScores s) -> s.score(Metric.CIDER_D)).thenComparing(byId)
                : byId);

        int ignored = (int) references.keySet().stream().filter(id -> !candidates.containsKey(id)).count();
        LOG.debug("Evaluated {} images ({} metrics) in {} ms; references of {} other images ignored",
                ids.size(), scores.size(), (System.nanoTime() - start) / 1_000_000, ignored);
        return new EvaluationResult(corpus, perImage);
    }

    private static List<String> sortedIds(Map<String, String> candidates) {
        // not containsKey(null): immutable maps (Map.of) throw on null queries
        if (candidates.keySet().stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("a candidate caption has a null image id");
        }
        return new ArrayList<>(new TreeSet<>(candidates.keySet()));
    }

    private static TokenizedCaptions tokenize(String id, String candidate, List<String> references,
                                              boolean hasEntry) {
        if (candidate == null) {
            throw new IllegalArgumentException("image '" + id + "': the candidate caption is null");
        }
        if (references == null) {
            throw new IllegalArgumentException("image '" + id + "' has a candidate caption but "
                    + (hasEntry ? "a null reference list" : "no references"));
        }
        if (references.isEmpty()) {
            throw new IllegalArgumentException("image '" + id + "' has an empty reference list");
        }
        List<List<String>> referenceTokens = new ArrayList<>(references.size());
        for (int r = 0; r < references.size(); r++) {
            String reference = references.get(r);
            if (reference == null) {
                throw new IllegalArgumentException("image '" + id + "': reference " + (r + 1) + " of "
                        + references.size() + " is null");
            }
            List<String> tokens = Tokenizer.words(reference);
            if (tokens.isEmpty()) {
                throw new IllegalArgumentException("image '" + id + "': reference " + (r + 1) + " of "
                        + references.size() + " ('" + reference + "') has no words after tokenisation");
            }
            referenceTokens.add(tokens);
        }
        return new TokenizedCaptions(Tokenizer.words(candidate), referenceTokens);
    }
}
