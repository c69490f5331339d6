package io.assetpipe.plugin.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleWriterTest {
    @TempDir
    Path dir;

    @Test
    void movedBundleReplacesTheOldOneAndLeavesNothingBeside() throws Exception {
        Path target = dir.resolve("assets");
        Files.createDirectories(target.resolve("css"));
        Files.writeString(target.resolve("css/old.css"), "old");
        try (BundleWriter bundle = BundleWriter.stage(target)) {
            bundle.write("css/new.css", "new".getBytes());
            bundle.moveIntoPlace();
        }
        assertEquals("new", Files.readString(target.resolve("css/new.css")));
        assertFalse(Files.exists(target.resolve("css/old.css")));
        assertEquals(List.of("assets"), names(dir));
    }

    @Test
    void closingWithoutMovingDeletesTheStagingDirectory() throws Exception {
        Path target = dir.resolve("assets");
        try (BundleWriter bundle = BundleWriter.stage(target)) {
            bundle.write("a/b/c.txt", "x".getBytes());
            assertEquals(1, names(dir).size());
        }
        assertEquals(List.of(), names(dir));
    }

    @Test
    void leftoversOfAKilledBuildAreRemovedButNothingElse() throws Exception {
        Path target = dir.resolve("assets");
        Files.createDirectories(dir.resolve(".assets-staging-123/css"));
        Files.writeString(dir.resolve(".assets-staging-123/css/a.css"), "a");
        Files.createDirectories(dir.resolve("assets.old-456"));
        Files.createDirectories(target);
        Files.createDirectories(dir.resolve("classes"));
        BundleWriter.removeLeftovers(target);
        assertEquals(List.of("assets", "classes"), names(dir));
        assertTrue(Files.isDirectory(target));
    }

    private static List<String> names(Path dir) throws Exception {
        try (var list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
