package org.captionlab.gui.decoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.captionlab.search.DecodeOptions;
import org.captionlab.search.Strategy;
import org.junit.jupiter.api.Test;

class DecodingViewModelTest {

    private final DecodingViewModel vm = new DecodingViewModel();
    private final List<DecodeOptions> changes = new ArrayList<>();

    {
        vm.optionsProperty().addListener((o, a, b) -> changes.add(b));
    }

    @Test
    void startsWithBeamSearchShowingThreeAlternatives() {
        assertThat(vm.options()).isEqualTo(DecodingViewModel.DEFAULTS);
        assertThat(vm.beamSettingsApplyProperty().get()).isTrue();
        assertThat(vm.samplingSettingsApplyProperty().get()).isFalse();
    }

    @Test
    void eachControlChangesTheOptions() {
        vm.beamWidthProperty().set(5);
        vm.alternativesProperty().set(4);
        vm.lengthAlphaProperty().set(0.7);
        vm.maxLengthProperty().set(12);
        vm.blockRepeatNgramProperty().set(2);
        assertThat(vm.options()).isEqualTo(new DecodeOptions(Strategy.BEAM, 5, 4, 12, 0.7, 2, 1.0, 0L));
        assertThat(changes).hasSize(5);
    }

    @Test
    void alternativesNeverExceedTheBeamWidth() {
        vm.beamWidthProperty().set(2);
        assertThat(vm.options().alternatives()).isEqualTo(2);
        assertThat(vm.maxAlternativesProperty().get()).isEqualTo(2);
    }

    @Test
    void greedyAndSamplingIgnoreSettingsThatDoNotApplyButKeepThem() {
        vm.lengthAlphaProperty().set(0.5);
        vm.strategyProperty().set(Strategy.GREEDY);
        assertThat(vm.options()).isEqualTo(new DecodeOptions(Strategy.GREEDY, 1, 1, 20, 0.0, 0, 1.0, 0L));
        assertThat(vm.alternativesApplyProperty().get()).isFalse();

        vm.strategyProperty().set(Strategy.SAMPLE);
        vm.temperatureProperty().set(0.8);
        vm.seedProperty().set(7);
        vm.alternativesProperty().set(5);
        assertThat(vm.options()).isEqualTo(new DecodeOptions(Strategy.SAMPLE, 1, 5, 20, 0.0, 0, 0.8, 7L));

        vm.strategyProperty().set(Strategy.BEAM);
        assertThat(vm.options().lengthAlpha()).as("remembered while greedy/sampling").isEqualTo(0.5);
        assertThat(vm.options().alternatives()).as("clamped to the beam width").isEqualTo(3);
    }

    @Test
    void settingAllAtOnceChangesTheOptionsOnce() {
        DecodeOptions sample = DecodeOptions.sample(1.5, 99, 4);
        vm.set(sample);
        assertThat(changes).containsExactly(sample);
        vm.reset();
        assertThat(vm.options()).isEqualTo(DecodingViewModel.DEFAULTS);
        assertThat(changes).hasSize(2);
    }

    @Test
    void outOfRangeValuesAreClamped() {
        vm.maxLengthProperty().set(0);
        vm.lengthAlphaProperty().set(-3);
        assertThat(vm.options().maxLength()).isEqualTo(1);
        assertThat(vm.options().lengthAlpha()).isZero();
    }

    @Test
    void unchangedControlsFollowTheModelsRecommendationAndResetGoesBackToIt() {
        DecodingViewModel vm = new DecodingViewModel();
        DecodeOptions recommended = new DecodeOptions(Strategy.BEAM, 3, 3, 20, 1.0, 2, 1.0, 0L);
        vm.setRecommended(recommended);
        assertThat(vm.optionsProperty().get()).isEqualTo(recommended);

        vm.beamWidthProperty().set(5);
        DecodeOptions other = new DecodeOptions(Strategy.BEAM, 4, 2, 16, 0.5, 0, 1.0, 0L);
        vm.setRecommended(other);
        assertThat(vm.optionsProperty().get().beamWidth()).as("the user's change is kept").isEqualTo(5);
        vm.reset();
        assertThat(vm.optionsProperty().get()).isEqualTo(other);
    }
}
