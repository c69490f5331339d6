package io.assetpipe.http;

/** One satisfiable byte range of a representation: bytes {@code first..last}, inclusive. */
public record ByteRange(long first, long last) {
    public long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} value of a 206 for a representation of {@code total} bytes. */
    public String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }
}
