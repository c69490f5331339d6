package io.assetpipe.plugin.sourcemap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Keeps a source map true to its generated file when the build edits that file afterwards: a
 * stylesheet's {@code url()}s rewritten to fingerprinted names are longer, and in compressed CSS,
 * one line, every rule after them would otherwise map to a rule further back in the source.
 */
public final class SourceMapEdits {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceMapEdits() {}

    /**
     * {@code map} (Source Map v3 JSON) with its generated columns moved for {@code edits} to
     * {@code generated}, the text it was made for; {@code map} itself when there is nothing to move
     * or it is not a map this understands (an index map with sections, a broken file).
     */
    public static byte[] afterEdits(byte[] map, String generated, List<Mappings.Edit> edits) {
        if (edits.isEmpty()) {
            return map;
        }
        try {
            JsonNode json = JSON.readTree(map);
            if (!(json instanceof ObjectNode object) || !json.path("mappings").isTextual()) {
                return map;
            }
            String before = json.get("mappings").asText();
            Mappings mappings = Mappings.parse(before);
            mappings.applyEdits(generated, edits);
            String after = mappings.format();
            if (after.equals(before)) {
                return map; // only unmapped text moved (a trailing sourceMappingURL comment)
            }
            object.put("mappings", after);
            return JSON.writeValueAsString(object).getBytes(StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return map;
        }
    }
}
