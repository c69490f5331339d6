package io.assetpipe.server;

import io.undertow.util.ByteRange;
import io.undertow.util.DateUtils;
import java.util.Date;
import java.util.regex.Pattern;

/**
 * What a {@code Range} header asks of one representation (RFC 9110 §14.2): the whole of it, one
 * byte range, or nothing satisfiable. Undertow's {@link ByteRange} parses; this decides.
 *
 * <p>Several ranges get the full representation (200), which RFC 9110 §14.2 allows ("a server MAY
 * ignore the Range header field"): browsers and media players ask for one range, a multipart body
 * costs a copy per request, and a client that asked for several ranges of an asset this size gains
 * little over a single transfer of it.
 */
sealed interface RangeRequest {
    /** Send the whole representation. */
    record Full() implements RangeRequest {}

    /** Send bytes {@code first..last} (inclusive) with 206. */
    record Partial(long first, long last) implements RangeRequest {
        long length() {
            return last - first + 1;
        }

        String contentRange(long total) {
            return "bytes " + first + "-" + last + "/" + total;
        }
    }

    /** 416 with {@code Content-Range: bytes *&#47;length}. */
    record Unsatisfiable() implements RangeRequest {}

    RangeRequest FULL = new Full();
    RangeRequest UNSATISFIABLE = new Unsatisfiable();
    /** {@code bytes=-0}: a suffix of no bytes, unsatisfiable whatever the length (RFC 9110 §14.1.1). */
    Pattern EMPTY_SUFFIX = Pattern.compile("\\s*bytes\\s*=\\s*-0+\\s*");

    /**
     * @param range the {@code Range} header, or {@code null}
     * @param length the length of the selected representation
     */
    static RangeRequest of(String range, long length) {
        ByteRange parsed = range == null ? null : ByteRange.parse(range.trim());
        if (parsed == null) {
            // Undertow 2.3.25+ refuses "-0" as a suffix range; it is well-formed and selects nothing.
            return range != null && EMPTY_SUFFIX.matcher(range).matches()
                    ? UNSATISFIABLE
                    : FULL; // absent, another unit, or malformed: RFC 9110 says ignore it
        }
        for (int i = 0; i < parsed.getRanges(); i++) {
            if (parsed.getStart(i) >= 0 && parsed.getEnd(i) >= 0 && parsed.getEnd(i) < parsed.getStart(i)) {
                return FULL; // "5-1" is invalid (RFC 9110 §14.1.1), so the whole header is ignored
            }
        }
        Partial satisfiable = null;
        int count = 0;
        for (int i = 0; i < parsed.getRanges(); i++) {
            Partial partial = resolve(parsed.getStart(i), parsed.getEnd(i), length);
            if (partial != null) {
                satisfiable = partial;
                count++;
            }
        }
        if (count == 0) {
            return UNSATISFIABLE;
        }
        return parsed.getRanges() == 1 ? satisfiable : FULL;
    }

    /** One range spec resolved against {@code length}, or {@code null} when unsatisfiable. */
    private static Partial resolve(long start, long end, long length) {
        if (start < 0) { // suffix range "-N": the last N bytes
            return end <= 0 || length == 0 ? null : new Partial(Math.max(0, length - end), length - 1);
        }
        if (start >= length) {
            return null;
        }
        return new Partial(start, end < 0 ? length - 1 : Math.min(end, length - 1));
    }

    /**
     * RFC 9110 §13.1.5: a Range applies only if {@code If-Range} is absent or names the current
     * representation: the same strong entity tag, or exactly its {@code Last-Modified} date. A
     * weak tag never matches.
     */
    static boolean ifRangeHolds(String ifRange, Representation representation, Date lastModified) {
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.trim();
        if (value.startsWith("\"")) {
            return value.equals(representation.etag());
        }
        if (value.startsWith("W/")) {
            return false;
        }
        Date date = DateUtils.parseDate(value);
        return date != null && date.getTime() / 1000 == lastModified.getTime() / 1000;
    }
}
