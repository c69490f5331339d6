package io.assetpipe.plugin.js;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.assetpipe.plugin.compile.CompileResult;
import io.assetpipe.plugin.compile.Diagnostic;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Closure Compiler in a child JVM of its own, started for one build and gone when it is done.
 *
 * <p>Why: a cold build compiles a few scripts in a few seconds, and a JVM that is new to Closure's
 * large code base spends much of that in its JIT compilers. Maven's JVM cannot be told to stop at
 * C1 for a while (its flags are the user's), but a child can: with {@code -XX:TieredStopAtLevel=1}
 * the same compiles take about 40% less CPU and time (docs/performance.md). The child is started
 * before the build has planned what to compile, so it loads Closure's classes while the build hashes
 * and plans, and it compiles every script of the build in parallel. Nothing is cached between builds.
 *
 * <p>The protocol is one JSON request on the child's stdin and one JSON reply on its stdout; the
 * child's stderr is kept for the error message if it fails.
 */
public final class ClosureProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Flags for a short batch job: C1 only, a throughput collector, no perf-data file. */
    private static final List<String> JVM_FLAGS = List.of(
            "-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC", "-XX:-UsePerfData", "-XX:+ExitOnOutOfMemoryError");

    /** What the child compiles. */
    record Request(ClosureScriptCompiler.Settings settings, List<ScriptJob> jobs) {}

    /** One job's result on the wire: {@code code} is null when it failed with {@code errors}. */
    record Outcome(String code, String sourceMap, List<Path> inputs, List<Diagnostic> warnings,
                   List<Diagnostic> errors) {
        static Outcome of(CompileResult result) {
            return switch (result) {
                case CompileResult.Compiled c -> new Outcome(c.code(), c.sourceMap(), c.inputs(), c.warnings(), List.of());
                case CompileResult.Failed f -> new Outcome(null, null, List.of(), List.of(), f.errors());
            };
        }

        CompileResult result() {
            return code == null ? new CompileResult.Failed(errors) : new CompileResult.Compiled(code, sourceMap, inputs, warnings);
        }
    }

    /** The child's answer, by output path. */
    record Reply(Map<String, Outcome> outcomes) {}

    private final Process process;
    private final List<String> command;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Thread stderrReader;

    private ClosureProcess(Process process, List<String> command) {
        this.process = process;
        this.command = command;
        InputStream err = process.getErrorStream();
        this.stderrReader = Thread.ofVirtual().start(() -> {
            try {
                err.transferTo(stderr);
            } catch (IOException ignored) {
                // the child is gone; what was read is kept
            }
        });
    }

    /** Starts the child on this plugin's class path; it loads Closure while it waits for {@link #compile}. */
    public static ClosureProcess start() throws IOException {
        return start(classpath());
    }

    /** Starts the child with {@code classpath}, with the same maximum heap as this JVM. */
    static ClosureProcess start(List<Path> classpath) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        long maxHeap = Runtime.getRuntime().maxMemory();
        if (maxHeap != Long.MAX_VALUE) {
            command.add("-Xmx" + maxHeap / (1024 * 1024) + "m"); // MAVEN_OPTS=-Xmx… applies to the child too
        }
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        command.add(ClosureProcess.class.getName());
        return new ClosureProcess(new ProcessBuilder(command).start(), command);
    }

    /**
     * The class path this class was loaded from: a Maven plugin's class realm is a
     * {@link URLClassLoader} over the plugin and its dependencies; elsewhere (tests) the JVM's.
     */
    private static List<Path> classpath() {
        if (ClosureProcess.class.getClassLoader() instanceof URLClassLoader loader) {
            List<Path> paths = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                try {
                    paths.add(Path.of(url.toURI()));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalStateException("cannot pass the plugin's class path entry " + url + " to a JVM", e);
                }
            }
            return paths;
        }
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of).toList();
    }

    /**
     * Compiles {@code jobs} with {@code settings} in the child and waits for it; by output path, in
     * the order of {@code jobs}. Compile errors come back as {@link CompileResult.Failed}; an
     * {@link IOException} means the child itself failed (its exit code and stderr are in the message).
     */
    public Map<String, CompileResult> compile(ClosureScriptCompiler.Settings settings, List<ScriptJob> jobs)
            throws IOException {
        Reply reply;
        try {
            try (OutputStream in = process.getOutputStream()) {
                JSON.writeValue(in, new Request(settings, jobs));
            }
            reply = JSON.readValue(process.getInputStream(), Reply.class);
        } catch (IOException e) {
            throw failure("did not answer (" + e.getMessage() + ")");
        }
        Map<String, CompileResult> results = new LinkedHashMap<>();
        for (ScriptJob job : jobs) {
            Outcome outcome = reply.outcomes().get(job.output());
            if (outcome == null) {
                throw failure("returned no result for " + job.output());
            }
            results.put(job.output(), outcome.result());
        }
        return results;
    }

    private IOException failure(String what) {
        int exit;
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) { // it wrote something that is not a reply, and runs on
                process.destroyForcibly();
            }
            exit = process.waitFor();
            stderrReader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new IOException("interrupted while Closure Compiler's process ran", e);
        }
        return new IOException("Closure Compiler's process " + what + "; it exited with code " + exit
                + ". Its output:\n" + stderr.toString(StandardCharsets.UTF_8).strip()
                + "\nCommand: " + String.join(" ", command)
                + "\n(-Dassetpipe.closureFork=false compiles in Maven's own JVM instead.)");
    }

    /** Ends the child: it exits by itself after a compile; otherwise (nothing to compile) it is stopped. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // a child still waiting for a request sees end of input
        } catch (IOException ignored) {
            // already closed
        }
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Compiles {@code jobs} in this JVM on {@code pool}, all at once; by output path, in job order.
     * What the child does with a request (and {@code bench/closure.sh} times in a plain JVM).
     */
    public static Map<String, CompileResult> compileHere(ClosureScriptCompiler.Settings settings, List<ScriptJob> jobs,
                                                         ExecutorService pool) throws InterruptedException {
        ClosureScriptCompiler closure = new ClosureScriptCompiler(settings);
        Map<String, Future<CompileResult>> running = new LinkedHashMap<>();
        for (ScriptJob job : jobs) {
            running.put(job.output(), pool.submit(() -> job.compileWith(closure)));
        }
        Map<String, CompileResult> results = new LinkedHashMap<>();
        for (Map.Entry<String, Future<CompileResult>> job : running.entrySet()) {
            try {
                results.put(job.getKey(), job.getValue().get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("Closure Compiler failed on " + job.getKey(), e.getCause());
            }
        }
        return results;
    }

    /** The child: reads a {@link Request} from stdin, compiles its jobs in parallel, writes a {@link Reply}. */
    public static void main(String[] args) throws Exception {
        // Only the reply may go to stdout; anything a library prints goes to stderr.
        OutputStream replyStream = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            // Closure loads on one thread while this one waits for the request; the jobs need not
            // wait for it (a class the preload has not reached yet loads on first use).
            pool.submit(ClosureScriptCompiler::preload);
            // Jackson looks at the wire types now, while the build is still planning what to send.
            ObjectReader requests = JSON.readerFor(Request.class);
            ObjectWriter replies = JSON.writerFor(Reply.class);
            Request request;
            try {
                request = requests.readValue(System.in);
            } catch (IOException e) {
                return; // the build needed no compile after all, and closed our stdin
            }
            Map<String, Outcome> outcomes = new LinkedHashMap<>();
            compileHere(request.settings(), request.jobs(), pool).forEach((output, result) ->
                    outcomes.put(output, Outcome.of(result)));
            try {
                replies.writeValue(replyStream, new Reply(outcomes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
