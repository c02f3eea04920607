package org.captionlab.image;

import java.nio.file.Path;
import java.util.List;

/**
 * An image whose decoder warnings say the data is broken (a truncated or corrupt JPEG): it would decode
 * to a picture that is partly gray or garbage. Callers may offer to use it anyway
 * ({@link ImageLoader#acceptingDamaged}).
 */
public final class DamagedImageException extends ImageLoadException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> warnings;

    public DamagedImageException(Path file, String reason, List<String> warnings) {
        super(file, reason);
        this.warnings = List.copyOf(warnings);
    }

    /** Everything the decoder warned about. */
    public List<String> warnings() {
        return warnings;
    }
}
