package io.assetpipe.http;

/**
 * The header fields the serving core reads or writes. A container adapter maps each to its own
 * name type once (Undertow's {@code HttpString}, a plain {@code String} for servlets), indexed
 * by {@link #ordinal()}, so that a precomputed {@link HeaderBlock} costs no lookup per request.
 */
public enum HeaderField {
    ACCEPT_ENCODING("Accept-Encoding"),
    ACCEPT_RANGES("Accept-Ranges"),
    ACCESS_CONTROL_ALLOW_HEADERS("Access-Control-Allow-Headers"),
    ACCESS_CONTROL_ALLOW_METHODS("Access-Control-Allow-Methods"),
    ACCESS_CONTROL_ALLOW_ORIGIN("Access-Control-Allow-Origin"),
    ACCESS_CONTROL_EXPOSE_HEADERS("Access-Control-Expose-Headers"),
    ACCESS_CONTROL_MAX_AGE("Access-Control-Max-Age"),
    ACCESS_CONTROL_REQUEST_METHOD("Access-Control-Request-Method"),
    ALLOW("Allow"),
    CACHE_CONTROL("Cache-Control"),
    CONTENT_ENCODING("Content-Encoding"),
    CONTENT_LENGTH("Content-Length"),
    CONTENT_RANGE("Content-Range"),
    CONTENT_TYPE("Content-Type"),
    ETAG("ETag"),
    IF_MODIFIED_SINCE("If-Modified-Since"),
    IF_NONE_MATCH("If-None-Match"),
    IF_RANGE("If-Range"),
    LAST_MODIFIED("Last-Modified"),
    LOCATION("Location"),
    ORIGIN("Origin"),
    RANGE("Range"),
    VARY("Vary"),
    X_CONTENT_TYPE_OPTIONS("X-Content-Type-Options");

    private final String text;

    HeaderField(String text) {
        this.text = text;
    }

    /** The field name as it goes on the wire. */
    public String text() {
        return text;
    }
}
