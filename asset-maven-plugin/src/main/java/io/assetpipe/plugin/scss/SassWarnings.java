package io.assetpipe.plugin.scss;

import io.assetpipe.plugin.compile.Diagnostic;
import io.bit3.jsass.annotation.WarnFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Receives Sass's {@code @warn} (a jsass function provider), which libsass would otherwise print to
 * standard error, past Maven's log and {@code failOnWarning}. libsass passes only the message, so
 * each is located afterwards: the {@code @warn} rule whose string, interpolations aside, the message
 * matches, in the files the compile loaded. A warning from a project file becomes a build warning
 * at its line; one from a library is dropped, as Closure's warnings in library files are; one that
 * cannot be placed is reported against the stylesheet compiled.
 */
public final class SassWarnings {
    private static final Pattern WARN_RULE = Pattern.compile("^[ \\t]*@warn\\s+([^;\\n]*)", Pattern.MULTILINE);
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"|'([^']*)'");
    private static final Pattern INTERPOLATION = Pattern.compile("#\\{[^}]*}");

    private final List<String> messages = new ArrayList<>();

    /** Called by jsass for each {@code @warn}; public for its reflection. */
    @WarnFunction
    public void warn(String message) {
        synchronized (messages) {
            messages.add(message);
        }
    }

    /** The warnings, located in {@code loaded} (the entry first); library ones left out. */
    List<Diagnostic> located(Collection<Path> loaded, Path sourceRoot) {
        List<String> received;
        synchronized (messages) {
            received = List.copyOf(messages);
        }
        List<Diagnostic> warnings = new ArrayList<>();
        Path root = sourceRoot.toAbsolutePath().normalize();
        for (String message : received) {
            Diagnostic at = locate(message, loaded);
            if (at == null) {
                warnings.add(Diagnostic.of(loaded.iterator().next(), "@warn " + message));
            } else if (Path.of(at.path()).toAbsolutePath().normalize().startsWith(root)) {
                warnings.add(at);
            }
        }
        return warnings;
    }

    private static Diagnostic locate(String message, Collection<Path> loaded) {
        for (Path file : loaded) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            Matcher rule = WARN_RULE.matcher(text);
            while (rule.find()) {
                if (matches(rule.group(1), message)) {
                    return Diagnostic.at(file, text, text.indexOf("@warn", rule.start()), "@warn " + message);
                }
            }
        }
        return null;
    }

    /** Whether the quoted strings of a {@code @warn} expression, interpolations aside, occur in the message in order. */
    private static boolean matches(String expression, String message) {
        Matcher string = STRING.matcher(expression);
        int from = 0;
        boolean any = false;
        while (string.find()) {
            String literal = string.group(1) != null ? string.group(1) : string.group(2);
            for (String piece : INTERPOLATION.split(literal)) {
                if (piece.isEmpty()) {
                    continue;
                }
                int found = message.indexOf(piece, from);
                if (found < 0) {
                    return false;
                }
                from = found + piece.length();
                any = true;
            }
        }
        return any;
    }
}
