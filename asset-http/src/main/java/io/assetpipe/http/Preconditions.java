package io.assetpipe.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/** The conditional request fields (RFC 9110 §13) against one representation. */
final class Preconditions {
    /** IMF-fixdate, the form every HTTP date is sent in (RFC 9110 §5.6.7). */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    /** The obsolete forms a recipient must still accept: RFC 850 and asctime. */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.US);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    private Preconditions() {}

    static String formatDate(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /** The date, or {@code null} when it is none of the three HTTP date forms. */
    static Instant parseDate(String value) {
        String trimmed = value.trim();
        try {
            return Instant.from(IMF_FIXDATE.parse(trimmed));
        } catch (DateTimeParseException e) {
            for (DateTimeFormatter obsolete : List.of(RFC_850, ASCTIME)) {
                try {
                    return LocalDateTime.parse(trimmed, obsolete).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException ignored) {
                    // try the next form
                }
            }
            return null;
        }
    }

    /**
     * RFC 9110 §13.1.2: whether an If-None-Match field (any listed tag, weakly compared, or
     * {@code *}) names the representation, so that a GET gets 304.
     */
    static boolean noneMatchFails(List<String> ifNoneMatch, Representation representation) {
        if (ifNoneMatch.size() == 1 && ifNoneMatch.get(0).equals(representation.etag())) {
            return true; // a revalidation sends back the tag it got: no list to parse
        }
        for (String value : ifNoneMatch) {
            if (value.trim().equals("*") || listsTag(value, representation.tag())) {
                return true;
            }
        }
        return false;
    }

    /** RFC 9110 §13.1.3: If-Modified-Since at or after the bundle's build time, to the second. */
    static boolean notModifiedSince(String ifModifiedSince, long lastModifiedSecond) {
        if (ifModifiedSince == null) {
            return false;
        }
        Instant since = parseDate(ifModifiedSince);
        return since != null && lastModifiedSecond <= since.getEpochSecond();
    }

    /**
     * Whether an entity-tag list ({@code "a", W/"b"}) names {@code tag}, weakly compared: the
     * {@code W/} is ignored. A tag sent without quotes counts as written, as lenient servers do.
     */
    static boolean listsTag(String list, String tag) {
        int i = 0;
        int n = list.length();
        while (i < n) {
            char c = list.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            if (list.startsWith("W/", i)) {
                i += 2;
            }
            int start;
            int end;
            if (i < n && list.charAt(i) == '"') {
                start = i + 1;
                end = list.indexOf('"', start);
                if (end < 0) {
                    return false; // unterminated: not a tag
                }
                i = end + 1;
            } else {
                start = i;
                end = list.indexOf(',', start);
                end = end < 0 ? n : end;
                i = end;
                while (end > start && Character.isWhitespace(list.charAt(end - 1))) {
                    end--;
                }
            }
            if (end - start == tag.length() && list.startsWith(tag, start)) {
                return true;
            }
        }
        return false;
    }

    /**
     * RFC 9110 §13.1.5: a Range applies only if {@code If-Range} is absent or names the current
     * representation: the same strong entity tag, or exactly its {@code Last-Modified} date. A
     * weak tag never matches.
     */
    static boolean ifRangeHolds(String ifRange, Representation representation, long lastModifiedSecond) {
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
        Instant date = parseDate(value);
        return date != null && date.getEpochSecond() == lastModifiedSecond;
    }
}
