package io.assetpipe.plugin.scss;

import de.larsgrefer.sass.embedded.util.IOUtils;
import de.larsgrefer.sass.embedded.util.PlatformUtils;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The Dart Sass executable for this machine, from the archives in sass-embedded-bundled's jar (one
 * per platform: Linux x64, arm64, arm and riscv64 with glibc or musl, macOS x64 and arm64, Windows
 * x64). The archive is extracted once into the temp directory, as jsass, brotli4j and zstd-jni
 * extract their native libraries, and reused by later builds; it goes to a fresh folder that is then
 * renamed into place, so two builds starting together never run a half-written binary.
 */
final class DartSassBinaries {
    private static final String ARCHIVES = "de/larsgrefer/sass/embedded/bundled/";
    private static final String PREFIX = "dart-sass-";

    private final Path jar;
    private final String archive;

    private DartSassBinaries(Path jar, String archive) {
        this.jar = jar;
        this.archive = archive;
    }

    /**
     * The binaries for {@code platform} (sass-embedded-host's name for it, such as
     * {@code linux-x64.tar.gz}) in {@code jar}.
     *
     * @throws IOException when the jar cannot be read, or has no build for the platform (the message names it)
     */
    static DartSassBinaries of(Path jar, String platform) throws IOException {
        List<String> builds;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            builds = zip.stream().map(e -> e.getName())
                    .filter(name -> name.startsWith(ARCHIVES + PREFIX))
                    .map(name -> name.substring(ARCHIVES.length() + PREFIX.length()))
                    .toList();
        }
        if (!builds.contains(platform)) {
            throw new IOException("Dart Sass has no build for this machine (" + System.getProperty("os.name")
                    + " " + System.getProperty("os.arch") + ": " + name(platform) + ") in " + jar.getFileName()
                    + ", which has " + String.join(", ", builds.stream().map(DartSassBinaries::name).sorted().toList()));
        }
        return new DartSassBinaries(jar, PREFIX + platform);
    }

    /**
     * The build machine's platform as sass-embedded-host names its archives ({@code linux-x64.tar.gz},
     * {@code linux-arm64-musl.tar.gz}, {@code macos-arm64.tar.gz}); another operating system, which
     * the host would take for Linux, as {@code <os>-<arch>}, which no archive is named.
     */
    static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("linux") || os.contains("mac") || os.contains("win")) {
            return PlatformUtils.getDartSassPackageSuffix(); // reads the same properties, and asks ldd for musl
        }
        return (os + "-" + osArch).replaceAll("[^a-z0-9_.-]", "");
    }

    /** {@code linux-x64} for {@code linux-x64.tar.gz}. */
    private static String name(String platform) {
        return platform.replaceFirst("\\.(tar\\.gz|zip)$", "");
    }

    /** The command that runs Dart Sass in embedded mode: its Dart runtime and snapshot, as its own launcher does. */
    List<String> embeddedCommand() throws IOException {
        Path sass = extracted().resolve("dart-sass/src");
        boolean windows = archive.endsWith(".zip");
        Path dart = sass.resolve(windows ? "dart.exe" : "dart");
        Path snapshot = sass.resolve("sass.snapshot");
        if (!Files.isRegularFile(dart) || !Files.isRegularFile(snapshot)) {
            throw new IOException(archive + " from " + jar + " has no " + dart.getFileName() + " and sass.snapshot in "
                    + sass + "; delete that folder to extract it again");
        }
        return List.of(dart.toString(), snapshot.toString(), "--embedded");
    }

    /** The folder the archive is extracted into, extracting it the first time. */
    private Path extracted() throws IOException {
        String jarName = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "assetpipe-dart-sass", jarName);
        Path target = root.resolve(name(archive.substring(PREFIX.length())).toLowerCase(Locale.ROOT));
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(root);
        Path partial = Files.createTempDirectory(root, "extracting-");
        try {
            IOUtils.extract(URI.create("jar:" + jar.toUri() + "!/" + ARCHIVES + archive).toURL(), partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(target)) {
                throw new IOException("cannot extract " + archive + " from " + jar + " into " + root + ": " + e.getMessage(), e);
            }
            // another build extracted it first and won the rename: theirs is complete
        } finally {
            deleteIfLeft(partial);
        }
        return target;
    }

    private static void deleteIfLeft(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

}
