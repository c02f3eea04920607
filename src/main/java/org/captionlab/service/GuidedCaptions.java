package org.captionlab.service;

import java.util.List;

import org.captionlab.search.Caption;

/**
 * Captions of one image, best first, with how the encoder's labels guided them.
 *
 * @param captions the captions
 * @param guidance the guidance ({@link Guidance#OFF} when not asked for)
 */
public record GuidedCaptions(List<Caption> captions, Guidance guidance) {
    public GuidedCaptions {
        captions = List.copyOf(captions);
    }
}
