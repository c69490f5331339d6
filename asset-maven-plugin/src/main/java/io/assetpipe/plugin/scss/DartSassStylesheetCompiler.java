package io.assetpipe.plugin.scss;

import com.sass_lang.embedded_protocol.OutboundMessage.CompileResponse.CompileFailure;
import com.sass_lang.embedded_protocol.OutputStyle;
import com.sass_lang.embedded_protocol.SourceSpan;
import de.larsgrefer.sass.embedded.CompileSuccess;
import de.larsgrefer.sass.embedded.SassCompilationFailedException;
import de.larsgrefer.sass.embedded.SassCompiler;
import de.larsgrefer.sass.embedded.connection.ProcessConnection;
import de.larsgrefer.sass.embedded.util.PropertyUtils;
import io.assetpipe.plugin.compile.CompileResult;
import io.assetpipe.plugin.compile.Diagnostic;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Dart Sass, the reference Sass implementation, run as a child process speaking Sass's embedded
 * protocol (through sass-embedded-host). It reads {@code @use}, {@code @forward}, {@code math.div}
 * and the rest of today's Sass, which libsass cannot.
 *
 * <p>One process serves every compile until {@link #close()}: it starts with the first stylesheet
 * (a few hundred milliseconds) and then compiles one stylesheet at a time, so a build's later
 * stylesheets, and a watcher's later builds, find it warm. Imports resolve next to the importing
 * file, then in the include paths (the project's, the WebJars, node_modules) as Sass load paths, and
 * {@code pkg:} URLs in the WebJars and node_modules ({@link SassPackageImporter}). Output is
 * compressed, without {@code @charset} or byte-order mark (the bundle serves CSS as UTF-8).
 * Deprecation warnings from libraries are not reported (Sass's {@code quietDeps}); the project's
 * own are summed up per kind and file ({@link SassLogEvents}).
 */
public final class DartSassStylesheetCompiler implements StylesheetCompiler {
    /** The Maven coordinates of the Dart Sass binaries this host drives (49.7 MB, every platform's). */
    public static final String BINARIES_ARTIFACT =
            "de.larsgrefer.sass:sass-embedded-bundled:" + PropertyUtils.getHostVersion();

    /** Starts Dart Sass in embedded mode: the extracted binaries' Dart runtime and snapshot. */
    private final List<String> command;
    private final SassPackageImporter packages = new SassPackageImporter();
    /** Started by the first compile, ended by {@link #close()}; null when there is none. */
    private Process process;
    private SassCompiler sass;

    private DartSassStylesheetCompiler(List<String> command) {
        this.command = command;
    }

    /**
     * A compiler running the binaries in {@code binariesJar} (sass-embedded-bundled, {@link #BINARIES_ARTIFACT}).
     * The machine's binaries are extracted here (once per machine), so a problem with them is one
     * error before any compile, not one per stylesheet; the process starts with the first compile.
     *
     * @throws IOException when the jar cannot be read, has no build for this machine (the message
     *     names it), or its archive cannot be extracted
     */
    public static DartSassStylesheetCompiler using(Path binariesJar) throws IOException {
        return new DartSassStylesheetCompiler(DartSassBinaries.of(binariesJar,
                DartSassBinaries.platform(System.getProperty("os.name"), System.getProperty("os.arch"))).embeddedCommand());
    }

    /** A compiler running the binaries of sass-embedded-bundled on the class path (tests, embedders). */
    public static DartSassStylesheetCompiler onClassPath() throws IOException {
        return using(binariesOnClassPath());
    }

    /** The sass-embedded-bundled jar on the class path. */
    static Path binariesOnClassPath() throws IOException {
        URL archives = DartSassStylesheetCompiler.class.getClassLoader().getResource("de/larsgrefer/sass/embedded/bundled/");
        if (archives == null) {
            throw new IOException(BINARIES_ARTIFACT + " is not on the class path");
        }
        try {
            return Path.of(((JarURLConnection) archives.openConnection()).getJarFileURL().toURI());
        } catch (URISyntaxException | ClassCastException e) {
            throw new IOException(BINARIES_ARTIFACT + " is on the class path but not as a jar: " + archives, e);
        }
    }

    @Override
    public synchronized CompileResult compile(Path source, Path sourceRoot, String logicalOutput,
                                              List<Path> includePaths, boolean sourceMap) {
        SassLogEvents log = new SassLogEvents(includePaths);
        try {
            SassCompiler compiler = started();
            compiler.setLoggingHandler(log);
            compiler.setLoadPaths(new ArrayList<>(includePaths.stream().map(Path::toFile).toList()));
            compiler.setGenerateSourceMaps(sourceMap);
            packages.searchIn(includePaths);
            CompileSuccess out = compiler.compileFile(source.toFile(), OutputStyle.COMPRESSED);
            String map = sourceMap
                    ? SourceMapSources.bundleNames(out.getSourceMap(), SassUrls::file, sourceRoot, includePaths) : null;
            return new CompileResult.Compiled(out.getCss(), map, files(source, out.getLoadedUrls()),
                    log.warnings(source, sourceRoot));
        } catch (SassCompilationFailedException e) {
            return new CompileResult.Failed(List.of(diagnostic(source, e.getCompileFailure())));
        } catch (IOException | RuntimeException e) {
            // The process died or broke the protocol: the next compile starts a new one.
            close();
            return new CompileResult.Failed(List.of(Diagnostic.of(source, "Dart Sass failed: " + e.getMessage())));
        }
    }

    private SassCompiler started() throws IOException {
        if (sass != null && process.isAlive()) {
            return sass;
        }
        close(); // a process that died since the last compile (killed, out of memory) is replaced
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        sass = new SassCompiler(new ProcessConnection(process));
        sass.setQuietDeps(true);
        sass.setVerbose(true); // every deprecation, to be counted, not Sass's first five of a kind
        sass.setSourceMapIncludeSources(true);
        sass.setEmitCharset(false);
        sass.registerImporter(packages);
        return sass;
    }

    /** The running Dart Sass process, if one is running. */
    public synchronized Optional<ProcessHandle> process() {
        return process != null && process.isAlive() ? Optional.of(process.toHandle()) : Optional.empty();
    }

    /** The entry first, then every other file the compile loaded (not {@code sass:math} and the like). */
    private static List<Path> files(Path source, List<String> loadedUrls) {
        Set<Path> files = new LinkedHashSet<>();
        files.add(source.toAbsolutePath().normalize());
        for (String url : loadedUrls) {
            Path file = SassUrls.file(url);
            if (file != null) {
                files.add(file);
            }
        }
        return List.copyOf(files);
    }

    private static Diagnostic diagnostic(Path source, CompileFailure failure) {
        SourceSpan span = failure.getSpan();
        Path file = SassUrls.file(span.getUrl());
        if (file == null) {
            return Diagnostic.of(source, failure.getMessage());
        }
        return Diagnostic.of(file, span.getStart().getLine() + 1, span.getStart().getColumn() + 1, failure.getMessage());
    }

    @Override
    public synchronized void close() {
        if (sass != null) {
            try {
                sass.close(); // ends the process: destroy, then forcibly after two seconds
            } catch (IOException e) {
                process.destroyForcibly();
            }
            sass = null;
            process = null;
        }
    }
}
