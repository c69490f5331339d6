package io.assetpipe.plugin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContributorTest {
    @Test
    void projectFilesStandAloneAndLibraryFilesGroupByWebJarOrPackage() {
        List<Contributor> contributors = Contributor.of(Map.of(
                "js/app.js", 500L,
                "js/lib/util.js", 40L,
                "webjars/jquery/dist-module/jquery.module.js", 80_000L,
                "webjars/lit__reactive-element/reactive-element.js", 3_000L,
                "webjars/lit__reactive-element/css-tag.js", 1_000L,
                "node_modules/@floating-ui/dom/dist/floating-ui.dom.mjs", 9_000L,
                "node_modules/a/node_modules/b/index.js", 700L,
                "webjars/react/index.js$interop", 20L), 300L);

        assertEquals(List.of(
                        "jquery WEBJAR 80000",
                        "@floating-ui/dom NPM 9000",
                        "@lit/reactive-element WEBJAR 4000",
                        "b NPM 700",
                        "js/app.js PROJECT 500",
                        "(no source) UNMAPPED 300",
                        "js/lib/util.js PROJECT 40",
                        "react WEBJAR 20"),
                contributors.stream().map(c -> c.name() + " " + c.origin() + " " + c.bytes()).toList());
        assertEquals(Map.of("webjars/lit__reactive-element/reactive-element.js", 3_000L,
                "webjars/lit__reactive-element/css-tag.js", 1_000L), contributors.get(2).files());
        assertEquals("jquery (WebJar)", contributors.get(0).label());
        assertEquals("js/app.js", contributors.get(4).label());
    }
}
