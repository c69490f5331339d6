package io.assetpipe.plugin.sourcemap;

import com.google.debugging.sourcemap.Base64VLQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code mappings} of a Source Map v3, decoded: per generated line, its segments, each with its
 * fields as absolute values: generated column, then (when it maps to a source) source index, original
 * line and column, and maybe a name index; all 0-based. In the text each field is relative to the
 * same field of the previous segment, and the generated column starts again from 0 on each line;
 * columns count UTF-16 code units, as Java's {@code String} indices do.
 *
 * @param lines per generated line, its segments in order; callers may change their fields in place
 */
public record Mappings(List<List<int[]>> lines) {
    private static final int FIELDS = 5;
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /** Decodes {@code mappings}; {@link IllegalArgumentException} for text that is not Base64 VLQ segments. */
    public static Mappings parse(String mappings) {
        List<List<int[]>> lines = new ArrayList<>();
        int[] previous = new int[FIELDS];
        for (String line : mappings.split(";", -1)) {
            previous[0] = 0;
            List<int[]> segments = new ArrayList<>();
            for (String segment : line.isEmpty() ? new String[0] : line.split(",", -1)) {
                int[] fields = decode(segment);
                if (fields.length == 0 || fields.length > FIELDS) {
                    throw new IllegalArgumentException("not a source map segment: \"" + segment + "\"");
                }
                for (int i = 0; i < fields.length; i++) {
                    fields[i] += previous[i];
                    previous[i] = fields[i];
                }
                segments.add(fields);
            }
            lines.add(segments);
        }
        return new Mappings(lines);
    }

    /** The {@code mappings} text of these segments. */
    public String format() {
        StringBuilder out = new StringBuilder();
        int[] previous = new int[FIELDS];
        try {
            for (int l = 0; l < lines.size(); l++) {
                if (l > 0) {
                    out.append(';');
                }
                previous[0] = 0;
                List<int[]> segments = lines.get(l);
                for (int s = 0; s < segments.size(); s++) {
                    if (s > 0) {
                        out.append(',');
                    }
                    int[] fields = segments.get(s);
                    for (int i = 0; i < fields.length; i++) {
                        Base64VLQ.encode(out, fields[i] - previous[i]);
                        previous[i] = fields[i];
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    /**
     * The segment that maps {@code column} of generated {@code line} (both 0-based) to a source: the
     * last one at or before it on that line that names a source; null if there is none.
     */
    public int[] sourceSegmentAt(int line, int column) {
        if (line < 0 || line >= lines.size()) {
            return null;
        }
        int[] found = null;
        for (int[] segment : lines.get(line)) {
            if (segment[0] > column) {
                break;
            }
            if (segment.length >= 4) {
                found = segment;
            }
        }
        return found;
    }

    /**
     * A span of the generated text, {@code start} to {@code end} (char offsets, on one line), replaced
     * by {@code replacementLength} chars.
     */
    public record Edit(int start, int end, int replacementLength) {}

    /**
     * Moves the generated columns to where they are once {@code edits} (in text order, not
     * overlapping) are made to {@code text}, the generated text these mappings were made for: a
     * segment after an edit on its line moves by the edit's change of length; one inside an edit
     * stays inside the replacement.
     */
    public void applyEdits(String text, List<Edit> edits) {
        int line = 0;
        int lineStart = 0;
        int scanned = 0;
        int e = 0;
        while (e < edits.size()) {
            Edit edit = edits.get(e);
            for (; scanned < edit.start(); scanned++) {
                if (text.charAt(scanned) == '\n') {
                    line++;
                    lineStart = scanned + 1;
                }
            }
            List<Edit> onLine = new ArrayList<>();
            int lineEnd = text.indexOf('\n', lineStart);
            while (e < edits.size() && (lineEnd < 0 || edits.get(e).start() < lineEnd)) {
                Edit on = edits.get(e++);
                onLine.add(new Edit(on.start() - lineStart, on.end() - lineStart, on.replacementLength()));
            }
            if (line < lines.size()) {
                shift(lines.get(line), onLine);
            }
        }
    }

    /** Shifts the generated columns of one line's segments for that line's edits (columns in the line). */
    private static void shift(List<int[]> segments, List<Edit> edits) {
        for (int[] segment : segments) {
            int column = segment[0];
            int moved = column;
            for (Edit edit : edits) {
                int change = edit.replacementLength() - (edit.end() - edit.start());
                if (column >= edit.end()) {
                    moved += change;
                } else if (column > edit.start()) {
                    moved += Math.min(column - edit.start(), edit.replacementLength()) - (column - edit.start());
                }
            }
            segment[0] = moved;
        }
    }

    /**
     * The fields of one segment. Closure's decoder trusts its input (an invalid character is an
     * {@code assert}, or a wrong value without {@code -ea}; a value cut short reads past the end),
     * so both are checked here: a map from a library may be broken.
     */
    private static int[] decode(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            if (BASE64.indexOf(segment.charAt(i)) < 0) {
                throw new IllegalArgumentException("not a source map segment: \"" + segment + "\"");
            }
        }
        List<Integer> fields = new ArrayList<>(FIELDS);
        int[] at = {0};
        Base64VLQ.CharIterator chars = new Base64VLQ.CharIterator() {
            @Override
            public boolean hasNext() {
                return at[0] < segment.length();
            }

            @Override
            public char next() {
                if (at[0] >= segment.length()) {
                    throw new IllegalArgumentException("not a source map segment: \"" + segment + "\" ends inside a value");
                }
                return segment.charAt(at[0]++);
            }
        };
        while (chars.hasNext()) {
            fields.add(Base64VLQ.decode(chars));
        }
        return fields.stream().mapToInt(Integer::intValue).toArray();
    }
}
