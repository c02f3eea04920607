package org.captionlab.gui;

import java.time.Duration;
import java.util.Locale;

/** Numbers and durations as the status bar shows them: "1,000", "8.1", "1:02:03". */
public final class Formats {

    private Formats() {
    }

    /** A count with thousands separators: 2541 → "2,541". */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "1 photo", "2 photos". */
    public static String photos(long n) {
        return count(n) + (n == 1 ? " photo" : " photos");
    }

    /** A rate with one decimal below 100: 8.14 → "8.1", 123.4 → "123". */
    public static String rate(double perSecond) {
        return perSecond < 100 ? String.format(Locale.ROOT, "%.1f", perSecond) : String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    /** "0:14", "12:03", "1:02:03". */
    public static String duration(Duration d) {
        long s = Math.max(0, Math.round(d.toMillis() / 1000.0));
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }

    /** The last element of a path ("holiday" for /photos/holiday), or the path itself when it has none. */
    public static String nameOf(java.nio.file.Path p) {
        java.nio.file.Path n = p.getFileName();
        return n == null ? p.toString() : n.toString();
    }

    /** A probability as a percentage with one decimal: 0.8312 → "83.1%". */
    public static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p * 100);
    }

    /**
     * The user-facing sentence of an exception: its message, or its kind when it has none. File-system
     * errors, whose message is often a bare path, say what happened to which file.
     */
    public static String reason(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException f) {
            return "'" + f.getFile() + "' does not exist";
        }
        if (e instanceof java.nio.file.AccessDeniedException f) {
            return "permission denied for '" + f.getFile() + "'";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return "'" + f.getFile() + "' already exists (and is not a folder that could hold the file)";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null && f.getFile() != null) {
            return "'" + f.getFile() + "': " + f.getReason();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
