package org.captionlab.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.captionlab.model.CaptionModel;
import org.captionlab.model.DecoderState;
import org.captionlab.text.Vocabulary;

/**
 * Constrained beam search (Anderson et al. 2017, "Guided Open Vocabulary Image Captioning with
 * Constrained Beam Search"): a caption must contain one phrase of each {@link Constraint}.
 *
 * <p>Each constraint is a small automaton over the words written so far: not yet met, part-way
 * through a multi-word phrase ("hot" of "hot dog"), met. The state of a hypothesis is the tuple of
 * its constraints' states, and the search keeps a beam of {@code beamWidth} hypotheses <em>per
 * state</em>, so a hypothesis that has met a constraint never has to out-score one that has not: the
 * unconstrained beam goes on as usual while, beside it, the best hypotheses that say "cat" grow. Each
 * step considers, for every live hypothesis, its {@code <end>}, its {@code beamWidth} best allowed
 * words (as {@link BeamSearch}) <em>and</em> every allowed word that starts or continues a phrase of an
 * unmet constraint — those are what a plain beam would never look at. Within a state the candidates
 * are ranked and kept exactly as in {@link BeamSearch} (global ranking, {@code <end>} above the last
 * kept continuation finishes, same ties), so with no constraints this <em>is</em> plain beam search,
 * and length normalisation, repetition blocking and the maximum length work unchanged.
 *
 * <p>Result: the best {@code alternatives} captions that met every constraint (complete first, then
 * those still open at the maximum length). If none did, those meeting the most constraints; if no
 * caption can meet any within the maximum length, the unconstrained search's captions with
 * {@link ConstrainedCaptions#fellBack()} set.
 */
final class ConstrainedBeamSearch {

    /** Constraints supported at once; the state space grows as 2^n. */
    static final int MAX_CONSTRAINTS = 4;

    private static final Comparator<Candidate> RANKING = Comparator.comparingDouble(Candidate::total).reversed()
            .thenComparingInt(Candidate::parent).thenComparingInt(Candidate::word);
    private static final Comparator<Caption> BY_SCORE = Comparator.comparingDouble(Caption::score).reversed();

    private ConstrainedBeamSearch() {
    }

    private record Live(Hypothesis hypothesis, long state) {
    }

    private record Candidate(int parent, int word, double wordLogProb, double total, long target, Hypothesis next) {
    }

