package org.captionlab.gui.physical;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.captionlab.encoder.ImageLabel;
import org.captionlab.imaging.ImagingParameters;
import org.captionlab.imaging.ImagingSystem;
import org.captionlab.imaging.LinearImage;
import org.captionlab.search.Caption;
import org.captionlab.search.DecodeOptions;
import org.captionlab.service.ImageCaptioner;
import org.captionlab.service.PhysicalEvaluator;

/**
 * The "Physical layer" view's state: the selected photo seen through a simulated camera whose knobs
 * are sliders; the degraded image, its captions and labels follow the knobs.
 *
 * <p>Threading: every property is read and written on the UI thread; loading, degrading and captioning
 * run on the injected {@code background} executor and their results come back through {@code ui}. Work
 * is coalesced: while one update runs, further knob changes only mark the state dirty, and when the
 * update ends one more runs with the latest values, so dragging a slider never queues a backlog of
 * encodes. A result is shown only if nothing changed since it was asked for (stale results are dropped).
 * The view adds a short debounce before calling {@link #knob(String)}'s setter.
 */
public final class PhysicalLayerViewModel {

    /** The knobs offered as sliders, in chain order. */
    public static final List<String> SLIDERS = List.of("vignetting.angle", "defocus.radius", "motion.length",
            "exposure.gain", "noise.photons", "resolution.factor", "grayscale.amount", "jpeg.quality");

    /** Values per sweep. */
    static final int SWEEP_POINTS = 7;

    /**
     * One point of "sweep this parameter".
     *
     * @param value      the knob's value
     * @param logProb    the best caption's log-probability
     * @param nounsKept  fraction of the clean caption's content words the caption still says (1 without any)
     * @param caption    the caption
     */
    public record SweepPoint(double value, double logProb, double nounsKept, String caption) {
    }


    private final ImageCaptioner captioner;
    private final Function<Path, BufferedImage> loader;
    private final Executor background;
    private final Executor ui;

