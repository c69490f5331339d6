package io.assetpipe.plugin.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MediaTypesTest {
    @Test
    void theWebsOwnFilesHaveTheTypesChosenHere() {
        assertTypes(Map.of(
                "css/site-0123456789ab.css", "text/css; charset=utf-8",
                "js/app.mjs", "text/javascript; charset=utf-8",
                "site.webmanifest", "application/manifest+json; charset=utf-8",
                "fonts/fa-solid-900.WOFF2", "font/woff2",
                "img/hero.avif", "image/avif",
                "media/intro.mp4", "video/mp4"));
        assertFalse(MediaTypes.isCompressible("fonts/fa-solid-900.woff2"));
        assertTrue(MediaTypes.isCompressible("fonts/fa-solid-900.ttf"));
    }

    @Test
    void aCursorIsAnIconFile() {
        // cursor: url(../img/grab.cur), grab; mime-db has no entry for .cur.
        assertEquals("image/x-icon", MediaTypes.typeOf("img/grab.cur"));
        assertTrue(MediaTypes.isCompressible("img/grab.cur"));
    }

    @Test
    void everyOtherExtensionHasItsRegisteredTypeAndTextIsCompressed() {
        // Captions for a <track>, a three.js model, map data for Leaflet or MapLibre: text, so worth compressing.
        Map<String, String> text = Map.of(
                "media/captions.vtt", "text/vtt; charset=utf-8",
                "models/duck.gltf", "model/gltf+json; charset=utf-8",
                "data/countries.geojson", "application/geo+json; charset=utf-8",
                "schema.jsonld", "application/ld+json; charset=utf-8");
        assertTypes(text);
        text.keySet().forEach(path -> assertTrue(MediaTypes.isCompressible(path), path));
        // A type with no source given beats Apache's audio/x-wav.
        assertTypes(Map.of("models/duck.glb", "model/gltf-binary", "img/spinner.apng", "image/apng",
                "sounds/click.ogg", "audio/ogg", "sounds/click.wav", "audio/wav"));
        assertFalse(MediaTypes.isCompressible("img/spinner.apng"));
    }

    private static void assertTypes(Map<String, String> typeByPath) {
        typeByPath.forEach((path, type) -> assertEquals(type, MediaTypes.typeOf(path), path));
    }

    @Test
    void unknownExtensionsAreBytesNotCompressed() {
        assertEquals("application/octet-stream", MediaTypes.typeOf("data/tiles.pbf"));
        assertEquals("application/octet-stream", MediaTypes.typeOf("LICENSE"));
        assertFalse(MediaTypes.isCompressible("data/tiles.pbf"));
    }
}
