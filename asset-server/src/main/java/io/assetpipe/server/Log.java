package io.assetpipe.server;

import java.io.PrintStream;
import java.time.Instant;

/**
 * The standalone server's log: one line per event on stdout, {@code <instant> <LEVEL> <event>
 * key=value...}, flushed at once so a supervisor (or a test reading the pipe) sees it immediately.
 */
final class Log {
    private final PrintStream out;

    Log(PrintStream out) {
        this.out = out;
    }

    void info(String event, String details) {
        line("INFO", event, details);
    }

    void error(String event, String details) {
        line("ERROR", event, details);
    }

    /** An access-log line, already formatted by Undertow. */
    void access(String message) {
        line("INFO", "access", message);
    }

    private void line(String level, String event, String details) {
        String text = Instant.now() + " " + level + " " + event + (details.isEmpty() ? "" : " " + details);
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
