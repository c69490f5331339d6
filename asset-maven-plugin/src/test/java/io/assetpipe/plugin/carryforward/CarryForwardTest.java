package io.assetpipe.plugin.carryforward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.BundleFile;
import io.assetpipe.manifest.ManifestCodec;
import io.assetpipe.plugin.packaging.AssetsJar;
import io.assetpipe.plugin.packaging.OutputTimestamp;
import io.assetpipe.plugin.packaging.StoredJarWriter;
import io.assetpipe.plugin.packaging.TestBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarryForwardTest {
    @TempDir
    Path work;

    /** Release {@code n}: the stylesheet changes every release, the logo never does. */
    private static TestBundle release(int n) {
        return TestBundle.builtAt(Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofDays(10L * n)).toString())
                .with("css/site.css", "body{--release:" + n + "}")
                .with("img/logo.png", "logo");
    }

    private static String siteCss(int n) {
        return TestBundle.fingerprinted("css/site.css", TestBundle.sha256("body{--release:" + n + "}"));
    }

    private ReleaseBundle published(int n) throws IOException {
        return ReleaseBundle.open("com.example:shop:jar:assets:" + n + ".0", release(n).jar(work, "v" + n));
    }

    @Test
    void carriesThePreviousReleasesChangedFilesWithTheirVariants() throws IOException {
        ReleaseBundle v1 = published(1);
        Path bundle = work.resolve("v2/classes/META-INF/assets");
        AssetManifest built = release(2).writeTo(bundle);

        RetiredAssets.Plan plan = CarryForward.apply(bundle, List.of(v1), Optional.empty());

        AssetManifest written = read(bundle);
        assertEquals(plan.manifest(), written);
        assertEquals(built.assets(), written.assets());
        assertEquals(Set.of(siteCss(1)), written.retired().keySet()); // the logo is still current
        AssetEntry retired = written.retired().get(siteCss(1));
        assertEquals(v1.manifest().assets().get("css/site.css").withSourceMap(null), retired);
        assertEquals(1, retired.encodings().size());
        try (ZipFile v1Jar = new ZipFile(v1.jar().toFile())) {
            for (BundleFile file : retired.files()) {
                assertArrayEquals(v1Jar.getInputStream(v1Jar.getEntry(AssetsJar.PREFIX + file.path())).readAllBytes(),
                        Files.readAllBytes(bundle.resolve(file.path())), file.path());
            }
        }
        assertEquals(retired.size() + retired.encodings().values().iterator().next().size(), plan.carriedBytes());
        // The result packs: every file it lists is there with the right bytes.
        AssetsJar.write(bundle, work.resolve("v2-assets.jar"), OutputTimestamp.UNSET);
    }

    @Test
    void keepsExactlyTheWindowFromReleaseToReleaseWithoutSnowballing() throws IOException {
        // Each release keeps two previous ones, built on the jars the earlier runs produced.
        List<ReleaseBundle> published = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            Path bundle = work.resolve("r" + n);
            release(n).writeTo(bundle);
            List<ReleaseBundle> window = published.reversed().stream().limit(2).toList();
            CarryForward.apply(bundle, window, Optional.empty());
            Path jar = work.resolve("r" + n + "-assets.jar");
            AssetsJar.write(bundle, jar, OutputTimestamp.UNSET);
            published.add(ReleaseBundle.open("com.example:shop:jar:assets:" + n + ".0", jar));
        }
        assertEquals(Set.of(siteCss(5), siteCss(4)), published.get(5).manifest().retired().keySet());
        assertEquals(Set.of(siteCss(2), siteCss(1)), published.get(2).manifest().retired().keySet());
    }

    @Test
    void aMissingReleaseInsideTheWindowIsCoveredByANewerOnesRetiredEntries() throws IOException {
        List<ReleaseBundle> published = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            Path bundle = work.resolve("r" + n);
            release(n).writeTo(bundle);
            CarryForward.apply(bundle, published.reversed().stream().limit(3).toList(), Optional.empty());
            Path jar = work.resolve("r" + n + "-assets.jar");
            AssetsJar.write(bundle, jar, OutputTimestamp.UNSET);
            published.add(ReleaseBundle.open("com.example:shop:jar:assets:" + n + ".0", jar));
        }
        // Release 5 keeps 3, but 3.0 can't be resolved: its stylesheet still comes from 4.0's retired
        // entries, while 2.0's own retired entry (release 1's) stays out of the window.
        Path bundle = work.resolve("r5");
        release(5).writeTo(bundle);
        RetiredAssets.Plan plan = CarryForward.apply(bundle, List.of(published.get(3), published.get(1)), Optional.empty());
        assertEquals(Set.of(siteCss(4), siteCss(3), siteCss(2)), plan.manifest().retired().keySet());
        assertTrue(Files.isRegularFile(bundle.resolve(siteCss(3))));
    }

    @Test
    void maxAgeLeavesOutReleasesBuiltTooLongBefore() throws IOException {
        ReleaseBundle v1 = published(1); // built 2026-01-11
        ReleaseBundle v2 = published(2); // built 2026-01-21
        Path bundle = work.resolve("v3");
        release(3).writeTo(bundle);       // built 2026-01-31

        RetiredAssets.Plan plan = CarryForward.apply(bundle, List.of(v2, v1), Optional.of(Duration.ofDays(15)));

        assertEquals(Set.of(siteCss(2)), plan.manifest().retired().keySet());
        assertEquals(List.of(v1), plan.tooOld());
        assertEquals(List.of(v2), plan.carriedFrom());
        assertTrue(Files.notExists(bundle.resolve(siteCss(1))));
    }

    @Test
    void runningAgainGivesTheSameBundleAndKeepReleasesZeroUndoesIt() throws IOException {
        ReleaseBundle v1 = published(1);
        Path bundle = work.resolve("v2");
        release(2).writeTo(bundle);
        Set<String> before = listing(bundle);

        CarryForward.apply(bundle, List.of(v1), Optional.empty());
        byte[] once = Files.readAllBytes(bundle.resolve(ManifestCodec.FILE_NAME));
        Set<String> carried = listing(bundle);
        CarryForward.apply(bundle, List.of(v1), Optional.empty());
        assertArrayEquals(once, Files.readAllBytes(bundle.resolve(ManifestCodec.FILE_NAME)));
        assertEquals(carried, listing(bundle));

        CarryForward.apply(bundle, List.of(), Optional.empty());
        assertEquals(Set.of(), read(bundle).retired().keySet());
        assertEquals(before, listing(bundle));
    }

    @Test
    void aJarWhoseFileDoesNotMatchItsOwnManifestFailsNamingJarAndFile() throws IOException {
        Path directory = work.resolve("v1");
        AssetManifest manifest = release(1).writeTo(directory);
        String css = manifest.assets().get("css/site.css").path();
        Files.writeString(directory.resolve(css), "body{--release:X}"); // same size, other bytes
        Path jar = work.resolve("tampered.jar");
        List<StoredJarWriter.Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(Files::isRegularFile).forEach(file -> entries.add(new StoredJarWriter.Entry(
                    AssetsJar.PREFIX + directory.relativize(file).toString().replace('\\', '/'), file)));
        }
        StoredJarWriter.write(jar, entries, Instant.EPOCH.plusSeconds(400_000_000));

        CarryForwardException e = assertThrows(CarryForwardException.class,
                () -> ReleaseBundle.open("com.example:shop:jar:assets:1.0", jar));
        assertTrue(e.getMessage().contains("com.example:shop:jar:assets:1.0"), e.getMessage());
        assertTrue(e.getMessage().contains(jar.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(AssetsJar.PREFIX + css + " has sha256"), e.getMessage());
    }

    @Test
    void aJarWithoutAManifestFailsNamingIt() throws IOException {
        Path file = Files.writeString(work.resolve("Main.class"), "x");
        Path jar = work.resolve("app.jar");
        StoredJarWriter.write(jar, List.of(new StoredJarWriter.Entry("Main.class", file)), Instant.EPOCH.plusSeconds(400_000_000));
        CarryForwardException e = assertThrows(CarryForwardException.class, () -> ReleaseBundle.open("g:a:jar:assets:1", jar));
        assertTrue(e.getMessage().contains("g:a:jar:assets:1 (" + jar + ") has no META-INF/assets/manifest.json"), e.getMessage());
    }

    @Test
    void twoReleasesDisagreeingAboutAFileFail() throws IOException {
        ReleaseBundle v1 = published(1);
        AssetManifest lying = v1.manifest().withRetired(java.util.Map.of());
        AssetEntry css = lying.assets().get("css/site.css");
        AssetEntry other = new AssetEntry(css.path(), css.type(), css.size(), "0".repeat(64), css.integrity(), css.encodings(), null);
        ReleaseBundle v0 = new ReleaseBundle("com.example:shop:jar:assets:0.9", v1.jar(),
                AssetManifest.of("x", lying.buildTime(), java.util.Map.of("css/site.css", other), java.util.Map.of()));
        Path bundle = work.resolve("v2");
        release(2).writeTo(bundle);

        CarryForwardException e = assertThrows(CarryForwardException.class,
                () -> CarryForward.apply(bundle, List.of(v1, v0), Optional.empty()));
        assertTrue(e.getMessage().contains(css.path()) && e.getMessage().contains("assets:0.9"), e.getMessage());
    }

    private static AssetManifest read(Path bundle) throws IOException {
        return ManifestCodec.read(Files.readAllBytes(bundle.resolve(ManifestCodec.FILE_NAME)), "test");
    }

    private static Set<String> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> directory.relativize(file).toString())
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }
}
