package io.assetpipe.plugin.pipeline;

import io.assetpipe.plugin.compile.CompileResult;
import io.assetpipe.plugin.compile.Diagnostic;
import io.assetpipe.plugin.incremental.BuildIndex;
import io.assetpipe.plugin.incremental.CompileCache;
import io.assetpipe.plugin.incremental.FileHashes;
import io.assetpipe.plugin.js.ClosureProcess;
import io.assetpipe.plugin.js.ClosureScriptCompiler;
import io.assetpipe.plugin.js.ScriptJob;
import java.io.IOException;
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
 * since the last successful build, from the {@link CompileCache}. It writes nothing: the pipeline
 * keeps this build's outputs for the next one only once the whole build has succeeded.
 */
final class IncrementalCompiler {
    private final CompileCache cache;
    private final boolean sourceMaps;
    private final boolean closureFork;
    private final ClosureScriptCompiler.Settings closureSettings;
    private final FileHashes hashes;
    private final BuildLog log;

    IncrementalCompiler(BuildConfig config, CompileCache cache, FileHashes hashes, BuildLog log) {
        this.cache = cache;
        this.sourceMaps = config.sourceMaps();
        this.closureFork = config.closureFork();
        this.closureSettings = config.closureSettings();
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

    /**
     * Compiles {@code units}; compiler errors go to {@code errors}. {@code previous} may be null;
     * {@code startedClosure} is a Closure process started early for this build, or null.
     */
    Compilation compile(List<CompileUnit> units, BuildIndex previous, ExecutorService pool,
                        ClosureProcess startedClosure, List<Diagnostic> errors) throws IOException {
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
        List<ScriptJob> forked = new ArrayList<>();
        Map<String, Future<CompileResult>> jobs = new LinkedHashMap<>();
        for (CompileUnit unit : toCompile) {
            if (closureFork && unit.isScript()) {
                forked.add(unit.script());
            } else {
                jobs.put(unit.logicalPath(), pool.submit(() -> timed(unit)));
            }
        }
        Map<String, CompileResult> results = new LinkedHashMap<>();
        if (!forked.isEmpty()) {
            // This thread waits for the child while the pool compiles the stylesheets.
            long start = System.nanoTime();
            if (startedClosure != null) {
                results.putAll(startedClosure.compile(closureSettings, forked)); // its starter ends it
            } else {
                try (ClosureProcess child = ClosureProcess.start()) {
                    results.putAll(child.compile(closureSettings, forked));
                }
            }
            log.debug(forked.size() + " script(s) compiled in Closure's process in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
        for (Map.Entry<String, Future<CompileResult>> job : jobs.entrySet()) {
            results.put(job.getKey(), Futures.await(job.getValue()));
        }
        for (CompileUnit unit : toCompile) {
            switch (results.get(unit.logicalPath())) {
                case CompileResult.Compiled c -> {
                    out.put(unit.logicalPath(), c);
                    compiled++;
                    log.debug(unit.logicalPath() + ": compiled from " + c.inputs().size() + " file(s)");
                }
                // A broken partial fails every stylesheet that imports it, with the same error: once is enough.
                case CompileResult.Failed f -> f.errors().stream().filter(e -> !errors.contains(e)).forEach(errors::add);
            }
        }
        return new Compilation(out, compiled, reused);
    }

    /** Runs {@code unit}'s compile, logging its wall time (mvn -X shows where a build's time goes). */
    private CompileResult timed(CompileUnit unit) {
        long start = System.nanoTime();
        log.debug(unit.logicalPath() + ": compiling (" + unit.kind() + ")");
        CompileResult result = unit.compile().get();
        log.debug(unit.logicalPath() + ": compile took " + (System.nanoTime() - start) / 1_000_000 + " ms");
        return result;
    }

    /** The output the last successful build made from the inputs it recorded, if they are all unchanged. */
    private CompileResult.Compiled cached(CompileUnit unit, BuildIndex previous) {
        SortedMap<String, String> inputs = previous.units().get(unit.logicalPath());
        if (inputs == null || inputs.isEmpty() || !hashes.unchanged(inputs)) {
            return null;
        }
        return cache.find(unit.logicalPath(), inputs, sourceMaps).orElse(null);
    }
}
