package io.assetpipe.plugin.incremental;

import io.assetpipe.plugin.compile.CompileResult;
import io.assetpipe.plugin.fingerprint.Fingerprint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * Compiled outputs kept between builds in {@code <workDirectory>/compiled}. Each is filed under a
 * key made from exactly what it was compiled from: the configuration key, its logical path and
 * every input file with its hash. A lookup computes the key from the files' hashes now, so an
 * output is only ever found for the very inputs it was made from; an entry whose inputs changed
 * is simply never asked for again.
 *
 * <p>The pipeline writes entries only after a build succeeded ({@link #keepOnly}), each through a
 * temporary file and an atomic move, so a failed or killed build adds nothing the next one could reuse.
 */
public final class CompileCache {
    private static final String CODE = ".out";
    private static final String MAP = ".map";

    private final Path dir;
    private final String configKey;

    /** @param configKey hash of the plugin version and configuration, part of every key */
    public CompileCache(Path dir, String configKey) {
        this.dir = dir;
        this.configKey = configKey;
    }

    /**
     * The output compiled for {@code logical} from {@code inputs} (absolute path → SHA-256, as the
     * files are now), or empty when there is none: never one made from other inputs.
     */
    public Optional<CompileResult.Compiled> find(String logical, SortedMap<String, String> inputs, boolean sourceMap) {
        String key = key(logical, inputs);
        Path code = dir.resolve(key + CODE);
        Path map = dir.resolve(key + MAP);
        try {
            if (!Files.isRegularFile(code) || (sourceMap && !Files.isRegularFile(map))) {
                return Optional.empty();
            }
            return Optional.of(new CompileResult.Compiled(Files.readString(code),
                    sourceMap ? Files.readString(map) : null,
                    inputs.keySet().stream().map(Path::of).toList(), List.of()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Makes the cache hold exactly {@code outputs}, each filed under the inputs given for it in
     * {@code inputs} (logical path → input path → hash, as {@link BuildIndex#units()}): new entries
     * are written, entries of no output are deleted. Called once a build has succeeded.
     */
    public void keepOnly(Map<String, CompileResult.Compiled> outputs,
                         SortedMap<String, SortedMap<String, String>> inputs) throws IOException {
        Files.createDirectories(dir);
        Set<Path> kept = new HashSet<>();
        for (Map.Entry<String, CompileResult.Compiled> output : outputs.entrySet()) {
            String key = key(output.getKey(), inputs.get(output.getKey()));
            CompileResult.Compiled compiled = output.getValue();
            kept.add(write(dir.resolve(key + CODE), compiled.code()));
            if (compiled.sourceMap() != null) {
                kept.add(write(dir.resolve(key + MAP), compiled.sourceMap()));
            }
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir) && !kept.contains(p)) {
                    Files.delete(p); // an older build's entry, or a folder of the former layout
                }
            }
        }
    }

    private String key(String logical, SortedMap<String, String> inputs) {
        StringBuilder text = new StringBuilder(configKey).append('\n').append(logical).append('\n');
        inputs.forEach((path, hash) -> text.append(path).append('\t').append(hash).append('\n'));
        return Fingerprint.sha256Hex(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code text} to {@code file} unless it is there already (same key, same content). */
    private static Path write(Path file, String text) throws IOException {
        if (!Files.isRegularFile(file)) {
            Path tmp = Files.createTempFile(file.getParent(), "entry", ".tmp");
            try {
                Files.writeString(tmp, text);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return file;
    }
}
