package io.assetpipe.plugin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * esbuild itself, installed from the npm registry into {@code target/} (once per version), to read
 * the metafiles the build writes with its own {@code analyzeMetafile}. Without npm the test that
 * uses it is skipped with a message, except under {@code CI=true}, where CI installs it (.ci/run)
 * and its absence fails.
 */
final class Esbuild {
    static final String VERSION = "0.28.2";
    private static final Path HOME = Path.of("target", "esbuild-" + VERSION).toAbsolutePath();
    private static final String ANALYZE = """
            const fs = require("fs");
            const esbuild = require("esbuild");
            esbuild.analyzeMetafile(fs.readFileSync(process.argv[2], "utf8"), { verbose: process.argv[3] === "verbose" })
              .then(text => process.stdout.write(text), e => { console.error(e); process.exit(1); });
            """;

    private Esbuild() {}

    /** Why esbuild cannot run here, if it cannot. */
    static Optional<String> unavailable() {
        for (String tool : List.of("node", "npm")) {
            if (onPath(tool).isEmpty()) {
                String message = "the metafile check needs node and npm (esbuild " + VERSION + " from the npm registry),"
                        + " but " + tool + " is not on the PATH; install them with `apt-get install nodejs npm`"
                        + " (.ci/run does)";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    fail("CI=true and " + message);
                }
                return Optional.of("SKIPPED: " + message);
            }
        }
        return Optional.empty();
    }

    /** The text esbuild's {@code analyzeMetafile} makes of {@code metafile}. */
    static String analyzeMetafile(Path metafile, boolean verbose) throws IOException, InterruptedException {
        install();
        Path script = HOME.resolve("analyze.js");
        Files.writeString(script, ANALYZE);
        return run(List.of("node", script.toString(), metafile.toString(), verbose ? "verbose" : ""), HOME);
    }

    private static synchronized void install() throws IOException, InterruptedException {
        if (Files.isRegularFile(HOME.resolve("node_modules/esbuild/package.json"))) {
            return;
        }
        Files.createDirectories(HOME);
        run(List.of("npm", "install", "--prefix", HOME.toString(), "--no-save", "--no-package-lock", "--no-audit",
                "--no-fund", "--loglevel=error", "esbuild@" + VERSION), HOME);
    }

    private static String run(List<String> command, Path directory) throws IOException, InterruptedException {
        Path out = Files.createTempFile("esbuild", ".out");
        Path err = Files.createTempFile("esbuild", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within 5 minutes");
            }
            assertEquals(0, process.exitValue(), String.join(" ", command) + " failed: " + Files.readString(err));
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Optional<Path> onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
