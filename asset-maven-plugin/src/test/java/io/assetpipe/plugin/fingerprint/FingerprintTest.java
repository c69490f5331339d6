package io.assetpipe.plugin.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FingerprintTest {
    private static final String HASH = "3f2a9c1be0d4ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee";

    @Test
    void fingerprintGoesBeforeTheFirstDotOfTheFileName() {
        assertEquals("css/site-3f2a9c1be0d4.css", Fingerprint.fingerprintedPath("css/site.css", HASH));
        assertEquals("css/app-3f2a9c1be0d4.css.map", Fingerprint.fingerprintedPath("css/app.css.map", HASH));
        assertEquals("a.b/LICENSE-3f2a9c1be0d4", Fingerprint.fingerprintedPath("a.b/LICENSE", HASH));
        assertEquals("robots-3f2a9c1be0d4.txt", Fingerprint.fingerprintedPath("robots.txt", HASH));
    }

    @Test
    void hashesAreTheStandardDigests() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        // FIPS 180-2 test vectors.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Fingerprint.sha256Hex(abc));
        assertEquals("sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn", Fingerprint.integrity(abc));
    }

    @Test
    void referencedFilesComeFirst() throws Exception {
        List<String> order = DependencyOrder.of(List.of("css/a.css", "img/x.png", "css/a.css.map", "b.css"),
                Map.of("css/a.css", Set.of("img/x.png", "css/a.css.map"), "b.css", Set.of("css/a.css")));
        assertEquals(List.of("css/a.css.map", "img/x.png", "css/a.css", "b.css"), order);
    }

    @Test
    void cycleIsNamed() {
        DependencyOrder.CycleException e = assertThrows(DependencyOrder.CycleException.class, () -> DependencyOrder.of(
                List.of("a.css", "b.css", "c.css", "ok.png"),
                Map.of("a.css", Set.of("b.css", "ok.png"), "b.css", Set.of("c.css"), "c.css", Set.of("a.css"))));
        assertEquals(4, e.cycle().size());
        assertEquals(e.cycle().get(0), e.cycle().get(3));
        assertEquals(Set.of("a.css", "b.css", "c.css"), Set.copyOf(e.cycle()));
        // Reads in reference direction: each file references the next.
        Map<String, String> next = Map.of("a.css", "b.css", "b.css", "c.css", "c.css", "a.css");
        for (int i = 0; i < 3; i++) {
            assertEquals(next.get(e.cycle().get(i)), e.cycle().get(i + 1));
        }
    }
}
