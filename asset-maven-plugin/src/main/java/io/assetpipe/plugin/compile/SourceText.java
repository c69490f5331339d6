package io.assetpipe.plugin.compile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a source file as strict UTF-8, so a mis-encoded file fails clearly instead of compiling garbage. */
public final class SourceText {
    private SourceText() {}

    /** The file's text; a UTF-8 byte-order mark is dropped. */
    public static String read(Path file) throws SourceException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SourceException(Diagnostic.of(file, "cannot read file: " + e));
        }
        return decode(file, bytes);
    }

    public static String decode(Path file, byte[] bytes) throws SourceException {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return withoutByteOrderMark(text);
        } catch (CharacterCodingException e) {
            throw new SourceException(Diagnostic.of(file, "is not valid UTF-8 (assetpipe reads every text source as UTF-8)"));
        }
    }

    /** {@code text} without a leading byte-order mark (U+FEFF), which libsass writes before non-ASCII CSS. */
    public static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** A source that cannot be read; carries the diagnostic to report. */
    public static final class SourceException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Diagnostic diagnostic;

        public SourceException(Diagnostic diagnostic) {
            super(diagnostic.toString());
            this.diagnostic = diagnostic;
        }

        public Diagnostic diagnostic() {
            return diagnostic;
        }
    }
}
