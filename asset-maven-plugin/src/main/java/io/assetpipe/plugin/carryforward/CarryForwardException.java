package io.assetpipe.plugin.carryforward;

/** A previous release can't be carried forward: its jar doesn't match its own manifest. */
public final class CarryForwardException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CarryForwardException(String message) {
        super(message);
    }

    public CarryForwardException(String message, Throwable cause) {
        super(message, cause);
    }
}
