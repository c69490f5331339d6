package io.assetpipe.http;

import static io.assetpipe.manifest.ContentEncoding.GZIP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.manifest.AssetEntry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files of {@link AssetBundle#REGION_MIN_SIZE} and more that a jar holds STORED get a
 * {@link AssetBundle.FileRegion} for {@code sendfile}; their bytes are checked like any other's.
 * (asset-server's LargeBodyTest sends them.)
 */
public class LargeStoredFilesTest {
    @TempDir
    Path temp;

    /** A jar with jQuery (256 KB identity, its gzip variant ~80 KB: both large) and a small script. */
    public record Site(Path jar, AssetEntry js, byte[] gzip, TestBundles.Builder builder) {
        public static Site write(Path directory) throws IOException {
            byte[] jquery = TestBundles.jquery();
            TestBundles.Builder builder = TestBundles.builder()
                    .add("js/jquery.js", "text/javascript; charset=utf-8", jquery, GZIP)
                    .add("js/small.js", "text/javascript; charset=utf-8", "var small = 1;\n".getBytes());
            AssetEntry js = builder.manifest().assets().get("js/jquery.js");
            byte[] gzip = builder.files().get(js.encodings().get(GZIP).path());
            return new Site(builder.writeJar(directory.resolve("site-assets.jar")), js, gzip, builder);
        }

        /** The identity and the gzip body, whole, 20 times each over the client's keep-alive connection. */
        public void assertServedWholeAgainAndAgain(TestServer server) {
            byte[] identity = builder.files().get(js.path());
            for (int i = 0; i < 20; i++) {
                HttpResponse<byte[]> plain = server.get("/assets/" + js.path());
                assertEquals(200, plain.statusCode());
                assertArrayEquals(identity, plain.body(), "identity, request " + i);
                HttpResponse<byte[]> gzipped = server.get("/assets/" + js.path(), "Accept-Encoding", "gzip");
                assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElseThrow());
                assertArrayEquals(gzip, gzipped.body(), "gzip, request " + i);
            }
        }
    }

    private Site site() throws IOException {
        return Site.write(temp);
    }

    @Test
    void theBundleKnowsWhereItsLargeStoredFilesSitInTheJar() throws IOException {
        Site site = site();
        AssetBundle bundle = AssetBundle.fromJar(site.jar());
        Map<String, AssetBundle.FileRegion> regions = bundle.loadedAssets().stream()
                .filter(asset -> asset.entry().path().equals(site.js().path()))
                .findFirst().orElseThrow().regions();
        assertEquals(Set.of(site.js().path(), site.js().encodings().get(GZIP).path()), regions.keySet());
        assertTrue(site.gzip().length >= AssetBundle.REGION_MIN_SIZE, "the gzip variant is large enough to test the file path");
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
        byte[] jar = Files.readAllBytes(site.jar());
        byte[] identity = site.builder().files().get(site.js().path());
        // Flip one byte in the middle of the STORED identity file: the zip structure stays valid.
        byte[] probe = Arrays.copyOfRange(identity, 100_000, 100_064);
        int at = indexOf(jar, probe) + 10;
        jar[at] ^= 1;
        Files.write(site.jar(), jar);
        BundleException e = assertThrows(
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
}
