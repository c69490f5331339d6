package io.assetpipe.plugin.js;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Script files for Closure tests: written under a temporary directory, named as the pipeline names them. */
final class TestScripts {
    private TestScripts() {}

    static ScriptInput write(Path dir, String name, String code) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, code);
        return new ScriptInput(name, file, false);
    }
}
