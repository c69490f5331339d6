package io.assetpipe.plugin.pipeline;

import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.plugin.compile.Diagnostic;
import java.util.List;

/** How a build ended. */
public sealed interface BuildResult {

    /** A new bundle was written. */
    record Built(AssetManifest manifest, Summary summary) implements BuildResult {}

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
