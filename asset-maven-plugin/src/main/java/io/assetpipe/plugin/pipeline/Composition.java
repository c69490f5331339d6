package io.assetpipe.plugin.pipeline;

import io.assetpipe.plugin.js.ScriptInput;
import io.assetpipe.plugin.js.ScriptJob;
import io.assetpipe.plugin.report.BytesInOutput;
import io.assetpipe.plugin.report.Metafile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What each file of the bundle is made of, as a {@link Metafile}: a compiled output's bytes are
 * attributed to its sources through its final source map (after fingerprinting, so they add up to
 * the file the manifest lists); a copied file is its own only input; a source map has none.
 * The module graph adds which input imports which.
 */
final class Composition {
    private Composition() {}

    static Metafile of(Fingerprinter.FingerprintedAssets assets, Map<String, PendingAsset> pending, CompilePlan plan,
                       BuildLog log) {
        Map<String, CompileUnit> units = new HashMap<>();
        plan.units().forEach(unit -> units.put(unit.logicalPath(), unit));
        Set<String> maps = pending.values().stream().map(PendingAsset::sourceMap).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Map<String, Metafile.Input> scriptInputs = scriptInputs(plan);
        SortedMap<String, Metafile.Input> inputs = new TreeMap<>();
        SortedMap<String, Metafile.Output> outputs = new TreeMap<>();
        assets.bytes().forEach((logical, bytes) -> {
            String path = assets.paths().get(logical);
            CompileUnit unit = units.get(logical);
            String map = pending.get(logical).sourceMap();
            if (maps.contains(logical)) {
                outputs.put(path, new Metafile.Output(bytes.length, Map.of(), null));
            } else if (unit == null) {
                inputs.put(logical, new Metafile.Input(pending.get(logical).bytes().length, List.of(), null));
                outputs.put(path, new Metafile.Output(bytes.length, Map.of(logical, (long) bytes.length), null));
            } else if (map == null) {
                outputs.put(path, new Metafile.Output(bytes.length, Map.of(), unit.entryPoint()));
            } else {
                BytesInOutput parts;
                try {
                    parts = BytesInOutput.of(bytes, assets.bytes().get(map));
                } catch (IllegalArgumentException e) {
                    log.debug(logical + ": its inputs are left out of the report: " + e.getMessage());
                    parts = new BytesInOutput(Map.of(), bytes.length, Map.of());
                }
                Set<String> sources = new TreeSet<>(parts.bySource().keySet());
                sources.addAll(parts.sourceSizes().keySet());
                for (String source : sources) {
                    Metafile.Input script = scriptInputs.get(source);
                    inputs.put(source, new Metafile.Input(parts.sourceSizes().getOrDefault(source, 0L),
                            script == null ? List.of() : script.imports(), script == null ? null : script.format()));
                }
                outputs.put(path, new Metafile.Output(bytes.length, parts.bySource(), unit.entryPoint()));
            }
        });
        return new Metafile(inputs, outputs);
    }

    /**
     * The imports of every script input, by its name (the name its source map gives it): the
     * modules its requests resolved to, as {@code require-call}s from a CommonJS file and
     * {@code import-statement}s from an ES module (an {@code import()} is listed as one too).
     */
    private static Map<String, Metafile.Input> scriptInputs(CompilePlan plan) {
        Map<String, Metafile.Input> inputs = new HashMap<>();
        for (CompileUnit unit : plan.units()) {
            ScriptJob job = unit.script();
            if (job == null) {
                continue;
            }
            for (ScriptInput input : job.inputs()) {
                String kind = input.commonJs() ? "require-call" : "import-statement";
                List<Metafile.Import> imports = input.targets().values().stream()
                        .filter(target -> !target.equals(ScriptInput.NO_MODULE)).distinct().sorted()
                        .map(target -> new Metafile.Import(target, kind)).toList();
                String format = input.commonJs() ? "cjs" : job.module() ? "esm" : null;
                inputs.putIfAbsent(input.name(), new Metafile.Input(0, imports, format));
            }
        }
        return inputs;
    }
}
