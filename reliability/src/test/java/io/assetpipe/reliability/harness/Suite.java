package io.assetpipe.reliability.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Where the suite works, free loopback ports and bounded waiting. */
public final class Suite {
    public static final String LOOPBACK = "127.0.0.1";

    private Suite() {}

    /** The repository root (deploy/ lives there). */
    public static Path projectRoot() {
        return Path.of(System.getProperty("reliability.projectRoot", "..")).toAbsolutePath().normalize();
    }

    public static Path workDir() {
        Path dir = Path.of(System.getProperty("reliability.workDir", "target/reliability")).toAbsolutePath();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An empty directory for one test class under the work directory: nothing left from an earlier run
     * (an nginx cache, say) can change the outcome.
     */
    public static Path freshDir(String name) {
        Path dir = workDir().resolve(name);
        try {
            if (Files.exists(dir)) {
                try (var paths = Files.walk(dir)) {
                    for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir, e);
        }
    }

    public static Path deployFile(String name) {
        return projectRoot().resolve("deploy").resolve(name);
    }

    /** An ephemeral loopback port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code condition} every 50 ms; fails naming {@code what} (and {@code detail}) after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> detail) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "\n" + detail.get());
            }
            sleep(Duration.ofMillis(50));
        }
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
