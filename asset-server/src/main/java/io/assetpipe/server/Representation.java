package io.assetpipe.server;

import io.assetpipe.manifest.ContentEncoding;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One way to send an asset: identity or one precompressed variant, with everything a response
 * needs computed at start-up, so that the request path only copies references.
 *
 * @param encoding the content coding, or {@code null} for identity
 * @param body the bytes, a read-only direct buffer; hand out {@code duplicate()}s only
 * @param etag the strong entity tag, quoted: {@code "<sha256 of these bytes>"}
 * @param tag the entity tag without quotes, for comparisons
 * @param ok headers of a 200 / HEAD response, Content-Length included (a 206 replaces it)
 * @param notModified headers of a 304 response (RFC 9110 §15.4.5)
 * @param region where the same bytes sit in the bundle's jar, for {@code sendfile}; {@code null} if nowhere
 */
record Representation(ContentEncoding encoding, ByteBuffer body, String etag, String tag, Headers ok,
        Headers notModified, AssetBundle.FileRegion region) {

    long length() {
        return body.remaining();
    }

    String token() {
        return encoding == null ? "identity" : encoding.token();
    }

    /** A fixed list of response headers, applied with no per-request string building. */
    record Headers(HttpString[] names, String[] values) {
        void applyTo(HeaderMap map) {
            for (int i = 0; i < names.length; i++) {
                map.put(names[i], values[i]);
            }
        }

        static Builder builder() {
            return new Builder();
        }

        static final class Builder {
            private final List<HttpString> names = new ArrayList<>();
            private final List<String> values = new ArrayList<>();

            Builder add(HttpString name, String value) {
                if (value != null) {
                    names.add(name);
                    values.add(value);
                }
                return this;
            }

            Headers build() {
                return new Headers(names.toArray(HttpString[]::new), values.toArray(String[]::new));
            }
        }
    }
}
