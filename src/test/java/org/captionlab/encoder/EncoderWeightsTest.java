package org.captionlab.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.captionlab.SharedAssets;
import org.captionlab.util.ProgressListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution order and downloads, against a local HTTP server on 127.0.0.1 (never the network). */
class EncoderWeightsTest {

    @TempDir
    Path tmp;

    private Path home;
    private Path work;
    private HttpServer server;
    private final Map<String, byte[]> served = new HashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void setUp() throws IOException {
        home = tmp.resolve("home");
        work = Files.createDirectories(tmp.resolve("project"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = served.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private EncoderWeights.Environment env(Map<String, String> vars) {
        return new EncoderWeights.Environment(vars, home, work, url("/m/model.tflite"), url("/m/labels.txt"),
                Duration.ofSeconds(5));
    }

    private void serveRealFiles() throws IOException {
        served.put("/m/model.tflite", Files.readAllBytes(SharedAssets.mobileNetWeights()));
        served.put("/m/labels.txt", Files.readAllBytes(SharedAssets.require("encoders/imagenet_labels.txt")));
    }

    private Path fakeWeights(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(EncoderWeights.LABELS_FILE), "background\ncat\n");
        return Files.writeString(dir.resolve("custom.tflite"), "weights");
    }

    @Test
    void explicitPathWinsAndTakesTheLabelsBesideIt() throws IOException {
        Path weights = fakeWeights(tmp.resolve("mine"));
        EncoderWeights.Location loc = EncoderWeights.resolveMobileNetV2(weights,
                env(Map.of(EncoderWeights.ENV_VAR, "/elsewhere/x.tflite")), ProgressListener.NONE);

        assertThat(loc.source()).isEqualTo(EncoderWeights.Source.EXPLICIT);
        assertThat(loc.weights()).isEqualTo(weights);
        assertThat(loc.labels()).isEqualTo(weights.toAbsolutePath().resolveSibling("imagenet_labels.txt"));
        assertThat(requests).hasValue(0);
    }

    @Test
    void missingExplicitPathIsAnErrorNotAFallThrough() throws IOException {
        serveRealFiles();
        Path missing = tmp.resolve("typo.tflite");
        assertThatThrownBy(() -> EncoderWeights.resolveMobileNetV2(missing, env(Map.of()), ProgressListener.NONE))
                .isInstanceOf(EncoderWeightsException.class)
                .hasMessage("encoder weights '" + missing + "' given with --encoder-weights do not exist");
        assertThat(requests).hasValue(0);
    }

    @Test
    void environmentVariableComesNextAndMustExist() throws IOException {
        Path weights = fakeWeights(tmp.resolve("env"));
        EncoderWeights.Location loc = EncoderWeights.resolveMobileNetV2(null,
                env(Map.of(EncoderWeights.ENV_VAR, weights.toString())), ProgressListener.NONE);
        assertThat(loc.source()).isEqualTo(EncoderWeights.Source.ENVIRONMENT);
        assertThat(loc.weights()).isEqualTo(weights);

        assertThatThrownBy(() -> EncoderWeights.resolveMobileNetV2(null,
                env(Map.of(EncoderWeights.ENV_VAR, tmp.resolve("gone.tflite").toString())), ProgressListener.NONE))
                .isInstanceOf(EncoderWeightsException.class)
                .hasMessageContaining("gone.tflite").hasMessageContaining(EncoderWeights.ENV_VAR);
    }

    @Test
    void userCacheBeforeSharedFolder() throws IOException {
        Path cache = Files.createDirectories(home.resolve("encoders"));
        Files.copy(SharedAssets.mobileNetWeights(), cache.resolve(EncoderWeights.MODEL_FILE));
        Files.copy(SharedAssets.require("encoders/imagenet_labels.txt"), cache.resolve(EncoderWeights.LABELS_FILE));
        fakeSharedFolder();

        EncoderWeights.Location loc = EncoderWeights.resolveMobileNetV2(null, env(Map.of()), ProgressListener.NONE);

        assertThat(loc.source()).isEqualTo(EncoderWeights.Source.USER_CACHE);
        assertThat(loc.weights()).isEqualTo(cache.resolve(EncoderWeights.MODEL_FILE));
        assertThat(loc.labels()).isEqualTo(cache.resolve(EncoderWeights.LABELS_FILE).toAbsolutePath());
    }

    private Path fakeSharedFolder() throws IOException {
        Path shared = Files.createDirectories(tmp.resolve("shared/encoders"));
        Files.writeString(shared.resolve(EncoderWeights.MODEL_FILE), "shared weights");
        Files.writeString(shared.resolve(EncoderWeights.LABELS_FILE), "background\n");
        return shared;
    }

    @Test
    void sharedFolderBesideTheProjectIsUsedWhenNoCache() throws IOException {
        Path shared = fakeSharedFolder();

        EncoderWeights.Location loc = EncoderWeights.resolveMobileNetV2(null, env(Map.of()), ProgressListener.NONE);

        assertThat(loc.source()).isEqualTo(EncoderWeights.Source.SHARED_FOLDER);
        assertThat(loc.weights()).isEqualTo(shared.resolve(EncoderWeights.MODEL_FILE));
        assertThat(requests).hasValue(0);
    }

    @Test
    void downloadsIntoTheCacheWithProgressAndChecksum() throws IOException {
        serveRealFiles();
        List<long[]> events = new ArrayList<>();
        ProgressListener progress = (done, total, message) -> {
            if (message.contains(EncoderWeights.MODEL_FILE)) {
                events.add(new long[] {done, total});
            }
        };

        EncoderWeights.Location loc = EncoderWeights.resolveMobileNetV2(null, env(Map.of()), progress);

        Path cache = home.resolve("encoders");
        assertThat(loc.source()).isEqualTo(EncoderWeights.Source.DOWNLOAD);
        assertThat(loc.weights()).isEqualTo(cache.resolve(EncoderWeights.MODEL_FILE));
        assertThat(loc.labels()).isEqualTo(cache.resolve(EncoderWeights.LABELS_FILE));
        assertThat(Files.mismatch(loc.weights(), SharedAssets.mobileNetWeights())).isEqualTo(-1L);
        assertThat(Files.list(cache).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder(EncoderWeights.MODEL_FILE, EncoderWeights.LABELS_FILE);
        assertThat(events.get(0)).containsExactly(0L, 3_610_798L);
        long[] last = events.get(events.size() - 1);
        assertThat(last).containsExactly(3_610_798L, 3_610_798L);
        assertThat(events).allSatisfy(e -> assertThat(e[0]).isBetween(0L, e[1]));

        // A second resolution finds the cache and does not download again.
        int before = requests.get();
        EncoderWeights.Location again = EncoderWeights.resolveMobileNetV2(null, env(Map.of()), ProgressListener.NONE);
        assertThat(again.source()).isEqualTo(EncoderWeights.Source.USER_CACHE);
        assertThat(requests).hasValue(before);

        // And the downloaded files are a working encoder.
        try (MobileNetV2Encoder encoder = MobileNetV2Encoder.open(again.weights(), again.labels(), 1)) {
            assertThat(encoder.weightsSha256()).isEqualTo(EncoderWeights.MODEL_SHA256);
        }
    }

    @Test
    void wrongChecksumDeletesTheDownloadAndSaysSo() throws IOException {
        served.put("/m/labels.txt", Files.readAllBytes(SharedAssets.require("encoders/imagenet_labels.txt")));
        served.put("/m/model.tflite", "not the model".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> EncoderWeights.resolveMobileNetV2(null, env(Map.of()), ProgressListener.NONE))
                .isInstanceOf(EncoderWeightsException.class)
                .hasMessageContaining("wrong SHA-256")
                .hasMessageContaining("deleted")
                .hasMessageContaining(home.resolve("encoders").resolve(EncoderWeights.MODEL_FILE).toAbsolutePath().toString());

        assertThat(home.resolve("encoders").resolve(EncoderWeights.MODEL_FILE)).doesNotExist();
        try (var files = Files.list(home.resolve("encoders"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(EncoderWeights.MODEL_FILE));
        }
    }

    @Test
    void corruptCacheIsDownloadedAgain() throws IOException {
        serveRealFiles();
        Path cache = Files.createDirectories(home.resolve("encoders"));
        Files.writeString(cache.resolve(EncoderWeights.MODEL_FILE), "half a file");

        EncoderWeights.Location loc = EncoderWeights.resolveMobileNetV2(null, env(Map.of()), ProgressListener.NONE);

        assertThat(loc.source()).isEqualTo(EncoderWeights.Source.DOWNLOAD);
        assertThat(Files.size(loc.weights())).isEqualTo(3_610_798L);
    }

    @Test
    void httpErrorNamesStatusUrlAndWhereToPutTheFile() {
        assertThatThrownBy(() -> EncoderWeights.resolveMobileNetV2(null, env(Map.of()), ProgressListener.NONE))
                .isInstanceOf(EncoderWeightsException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining(home.resolve("encoders").toAbsolutePath().toString());
    }

    @Test
    void unreachableServerGivesOneClearMessage() throws IOException {
        served.put("/m/labels.txt", Files.readAllBytes(SharedAssets.require("encoders/imagenet_labels.txt")));
        // Labels are cached, so the model download is the one that fails.
        Path cache = Files.createDirectories(home.resolve("encoders"));
        Files.copy(SharedAssets.require("encoders/imagenet_labels.txt"), cache.resolve(EncoderWeights.LABELS_FILE));
        server.stop(0);

        EncoderWeights.Environment offline = env(Map.of());
        assertThatThrownBy(() -> EncoderWeights.resolveMobileNetV2(null, offline, ProgressListener.NONE))
                .isInstanceOf(EncoderWeightsException.class)
                .hasMessageStartingWith(EncoderWeights.MODEL_FILE + " was not found and could not be downloaded")
                .hasMessageContaining("save it as " + cache.resolve(EncoderWeights.MODEL_FILE).toAbsolutePath())
                .hasMessageContaining("--encoder-weights")
                .hasMessageNotContaining("\n")
                .satisfies(e -> assertThat(((EncoderWeightsException) e).missing()).isTrue());
        assertThat(cache.resolve(EncoderWeights.MODEL_FILE)).doesNotExist();
    }

    @Test
    void systemEnvironmentDefaults() {
        EncoderWeights.Environment env = EncoderWeights.Environment.system(tmp);
        assertThat(env.cacheDirectory()).isEqualTo(tmp.resolve("encoders"));
        assertThat(env.modelUrl()).isEqualTo(EncoderWeights.MODEL_URL);
        assertThat(EncoderWeights.MODEL_URL.toString()).isEqualTo("https://github.com/google-coral/test_data/raw/"
                + "104342d2d3480b3e66203073dac24f4e2dbb4c41/mobilenet_v2_1.0_224_quant.tflite");
        assertThat(EncoderWeights.Environment.defaultHome()).endsWith(Path.of(".captionlab"));
    }

    @Test
    void weightsBesideTheInstallationAreFoundWhateverTheWorkingFolder() throws IOException {
        // A source checkout: <root>/project/target/captionlab.jar with <root>/shared/encoders beside the project.
        Path root = tmp.resolve("root");
        Path jarFolder = Files.createDirectories(root.resolve("project").resolve("target"));
        Path shared = Files.createDirectories(root.resolve("shared").resolve("encoders"));
        Files.copy(SharedAssets.mobileNetWeights(), shared.resolve(EncoderWeights.MODEL_FILE));
        Files.copy(SharedAssets.require("encoders/imagenet_labels.txt"), shared.resolve(EncoderWeights.LABELS_FILE));
        Path elsewhere = Files.createDirectories(tmp.resolve("somewhere-else"));
        EncoderWeights.Environment env = new EncoderWeights.Environment(Map.of(), home, elsewhere, url("/none"), url("/none"),
                Duration.ofSeconds(5)).withInstallation(jarFolder);

        EncoderWeights.Location loc = EncoderWeights.resolveMobileNetV2(null, env, ProgressListener.NONE);

        assertThat(loc.source()).isEqualTo(EncoderWeights.Source.INSTALLATION);
        assertThat(loc.weights()).isEqualTo(shared.resolve(EncoderWeights.MODEL_FILE));
        assertThat(loc.labels()).isEqualTo(shared.resolve(EncoderWeights.LABELS_FILE));
        assertThat(requests.get()).isZero();
    }

    @Test
    void appImageKeepsTheWeightsInAnEncodersFolderBesideTheJar() {
        Path app = tmp.resolve("captionlab").resolve("lib").resolve("app");
        assertThat(EncoderWeights.installFolders(app)).startsWith(app.resolve("encoders"))
                .contains(tmp.resolve("captionlab").resolve("lib").resolve("encoders"), tmp.resolve("captionlab").resolve("shared").resolve("encoders"));
    }

    @Test
    void locatedWeightsAreCopiedIntoTheUserCache() throws IOException {
        Path chosen = Files.createDirectories(tmp.resolve("downloads"));
        Files.copy(SharedAssets.mobileNetWeights(), chosen.resolve(EncoderWeights.MODEL_FILE));
        Files.copy(SharedAssets.require("encoders/imagenet_labels.txt"), chosen.resolve(EncoderWeights.LABELS_FILE));

        Path installed = EncoderWeights.install(chosen.resolve(EncoderWeights.MODEL_FILE), env(Map.of()));

        assertThat(installed).isEqualTo(home.resolve("encoders").resolve(EncoderWeights.MODEL_FILE));
        EncoderWeights.Location loc = EncoderWeights.resolveMobileNetV2(null, env(Map.of()), ProgressListener.NONE);
        assertThat(loc.source()).isEqualTo(EncoderWeights.Source.USER_CACHE);
        assertThat(loc.labels()).isEqualTo(home.resolve("encoders").resolve(EncoderWeights.LABELS_FILE));
        assertThat(requests.get()).isZero();
    }

    @Test
    void locatingAnotherFileIsRefusedInOneSentence() throws IOException {
        Path other = Files.writeString(tmp.resolve("other.tflite"), "not the model");

        assertThatThrownBy(() -> EncoderWeights.install(other, env(Map.of())))
                .isInstanceOf(EncoderWeightsException.class)
                .hasMessageContaining("'" + other + "' is not the MobileNetV2 file")
                .hasMessageContaining(EncoderWeights.MODEL_FILE);
        assertThat(home.resolve("encoders").resolve(EncoderWeights.MODEL_FILE)).doesNotExist();
    }
}
