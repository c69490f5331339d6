package io.assetpipe.plugin.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A part of an output as a reader of the report thinks of it: one file of the project, or a whole
 * library (a WebJar or an npm package) with its files inside, or the bytes no source accounts for.
 * Named from the input names the source maps use: {@code js/app.js},
 * {@code webjars/bootstrap/scss/_buttons.scss}, {@code node_modules/@lit/reactive-element/...}.
 *
 * @param name the project file, the library ({@code bootstrap}, {@code @lit/reactive-element}) or
 *     {@link #UNMAPPED_NAME}
 * @param files bytes in the output per input file (the project file alone, for a project file)
 */
public record Contributor(String name, Origin origin, long bytes, Map<String, Long> files) {
    public static final String UNMAPPED_NAME = "(no source)";
    private static final String WEBJARS = "webjars/";
    private static final String NODE_MODULES = "node_modules/";

    public Contributor {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** Where a contributor comes from. */
    public enum Origin {
        PROJECT("project file"), WEBJAR("WebJar"), NPM("npm package"), UNMAPPED("no source: code the build adds, license comments");

        private final String description;

        Origin(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /**
     * The contributors of an output, largest first: {@code bytesInOutput} per input name grouped by
     * library, and the {@code unmapped} rest if there is any.
     */
    public static List<Contributor> of(Map<String, Long> bytesInOutput, long unmapped) {
        Map<String, Origin> origins = new LinkedHashMap<>();
        Map<String, SortedMap<String, Long>> files = new LinkedHashMap<>();
        bytesInOutput.forEach((input, bytes) -> {
            Origin origin = originOf(input);
            String name = origin == Origin.PROJECT ? input : library(input, origin);
            origins.put(name, origin);
            files.computeIfAbsent(name, n -> new TreeMap<>()).put(input, bytes);
        });
        List<Contributor> out = new ArrayList<>();
        files.forEach((name, inputs) -> out.add(new Contributor(name, origins.get(name),
                inputs.values().stream().mapToLong(Long::longValue).sum(), inputs)));
        if (unmapped > 0) {
            out.add(new Contributor(UNMAPPED_NAME, Origin.UNMAPPED, unmapped, Map.of()));
        }
        out.sort(Comparator.comparingLong(Contributor::bytes).reversed().thenComparing(Contributor::name));
        return List.copyOf(out);
    }

    /** What {@code name} reads as: its origin and, with it, a description such as {@code jquery (WebJar)}. */
    public String label() {
        return origin == Origin.PROJECT || origin == Origin.UNMAPPED ? name : name + " (" + origin.description + ")";
    }

    static Origin originOf(String input) {
        if (input.startsWith(WEBJARS)) {
            return Origin.WEBJAR;
        }
        return input.startsWith(NODE_MODULES) || input.contains("/" + NODE_MODULES) ? Origin.NPM : Origin.PROJECT;
    }

    /**
     * The library {@code input} belongs to: the WebJar's folder ({@code webjars/<name>/}, where
     * org.webjars.npm writes {@code @scope/name} as {@code scope__name}), or the package under the
     * last {@code node_modules/}.
     */
    private static String library(String input, Origin origin) {
        if (origin == Origin.WEBJAR) {
            String name = firstSegment(input.substring(WEBJARS.length()));
            int scope = name.indexOf("__");
            return scope > 0 ? "@" + name.substring(0, scope) + "/" + name.substring(scope + 2) : name;
        }
        String rest = input.substring(input.lastIndexOf(NODE_MODULES) + NODE_MODULES.length());
        String name = firstSegment(rest);
        return name.startsWith("@") && rest.length() > name.length() + 1
                ? name + "/" + firstSegment(rest.substring(name.length() + 1))
                : name;
    }

    private static String firstSegment(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }
}
