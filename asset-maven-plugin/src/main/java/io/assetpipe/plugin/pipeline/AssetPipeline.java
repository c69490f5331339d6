package io.assetpipe.plugin.pipeline;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.ContentEncoding;
import io.assetpipe.manifest.EncodedVariant;
import io.assetpipe.manifest.ManifestCodec;
import io.assetpipe.manifest.ManifestException;
import io.assetpipe.plugin.compile.CompileResult;
import io.assetpipe.plugin.compile.Diagnostic;
import io.assetpipe.plugin.compile.SourceText;
import io.assetpipe.plugin.compress.Precompressor;
import io.assetpipe.plugin.css.CssReferences;
import io.assetpipe.plugin.fingerprint.DependencyOrder;
import io.assetpipe.plugin.fingerprint.Fingerprint;
import io.assetpipe.plugin.incremental.BuildIndex;
import io.assetpipe.plugin.js.ClosureScriptCompiler;
import io.assetpipe.plugin.js.ModuleGraph;
import io.assetpipe.plugin.js.ScriptBundle;
import io.assetpipe.plugin.js.ScriptInput;
import io.assetpipe.plugin.library.LibraryRoots;
import io.assetpipe.plugin.media.MediaTypes;
import io.assetpipe.plugin.scss.JsassStylesheetCompiler;
import io.assetpipe.plugin.scss.StylesheetCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

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
    private final Map<Path, String> hashes = new ConcurrentHashMap<>();

    public AssetPipeline(BuildConfig config, BuildLog log) {
        this(config, log, new JsassStylesheetCompiler());
    }

    public AssetPipeline(BuildConfig config, BuildLog log, StylesheetCompiler stylesheets) {
        this.config = config;
        this.log = log;
        this.stylesheets = stylesheets;
    }

    /** A compiled output, e.g. {@code css/app.css} from {@code css/app.scss}. */
    private record Unit(String logicalPath, String kind, Supplier<CompileResult> compile) {}

    /** An asset before fingerprinting. */
    private record Pending(String logicalPath, byte[] bytes, String sourceMap, List<Path> sources) {}

    public BuildResult run() throws IOException {
        long start = System.nanoTime();
        Path src = config.sourceDirectory();
        if (!Files.isDirectory(src)) {
            return new BuildResult.NoSources();
        }
        List<String> files = scan(src);
        String configKey = Fingerprint.sha256Hex((config.generator() + "\n" + config).getBytes(StandardCharsets.UTF_8));
        SortedMap<String, String> sources = new TreeMap<>();
        for (String file : files) {
            sources.put(file, hash(src.resolve(file)));
        }
        SortedMap<String, String> jars = new TreeMap<>();
        for (Path jar : config.dependencyJars()) {
            if (Files.isRegularFile(jar)) {
                // Size and time, not content: dependency jars can be large, and a changed jar gets a new time.
                jars.put(jar.toString(), Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis());
            }
        }
        BuildIndex previous = BuildIndex.read(config.workDirectory())
                .filter(index -> index.configKey().equals(configKey))
                .orElse(null);
        if (previous != null && previous.sources().equals(sources) && previous.jars().equals(jars)
                && unitInputsUnchanged(previous) && manifestIntact(previous)) {
            log.info("assets are up to date (" + files.size() + " sources checked in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms)");
            return new BuildResult.UpToDate();
        }
        if (previous == null) {
            log.debug("no usable incremental index: full build");
        }

        removeLeftovers(config.outputDirectory());
        LibraryRoots libraries = LibraryRoots.prepare(
                config.dependencyJars(), config.workDirectory().resolve("webjars"), config.nodeModulesDirectory());
        List<Diagnostic> errors = new ArrayList<>();
        List<Unit> units = plan(files, libraries, errors);
        Set<String> compiledInputs = new TreeSet<>();
        for (Unit unit : units) {
            compiledInputs.add(unit.logicalPath());
        }

        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            Map<String, CompileResult.Compiled> compiled = new TreeMap<>();
            int[] counts = new int[2]; // compiled, reused
            compile(units, previous, pool, compiled, errors, counts);
            if (!errors.isEmpty()) {
                return new BuildResult.Failed(errors);
            }
            List<Diagnostic> warnings = new ArrayList<>();
            compiled.values().forEach(c -> warnings.addAll(c.warnings()));

            Map<String, Pending> pending = new TreeMap<>();
            for (String file : files) {
                if (isPassThrough(file)) {
                    pending.put(file, new Pending(file, Files.readAllBytes(src.resolve(file)), null, List.of(src.resolve(file))));
                }
            }
            compiled.forEach((logical, c) -> {
                String map = c.sourceMap() == null ? null : logical + ".map";
                pending.put(logical, new Pending(logical, c.code().getBytes(StandardCharsets.UTF_8), map, c.inputs()));
                if (map != null) {
                    pending.put(map, new Pending(map, c.sourceMap().getBytes(StandardCharsets.UTF_8), null, List.of()));
                }
            });
            for (String logical : pending.keySet()) {
                String problem = io.assetpipe.manifest.AssetPaths.problem(logical);
                if (problem != null) {
                    errors.add(Diagnostic.of(src.resolve(logical), "cannot be an asset: its path " + problem));
                }
            }

            // References between assets, and the order they must be fingerprinted in.
            Map<String, List<CssReferences.Reference>> cssRefs = new HashMap<>();
            Map<String, Map<CssReferences.Reference, String>> targets = new HashMap<>();
            Map<String, Set<String>> edges = new TreeMap<>();
            for (Pending p : pending.values()) {
                Set<String> deps = new TreeSet<>();
                if (p.sourceMap() != null) {
                    deps.add(p.sourceMap());
                }
                if (p.logicalPath().endsWith(".css")) {
                    String css = text(p, errors);
                    if (css == null) {
                        continue;
                    }
                    List<CssReferences.Reference> refs = CssReferences.find(css);
                    Map<CssReferences.Reference, String> resolved = new HashMap<>();
                    List<CssReferences.Reference> kept = new ArrayList<>();
                    for (CssReferences.Reference ref : refs) {
                        String target = resolveReference(p.logicalPath(), ref.path());
                        if (target != null && pending.containsKey(target)) {
                            resolved.put(ref, target);
                            kept.add(ref);
                            deps.add(target);
                        } else {
                            Diagnostic d = locate(p, css, ref, "references \"" + ref.raw() + "\", which is not in "
                                    + src + (target == null ? "" : " (looked for " + target + ")"));
                            if (config.failOnMissingReference()) {
                                errors.add(d);
                            } else {
                                warnings.add(d);
                            }
                        }
                    }
                    cssRefs.put(p.logicalPath(), kept);
                    targets.put(p.logicalPath(), resolved);
                }
                edges.put(p.logicalPath(), deps);
            }
            for (Diagnostic w : warnings) {
                log.warn(w.toString());
            }
            if (config.failOnWarning() && !warnings.isEmpty()) {
                errors.addAll(warnings.stream()
                        .map(w -> new Diagnostic(w.path(), w.line(), w.column(), "warning (failOnWarning): " + w.message()))
                        .toList());
            }
            if (!errors.isEmpty()) {
                return new BuildResult.Failed(errors);
            }
            List<String> order;
            try {
                order = DependencyOrder.of(pending.keySet(), edges);
            } catch (DependencyOrder.CycleException e) {
                return new BuildResult.Failed(List.of(Diagnostic.of(src, e.getMessage())));
            }

            // Fingerprint in dependency order: each file's final bytes name it.
            Map<String, String> fingerprinted = new HashMap<>();
            Map<String, byte[]> finalBytes = new LinkedHashMap<>();
            for (String logical : order) {
                Pending p = pending.get(logical);
                byte[] bytes = p.bytes();
                if (cssRefs.containsKey(logical) || p.sourceMap() != null) {
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    if (cssRefs.containsKey(logical)) {
                        Map<CssReferences.Reference, String> resolved = targets.get(logical);
                        text = CssReferences.rewrite(text, cssRefs.get(logical),
                                ref -> relative(logical, fingerprinted.get(resolved.get(ref))));
                    }
                    if (p.sourceMap() != null) {
                        String mapName = fileName(fingerprinted.get(p.sourceMap()));
                        text = logical.endsWith(".css")
                                ? text + "\n/*# sourceMappingURL=" + mapName + " */\n"
                                : text + "//# sourceMappingURL=" + mapName + "\n";
                    }
                    bytes = text.getBytes(StandardCharsets.UTF_8);
                }
                fingerprinted.put(logical, Fingerprint.fingerprintedPath(logical, Fingerprint.sha256Hex(bytes)));
                finalBytes.put(logical, bytes);
            }

            // Precompress and hash in parallel.
            Precompressor precompressor = new Precompressor(config.encodings());
            EncodedCache cache = new EncodedCache(config.workDirectory().resolve("encoded"));
            Map<String, Future<Map<ContentEncoding, byte[]>>> variantJobs = new TreeMap<>();
            finalBytes.forEach((logical, bytes) -> variantJobs.put(logical,
                    pool.submit(() -> precompressor.variants(logical, bytes, cache))));
            Path staging = Files.createTempDirectory(parentOf(config.outputDirectory()), ".assets-staging-");
            Map<String, AssetEntry> entries = new TreeMap<>();
            Map<ContentEncoding, Long> encodedTotals = new EnumMap<>(ContentEncoding.class);
            config.encodings().forEach(e -> encodedTotals.put(e, 0L));
            long bytesOut = 0;
            try {
                for (Map.Entry<String, byte[]> e : finalBytes.entrySet()) {
                    String logical = e.getKey();
                    byte[] bytes = e.getValue();
                    String path = fingerprinted.get(logical);
                    write(staging, path, bytes);
                    bytesOut += bytes.length;
                    Map<ContentEncoding, EncodedVariant> variants = new EnumMap<>(ContentEncoding.class);
                    for (Map.Entry<ContentEncoding, byte[]> v : get(variantJobs.get(logical)).entrySet()) {
                        String variantPath = path + v.getKey().suffix();
                        write(staging, variantPath, v.getValue());
                        variants.put(v.getKey(), new EncodedVariant(variantPath, v.getValue().length,
                                Fingerprint.sha256Hex(v.getValue())));
                        encodedTotals.merge(v.getKey(), (long) v.getValue().length, Long::sum);
                    }
                    entries.put(logical, new AssetEntry(path, MediaTypes.typeOf(logical), bytes.length,
                            Fingerprint.sha256Hex(bytes), Fingerprint.integrity(bytes), variants,
                            pending.get(logical).sourceMap()));
                    log.debug(logical + " -> " + path + " (" + bytes.length + " B"
                            + variants.entrySet().stream().map(v -> ", " + v.getKey().token() + " " + v.getValue().size() + " B")
                                    .reduce("", String::concat) + ")");
                }
                AssetManifest manifest;
                try {
                    manifest = AssetManifest.of(config.generator(), config.buildTime(), entries, Map.of());
                } catch (ManifestException e) {
                    return new BuildResult.Failed(List.of(Diagnostic.of(src, "cannot build the manifest: " + e.getMessage())));
                }
                byte[] manifestBytes = ManifestCodec.write(manifest);
                write(staging, ManifestCodec.FILE_NAME, manifestBytes);
                moveIntoPlace(staging, config.outputDirectory());
                staging = null;
                cache.retainOnly();

                SortedMap<String, SortedMap<String, String>> unitIndex = new TreeMap<>();
                compiled.forEach((logical, c) -> {
                    SortedMap<String, String> inputs = new TreeMap<>();
                    c.inputs().forEach(in -> inputs.put(in.toString(), hash(in)));
                    unitIndex.put(logical, inputs);
                });
                new BuildIndex(configKey, Fingerprint.sha256Hex(manifestBytes), sources, jars, unitIndex)
                        .write(config.workDirectory());

                long bytesIn = 0;
                for (String file : files) {
                    bytesIn += Files.size(src.resolve(file));
                }
                Summary summary = new Summary(entries.size(), counts[0], counts[1], bytesIn, bytesOut, encodedTotals,
                        (System.nanoTime() - start) / 1_000_000);
                log.info(summary.line());
                return new BuildResult.Built(manifest, summary);
            } finally {
                if (staging != null) {
                    deleteRecursively(staging);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- planning -------------------------------------------------------------------------------

    private List<Unit> plan(List<String> files, LibraryRoots libraries, List<Diagnostic> errors) {
        Path src = config.sourceDirectory();
        List<Unit> units = new ArrayList<>();
        List<Path> includePaths = new ArrayList<>(config.includePaths());
        includePaths.addAll(libraries.roots());
        for (String file : files) {
            if (isSass(file) && !fileName(file).startsWith("_")) {
                String output = file.substring(0, file.lastIndexOf('.')) + ".css";
                units.add(new Unit(output, "sass:" + file, () -> stylesheets.compile(
                        src.resolve(file), src, output, includePaths, config.sourceMaps())));
            }
        }
        ClosureScriptCompiler closure = new ClosureScriptCompiler(new ClosureScriptCompiler.Settings(
                config.jsCompilationLevel(), config.jsLanguageOut(), config.externs(), config.sourceMaps()));
        Set<String> bundled = new LinkedHashSet<>();
        for (ScriptBundle bundle : config.bundles()) {
            List<ScriptInput> inputs = new ArrayList<>();
            for (String include : bundle.includes()) {
                List<String> matched = match(files, include);
                if (matched.isEmpty()) {
                    errors.add(Diagnostic.of(src, "bundle " + bundle.name() + ": <include>" + include
                            + "</include> matches no file"));
                }
                for (String m : matched) {
                    if (bundled.add(m) || inputs.stream().noneMatch(i -> i.name().equals(m))) {
                        inputs.add(new ScriptInput(m, src.resolve(m), false));
                    }
                }
            }
            units.add(new Unit(bundle.name(), "bundle:" + bundle.name(), () -> closure.compileBundle(inputs)));
        }
        List<String> scripts = files.stream().filter(f -> f.endsWith(".js") && !bundled.contains(f)).toList();
        ModuleGraph graph = ModuleGraph.scan(src, scripts, libraries);
        errors.addAll(graph.errors());
        for (ModuleGraph.Entry entry : graph.entries()) {
            units.add(new Unit(entry.logicalPath(), "module:" + entry.logicalPath(),
                    () -> closure.compileModule(entry.logicalPath(), entry.inputs(), graph.bareSpecifiers())));
        }
        Set<String> outputs = new TreeSet<>();
        for (Unit unit : units) {
            if (!outputs.add(unit.logicalPath())) {
                errors.add(Diagnostic.of(src.resolve(unit.logicalPath()), "two sources compile to " + unit.logicalPath()));
            }
        }
        this.scriptsHandled = new TreeSet<>(scripts);
        this.scriptsHandled.addAll(bundled);
        return units;
    }

    private Set<String> scriptsHandled = Set.of();

    /** Files copied as they are: everything that is not Sass or JavaScript. */
    private boolean isPassThrough(String file) {
        return !isSass(file) && !scriptsHandled.contains(file);
    }

    private static boolean isSass(String file) {
        return file.endsWith(".scss") || file.endsWith(".sass");
    }

    private static List<String> match(List<String> files, String include) {
        if (files.contains(include)) {
            return List.of(include);
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + include);
        return files.stream().filter(f -> matcher.matches(Path.of(f))).sorted().toList();
    }

    // ---- compiling ------------------------------------------------------------------------------

    private void compile(List<Unit> units, BuildIndex previous, ExecutorService pool,
                         Map<String, CompileResult.Compiled> out, List<Diagnostic> errors, int[] counts)
            throws IOException {
        Path cacheDir = config.workDirectory().resolve("compiled");
        Map<String, Future<CompileResult>> jobs = new LinkedHashMap<>();
        for (Unit unit : units) {
            CompileResult.Compiled cached = previous == null ? null : cached(unit, previous, cacheDir);
            if (cached != null) {
                log.debug(unit.logicalPath() + ": unchanged, reused");
                out.put(unit.logicalPath(), cached);
                counts[1]++;
            } else {
                jobs.put(unit.logicalPath(), pool.submit(unit.compile()::get));
            }
        }
        for (Map.Entry<String, Future<CompileResult>> job : jobs.entrySet()) {
            CompileResult result = get(job.getValue());
            switch (result) {
                case CompileResult.Compiled c -> {
                    out.put(job.getKey(), c);
                    counts[0]++;
                    log.debug(job.getKey() + ": compiled from " + c.inputs().size() + " file(s)");
                    store(cacheDir, job.getKey(), c);
                }
                case CompileResult.Failed f -> errors.addAll(f.errors());
            }
        }
    }

    private CompileResult.Compiled cached(Unit unit, BuildIndex previous, Path cacheDir) {
        Map<String, String> inputs = previous.units().get(unit.logicalPath());
        if (inputs == null || inputs.isEmpty()) {
            return null;
        }
        for (Map.Entry<String, String> input : inputs.entrySet()) {
            Path file = Path.of(input.getKey());
            if (!Files.isRegularFile(file) || !hash(file).equals(input.getValue())) {
                return null;
            }
        }
        Path code = cacheDir.resolve(unit.logicalPath());
        Path map = cacheDir.resolve(unit.logicalPath() + ".map");
        try {
            if (!Files.isRegularFile(code) || (config.sourceMaps() && !Files.isRegularFile(map))) {
                return null;
            }
            return new CompileResult.Compiled(Files.readString(code),
                    config.sourceMaps() ? Files.readString(map) : null,
                    inputs.keySet().stream().map(Path::of).toList(), List.of());
        } catch (IOException e) {
            return null;
        }
    }

    private static void store(Path cacheDir, String logical, CompileResult.Compiled c) throws IOException {
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

    private boolean unitInputsUnchanged(BuildIndex index) {
        for (Map<String, String> inputs : index.units().values()) {
            for (Map.Entry<String, String> input : inputs.entrySet()) {
                Path file = Path.of(input.getKey());
                if (!Files.isRegularFile(file) || !hash(file).equals(input.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean manifestIntact(BuildIndex index) {
        Path manifest = config.outputDirectory().resolve(ManifestCodec.FILE_NAME);
        try {
            if (!Files.isRegularFile(manifest)) {
                return false;
            }
            AssetManifest m = ManifestCodec.read(Files.readAllBytes(manifest), manifest.toString());
            // asset:package may since have added carried-forward releases under "retired" (it
            // re-applies them on every run), so compare the manifest this goal wrote: without them.
            byte[] asBuilt = ManifestCodec.write(m.withRetired(Map.of()));
            if (!Fingerprint.sha256Hex(asBuilt).equals(index.manifestSha256())) {
                return false;
            }
            // Every listed file must still be there (a partly deleted output means rebuild).
            return m.files().stream().allMatch(f -> Files.isRegularFile(config.outputDirectory().resolve(f.path())));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    // ---- references -----------------------------------------------------------------------------

    /** The logical path {@code ref} names, relative to the stylesheet at {@code cssLogical}; null if outside. */
    static String resolveReference(String cssLogical, String ref) {
        List<String> parts = new ArrayList<>(List.of(cssLogical.split("/")));
        parts.remove(parts.size() - 1);
        for (String segment : ref.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(segment);
            }
        }
        return String.join("/", parts);
    }

    /** Path of {@code target} relative to the directory of {@code from} (both bundle paths). */
    static String relative(String from, String target) {
        String[] a = from.split("/");
        String[] b = target.split("/");
        int common = 0;
        while (common < a.length - 1 && common < b.length - 1 && a[common].equals(b[common])) {
            common++;
        }
        StringBuilder out = new StringBuilder();
        for (int i = common; i < a.length - 1; i++) {
            out.append("../");
        }
        for (int i = common; i < b.length; i++) {
            out.append(b[i]);
            if (i < b.length - 1) {
                out.append('/');
            }
        }
        return out.toString();
    }

    /**
     * Where a bad reference was written: for compiled Sass, the first source file containing it
     * (compiled CSS is one line); for plain CSS, the CSS file itself.
     */
    private Diagnostic locate(Pending p, String css, CssReferences.Reference ref, String message) {
        for (Path source : p.sources()) {
            if (!isSass(source.toString())) {
                continue;
            }
            try {
                String text = SourceText.read(source);
                int at = text.indexOf(ref.raw());
                if (at >= 0) {
                    int line = 1 + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
                    int column = at - text.lastIndexOf('\n', at - 1);
                    return Diagnostic.of(source, line, column, message);
                }
            } catch (SourceText.SourceException e) {
                // fall back to the compiled position
            }
        }
        Path file = p.sources().size() == 1 ? p.sources().get(0) : config.sourceDirectory().resolve(p.logicalPath());
        return Diagnostic.of(file, ref.line(), ref.column(), message);
    }

    private String text(Pending p, List<Diagnostic> errors) {
        try {
            return SourceText.decode(config.sourceDirectory().resolve(p.logicalPath()), p.bytes());
        } catch (SourceText.SourceException e) {
            errors.add(e.diagnostic());
            return null;
        }
    }

    // ---- files ----------------------------------------------------------------------------------

    /** Logical paths of every file under {@code src}, sorted; dot-files and dot-folders are skipped. */
    static List<String> scan(Path src) throws IOException {
        try (var walk = Files.walk(src)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> src.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> java.util.Arrays.stream(p.split("/")).noneMatch(s -> s.startsWith(".")))
                    .sorted()
                    .toList();
        }
    }

    private String hash(Path file) {
        return hashes.computeIfAbsent(file.toAbsolutePath().normalize(), f -> {
            try {
                return Fingerprint.sha256Hex(Files.readAllBytes(f));
            } catch (IOException e) {
                return "unreadable";
            }
        });
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static Path parentOf(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return parent;
    }

    private static void write(Path root, String path, byte[] bytes) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    /**
     * Replaces {@code target} with the fully written {@code staging} directory: the old bundle is
     * renamed aside, the new one renamed in (same file system, so both are atomic renames), then
     * the old one deleted. A reader never sees a half-written bundle.
     */
    static void moveIntoPlace(Path staging, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling(target.getFileName() + ".old-" + System.nanoTime());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            deleteRecursively(old);
        }
    }

    /**
     * Deletes staging and old-bundle directories a killed build may have left next to the output
     * directory, so they never end up in the project's jar.
     */
    private static void removeLeftovers(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        String oldPrefix = target.getFileName() + ".old-";
        try (var list = Files.list(parent)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".assets-staging-") || name.startsWith(oldPrefix)) {
                    deleteRecursively(p);
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

    private static <T> T get(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Encoded variants by content hash, so unchanged files are not recompressed on rebuilds. */
    private static final class EncodedCache implements Precompressor.VariantCache {
        private final Path dir;
        private final Set<Path> used = ConcurrentHashMap.newKeySet();

        EncodedCache(Path dir) {
            this.dir = dir;
        }

        @Override
        public byte[] get(byte[] identity, io.assetpipe.plugin.compress.Encoder encoder) {
            Path file = dir.resolve(Fingerprint.sha256Hex(identity) + "." + encoder.encoding().token());
            used.add(file);
            try {
                if (Files.isRegularFile(file)) {
                    return Files.readAllBytes(file);
                }
                byte[] encoded = encoder.encode(identity);
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, "enc", ".tmp");
                Files.write(tmp, encoded);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return encoded;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Drops variants of content no longer in the bundle, so the cache does not grow forever. */
        void retainOnly() throws IOException {
            if (!Files.isDirectory(dir)) {
                return;
            }
            try (var list = Files.list(dir)) {
                for (Path p : list.toList()) {
                    if (!used.contains(p)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }
}
