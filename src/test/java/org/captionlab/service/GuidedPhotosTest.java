package org.captionlab.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.captionlab.SharedAssets;
import org.captionlab.encoder.MobileNetV2Encoder;
import org.captionlab.model.Manifest;
import org.captionlab.model.ModelBundle;
import org.captionlab.text.Tokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped models with their default decoding (label guidance on, as recorded in the manifest) on the
 * real photos of ../shared/photos and sample-images: every photo whose labels are confident gets a caption
 * that names what they say, in the words a person would use. Unguided, the same models call the cat, the
 * parrot and the eagle dogs.
 */
class GuidedPhotosTest {

    private static final Map<String, CaptioningService> SERVICES = new LinkedHashMap<>();

    @BeforeAll
    static void open() throws IOException {
        for (String name : List.of("default", "lstm")) {
            SERVICES.put(name, new CaptioningService(ModelBundle.load(Path.of("models", name)),
                    MobileNetV2Encoder.open(SharedAssets.mobileNetWeights())));
        }
    }

    @AfterAll
    static void close() {
        SERVICES.values().forEach(CaptioningService::close);
    }

    static Stream<Arguments> photos() {
        Path shared = SharedAssets.require("photos");
        Map<Path, Set<String>> expected = new LinkedHashMap<>();
        expected.put(shared.resolve("cat_720p.jpg"), Set.of("cat", "cats"));
        expected.put(shared.resolve("hot_dog.jpg"), Set.of("hot dog", "hot dogs"));
        expected.put(shared.resolve("parrot.jpg"), Set.of("parrot", "macaw", "bird"));
        // MobileNetV2 takes the owl for a grouse (73 %): "bird" is all its labels can honestly say.
        expected.put(shared.resolve("owl.jpg"), Set.of("owl", "bird"));
        expected.put(shared.resolve("bird.bmp"), Set.of("bird", "birds"));
        expected.put(shared.resolve("sunflower.bmp"), Set.of("flower", "flowers", "daisy", "daisies", "sunflower"));
        expected.put(shared.resolve("pets.jpg"), Set.of("dog", "dogs"));
        expected.put(shared.resolve("dragonfly.bmp"), Set.of("dragonfly", "insect"));
        expected.put(shared.resolve("hot_dog.jpg"), Set.of("hot dog", "hot dogs"));
        expected.put(Path.of("sample-images", "eagle.jpg"), Set.of("eagle", "bird"));
        expected.put(Path.of("sample-images", "dog.jpg"), Set.of("dog", "dogs"));
        return SERVICES.keySet().stream().flatMap(model -> expected.entrySet().stream()
                .map(e -> Arguments.of(model, e.getKey(), e.getValue())));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("photos")
    void theCaptionNamesWhatTheConfidentLabelsSee(String model, Path photo, Set<String> words) throws IOException {
        CaptioningService service = SERVICES.get(model);
        Manifest.Guide guide = service.defaultGuide();
        assertThat(guide).as("the manifest's default decoding has label guidance").isNotNull();
        ImageResult r = service.caption(photo, service.defaultOptions(), guide);
        String best = r.captions().get(0).text();
        assertThat(mentionsAny(best, words)).as("%s: '%s' (%s)", photo, best, r.guidance().describe()).isTrue();
        if (r.guidance().guided()) {
            // The guidance reports the words the best caption really uses.
            assertThat(r.guidance().words()).allSatisfy(w -> assertThat(mentionsAny(best, Set.of(w))).as(w).isTrue());
            // Every alternative names it too: constrained search returns only captions that meet the constraint.
            assertThat(r.captions()).allSatisfy(c -> assertThat(mentionsAny(c.text(), words)).as(c.text()).isTrue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void photosWithoutAConfidentLabelAreNotGuided(String model) throws IOException {
        CaptioningService service = SERVICES.get(model);
        // ImageNet-1k has no giraffe class (MobileNetV2: zebra 49 %) and sees rams and ploughs in the horses
        // (ram 23 %): no label is confident, so nothing is forced into these captions.
        for (String name : List.of("giraffe.jpg", "horses.jpg")) {
            ImageResult r = service.caption(Path.of("sample-images", name), service.defaultOptions(), service.defaultGuide());
            assertThat(r.guidance().labels()).as(name + ": " + r.guidance().describe()).isEmpty();
            assertThat(r.captions().get(0).text())
                    .isEqualTo(service.decode(r.encoded().feature(), service.defaultOptions()).get(0).text());
        }
    }

    static Stream<String> models() {
        return Stream.of("default", "lstm");
    }

    private static boolean mentionsAny(String caption, Set<String> words) {
        String tokens = " " + Tokenizer.words(caption).stream().collect(Collectors.joining(" ")) + " ";
        return words.stream().anyMatch(w -> tokens.contains(" " + w + " "));
    }
}
