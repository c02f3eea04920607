package org.captionlab.cli;

import picocli.CommandLine;

/** Version from the jar manifest (Implementation-Version), or "development". */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = CaptionLabCommand.class.getPackage().getImplementationVersion();
        return new String[] {"CaptionLab " + (v == null ? "development" : v),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
