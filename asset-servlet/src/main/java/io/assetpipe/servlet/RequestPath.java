package io.assetpipe.servlet;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The path the core looks up, taken from the raw request URI the way Undertow takes it: path
 * parameters ({@code ;jsessionid=…}) removed, percent-decoded once as UTF-8, an encoded slash left
 * encoded. The servlet API's own {@code getPathInfo()} is not used because containers normalise it
 * ({@code /assets/../assets/x} becomes {@code /assets/x}), and the core refuses such paths with 400
 * on every server alike.
 */
final class RequestPath {
    private RequestPath() {}

    /** The decoded path, or {@code null} when it is not valid percent-encoded UTF-8. */
    static String decode(String raw) {
        String path = raw.indexOf(';') < 0 ? raw : withoutParameters(raw);
        if (path.indexOf('%') < 0) {
            return path;
        }
        ByteBuffer bytes = ByteBuffer.allocate(path.length() * 3);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                int value = i + 2 < path.length() ? hex(path.charAt(i + 1), path.charAt(i + 2)) : -1;
                if (value < 0) {
                    return null;
                }
                if (value == '/') {
                    bytes.put((byte) '%').put((byte) path.charAt(i + 1)).put((byte) path.charAt(i + 2));
                } else {
                    bytes.put((byte) value);
                }
                i += 2;
            } else {
                bytes.put(StandardCharsets.UTF_8.encode(CharBuffer.wrap(path, i, i + 1)));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes.flip())
                    .toString();
        } catch (CharacterCodingException e) {
            return null; // overlong forms such as %c0%ae included
        }
    }

    private static String withoutParameters(String raw) {
        StringBuilder path = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            int semicolon = raw.indexOf(';', i);
            if (semicolon < 0) {
                path.append(raw, i, raw.length());
                break;
            }
            path.append(raw, i, semicolon);
            int slash = raw.indexOf('/', semicolon);
            i = slash < 0 ? raw.length() : slash;
        }
        return path.toString();
    }

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h << 4 | l;
    }
}
