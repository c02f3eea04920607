package org.captionlab.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CiderDRewardTest {

    private static List<String> w(String s) {
        return List.of(s.split(" "));
    }

    /** With the evaluated set as the document-frequency corpus, the reward is CiderD's per-image value. */
    @Test
    void equalsCiderDWhenTheCorpusIsTheEvaluatedSet() {
        List<List<List<String>>> refs = List.of(
                List.of(w("a dog runs on the grass"), w("a brown dog is running"), w("the dog runs outside")),
                List.of(w("a man rides a bike"), w("a person on a bicycle"), w("a man is cycling down the road")),
                List.of(w("two children play in the snow"), w("kids playing in snow"), w("two kids in the snow")));
        List<List<String>> candidates = List.of(w("a dog runs on the grass"), w("a man on a bike"),
                w("a dog plays in the snow"));
        List<TokenizedCaptions> images = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            images.add(new TokenizedCaptions(candidates.get(i), refs.get(i)));
        }
        MetricScores expected = CiderD.compute(images);
        CiderDReward reward = CiderDReward.fromReferences(refs);
        for (int i = 0; i < refs.size(); i++) {
            assertThat(reward.score(candidates.get(i), reward.references(refs.get(i))))
                    .isCloseTo(expected.perImage().get(i), within(1e-9));
        }
        assertThat(reward.score(List.of(), reward.references(refs.get(0)))).isZero();
    }
}
