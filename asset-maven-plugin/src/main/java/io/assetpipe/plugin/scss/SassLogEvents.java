package io.assetpipe.plugin.scss;

import com.sass_lang.embedded_protocol.LogEventType;
import com.sass_lang.embedded_protocol.OutboundMessage.LogEventOrBuilder;
import com.sass_lang.embedded_protocol.SourceSpan;
import de.larsgrefer.sass.embedded.logging.LoggingHandler;
import io.assetpipe.plugin.compile.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Dart Sass reports during one compile, turned into build warnings. Deprecation warnings are
 * summed up per kind and file: one warning at the first place, counting and listing the others, so a
 * stylesheet that {@code @import}s ten partials reads as one {@code import} deprecation, not ten.
 * Libraries' deprecations never arrive (Sass's {@code quietDeps}); their {@code @warn}s do, and are
 * dropped here as Closure's warnings in library files are, so only files under the source directory
 * warn. {@code @debug} goes to standard error, as libsass and the Sass command line print it.
 */
final class SassLogEvents implements LoggingHandler {
    /** A stack frame as Dart Sass writes it: {@code /abs/path/_x.scss 3:9  @import}. */
    private static final Pattern FRAME = Pattern.compile("^(.+?) (\\d+):(\\d+) ");
    private static final int POSITIONS_LISTED = 10;

    /** A warning placed in a file; {@code kind} is the deprecation's id, or null for {@code @warn}. */
    private record Event(Path file, int line, int column, String kind, String message) {}

    private final List<Event> events = new ArrayList<>();
    private final List<Path> includePaths;

    /** @param includePaths the compile's load paths, against which Dart Sass names the files it found there */
    SassLogEvents(List<Path> includePaths) {
        this.includePaths = List.copyOf(includePaths);
    }

    @Override
    public void handle(LogEventOrBuilder event) {
        Event placed = place(event);
        if (event.getType() == LogEventType.DEBUG) {
            // As libsass and the sass command line print it: path:line DEBUG: message, on standard error.
            System.err.println((placed == null ? "-" : placed.file() + ":" + placed.line()) + " DEBUG: " + event.getMessage());
        } else {
            events.add(placed != null ? placed : new Event(null, 0, 0, kind(event), event.getMessage()));
        }
    }

    /** The warnings of files under {@code sourceRoot}, and any without a place (reported against {@code source}). */
    List<Diagnostic> warnings(Path source, Path sourceRoot) {
        Path root = sourceRoot.toAbsolutePath().normalize();
        record Group(Path file, String kind) {}
        Map<Object, List<Event>> summed = new LinkedHashMap<>(); // in the order each first came
        for (Event e : events) {
            if (e.file() != null && !e.file().startsWith(root)) {
                continue; // a library's
            }
            Object key = e.kind() != null && e.file() != null ? new Group(e.file(), e.kind()) : new Object();
            summed.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
        }
        return summed.values().stream().map(same -> summary(same, source)).toList();
    }

    private static Diagnostic summary(List<Event> same, Path source) {
        Event first = same.get(0);
        if (first.file() == null) {
            return Diagnostic.of(source, text(first));
        }
        String message = text(first);
        if (same.size() > 1) {
            List<String> others = same.subList(1, same.size()).stream().map(e -> e.line() + ":" + e.column()).toList();
            message += " (" + same.size() + " times in this file, also at "
                    + String.join(", ", others.subList(0, Math.min(POSITIONS_LISTED, others.size())))
                    + (others.size() > POSITIONS_LISTED ? ", …" : "") + ")";
        }
        return Diagnostic.of(first.file(), first.line(), first.column(), message);
    }

    /** {@code deprecation import: Sass @import rules are deprecated …}, or {@code @warn …}, on one line. */
    private static String text(Event e) {
        String oneLine = e.message().strip().replaceAll("\\s*\\n\\s*", " ");
        return (e.kind() == null ? "@warn " : "deprecation " + e.kind() + ": ") + oneLine;
    }

    private static String kind(LogEventOrBuilder event) {
        return event.getType() == LogEventType.DEPRECATION_WARNING
                ? (event.hasDeprecationType() ? event.getDeprecationType() : "deprecation") : null;
    }

    /** Where Dart Sass says the event happened: its span, else the top of its stack trace (a {@code @warn}'s). */
    private Event place(LogEventOrBuilder event) {
        SourceSpan span = event.getSpan();
        Path file = event.hasSpan() ? SassUrls.file(span.getUrl()) : null;
        if (file != null) {
            return new Event(file, span.getStart().getLine() + 1, span.getStart().getColumn() + 1, kind(event),
                    event.getMessage());
        }
        Matcher frame = FRAME.matcher(event.getStackTrace());
        Path framed = frame.find() ? frameFile(frame.group(1)) : null;
        return framed == null ? null : new Event(framed, Integer.parseInt(frame.group(2)),
                Integer.parseInt(frame.group(3)), kind(event), event.getMessage());
    }

    /**
     * The file a stack frame names: an absolute path, or (for a file found through a load path)
     * the path below that load path, as Dart Sass shortens it ({@code vendor/_vendor.scss}).
     */
    private Path frameFile(String name) {
        if (name.startsWith("file:")) {
            return SassUrls.file(name);
        }
        try {
            Path path = Path.of(name);
            if (path.isAbsolute()) {
                return path.normalize();
            }
            return includePaths.stream().map(dir -> dir.resolve(path).normalize()).filter(Files::isRegularFile)
                    .findFirst().orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
