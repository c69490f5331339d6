package io.assetpipe.plugin.js;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A package folder without package.json, as the classic WebJars ({@code org.webjars:jquery},
 * {@code org.webjars:bootstrap}, {@code org.webjars:lodash}, {@code org.webjars:popper.js}) are: npm
 * says nothing about which file the package name means, so a bare import of the name finds the
 * first of a fixed list, the places those WebJars keep their main script: {@code <name>.js} at the
 * root (jquery 3, lodash 4; {@code <name>} itself when the name ends in {@code .js}, as popper.js 1's
 * does), then {@code dist/<name>.js}, {@code js/<name>.js} (bootstrap 4 and 5), {@code index.js}.
 * Other files are imported by their path ({@code "popper.js/umd/popper.js"}).
 */
final class ClassicWebJar {
    private static final int LISTED = 8;

    private ClassicWebJar() {}

    /** Whether {@code dir} is such a folder: it has no package.json. */
    static boolean is(Path dir) {
        return !Files.isRegularFile(dir.resolve("package.json"));
    }

    /** The main script of the package in {@code dir}, or {@code null} if none of the places holds one. */
    static Path main(Path dir) {
        for (String candidate : candidates(dir)) {
            Path file = dir.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    private static List<String> candidates(Path dir) {
        String name = dir.getFileName().toString();
        String file = name.endsWith(".js") ? name : name + ".js";
        return List.of(file, "dist/" + file, "js/" + file, "index.js");
    }

    /**
     * Why the package name alone finds nothing in {@code dir}, with the scripts it has (at its root
     * and one folder down, minified ones left out, those with the package's name first) written as
     * the imports that name them.
     */
    static String noMain(String pkg, Path dir) {
        String mainName = candidates(dir).get(0);
        List<String> scripts;
        try (Stream<Path> files = Files.walk(dir, 2)) {
            scripts = files.filter(Files::isRegularFile)
                    .map(file -> dir.relativize(file).toString().replace('\\', '/'))
                    .filter(path -> ModuleGraph.isScript(path) && !path.contains(".min.") && !path.startsWith("webjars-"))
                    // those named as the package first (Popper 2's umd/popper.js, esm/popper.js), then by depth
                    .sorted(Comparator.comparing((String path) -> !path.endsWith("/" + mainName))
                            .thenComparingInt(path -> path.split("/").length).thenComparing(path -> path))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String looked = "\"" + pkg + "\" has no package.json (a classic WebJar), nor any of "
                + String.join(", ", candidates(dir)) + ", the files taken for its main script; ";
        if (scripts.isEmpty()) {
            return looked + "it has no script at its root or one folder down";
        }
        List<String> imports = scripts.stream().limit(LISTED).map(path -> "\"" + pkg + "/" + path + "\"").toList();
        return looked + "import one of its scripts by its path: " + String.join(", ", imports)
                + (scripts.size() > LISTED ? ", … (" + scripts.size() + " in all)" : "");
    }
}
