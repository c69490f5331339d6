package io.assetpipe.plugin.compile;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One problem found in a source file, printed the way compilers and IDEs expect:
 * {@code path:line:column: message}. Line and column are 1-based; 0 means unknown.
 */
public record Diagnostic(String path, int line, int column, String message) {
    public Diagnostic {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic of(Path file, int line, int column, String message) {
        return new Diagnostic(file.toString(), line, column, message);
    }

    /** A problem with a whole file (unreadable, not UTF-8, ...). */
    public static Diagnostic of(Path file, String message) {
        return new Diagnostic(file.toString(), 0, 0, message);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return path + ": " + message;
        }
        return path + ":" + line + ":" + Math.max(column, 1) + ": " + message;
    }
}
