package org.captionlab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint's three files are written as a set: a crash never leaves two epochs mixed. */
class CheckpointTest {

    @TempDir
    Path tmp;

    /** Writes the three files of "epoch N", failing after {@code failAfter} of them (3: no failure). */
    private static Checkpoint.SetWriter epoch(int n, int failAfter) {
        return folder -> {
            String[] files = {"vocab.txt", "decoder.zip", Checkpoint.STATE_FILE};
            for (int i = 0; i < files.length; i++) {
                if (i == failAfter) {
                    throw new IOException("simulated crash while writing " + files[i]);
                }
                Files.writeString(folder.resolve(files[i]), "epoch " + n);
            }
        };
    }

    private static void assertWholeSet(Path dir, int epoch) throws IOException {
        for (String f : new String[] {"vocab.txt", "decoder.zip", Checkpoint.STATE_FILE}) {
            assertThat(Files.readString(dir.resolve(f))).as(f).isEqualTo("epoch " + epoch);
        }
    }

    @Test
    void aCrashAtAnyFileOfTheWriteKeepsThePreviousSetWhole() throws IOException {
        Path dir = tmp.resolve("checkpoint");
        Checkpoint.write(dir, epoch(1, 3));
        for (int failAfter = 0; failAfter < 3; failAfter++) {
            int f = failAfter;
            assertThatThrownBy(() -> Checkpoint.write(dir, epoch(2, f))).hasMessageContaining("simulated crash");
            assertThat(Checkpoint.find(dir)).contains(dir.toAbsolutePath().normalize());
            assertWholeSet(dir, 1);
        }
        Checkpoint.write(dir, epoch(3, 3));
        assertWholeSet(dir, 3);
        try (var siblings = Files.list(tmp)) {
            assertThat(siblings).as("no temporary folders left behind").containsExactly(dir);
        }
    }

    @Test
    void aCrashBetweenTheRenamesResumesFromTheSetMovedAside() throws IOException {
        Path dir = tmp.resolve("checkpoint");
        Checkpoint.write(dir, epoch(1, 3));
        // What a crash after "move the old set aside" and before "move the new set in" leaves behind.
        Files.move(dir, tmp.resolve("checkpoint.old"));
        Files.createDirectories(tmp.resolve("checkpoint.new"));
        Files.writeString(tmp.resolve("checkpoint.new/vocab.txt"), "epoch 2");

        Path found = Checkpoint.find(dir).orElseThrow();
        assertWholeSet(found, 1);

        Checkpoint.write(dir, epoch(2, 3));
        assertWholeSet(Checkpoint.find(dir).orElseThrow(), 2);
    }

    @Test
    void noCheckpointIsEmpty() {
        assertThat(Checkpoint.find(tmp.resolve("checkpoint"))).isEmpty();
    }
}
