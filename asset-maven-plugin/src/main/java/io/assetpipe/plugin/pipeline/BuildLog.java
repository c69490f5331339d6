package io.assetpipe.plugin.pipeline;

/** Where the pipeline reports progress; the Mojo adapts Maven's log, tests collect lines. */
public interface BuildLog {
    void debug(String message);

    void info(String message);

    void warn(String message);

    BuildLog NONE = new BuildLog() {
        @Override
        public void debug(String message) {}

        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}
    };
}
