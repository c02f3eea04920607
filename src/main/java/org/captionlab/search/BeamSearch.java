package org.captionlab.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.captionlab.model.CaptionModel;
import org.captionlab.model.DecoderState;
import org.captionlab.text.Vocabulary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Beam search with im2txt's semantics and without its known flaws.
 *
 * <p>Each position, every live hypothesis (at most {@code beamWidth}, all in one batched
 * {@link CaptionModel#step}) is scored against every allowed word. The candidates are ranked
 * <em>globally</em> by total log-probability (im2txt keeps the top-k words of each beam first, which
 * loses the true top-k when an {@code <end>} takes one of a beam's k slots; a per-beam top-1 loses it
 * when the best two continuations share a parent). Walking the ranking:
 * <ul>
 *   <li>a continuation becomes a live hypothesis, until {@code beamWidth} are live;</li>
 *   <li>an {@code <end>} ranked above the last kept continuation finishes its hypothesis, which goes
 *       to the complete list and takes no live slot (neuraltalk2 lets it occupy one for a step,
 *       leaving fewer than k live hypotheses).</li>
 * </ul>
 * With width 1 this is exactly greedy decoding. At position {@code maxLength} the hypotheses already
 * have {@code maxLength} words: the same ranking decides which ones end; continuations are ranked but
 * not kept (as in {@link SinglePathDecoder}).
 *
 * <p><b>Stopping.</b> The search stops at {@code maxLength}, when no hypothesis is live, or as soon as
 * no live hypothesis can still beat the {@code alternatives}-th complete caption — then the result is
 * the same as running on. The bound is sound with length normalisation too: every token log-prob is
 * ≤ 0, so a continuation of a live hypothesis with log-prob {@code L} ends with log-prob ≤ {@code L}
 * and at most {@code maxLength+1} tokens, hence score ≤ {@code L / (maxLength+1)^alpha}. For alpha 0
 * this is just {@code L} and stops early on typical models; for alpha &gt; 0 it is loose and the search
 * usually runs to {@code maxLength}. (A bound of {@code L / (t+1)^alpha}, or "stop when the best
 * hypothesis has ended", would be unsound there: the score of a hypothesis can rise as it grows.)
 *
 * <p><b>Result.</b> The best {@code alternatives} complete captions by score
 * {@code logProb / length^alpha} (length = words + 1 for the end token, see
 * {@link Hypothesis#score}); if fewer exist, the best hypotheses still open at {@code maxLength} are
 * closed (no end marker, {@code endProb} 0) and appended after the complete ones, best score first:
 * a finished caption is always preferred to a truncated one. Word sequences are distinct because
 * every hypothesis is a distinct path. Fewer than {@code alternatives} are returned only when the
 * model allows fewer distinct captions.
 */
final class BeamSearch {

    private static final Logger LOG = LoggerFactory.getLogger(BeamSearch.class);

    /** Orders candidates best first; ties go to the better-ranked parent, then the lower word id. */
    private static final Comparator<Candidate> RANKING = Comparator.comparingDouble(Candidate::total).reversed()
            .thenComparingInt(Candidate::parent).thenComparingInt(Candidate::word);

    private static final Comparator<Caption> BY_SCORE = Comparator.comparingDouble(Caption::score).reversed();

    private BeamSearch() {
    }

    /** One-word extension of live hypothesis {@code parent}. */
    record Candidate(int parent, int word, double wordLogProb, double total) {
    }

    static List<Caption> search(CaptionModel model, float[] feature, DecodeOptions options) {
        Vocabulary vocab = model.vocabulary();
        int width = options.beamWidth();
        int alternatives = options.alternatives();
        int maxLength = options.maxLength();
        double alpha = options.lengthAlpha();
        double boundDivisor = Math.pow(maxLength + 1, alpha);

        List<Hypothesis> live = List.of(Hypothesis.EMPTY);
        DecoderState state = model.initialState(feature);
        int[] previous = {Vocabulary.START_ID};
        List<Caption> complete = new ArrayList<>(); // best first, at most `alternatives`
        List<Hypothesis> openAtMax = List.of();
        int position = 0;
        for (; position <= maxLength && !live.isEmpty(); position++) {
            CaptionModel.Step step = ModelSteps.step(model, state, previous, position);
            List<Candidate> ranked = rank(live, step.logProbs(), width, options.blockRepeatNgram());
            boolean last = position == maxLength;
            boolean[] ended = new boolean[live.size()];
            List<Hypothesis> next = new ArrayList<>(width);
            int[] parents = new int[width];
            int continuations = 0;
            for (Candidate c : ranked) {
                if (continuations == width) {
                    break;
                }
                Hypothesis parent = live.get(c.parent());
                if (c.word() == Vocabulary.END_ID) {
                    ended[c.parent()] = true;
                    offer(complete, parent.finish(vocab, c.wordLogProb(), alpha), alternatives);
                } else {
                    if (!last) {
                        parents[next.size()] = c.parent();
                        next.add(parent.extend(c.word(), c.wordLogProb()));
                    }
                    continuations++;
                }
            }
            if (last) {
                List<Hypothesis> open = new ArrayList<>();
                for (int i = 0; i < live.size(); i++) {
                    if (!ended[i]) {
                        open.add(live.get(i));
                    }
                }
                openAtMax = open;
                break;
            }
            live = next;
            if (live.isEmpty()) {
                break;
            }
            // `next` is in ranking order, so its first hypothesis has the highest log-prob.
            if (complete.size() >= alternatives
                    && live.get(0).logProb() / boundDivisor <= complete.get(alternatives - 1).score()) {
                LOG.debug("beam search stopped at position {} of {}: no live hypothesis can beat the complete ones",
                        position + 1, maxLength);
                break;
            }
            int[] rows = new int[live.size()];
            System.arraycopy(parents, 0, rows, 0, rows.length);
            state = step.next().select(rows);
            previous = live.stream().mapToInt(h -> h.words()[h.length() - 1]).toArray();
        }

        List<Caption> result = new ArrayList<>(complete);
        if (result.size() < alternatives) {
            List<Caption> closed = new ArrayList<>();
            for (Hypothesis h : openAtMax) {
                closed.add(h.close(vocab, alpha));
            }
            closed.sort(BY_SCORE);
            result.addAll(closed.subList(0, Math.min(closed.size(), alternatives - result.size())));
        }
        return List.copyOf(result);
    }

    /**
     * The candidates that can matter, best first: each live hypothesis' {@code <end>} and its
     * {@code width} best allowed words. That is enough for the global ranking — a hypothesis
     * cannot contribute more than {@code width} of the {@code width} best continuations — and avoids
     * sorting {@code width × vocabulary} entries.
     */
    static List<Candidate> rank(List<Hypothesis> live, float[][] logProbs, int width, int blockRepeatNgram) {
        List<Candidate> candidates = new ArrayList<>(live.size() * (width + 1));
        for (int p = 0; p < live.size(); p++) {
            Hypothesis h = live.get(p);
            float[] row = logProbs[p];
            float end = row[Vocabulary.END_ID];
            if (end > Float.NEGATIVE_INFINITY) {
                candidates.add(new Candidate(p, Vocabulary.END_ID, end, h.logProb() + end));
            }
            boolean[] blocked = TokenFilter.blockedWords(h.words(), blockRepeatNgram, row.length);
            for (int word : topWords(row, blocked, width)) {
                candidates.add(new Candidate(p, word, row[word], h.logProb() + row[word]));
            }
        }
        candidates.sort(RANKING);
        return candidates;
    }

    /** Ids of the {@code k} allowed non-end words of highest log-prob (finite only), best first, lower id on ties. */
    static int[] topWords(float[] row, boolean[] blocked, int k) {
        int[] ids = new int[k];
        int count = 0;
        for (int j = 0; j < row.length; j++) {
            float v = row[j];
            if (j == Vocabulary.END_ID || v == Float.NEGATIVE_INFINITY || !TokenFilter.allowed(j, blocked)
                    || (count == k && v <= row[ids[k - 1]])) {
                continue;
            }
            // Insertion into the short sorted list; strict '>' keeps the earlier (lower) id first on ties.
            int pos = count == k ? k - 1 : count++;
            while (pos > 0 && v > row[ids[pos - 1]]) {
                ids[pos] = ids[pos - 1];
                pos--;
            }
            ids[pos] = j;
        }
        return count == k ? ids : Arrays.copyOf(ids, count);
    }

    /** Inserts a finished caption into the best-first list of at most {@code capacity}; equal scores keep the earlier first. */
    static void offer(List<Caption> complete, Caption caption, int capacity) {
        int pos = 0;
        while (pos < complete.size() && complete.get(pos).score() >= caption.score()) {
            pos++;
        }
        if (pos < capacity) {
            complete.add(pos, caption);
            if (complete.size() > capacity) {
                complete.remove(complete.size() - 1);
            }
        }
    }
}
