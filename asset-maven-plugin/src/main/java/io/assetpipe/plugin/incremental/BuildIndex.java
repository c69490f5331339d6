package io.assetpipe.plugin.incremental;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the last successful build was made from, kept in the work directory: the configuration
 * key (plugin version + configuration), the hash of every source file, a key for every dependency
 * jar, the files each compiled output was made from, the hash of the manifest it wrote, and the
 * size, time and hash of every file it read ({@link FileHashes#stamps()}).
 *
 * <p>Anything missing or unreadable means "no index": a full build, never a stale output.
 */
public record BuildIndex(
        String configKey,
        String manifestSha256,
        SortedMap<String, String> sources,
        SortedMap<String, String> jars,
        SortedMap<String, SortedMap<String, String>> units,
        SortedMap<String, String> stamps) {

    public static final String FILE_NAME = "build-index.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public BuildIndex {
        sources = new TreeMap<>(sources);
        jars = new TreeMap<>(jars);
        units = new TreeMap<>(units);
        stamps = new TreeMap<>(stamps);
    }

    /** The index in {@code workDirectory}, or empty when absent or corrupt. */
    public static Optional<BuildIndex> read(Path workDirectory) {
        Path file = workDirectory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            SortedMap<String, SortedMap<String, String>> units = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = required(root, "units").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> unit = it.next();
                units.put(unit.getKey(), strings(unit.getValue()));
            }
            return Optional.of(new BuildIndex(
                    required(root, "configKey").asText(),
                    required(root, "manifestSha256").asText(),
                    strings(required(root, "sources")),
                    strings(required(root, "jars")),
                    units,
                    strings(required(root, "stamps"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes atomically, so an interrupted build leaves the old index or none, never half of one. */
    public void write(Path workDirectory) throws IOException {
        Files.createDirectories(workDirectory);
        ObjectNode root = JSON.createObjectNode();
        root.put("configKey", configKey);
        root.put("manifestSha256", manifestSha256);
        root.set("sources", JSON.valueToTree(sources));
        root.set("jars", JSON.valueToTree(jars));
        root.set("units", JSON.valueToTree(units));
        root.set("stamps", JSON.valueToTree(stamps));
        Path tmp = workDirectory.resolve(FILE_NAME + ".tmp");
        JSON.writeValue(tmp.toFile(), root);
        Files.move(tmp, workDirectory.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    public static void delete(Path workDirectory) throws IOException {
        Files.deleteIfExists(workDirectory.resolve(FILE_NAME));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException("index has no " + field);
        }
        return value;
    }

    private static SortedMap<String, String> strings(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalStateException("not an object");
        }
        SortedMap<String, String> map = new TreeMap<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new IllegalStateException("not a string");
            }
            map.put(e.getKey(), e.getValue().asText());
        });
        return map;
    }
}
