package io.assetpipe.plugin.report;

import java.io.IOException;
import java.nio.file.Path;

/** Writes the report's metafile as {@code meta.json}, for esbuild's {@code analyzeMetafile} and other analyzers. */
public record MetafileWriter(Path file) implements BuildReporter {
    public static final String FILE_NAME = "meta.json";

    @Override
    public void report(BuildReport report) throws IOException {
        ReportFile.write(file, report.metafile().toJson());
    }
}
