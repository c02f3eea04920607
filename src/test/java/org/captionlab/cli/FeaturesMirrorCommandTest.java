package org.captionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.captionlab.SharedAssets;
import org.captionlab.data.FeatureCache;
import org.captionlab.service.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code features --mirror} precomputes the mirrored features that {@code train --mirror} reads, in their own cache file. */
class FeaturesMirrorCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run features(String... extra) throws IOException {
        Path flickr = SharedAssets.require("flickr8k");
        Path split = dir.resolve("two.txt");
        Files.write(split, Files.readAllLines(flickr.resolve("Flickr_8k.devImages.txt")).subList(0, 2));
        List<String> args = new java.util.ArrayList<>(List.of("features", "--dataset", "flickr8k",
                "--images", flickr.resolve("images").toString(), "--captions", flickr.resolve("captions.txt").toString(),
                "--split", split.toString(), "--encoder-weights", SharedAssets.mobileNetWeights().toString()));
        args.addAll(List.of(extra));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = CaptionLabCommand.run(new PrintWriter(o), new PrintWriter(e), args.toArray(String[]::new));
        return new Run(code, o.toString(), e.toString());
    }

    @Test
    void mirrorEncodesEveryImageFlippedIntoItsOwnCacheFileOnce() throws IOException {
        Run first = features("--mirror");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("2 images have features").contains("2 of them mirrored too, in ");
        String mirroredFile = first.out().lines().filter(l -> l.contains("mirrored too")).findFirst().orElseThrow()
                .replaceFirst(".* in ", "");
        assertThat(Path.of(mirroredFile)).exists().hasParent(Settings.fromEnvironment().featureCacheDir());
        assertThat(Path.of(mirroredFile).getFileName().toString()).contains("_mirror-");

        // A second run finds both kinds cached; without --mirror nothing is said of mirrored features.
        Run again = features("--mirror");
        assertThat(again.out()).contains("(0 encoded now)").contains("2 of them mirrored too");
        Run plain = features();
        assertThat(plain.out()).contains("(0 encoded now)").doesNotContain("mirrored");
        assertThat(FeatureCache.mirroredKey("mobilenet-v2")).isEqualTo("mobilenet-v2" + FeatureCache.MIRRORED_SUFFIX);
    }
}
