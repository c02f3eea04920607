package org.captionlab.gui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.captionlab.encoder.EncodedImage;
import org.captionlab.encoder.ImageLabel;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.library.PhotoStatus;
import org.captionlab.search.Caption;
import org.junit.jupiter.api.Test;

class PhotoDetailViewModelTest {

    private final PhotoDetailViewModel vm = new PhotoDetailViewModel();

    private static PhotoItem captioned() {
        PhotoItem item = new PhotoItem(Path.of("/photos/dog.jpg"));
        List<ImageLabel> labels = List.of(new ImageLabel("golden retriever", 0.6), new ImageLabel("Labrador", 0.2),
                new ImageLabel("tennis ball", 0.1), new ImageLabel("kuvasz", 0.04), new ImageLabel("lawn", 0.03),
                new ImageLabel("sixth", 0.01));
        item.setLabels(labels);
        item.setCaptions(List.of(
                new Caption(List.of("a", "dog", "runs"), Math.log(0.9 * 0.5 * 0.4 * 0.8), -1.0, new double[] {0.9, 0.5, 0.4}, 0.8),
                new Caption(List.of("a", "dog"), Math.log(0.9 * 0.3), -1.2, new double[] {0.9, 0.3}, 0.0)), 0);
        return item;
    }

    @Test
    void showsAlternativesWordProbabilitiesAndTopFiveLabels() {
        vm.photoProperty().set(captioned());

        assertThat(vm.titleProperty().get()).isEqualTo("dog.jpg");
        assertThat(vm.captionProperty().get()).isEqualTo("a dog runs");
        assertThat(vm.alternatives()).extracting(AlternativeRow::rank, AlternativeRow::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "a dog runs"), org.assertj.core.groups.Tuple.tuple(2, "a dog"));
        assertThat(vm.alternatives().get(0).probability()).isCloseTo(0.144, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(vm.words()).containsExactly(new WordProbability("a", 0.9), new WordProbability("dog", 0.5),
                new WordProbability("runs", 0.4), new WordProbability(WordProbability.END, 0.8));
        assertThat(vm.labels()).hasSize(5).first().extracting(ImageLabel::label).isEqualTo("golden retriever");
        assertThat(vm.statusTextProperty().get()).isEmpty();
    }

    @Test
    void followsTheSelectedPhotosChangesAndForgetsThePreviousOne() {
        PhotoItem first = captioned();
        vm.photoProperty().set(first);
        first.setFailed("image '/photos/dog.jpg': not a JPEG file");
        assertThat(vm.statusTextProperty().get()).isEqualTo("image '/photos/dog.jpg': not a JPEG file");
        assertThat(vm.alternatives()).isEmpty();

        PhotoItem second = new PhotoItem(Path.of("/photos/cat.jpg"));
        vm.photoProperty().set(second);
        assertThat(vm.statusTextProperty().get()).startsWith(PhotoStatus.PENDING.label());
        first.setCaptions(List.of(new Caption(List.of("x"), -1, -1, new double[] {0.5}, 0.5)), 1);
        assertThat(vm.titleProperty().get()).isEqualTo("cat.jpg");
        assertThat(vm.alternatives()).isEmpty();

        vm.photoProperty().set(null);
        assertThat(vm.titleProperty().get()).isEmpty();
    }

    @Test
    void editsAreCleanedAndAnEditEqualToTheModelsCaptionIsNone() {
        PhotoItem item = captioned();
        vm.photoProperty().set(item);
        vm.commitEdit("  a   dog\tplaying ");
        assertThat(item.editedCaptionProperty().get()).isEqualTo("a dog playing");
        assertThat(vm.editedProperty().get()).isTrue();
        assertThat(vm.modelCaptionProperty().get()).isEqualTo("a dog runs");
        vm.commitEdit("a dog runs");
        assertThat(item.isEdited()).isFalse();
        vm.commitEdit("   ");
        assertThat(item.isEdited()).isFalse();
    }
}
