package io.assetpipe.plugin.js;

import io.assetpipe.plugin.compile.CompileResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One script output for Closure Compiler: an ES-module entry with everything it imports, or a named
 * bundle of plain scripts. A plain value, so it can be handed to a {@link ClosureProcess}.
 *
 * @param output the output's logical path, e.g. {@code js/app.js} (a module entry's own input name)
 * @param module whether {@code output} is a module entry (else a concatenated bundle)
 * @param inputs the files, in order
 * @param bareSpecifiers import specifiers such as {@code jquery} mapped to the input names they resolve to
 */
public record ScriptJob(String output, boolean module, List<ScriptInput> inputs, Map<String, String> bareSpecifiers) {
    public ScriptJob {
        inputs = List.copyOf(inputs);
        // in the graph's order, which Closure's prefix replacement sees
        bareSpecifiers = Collections.unmodifiableMap(new LinkedHashMap<>(bareSpecifiers));
    }

    public static ScriptJob module(String entry, List<ScriptInput> inputs, Map<String, String> bareSpecifiers) {
        return new ScriptJob(entry, true, inputs, bareSpecifiers);
    }

    /** A graph entry's job: a module with its imports, or a classic script on its own, as a one-file bundle. */
    public static ScriptJob of(ModuleGraph.Entry entry, Map<String, String> bareSpecifiers) {
        return entry.module()
                ? module(entry.logicalPath(), entry.inputs(), bareSpecifiers)
                : bundle(entry.logicalPath(), entry.inputs());
    }

    public static ScriptJob bundle(String name, List<ScriptInput> inputs) {
        return new ScriptJob(name, false, inputs, Map.of());
    }

    public CompileResult compileWith(ClosureScriptCompiler closure) {
        return module ? closure.compileModule(output, inputs, bareSpecifiers) : closure.compileBundle(inputs);
    }
}
