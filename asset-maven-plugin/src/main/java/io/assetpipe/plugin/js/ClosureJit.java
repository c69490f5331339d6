package io.assetpipe.plugin.js;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Keeps Closure Compiler's own code out of HotSpot's C2 JIT compiler while a build compiles
 * JavaScript; C1 still compiles it.
 *
 * <p>Why: Maven's JVM is cold and Closure is a large program that runs for a few seconds. On a
 * two-core machine C2 spends about a third of the CPU of a Closure compile optimising Closure
 * itself, on the cores the compile needs, for code that is done before the optimised version pays
 * off: on Bootstrap's and jQuery's bundles the compile takes ~30% less CPU with C1 alone
 * (docs/performance.md). The directive is what {@code jcmd <pid> Compiler.directives_add} adds,
 * through HotSpot's supported DiagnosticCommand MBean, and it is removed again when the compile is
 * done, so the rest of the build's JVM is unaffected. Where the MBean is missing (not HotSpot) or
 * refuses, nothing changes.
 */
public final class ClosureJit implements AutoCloseable {
    private static final String DIRECTIVE = "[{ match: \"com/google/javascript/*.*\", c2: { Exclude: true } }]";
    private static final String[] STRINGS = {String[].class.getName()};

    private final MBeanServer server;
    private final ObjectName diagnostics;

    private ClosureJit(MBeanServer server, ObjectName diagnostics) {
        this.server = server;
        this.diagnostics = diagnostics;
    }

    /** Adds the directive; {@link #close()} removes it. Returns a no-op when it cannot be added. */
    public static ClosureJit c1Only() {
        Path file = null;
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName diagnostics = new ObjectName("com.sun.management:type=DiagnosticCommand");
            file = Files.createTempFile("assetpipe-closure-", ".json"); // the command reads a file
            Files.writeString(file, DIRECTIVE);
            Object answer = server.invoke(diagnostics, "compilerDirectivesAdd",
                    new Object[] {new String[] {file.toString()}}, STRINGS);
            if (String.valueOf(answer).contains("1 compiler directives added")) {
                return new ClosureJit(server, diagnostics);
            }
        } catch (JMException | IOException | RuntimeException | LinkageError e) {
            // not HotSpot, or no java.management: compile with the JVM's defaults
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temp file
                }
            }
        }
        return unchanged();
    }

    /** Creates the platform MBean server {@link #c1Only()} needs (~0.3 s of class loading, once per JVM). */
    public static void prepare() {
        ManagementFactory.getPlatformMBeanServer();
    }

    /** Leaves the JIT as it is (for builds that compile no JavaScript, or with {@code closureC1Only=false}). */
    public static ClosureJit unchanged() {
        return new ClosureJit(null, null);
    }

    /** Whether the directive is in place. */
    public boolean active() {
        return server != null;
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.invoke(diagnostics, "compilerDirectivesRemove", null, null);
            } catch (JMException | RuntimeException e) {
                // the directive stays; it only affects how Closure's code is compiled
            }
        }
    }
}
