package io.assetpipe.http;

import io.assetpipe.manifest.ContentEncoding;
import java.nio.ByteBuffer;

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
public record Representation(ContentEncoding encoding, ByteBuffer body, String etag, String tag, HeaderBlock ok,
        HeaderBlock notModified, AssetBundle.FileRegion region) {

    public long length() {
        return body.remaining();
    }

    String token() {
        return encoding == null ? "identity" : encoding.token();
    }
}
