package io.assetpipe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Packages a folder of already-built files (e.g. bench/peer's output) as an assets jar: a stand-in
 * bundle for developing bench/serve.sh before asset:build can build the real one, and for serving
 * the peers' output. Text files get a gzip variant; .gz files in the folder are skipped.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.assetpipe.bench.DirectoryBundle DIR OUT.jar}
 */
public final class DirectoryBundle {
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "map", "application/json; charset=utf-8",
            "svg", "image/svg+xml; charset=utf-8",
            "woff", "font/woff",
            "woff2", "font/woff2");

    private DirectoryBundle() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: DirectoryBundle DIR OUT.jar");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        BundleWriter bundle = new BundleWriter();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".gz")).sorted().toList();
        }
        for (Path file : files) {
            String logical = dir.relativize(file).toString().replace('\\', '/');
            String extension = logical.substring(logical.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            String type = TYPES.getOrDefault(extension, "application/octet-stream");
            bundle.add(logical, type, Files.readAllBytes(file), type.contains("charset"));
        }
        bundle.write(Path.of(args[1]), "assetpipe-bench directory");
        System.out.println(args[1] + " " + files.size() + " assets");
    }
}
