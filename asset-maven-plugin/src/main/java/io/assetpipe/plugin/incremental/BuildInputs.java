package io.assetpipe.plugin.incremental;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What this build is made from, in the form {@link BuildIndex} records it.
 *
 * @param configKey hash of the plugin version and configuration
 * @param sources hash of every source file, by logical path
 * @param jars size and time of every dependency jar, by path
 */
public record BuildInputs(String configKey, SortedMap<String, String> sources, SortedMap<String, String> jars) {

    public static BuildInputs of(String configKey, Path sourceDirectory, List<String> files, List<Path> dependencyJars,
                                 FileHashes hashes) throws IOException {
        SortedMap<String, String> sources = new TreeMap<>();
        for (String file : files) {
            sources.put(file, hashes.of(sourceDirectory.resolve(file)));
        }
        SortedMap<String, String> jars = new TreeMap<>();
        for (Path jar : dependencyJars) {
            if (Files.isRegularFile(jar)) {
                // Size and time, not content: dependency jars can be large, and a changed jar gets a new time.
                jars.put(jar.toString(), Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis());
            }
        }
        return new BuildInputs(configKey, sources, jars);
    }
}
