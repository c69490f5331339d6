package io.assetpipe.manifest;

import java.util.Base64;
import java.util.regex.Pattern;

/** Field checks shared by the records; each failure names the field and the value. */
final class Checks {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final String SHA384_PREFIX = "sha384-";

    private Checks() {}

    static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ManifestException(field + " " + AssetPaths.quote(value) + " must be a non-empty string");
        }
        return value;
    }

    static void requireSize(String field, long size) {
        if (size < 0) {
            throw new ManifestException(field + " " + size + " must not be negative");
        }
    }

    static void requireSha256(String field, String value) {
        if (value == null || !SHA256_HEX.matcher(value).matches()) {
            throw new ManifestException(
                    field + " " + AssetPaths.quote(value) + " must be 64 lowercase hexadecimal digits");
        }
    }

    static void requireIntegrity(String field, String value) {
        boolean valid = value != null && value.startsWith(SHA384_PREFIX);
        if (valid) {
            try {
                valid = Base64.getDecoder().decode(value.substring(SHA384_PREFIX.length())).length == 48;
            } catch (IllegalArgumentException e) {
                valid = false;
            }
        }
        if (!valid) {
            throw new ManifestException(
                    field + " " + AssetPaths.quote(value) + " must be \"sha384-\" followed by a base64 SHA-384 digest");
        }
    }
}
