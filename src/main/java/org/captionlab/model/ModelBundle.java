package org.captionlab.model;

import org.captionlab.text.Vocabulary;
import org.captionlab.util.AtomicFiles;
import org.captionlab.util.Hashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A trained model on disk: a folder holding {@code manifest.json} ({@link Manifest}), the vocabulary and the
 * decoder weights, the latter two named by the manifest ({@code vocab.txt}, {@code decoder.zip}).
 *
 * <p>{@link #load} checks everything that can be checked before captioning — manifest syntax and format
 * version, vocabulary size, weights checksum and shape against the manifest — so that a broken bundle fails
 * at load time with one sentence naming the file, never later with a shape error. It keeps only the
 * plain-Java {@link #model() inference model}; the trainable {@link #network()} is read from disk on demand.
 *
 * <p>{@link #save} writes the vocabulary and the weights first and the manifest last, each through a temporary
 * file moved into place. The manifest records the weights' SHA-256, so an interrupted save (new weights, old
 * manifest) is detected on load instead of silently pairing one model's weights with another's metadata.
 * Other files in the folder (training logs, for instance) are left alone.
 */
public final class ModelBundle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelBundle.class);

    private final Path directory;
    private final Manifest manifest;
    private final Vocabulary vocabulary;
    private final CaptionModel model;
    /** The members of an ensemble bundle, or empty for a single model. */
    private final List<ModelBundle> members;
    private CaptionNetwork network;
    private boolean closed;

    private ModelBundle(Path directory, Manifest manifest, Vocabulary vocabulary, CaptionModel model,
                        List<ModelBundle> members) {
        this.directory = directory;
        this.manifest = manifest;
        this.vocabulary = vocabulary;
        this.model = model;
        this.members = List.copyOf(members);
    }

    /** File of an ensemble folder: the member folders, one a line, relative to the ensemble folder. */
    public static final String ENSEMBLE_FILE = "ensemble.txt";

    /**
     * Loads several bundles as one model that decodes with their averaged log-probabilities
     * ({@link EnsembleCaptionModel}); one folder loads that bundle. The ensemble's manifest is the first member's
     * with the ensemble's name, without evaluation runs (they described one member) and with a note naming the
     * members; its default decoding is the first member's.
     *
     * @throws IOException when a member cannot be loaded, or the members differ in vocabulary or encoder
     */
    public static ModelBundle load(List<Path> dirs) throws IOException {
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("no model folders");
        }
        if (dirs.size() == 1) {
            return load(dirs.get(0));
        }
        Path first = dirs.get(0).toAbsolutePath().normalize();
        return loadEnsemble(first, first.getFileName() + "+" + (dirs.size() - 1), dirs);
    }

    private static ModelBundle loadEnsemble(Path directory, String name, List<Path> dirs) throws IOException {
        List<ModelBundle> loaded = new java.util.ArrayList<>();
        try {
            for (Path d : dirs) {
                loaded.add(load(d));
            }
            Manifest head = loaded.get(0).manifest();
            List<String> names = new java.util.ArrayList<>();
            for (ModelBundle b : loaded) {
                Manifest.Encoder e = b.manifest().encoder();
                if (!e.id().equals(head.encoder().id()) || e.featureDim() != head.encoder().featureDim()
                        || (e.weightsSha256() != null && head.encoder().weightsSha256() != null
                            && !e.weightsSha256().equalsIgnoreCase(head.encoder().weightsSha256()))) {
                    throw new IOException("model '" + b.directory() + "' was trained on encoder " + e.id()
                            + " but '" + loaded.get(0).directory() + "' on " + head.encoder().id()
                            + " (or other weights): an ensemble's models share one encoder");
                }
                names.add(b.manifest().name());
            }
            EnsembleCaptionModel ensemble;
            try {
                ensemble = new EnsembleCaptionModel(loaded.stream().map(ModelBundle::model).toList());
            } catch (IllegalArgumentException e) {
                throw new IOException("models " + names + " cannot form an ensemble: " + e.getMessage(), e);
            }
            Manifest manifest = new Manifest(head.formatVersion(), name, head.createdAt(), head.captionlabVersion(),
                    head.encoder(), head.decoder(), head.files(), head.training(), Map.of(), head.decoding(),
                    "Ensemble of " + String.join(", ", names) + ": averaged log-probabilities.");
            LOG.info("loaded ensemble '{}' of {}", name, names);
            return new ModelBundle(directory, manifest, loaded.get(0).vocabulary(), ensemble, loaded);
        } catch (IOException | RuntimeException e) {
            loaded.forEach(ModelBundle::close);
            throw e;
        }
    }

    /** The members of an ensemble folder's {@value #ENSEMBLE_FILE}, resolved against the folder. */
    private static List<Path> ensembleMembers(Path directory, Path file) throws IOException {
        List<Path> dirs = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                dirs.add(directory.resolve(t).normalize());
            }
        }
        if (dirs.isEmpty()) {
            throw new IOException("ensemble '" + file + "' names no model folders");
        }
        if (dirs.contains(directory)) {
            throw new IOException("ensemble '" + file + "' names its own folder");
        }
        return dirs;
    }

    /**
     * Reads and checks a bundle folder.
     *
     * @throws IOException with a message naming the offending file: folder or manifest missing, manifest not
     *                     valid JSON or incomplete, unsupported format version, vocabulary missing or of another
     *                     size than the manifest says, weights missing, corrupt, of another checksum or shape
     */
    public static ModelBundle load(Path dir) throws IOException {
        Path directory = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(directory)) {
            throw new IOException("model folder '" + directory + "' does not exist");
        }
        Path manifestFile = directory.resolve(Manifest.FILE_NAME);
        Path ensembleFile = directory.resolve(ENSEMBLE_FILE);
        if (!Files.isRegularFile(manifestFile) && Files.isRegularFile(ensembleFile)) {
            // A folder naming other bundles: the app's model menu and --model open it as one model.
            return loadEnsemble(directory, directory.getFileName().toString(), ensembleMembers(directory, ensembleFile));
        }
        if (!Files.isRegularFile(manifestFile)) {
            throw new IOException("model folder '" + directory + "' has no " + Manifest.FILE_NAME);
        }
        Manifest manifest = Manifest.read(manifestFile);
        checkManifest(manifest, manifestFile);

        Path vocabularyFile = resolve(directory, manifest.files().vocabulary(), manifestFile);
        if (!Files.isRegularFile(vocabularyFile)) {
            throw new IOException("vocabulary '" + vocabularyFile + "' does not exist");
        }
        Vocabulary vocabulary = Vocabulary.load(vocabularyFile);
        if (vocabulary.size() != manifest.decoder().vocabSize()) {
            throw new IOException("vocabulary '" + vocabularyFile + "' has " + vocabulary.size() + " tokens but manifest '"
                    + manifestFile + "' says " + manifest.decoder().vocabSize());
        }

        RecurrentCaptionModel model = manifest.files().inference() != null
                ? loadInference(directory, manifest, manifestFile, vocabulary)
                : loadNetwork(directory, manifest, manifestFile, vocabulary);
        FeatureNormalization stats = readFeatureStats(directory, manifest, manifestFile);
        if (stats != null) {
            if (stats.dim() != manifest.encoder().featureDim()) {
                throw new IOException("feature statistics of '" + directory + "' have " + stats.dim()
                        + " dimensions but manifest '" + manifestFile + "' says " + manifest.encoder().featureDim());
            }
            model = model.withFeatureNormalization(stats);
        }
        LOG.info("loaded model '{}' from {} ({})", manifest.name(), directory, model);
        return new ModelBundle(directory, manifest, vocabulary, model, List.of());
    }

    /** The inference model from the plain weights file (no ND4J), checksum and shapes checked first. */
    private static RecurrentCaptionModel loadInference(Path directory, Manifest manifest, Path manifestFile,
                                                       Vocabulary vocabulary) throws IOException {
        Path file = resolve(directory, manifest.files().inference(), manifestFile);
        if (!Files.isRegularFile(file)) {
            throw new IOException("decoder weights '" + file + "' do not exist");
        }
        String expected = manifest.files().inferenceSha256();
        if (expected == null) {
            return RecurrentCaptionModel.fromTensors(manifest.decoderConfig(), vocabulary,
                    DecoderWeightsFile.read(file, manifest.decoderConfig()));
        }
        // The checksum is computed on a second thread while this one parses the same file (a tenth of a second of a
        // cold start each); the model is returned only once the checksum matched, and a mismatch is reported
        // rather than whatever parsing a damaged file ran into.
        CompletableFuture<String> sha = CompletableFuture.supplyAsync(() -> {
            try {
                return Hashing.sha256(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            Thread t = new Thread(task, "decoder-sha256");
            t.setDaemon(true);
            t.start();
        });
        RecurrentCaptionModel model = null;
        IOException parseIo = null;
        RuntimeException parseRuntime = null;
        try {
            model = RecurrentCaptionModel.fromTensors(manifest.decoderConfig(), vocabulary,
                    DecoderWeightsFile.read(file, manifest.decoderConfig()));
        } catch (IOException e) {
            parseIo = e;
        } catch (RuntimeException e) {
            parseRuntime = e;
        }
        String actual;
        try {
            actual = sha.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
        }
        requireSha(file, actual, expected, manifestFile);
        if (parseIo != null) {
            throw parseIo;
        }
        if (parseRuntime != null) {
            throw parseRuntime;
        }
        return model;
    }

    /** The inference model read through DL4J from the network file (bundles without plain weights). */
    private static RecurrentCaptionModel loadNetwork(Path directory, Manifest manifest, Path manifestFile,
                                                     Vocabulary vocabulary) throws IOException {
        Path weightsFile = resolve(directory, manifest.files().weights(), manifestFile);
        if (!Files.isRegularFile(weightsFile)) {
            throw new IOException("decoder weights '" + weightsFile + "' do not exist");
        }
        checkSha(weightsFile, manifest.files().weightsSha256(), manifestFile);
        try (CaptionNetwork network = CaptionNetwork.load(weightsFile, false)) {
            DecoderConfig expected = manifest.decoderConfig();
            DecoderConfig actual = network.config();
            if (!sameShape(expected, actual)) {
                throw new IOException("decoder weights '" + weightsFile + "' are a " + describe(actual)
                        + " decoder but manifest '" + manifestFile + "' describes a " + describe(expected) + " one");
            }
            return network.toCaptionModel(vocabulary);
        }
    }

    private static void checkSha(Path file, String expectedSha, Path manifestFile) throws IOException {
        if (expectedSha != null) {
            requireSha(file, Hashing.sha256(file), expectedSha, manifestFile);
        }
    }

    private static void requireSha(Path file, String actualSha, String expectedSha, Path manifestFile) throws IOException {
        if (!actualSha.equalsIgnoreCase(expectedSha)) {
            throw new IOException("decoder weights '" + file + "' have SHA-256 " + shortSha(actualSha)
                    + " but manifest '" + manifestFile + "' expects " + shortSha(expectedSha)
                    + " (corrupt, replaced, or an interrupted save)");
        }
    }

    /**
     * Adds plain inference weights ({@link DecoderWeightsFile}) to a bundle saved without them, rewriting its
     * manifest (weights first, manifest last); captioning then never reads the network file through ND4J.
     *
     * @return the manifest as written
     */
    public static Manifest addInferenceWeights(Path dir) throws IOException {
        Path directory = dir.toAbsolutePath().normalize();
        Path manifestFile = directory.resolve(Manifest.FILE_NAME);
        Manifest manifest = Manifest.read(manifestFile);
        checkManifest(manifest, manifestFile);
        Path weightsFile = resolve(directory, manifest.files().weights(), manifestFile);
        checkSha(weightsFile, manifest.files().weightsSha256(), manifestFile);
        Path file = directory.resolve(Manifest.Files.DEFAULT_INFERENCE);
        try (CaptionNetwork network = CaptionNetwork.load(weightsFile, false)) {
            AtomicFiles.write(file, out -> DecoderWeightsFile.write(out, network.inferenceTensors()));
        }
        Manifest written = manifest.withFiles(manifest.files().withInference(Manifest.Files.DEFAULT_INFERENCE,
                Hashing.sha256(file)));
        written.write(manifestFile);
        return written;
    }

    /** The bundle's feature standardisation, or null for a decoder on raw features (bundles before issue 13). */
    private static FeatureNormalization readFeatureStats(Path directory, Manifest manifest, Path manifestFile)
            throws IOException {
        String name = manifest.files().featureStats();
        if (name == null) {
            return null;
        }
        Path file = resolve(directory, name, manifestFile);
        if (!Files.isRegularFile(file)) {
            throw new IOException("feature statistics '" + file + "' named by manifest '" + manifestFile
                    + "' do not exist");
        }
        String expected = manifest.files().featureStatsSha256();
        if (expected != null && !Hashing.sha256(file).equalsIgnoreCase(expected)) {
            throw new IOException("feature statistics '" + file + "' do not match the SHA-256 in manifest '"
                    + manifestFile + "' (corrupt, replaced, or an interrupted save)");
        }
        return FeatureNormalization.read(file);
    }

    /**
     * Writes a bundle of a decoder on raw features; see {@link #save(Path, Manifest, Vocabulary, CaptionNetwork,
     * FeatureNormalization)}.
     */
    public static Manifest save(Path dir, Manifest manifest, Vocabulary vocabulary, CaptionNetwork network)
            throws IOException {
        return save(dir, manifest, vocabulary, network, null);
    }

    /**
     * Writes a bundle into {@code dir} (created if needed): vocabulary, weights, feature statistics (when the
     * network was trained on standardised features), then the manifest with the checksums filled in.
     *
     * @return the manifest as written
     * @throws IllegalArgumentException when manifest, vocabulary and network disagree (sizes, cell, encoder)
     */
    public static Manifest save(Path dir, Manifest manifest, Vocabulary vocabulary, CaptionNetwork network,
                                FeatureNormalization featureStats) throws IOException {
        Path directory = dir.toAbsolutePath().normalize();
        if (manifest.formatVersion() != Manifest.FORMAT_VERSION) {
            throw new IllegalArgumentException("manifest has formatVersion " + manifest.formatVersion() + ", this version"
                    + " of CaptionLab writes " + Manifest.FORMAT_VERSION);
        }
        try {
            checkManifest(manifest, directory.resolve(Manifest.FILE_NAME));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        DecoderConfig config = network.config();
        if (!sameShape(manifest.decoderConfig(), config)) {
            throw new IllegalArgumentException("manifest describes a " + describe(manifest.decoderConfig())
                    + " decoder but the network is a " + describe(config) + " one");
        }
        if (vocabulary.size() != config.vocabSize()) {
            throw new IllegalArgumentException("vocabulary has " + vocabulary.size() + " tokens but the network's output"
                    + " layer has " + config.vocabSize());
        }
        Path manifestFile = directory.resolve(Manifest.FILE_NAME);
        Path vocabularyFile = resolveForSave(directory, manifest.files().vocabulary());
        Path weightsFile = resolveForSave(directory, manifest.files().weights());
        Files.createDirectories(directory);
        vocabulary.save(vocabularyFile);
        // Captioning needs the weights only; training state lives in the trainer's checkpoint.
        network.save(weightsFile, false);
        Manifest.Files files = manifest.files().withWeightsSha256(Hashing.sha256(weightsFile));
        if (files.inference() != null) {
            Path inferenceFile = resolveForSave(directory, files.inference());
            AtomicFiles.write(inferenceFile, out -> DecoderWeightsFile.write(out, network.inferenceTensors()));
            files = files.withInference(files.inference(), Hashing.sha256(inferenceFile));
        }
        if (featureStats != null) {
            if (featureStats.dim() != config.featureDim()) {
                throw new IllegalArgumentException("feature statistics of " + featureStats.dim()
                        + " dimensions for a decoder of " + config.featureDim() + "-d features");
            }
            Path statsFile = resolveForSave(directory, FeatureNormalization.FILE_NAME);
            featureStats.write(statsFile);
            files = files.withFeatureStats(FeatureNormalization.FILE_NAME, Hashing.sha256(statsFile));
        } else {
            files = files.withFeatureStats(null, null);
        }
        Manifest written = manifest.withFiles(files);
        written.write(manifestFile);
        LOG.info("saved model '{}' to {}", manifest.name(), directory);
        return written;
    }

    /** Rejects a manifest lacking what a bundle needs. */
    private static void checkManifest(Manifest m, Path file) throws IOException {
        if (m.formatVersion() != Manifest.FORMAT_VERSION) {
            throw new IOException("manifest '" + file + "' has formatVersion " + m.formatVersion()
                    + " but this version of CaptionLab reads only version " + Manifest.FORMAT_VERSION);
        }
        require(m.name() != null && !m.name().isBlank(), file, "a name");
        require(m.encoder() != null, file, "an encoder");
        require(m.encoder().id() != null && !m.encoder().id().isBlank(), file, "an encoder id");
        require(m.encoder().featureDim() > 0, file, "a positive encoder featureDim");
        require(m.decoder() != null, file, "a decoder");
        require(m.decoder().cell() != null, file, "a decoder cell");
        require(m.files() != null && m.files().vocabulary() != null && m.files().weights() != null, file,
                "files.vocabulary and files.weights");
        try {
            m.decoderConfig();
        } catch (IllegalArgumentException e) {
            throw new IOException("manifest '" + file + "' describes an invalid decoder: " + e.getMessage(), e);
        }
    }

    private static void require(boolean condition, Path file, String what) throws IOException {
        if (!condition) {
            throw new IOException("manifest '" + file + "' lacks " + what);
        }
    }

    /** A file named by the manifest: a plain name inside the folder, never a path leading out of it. */
    private static Path resolve(Path directory, String name, Path manifestFile) throws IOException {
        Path p = directory.resolve(name).normalize();
        if (!p.getParent().equals(directory)) {
            throw new IOException("manifest '" + manifestFile + "' names file '" + name
                    + "', which is not a file name inside the model folder");
        }
        return p;
    }

    private static Path resolveForSave(Path directory, String name) {
        try {
            return resolve(directory, name, directory.resolve(Manifest.FILE_NAME));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static boolean sameShape(DecoderConfig a, DecoderConfig b) {
        // Dropout does not change the weights' shape or inference; a manifest may round it.
        return a.cell() == b.cell() && a.featureDim() == b.featureDim() && a.vocabSize() == b.vocabSize()
                && a.embeddingSize() == b.embeddingSize() && a.hiddenSize() == b.hiddenSize();
    }

    private static String describe(DecoderConfig c) {
        return String.format(Locale.ROOT, "%s (features %d, vocabulary %d, embedding %d, hidden %d)",
                c.cell().id(), c.featureDim(), c.vocabSize(), c.embeddingSize(), c.hiddenSize());
    }

    private static String shortSha(String sha) {
        return sha == null ? "unknown" : sha.length() > 8 ? sha.substring(0, 8).toLowerCase(Locale.ROOT) + "…" : sha;
    }

    /** The bundle folder (absolute). */
    public Path directory() {
        return directory;
    }

    public Manifest manifest() {
        return manifest;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /**
     * The feature standardisation the decoder was trained with (its inference {@link #model()} applies it to raw
     * features), or null for a decoder on raw features. Training that continues from this bundle feeds
     * {@link #network()} standardised features.
     */
    public FeatureNormalization featureNormalization() {
        return model instanceof RecurrentCaptionModel r ? r.featureNormalization() : null;
    }

    /** True for a bundle of several models ({@link #load(List)}, or a folder with {@value #ENSEMBLE_FILE}). */
    public boolean isEnsemble() {
        return !members.isEmpty();
    }

    /** The inference model (plain Java, thread-safe; stays usable after {@link #close()}). */
    public CaptionModel model() {
        return model;
    }

    /**
     * The trainable network, read from the weights file on first call (to fine-tune); bundles are saved without
     * the optimiser state, so Adam starts afresh (resuming a run uses the trainer's checkpoint instead). Closed with
     * the bundle.
     */
    public synchronized CaptionNetwork network() throws IOException {
        if (closed) {
            throw new IllegalStateException("model bundle '" + manifest.name() + "' is closed");
        }
        if (isEnsemble()) {
            throw new IllegalStateException("model '" + manifest.name() + "' is an ensemble: it has no single network"
                    + " to train");
        }
        if (network == null) {
            network = CaptionNetwork.load(directory.resolve(manifest.files().weights()), false);
        }
        return network;
    }

    /**
     * Checks that features from the given encoder are what this model was trained on.
     *
     * @param weightsSha256 SHA-256 of the encoder's weights, or null if unknown (then not compared)
     * @throws ModelMismatchException naming both encoders, e.g. "model 'default' was trained on encoder
     *                                mobilenet-v2 (1280-d, weights 7aad0c74…) but the encoder in use is vgg16 (4096-d)"
     */
    public void checkEncoder(String encoderId, int featureDim, String weightsSha256) {
        Manifest.Encoder trained = manifest.encoder();
        boolean sameWeights = weightsSha256 == null || trained.weightsSha256() == null
                || weightsSha256.equalsIgnoreCase(trained.weightsSha256());
        if (!trained.id().equals(encoderId) || trained.featureDim() != featureDim || !sameWeights) {
            throw new ModelMismatchException("model '" + manifest.name() + "' was trained on encoder "
                    + describeEncoder(trained.id(), trained.featureDim(), trained.weightsSha256())
                    + " but the encoder in use is " + describeEncoder(encoderId, featureDim, weightsSha256)
                    + (trained.id().equals(encoderId) && trained.featureDim() == featureDim
                        ? ": pass the weights the model was trained with (--encoder-weights FILE), or choose a model"
                            + " trained on these weights (--model DIR)"
                        : ": choose a model trained on " + encoderId + " (--model DIR), or use encoder " + trained.id()));
        }
    }

    private static String describeEncoder(String id, int featureDim, String sha) {
        return id + " (" + featureDim + "-d" + (sha == null ? "" : ", weights " + shortSha(sha)) + ")";
    }

    @Override
    public synchronized void close() {
        closed = true;
        members.forEach(ModelBundle::close);
        if (network != null) {
            network.close();
            network = null;
        }
    }

    @Override
    public String toString() {
        return "ModelBundle[" + manifest.name() + " at " + directory + "]";
    }
}
