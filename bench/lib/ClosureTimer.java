import io.assetpipe.plugin.compile.CompileResult;
import io.assetpipe.plugin.js.ClosureProcess;
import io.assetpipe.plugin.js.ClosureScriptCompiler;
import io.assetpipe.plugin.js.JsCompilationLevel;
import io.assetpipe.plugin.js.ScriptInput;
import io.assetpipe.plugin.js.ScriptJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * For bench/closure.sh: compiles bench/ours's three scripts (SIMPLE, ES2020 out, source maps, as
 * the build bench) once, in a fresh JVM, and prints the milliseconds from main() to the last
 * result. Mode "here" compiles on two threads of this JVM (start it with the flags to compare);
 * mode "child" does what asset:build does by default: starts a ClosureProcess and waits for its
 * answer.
 */
public class ClosureTimer {
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Path src = Path.of(args[0]);
        boolean child = args.length > 1 && args[1].equals("child");
        var settings = new ClosureScriptCompiler.Settings(JsCompilationLevel.SIMPLE, "ECMASCRIPT_2020", List.of(), true);
        List<ScriptJob> jobs = new ArrayList<>();
        for (String script : List.of("js/app.js", "js/bootstrap.bundle.js", "js/jquery.js")) {
            jobs.add(ScriptJob.module(script, List.of(new ScriptInput(script, src.resolve(script), false)), Map.of()));
        }
        if (child) {
            try (ClosureProcess process = ClosureProcess.start()) {
                check(process.compile(settings, jobs).values());
            } // close() waits for the child, so /usr/bin/time counts its CPU too
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            pool.submit(ClosureScriptCompiler::preload); // as the child does
            check(ClosureProcess.compileHere(settings, jobs, pool).values());
            pool.shutdown();
        }
        System.out.println((System.nanoTime() - start) / 1_000_000);
    }

    private static void check(Iterable<CompileResult> results) {
        for (CompileResult r : results) {
            if (!(r instanceof CompileResult.Compiled)) {
                throw new IllegalStateException("compile failed: " + r);
            }
        }
    }
}
