package io.assetpipe.http;

/**
 * What a {@code Range} header asks of one representation (RFC 9110 §14.2): the whole of it, one
 * byte range, or nothing satisfiable.
 *
 * <p>Several ranges get the full representation (200), which RFC 9110 §14.2 allows ("a server MAY
 * ignore the Range header field"): browsers and media players ask for one range, a multipart body
 * costs a copy per request, and a client that asked for several ranges of an asset this size gains
 * little over a single transfer of it.
 */
sealed interface RangeRequest {
    /** Send the whole representation. */
    record Full() implements RangeRequest {}

    /** Send one range with 206. */
    record Partial(ByteRange range) implements RangeRequest {}

    /** 416 with {@code Content-Range: bytes *&#47;length}. */
    record Unsatisfiable() implements RangeRequest {}

    RangeRequest FULL = new Full();
    RangeRequest UNSATISFIABLE = new Unsatisfiable();

    /**
     * @param range the {@code Range} header, or {@code null}
     * @param length the length of the selected representation
     */
    static RangeRequest of(String range, long length) {
        long[] specs = range == null ? null : parse(range.trim());
        if (specs == null) {
            return FULL; // absent, another unit, or malformed: RFC 9110 says ignore it
        }
        ByteRange satisfiable = null;
        for (int i = 0; i < specs.length; i += 2) {
            ByteRange resolved = resolve(specs[i], specs[i + 1], length);
            if (resolved != null) {
                satisfiable = resolved;
            }
        }
        if (satisfiable == null) {
            return UNSATISFIABLE;
        }
        return specs.length == 2 ? new Partial(satisfiable) : FULL;
    }

    /**
     * {@code bytes=} followed by range specs (RFC 9110 §14.1.1) as pairs {@code first, last}, where
     * {@code -1} is an absent number ({@code "-N"} is {@code -1, N}); {@code null} when the header
     * is not a valid byte-ranges-specifier, which includes {@code "5-1"}.
     */
    private static long[] parse(String header) {
        if (!header.regionMatches(true, 0, "bytes=", 0, 6)) {
            return null;
        }
        String[] parts = header.substring(6).split(",", -1);
        long[] specs = new long[parts.length * 2];
        int count = 0;
        for (String part : parts) {
            String spec = part.trim();
            if (spec.isEmpty()) {
                continue; // empty list elements are allowed (RFC 9110 §5.6.1)
            }
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return null;
            }
            long first = number(spec.substring(0, dash));
            long last = number(spec.substring(dash + 1));
            if (first == -2 || last == -2 || first == -1 && last == -1 || last >= 0 && first > last) {
                return null;
            }
            specs[count++] = first;
            specs[count++] = last;
        }
        return count == 0 ? null : java.util.Arrays.copyOf(specs, count);
    }

    /** Digits as a number; {@code -1} for none; {@code -2} for anything else (or too large). */
    private static long number(String digits) {
        if (digits.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -2;
            }
        }
        return digits.length() > 18 ? -2 : Long.parseLong(digits);
    }

    /** One range spec resolved against {@code length}, or {@code null} when unsatisfiable. */
    private static ByteRange resolve(long first, long last, long length) {
        if (first < 0) { // suffix range "-N": the last N bytes
            return last <= 0 || length == 0 ? null : new ByteRange(Math.max(0, length - last), length - 1);
        }
        if (first >= length) {
            return null;
        }
        return new ByteRange(first, last < 0 ? length - 1 : Math.min(last, length - 1));
    }
}
