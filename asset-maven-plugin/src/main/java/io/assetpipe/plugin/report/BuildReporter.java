package io.assetpipe.plugin.report;

import java.io.IOException;

/** Where a build's report goes: the HTML page, the metafile, the build log. */
public interface BuildReporter {
    void report(BuildReport report) throws IOException;
}
