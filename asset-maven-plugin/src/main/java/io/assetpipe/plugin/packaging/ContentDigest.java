package io.assetpipe.plugin.packaging;

import com.google.common.hash.HashingInputStream;
import com.google.common.hash.Hashing;
import com.google.common.io.ByteStreams;
import io.assetpipe.manifest.BundleFile;
import io.assetpipe.plugin.fingerprint.Fingerprint;
import java.io.IOException;
import java.io.InputStream;

/** Size and SHA-256 of some bytes, as a manifest records them, read in one pass. */
public record ContentDigest(long size, String sha256) {

    public static ContentDigest of(InputStream in) throws IOException {
        try (HashingInputStream hashing = new HashingInputStream(Hashing.sha256(), in)) {
            long size = ByteStreams.exhaust(hashing);
            return new ContentDigest(size, hashing.hash().toString());
        }
    }

    public static ContentDigest of(byte[] bytes) {
        return new ContentDigest(bytes.length, Fingerprint.sha256Hex(bytes));
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
}
