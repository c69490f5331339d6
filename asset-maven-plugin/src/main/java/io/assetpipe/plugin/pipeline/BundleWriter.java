package io.assetpipe.plugin.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;

/**
 * Writes a bundle into a staging directory next to the output directory, then swaps it into
 * place, so a reader never sees a half-written bundle. Closing without {@link #moveIntoPlace()}
 * (a failed build) deletes the staging directory.
 */
final class BundleWriter implements AutoCloseable {
    private static final String STAGING_PREFIX = ".assets-staging-";

    private final Path target;
    private Path staging;

    private BundleWriter(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /** A new, empty staging directory for a bundle that will replace {@code target}. */
    static BundleWriter stage(Path target) throws IOException {
        return new BundleWriter(target, Files.createTempDirectory(parentOf(target), STAGING_PREFIX));
    }

    /** Writes {@code bytes} at bundle path {@code path}, creating folders as needed. */
    void write(String path, byte[] bytes) throws IOException {
        Path file = staging.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    /** Replaces the output directory with the staged bundle. */
    void moveIntoPlace() throws IOException {
        moveIntoPlace(staging, target);
        staging = null;
    }

    @Override
    public void close() throws IOException {
        if (staging != null) {
            deleteRecursively(staging);
        }
    }

    /**
     * Replaces {@code target} with the fully written {@code staging} directory: the old bundle is
     * renamed aside, the new one renamed in (same file system, so both are atomic renames), then
     * the old one deleted. A reader never sees a half-written bundle.
     */
    static void moveIntoPlace(Path staging, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling(target.getFileName() + ".old-" + System.nanoTime());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            deleteRecursively(old);
        }
    }

    /**
     * Deletes staging and old-bundle directories a killed build may have left next to the output
     * directory, so they never end up in the project's jar.
     */
    static void removeLeftovers(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        String oldPrefix = target.getFileName() + ".old-";
        try (var list = Files.list(parent)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(STAGING_PREFIX) || name.startsWith(oldPrefix)) {
                    deleteRecursively(p);
                }
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Path parentOf(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return parent;
    }
}
