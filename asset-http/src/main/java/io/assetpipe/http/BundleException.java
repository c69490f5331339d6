package io.assetpipe.http;

/**
 * A bundle that cannot be served: unreadable, not matching its manifest, or clashing with another
 * bundle. The message always names the file (and, for clashes, both bundles), because this is what
 * an operator sees when the server refuses to start.
 */
public final class BundleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
