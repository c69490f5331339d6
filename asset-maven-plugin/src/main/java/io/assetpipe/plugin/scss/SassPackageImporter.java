package io.assetpipe.plugin.scss;

import de.larsgrefer.sass.embedded.importer.FileImporter;
import io.assetpipe.plugin.library.LibraryRoots;
import io.assetpipe.plugin.library.PackageExports;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sass's {@code pkg:} URLs ({@code @use "pkg:bootstrap"}, {@code @use "pkg:@tabler/core/scss/tabler"})
 * resolved in the WebJars on the dependency list and node_modules, the places a bare
 * {@code @use "bulma/sass"} is found. Dart Sass's own Node package importer looks only in
 * node_modules folders above the stylesheet; this one follows its rules otherwise: a package's
 * {@code exports} with the {@code sass}, {@code style} and {@code default} conditions, then for the
 * package itself its {@code sass} or {@code style} field, else the path below the package, which Dart
 * Sass then resolves as any file URL (partials, extensions, index files).
 */
final class SassPackageImporter extends FileImporter {
    private static final Set<String> CONDITIONS = Set.of("sass", "style", "default");
    /** An npm package name ({@code bulma}, {@code @tabler/core}), then the path below the package. */
    private static final Pattern PACKAGE = Pattern.compile("((?:@[^/.][^/]*/)?[^/.@][^/]*)(?:/(.*))?");

    /** Where packages are looked for during the current compile (one at a time per Dart Sass process). */
    private volatile LibraryRoots libraries = LibraryRoots.of(List.of());

    void searchIn(List<Path> roots) {
        libraries = LibraryRoots.of(roots);
    }

    @Override
    public File handleImport(String url, boolean fromImport) {
        try {
            return url.startsWith("pkg:") ? resolve(url.substring(4)).map(Path::toFile).orElse(null) : null;
        } catch (RuntimeException e) {
            // A path this file system rejects (a colon on Windows): not found, as Sass then says,
            // rather than the stack trace sass-embedded-host would send as the error's message.
            return null;
        }
    }

    /** The file or folder {@code pkg:<specifier>} names; empty when no such package is found. */
    Optional<Path> resolve(String specifier) {
        Matcher m = PACKAGE.matcher(specifier);
        if (!m.matches()) {
            return Optional.empty(); // no package name: Dart Sass turns pkg:a/../b into pkg:/b
        }
        String subPath = m.group(2) == null ? "" : m.group(2);
        Optional<Path> dir = libraries.packageDirectory(m.group(1));
        return dir.map(d -> named(d, subPath)).filter(found -> found.startsWith(dir.get())); // no ../ out of it
    }

    private static Path named(Path dir, String subPath) {
        String exported = PackageExports.target(dir, subPath.isEmpty() ? "." : "./" + subPath, CONDITIONS);
        if (exported != null) {
            return dir.resolve(exported).normalize();
        }
        if (subPath.isEmpty()) {
            for (String field : List.of("sass", "style")) {
                String path = PackageExports.field(dir, field);
                if (path != null) {
                    return dir.resolve(path).normalize();
                }
            }
        }
        return dir.resolve(subPath).normalize(); // the package's own index file for an empty path
    }
}
