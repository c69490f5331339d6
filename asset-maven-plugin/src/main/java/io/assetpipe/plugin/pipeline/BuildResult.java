package io.assetpipe.plugin.pipeline;

import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.plugin.compile.Diagnostic;
import io.assetpipe.plugin.report.Metafile;
import java.util.List;

/** How a build ended. */
public sealed interface BuildResult {

    /** A new bundle was written; {@code metafile} says what each of its files is made of. */
    record Built(AssetManifest manifest, Summary summary, Metafile metafile) implements BuildResult {}

    /** Inputs, configuration and plugin version match the last build, whose bundle is intact: nothing done. */
    record UpToDate() implements BuildResult {}

    /** There is no source directory: nothing to build, nothing written. */
    record NoSources() implements BuildResult {}

    /** Source errors; the previous bundle (if any) is untouched. */
    record Failed(List<Diagnostic> errors) implements BuildResult {
        public Failed {
            errors = List.copyOf(errors);
        }
    }
}
