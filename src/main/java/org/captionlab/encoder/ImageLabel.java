package org.captionlab.encoder;

/**
 * One classifier label with its probability (0..1).
 *
 * @param label       the class's name (the first name of its synonym set, e.g. "Egyptian cat")
 * @param probability the classifier's probability
 * @param classIndex  the class's line in the label file (1..1000 for ImageNet; 0 is the background), or
 *                    -1 when unknown; names are not unique ("crane" the bird and the machine), indices are
 */
public record ImageLabel(String label, double probability, int classIndex) {

    /** A label whose class index is not known. */
    public ImageLabel(String label, double probability) {
        this(label, probability, -1);
    }
}
