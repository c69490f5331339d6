package io.assetpipe.reliability.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every process a test class started. A test class closes its group in {@code @AfterAll}, so nothing
 * outlives it even when a test fails; a JVM shutdown hook covers a killed test JVM as well.
 */
public final class ProcessGroup implements AutoCloseable {
    private final List<ManagedProcess> processes = new ArrayList<>();
    private final Path logDir;
    private final Thread hook = new Thread(this::close, "reliability-process-cleanup");

    public ProcessGroup(String testName) {
        this.logDir = Suite.workDir().resolve(testName).resolve("logs");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public synchronized ManagedProcess start(String name, List<String> command, Map<String, String> env) {
        ManagedProcess process = ManagedProcess.start(name, command, env, logDir);
        processes.add(process);
        return process;
    }

    public Path logDir() {
        return logDir;
    }

    @Override
    public synchronized void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        processes.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
    }
}
