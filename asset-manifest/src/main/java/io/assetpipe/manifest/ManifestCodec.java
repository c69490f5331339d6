package io.assetpipe.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Reads and writes manifest v1 JSON (Jackson does the JSON; this class maps it to the records and
 * names the field of every problem).
 *
 * <p>Reading is strict: duplicate keys, unknown fields, missing fields, wrong types, an unsupported
 * version and unsafe paths all fail with a {@link ManifestException} naming the field (as a JSON
 * location) and the value. Unknown fields are rejected rather than ignored because a misspelt
 * optional field (say {@code sourcemap}) would otherwise silently drop data; a new field means a new
 * format version.
 *
 * <p>Writing is deterministic: fixed field order, sorted maps, two-space indentation, {@code \n}
 * line ends and a final newline, UTF-8.
 */
public final class ManifestCodec {
    /** The file name of a manifest inside a bundle. */
    public static final String FILE_NAME = "manifest.json";

    private static final Set<String> MANIFEST_FIELDS = Set.of("version", "generator", "buildTime", "assets", "retired");
    private static final Set<String> ENTRY_FIELDS =
            Set.of("path", "type", "size", "sha256", "integrity", "encodings", "sourceMap");
    private static final Set<String> VARIANT_FIELDS = Set.of("path", "size", "sha256");

    /*
     * Reading uses jackson-core's streaming parser and builds the tree itself (readTree below)
     * rather than databind's ObjectMapper: constructing a mapper loads some 400 classes and costs
     * ~0.4 s of a server's start-up, while a manifest needs nothing from databind but its nodes.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ManifestCodec() {}

    /** Parses a manifest; {@code source} (a file name or URL) prefixes every error message. */
    public static AssetManifest read(InputStream in, String source) throws IOException {
        return read(in.readAllBytes(), source);
    }

