package io.assetpipe.plugin.css;

import io.assetpipe.plugin.compile.Diagnostic;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and rewrites the references a stylesheet makes to other files: {@code url(...)} (quoted or
 * not, including inside {@code @font-face}), the strings of {@code image-set()} (not those of its
 * {@code type()}), plain {@code @import "..."} and a {@code /*# sourceMappingURL=... *}{@code /}
 * comment. Other comments, the insides of strings ({@code content: "url(x)"}) and escaped
 * characters outside strings (Tailwind's {@code .font-\[\'Open_Sans\'\]}) are skipped.
 * {@code data:}, any other {@code scheme:}, {@code //host},
 * {@code #id} and root-relative {@code /path} references are left alone: they do not name a file of
 * this bundle.
 */
public final class CssReferences {
    private CssReferences() {}

    /**
     * A reference as written: {@code start..end} is the text replaced on rewrite (inside the quotes
     * when quoted), {@code path} the decoded path part, {@code suffix} the {@code ?query#fragment} kept.
     */
    public record Reference(int start, int end, String raw, String path, String suffix, int line, int column,
                            boolean sourceMap) {}

    private static final Pattern URL = Pattern.compile(
            "url\\(\\s*(?:\"([^\"]*)\"|'([^']*)'|((?:\\\\.|[^)\"'\\s\\\\])*))\\s*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern IMPORT = Pattern.compile(
            "@import\\s*(?:\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);
    private static final Pattern IMAGE_SET = Pattern.compile("image-set\\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"|'([^']*)'");
    /** A source map comment, {@code //# sourceMappingURL=} in CSS's comment form (and the old {@code @}). */
    private static final Pattern SOURCE_MAP = Pattern.compile("/\\*\\s*[#@]\\s*sourceMappingURL=([^\\s*]+)");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    /** Every reference to a file of the bundle, in source order. */
    public static List<Reference> find(String css) {
        boolean[] notCode = notCodeMask(css);
        List<Reference> refs = new ArrayList<>();
        Matcher m = URL.matcher(css);
        while (m.find()) {
            if (!notCode[m.start()]) {
                add(css, refs, m);
            }
        }
        m = IMPORT.matcher(css);
        while (m.find()) {
            if (!notCode[m.start()]) {
                add(css, refs, m);
            }
        }
        m = SOURCE_MAP.matcher(css);
        while (m.find()) {
            if (m.start() == 0 || !notCode[m.start() - 1]) { // the comment itself, not one inside another
                add(css, refs, m);
            }
        }
        m = IMAGE_SET.matcher(css);
        while (m.find()) {
            if (notCode[m.start()]) {
                continue;
            }
            int close = closingParen(css, m.end());
            Matcher s = STRING.matcher(css).region(m.end(), close);
            while (s.find()) {
                // Strings that are the argument of a url() inside image-set() were found above;
                // type("image/avif") names a MIME type.
                if (!precededBy(css, s.start(), "url") && !precededBy(css, s.start(), "type")) {
                    add(css, refs, s);
                }
            }
        }
        refs.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return refs;
    }

    /** {@code css} with each reference replaced by {@code replacement.apply(reference)} (+ its suffix). */
    public static String rewrite(String css, List<Reference> refs, Function<Reference, String> replacement) {
        StringBuilder out = new StringBuilder(css.length() + 64 * refs.size());
        int at = 0;
        for (Reference ref : refs) {
            out.append(css, at, ref.start()).append(replacement(ref, replacement.apply(ref)));
            at = ref.end();
        }
        return out.append(css, at, css.length()).toString();
    }

    /** What {@link #rewrite} puts in place of {@code ref} to make it name {@code path}. */
    public static String replacement(Reference ref, String path) {
        return urlPath(path) + ref.suffix();
    }

    /**
     * A file path as the path of a URL that is valid both quoted and unquoted in CSS: {@code %},
     * {@code #} and {@code ?} (which would start a fragment or query), whitespace, quotes,
     * parentheses and backslashes percent-encoded (a reference is decoded
     * before it is looked up, so {@code with%20space.gif} becomes {@code with%20space-<hash>.gif}).
     */
    public static String urlPath(String path) {
        StringBuilder out = null;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean escape = c == '%' || c == '#' || c == '?' || c == '"' || c == '\'' || c == '(' || c == ')' || c == '\\'
                    || c <= ' ' || c == 0x7f;
            if (escape && out == null) {
                out = new StringBuilder(path.length() + 8).append(path, 0, i);
            }
            if (escape) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? path : out.toString();
    }

    private static void add(String css, List<Reference> refs, Matcher m) {
        int group = m.group(1) != null ? 1 : m.group(2) != null ? 2 : 3;
        String raw = m.group(group);
        if (raw == null || !isBundleReference(raw)) {
            return;
        }
        int cut = indexOfAny(raw, "?#");
        String path = cut < 0 ? raw : raw.substring(0, cut);
        String suffix = cut < 0 ? "" : raw.substring(cut);
        if (path.isEmpty()) {
            return;
        }
        int start = m.start(group);
        int[] lc = Diagnostic.lineColumn(css, start);
        refs.add(new Reference(start, m.end(group), raw, decode(unescape(path)), suffix, lc[0], lc[1],
                m.pattern() == SOURCE_MAP));
    }

    static boolean isBundleReference(String raw) {
        String r = raw.trim();
        return !(r.isEmpty() || r.startsWith("#") || r.startsWith("/") || SCHEME.matcher(r).find()
                || r.toLowerCase(Locale.ROOT).startsWith("data:"));
    }

    /** CSS escapes of single characters ({@code \(} for {@code (}), as an unquoted {@code url()} needs them. */
    private static String unescape(String path) {
        return path.indexOf('\\') < 0 ? path : path.replaceAll("\\\\([^0-9a-fA-F\\n])", "$1");
    }

    private static String decode(String path) {
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path;
        }
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the string at {@code quote} is the argument of {@code function(}. */
    private static boolean precededBy(String css, int quote, String function) {
        int i = quote - 1;
        while (i >= 0 && Character.isWhitespace(css.charAt(i))) {
            i--;
        }
        int n = function.length();
        return i >= n && css.charAt(i) == '(' && css.regionMatches(true, i - n, function, 0, n);
    }

    /** The index of the {@code )} that closes a parenthesis opened just before {@code from}, or the end. */
    public static int closingParen(String css, int from) {
        int depth = 0;
        for (int i = from; i < css.length(); i++) {
            char c = css.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth-- == 0) {
                return i;
            }
        }
        return css.length();
    }

    /**
     * true at every index inside a comment or a string (quotes included), where {@code url(} is
     * text, not a reference. An unquoted {@code url(...)} is skipped whole: its argument may hold a
     * quote character that starts no string.
     */
    private static boolean[] notCodeMask(String css) {
        boolean[] mask = new boolean[css.length() + 1];
        int i = 0;
        char quote = 0;
        while (i < css.length()) {
            char c = css.charAt(i);
            if (quote != 0) {
                mask[i] = true;
                if (c == '\\' && i + 1 < css.length()) {
                    mask[++i] = true;
                } else if (c == quote) {
                    quote = 0;
                }
                i++;
            } else if (c == '\\') {
                i += 2; // an escaped character outside a string: \' in a selector starts no string
            } else if (c == '"' || c == '\'') {
                mask[i] = true;
                quote = c;
                i++;
            } else if ((c == 'u' || c == 'U') && css.regionMatches(true, i, "url(", 0, 4)
                    && !quotedArgument(css, i + 4)) {
                int close = i + 4;
                while (close < css.length() && css.charAt(close) != ')') {
                    close += css.charAt(close) == '\\' ? 2 : 1; // url(a\).png) is one URL
                }
                i = Math.min(close + 1, css.length());
            } else if (c == '/' && i + 1 < css.length() && css.charAt(i + 1) == '*') {
                int end = css.indexOf("*/", i + 2);
                end = end < 0 ? css.length() : end + 2;
                for (int j = i; j < end; j++) {
                    mask[j] = true;
                }
                i = end;
            } else {
                i++;
            }
        }
        return mask;
    }

    private static boolean quotedArgument(String css, int from) {
        int i = from;
        while (i < css.length() && Character.isWhitespace(css.charAt(i))) {
            i++;
        }
        return i < css.length() && (css.charAt(i) == '"' || css.charAt(i) == '\'');
    }
}
