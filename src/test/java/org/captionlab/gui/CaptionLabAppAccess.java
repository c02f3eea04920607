package org.captionlab.gui;

/** What tests outside the gui package may read of the app's start. */
public final class CaptionLabAppAccess {

    private CaptionLabAppAccess() {
    }

    /** The one sentence the app prints without a display. */
    public static String noDisplaySentence() {
        return CaptionLabApp.NO_DISPLAY;
    }
}
