package io.assetpipe.plugin.pipeline;

import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.ManifestCodec;
import io.assetpipe.manifest.ManifestException;
import io.assetpipe.plugin.compile.Diagnostic;
import io.assetpipe.plugin.fingerprint.DependencyOrder;
import io.assetpipe.plugin.fingerprint.Fingerprint;
import io.assetpipe.plugin.incremental.BuildIndex;
import io.assetpipe.plugin.incremental.BuildInputs;
import io.assetpipe.plugin.incremental.CompileCache;
import io.assetpipe.plugin.incremental.FileHashes;
import io.assetpipe.plugin.incremental.UpToDateCheck;
import io.assetpipe.plugin.js.ClosureProcess;
import io.assetpipe.plugin.js.ClosureScriptCompiler;
import io.assetpipe.plugin.js.ModuleGraph;
import io.assetpipe.plugin.library.LibraryRoots;
import io.assetpipe.plugin.report.Metafile;
import io.assetpipe.plugin.scss.StylesheetCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The build stage: {@code src/main/assets} in, a fingerprinted, precompressed bundle with
 * {@code manifest.json} out. Plain Java, no Maven types.
 *
 * <p>Stages: scan → (skip if the incremental index says nothing changed) → compile Sass and
 * JavaScript in parallel (reusing unchanged outputs) → resolve stylesheet references → fingerprint in
 * dependency order, rewriting references and {@code sourceMappingURL} → precompress and hash in
 * parallel → write a staging directory → move it into place → write the index.
 */
public final class AssetPipeline {
    private final BuildConfig config;
    private final BuildLog log;
    private final StylesheetCompiler stylesheets;

    /** A pipeline whose every run uses a Sass compiler of {@link BuildConfig#sassCompiler()} and ends it. */
    public AssetPipeline(BuildConfig config, BuildLog log) {
        this(config, log, null);
    }

    /**
     * @param stylesheets the Sass compiler, which the caller keeps across runs and closes (a watcher
     *     keeps Dart Sass's process warm between builds that way); null for one per run, as above
     */
    public AssetPipeline(BuildConfig config, BuildLog log, StylesheetCompiler stylesheets) {
        this.config = config;
        this.log = log;
        this.stylesheets = stylesheets;
    }

