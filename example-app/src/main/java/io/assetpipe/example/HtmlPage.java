package io.assetpipe.example;

import io.undertow.util.ETag;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A page rendered once at start-up: its bytes and a strong ETag over them. The page changes only
 * when a new build (and so a new bundle) is deployed, so browsers revalidate it on every visit
 * ({@code no-cache}) and get a 304 until then.
 */
record HtmlPage(int status, ByteBuffer body, ETag etag) {

    static HtmlPage of(int status, String html) {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        return new HtmlPage(status, ByteBuffer.wrap(bytes).asReadOnlyBuffer(),
                new ETag(false, sha256(bytes).substring(0, 32)));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
