package io.assetpipe.plugin.scss;

import java.net.URI;
import java.nio.file.Path;

/** The canonical URLs Dart Sass names files by. */
final class SassUrls {
    private SassUrls() {}

    /** The file a {@code file:} URL names; null for any other ({@code sass:math}, an empty URL). */
    static Path file(String url) {
        if (!url.startsWith("file:")) {
            return null;
        }
        try {
            return Path.of(URI.create(url)).normalize();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
