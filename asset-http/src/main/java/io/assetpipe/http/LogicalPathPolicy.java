package io.assetpipe.http;

/** What {@link AssetHandler} does with a request for a logical (not fingerprinted) path. */
public enum LogicalPathPolicy {
    /** Serve the current file with {@code Cache-Control: no-cache} and its ETag (the default). */
    SERVE,
    /** Answer 302 with the fingerprinted URL in {@code Location}. */
    REDIRECT,
    /** Treat it as unknown: the request goes to the {@code next} handler (404 by default). */
    DENY
}
