package io.assetpipe.plugin.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildIndexTest {
    @TempDir
    Path dir;

    @Test
    void roundTrips() throws Exception {
        BuildIndex index = new BuildIndex("cfg", "abc", new TreeMap<>(Map.of("css/a.scss", "h1")),
                new TreeMap<>(Map.of("/r/x.jar", "10:20")),
                new TreeMap<>(Map.of("css/a.css", new TreeMap<>(Map.of("/p/a.scss", "h1", "/p/_b.scss", "h2")))),
                new TreeMap<>(Map.of("/p/a.scss", "12 1700000000000000000 h1")));
        index.write(dir);
        assertEquals(index, BuildIndex.read(dir).orElseThrow());
    }

    @Test
    void missingOrCorruptMeansNoIndex() throws Exception {
        assertTrue(BuildIndex.read(dir).isEmpty());
        for (String bad : new String[] {"", "{", "[]", "{\"configKey\":\"c\"}",
                "{\"configKey\":\"c\",\"manifestSha256\":\"m\",\"sources\":{\"a\":1},\"jars\":{},\"units\":{}}"}) {
            Files.writeString(dir.resolve(BuildIndex.FILE_NAME), bad);
            assertTrue(BuildIndex.read(dir).isEmpty(), bad);
        }
    }
}
