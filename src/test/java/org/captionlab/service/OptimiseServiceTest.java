package org.captionlab.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CMA-ES search on synthetic objectives (no model): it finds the optimum within its budget. */
class OptimiseServiceTest {

    @Test
    void findsTheBestBlurAndPhotonCountOfASyntheticScore() throws IOException {
        // CIDEr-D falls with blur and rises with log photons; a photon cost makes an interior optimum
        OptimiseService.Scorer scorer = v -> {
            double blur = v.get("defocus.radius");
            double photons = v.get("noise.photons");
            double cider = 0.6 * Math.exp(-blur / 2) * (1 - Math.exp(-photons / 150));
            return new double[] {cider, cider / 3};
        };
        OptimiseService.Outcome o = OptimiseService.search(List.of(OptimiseService.parseBound("blur=0:8"),
                OptimiseService.parseBound("noise.photons=10:1000")), Map.of("noise.photons", 0.0002), 40, 1, scorer);
        assertThat(o.path()).hasSizeLessThanOrEqualTo(40);
        assertThat(o.best().values().get("defocus.radius")).isLessThan(0.5);
        // analytic optimum over photons of 0.6(1 − e^(−p/150)) − 0.0002 p at blur 0: p = 150 ln(0.6/(150·0.0002)) ≈ 449
        assertThat(o.best().values().get("noise.photons")).isBetween(250.0, 750.0);
        assertThat(o.best().objective()).isEqualTo(o.path().stream().mapToDouble(OptimiseService.Evaluation::objective).max().orElseThrow());
        // the front is sorted by cost with rising CIDEr-D
        for (int i = 1; i < o.pareto().size(); i++) {
            assertThat(o.pareto().get(i).cost()).isGreaterThanOrEqualTo(o.pareto().get(i - 1).cost());
            assertThat(o.pareto().get(i).ciderD()).isGreaterThan(o.pareto().get(i - 1).ciderD());
        }
    }

    @Test
    void oneDimensionWorksAndTheBudgetIsKept() throws IOException {
        int[] calls = {0};
        OptimiseService.Outcome o = OptimiseService.search(List.of(OptimiseService.parseBound("resolution=1:16")), Map.of(), 8, 3,
                v -> {
                    calls[0]++;
                    double k = v.get("resolution.factor");
                    return new double[] {-(Math.log(k) - Math.log(3)) * (Math.log(k) - Math.log(3)), 0};
                });
        assertThat(calls[0]).isEqualTo(o.path().size()).isLessThanOrEqualTo(8);
        assertThat(o.best().values().get("resolution.factor")).isBetween(1.5, 6.0);
    }

    @Test
    void boundsParseAndAreChecked() {
        assertThat(OptimiseService.parseBound("photons=10:1000").log()).isTrue();
        assertThat(OptimiseService.parseBound("photons=10:1000:lin").log()).isFalse();
        assertThat(OptimiseService.parseBound("blur=0:8").log()).isFalse();
        assertThatThrownBy(() -> OptimiseService.parseBound("blur=8:0")).hasMessageContaining("must be below");
        assertThatThrownBy(() -> OptimiseService.parseBound("blur=0")).hasMessageContaining("NAME=LOW:HIGH");
        assertThatThrownBy(() -> OptimiseService.parseBound("blur=0:500")).hasMessageContaining("defocus radius");
    }
}
