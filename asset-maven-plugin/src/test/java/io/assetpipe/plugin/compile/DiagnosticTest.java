package io.assetpipe.plugin.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticTest {
    private static final String PRIVATE = "This language feature is not currently supported by the compiler: Private class properties.";

    @Test
    void oneMessageRepeatedAllOverAFileIsCountedAfterTheFirstFew() {
        List<Diagnostic> errors = new ArrayList<>();
        for (int line = 1; line <= 15; line++) {
            errors.add(new Diagnostic("lib/htmx.esm.js", line * 10, 9, PRIVATE));
            if (line == 2) {
                errors.add(new Diagnostic("js/app.js", 3, 1, "another problem"));
                errors.add(new Diagnostic("lib/htmx.esm.js", 25, 1, "a different message"));
            }
        }
        assertEquals(List.of(
                "lib/htmx.esm.js:10:9: " + PRIVATE,
                "lib/htmx.esm.js:20:9: " + PRIVATE,
                "lib/htmx.esm.js:30:9: " + PRIVATE,
                "lib/htmx.esm.js: 12 more of the same at 40:9, 50:9, 60:9, 70:9, 80:9, 90:9, 100:9, 110:9, 120:9,"
                        + " 130:9, …: " + PRIVATE,
                "js/app.js:3:1: another problem",
                "lib/htmx.esm.js:25:1: a different message"),
                Diagnostic.lines(errors, 3));
    }

    @Test
    void fewRepeatsAndDifferentFilesArePrintedInFull() {
        List<Diagnostic> errors = List.of(
                new Diagnostic("a.js", 1, 1, "same"), new Diagnostic("a.js", 2, 1, "same"),
                new Diagnostic("a.js", 3, 1, "same"), new Diagnostic("b.js", 1, 1, "same"),
                new Diagnostic("c.js", 0, 0, "unreadable"));
        assertEquals(List.of("a.js:1:1: same", "a.js:2:1: same", "a.js:3:1: same", "b.js:1:1: same", "c.js: unreadable"),
                Diagnostic.lines(errors, 3));
    }
}
