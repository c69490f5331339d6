package io.assetpipe.server;

import static io.assetpipe.manifest.ContentEncoding.GZIP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.manifest.AssetEntry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies of {@link ZeroCopySend#MIN_SIZE} and more that a jar holds STORED leave with
 * {@code sendfile} from the jar; these tests check, on a real server, that they arrive whole in
 * every case that path has: keep-alive, a variant, a client that reads slowly, and a jar cut short
 * under the running server.
 */
class LargeBodyTest {
    @TempDir
    Path temp;

    private record Site(Path jar, AssetEntry js, byte[] gzip, TestBundles.Builder builder) {}

    private Site site() throws IOException {
        byte[] jquery = TestBundles.jquery(); // 256 KB identity, its gzip variant ~80 KB: both take the file path
        TestBundles.Builder builder = TestBundles.builder()
                .add("js/jquery.js", "text/javascript; charset=utf-8", jquery, GZIP)
                .add("js/small.js", "text/javascript; charset=utf-8", "var small = 1;\n".getBytes());
        AssetEntry js = builder.manifest().assets().get("js/jquery.js");
        byte[] gzip = builder.files().get(js.encodings().get(GZIP).path());
        return new Site(builder.writeJar(temp.resolve("site-assets.jar")), js, gzip, builder);
    }

    @Test
    void theBundleKnowsWhereItsLargeStoredFilesSitInTheJar() throws IOException {
        Site site = site();
        AssetBundle bundle = AssetBundle.fromJar(site.jar());
        Map<String, AssetBundle.FileRegion> regions = bundle.loadedAssets().stream()
                .filter(asset -> asset.entry().path().equals(site.js().path()))
                .findFirst().orElseThrow().regions();
        assertEquals(java.util.Set.of(site.js().path(), site.js().encodings().get(GZIP).path()), regions.keySet());
        assertTrue(site.gzip().length >= ZeroCopySend.MIN_SIZE, "the gzip variant is large enough to test the file path");
        bundle.loadedAssets().stream().filter(asset -> asset.entry().path().endsWith(".js")
                        && !asset.entry().path().equals(site.js().path()))
                .forEach(small -> assertTrue(small.regions().isEmpty(), "small files are sent from memory"));
        // A bundle directory has no jar to send from.
        Path directory = site.builder().writeDirectory(temp.resolve("dir"));
        assertTrue(AssetBundle.fromDirectory(directory).loadedAssets().stream().allMatch(a -> a.regions().isEmpty()));
    }

    @Test
    void aCorruptLargeEntryStopsTheLoadNamingTheFile() throws IOException {
        Site site = site();
        byte[] jar = java.nio.file.Files.readAllBytes(site.jar());
        byte[] identity = site.builder().files().get(site.js().path());
        // Flip one byte in the middle of the STORED identity file: the zip structure stays valid.
        byte[] probe = java.util.Arrays.copyOfRange(identity, 100_000, 100_064);
        int at = indexOf(jar, probe) + 10;
        jar[at] ^= 1;
        java.nio.file.Files.write(site.jar(), jar);
        BundleException e = org.junit.jupiter.api.Assertions.assertThrows(
                BundleException.class, () -> AssetBundle.fromJar(site.jar()));
        Text.that(e.getMessage()).contains(site.js().path()).contains("does not match the manifest");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void largeBodiesArriveWholeOverOneKeepAliveConnectionAgainAndAgain() throws Exception {
        Site site = site();
        byte[] identity = site.builder().files().get(site.js().path());
        try (TestServer server = TestServer.start(List.of(site.jar()), "*", LogicalPathPolicy.SERVE)) {
            for (int i = 0; i < 20; i++) {
                HttpResponse<byte[]> plain = server.get("/assets/" + site.js().path());
                assertEquals(200, plain.statusCode());
                assertArrayEquals(identity, plain.body(), "identity, request " + i);
                HttpResponse<byte[]> gzip = server.get("/assets/" + site.js().path(), "Accept-Encoding", "gzip");
                assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElseThrow());
                assertArrayEquals(site.gzip(), gzip.body(), "gzip, request " + i);
            }
            // Ranges and HEAD keep their own (memory) path and stay right.
            HttpResponse<byte[]> range = server.get("/assets/" + site.js().path(), "Range", "bytes=100000-100009");
            assertEquals(206, range.statusCode());
            assertArrayEquals(java.util.Arrays.copyOfRange(identity, 100000, 100010), range.body());
        }
    }

    @Test
    void aSlowClientGetsTheWholeBody() throws Exception {
        Site site = site();
        try (TestServer server = TestServer.start(List.of(site.jar()), "*", LogicalPathPolicy.SERVE);
                SlowReader slow = SlowReader.open(server.port, "/assets/" + site.js().path())) {
            assertEquals(200, slow.status());
            Thread.sleep(300); // the server fills the socket and waits to be told it is writable
            assertArrayEquals(site.builder().files().get(site.js().path()), slow.readBody());
        }
    }

    @Test
    void aJarCutShortUnderTheServerStillYieldsWholeBodiesFromMemory() throws Exception {
        Site site = site();
        byte[] identity = site.builder().files().get(site.js().path());
        try (TestServer server = TestServer.start(List.of(site.jar()), "*", LogicalPathPolicy.SERVE)) {
            assertArrayEquals(identity, server.get("/assets/" + site.js().path()).body());
            try (FileChannel jar = FileChannel.open(site.jar(), StandardOpenOption.WRITE)) {
                jar.truncate(1000); // an in-place overwrite in progress: the file is shorter than at load
            }
            for (int i = 0; i < 3; i++) {
                HttpResponse<byte[]> response = server.get("/assets/" + site.js().path());
                assertEquals(200, response.statusCode());
                assertArrayEquals(identity, response.body(), "request " + i + " after the jar was cut short");
                assertArrayEquals(site.gzip(), server.get("/assets/" + site.js().path(), "Accept-Encoding", "gzip").body());
            }
            assertFalse(server.get("/healthz").body().length == 0, "the server still answers");
        }
    }
}
