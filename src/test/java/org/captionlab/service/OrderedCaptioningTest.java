package org.captionlab.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.captionlab.SharedAssets;
import org.captionlab.encoder.MobileNetV2Encoder;
import org.captionlab.image.ImageLoadException;
import org.captionlab.model.ModelBundle;
import org.captionlab.search.DecodeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Photos captioned on workers come back in list order, failures in their place, the same as one by one. */
class OrderedCaptioningTest {

    @TempDir
    Path dir;

    @Test
    void resultsComeBackInInputOrderWithFailuresInPlace() throws IOException {
        Path photos = SharedAssets.require("photos");
        Path broken = dir.resolve("broken.jpg");
        Files.write(broken, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2});
        List<Path> images = List.of(photos.resolve("cat_720p.jpg"), broken, photos.resolve("hot_dog.jpg"),
                photos.resolve("parrot.jpg"), photos.resolve("owl.jpg"), photos.resolve("pets.jpg"),
                photos.resolve("sunflower.bmp"));
        try (CaptioningService service = new CaptioningService(ModelBundle.load(Path.of("models", "default")),
                MobileNetV2Encoder.open(SharedAssets.mobileNetWeights()))) {
            service.setMemoryCacheCapacity(0);
            DecodeOptions options = service.defaultOptions();
            List<String> oneByOne = new ArrayList<>();
            for (Path p : images) {
                try {
                    oneByOne.add(service.caption(p, options, service.defaultGuide()).captions().get(0).text());
                } catch (IOException e) {
                    oneByOne.add("failed");
                }
            }
            List<String> parallel = new ArrayList<>();
            List<Path> order = new ArrayList<>();
            try (OrderedCaptioning run = new OrderedCaptioning(service, images, options, service.defaultGuide(), 3)) {
                while (run.hasNext()) {
                    OrderedCaptioning.Attempt a = run.next();
                    order.add(a.image());
                    if (a.failure() != null) {
                        assertThat(a.failure()).isInstanceOf(ImageLoadException.class);
                        parallel.add("failed");
                    } else {
                        parallel.add(a.result().captions().get(0).text());
                    }
                }
                assertThat(run.handedOut()).isEqualTo(images.size());
            }
            assertThat(order).isEqualTo(images);
            assertThat(parallel).isEqualTo(oneByOne);
            assertThat(parallel.get(1)).isEqualTo("failed");
        }
    }
}
