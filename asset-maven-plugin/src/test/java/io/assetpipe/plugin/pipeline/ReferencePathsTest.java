package io.assetpipe.plugin.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** How stylesheet references are resolved to logical paths, and rewritten to fingerprinted ones. */
class ReferencePathsTest {
    @Test
    void resolvesRelativeToTheStylesheet() {
        assertEquals("img/logo.png", StylesheetReferences.resolveReference("css/app.css", "../img/logo.png"));
        assertEquals("css/fonts/a.woff2", StylesheetReferences.resolveReference("css/app.css", "./fonts//a.woff2"));
        assertEquals("a.png", StylesheetReferences.resolveReference("app.css", "a.png"));
        assertNull(StylesheetReferences.resolveReference("css/app.css", "../../outside.png"));
    }

    @Test
    void rewritesRelativeToTheReferringFile() {
        assertEquals("../img/logo-abc.png", Fingerprinter.relative("css/app.css", "img/logo-abc.png"));
        assertEquals("fonts/a-abc.woff2", Fingerprinter.relative("css/app.css", "css/fonts/a-abc.woff2"));
        assertEquals("b-abc.css", Fingerprinter.relative("css/a.css", "css/b-abc.css"));
        assertEquals("../../x-abc.png", Fingerprinter.relative("a/b/c.css", "x-abc.png"));
        assertEquals("css/a-abc.css", Fingerprinter.relative("index.css", "css/a-abc.css"));
    }
}
