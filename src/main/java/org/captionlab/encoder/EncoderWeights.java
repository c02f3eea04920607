package org.captionlab.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.captionlab.util.AtomicFiles;
import org.captionlab.util.Hashing;
import org.captionlab.util.Installation;
import org.captionlab.util.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the MobileNetV2 weights (and the label list beside them). Looked for, in order:
 * <ol>
 *   <li>an explicit path (the CLI's {@code --encoder-weights}); missing is an error;
 *   <li>the environment variable {@value #ENV_VAR}; set but missing is an error;
 *   <li>the user cache {@code <home>/encoders/};
 *   <li>beside the installation ({@link Installation}): {@code encoders/} in the jar's folder (the app
 *       image and the {@code .deb}) or above it, and {@code ../shared/encoders/} beside a source checkout
 *       whose {@code target/} holds the jar, so that the current folder does not matter;
 *   <li>{@code ../shared/encoders/} relative to the working directory (developer checkouts);
 *   <li>a download of the pinned public file into the user cache, checked against its SHA-256.
 * </ol>
 * The label list is taken from beside the weights, else from the cache or shared folder, else
 * downloaded the same way.
 */
public final class EncoderWeights {

    /** File name of the quantized MobileNetV2 model. */
    public static final String MODEL_FILE = "mobilenet_v2_1.0_224_quant.tflite";
    /** File name of the label list. */
    public static final String LABELS_FILE = MobileNetV2Encoder.LABELS_FILE_NAME;
    /** SHA-256 of the pinned model file. */
    public static final String MODEL_SHA256 = "7aad0c74c5e3c06e5eb3c827e13304fdd68a83da6087d92ee169c24ff9fd4776";
    /** SHA-256 of the pinned label list. */
    public static final String LABELS_SHA256 = "b8aaeb5630c62626a7d124a05c0e14230a7ffdd2136a31d0190a4fb71c1d82f1";
    /** Public home of the model (a fixed commit of google-coral/test_data, Apache-2.0). */
    public static final URI MODEL_URL = URI.create("https://github.com/google-coral/test_data/raw/"
            + "104342d2d3480b3e66203073dac24f4e2dbb4c41/" + MODEL_FILE);
    /** Public home of the label list. */
    public static final URI LABELS_URL = URI.create("https://github.com/google-coral/test_data/raw/"
            + "104342d2d3480b3e66203073dac24f4e2dbb4c41/" + LABELS_FILE);
    /** Environment variable naming a weights file. */
    public static final String ENV_VAR = "CAPTIONLAB_ENCODER_WEIGHTS";

    private static final Logger LOG = LoggerFactory.getLogger(EncoderWeights.class);

    /** Where a weights file was found. */
    public enum Source { EXPLICIT, ENVIRONMENT, USER_CACHE, INSTALLATION, SHARED_FOLDER, DOWNLOAD }

    /** A usable pair of files. */
    public record Location(Path weights, Path labels, Source source) {
    }

    /**
     * What resolution depends on, injectable so that tests use a temporary home and a local server.
     *
     * @param variables environment variables
     * @param home the app's home folder (default {@code ~/.captionlab}); the cache is {@code home/encoders}
     * @param workingDirectory the folder {@code ../shared} is relative to
     * @param modelUrl where to download the model from
     * @param labelsUrl where to download the label list from
     * @param timeout connect and response-header timeout for downloads
     * @param installFolders folders beside the installation that may hold the weights, in order
     */
    public record Environment(Map<String, String> variables, Path home, Path workingDirectory,
                              URI modelUrl, URI labelsUrl, Duration timeout, List<Path> installFolders) {
        public Environment {
            variables = Map.copyOf(variables);
            installFolders = List.copyOf(installFolders);
            Objects.requireNonNull(home, "home");
            Objects.requireNonNull(workingDirectory, "workingDirectory");
            Objects.requireNonNull(modelUrl, "modelUrl");
            Objects.requireNonNull(labelsUrl, "labelsUrl");
            Objects.requireNonNull(timeout, "timeout");
        }

        /** An environment with no installation folders (tests). */
        public Environment(Map<String, String> variables, Path home, Path workingDirectory,
                           URI modelUrl, URI labelsUrl, Duration timeout) {
            this(variables, home, workingDirectory, modelUrl, labelsUrl, timeout, List.of());
        }

        /** The real environment with the given home folder. */
        public static Environment system(Path home) {
            return new Environment(System.getenv(), home, Path.of("").toAbsolutePath(), MODEL_URL, LABELS_URL,
                    Duration.ofSeconds(30), Installation.directory().map(EncoderWeights::installFolders).orElse(List.of()));
        }

        /** The real environment with home {@code ~/.captionlab}. */
        public static Environment system() {
            return system(defaultHome());
        }

        /** {@code ~/.captionlab}. */
        public static Path defaultHome() {
            return Path.of(System.getProperty("user.home"), ".captionlab");
        }

        /** The user cache folder, {@code home/encoders}. */
        public Path cacheDirectory() {
            return home.resolve("encoders");
        }

        /** A copy downloading from other URLs. */
        public Environment withUrls(URI model, URI labels) {
            return new Environment(variables, home, workingDirectory, model, labels, timeout, installFolders);
        }

        /** A copy looking for the weights beside an installation in {@code jarFolder}. */
        public Environment withInstallation(Path jarFolder) {
            return new Environment(variables, home, workingDirectory, modelUrl, labelsUrl, timeout, EncoderWeights.installFolders(jarFolder));
        }
    }

    private EncoderWeights() {
    }

    /**
     * The folders beside an installation whose jar is in {@code jarFolder} that may hold the weights:
     * {@code encoders/} in it and in its parent (app image, {@code .deb}), and {@code ../shared/encoders}
     * beside the project whose {@code target/} it is (a source checkout).
     */
    static List<Path> installFolders(Path jarFolder) {
        Path dir = jarFolder.toAbsolutePath().normalize();
        List<Path> folders = new ArrayList<>();
        folders.add(dir.resolve("encoders"));
        if (dir.getParent() != null) {
            folders.add(dir.getParent().resolve("encoders"));
            if (dir.getParent().getParent() != null) {
                folders.add(dir.getParent().getParent().resolve("shared").resolve("encoders"));
            }
        }
        return folders;
    }

    /**
     * Finds or downloads the MobileNetV2 weights.
     *
     * @param explicit a path given by the user, or null
     * @param progress told about download progress in bytes (total -1 if the server does not say)
     * @throws EncoderWeightsException if a given path does not exist, or nothing is found and the
     *     download fails or does not match its checksum
     */
    public static Location resolveMobileNetV2(Path explicit, Environment env, ProgressListener progress)
            throws EncoderWeightsException {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(progress, "progress");
        if (explicit != null) {
            if (!Files.isRegularFile(explicit)) {
                throw new EncoderWeightsException("encoder weights '" + explicit + "' given with --encoder-weights do not exist");
            }
            return located(explicit, Source.EXPLICIT, env, progress);
        }
        String fromEnv = env.variables().get(ENV_VAR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path p = Path.of(fromEnv.strip());
            if (!Files.isRegularFile(p)) {
                throw new EncoderWeightsException("encoder weights '" + p + "' named by " + ENV_VAR + " do not exist");
            }
            return located(p, Source.ENVIRONMENT, env, progress);
        }
        Path cached = env.cacheDirectory().resolve(MODEL_FILE);
        if (Files.isRegularFile(cached)) {
            if (matches(cached, MODEL_SHA256)) {
                return located(cached, Source.USER_CACHE, env, progress);
            }
            // We wrote this file, so a mismatch means damage (disk, manual edit): fetch it again.
            LOG.warn("encoder weights '{}' do not match SHA-256 {}; ignoring them (they will be downloaded again)", cached, MODEL_SHA256);
        }
        for (Path folder : env.installFolders()) {
            Path installed = folder.resolve(MODEL_FILE);
            if (Files.isRegularFile(installed)) {
                return located(installed, Source.INSTALLATION, env, progress);
            }
        }
        Path shared = sharedDirectory(env).resolve(MODEL_FILE);
        if (Files.isRegularFile(shared)) {
            return located(shared, Source.SHARED_FOLDER, env, progress);
        }
        download(env.modelUrl(), cached, MODEL_SHA256, env, progress);
        return located(cached, Source.DOWNLOAD, env, progress);
    }

    private static Path sharedDirectory(Environment env) {
        return env.workingDirectory().resolve("..").resolve("shared").resolve("encoders").normalize();
    }

    private static Location located(Path weights, Source source, Environment env, ProgressListener progress)
            throws EncoderWeightsException {
        LOG.info("MobileNetV2 weights: {} ({})", weights, source);
        return new Location(weights, findLabels(weights, env, progress), source);
    }

    /**
     * Finds or downloads the ImageNet label list (the same 1,001 lines for every ImageNet classifier:
     * line 0 the background, then the 1,000 classes in the standard order), for an encoder whose weights
     * come without it (VGG16): the user cache, ../shared, a download.
     */
    public static Path resolveImageNetLabels(Environment env, ProgressListener progress) throws EncoderWeightsException {
        return findLabels(null, env, progress);
    }

    private static Path findLabels(Path weights, Environment env, ProgressListener progress)
            throws EncoderWeightsException {
        Path beside = weights == null ? null : weights.toAbsolutePath().resolveSibling(LABELS_FILE);
        if (beside != null && Files.isRegularFile(beside)) {
            return beside;
        }
        Path cached = env.cacheDirectory().resolve(LABELS_FILE);
        if (Files.isRegularFile(cached) && matches(cached, LABELS_SHA256)) {
            return cached;
        }
        for (Path folder : env.installFolders()) {
            Path installed = folder.resolve(LABELS_FILE);
            if (Files.isRegularFile(installed)) {
                return installed;
            }
        }
        Path shared = sharedDirectory(env).resolve(LABELS_FILE);
        if (Files.isRegularFile(shared)) {
            return shared;
        }
        download(env.labelsUrl(), cached, LABELS_SHA256, env, progress);
        return cached;
    }

    private static boolean matches(Path file, String sha256) {
        try {
            return Hashing.sha256(file).equals(sha256);
        } catch (IOException e) {
            LOG.warn("cannot read '{}': {}", file, e.toString());
            return false;
        }
    }

    /** Streams {@code url} into {@code target} via a temporary file, moved only if the SHA-256 matches. */
    private static void download(URI url, Path target, String sha256, Environment env, ProgressListener progress)
            throws EncoderWeightsException {
        // One short sentence for the user; the URL to fetch by hand goes to the log.
        String manual = "save it as " + target.toAbsolutePath() + " (or pass --encoder-weights FILE)";
        LOG.info("downloading {} to {}", url, target);
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(env.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL) // GitHub answers with a redirect to its CDN
                .proxy(ProxySelector.getDefault())
                .build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(env.timeout()).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    LOG.warn("{} answered HTTP {}; the file can be fetched by hand from there", url, response.statusCode());
                    throw new EncoderWeightsException(target.getFileName() + " was not found and its download failed (HTTP "
                            + response.statusCode() + "): " + manual, null, true);
                }
                long total = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
                String what = "downloading " + target.getFileName();
                AtomicFiles.write(target, out -> {
                    MessageDigest digest = Hashing.newDigest();
                    byte[] buf = new byte[1 << 16];
                    long done = 0;
                    progress.progress(0, total, what);
                    int n;
                    while ((n = body.read(buf)) > 0) {
                        out.write(buf, 0, n);
                        digest.update(buf, 0, n);
                        done += n;
                        progress.progress(done, total, what);
                    }
                    String actual = HexFormat.of().formatHex(digest.digest());
                    if (!actual.equals(sha256)) {
                        // Thrown inside the atomic write, so the temporary file is deleted and
                        // nothing is left where a later run would pick it up.
                        LOG.warn("the download of {} ({} bytes) has SHA-256 {} instead of {}", url, done, actual, sha256);
                        throw new EncoderWeightsException("the download of " + target.getFileName()
                                + " was damaged (wrong SHA-256), so it was deleted: " + manual, null, true);
                    }
                });
            }
        } catch (EncoderWeightsException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EncoderWeightsException("the download of " + target.getFileName() + " was interrupted: " + manual, e, true);
        } catch (IOException e) {
            LOG.warn("could not download {} ({}); the file can be fetched by hand from there", url, describe(e));
            throw new EncoderWeightsException(target.getFileName() + " was not found and could not be downloaded ("
                    + describe(e) + "): " + manual, e, true);
        }
        LOG.info("downloaded {} (SHA-256 verified)", target);
    }

    /**
     * Copies a weights file the user located (and the label list beside it, when there) into the user
     * cache, where every later start finds it, after checking that it is the pinned MobileNetV2 file.
     *
     * @return where the weights are now
     * @throws EncoderWeightsException if the file does not exist or is not the pinned file
     */
    public static Path install(Path chosen, Environment env) throws EncoderWeightsException {
        Objects.requireNonNull(chosen, "chosen");
        if (!Files.isRegularFile(chosen)) {
            throw new EncoderWeightsException("'" + chosen + "' is not a file: choose " + MODEL_FILE);
        }
        if (!matches(chosen, MODEL_SHA256)) {
            throw new EncoderWeightsException("'" + chosen + "' is not the MobileNetV2 file CaptionLab needs (its SHA-256"
                    + " differs): choose " + MODEL_FILE);
        }
        Path target = env.cacheDirectory().resolve(MODEL_FILE);
        try {
            Files.createDirectories(env.cacheDirectory());
            copy(chosen, target);
            Path labels = chosen.toAbsolutePath().resolveSibling(LABELS_FILE);
            Path cachedLabels = env.cacheDirectory().resolve(LABELS_FILE);
            if (Files.isRegularFile(labels) && matches(labels, LABELS_SHA256) && !matches(cachedLabels, LABELS_SHA256)) {
                copy(labels, cachedLabels);
            }
        } catch (IOException e) {
            throw new EncoderWeightsException("could not copy '" + chosen + "' to " + target + " (" + describe(e) + ")", e);
        }
        LOG.info("encoder weights {} installed into {}", chosen, target);
        return target;
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.exists(to) && Files.isSameFile(from, to)) {
            return;
        }
        AtomicFiles.write(to, out -> Files.copy(from, out));
    }

    private static String describe(IOException e) {
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + msg;
    }
}
