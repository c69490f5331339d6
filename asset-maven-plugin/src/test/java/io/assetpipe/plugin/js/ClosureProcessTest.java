package io.assetpipe.plugin.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.plugin.compile.CompileResult;
import io.assetpipe.plugin.compile.Diagnostic;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closure Compiler in a real child JVM, against the same compiler in this one. */
class ClosureProcessTest {
    private static final ClosureScriptCompiler.Settings SETTINGS =
            new ClosureScriptCompiler.Settings(JsCompilationLevel.SIMPLE, "ECMASCRIPT_2020", List.of(), true);

    @TempDir
    Path dir;

    private ScriptInput input(String name, String code) throws IOException {
        return TestScripts.write(dir, name, code);
    }

    @Test
    void theChildGivesWhatThisJvmGivesForModulesBundlesAndErrors() throws IOException {
        ScriptInput util = input("js/util.js", "export function shout(s) { return s.toUpperCase() + '!'; }\n");
        ScriptInput app = input("js/app.js", "import { shout } from './util.js';\nconsole.log(shout(document.title));\n");
        ScriptInput a = input("js/a.js", "var greeting = 'hello';\n");
        ScriptInput b = input("js/b.js", "console.log(greeting + ' world');\n");
        ScriptInput broken = input("js/broken.js", "var ok = 1;\n  function (\n");
        List<ScriptJob> jobs = List.of(
                ScriptJob.module("js/app.js", List.of(util, app), Map.of()),
                ScriptJob.bundle("js/all.js", List.of(a, b)),
                ScriptJob.module("js/broken.js", List.of(broken), Map.of()));

        Map<String, CompileResult> forked;
        try (ClosureProcess child = ClosureProcess.start()) {
            forked = child.compile(SETTINGS, jobs);
        }

        assertEquals(List.of("js/app.js", "js/all.js", "js/broken.js"), List.copyOf(forked.keySet()));
        ClosureScriptCompiler here = new ClosureScriptCompiler(SETTINGS);
        for (ScriptJob job : jobs) {
            assertEquals(job.compileWith(here), forked.get(job.output()), job.output());
        }
        CompileResult.Compiled bundle = assertInstanceOf(CompileResult.Compiled.class, forked.get("js/all.js"));
        assertTrue(bundle.code().contains("hello"), bundle.code());
        assertTrue(bundle.sourceMap().contains("\"js/b.js\""), bundle.sourceMap());
        assertEquals(List.of(a.file(), b.file()), bundle.inputs());
        CompileResult.Failed failed = assertInstanceOf(CompileResult.Failed.class, forked.get("js/broken.js"));
        Diagnostic error = failed.errors().get(0);
        assertEquals(broken.file().toString(), error.path());
        assertEquals(2, error.line());
        assertTrue(error.column() > 0, error.toString());
    }

    @Test
    void aChildThatCannotRunFailsWithItsExitCodeAndOutput() throws IOException {
        try (ClosureProcess child = ClosureProcess.start(List.of(dir))) { // no classes there
            IOException e = assertThrows(IOException.class, () -> child.compile(SETTINGS, List.of(
                    ScriptJob.bundle("js/a.js", List.of(input("js/a.js", "var a;\n"))))));
            assertTrue(e.getMessage().startsWith("Closure Compiler's process did not answer"), e.getMessage());
            assertTrue(e.getMessage().contains("exited with code 1"), e.getMessage());
            assertTrue(e.getMessage().contains(ClosureProcess.class.getName()), e.getMessage()); // "could not find ..."
            assertTrue(e.getMessage().contains("-XX:TieredStopAtLevel=1"), e.getMessage());
        }
    }

    @Test
    void aChildGivenNothingToCompileIsStoppedOnClose() throws IOException {
        ClosureProcess child = ClosureProcess.start();
        assertTrue(ProcessHandle.current().children().findAny().isPresent());
        child.close();
        assertFalse(ProcessHandle.current().children().findAny().isPresent());
    }
}
