package io.assetpipe.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestCodecTest {
    private static final String SHA_A = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb";
    private static final String SHA_B = "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d";
    private static final String SHA_C = "2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6";
    private static final String SRI = "sha384-VKWbnyKwuAiA2EJ+VIt8I6vYc0huHwNdzpzWl+hRdQM8qojm1XvDXvrgta/TFF8x";

    static String docsExample() throws Exception {
        String doc = Files.readString(Path.of("../docs/manifest.md"));
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertTrue(m.find(), "docs/manifest.md has a ```json block");
        return m.group(1);
    }

    @Test
    void parsesTheExampleInTheDocs() throws Exception {
        AssetManifest manifest = ManifestCodec.read(docsExample(), "docs/manifest.md");

        assertEquals(1, manifest.version());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), manifest.buildTime());
        AssetEntry css = manifest.asset("css/app.css").orElseThrow();
        assertEquals("css/app-3f2a9c1be0d4.css", css.path());
        assertEquals("text/css; charset=utf-8", css.type());
        assertEquals(1234, css.size());
        assertEquals(321, css.variant(ContentEncoding.BR).orElseThrow().size());
        assertEquals("css/app-3f2a9c1be0d4.css.zst", css.variant(ContentEncoding.ZSTD).orElseThrow().path());
        assertEquals("css/app.css.map", css.sourceMap());
        assertEquals(1, manifest.retired().size());
        assertEquals(6, manifest.files().size());
    }

    @Test
    void docsExampleIsWrittenBackByteForByte() throws Exception {
        String example = docsExample();
        AssetManifest manifest = ManifestCodec.read(example, "docs");
        assertEquals(example, new String(ManifestCodec.write(manifest), StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsAndWritesDeterministically() {
        Map<String, AssetEntry> assets = new TreeMap<>();
        assets.put("js/app.js", new AssetEntry("js/app-0123456789ab.js", "text/javascript; charset=utf-8", 10, SHA_A,
                SRI, Map.of(ContentEncoding.GZIP, new EncodedVariant("js/app-0123456789ab.js.gz", 5, SHA_B)),
                "js/app.js.map"));
        assets.put("js/app.js.map", AssetEntry.of("js/app-ba9876543210.js.map", "application/json", 3, SHA_C, SRI));
        assets.put("img/a.png", AssetEntry.of("img/a-aaaaaaaaaaaa.png", "image/png", 0, SHA_B, SRI));
        AssetManifest manifest = AssetManifest.of("assetpipe test", Instant.EPOCH, assets, Map.of());

        byte[] first = ManifestCodec.write(manifest);
        AssetManifest read = ManifestCodec.read(first, "test");
        assertEquals(manifest, read);
        assertArrayEquals(first, ManifestCodec.write(read));
        String json = new String(first, StandardCharsets.UTF_8);
        assertTrue(json.indexOf("img/a.png") < json.indexOf("js/app.js"), "assets sorted by logical path");
        assertTrue(json.endsWith("}\n"));
        assertTrue(!json.contains("\r"));
    }

    @Test
    void rejectsUnknownVersion() throws Exception {
        String json = docsWith("\"version\": 1", "\"version\": 2");
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestCodec.read(json, "m.json"));
        assertEquals("m.json: version 2 is not supported (this reader supports 1)", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'\"generator\": \"assetpipe 0.1.0\",'|''|generator is missing",
        "'\"size\": 1234,'|''|assets[\"css/app.css\"].size is missing",
        "'\"sha256\": \"3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d\"'|'\"x\": 1'|assets[\"css/app.css\"].encodings.br.\"x\" is not a field",
        "'\"size\": 1234'|'\"size\": \"1234\"'|assets[\"css/app.css\"].size \"1234\" must be an integer",
        "'\"size\": 1234'|'\"size\": -1'|assets[\"css/app.css\"].size -1 must not be negative",
        "'\"2026-01-01T00:00:00Z\"'|'\"yesterday\"'|buildTime \"yesterday\" is not an ISO-8601",
        "'\"path\": \"css/app-3f2a9c1be0d4.css.br\"'|'\"path\": \"/etc/passwd\"'|assets[\"css/app.css\"].encodings.br.path \"/etc/passwd\" is absolute",
        "'\"path\": \"css/app-3f2a9c1be0d4.css.gz\"'|'\"path\": \"css/../../x.gz\"'|encodings.gzip.path \"css/../../x.gz\" has a '..' segment",
        "'\"path\": \"css/app-3f2a9c1be0d4.css.zst\"'|'\"path\": \"css/./x.zst\"'|encodings.zstd.path \"css/./x.zst\" has a '.' segment",
        "'\"path\": \"css/app-3f2a9c1be0d4.css\"'|'\"path\": \"css//app.css\"'|assets[\"css/app.css\"].path \"css//app.css\" has an empty segment",
        "'\"path\": \"css/app-3f2a9c1be0d4.css\"'|'\"path\": \"css\\\\app.css\"'|assets[\"css/app.css\"].path \"css\\\\app.css\" contains a backslash",
        "'\"path\": \"css/app-3f2a9c1be0d4.css\"'|'\"path\": \"css/app\\u0000.css\"'|assets[\"css/app.css\"].path \"css/app\\u0000.css\" contains a NUL",
        "'\"path\": \"css/app-3f2a9c1be0d4.css.zst\"'|'\"path\": \"css/app-3f2a9c1be0d4.css.gz\"'|duplicate path \"css/app-3f2a9c1be0d4.css.gz\"",
        "'\"path\": \"css/app-5b05321651da.css.map\"'|'\"path\": \"css/app-0d4ca1bbdcaf.css\"'|duplicate path \"css/app-0d4ca1bbdcaf.css\"",
        "'\"sourceMap\": \"css/app.css.map\"'|'\"sourceMap\": \"css/nope.map\"'|sourceMap \"css/nope.map\" is not an asset",
        "'\"zstd\": {'|'\"deflate\": {'|unknown encoding \"deflate\"",
        "'\"sha256\": \"18ac3e7343f016890c510e93f935261169d9e3f565436429830faf0934f4f8e4\"'|'\"sha256\": \"18AC\"'|encodings.zstd.sha256 \"18AC\" must be 64 lowercase hexadecimal digits",
        "'\"integrity\": \"sha384-mKkG'|'\"integrity\": \"sha256-mKkG'|integrity \"sha256-mKkG",
        "'\"retired\": {'|'\"retired\": [],\"x\": {'|\"x\" is not a field of manifest v1",
        "'\"css/app-0d4ca1bbdcaf.css\": {'|'\"css/other-0d4ca1bbdcaf.css\": {'|must equal its key",
        "'\"css/app.css.map\": {'|'\"/abs.map\": {'|assets[\"/abs.map\"] \"/abs.map\" is absolute",
    })
    void rejectsWithAMessageNamingFieldAndValue(String from, String to, String expected) throws Exception {
        String json = docsWith(from, to);
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestCodec.read(json, "m.json"));
        assertTrue(e.getMessage().startsWith("m.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void rejectsDuplicateKeys() throws Exception {
        String json = docsWith("\"generator\": \"assetpipe 0.1.0\",",
                "\"generator\": \"assetpipe 0.1.0\", \"generator\": \"other\",");
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestCodec.read(json, "m.json"));
        assertTrue(e.getMessage().contains("Duplicate field 'generator'"), e.getMessage());
    }

    @Test
    void rejectsMalformedJsonWithItsLocation() {
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestCodec.read("{\"version\": 1,,}", "m.json"));
        assertTrue(e.getMessage().startsWith("m.json: not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void rejectsTrailingContentAndNonObjects() {
        assertThrows(ManifestException.class, () -> ManifestCodec.read("[]", "m.json"));
        ManifestException trailing = assertThrows(ManifestException.class,
                () -> ManifestCodec.read(docsWithUnchecked("", "") + "{}", "m.json"));
        assertTrue(trailing.getMessage().startsWith("m.json: not valid JSON: content after"), trailing.getMessage());
        assertTrue(trailing.getMessage().contains("(line "), trailing.getMessage());
        ManifestException empty = assertThrows(ManifestException.class, () -> ManifestCodec.read(" ", "m.json"));
        assertTrue(empty.getMessage().startsWith("m.json: not valid JSON: no content"), empty.getMessage());
    }

    @Test
    void recordsRefuseInvalidValuesWhenBuiltInCode() {
        assertThrows(ManifestException.class,
                () -> AssetEntry.of("../x.css", "text/css", 1, SHA_A, SRI));
        assertThrows(ManifestException.class,
                () -> new AssetManifest(2, "g", Instant.EPOCH, new TreeMap<>(), new TreeMap<>()));
    }

    private static String docsWith(String from, String to) throws Exception {
        String json = docsExample();
        assertTrue(json.contains(from), "example contains " + from);
        return json.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));
    }

    private static String docsWithUnchecked(String from, String to) {
        try {
            return docsWith(from, to);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
