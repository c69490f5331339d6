package io.assetpipe.manifest;

/**
 * A manifest that breaks the v1 contract. The message names the offending field (as a JSON
 * location such as {@code assets["css/app.css"].encodings.br.path}) and its value.
 */
public final class ManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
