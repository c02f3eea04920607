package org.captionlab.gui.decoding;

import java.util.Objects;
import javafx.beans.InvalidationListener;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.captionlab.model.Manifest;
import org.captionlab.search.DecodeOptions;
import org.captionlab.search.Strategy;
import org.captionlab.service.ModelInfo;

/**
 * The decoding controls: one property per setting, and {@link #optionsProperty()}, the
 * {@link DecodeOptions} they make, which changes only when the resulting options really differ.
 * Settings that do not apply to the chosen strategy are kept (so switching back restores them) but are
 * reported as not applicable so the view can disable their controls.
 */
public final class DecodingViewModel {

    public static final int MAX_BEAM_WIDTH = 20;
    public static final int MAX_ALTERNATIVES = 20;
    public static final int MAX_LENGTH_LIMIT = 60;
    public static final int MAX_REPEAT_NGRAM = 6;
    public static final double MIN_TEMPERATURE = 0.05;
    public static final double MAX_TEMPERATURE = 5.0;
    public static final double MAX_LENGTH_ALPHA = 3.0;
    /** Lowest guidance threshold the control allows: below it nearly every photo would be guided by noise. */
    public static final double MIN_GUIDE_THRESHOLD = 0.05;

    /** Beam search with three alternatives: shows the alternatives panel filled from the start. */
    public static final DecodeOptions DEFAULTS = ModelInfo.FALLBACK_OPTIONS;

    private DecodeOptions recommended = DEFAULTS;

    private final ObjectProperty<Strategy> strategy = new SimpleObjectProperty<>(this, "strategy");
    private final IntegerProperty beamWidth = new SimpleIntegerProperty(this, "beamWidth");
    private final IntegerProperty alternatives = new SimpleIntegerProperty(this, "alternatives");
    private final IntegerProperty maxLength = new SimpleIntegerProperty(this, "maxLength");
    private final DoubleProperty lengthAlpha = new SimpleDoubleProperty(this, "lengthAlpha");
    private final IntegerProperty blockRepeatNgram = new SimpleIntegerProperty(this, "blockRepeatNgram");
    private final DoubleProperty temperature = new SimpleDoubleProperty(this, "temperature");
    private final LongProperty seed = new SimpleLongProperty(this, "seed");

    private final ReadOnlyIntegerWrapper maxAlternatives = new ReadOnlyIntegerWrapper(this, "maxAlternatives");
    private final ReadOnlyBooleanWrapper beamSettingsApply = new ReadOnlyBooleanWrapper(this, "beamSettingsApply");
    private final ReadOnlyBooleanWrapper samplingSettingsApply = new ReadOnlyBooleanWrapper(this, "samplingSettingsApply");
    private final ReadOnlyBooleanWrapper alternativesApply = new ReadOnlyBooleanWrapper(this, "alternativesApply");
    private final ReadOnlyObjectWrapper<DecodeOptions> options = new ReadOnlyObjectWrapper<>(this, "options");
    // Label guidance: on/off and the threshold; the model's recommendation (null: none) is what they follow.
    private final BooleanProperty guideEnabled = new SimpleBooleanProperty(this, "guideEnabled");
    private final DoubleProperty guideThreshold = new SimpleDoubleProperty(this, "guideThreshold",
            Manifest.Guide.STANDARD.threshold());
    private final ReadOnlyObjectWrapper<Manifest.Guide> guide = new ReadOnlyObjectWrapper<>(this, "guide");
    private Manifest.Guide recommendedGuide;
    private boolean updating;
    /** The user keeps these settings as their preference: they win over a model's recommendation. */
    private final BooleanProperty remembered = new SimpleBooleanProperty(this, "remembered");

    public DecodingViewModel() {
        this(DEFAULTS);
    }

