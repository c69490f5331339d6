package io.assetpipe.plugin.library;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Front-end libraries from Maven dependencies. Each WebJar on the dependency list is unpacked once
 * into {@code <workDirectory>/webjars/<name>/...} with the version segment dropped, as
 * webjars-locator does, so {@code bootstrap/scss/bootstrap} names
 * {@code META-INF/resources/webjars/bootstrap/<version>/scss/_bootstrap.scss}. Sass and the
 * JavaScript resolver then see plain directories: the WebJar directory and an optional
 * {@code node_modules} folder, searched in that order.
 */
public final class LibraryRoots {
    private static final String WEBJARS = "META-INF/resources/webjars/";

    private final List<Path> roots;

    private LibraryRoots(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /**
     * @param dependencyJars the project's compile/runtime dependency files; non-WebJars are skipped
     * @param webjarDirectory where WebJars are unpacked (emptied first, so a removed dependency disappears)
     * @param nodeModules optional node_modules directory, may be null or absent
     */
    public static LibraryRoots prepare(List<Path> dependencyJars, Path webjarDirectory, Path nodeModules)
            throws IOException {
        deleteRecursively(webjarDirectory);
        Files.createDirectories(webjarDirectory);
        for (Path jar : dependencyJars) {
            if (Files.isRegularFile(jar) && jar.getFileName().toString().endsWith(".jar")) {
                unpackWebJar(jar, webjarDirectory);
            }
        }
        List<Path> roots = new ArrayList<>();
        roots.add(webjarDirectory);
        if (nodeModules != null && Files.isDirectory(nodeModules)) {
            roots.add(nodeModules);
        }
        return new LibraryRoots(roots);
    }

    /** Directories already holding packages, searched in this order (Sass's include paths, say). */
    public static LibraryRoots of(List<Path> roots) {
        return new LibraryRoots(roots);
    }

    public List<Path> roots() {
        return roots;
    }

    /** The directory of package {@code name} (npm name; {@code @scope/name} also tried as {@code scope__name}). */
    public Optional<Path> packageDirectory(String name) {
        for (Path root : roots) {
            for (String candidate : candidates(name)) {
                Path dir = root.resolve(candidate);
                if (Files.isDirectory(dir)) {
                    return Optional.of(dir);
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> candidates(String name) {
        String webJar = webJarName(name);
        return webJar.equals(name) ? List.of(name) : List.of(name, webJar);
    }

    /** The package a bare import names: {@code dayjs} for {@code dayjs/plugin/utc}, {@code @scope/name} for {@code @scope/name/x}. */
    public static String packageName(String specifier) {
        String[] parts = specifier.split("/");
        int nameLength = specifier.startsWith("@") && parts.length > 1 ? 2 : 1;
        return String.join("/", java.util.Arrays.copyOf(parts, nameLength));
    }

    /** The Maven coordinates of the WebJar of npm package {@code name}: {@code org.webjars.npm:dayjs}. */
    public static String webJarCoordinates(String name) {
        return "org.webjars.npm:" + webJarName(name);
    }

    /** org.webjars.npm names a scoped package {@code @scope/name} "scope__name". */
    private static String webJarName(String name) {
        return name.startsWith("@") && name.contains("/") ? name.substring(1).replace("/", "__") : name;
    }

    private static void unpackWebJar(Path jar, Path target) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(WEBJARS)) {
                    continue;
                }
                String[] parts = name.substring(WEBJARS.length()).split("/", 3);
                if (parts.length < 3 || parts[2].isEmpty() || name.contains("..")) {
                    continue; // not <name>/<version>/<path>
                }
                Path out = target.resolve(parts[0]).resolve(parts[2]).normalize();
                if (!out.startsWith(target)) {
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
