package org.captionlab.gui.lane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.captionlab.encoder.EncodedImage;
import org.captionlab.gui.library.LaneId;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.search.Caption;
import org.captionlab.search.DecodeOptions;
import org.captionlab.service.Captioner;
import org.captionlab.service.ModelInfo;
import org.junit.jupiter.api.Test;

/**
 * A lane whose captioner encodes in parallel (one interpreter per core) captions photos from the back of its queue
 * several at once, and delivers each as a lone photo's result; an urgent photo still goes alone and first.
 */
class ModelLaneGroupTest {

    /** Encodes on several threads at once; the first {@code parallelism} encodes wait for each other. */
    private static final class ParallelCaptioner implements Captioner {
        final int parallelism;
        final CountDownLatch together;
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger encodes = new AtomicInteger();

        ParallelCaptioner(int parallelism) {
            this.parallelism = parallelism;
            this.together = new CountDownLatch(parallelism);
        }

        @Override
        public ModelInfo model() {
            return new ModelInfo("fake", Path.of("models/fake"), "fake-encoder", "rnn", 10, "fake",
                    DecodeOptions.greedy(), null);
        }

        @Override
        public int parallelism() {
            return parallelism;
        }

        @Override
        public EncodedImage encode(Path image) throws IOException {
            encodes.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            together.countDown();
            try {
                // Proves the group's photos run at the same time: each waits for the others of the first group.
                together.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (image.getFileName().toString().startsWith("broken")) {
                throw new IOException("image '" + image + "' is not an image");
            }
            return new EncodedImage(new float[] {image.getFileName().toString().length()}, List.of());
        }

        @Override
        public List<Caption> decode(float[] feature, DecodeOptions options) {
            return List.of(new Caption(List.of("photo", Integer.toString((int) feature[0])), -1, -1,
                    new double[] {0.5, 0.5}, 0.5));
        }

        @Override
        public void close() {
        }
    }

    private static final class Recorder implements ModelLane.Listener {
        final List<String> captioned = new ArrayList<>();
        final List<String> failed = new ArrayList<>();

        @Override
        public boolean needsWork(ModelLane lane, PhotoItem item) {
            return true;
        }

        @Override
        public void preparing(ModelLane lane, Path dir, String text) {
        }

        @Override
        public void loaded(ModelLane lane, ModelInfo previous, ModelInfo info) {
        }

        @Override
        public void loadFailed(ModelLane lane, Path dir, Throwable error) {
            throw new AssertionError(error);
        }

        @Override
        public void captioned(ModelLane lane, ModelLane.Queued queued, long generation, ModelLane.Decoded result) {
            captioned.add(queued.item().fileName());
        }

        @Override
        public void failed(ModelLane lane, ModelLane.Queued queued, Throwable error) {
            failed.add(queued.item().fileName());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void run(LaneScheduler.Job<T> job) throws Exception {
        T result = job.work().call();
        job.onResult().accept(result);
    }

    @Test
    void photosOfTheQueueAreCaptionedSeveralAtOnceAndDeliveredOneByOne() throws Exception {
        ParallelCaptioner captioner = new ParallelCaptioner(3);
        Recorder recorder = new Recorder();
        try (ModelLane lane = new ModelLane(LaneId.MAIN, dir -> captioner, DecodeOptions::greedy, item -> null,
                show -> org.captionlab.util.ProgressListener.NONE, recorder)) {
            lane.requestLoad(Path.of("models/fake"));
            run(lane.preparation());
            List<PhotoItem> photos = new ArrayList<>();
            for (String name : List.of("a.jpg", "bb.jpg", "broken.jpg", "dddd.jpg", "eeeee.jpg")) {
                PhotoItem item = new PhotoItem(Path.of("/photos", name));
                photos.add(item);
                lane.offer(item);
            }
            LaneScheduler.Job<?> first = lane.next();
            assertThat(first.title()).startsWith("caption 3 photos");
            assertThat(lane.isInFlight(photos.get(0))).isTrue();
            assertThat(lane.isInFlight(photos.get(2))).isTrue();
            assertThat(lane.isInFlight(photos.get(3))).isFalse();
            run(first);
            assertThat(recorder.captioned).containsExactly("a.jpg", "bb.jpg");
            assertThat(recorder.failed).containsExactly("broken.jpg");
            assertThat(captioner.threads).hasSize(3);
            assertThat(photos.get(1).feature("fake-encoder")).isNotNull();
            assertThat(lane.isInFlight(photos.get(0))).isFalse();

            // The user selects the last photo: it goes alone, before the rest of the queue.
            lane.prioritise(photos.get(4));
            LaneScheduler.Job<?> urgent = lane.next();
            assertThat(urgent.title()).isEqualTo("caption eeeee.jpg");
            run(urgent);
            LaneScheduler.Job<?> rest = lane.next();
            run(rest);
            assertThat(recorder.captioned).containsExactly("a.jpg", "bb.jpg", "eeeee.jpg", "dddd.jpg");
            assertThat(lane.next()).isNull();
        }
    }
}
