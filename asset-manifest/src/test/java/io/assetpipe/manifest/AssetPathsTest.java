package io.assetpipe.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AssetPathsTest {
    @ParameterizedTest
    @ValueSource(strings = {"a.css", "css/app-3f2a9c1be0d4.css", "fonts/x.woff2", "a/b/c/d.e.f", "..a/b..", ".well-known/x"})
    void acceptsRelativePaths(String path) {
        assertTrue(AssetPaths.isSafe(path));
        assertNull(AssetPaths.problem(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/a", "a/", "a//b", "./a", "a/./b", "../a", "a/..", "a\\b", "a\u0000b", "/"})
    void rejectsEverythingThatCouldEscapeOrBeAmbiguous(String path) {
        assertFalse(AssetPaths.isSafe(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/..", "../a"})
    void namesTheProblem(String path) {
        assertEquals("has a '..' segment", AssetPaths.problem(path));
    }
}
