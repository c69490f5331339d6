package io.assetpipe.http;

import static io.assetpipe.manifest.ContentEncoding.BR;
import static io.assetpipe.manifest.ContentEncoding.GZIP;
import static io.assetpipe.manifest.ContentEncoding.ZSTD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.manifest.ManifestCodec;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetBundleTest {
    @TempDir
    Path temp;

    private static TestBundles.Builder site() {
        return TestBundles.builder()
                .add("js/jquery.js", "text/javascript; charset=utf-8", TestBundles.jquery(), BR, GZIP, ZSTD)
                .add("css/site.css", "text/css; charset=utf-8", "body{margin:0}\n".getBytes(StandardCharsets.UTF_8))
                .retire("js/jquery.js", "text/javascript; charset=utf-8", "old()".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void loadsJarDirectoryAndClasspathWithTheSameContent() throws Exception {
        TestBundles.Builder site = site();
        Path jar = site.writeJar(temp.resolve("site-assets.jar"));
        Path classes = site.writeDirectory(temp.resolve("classes/META-INF/assets"));

        for (AssetBundle bundle : List.of(
                AssetBundle.fromJar(jar),
                AssetBundle.fromDirectory(classes),
                AssetBundle.fromDirectory(temp.resolve("classes")), // a classes dir with META-INF/assets under it
                AssetBundle.fromClasspath(new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)),
                AssetBundle.fromClasspath(new URLClassLoader(new URL[] {temp.resolve("classes").toUri().toURL()}, null)))) {
            assertEquals(3, bundle.assetCount(), bundle.sources().toString());
            assertEquals(site.files().size(), bundle.fileCount());
            assertEquals(site.files().values().stream().mapToLong(b -> b.length).sum(), bundle.byteCount());
            assertEquals(site.manifest().assets(), new TreeMap<>(bundle.assets()));
            for (AssetBundle.LoadedAsset asset : bundle.loadedAssets()) {
                assertArrayEquals(site.files().get(asset.entry().path()), bytes(asset.identity()));
                asset.variants().forEach((encoding, body) -> assertArrayEquals(
                        site.files().get(asset.entry().encodings().get(encoding).path()), bytes(body)));
                assertTrue(asset.identity().isDirect() && asset.identity().isReadOnly());
            }
        }
    }

    @Test
    void nothingIsReadFromDiskAfterLoading() throws Exception {
        TestBundles.Builder site = site();
        Path dir = site.writeDirectory(temp.resolve("bundle"));
        AssetBundle bundle = AssetBundle.fromDirectory(dir);
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        assertTrue(Files.notExists(dir));
        for (AssetBundle.LoadedAsset asset : bundle.loadedAssets()) {
            assertArrayEquals(site.files().get(asset.entry().path()), bytes(asset.identity()));
        }
    }

    @Test
    void aSizeMismatchNamesTheFile() throws Exception {
        TestBundles.Builder site = site();
        Path dir = site.writeDirectory(temp.resolve("bundle"));
        String gz = site.manifest().assets().get("js/jquery.js").encodings().get(GZIP).path();
        Files.write(dir.resolve(gz), new byte[] {1, 2, 3});

        BundleException e = assertThrows(BundleException.class, () -> AssetBundle.fromDirectory(dir));
        Text.that(e.getMessage()).contains(dir.resolve(gz).toString()).contains("size 3 does not match");
    }

    @Test
    void aLongerFileIsASizeMismatchToo() throws Exception {
        TestBundles.Builder site = site();
        Map<String, byte[]> entries = new TreeMap<>(site.files());
        String css = site.manifest().assets().get("css/site.css").path();
        entries.put(css, "body{margin:0}\n/* appended */\n".getBytes(StandardCharsets.UTF_8));
        entries.put(ManifestCodec.FILE_NAME, ManifestCodec.write(site.manifest()));
        Path jar = TestBundles.Builder.writeJar(temp.resolve("x-assets.jar"), entries);

        BundleException e = assertThrows(BundleException.class, () -> AssetBundle.fromJar(jar));
        Text.that(e.getMessage()).contains(jar + "!/META-INF/assets/" + css).contains("more than the 15 bytes");
    }

    @Test
    void aShaMismatchNamesTheFile() throws Exception {
        TestBundles.Builder site = site();
        Map<String, byte[]> entries = new TreeMap<>(site.files());
        String css = site.manifest().assets().get("css/site.css").path();
        entries.put(css, "body{margin:1}\n".getBytes(StandardCharsets.UTF_8)); // same size, other bytes
        entries.put(ManifestCodec.FILE_NAME, ManifestCodec.write(site.manifest()));
        Path jar = TestBundles.Builder.writeJar(temp.resolve("x-assets.jar"), entries);

        BundleException e = assertThrows(BundleException.class, () -> AssetBundle.fromJar(jar));
        Text.that(e.getMessage())
                .contains(jar + "!/META-INF/assets/" + css)
                .contains("sha256 " + TestBundles.sha256("body{margin:1}\n".getBytes(StandardCharsets.UTF_8)))
                .contains("does not match the manifest's " + site.manifest().assets().get("css/site.css").sha256());
    }

    @Test
    void aMissingFileNamesTheFile() throws Exception {
        TestBundles.Builder site = site();
        Map<String, byte[]> entries = new TreeMap<>(site.files());
        String br = site.manifest().assets().get("js/jquery.js").encodings().get(BR).path();
        entries.remove(br);
        entries.put(ManifestCodec.FILE_NAME, ManifestCodec.write(site.manifest()));
        Path jar = TestBundles.Builder.writeJar(temp.resolve("x-assets.jar"), entries);

        BundleException e = assertThrows(BundleException.class, () -> AssetBundle.fromJar(jar));
        Text.that(e.getMessage()).contains(jar + "!/META-INF/assets/" + br).contains("missing");
    }

    @Test
    void anUnsupportedManifestVersionNamesTheManifest() throws Exception {
        Path dir = site().writeDirectory(temp.resolve("bundle"));
        Path manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"version\": 1", "\"version\": 2"));

        BundleException e = assertThrows(BundleException.class, () -> AssetBundle.load(List.of(dir)));
        Text.that(e.getMessage()).contains(manifest.toString()).contains("version 2 is not supported");
    }

    @Test
    void aJarWithoutManifestOrANonexistentPathIsRefused() throws Exception {
        Path jar = TestBundles.Builder.writeJar(temp.resolve("empty.jar"), Map.of("x.txt", new byte[1]));
        Text.that(assertThrows(BundleException.class, () -> AssetBundle.fromJar(jar)).getMessage())
                .contains(jar + "!/META-INF/assets/manifest.json: missing");
        Path nowhere = temp.resolve("nowhere.jar");
        Text.that(assertThrows(BundleException.class, () -> AssetBundle.load(List.of(nowhere))).getMessage())
                .contains(nowhere.toString()).contains("no such bundle");
    }

    @Test
    void twoBundlesClaimingOnePathNameBoth() throws Exception {
        Path first = site().writeJar(temp.resolve("first-assets.jar"));
        Path second = TestBundles.builder()
                .add("css/site.css", "text/css; charset=utf-8", "p{}".getBytes(StandardCharsets.UTF_8))
                .writeJar(temp.resolve("second-assets.jar"));

        BundleException e = assertThrows(BundleException.class, () -> AssetBundle.load(List.of(first, second)));
        Text.that(e.getMessage()).contains("\"css/site.css\"").contains(first.toString()).contains(second.toString());
    }

    @Test
    void distinctBundlesMerge() throws Exception {
        Path first = site().writeJar(temp.resolve("first-assets.jar"));
        Path second = TestBundles.builder()
                .add("admin/admin.css", "text/css; charset=utf-8", "p{}".getBytes(StandardCharsets.UTF_8))
                .writeDirectory(temp.resolve("admin"));

        AssetBundle bundle = AssetBundle.load(List.of(first, second));
        assertEquals(List.of(first.toString(), second.toString()), bundle.sources());
        assertEquals(4, bundle.assetCount());
        assertTrue(bundle.assets().keySet().containsAll(List.of("admin/admin.css", "css/site.css", "js/jquery.js")));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
