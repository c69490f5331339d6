package io.assetpipe.example;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged app, started as the README starts it ({@code java -jar example-app.jar}) on a free
 * port with its access log on, so tests see what reached the server.
 */
final class AppProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://localhost:(\\d+)/");

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private AppProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "example-app-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the jar and waits until it says which port it listens on. */
    static AppProcess start() throws Exception {
        Path jar = Path.of(System.getProperty("example.jar", "target/example-app.jar"));
        if (!Files.isRegularFile(jar)) {
            fail("the app jar " + jar.toAbsolutePath() + " does not exist; run `./mvnw verify` so the "
                    + "package phase builds it before this test");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", jar.toString())
                .redirectErrorStream(true);
        builder.environment().put("PORT", "0");
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("ACCESS_LOG", "true");
        AppProcess app = new AppProcess(builder.start());
        try {
            // Generous: this only bounds how long a broken start-up hangs the build.
            app.port.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            app.close();
            fail("example-app did not report its port (" + e + "); output:\n" + app.output());
        }
        return app;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port.join() + "/";
    }

    /** Lines printed so far (start-up messages and access-log lines). */
    synchronized String output() {
        return String.join("\n", output);
    }

    synchronized int lineCount() {
        return output.size();
    }

    synchronized List<String> linesSince(int index) {
        return List.copyOf(output.subList(index, output.size()));
    }

    /** Waits for a line after {@code index} that matches, so a test never depends on timing. */
    List<String> awaitLine(int index, Predicate<String> matches, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            List<String> lines = linesSince(index);
            if (lines.stream().anyMatch(matches)) {
                return lines;
            }
            Thread.sleep(50);
        }
        return fail("the server never logged " + what + "; it logged:\n" + String.join("\n",
                linesSince(index)));
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (this) {
                    output.add(line);
                }
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    port.complete(Integer.parseInt(listening.group(1)));
                }
            }
        } catch (IOException e) {
            // the process ended; its output so far stays available
        }
        port.completeExceptionally(new IllegalStateException("example-app exited"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: the app's shutdown hook stops Undertow
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
