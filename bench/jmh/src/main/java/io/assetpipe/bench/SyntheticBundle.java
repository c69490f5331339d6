package io.assetpipe.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a synthetic assets jar of about a given size for the start-up and memory measurements of
 * {@code bench/serve.sh}: script-like text files of 256 KB, each with a gzip variant, in the
 * layout of the plugin's {@code asset:package} output. Content comes from a fixed seed, so the same
 * size always gives the same jar.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.assetpipe.bench.SyntheticBundle OUT.jar SIZE_MB}
 */
public final class SyntheticBundle {
    private static final int FILE_SIZE = 256 * 1024;
    private static final String[] WORDS = {
        "function", "return", "const", "let", "if", "else", "for", "while", "new", "this", "null",
        "undefined", "true", "false", "=>", "{", "}", "(", ")", ";", ",", ".", "=", "===", "+",
        "element", "options", "value", "index", "length", "callback", "document", "window", "event",
        "target", "style", "classList", "addEventListener", "querySelector", "Promise", "resolve",
    };

    private SyntheticBundle() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SyntheticBundle OUT.jar SIZE_MB");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        long targetBytes = Long.parseLong(args[1]) * 1024 * 1024;
        SplittableRandom random = new SplittableRandom(42);
        BundleWriter bundle = new BundleWriter();
        for (int i = 0; bundle.bytes() < targetBytes; i++) {
            bundle.add(String.format("js/lib-%04d.js", i), "text/javascript; charset=utf-8", text(random), true);
        }
        bundle.write(out, "assetpipe-bench synthetic");
        System.out.println(out + " " + Files.size(out) + " bytes");
    }

    /** Script-like text: compresses about as well as real minified JavaScript (3-4x with gzip). */
    private static byte[] text(SplittableRandom random) {
        StringBuilder text = new StringBuilder(FILE_SIZE + 64);
        while (text.length() < FILE_SIZE) {
            text.append(WORDS[random.nextInt(WORDS.length)]);
            if (random.nextInt(4) == 0) {
                text.append('_').append(Integer.toString(random.nextInt(1 << 20), 36));
            }
            text.append(random.nextInt(12) == 0 ? '\n' : ' ');
        }
        text.setLength(FILE_SIZE);
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
