package io.assetpipe.manifest;

/**
 * Path rules shared by the plugin, the server and anything else that reads a bundle: every path in
 * a manifest is relative, {@code /}-separated, and has no empty, {@code .} or {@code ..} segment,
 * no backslash and no NUL, so it can never name a file outside the bundle.
 */
public final class AssetPaths {
    private AssetPaths() {}

    /** Why {@code path} is not a safe bundle path, or {@code null} when it is. */
    public static String problem(String path) {
        if (path == null) {
            return "is missing";
        }
        if (path.isEmpty()) {
            return "is empty";
        }
        if (path.startsWith("/")) {
            return "is absolute";
        }
        if (path.indexOf('\\') >= 0) {
            return "contains a backslash";
        }
        if (path.indexOf('\0') >= 0) {
            return "contains a NUL character";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                return "has an empty segment";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "has a '" + segment + "' segment";
            }
        }
        return null;
    }

    public static boolean isSafe(String path) {
        return problem(path) == null;
    }

    /**
     * Returns {@code path} if it is safe, else throws naming {@code field} and the value.
     *
     * @throws ManifestException if the path is not a safe bundle path
     */
    public static String requireSafe(String field, String path) {
        String problem = problem(path);
        if (problem != null) {
            throw new ManifestException(field + " " + quote(path) + " " + problem);
        }
        return path;
    }

    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