    private final ObjectProperty<Path> photo = new SimpleObjectProperty<>(this, "photo");
    private final ObjectProperty<DecodeOptions> options = new SimpleObjectProperty<>(this, "options", DecodeOptions.beam(3, 3));
    private final Map<String, DoubleProperty> knobs = new LinkedHashMap<>();
    private final ReadOnlyObjectWrapper<ImagingSystem> system = new ReadOnlyObjectWrapper<>(this, "system", ImagingSystem.IDEAL);
    private final ReadOnlyObjectWrapper<BufferedImage> original = new ReadOnlyObjectWrapper<>(this, "original");
    private final ReadOnlyObjectWrapper<BufferedImage> degraded = new ReadOnlyObjectWrapper<>(this, "degraded");
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper(this, "caption", "");
    private final ReadOnlyStringWrapper cleanCaption = new ReadOnlyStringWrapper(this, "cleanCaption", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Select a photo.");
    private final ObservableList<String> alternatives = FXCollections.observableArrayList();
    private final ObservableList<String> labels = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ObjectProperty<String> sweepKnob = new SimpleObjectProperty<>(this, "sweepKnob", "defocus.radius");
    private final ObservableList<SweepPoint> sweep = FXCollections.observableArrayList();
    private final BooleanProperty sweeping = new SimpleBooleanProperty(this, "sweeping");
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active", true);

    /** Bumped by every change; a result for an older generation is stale. */
    private long generation;
    private boolean running;
    private boolean dirty;
    /** The loaded photo (UI thread only reads/writes these references). */
    private Path loadedPath;
    private LinearImage loaded;
    private List<String> cleanWords = List.of();

    /**
     * @param captioner  encodes and decodes pixels (the captioning service in the app)
     * @param loader     reads a photo as 8-bit RGB (the app's image loader); runs on {@code background}
     * @param background runs the slow work (never the UI thread)
     * @param ui         delivers results on the UI thread ({@code Platform::runLater}; same-thread in tests)
     */
    public PhysicalLayerViewModel(ImageCaptioner captioner, Function<Path, BufferedImage> loader, Executor background,
                                  Executor ui) {
        this.captioner = Objects.requireNonNull(captioner, "captioner");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        for (String name : SLIDERS) {
            ImagingParameters.Knob k = ImagingParameters.require(name);
            DoubleProperty p = new SimpleDoubleProperty(this, name, k.neutral());
            p.addListener((obs, o, n) -> changed());
            knobs.put(name, p);
        }
        photo.addListener((obs, o, n) -> changed());
        options.addListener((obs, o, n) -> changed());
        active.addListener((obs, o, n) -> {
            if (n && dirty && !running && photo.get() != null) {
                start();
            }
        });
    }

    /**
     * False while the view is hidden: changes are remembered but nothing is captioned until it is shown
     * again (so selecting photos elsewhere in the app costs no encoding). True by default.
     */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** The selected photo (bind to the app's selection). */
    public ObjectProperty<Path> photoProperty() {
        return photo;
    }

    /** Decoding options (bind to the app's decoding panel). */
    public ObjectProperty<DecodeOptions> optionsProperty() {
        return options;
    }

    /** A slider's value, by canonical knob name (one of {@link #SLIDERS}). */
    public DoubleProperty knob(String name) {
        DoubleProperty p = knobs.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no slider for " + name);
        }
        return p;
    }

    /** Sets every slider back to its neutral value: the ideal camera. */
    public void reset() {
        for (String name : SLIDERS) {
            knobs.get(name).set(ImagingParameters.require(name).neutral());
        }
    }

    public ReadOnlyObjectProperty<ImagingSystem> systemProperty() {
        return system.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<BufferedImage> originalProperty() {
        return original.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<BufferedImage> degradedProperty() {
        return degraded.getReadOnlyProperty();
    }

    /** The best caption of the degraded image. */
    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /** The best caption of the photo through the ideal camera. */
    public ReadOnlyStringProperty cleanCaptionProperty() {
        return cleanCaption.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Alternatives with their log-probabilities ("a dog runs (−7.12)"). */
    public ObservableList<String> alternatives() {
        return alternatives;
    }

    /** The encoder's labels with probabilities ("golden retriever 63 %"). */
    public ObservableList<String> labels() {
        return labels;
    }

    /** True while an update runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** The knob "sweep this parameter" varies. */
    public ObjectProperty<String> sweepKnobProperty() {
        return sweepKnob;
    }

    /** The last sweep's points. */
    public ObservableList<SweepPoint> sweep() {
        return sweep;
    }

    public ReadOnlyBooleanProperty sweepingProperty() {
        return sweeping;
    }

    /** The chain the sliders make now. */
    ImagingSystem currentSystem() {
        return ImagingParameters.build(values());
    }

    private Map<String, Double> values() {
        Map<String, Double> v = new LinkedHashMap<>();
        knobs.forEach((k, p) -> v.put(k, p.get()));
        // the photon knob at its maximum means "no noise stage" (the neutral camera)
        if (v.get("noise.photons") >= ImagingParameters.require("noise.photons").max()) {
            v.remove("noise.photons");
        }
        if (v.get("jpeg.quality") >= 100) {
            v.remove("jpeg.quality");
        }
        return v;
    }

    private void changed() {
        generation++;
        try {
            system.set(currentSystem());
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        if (photo.get() == null) {
            status.set("Select a photo.");
            return;
        }
        if (running || !active.get()) {
            dirty = true;
            return;
        }
        start();
    }

    private record Result(long generation, Path path, LinearImage clean, BufferedImage cleanPixels, List<String> cleanWords,
                          String cleanCaption, BufferedImage degraded, ImageCaptioner.Captioned captioned, Throwable error) {
    }

    private void start() {
        running = true;
        dirty = false;
        busy.set(true);
        long gen = generation;
        Path path = photo.get();
        ImagingSystem sys = system.get();
        DecodeOptions opts = options.get();
        LinearImage have = path.equals(loadedPath) ? loaded : null;
        List<String> haveWords = cleanWords;
        status.set("Captioning through " + sys.describe() + " …");
        background.execute(() -> {
            Result r;
            try {
                LinearImage clean = have;
                BufferedImage cleanPixels = null;
                String cleanText = null;
                List<String> words = haveWords;
                if (clean == null) {
                    cleanPixels = PhysicalEvaluator.toSensor(loader.apply(path));
                    clean = LinearImage.fromSrgb(cleanPixels);
                    List<Caption> c = captioner.caption(cleanPixels, opts).captions();
                    cleanText = c.isEmpty() ? "" : c.get(0).text();
                    words = contentWords(cleanText);
                }
                BufferedImage out = sys.apply(clean).toSrgb();
                r = new Result(gen, path, clean, cleanPixels, words, cleanText, out, captioner.caption(out, opts), null);
            } catch (RuntimeException | Error e) {
                r = new Result(gen, path, null, null, List.of(), null, null, null, e);
            }
            Result result = r;
            ui.execute(() -> finished(result));
        });
    }

    private void finished(Result r) {
        running = false;
        if (r.clean() != null && r.cleanPixels() != null) {
            loadedPath = r.path();
            loaded = r.clean();
            cleanWords = r.cleanWords();
            original.set(r.cleanPixels());
            cleanCaption.set(r.cleanCaption());
        }
        boolean stale = r.generation() != generation;
        if (!stale) {
            if (r.error() != null) {
                status.set("Could not caption '" + r.path().getFileName() + "': " + r.error().getMessage());
            } else {
                degraded.set(r.degraded());
                List<Caption> c = r.captioned().captions();
                caption.set(c.isEmpty() ? "" : c.get(0).text());
                List<String> alts = new ArrayList<>();
                for (Caption a : c) {
                    alts.add(String.format(Locale.ROOT, "%s (%.2f)", a.text(), a.logProb()));
                }
                alternatives.setAll(alts);
                List<String> ls = new ArrayList<>();
                for (ImageLabel l : r.captioned().labels()) {
                    ls.add(String.format(Locale.ROOT, "%s %.0f %%", l.label(), 100 * l.probability()));
                }
                labels.setAll(ls);
                status.set(system.get().describe());
            }
        }
        if ((stale || dirty) && active.get()) {
            if (photo.get() != null) {
                start();
                return;
            }
        }
        busy.set(false);
    }

    /**
     * "Sweep this parameter": captions the photo at {@value #SWEEP_POINTS} values of {@link #sweepKnobProperty()}
     * across its range (the other sliders as they are) and fills {@link #sweep()} with each caption's
     * log-probability and how many of the clean caption's content words survive.
     */
    public void sweepSelected() {
        Path path = photo.get();
        if (path == null || sweeping.get()) {
            return;
        }
        ImagingParameters.Knob k = ImagingParameters.require(sweepKnob.get());
        Map<String, Double> base = values();
        DecodeOptions opts = options.get();
        sweeping.set(true);
        sweep.clear();
        status.set("Sweeping " + k.label() + " …");
        background.execute(() -> {
            List<SweepPoint> points = new ArrayList<>();
            Throwable error = null;
            try {
                BufferedImage pixels = PhysicalEvaluator.toSensor(loader.apply(path));
                LinearImage clean = LinearImage.fromSrgb(pixels);
                List<Caption> c0 = captioner.caption(pixels, opts).captions();
                List<String> words = contentWords(c0.isEmpty() ? "" : c0.get(0).text());
                for (int i = 0; i < SWEEP_POINTS; i++) {
                    double t = (double) i / (SWEEP_POINTS - 1);
                    double v = k.logScale() ? Math.exp(Math.log(k.min()) + t * (Math.log(k.max()) - Math.log(k.min())))
                            : k.min() + t * (k.max() - k.min());
                    if (k.integer()) {
                        v = Math.rint(v);
                    }
                    Map<String, Double> m = new LinkedHashMap<>(base);
                    m.put(k.name(), v);
                    BufferedImage out = ImagingParameters.build(m).apply(clean).toSrgb();
                    List<Caption> c = captioner.caption(out, opts).captions();
                    String text = c.isEmpty() ? "" : c.get(0).text();
                    points.add(new SweepPoint(v, c.isEmpty() ? Double.NaN : c.get(0).logProb(), kept(words, text), text));
                }
            } catch (RuntimeException | Error e) {
                error = e;
            }
            Throwable failure = error;
            ui.execute(() -> {
                sweeping.set(false);
                if (failure != null) {
                    status.set("Sweep failed: " + failure.getMessage());
                } else if (path.equals(photo.get())) {
                    sweep.setAll(points);
                    status.set("Swept " + k.label() + " over " + SWEEP_POINTS + " values");
                }
            });
        });
    }

    static List<String> contentWords(String caption) {
        return PhysicalEvaluator.contentWords(caption);
    }

    static double kept(List<String> words, String caption) {
        return PhysicalEvaluator.wordsKept(words, caption);
    }
}
