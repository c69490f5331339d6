package io.assetpipe.plugin.report;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a bundle is made of, in esbuild's metafile format ({@code meta.json}), which esbuild's
 * {@code analyzeMetafile} and the bundle analyzers built for esbuild read. Inputs are named as the
 * source maps name them (a project file by its path under the source directory, a library file as
 * {@code webjars/<name>/...} or {@code node_modules/<name>/...}); outputs by their path in the
 * bundle, fingerprint included.
 *
 * @param inputs every file some output was made from
 * @param outputs every file of the bundle
 */
public record Metafile(Map<String, Input> inputs, Map<String, Output> outputs) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Metafile {
        inputs = Collections.unmodifiableSortedMap(new TreeMap<>(inputs));
        outputs = Collections.unmodifiableSortedMap(new TreeMap<>(outputs));
    }

    /**
     * A request of an input, resolved to another input.
     *
     * @param kind as esbuild names it: {@code import-statement}, {@code require-call}, ...
     */
    public record Import(String path, String kind) {}

    /**
     * @param bytes the input's size
     * @param imports the inputs it requests
     * @param format {@code esm} or {@code cjs} for a JavaScript module, else null
     */
    public record Input(long bytes, List<Import> imports, String format) {
        public Input {
            imports = List.copyOf(imports);
        }
    }

    /**
     * @param bytes the file's size
     * @param inputs {@code bytesInOutput} per input; empty for a source map, and for a compiled
     *     output built without one (then nothing tells its inputs apart)
     * @param entryPoint the input it was built from (a module entry, a Sass file), or null
     */
    public record Output(long bytes, Map<String, Long> inputs, String entryPoint) {
        public Output {
            inputs = Collections.unmodifiableSortedMap(new TreeMap<>(inputs));
        }

        /** The bytes no input accounts for. */
        public long unmapped() {
            return bytes - inputs.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The JSON text, with sorted keys and two-space indentation: the same bundle gives the same bytes. */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode in = root.putObject("inputs");
        inputs.forEach((path, input) -> {
            ObjectNode node = in.putObject(path);
            node.put("bytes", input.bytes());
            ArrayNode imports = node.putArray("imports");
            input.imports().forEach(i -> imports.addObject().put("path", i.path()).put("kind", i.kind()));
            if (input.format() != null) {
                node.put("format", input.format());
            }
        });
        ObjectNode out = root.putObject("outputs");
        outputs.forEach((path, output) -> {
            ObjectNode node = out.putObject(path);
            node.putArray("imports");
            node.putArray("exports");
            if (output.entryPoint() != null) {
                node.put("entryPoint", output.entryPoint());
            }
            ObjectNode parts = node.putObject("inputs");
            output.inputs().forEach((input, bytes) -> parts.putObject(input).put("bytesInOutput", bytes));
            node.put("bytes", output.bytes());
        });
        try {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            String text = JSON.writer(printer).writeValueAsString(root) + "\n";
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /**
     * Reads a metafile this class wrote (an up-to-date build reports from the last one).
     *
     * @throws IOException if it is not JSON with {@code inputs} and {@code outputs} objects
     */
    public static Metafile parse(byte[] json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.path("inputs").isObject() || !root.path("outputs").isObject()) {
            throw new IOException("not a metafile: no \"inputs\" and \"outputs\" objects");
        }
        SortedMap<String, Input> inputs = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : root.get("inputs").properties()) {
            List<Import> imports = new ArrayList<>();
            e.getValue().path("imports").forEach(i -> imports.add(new Import(i.path("path").asText(), i.path("kind").asText())));
            JsonNode format = e.getValue().get("format");
            inputs.put(e.getKey(), new Input(e.getValue().path("bytes").asLong(), imports,
                    format == null ? null : format.asText()));
        }
        SortedMap<String, Output> outputs = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : root.get("outputs").properties()) {
            SortedMap<String, Long> parts = new TreeMap<>();
            e.getValue().path("inputs").properties()
                    .forEach(p -> parts.put(p.getKey(), p.getValue().path("bytesInOutput").asLong()));
            JsonNode entry = e.getValue().get("entryPoint");
            outputs.put(e.getKey(), new Output(e.getValue().path("bytes").asLong(), parts,
                    entry == null ? null : entry.asText()));
        }
        return new Metafile(inputs, outputs);
    }
}
