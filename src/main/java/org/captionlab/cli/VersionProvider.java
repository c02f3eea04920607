package org.captionlab.cli;

import picocli.CommandLine;

/** Version from the jar manifest (Implementation-Version), or "development". */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"CaptionLab " + org.captionlab.util.Installation.version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
