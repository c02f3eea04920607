package org.captionlab.gui.physical;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import javafx.beans.value.ObservableValue;
import org.captionlab.search.DecodeOptions;
import org.captionlab.service.ImageCaptioner;
import org.captionlab.service.PhysicalEvaluator;

/** Builds the Physical layer's view model from what the app has, so that the app's wiring is one call. */
public final class PhysicalLayers {

    /** Access to the app's loaded model (which is replaced when another model is opened). */
    @FunctionalInterface
    public interface ModelAccess {
        /**
         * Captions pixels with the app's current model.
         *
         * @throws Exception when no model is loaded or captioning fails
         */
        ImageCaptioner.Captioned caption(BufferedImage image, DecodeOptions options) throws Exception;
    }

    private PhysicalLayers() {
    }

    /**
     * The view model: follows {@code photo} and {@code options}, captions through {@code model} on
     * {@code background}, delivers on {@code ui}.
     */
    public static PhysicalLayerViewModel create(ModelAccess model, Executor background, Executor ui,
                                                ObservableValue<Path> photo, ObservableValue<DecodeOptions> options) {
        PhysicalLayerViewModel vm = new PhysicalLayerViewModel((image, o) -> {
            try {
                return model.caption(image, o);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, p -> {
            try {
                return PhysicalEvaluator.loadForSensor(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }, background, ui);
        vm.photoProperty().bind(photo);
        if (options.getValue() != null) {
            vm.optionsProperty().bind(options);
        }
        return vm;
    }

    /** The captioner as an {@link ImageCaptioner}, or an error saying the model cannot caption pixels. */
    public static ImageCaptioner asImageCaptioner(Object captioner) {
        if (captioner instanceof ImageCaptioner ic) {
            return ic;
        }
        throw new IllegalStateException("the loaded model cannot caption simulated images");
    }
}
