package io.assetpipe.plugin.packaging;

import io.assetpipe.manifest.BundleFile;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Size and SHA-256 of some bytes, as a manifest records them, read in one pass. */
public record ContentDigest(long size, String sha256) {

    public static ContentDigest of(InputStream in) throws IOException {
        MessageDigest sha256 = newSha256();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (DigestInputStream digesting = new DigestInputStream(in, sha256)) {
            for (int n; (n = digesting.read(buffer)) > 0; ) {
                size += n;
            }
        }
        return new ContentDigest(size, HexFormat.of().formatHex(sha256.digest()));
    }

    public static ContentDigest of(byte[] bytes) {
        return new ContentDigest(bytes.length, HexFormat.of().formatHex(newSha256().digest(bytes)));
    }

    /** Whether these bytes are the ones {@code expected} lists. */
    public boolean matches(BundleFile expected) {
        return size == expected.size() && sha256.equals(expected.sha256());
    }

    /** Why these bytes are not the ones {@code expected} lists, e.g. for an error message. */
    public String describeMismatch(BundleFile expected) {
        return size == expected.size()
                ? "has sha256 " + sha256 + " but the manifest says " + expected.sha256()
                : "has " + size + " bytes but the manifest says " + expected.size();
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
