package org.captionlab.text;

import org.captionlab.SharedAssets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed resources are exactly what the generator makes from WordNet and the reviewed inputs. */
class LabelWordsGeneratorTest {

    @TempDir
    Path out;

    @Test
    void committedResourcesAreUpToDate() throws Exception {
        LabelWordsGenerator.generate(SharedAssets.require("encoders/imagenet_labels.txt"),
                Path.of("models/default/vocab.txt"), SharedAssets.require("flickr8k/captions.txt"), out);
        Path committed = Path.of("src/main/resources/org/captionlab/text");
        for (String name : new String[] {LabelWords.TABLE_RESOURCE, LabelWords.FORMS_RESOURCE}) {
            assertThat(Files.readString(out.resolve(name), StandardCharsets.UTF_8))
                    .as("%s is stale: regenerate with %s", name, LabelWordsGenerator.COMMAND)
                    .isEqualTo(Files.readString(committed.resolve(name), StandardCharsets.UTF_8));
        }
    }
}
