package org.captionlab.encoder;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * Child-JVM probe for {@link DamagedWeightsTest}: opens MobileNetV2 weights the way the app does (SHA-256
 * check, then FlatBuffer verification with {@code unverified}) and encodes one gray image. Exit 0 when the
 * encoder worked, 3 with the message on stderr when it was refused; a crash in native code shows as
 * another exit code (134 for SIGABRT/SIGSEGV through the JVM's handler).
 *
 * <p>Arguments: {@code WEIGHTS LABELS [unverified]}.
 */
public final class OpenWeightsMain {

    private OpenWeightsMain() {
    }

    public static void main(String[] args) {
        WeightsCheck check = new WeightsCheck(null, args.length > 2 && args[2].equals("unverified"), "probe");
        try (MobileNetV2Encoder encoder = MobileNetV2Encoder.open(Path.of(args[0]), Path.of(args[1]), 1, check)) {
            BufferedImage gray = new BufferedImage(224, 224, BufferedImage.TYPE_INT_RGB);
            encoder.encode(gray);
            System.out.println("encoded");
            System.exit(0);
        } catch (Exception e) {
            System.err.println("refused: " + e.getMessage());
            System.exit(3);
        }
    }
}
