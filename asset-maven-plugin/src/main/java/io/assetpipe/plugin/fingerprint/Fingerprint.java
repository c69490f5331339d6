package io.assetpipe.plugin.fingerprint;

import com.google.common.hash.Hashing;
import java.util.Base64;

/**
 * Content hashes. The fingerprint in a file name is the first {@value #LENGTH} hex digits (48 bits) of
 * the SHA-256 of the final bytes. Names only need to differ between versions of the same logical
 * path; with even 10,000 versions of one file the chance that two share a fingerprint is about
 * n²/2⁴⁹ ≈ 2·10⁻⁷, and a clash is also caught when the manifest is built (duplicate path).
 */
public final class Fingerprint {
    public static final int LENGTH = 12;

    private Fingerprint() {}

    public static String sha256Hex(byte[] bytes) {
        return Hashing.sha256().hashBytes(bytes).toString();
    }

    /** Subresource Integrity value: {@code sha384-} and the base64 digest. */
    public static String integrity(byte[] bytes) {
        return "sha384-" + Base64.getEncoder().encodeToString(Hashing.sha384().hashBytes(bytes).asBytes());
    }

    /**
     * {@code css/site.css} with hash {@code 3f2a9c1be0d4…} → {@code css/site-3f2a9c1be0d4.css}. The
     * fingerprint goes before the first dot of the file name, so {@code app.css.map} becomes
     * {@code app-<hash>.css.map} and every suffix a server or browser looks at is kept.
     */
    public static String fingerprintedPath(String logicalPath, String sha256Hex) {
        String hash = sha256Hex.substring(0, LENGTH);
        int slash = logicalPath.lastIndexOf('/');
        String dir = logicalPath.substring(0, slash + 1);
        String name = logicalPath.substring(slash + 1);
        int dot = name.indexOf('.', 1);
        return dot < 0 ? dir + name + "-" + hash : dir + name.substring(0, dot) + "-" + hash + name.substring(dot);
    }
}
