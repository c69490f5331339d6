package io.assetpipe.plugin.compile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** How many diagnostics with one message in one file {@link #lines} prints before it sums up the rest. */
    public static final int SAME_MESSAGE_SHOWN = 3;

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

    /**
     * The lines to print for {@code diagnostics}: each one, except that past the first
     * {@code shown} of a file with the same message the rest become one line naming their
     * positions. One unsupported feature used all over a library (htmx 4's private class fields:
     * 476 errors) then reads as the one problem it is.
     */
    public static List<String> lines(List<Diagnostic> diagnostics, int shown) {
        record Key(String path, String message) {}
        Map<Key, List<Diagnostic>> groups = new LinkedHashMap<>();
        for (Diagnostic d : diagnostics) {
            groups.computeIfAbsent(new Key(d.path(), d.message()), key -> new ArrayList<>()).add(d);
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Key, List<Diagnostic>> group : groups.entrySet()) {
            List<Diagnostic> same = group.getValue();
            same.stream().limit(shown).forEach(d -> lines.add(d.toString()));
            if (same.size() > shown) {
                List<String> positions = same.subList(shown, same.size()).stream()
                        .map(d -> d.line() + ":" + Math.max(d.column(), 1)).toList();
                String listed = positions.size() <= 10
                        ? String.join(", ", positions)
                        : String.join(", ", positions.subList(0, 10)) + ", …";
                lines.add(group.getKey().path() + ": " + positions.size() + " more of the same at " + listed + ": "
                        + group.getKey().message());
            }
        }
        return lines;
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return path + ": " + message;
        }
        return path + ":" + line + ":" + Math.max(column, 1) + ": " + message;
    }
}
