package io.assetpipe.plugin.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.assetpipe.plugin.sourcemap.Mappings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a stylesheet against its source map: libsass (and the tools libraries build their CSS with)
 * put a segment at the start of every rule, so each selector after a {@code }} should have one
 * exactly at its column. A map that has drifted has segments a few columns off instead.
 */
final class MappedRules {
    private static final Pattern RULE_START = Pattern.compile("}([.#a-zA-Z][^{}]*)\\{");

    private MappedRules() {}

    /** The rule starts of {@code css} (as {@code line:column selector}) with no segment of {@code mapJson} there. */
    private static List<String> unmapped(String css, String mapJson) throws IOException {
        Mappings mappings = Mappings.parse(new ObjectMapper().readTree(mapJson).path("mappings").asText());
        List<String> unmapped = new ArrayList<>();
        String[] lines = css.split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            Matcher rule = RULE_START.matcher(lines[l]);
            while (rule.find()) {
                int column = rule.start() + 1;
                List<int[]> segments = l < mappings.lines().size() ? mappings.lines().get(l) : List.of();
                if (segments.stream().noneMatch(segment -> segment[0] == column)) {
                    unmapped.add((l + 1) + ":" + column + " " + rule.group(1));
                }
            }
        }
        return unmapped;
    }

    /** Fails naming the first few rule starts of {@code css} with no segment of {@code mapJson} there. */
    static void assertAllMapped(String css, String mapJson) throws IOException {
        List<String> unmapped = unmapped(css, mapJson);
        assertTrue(unmapped.isEmpty(), unmapped.size() + " of " + count(css)
                + " rule starts have no segment, e.g. " + unmapped.subList(0, Math.min(5, unmapped.size())));
    }

    /** How many rule starts {@code css} has, to show the check was not vacuous. */
    static int count(String css) {
        return (int) RULE_START.matcher(css).results().count();
    }
}
