package org.captionlab.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.captionlab.util.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Provenance and settings of a model bundle, stored as {@code models/<name>/manifest.json}: which encoder and
 * data made the model, how it was trained, how well it scored, and how it should be decoded by default.
 *
 * <p>JSON: pretty-printed, {@code createdAt} as ISO-8601, cell type as {@code "rnn"}/{@code "lstm"}, absent
 * (null) values left out; unknown fields are ignored on read so that newer writers stay readable.
 * A change that older readers would misread must increase {@link #FORMAT_VERSION}.
 *
 * @param formatVersion     layout version of this file ({@link #FORMAT_VERSION})
 * @param name              bundle name (its folder name)
 * @param createdAt         when the bundle was written
 * @param captionlabVersion version of CaptionLab that wrote it
 * @param encoder           the image encoder whose features the decoder was trained on
 * @param decoder           the decoder's shape
 * @param files             names of the bundle's other files, relative to its folder
 * @param training          how the model was trained (null for a model made otherwise)
 * @param metrics           scores by evaluation run, e.g. {@code "dev-beam3" → {"BLEU-4": 0.21, "CIDEr": 0.52}}
 * @param decoding          decoding settings the app and CLI use unless told otherwise
 * @param notes             free text (data licence, caveats)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(int formatVersion, String name, Instant createdAt, String captionlabVersion, Encoder encoder,
                       Decoder decoder, Files files, Training training, Map<String, Map<String, Double>> metrics,
                       Decoding decoding, String notes) {

    /** The layout this class reads and writes. */
    public static final int FORMAT_VERSION = 1;
    /** File name of the manifest inside a bundle folder. */
    public static final String FILE_NAME = "manifest.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public Manifest {
        metrics = metrics == null ? Map.of() : copyMetrics(metrics);
    }

    /**
     * The image encoder.
     *
     * @param id            encoder id, e.g. {@code mobilenet-v2}
     * @param featureDim    feature dimension, e.g. 1280
     * @param weightsSha256 SHA-256 (hex) of the encoder's weight file
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Encoder(String id, int featureDim, String weightsSha256) {
    }

    /** The decoder's shape (the feature dimension is the encoder's). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Decoder(CellType cell, int embeddingSize, int hiddenSize, int vocabSize, double dropout) {

        public static Decoder of(DecoderConfig config) {
            return new Decoder(config.cell(), config.embeddingSize(), config.hiddenSize(), config.vocabSize(),
                    config.dropout());
        }

        /** The decoder configuration, given the encoder's feature dimension. */
        public DecoderConfig toConfig(int featureDim) {
            return new DecoderConfig(cell, featureDim, vocabSize, embeddingSize, hiddenSize, dropout);
        }
    }

    /**
     * File names inside the bundle folder.
     *
     * @param vocabulary    the vocabulary, {@code vocab.txt}
     * @param weights       the decoder network, {@code decoder.zip}
     * @param weightsSha256 SHA-256 (hex) of the weights file, checked on load (null: not checked). Since the
     *                      manifest is written last, it also reveals a bundle whose saving was interrupted.
     * @param inference       the same weights as plain arrays, {@code decoder.weights} (null in older bundles)
     * @param inferenceSha256 SHA-256 (hex) of the inference file, checked on load
     * @param featureStats  the feature standardisation the decoder was trained with ({@link FeatureNormalization},
     *                      {@code feature-stats.txt}); null for a decoder trained on raw features (older bundles)
     * @param featureStatsSha256 SHA-256 of that file, checked on load
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Files(String vocabulary, String weights, String weightsSha256, String inference,
                        String inferenceSha256, String featureStats, String featureStatsSha256) {

        public static final String DEFAULT_VOCABULARY = "vocab.txt";
        public static final String DEFAULT_WEIGHTS = "decoder.zip";
        /** The decoder's weights as plain arrays ({@link DecoderWeightsFile}), read without starting ND4J. */
        public static final String DEFAULT_INFERENCE = "decoder.weights";

        @JsonCreator
        public Files {
        }

        /**
         * Older manifests: no plain inference weights (captioning then reads {@code weights} through DL4J), a decoder
         * on raw features.
         */
        public Files(String vocabulary, String weights, String weightsSha256) {
            this(vocabulary, weights, weightsSha256, null, null, null, null);
        }

        /** {@code vocab.txt}, {@code decoder.zip} and {@code decoder.weights}, checksums filled in when saved. */
        public static Files defaults() {
            return new Files(DEFAULT_VOCABULARY, DEFAULT_WEIGHTS, null, DEFAULT_INFERENCE, null, null, null);
        }

        public Files withWeightsSha256(String sha256) {
            return new Files(vocabulary, weights, sha256, inference, inferenceSha256, featureStats, featureStatsSha256);
        }

        /** These files with plain inference weights in {@code file} of the given checksum. */
        public Files withInference(String file, String sha256) {
            return new Files(vocabulary, weights, weightsSha256, file, sha256, featureStats, featureStatsSha256);
        }

        /** These files with the feature statistics file {@code name} of checksum {@code sha256} (null: none). */
        public Files withFeatureStats(String name, String sha256) {
            return new Files(vocabulary, weights, weightsSha256, inference, inferenceSha256, name, sha256);
        }
    }

    /**
     * How the model was trained. Every field may be null (unknown).
     *
     * @param dataset         dataset name, e.g. {@code flickr8k}
     * @param trainSplit      split trained on, e.g. {@code Flickr_8k.trainImages.txt}
     * @param valSplit        split used to choose the epoch
     * @param trainImages     number of training images
     * @param trainCaptions   number of training captions
     * @param commandLine     the command that trained it
     * @param seed            random seed
     * @param epochs          epochs run
     * @param bestEpoch       epoch whose weights were kept (1-based)
     * @param durationSeconds wall-clock training time
     * @param hyperparameters values that shaped or describe training beyond {@code config} (older manifests,
     *                        written before {@code config}, hold the whole configuration here), in insertion order
     * @param config          the trainer's whole configuration, as the record itself (null in older manifests),
     *                        so that a new setting can never go missing from the manifest
     * @param dataSha256      SHA-256 of each data file training read (annotations, split lists), by file name:
     *                        with the names alone a changed file would pass unnoticed
     * @param phases          every phase that made the weights, in order (cross-entropy, then self-critical
     *                        fine-tuning...), when there was more than one; null for a single-phase model, which
     *                        the fields above describe entirely
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Training(String dataset, String trainSplit, String valSplit, Integer trainImages,
                           Integer trainCaptions, String commandLine, Long seed, Integer epochs, Integer bestEpoch,
                           Double durationSeconds, Map<String, Object> hyperparameters, TrainingConfig config,
                           Map<String, String> dataSha256, java.util.List<Phase> phases) {

        public Training {
            hyperparameters = hyperparameters == null ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
            dataSha256 = dataSha256 == null || dataSha256.isEmpty() ? null
                    : Collections.unmodifiableMap(new LinkedHashMap<>(dataSha256));
            phases = phases == null || phases.isEmpty() ? null : java.util.List.copyOf(phases);
        }

        /** A single-phase training record. */
        public Training(String dataset, String trainSplit, String valSplit, Integer trainImages, Integer trainCaptions,
                        String commandLine, Long seed, Integer epochs, Integer bestEpoch, Double durationSeconds,
                        Map<String, Object> hyperparameters, TrainingConfig config, Map<String, String> dataSha256) {
            this(dataset, trainSplit, valSplit, trainImages, trainCaptions, commandLine, seed, epochs, bestEpoch,
                    durationSeconds, hyperparameters, config, dataSha256, null);
        }

        /** This record with {@code value} as its phases. */
        public Training withPhases(java.util.List<Phase> value) {
            return new Training(dataset, trainSplit, valSplit, trainImages, trainCaptions, commandLine, seed, epochs,
                    bestEpoch, durationSeconds, hyperparameters, config, dataSha256, value);
        }

        /** This record as a phase named {@code name}, with its validation metrics. */
        public Phase asPhase(String name, Map<String, Double> validationMetrics) {
            return new Phase(name, commandLine, seed, epochs, bestEpoch, durationSeconds, null, validationMetrics);
        }


        /** A training record without the configuration record and data hashes (as older manifests have it). */
        public Training(String dataset, String trainSplit, String valSplit, Integer trainImages, Integer trainCaptions,
                        String commandLine, Long seed, Integer epochs, Integer bestEpoch, Double durationSeconds,
                        Map<String, Object> hyperparameters) {
            this(dataset, trainSplit, valSplit, trainImages, trainCaptions, commandLine, seed, epochs, bestEpoch,
                    durationSeconds, hyperparameters, null, null);
        }
    }

    /**
     * One phase of a model's training.
     *
     * @param name              e.g. {@code ce} (teacher forcing) or {@code scst} (self-critical)
     * @param commandLine       the command that ran it
     * @param seed              its random seed
     * @param epochs            epochs run
     * @param bestEpoch         epoch whose weights were kept
     * @param durationSeconds   wall-clock time of the phase
     * @param settings          the phase's configuration (for SCST: lr, samples, baseline...)
     * @param validationMetrics greedy metrics on the validation split of the kept weights
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Phase(String name, String commandLine, Long seed, Integer epochs, Integer bestEpoch,
                        Double durationSeconds, Map<String, Object> settings, Map<String, Double> validationMetrics) {
    }

    /**
     * The model's default decoding: the one home of these settings. The manifest stores it, the service
     * turns it into the search's options ({@code DecodeOptions.of}), the app shows and the CLI starts from
     * those, and {@code evaluate --set-default-decoding} stores options back ({@code DecodeOptions.toDefaults}).
     * A new setting is a new component here plus its line in those two mappings; older manifests without it
     * read as null/0, so give it a default in the compact constructor.
     *
     * @param beamWidth        hypotheses kept per step
     * @param lengthAlpha      length normalisation exponent (0 = none)
     * @param maxLength        maximum caption length in words
     * @param blockRepeatNgram size of n-grams that may not repeat (0 = off)
     * @param guide            label guidance recommended with these settings, or null for none
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Decoding(int beamWidth, double lengthAlpha, int maxLength, int blockRepeatNgram, Guide guide) {

        /** Settings without label guidance. */
        public Decoding(int beamWidth, double lengthAlpha, int maxLength, int blockRepeatNgram) {
            this(beamWidth, lengthAlpha, maxLength, blockRepeatNgram, null);
        }

        public Decoding {
            if (beamWidth < 1) {
                throw new IllegalArgumentException("beam width must be >= 1, was " + beamWidth);
            }
            if (!(lengthAlpha >= 0)) {
                throw new IllegalArgumentException("length alpha must be >= 0, was " + lengthAlpha);
            }
            if (maxLength < 1) {
                throw new IllegalArgumentException("max length must be >= 1, was " + maxLength);
            }
            if (blockRepeatNgram < 0) {
                throw new IllegalArgumentException("repeat n-gram size must be >= 0, was " + blockRepeatNgram);
            }
        }

        /** Beam width of a model without recorded decoding. */
        public static final int DEFAULT_BEAM_WIDTH = 3;
        /** Maximum caption length of a model without recorded decoding, in words. */
        public static final int DEFAULT_MAX_LENGTH = 20;
        /** Alternatives shown by default: this many, at most the beam width. */
        public static final int DEFAULT_ALTERNATIVES = 3;

        /** Beam 3, no length normalisation, 20 words, no n-gram blocking. */
        public static Decoding defaults() {
            return new Decoding(DEFAULT_BEAM_WIDTH, 0.0, DEFAULT_MAX_LENGTH, 0);
        }

        public Decoding withMaxLength(int value) {
            return new Decoding(beamWidth, lengthAlpha, value, blockRepeatNgram, guide);
        }

        /** These settings with label guidance {@code value} (null = none). */
        public Decoding withGuide(Guide value) {
            return new Decoding(beamWidth, lengthAlpha, maxLength, blockRepeatNgram, value);
        }

        /** How many alternatives to show by default with this beam width. */
        public int defaultAlternatives() {
            return Math.min(DEFAULT_ALTERNATIVES, beamWidth);
        }
    }

    /**
     * Label-guided decoding (constrained beam search on the words of the encoder's confident labels).
     *
     * @param threshold      the probability a label (summed over the top labels naming the same thing) needs
     *                       to guide the caption
     * @param maxConstraints how many labels may guide one caption
     */
    public record Guide(double threshold, int maxConstraints) {

        /**
         * What {@code --guide labels} uses for a model that recommends no guidance: the settings chosen on
         * the Flickr8k dev split for the shipped models.
         */
        public static final Guide STANDARD = new Guide(0.5, 1);

        public Guide {
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("guide threshold must be in (0, 1], was " + threshold);
            }
            if (maxConstraints < 1) {
                throw new IllegalArgumentException("guide constraints must be >= 1, was " + maxConstraints);
            }
        }
    }

    /** A manifest of the current format for a freshly trained model; fill the rest with the {@code with} methods. */
    public static Manifest create(String name, String captionlabVersion, Encoder encoder, DecoderConfig decoder) {
        if (decoder.featureDim() != encoder.featureDim()) {
            throw new IllegalArgumentException("decoder expects " + decoder.featureDim() + "-d features but encoder "
                    + encoder.id() + " gives " + encoder.featureDim());
        }
        return new Manifest(FORMAT_VERSION, name, Instant.now(), captionlabVersion, encoder, Decoder.of(decoder),
                Files.defaults(), null, Map.of(), Decoding.defaults(), null);
    }

    /** The decoder configuration described by {@link #decoder} and the encoder's feature dimension. */
    public DecoderConfig decoderConfig() {
        return decoder.toConfig(encoder.featureDim());
    }

    public Manifest withFiles(Files value) {
        return new Manifest(formatVersion, name, createdAt, captionlabVersion, encoder, decoder, value, training,
                metrics, decoding, notes);
    }

    public Manifest withTraining(Training value) {
        return new Manifest(formatVersion, name, createdAt, captionlabVersion, encoder, decoder, files, value,
                metrics, decoding, notes);
    }

    /** This manifest with the scores of one evaluation run added (or replaced). */
    public Manifest withMetrics(String run, Map<String, Double> scores) {
        Map<String, Map<String, Double>> all = new LinkedHashMap<>(metrics);
        all.put(run, scores);
        return new Manifest(formatVersion, name, createdAt, captionlabVersion, encoder, decoder, files, training,
                all, decoding, notes);
    }

    public Manifest withDecoding(Decoding value) {
        return new Manifest(formatVersion, name, createdAt, captionlabVersion, encoder, decoder, files, training,
                metrics, value, notes);
    }

    public Manifest withNotes(String value) {
        return new Manifest(formatVersion, name, createdAt, captionlabVersion, encoder, decoder, files, training,
                metrics, decoding, value);
    }

    /** Pretty-printed JSON. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("manifest cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses JSON written by {@link #toJson} (or a newer writer: unknown fields are ignored). Checks the syntax
     * and types only; {@link ModelBundle} checks that the content is complete and consistent.
     */
    public static Manifest fromJson(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, Manifest.class);
    }

    /**
     * Builds Jackson's deserializers for manifests now (Jackson's classes and the records' introspection: about a
     * quarter of a cold start), so that a background thread can do it while the command line is still being parsed.
     */
    public static void preload() {
        MAPPER.readerFor(Manifest.class);
    }

    /** Reads a manifest file; the message of a failure names the file. */
    public static Manifest read(Path file) throws IOException {
        String json;
        try {
            json = java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("manifest '" + file + "' does not exist", e);
        }
        try {
            return fromJson(json);
        } catch (JsonProcessingException e) {
            throw new IOException("manifest '" + file + "' is not valid: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""), e);
        }
    }

    /** Writes the manifest (temporary file, then move). */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    private static Map<String, Map<String, Double>> copyMetrics(Map<String, Map<String, Double>> metrics) {
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        metrics.forEach((run, scores) -> copy.put(run,
                Collections.unmodifiableMap(new LinkedHashMap<>(scores == null ? Map.of() : scores))));
        return Collections.unmodifiableMap(copy);
    }
}