    public BuildResult run() throws IOException {
        long start = System.nanoTime();
        Path src = config.sourceDirectory();
        if (!Files.isDirectory(src)) {
            return new BuildResult.NoSources();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        StylesheetCompiler sass = stylesheets != null ? stylesheets : config.sassCompiler().compiler();
        try {
            return run(src, pool, start, sass);
        } finally {
            pool.shutdownNow();
            if (sass != stylesheets) {
                sass.close();
            }
        }
    }

    private BuildResult run(Path src, ExecutorService pool, long start, StylesheetCompiler sass) throws IOException {
        Optional<BuildIndex> index = BuildIndex.read(config.workDirectory());
        List<String> files;
        try {
            files = scan(src);
        } catch (FileSystemLoopException e) {
            return new BuildResult.Failed(List.of(Diagnostic.of(Path.of(e.getFile()),
                    "is a symbolic link to a folder that holds it, so the source directory never ends; link a folder"
                            + " that is not above it")));
        }
        ClosureProcess closure = null;
        if (index.isEmpty() && files.stream().anyMatch(ModuleGraph::isScript)) {
            // A full build with scripts: Closure Compiler (thousands of classes) loads while this
            // thread hashes sources and plans; the compile would otherwise start by loading it.
            if (config.closureFork()) {
                closure = ClosureProcess.start();
            } else {
                pool.submit(ClosureScriptCompiler::preload);
            }
        }
        try {
            return run(src, pool, start, index, files, closure, sass);
        } finally {
            if (closure != null) {
                closure.close();
            }
        }
    }

    private BuildResult run(Path src, ExecutorService pool, long start, Optional<BuildIndex> index,
                            List<String> files, ClosureProcess startedClosure, StylesheetCompiler sass) throws IOException {
        FileHashes hashes = new FileHashes(index.map(BuildIndex::stamps).orElse(Collections.emptySortedMap()));
        BuildInputs inputs = BuildInputs.of(configKey(), src, files, config.dependencyJars(), hashes);
        BuildIndex previous = index.filter(i -> i.configKey().equals(inputs.configKey())).orElse(null);
        if (new UpToDateCheck(config.outputDirectory(), hashes).upToDate(previous, inputs)) {
            log.info("assets are up to date (" + files.size() + " sources checked in " + millisSince(start) + " ms)");
            return new BuildResult.UpToDate();
        }
        if (previous == null) {
            log.debug("no usable incremental index: full build");
        }
        BundleWriter.removeLeftovers(config.outputDirectory());
        LibraryRoots libraries = LibraryRoots.prepare(
                config.dependencyJars(), config.workDirectory().resolve("webjars"), config.nodeModulesDirectory());
        List<Diagnostic> errors = new ArrayList<>();
        CompilePlan plan = CompilePlan.of(config, sass, files, libraries, errors);
        CompileCache cache = new CompileCache(config.workDirectory().resolve("compiled"), inputs.configKey());
        IncrementalCompiler.Compilation compilation = new IncrementalCompiler(config, cache, hashes, log)
                .compile(plan.units(), previous, pool, startedClosure, errors);
        if (!errors.isEmpty()) {
            return new BuildResult.Failed(errors);
        }
        List<Diagnostic> warnings = compilation.warnings();
        Map<String, PendingAsset> pending = PendingAsset.collect(src, files, plan, compilation.outputs());
        PendingAsset.checkPaths(src, pending, errors);
        StylesheetReferences references = StylesheetReferences.resolve(config, pending, errors, warnings);
        reportWarnings(warnings, errors);
        if (!errors.isEmpty()) {
            return new BuildResult.Failed(errors);
        }
        List<String> order;
        try {
            order = DependencyOrder.of(pending.keySet(), references.edges());
        } catch (DependencyOrder.CycleException e) {
            return new BuildResult.Failed(List.of(Diagnostic.of(src, e.getMessage())));
        }
        Fingerprinter.FingerprintedAssets assets = Fingerprinter.fingerprint(order, pending, references);
        Precompression precompression = Precompression.start(config, assets.bytes(), assets.sha256(), pool);
        long composing = System.nanoTime();
        Metafile metafile = Composition.of(assets, pending, plan, log); // while the pool compresses
        log.debug("what each output is made of, read off " + metafile.outputs().size() + " outputs' source maps in "
                + millisSince(composing) + " ms");
        return writeBundle(assets, pending, precompression, metafile, inputs, compilation, cache, hashes, files, start);
    }

    /** Changes with the plugin version and any configuration value, so either forces a full build. */
    private String configKey() {
        return Fingerprint.sha256Hex((config.generator() + "\n" + config).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Logs every warning, summing up a file's many with one message as errors are (a library copied
     * into the project: Materialize 1.0's 87 "Misplaced function annotation"s); with
     * {@code failOnWarning}, each one also becomes an error.
     */
    private void reportWarnings(List<Diagnostic> warnings, List<Diagnostic> errors) {
        Diagnostic.lines(warnings, Diagnostic.SAME_MESSAGE_SHOWN).forEach(log::warn);
        if (config.failOnWarning() && !warnings.isEmpty()) {
            errors.addAll(warnings.stream()
                    .map(w -> new Diagnostic(w.path(), w.line(), w.column(), "warning (failOnWarning): " + w.message()))
                    .toList());
        }
    }

    /**
     * Stages the assets and their manifest and moves them into place; only then, the build having
     * succeeded, keeps its compiled and encoded outputs for the next build and records its index.
     * Every return before that (a failed build) leaves all of them as the last successful build did.
     */
    private BuildResult writeBundle(Fingerprinter.FingerprintedAssets assets, Map<String, PendingAsset> pending,
                                    Precompression precompression, Metafile metafile, BuildInputs inputs,
                                    IncrementalCompiler.Compilation compilation, CompileCache cache,
                                    FileHashes hashes, List<String> files, long start)
            throws IOException {
        try (BundleWriter bundle = BundleWriter.stage(config.outputDirectory())) {
            StagedAssets staged = StagedAssets.write(bundle, assets, pending, precompression, config.encodings(), log);
            AssetManifest manifest;
            try {
                manifest = AssetManifest.of(config.generator(), config.buildTime(), staged.entries(), Map.of());
            } catch (ManifestException e) {
                return new BuildResult.Failed(List.of(Diagnostic.of(config.sourceDirectory(),
                        "cannot build the manifest: " + e.getMessage())));
            }
            byte[] manifestBytes = ManifestCodec.write(manifest);
            bundle.write(ManifestCodec.FILE_NAME, manifestBytes);
            bundle.moveIntoPlace();

            SortedMap<String, SortedMap<String, String>> units = compilation.inputHashes(hashes);
            cache.keepOnly(compilation.outputs(), units);
            precompression.keepInCache();
            new BuildIndex(inputs.configKey(), Fingerprint.sha256Hex(manifestBytes), inputs.sources(), inputs.jars(),
                    units, hashes.stamps()).write(config.workDirectory());
            Summary summary = new Summary(staged.entries().size(), compilation.compiled(), compilation.reused(),
                    totalSize(config.sourceDirectory(), files), staged.bytesOut(), staged.encodedBytes(),
                    millisSince(start));
            log.info(summary.line());
            return new BuildResult.Built(manifest, summary, metafile);
        }
    }

    /**
     * Logical paths of every file under {@code src}, sorted; dot-files and dot-folders are skipped.
     * Symbolic links are followed, folders too: linking a library's font folder into the source
     * directory puts its files in the bundle as copying it would.
     */
    static List<String> scan(Path src) throws IOException {
        try (var walk = Files.walk(src, FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> src.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> Arrays.stream(p.split("/")).noneMatch(s -> s.startsWith(".")))
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause(); // as the walk met it: a FileSystemLoopException names the link
        }
    }

    private static long totalSize(Path src, List<String> files) throws IOException {
        long bytes = 0;
        for (String file : files) {
            bytes += Files.size(src.resolve(file));
        }
        return bytes;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
