package org.captionlab.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepServiceTest {

    @Test
    void rangesParseLinearLogAndLists() {
        assertThat(SweepService.parseAxis("blur=0:8:9").values()).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0);
        assertThat(SweepService.parseAxis("blur=0:8:9").name()).isEqualTo("defocus.radius");
        assertThat(SweepService.parseAxis("photons=10:1000:3:log").values()).containsExactly(10.0, 100.0, 1000.0);
        assertThat(SweepService.parseAxis("photons=10:1000:3:log").logScale()).isTrue();
        assertThat(SweepService.parseAxis("jpeg.quality=10, 50,90").values()).containsExactly(10.0, 50.0, 90.0);
        assertThatThrownBy(() -> SweepService.parseAxis("blur")).hasMessageContaining("NAME=FROM:TO:COUNT");
        assertThatThrownBy(() -> SweepService.parseAxis("blur=0:8")).hasMessageContaining("FROM:TO:COUNT");
        assertThatThrownBy(() -> SweepService.parseAxis("blur=a:8:3")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> SweepService.parseAxis("photons=0:100:3:log")).hasMessageContaining("positive");
    }

    @Test
    void gridIsTheProductFirstAxisOutermost() {
        List<Map<String, Double>> g = SweepService.grid(List.of(SweepService.parseAxis("blur=0,1"),
                SweepService.parseAxis("jpeg=10,20,30")), Map.of("noise.photons", 100.0));
        assertThat(g).hasSize(6);
        assertThat(g.get(0)).containsEntry("defocus.radius", 0.0).containsEntry("jpeg.quality", 10.0)
                .containsEntry("noise.photons", 100.0);
        assertThat(g.get(3)).containsEntry("defocus.radius", 1.0).containsEntry("jpeg.quality", 10.0);
    }
}
