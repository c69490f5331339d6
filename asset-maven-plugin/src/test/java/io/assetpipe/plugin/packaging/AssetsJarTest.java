package io.assetpipe.plugin.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.manifest.AssetManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetsJarTest {
    private static final Instant TIME = OutputTimestamp.UNSET;

    @TempDir
    Path work;

    private final TestBundle bundle = TestBundle.builtAt("2026-03-01T10:00:00Z")
            .with("css/site.css", "body{color:red}")
            .with("js/app.js", "console.log(1)")
            .with("img/logo.png", "not really a png");

    @Test
    void packsTheManifestAndExactlyTheFilesItLists() throws IOException {
        Path directory = work.resolve("classes/META-INF/assets");
        AssetManifest manifest = bundle.writeTo(directory);
        Files.writeString(directory.resolve("css/stale-000000000000.css"), "left over from an earlier build");

        AssetsJar.Result result = AssetsJar.write(directory, work.resolve("target/app-1.0-assets.jar"), TIME);

        try (ZipFile zip = new ZipFile(result.jar().toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            List<String> expected = new java.util.ArrayList<>();
            expected.add("META-INF/assets/manifest.json");
            manifest.files().forEach(file -> expected.add("META-INF/assets/" + file.path()));
            expected.sort(null);
            assertEquals(expected, names);
            assertEquals(6, result.entries()); // manifest, 3 identity files, 2 gzip variants
            assertEquals(LocalDateTime.of(1980, 2, 1, 0, 0), zip.getEntry("META-INF/assets/manifest.json").getTimeLocal());
        }
        assertEquals(Files.size(result.jar()), result.size());
        // Size and hash are taken from the stream as it is written: they must be the file's.
        assertEquals(ContentDigest.of(Files.readAllBytes(result.jar())).sha256(), result.sha256());
    }

    @Test
    void aFileThatDiffersFromTheManifestFailsNamingIt() throws IOException {
        Path directory = work.resolve("assets");
        AssetManifest manifest = bundle.writeTo(directory);
        String path = manifest.assets().get("css/site.css").path();
        Files.writeString(directory.resolve(path), "body{color:tan}"); // same size, other bytes

        PackagingException e = assertThrows(PackagingException.class,
                () -> AssetsJar.write(directory, work.resolve("x.jar"), TIME));
        assertTrue(e.getMessage().contains(directory.resolve(path).toString()), e.getMessage());
        assertTrue(e.getMessage().contains("has sha256"), e.getMessage());
        assertTrue(Files.notExists(work.resolve("x.jar")));
    }

    @Test
    void aMissingFileOrManifestFailsNamingIt() throws IOException {
        Path directory = work.resolve("assets");
        AssetManifest manifest = bundle.writeTo(directory);
        String variant = manifest.assets().get("js/app.js").encodings().values().iterator().next().path();
        Files.delete(directory.resolve(variant));

        PackagingException missingFile = assertThrows(PackagingException.class,
                () -> AssetsJar.write(directory, work.resolve("x.jar"), TIME));
        assertTrue(missingFile.getMessage().contains("lists " + variant), missingFile.getMessage());

        PackagingException noBundle = assertThrows(PackagingException.class,
                () -> AssetsJar.write(work.resolve("nothing"), work.resolve("x.jar"), TIME));
        assertTrue(noBundle.getMessage().contains("asset:build"), noBundle.getMessage());
    }

    @Test
    void anUnchangedBundleKeepsItsJarAndAnyChangeRewritesIt() throws IOException {
        Path directory = work.resolve("assets");
        AssetManifest manifest = bundle.writeTo(directory);
        Path jar = work.resolve("target/app-assets.jar");
        Path state = work.resolve("target/assetpipe/app-assets.jar.state");
        Instant time = Instant.parse("2026-01-01T00:00:00Z");

        AssetsJar.Result first = AssetsJar.writeIfChanged(directory, jar, time, state);
        FileTime written = Files.getLastModifiedTime(jar);
        assertEquals(first, AssetsJar.writeIfChanged(directory, jar, time, state));
        assertEquals(written, Files.getLastModifiedTime(jar), "an unchanged bundle keeps its jar");

        // The jar touched since (replaced, say): rewritten.
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
        assertEquals(first, AssetsJar.writeIfChanged(directory, jar, time, state));
        assertNotEquals(FileTime.fromMillis(1_000_000), Files.getLastModifiedTime(jar), "rewritten");

        // Another entry time: rewritten, with other bytes.
        written = Files.getLastModifiedTime(jar);
        assertNotEquals(first.sha256(), AssetsJar.writeIfChanged(directory, jar, TIME, state).sha256());
        assertNotEquals(written, Files.getLastModifiedTime(jar));

        // A listed file rewritten with other bytes of the same size has a new time, so the jar is
        // rewritten, which checks every file against the manifest and names this one.
        Path edited = directory.resolve(manifest.assets().get("css/site.css").path());
        Files.writeString(edited, "body{color:tan}");
        Files.setLastModifiedTime(edited, FileTime.fromMillis(2_000_000)); // file clocks can be coarser than this test
        byte[] previousJar = Files.readAllBytes(jar);
        PackagingException e = assertThrows(PackagingException.class,
                () -> AssetsJar.writeIfChanged(directory, jar, TIME, state));
        assertTrue(e.getMessage().contains("has sha256"), e.getMessage());
        // The check runs while the new jar is written; the failure leaves the previous jar and no temp file.
        assertArrayEquals(previousJar, Files.readAllBytes(jar));
        assertTrue(Files.notExists(jar.resolveSibling(jar.getFileName() + ".tmp")));
    }

    @Test
    void twoBuildsOfTheSameSourcesGiveTheSameJar() throws IOException {
        AssetsJar.Result one = AssetsJar.write(writeBundle("one"), work.resolve("one.jar"), TIME);
        AssetsJar.Result two = AssetsJar.write(writeBundle("two"), work.resolve("two.jar"), TIME);
        assertEquals(one.sha256(), two.sha256());
        assertEquals(64, one.sha256().length());
    }

    private Path writeBundle(String name) throws IOException {
        Path directory = work.resolve(name);
        bundle.writeTo(directory);
        return directory;
    }
}