    public DecodingViewModel(DecodeOptions initial) {
        set(initial);
        InvalidationListener recompute = obs -> recompute();
        strategy.addListener(recompute);
        beamWidth.addListener(recompute);
        alternatives.addListener(recompute);
        maxLength.addListener(recompute);
        lengthAlpha.addListener(recompute);
        blockRepeatNgram.addListener(recompute);
        temperature.addListener(recompute);
        seed.addListener(recompute);
        recompute();
        InvalidationListener recomputeGuide = obs -> recomputeGuide();
        guideEnabled.addListener(recomputeGuide);
        guideThreshold.addListener(recomputeGuide);
    }

    /** Sets every control from {@code value} at once (one change of {@link #optionsProperty()}). */
    public void set(DecodeOptions value) {
        updating = true;
        try {
            strategy.set(value.strategy());
            beamWidth.set(value.strategy() == Strategy.BEAM ? value.beamWidth() : Math.max(value.beamWidth(), DEFAULTS.beamWidth()));
            alternatives.set(value.alternatives());
            maxLength.set(value.maxLength());
            lengthAlpha.set(value.lengthAlpha());
            blockRepeatNgram.set(value.blockRepeatNgram());
            temperature.set(value.temperature());
            seed.set(value.seed());
        } finally {
            updating = false;
        }
        recompute();
    }

    /**
     * Back to the loaded model's recommended options ({@link #DEFAULTS} before a model is loaded); a saved
     * preference is dropped, so later sessions follow each model's recommendation again.
     */
    public void reset() {
        remembered.set(false);
        set(recommended);
        setGuide(recommendedGuide);
    }

    /**
     * "Remember these settings": true when the current settings are the user's saved preference, kept
     * between sessions and over any model's recommended decoding; false (the default) when every model
     * loaded is decoded as it recommends unless the user changes something in this session.
     */
    public BooleanProperty rememberedProperty() {
        return remembered;
    }

    /**
     * Takes the loaded model's recommended label guidance (null: none); the guidance controls follow it
     * unless the user has changed them.
     */
    public void setRecommendedGuide(Manifest.Guide value) {
        Manifest.Guide previous = recommendedGuide;
        recommendedGuide = value;
        if (Objects.equals(guide.get(), previous)) {
            setGuide(value);
        }
    }

    private void setGuide(Manifest.Guide value) {
        if (value != null) {
            guideThreshold.set(value.threshold());
        }
        guideEnabled.set(value != null);
        recomputeGuide();
    }

    private void recomputeGuide() {
        Manifest.Guide next = null;
        if (guideEnabled.get()) {
            int constraints = recommendedGuide != null ? recommendedGuide.maxConstraints()
                    : Manifest.Guide.STANDARD.maxConstraints();
            next = new Manifest.Guide(clamp(guideThreshold.get(), MIN_GUIDE_THRESHOLD, 1.0), constraints);
        }
        if (!Objects.equals(next, guide.get())) {
            guide.set(next);
        }
    }

    /** Label guidance on: the encoder's confident labels put their words into the captions. */
    public BooleanProperty guideEnabledProperty() {
        return guideEnabled;
    }

    /** The probability a label (summed over the labels naming the same thing) needs to guide a caption. */
    public DoubleProperty guideThresholdProperty() {
        return guideThreshold;
    }

    /** The label guidance the controls make, null when off; changes only when it differs. */
    public ReadOnlyObjectProperty<Manifest.Guide> guideProperty() {
        return guide.getReadOnlyProperty();
    }

    /** The label guidance to decode with, or null for none. */
    public Manifest.Guide guide() {
        return guide.get();
    }

    /**
     * Takes the loaded model's recommended options as the defaults; the current options follow them
     * unless the user has changed something in this session or saved a preference ({@link #rememberedProperty()}).
     */
    public void setRecommended(DecodeOptions options) {
        DecodeOptions previous = recommended;
        recommended = options == null ? DEFAULTS : options;
        if (!remembered.get() && optionsProperty().get().equals(previous)) {
            set(recommended);
        }
    }

    /** The options {@link #reset} goes back to. */
    public DecodeOptions recommended() {
        return recommended;
    }

