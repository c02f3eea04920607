package org.captionlab.service;

import java.nio.file.Path;

/**
 * Which images and captions to use, as given on the command line.
 *
 * @param format   dataset format id ({@code flickr8k}, {@code coco}, {@code karpathy}, {@code csv}), or null
 *                 to detect it from the file
 * @param images   folder the image names are resolved against (null: the annotation file's folder)
 * @param captions the annotation file
 * @param split    for Karpathy files a split name ({@code train}, {@code val}, {@code test}, {@code restval},
 *                 several joined by {@code +}); otherwise a split list file (one image name a line); null for all
 */
public record DatasetSpec(String format, Path images, Path captions, String split) {

    /** The same data with another split. */
    public DatasetSpec withSplit(String value) {
        return new DatasetSpec(format, images, captions, value);
    }
}