    static ConstrainedCaptions search(CaptionModel model, float[] feature, DecodeOptions options,
                                      List<Constraint> constraints) {
        if (constraints.size() > MAX_CONSTRAINTS) {
            throw new IllegalArgumentException("at most " + MAX_CONSTRAINTS + " constraints, got " + constraints.size());
        }
        if (options.strategy() == Strategy.SAMPLE) {
            throw new IllegalArgumentException("constraints apply to greedy decoding and beam search, not to sampling");
        }
        boolean greedy = options.strategy() == Strategy.GREEDY;
        int width = greedy ? 1 : options.beamWidth();
        int alternatives = greedy ? 1 : options.alternatives();
        int maxLength = options.maxLength();
        double alpha = greedy ? 0.0 : options.lengthAlpha();
        double boundDivisor = Math.pow(maxLength + 1, alpha);
        int full = (1 << constraints.size()) - 1;
        Vocabulary vocab = model.vocabulary();

        List<Live> live = List.of(new Live(Hypothesis.EMPTY, 0L));
        DecoderState state = model.initialState(feature);
        int[] previous = {Vocabulary.START_ID};
        Map<Integer, List<Caption>> complete = new HashMap<>();
        List<Live> openAtMax = List.of();
        for (int position = 0; position <= maxLength && !live.isEmpty(); position++) {
            CaptionModel.Step step = ModelSteps.step(model, state, previous, position);
            // Candidates grouped by the state they lead to; TreeMap so that the live order is deterministic.
            Map<Long, List<Candidate>> byState = new TreeMap<>();
            for (int p = 0; p < live.size(); p++) {
                addCandidates(p, live.get(p), step.logProbs()[p], width, options.blockRepeatNgram(), constraints, byState);
            }
            boolean last = position == maxLength;
            boolean[] ended = new boolean[live.size()];
            List<Live> next = new ArrayList<>();
            List<Integer> parents = new ArrayList<>();
            for (List<Candidate> group : byState.values()) {
                group.sort(RANKING);
                int continuations = 0;
                for (Candidate c : group) {
                    if (continuations == width) {
                        break;
                    }
                    Live parent = live.get(c.parent());
                    if (c.word() == Vocabulary.END_ID) {
                        ended[c.parent()] = true;
                        BeamSearch.offer(complete.computeIfAbsent(mask(parent.state()), k -> new ArrayList<>()),
                                parent.hypothesis().finish(vocab, c.wordLogProb(), alpha), alternatives);
                    } else {
                        if (!last) {
                            parents.add(c.parent());
                            next.add(new Live(c.next(), c.target()));
                        }
                        continuations++;
                    }
                }
            }
            if (last) {
                List<Live> open = new ArrayList<>();
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
            List<Caption> done = complete.getOrDefault(full, List.of());
            if (done.size() >= alternatives) {
                double best = live.stream().mapToDouble(l -> l.hypothesis().logProb()).max().orElseThrow();
                if (best / boundDivisor <= done.get(alternatives - 1).score()) {
                    break; // no live hypothesis, in any state, can still beat the complete ones
                }
            }
            state = step.next().select(parents.stream().mapToInt(Integer::intValue).toArray());
            previous = live.stream().mapToInt(l -> l.hypothesis().words()[l.hypothesis().length() - 1]).toArray();
        }
        return assemble(model, feature, options, constraints, complete, openAtMax, alternatives, alpha);
    }

    private static void addCandidates(int p, Live parent, float[] row, int width, int blockRepeat,
                                      List<Constraint> constraints, Map<Long, List<Candidate>> byState) {
        Hypothesis h = parent.hypothesis();
        float end = row[Vocabulary.END_ID];
        if (end > Float.NEGATIVE_INFINITY) {
            byState.computeIfAbsent(parent.state(), k -> new ArrayList<>())
                    .add(new Candidate(p, Vocabulary.END_ID, end, h.logProb() + end, parent.state(), null));
        }
        boolean[] blocked = TokenFilter.blockedWords(h.words(), blockRepeat, row.length);
        List<Integer> words = new ArrayList<>(width + 4);
        for (int w : BeamSearch.topWords(row, blocked, width)) {
            words.add(w);
        }
        int mask = mask(parent.state());
        for (int i = 0; i < constraints.size(); i++) {
            if ((mask & (1 << i)) == 0) {
                constraints.get(i).advancingWords(h.words(), w -> {
                    if (w != Vocabulary.END_ID && row[w] > Float.NEGATIVE_INFINITY && TokenFilter.allowed(w, blocked)
                            && !words.contains(w)) {
                        words.add(w);
                    }
                });
            }
        }
        for (int w : words) {
            Hypothesis next = h.extend(w, row[w]);
            long target = transition(mask, next.words(), constraints);
            byState.computeIfAbsent(target, k -> new ArrayList<>())
                    .add(new Candidate(p, w, row[w], next.logProb(), target, next));
        }
    }

    /** State after {@code words}: bit i = constraint i met; then 4 bits per constraint for phrase progress. */
    static long transition(int parentMask, int[] words, List<Constraint> constraints) {
        long key = 0;
        int mask = parentMask;
        for (int i = 0; i < constraints.size(); i++) {
            if ((mask & (1 << i)) != 0) {
                continue;
            }
            Constraint c = constraints.get(i);
            if (c.endsWithPhrase(words)) {
                mask |= 1 << i;
            } else {
                key |= (long) Math.min(15, c.progress(words)) << (8 + 4 * i);
            }
        }
        return key | mask;
    }

    private static int mask(long state) {
        return (int) (state & 0xFF);
    }

    private static ConstrainedCaptions assemble(CaptionModel model, float[] feature, DecodeOptions options,
                                                List<Constraint> constraints, Map<Integer, List<Caption>> complete,
                                                List<Live> openAtMax, int alternatives, double alpha) {
        Map<Integer, List<Caption>> byMask = new HashMap<>();
        for (Map.Entry<Integer, List<Caption>> e : complete.entrySet()) {
            byMask.put(e.getKey(), new ArrayList<>(e.getValue()));
        }
        Map<Integer, List<Caption>> closed = new HashMap<>();
        for (Live l : openAtMax) {
            closed.computeIfAbsent(mask(l.state()), k -> new ArrayList<>()).add(l.hypothesis().close(model.vocabulary(), alpha));
        }
        for (Map.Entry<Integer, List<Caption>> e : closed.entrySet()) {
            List<Caption> list = byMask.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
            List<Caption> extra = e.getValue();
            extra.sort(BY_SCORE);
            list.addAll(extra.subList(0, Math.max(0, Math.min(extra.size(), alternatives - list.size()))));
        }
        if (constraints.isEmpty()) {
            return new ConstrainedCaptions(byMask.getOrDefault(0, List.of()), List.of(), false);
        }
        // The most constraints met wins; among equals, the best first caption.
        int best = -1;
        for (Map.Entry<Integer, List<Caption>> e : byMask.entrySet()) {
            int m = e.getKey();
            if (m == 0 || e.getValue().isEmpty()) {
                continue;
            }
            if (best < 0 || Integer.bitCount(m) > Integer.bitCount(best)
                    || (Integer.bitCount(m) == Integer.bitCount(best)
                        && e.getValue().get(0).score() > byMask.get(best).get(0).score())) {
                best = m;
            }
        }
        if (best < 0) {
            return new ConstrainedCaptions(CaptionSearch.decode(model, feature, options), List.of(), true);
        }
        List<Constraint> met = new ArrayList<>();
        for (int i = 0; i < constraints.size(); i++) {
            if ((best & (1 << i)) != 0) {
                met.add(constraints.get(i));
            }
        }
        return new ConstrainedCaptions(byMask.get(best), met, false);
    }
}