    private void recompute() {
        if (updating) {
            return;
        }
        Strategy s = strategy.get() == null ? Strategy.BEAM : strategy.get();
        int width = clamp(beamWidth.get(), 1, MAX_BEAM_WIDTH);
        // Greedy keeps the beam's bound so that its (disabled) control does not lose the user's value.
        int maxAlt = s == Strategy.SAMPLE ? MAX_ALTERNATIVES : width;
        maxAlternatives.set(maxAlt);
        beamSettingsApply.set(s == Strategy.BEAM);
        samplingSettingsApply.set(s == Strategy.SAMPLE);
        alternativesApply.set(s != Strategy.GREEDY);
        int alt = s == Strategy.GREEDY ? 1 : clamp(alternatives.get(), 1, maxAlt);
        DecodeOptions next = new DecodeOptions(
                s,
                s == Strategy.BEAM ? width : 1,
                alt,
                clamp(maxLength.get(), 1, MAX_LENGTH_LIMIT),
                s == Strategy.BEAM ? clamp(lengthAlpha.get(), 0, MAX_LENGTH_ALPHA) : 0.0,
                clamp(blockRepeatNgram.get(), 0, MAX_REPEAT_NGRAM),
                s == Strategy.SAMPLE ? clamp(temperature.get(), MIN_TEMPERATURE, MAX_TEMPERATURE) : 1.0,
                s == Strategy.SAMPLE ? seed.get() : 0L);
        if (!next.equals(options.get())) {
            options.set(next);
        }
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double clamp(double v, double lo, double hi) {
        return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
    }

    /** The options the controls make; changes only when they differ. */
    public ReadOnlyObjectProperty<DecodeOptions> optionsProperty() {
        return options.getReadOnlyProperty();
    }

    public DecodeOptions options() {
        return options.get();
    }

    /**
     * The settings as the user left them, including those that do not apply to the current strategy
     * (what the app saves between sessions).
     */
    public DecodeOptions rememberedSettings() {
        Strategy s = strategy.get();
        int width = clamp(beamWidth.get(), 1, MAX_BEAM_WIDTH);
        int alt = clamp(alternatives.get(), 1, s == Strategy.SAMPLE ? MAX_ALTERNATIVES : width);
        return new DecodeOptions(s, width, alt, clamp(maxLength.get(), 1, MAX_LENGTH_LIMIT),
                clamp(lengthAlpha.get(), 0, MAX_LENGTH_ALPHA), clamp(blockRepeatNgram.get(), 0, MAX_REPEAT_NGRAM),
                clamp(temperature.get(), MIN_TEMPERATURE, MAX_TEMPERATURE), seed.get());
    }

    public ObjectProperty<Strategy> strategyProperty() {
        return strategy;
    }

    public IntegerProperty beamWidthProperty() {
        return beamWidth;
    }

    public IntegerProperty alternativesProperty() {
        return alternatives;
    }

    public IntegerProperty maxLengthProperty() {
        return maxLength;
    }

    public DoubleProperty lengthAlphaProperty() {
        return lengthAlpha;
    }

    public IntegerProperty blockRepeatNgramProperty() {
        return blockRepeatNgram;
    }

    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    /** Upper bound for the alternatives control: the beam width for beam search. */
    public ReadOnlyIntegerProperty maxAlternativesProperty() {
        return maxAlternatives.getReadOnlyProperty();
    }

    /** True when beam width and length normalisation apply. */
    public ReadOnlyBooleanProperty beamSettingsApplyProperty() {
        return beamSettingsApply.getReadOnlyProperty();
    }

    /** True when temperature and seed apply. */
    public ReadOnlyBooleanProperty samplingSettingsApplyProperty() {
        return samplingSettingsApply.getReadOnlyProperty();
    }

    /** False for greedy, which yields one caption. */
    public ReadOnlyBooleanProperty alternativesApplyProperty() {
        return alternativesApply.getReadOnlyProperty();
    }
}
