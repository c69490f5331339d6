package io.assetpipe.plugin.packaging;

/** The bundle on disk can't be packaged as it is: a file its manifest lists is missing or differs. */
public final class PackagingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PackagingException(String message) {
        super(message);
    }
}
