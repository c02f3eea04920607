package org.captionlab.encoder;

/** One classifier label with its probability (0..1). */
public record ImageLabel(String label, double probability) {
}
