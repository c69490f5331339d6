import io.assetpipe.plugin.compile.CompileResult;
import io.assetpipe.plugin.scss.SassImplementation;
import io.assetpipe.plugin.scss.StylesheetCompiler;
import java.nio.file.Path;
import java.util.List;

/**
 * For bench/sass.sh: compiles bench's Bootstrap 5.3.8 stylesheet (css/site.scss, with source map,
 * as asset:build does) COUNT times with one compiler in this fresh JVM, and prints the milliseconds
 * of each compile, one per line. The first includes what a build's first stylesheet pays (jsass:
 * loading libsass's native library; Dart Sass: starting its process), the later ones are warm.
 *
 *   java -cp <plugin class path>:<sass-embedded-bundled jar> SassTimer <assets dir> <include dir> jsass|dart COUNT
 */
public class SassTimer {
    public static void main(String[] args) throws Exception {
        Path src = Path.of(args[0]);
        List<Path> includePaths = List.of(Path.of(args[1]));
        SassImplementation sass = SassImplementation.valueOf(args[2].toUpperCase(java.util.Locale.ROOT));
        int count = Integer.parseInt(args[3]);
        try (StylesheetCompiler compiler = sass.compiler()) {
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                CompileResult result = compiler.compile(src.resolve("css/site.scss"), src, "css/site.css", includePaths, true);
                long millis = (System.nanoTime() - start) / 1_000_000;
                if (!(result instanceof CompileResult.Compiled compiled)) {
                    throw new IllegalStateException("compile failed: " + result);
                }
                System.out.println(millis + "\t" + compiled.code().length());
            }
        }
    }
}
