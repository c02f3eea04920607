package org.captionlab.data;

/**
 * Whether a reader checks that the image files it names exist.
 *
 * <p>Training and captioning need the files; reading references for an evaluation of captions
 * produced elsewhere (COCO results) does not, and the images may not even be on this machine.
 */
public enum ImageCheck {
    /**
     * Images whose file is missing are left out, each reported once in
     * {@link CaptionDataset#problems()}; when none of the files exists, the images folder is
     * wrong and reading fails with a {@link DatasetException}.
     */
    REQUIRE_FILES,
    /** File names are resolved to paths but not checked. */
    SKIP
}
