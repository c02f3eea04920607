package org.captionlab.imaging;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The physical layer in front of the encoder: scene → stages (optics, sensor, processing), applied in
 * order in linear light. A value: equal chains give equal images, and a chain is saved with every result
 * ({@link #toJson()}, restored equal by {@link #fromJson(String)}).
 *
 * @param stages the stages in the order light meets them; empty is the ideal camera
 */
public record ImagingSystem(List<Degradation> stages) {

    /** The ideal camera: no stage. */
    public static final ImagingSystem IDEAL = new ImagingSystem(List.of());

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    @JsonCreator
    public ImagingSystem(@JsonProperty("stages") List<Degradation> stages) {
        this.stages = List.copyOf(Objects.requireNonNull(stages, "stages"));
    }

    /** The stages applied to a linear image. */
    public LinearImage apply(LinearImage in) {
        LinearImage img = in;
        for (Degradation d : stages) {
            img = d.apply(img);
        }
        return img == in ? in.copy() : img;
    }

    /** The stages applied to an 8-bit sRGB image (decoded to linear light and encoded back). */
    public BufferedImage apply(BufferedImage in) {
        if (stages.isEmpty()) {
            return in;
        }
        return apply(LinearImage.fromSrgb(in)).toSrgb();
    }

    /** "defocus disc r=2.00 px → noise 200 photons …", or "ideal". */
    public String describe() {
        return stages.isEmpty() ? "ideal" : stages.stream().map(Degradation::describe).collect(Collectors.joining(" → "));
    }

    /** The chain as JSON ({@code {"stages":[{"type":"defocus","radius":2.0,"shape":"DISC"}, …]}}). */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("imaging system cannot be written as JSON", e);
        }
    }

    /**
     * A chain from {@link #toJson()}'s form.
     *
     * @throws IllegalArgumentException when the text is not such a chain (the message names the problem)
     */
    public static ImagingSystem fromJson(String json) {
        try {
            return JSON.readValue(json, ImagingSystem.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an imaging system: " + e.getOriginalMessage(), e);
        }
    }
}
