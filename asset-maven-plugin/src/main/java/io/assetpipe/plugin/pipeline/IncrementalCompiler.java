package io.assetpipe.plugin.pipeline;

import io.assetpipe.plugin.compile.CompileResult;
import io.assetpipe.plugin.compile.Diagnostic;
import io.assetpipe.plugin.incremental.BuildIndex;
import io.assetpipe.plugin.incremental.FileHashes;
import io.assetpipe.plugin.js.ClosureJit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Compiles units in parallel, reusing the output of a unit whose recorded inputs are all unchanged
 * since the last build. Outputs are kept in {@code <workDirectory>/compiled} for the next build.
 */
final class IncrementalCompiler {
    private final Path cacheDir;
    private final boolean sourceMaps;
    private final boolean closureC1Only;
    private final FileHashes hashes;
    private final BuildLog log;

    IncrementalCompiler(BuildConfig config, FileHashes hashes, BuildLog log) {
        this.cacheDir = config.workDirectory().resolve("compiled");
        this.sourceMaps = config.sourceMaps();
        this.closureC1Only = config.closureC1Only();
        this.hashes = hashes;
        this.log = log;
    }

    /**
     * The outputs of one build, by logical path, and how many were compiled or reused.
     */
    record Compilation(Map<String, CompileResult.Compiled> outputs, int compiled, int reused) {

        /** The compilers' warnings, in output order; a new list the caller may add to. */
        List<Diagnostic> warnings() {
            List<Diagnostic> warnings = new ArrayList<>();
            outputs.values().forEach(c -> warnings.addAll(c.warnings()));
            return warnings;
        }

        /** The files each output was made from, with their hashes, for the {@link BuildIndex}. */
        SortedMap<String, SortedMap<String, String>> inputHashes(FileHashes hashes) {
            SortedMap<String, SortedMap<String, String>> units = new TreeMap<>();
            outputs.forEach((logical, c) -> {
                SortedMap<String, String> inputs = new TreeMap<>();
                c.inputs().forEach(in -> inputs.put(in.toString(), hashes.of(in)));
                units.put(logical, inputs);
            });
            return units;
        }
    }

    /** Compiles {@code units}; compiler errors go to {@code errors}. {@code previous} may be null. */
    Compilation compile(List<CompileUnit> units, BuildIndex previous, ExecutorService pool, List<Diagnostic> errors)
            throws IOException {
        Map<String, CompileResult.Compiled> out = new TreeMap<>();
        int compiled = 0;
        int reused = 0;
        List<CompileUnit> toCompile = new ArrayList<>();
        for (CompileUnit unit : units) {
            CompileResult.Compiled cached = previous == null ? null : cached(unit, previous);
            if (cached != null) {
                log.debug(unit.logicalPath() + ": unchanged, reused");
                out.put(unit.logicalPath(), cached);
                reused++;
            } else {
                toCompile.add(unit);
            }
        }
        boolean scripts = toCompile.stream().anyMatch(CompileUnit::isScript);
        try (ClosureJit jit = closureC1Only && scripts ? ClosureJit.c1Only() : ClosureJit.unchanged()) {
            log.debug("Closure Compiler's code compiled by C1 only: " + jit.active());
            Map<String, Future<CompileResult>> jobs = new LinkedHashMap<>();
            for (CompileUnit unit : toCompile) {
                jobs.put(unit.logicalPath(), pool.submit(unit.compile()::get));
            }
            for (Map.Entry<String, Future<CompileResult>> job : jobs.entrySet()) {
                CompileResult result = Futures.await(job.getValue());
                switch (result) {
                    case CompileResult.Compiled c -> {
                        out.put(job.getKey(), c);
                        compiled++;
                        log.debug(job.getKey() + ": compiled from " + c.inputs().size() + " file(s)");
                        store(job.getKey(), c);
                    }
                    case CompileResult.Failed f -> errors.addAll(f.errors());
                }
            }
        }
        return new Compilation(out, compiled, reused);
    }

    private CompileResult.Compiled cached(CompileUnit unit, BuildIndex previous) {
        Map<String, String> inputs = previous.units().get(unit.logicalPath());
        if (inputs == null || inputs.isEmpty() || !hashes.unchanged(inputs)) {
            return null;
        }
        Path code = cacheDir.resolve(unit.logicalPath());
        Path map = cacheDir.resolve(unit.logicalPath() + ".map");
        try {
            if (!Files.isRegularFile(code) || (sourceMaps && !Files.isRegularFile(map))) {
                return null;
            }
            return new CompileResult.Compiled(Files.readString(code),
                    sourceMaps ? Files.readString(map) : null,
                    inputs.keySet().stream().map(Path::of).toList(), List.of());
        } catch (IOException e) {
            return null;
        }
    }

    private void store(String logical, CompileResult.Compiled c) throws IOException {
        Path code = cacheDir.resolve(logical);
        Files.createDirectories(code.getParent());
        Files.writeString(code, c.code());
        Path map = cacheDir.resolve(logical + ".map");
        if (c.sourceMap() != null) {
            Files.writeString(map, c.sourceMap());
        } else {
            Files.deleteIfExists(map);
        }
    }
}
