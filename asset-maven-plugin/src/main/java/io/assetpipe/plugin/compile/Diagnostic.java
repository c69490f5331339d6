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

    /** A problem at {@code offset} (a char index) of {@code text}, the contents of {@code file}. */
    public static Diagnostic at(Path file, String text, int offset, String message) {
        int[] lineColumn = lineColumn(text, offset);
        return of(file, lineColumn[0], lineColumn[1], message);
    }

    /** The 1-based line and column of {@code offset} in {@code text}. */
    public static int[] lineColumn(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
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