    public static AssetManifest read(byte[] json, String source) {
        JsonNode root;
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new ManifestException(source + ": not valid JSON: no content");
            }
            root = readTree(parser);
            if (parser.nextToken() != null) {
                throw new ManifestException(source + ": not valid JSON: content after the manifest's closing brace"
                        + locationOf(parser.currentTokenLocation()));
            }
        } catch (JsonProcessingException e) {
            throw new ManifestException(source + ": not valid JSON: " + e.getOriginalMessage()
                    + locationOf(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return toManifest(root);
        } catch (ManifestException e) {
            throw new ManifestException(source + ": " + e.getMessage(), e);
        }
    }

    public static AssetManifest read(String json, String source) {
        return read(json.getBytes(StandardCharsets.UTF_8), source);
    }

    /** The manifest as UTF-8 JSON; equal manifests give equal bytes. */
    public static byte[] write(AssetManifest manifest) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("version", manifest.version());
        root.put("generator", manifest.generator());
        root.put("buildTime", manifest.buildTime().toString());
        root.set("assets", entries(manifest.assets()));
        root.set("retired", entries(manifest.retired()));
        // Plain "key": value and {} so the output reads like hand-formatted JSON on every platform.
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            String text = Writer.MAPPER.writer(printer).writeValueAsString(root) + "\n";
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise manifest", e);
        }
    }

    /** The mapper for {@link #write}, created on first use so that reading never pays for it. */
    private static final class Writer {
        static final JsonMapper MAPPER = new JsonMapper();
    }

    /** The value at the parser's current token, as a tree; the parser checks syntax and duplicates. */
    private static JsonNode readTree(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, readTree(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readTree(parser));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(parser.getBooleanValue());
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IllegalStateException(
                    "unexpected " + parser.currentToken() + " at " + parser.currentLocation());
        };
    }

    private static ObjectNode entries(Map<String, AssetEntry> entries) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        entries.forEach((key, entry) -> {
            ObjectNode e = node.putObject(key);
            e.put("path", entry.path());
            e.put("type", entry.type());
            e.put("size", entry.size());
            e.put("sha256", entry.sha256());
            e.put("integrity", entry.integrity());
            ObjectNode encodings = e.putObject("encodings");
            entry.encodings().forEach((encoding, variant) -> {
                ObjectNode v = encodings.putObject(encoding.token());
                v.put("path", variant.path());
                v.put("size", variant.size());
                v.put("sha256", variant.sha256());
            });
            if (entry.sourceMap() != null) {
                e.put("sourceMap", entry.sourceMap());
            }
        });
        return node;
    }

    private static AssetManifest toManifest(JsonNode root) {
        requireObject("manifest", root, MANIFEST_FIELDS);
        long version = integer(root, "", "version");
        if (version != AssetManifest.CURRENT_VERSION) {
            throw new ManifestException("version " + root.get("version") + " is not supported (this reader supports "
                    + AssetManifest.CURRENT_VERSION + ")");
        }
        String generator = text(root, "", "generator");
        String buildTimeText = text(root, "", "buildTime");
        Instant buildTime;
        try {
            buildTime = Instant.parse(buildTimeText);
        } catch (DateTimeParseException e) {
            throw new ManifestException("buildTime " + AssetPaths.quote(buildTimeText)
                    + " is not an ISO-8601 UTC instant such as 2026-01-01T00:00:00Z");
        }
        Map<String, AssetEntry> assets = entryMap(root, "assets");
        Map<String, AssetEntry> retired = entryMap(root, "retired");
        return new AssetManifest((int) version, generator, buildTime, new TreeMap<>(assets), new TreeMap<>(retired));
    }

    private static Map<String, AssetEntry> entryMap(JsonNode root, String field) {
        JsonNode node = required(root, "", field);
        if (!node.isObject()) {
            throw new ManifestException(field + " must be an object, was " + node.getNodeType());
        }
        Map<String, AssetEntry> entries = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> item = it.next();
            // The key's own rules are checked once, by AssetManifest's constructor.
            String where = field + "[" + AssetPaths.quote(item.getKey()) + "]";
            entries.put(item.getKey(), toEntry(item.getValue(), where));
        }
        return entries;
    }

    private static AssetEntry toEntry(JsonNode node, String where) {
        requireObject(where, node, ENTRY_FIELDS);
        String path = text(node, where, "path");
        String type = text(node, where, "type");
        long size = integer(node, where, "size");
        String sha256 = text(node, where, "sha256");
        String integrity = text(node, where, "integrity");
        JsonNode encodingsNode = required(node, where, "encodings");
        requireObject(where + ".encodings", encodingsNode, null);
        Map<ContentEncoding, EncodedVariant> encodings = new EnumMap<>(ContentEncoding.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = encodingsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String vWhere = where + ".encodings." + e.getKey();
            ContentEncoding encoding = ContentEncoding.fromToken(e.getKey())
                    .orElseThrow(() -> new ManifestException(where + ".encodings has unknown encoding "
                            + AssetPaths.quote(e.getKey()) + " (known: br, gzip, zstd)"));
            requireObject(vWhere, e.getValue(), VARIANT_FIELDS);
            encodings.put(encoding, withLocation(vWhere, () -> new EncodedVariant(
                    text(e.getValue(), vWhere, "path"),
                    integer(e.getValue(), vWhere, "size"),
                    text(e.getValue(), vWhere, "sha256"))));
        }
        JsonNode sourceMapNode = node.get("sourceMap");
        String sourceMap = sourceMapNode == null ? null : text(node, where, "sourceMap");
        return withLocation(where, () -> new AssetEntry(path, type, size, sha256, integrity, encodings, sourceMap));
    }

    /** Runs a record constructor, prefixing its field name with the JSON location. */
    private static <T> T withLocation(String where, Supplier<T> build) {
        try {
            return build.get();
        } catch (ManifestException e) {
            throw new ManifestException(where + "." + e.getMessage(), e);
        }
    }

    private static void requireObject(String where, JsonNode node, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new ManifestException(where + " must be a JSON object, was "
                    + (node == null ? "missing" : node.getNodeType().toString().toLowerCase()));
        }
        if (allowed != null) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw new ManifestException(prefix(where) + AssetPaths.quote(name)
                            + " is not a field of manifest v1 (allowed: " + new TreeSet<>(allowed) + ")");
                }
            }
        }
    }

    private static JsonNode required(JsonNode node, String where, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ManifestException(prefix(where) + field + " is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String where, String field) {
        JsonNode value = required(node, where, field);
        if (!value.isTextual()) {
            throw new ManifestException(prefix(where) + field + " " + value + " must be a string");
        }
        return value.textValue();
    }

    private static long integer(JsonNode node, String where, String field) {
        JsonNode value = required(node, where, field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new ManifestException(prefix(where) + field + " " + value + " must be an integer");
        }
        return value.longValue();
    }

    private static String prefix(String where) {
        return where.isEmpty() || where.equals("manifest") ? "" : where + ".";
    }

    private static String locationOf(JsonProcessingException e) {
        return locationOf(e.getLocation());
    }

    private static String locationOf(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
