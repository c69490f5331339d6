package io.assetpipe.plugin.pipeline;

import io.assetpipe.manifest.AssetPaths;
import io.assetpipe.plugin.compile.CompileResult;
import io.assetpipe.plugin.compile.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An asset before fingerprinting.
 *
 * @param logicalPath its path in the bundle before fingerprinting
 * @param bytes its content before references are rewritten
 * @param sourceMap logical path of its source map, or null
 * @param sources the files it was made from, to point diagnostics at
 */
record PendingAsset(String logicalPath, byte[] bytes, String sourceMap, List<Path> sources) {

    /** Pass-through files and compiled outputs (with their source maps), by logical path. */
    static Map<String, PendingAsset> collect(Path src, List<String> files, CompilePlan plan,
                                             Map<String, CompileResult.Compiled> compiled) throws IOException {
        Map<String, PendingAsset> pending = new TreeMap<>();
        for (String file : files) {
            if (plan.isPassThrough(file)) {
                pending.put(file, new PendingAsset(file, Files.readAllBytes(src.resolve(file)), null, List.of(src.resolve(file))));
            }
        }
        compiled.forEach((logical, c) -> {
            String map = c.sourceMap() == null ? null : logical + ".map";
            pending.put(logical, new PendingAsset(logical, c.code().getBytes(StandardCharsets.UTF_8), map, c.inputs()));
            if (map != null) {
                pending.put(map, new PendingAsset(map, c.sourceMap().getBytes(StandardCharsets.UTF_8), null, List.of()));
            }
        });
        return pending;
    }

    /** Adds an error for every logical path the manifest could not carry. */
    static void checkPaths(Path src, Map<String, PendingAsset> pending, List<Diagnostic> errors) {
        for (String logical : pending.keySet()) {
            String problem = AssetPaths.problem(logical);
            if (problem != null) {
                errors.add(Diagnostic.of(src.resolve(logical), "cannot be an asset: its path " + problem));
            }
        }
    }
}
