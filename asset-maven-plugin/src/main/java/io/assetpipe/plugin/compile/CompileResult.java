package io.assetpipe.plugin.compile;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** What a compiler returns for one output: the compiled text, or every error it found. */
public sealed interface CompileResult {

    /**
     * @param code compiled text (CSS or JavaScript), without a {@code sourceMappingURL} comment
     * @param sourceMap source map JSON with sources embedded, or {@code null} when maps are off
     * @param inputs every file the output was compiled from (for incremental rebuilds)
     * @param warnings problems that did not stop compilation
     */
    record Compiled(String code, String sourceMap, List<Path> inputs, List<Diagnostic> warnings)
            implements CompileResult {
        public Compiled {
            Objects.requireNonNull(code, "code");
            inputs = List.copyOf(inputs);
            warnings = List.copyOf(warnings);
        }
    }

    record Failed(List<Diagnostic> errors) implements CompileResult {
        public Failed {
            errors = List.copyOf(errors);
        }
    }
}
