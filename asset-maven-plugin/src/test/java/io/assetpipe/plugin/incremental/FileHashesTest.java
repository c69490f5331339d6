package io.assetpipe.plugin.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.assetpipe.plugin.fingerprint.Fingerprint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHashesTest {
    @TempDir
    Path dir;

    @Test
    void aFileWithItsRecordedSizeAndTimeKeepsItsRecordedHashAndAnyOtherIsRead() throws Exception {
        Path file = dir.resolve("a.scss");
        Files.writeString(file, "a{color:red}");
        FileTime time = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(file, time);
        FileHashes first = new FileHashes();
        String red = first.of(file);
        assertEquals(Fingerprint.sha256Hex("a{color:red}".getBytes(StandardCharsets.UTF_8)), red);
        String stamp = first.stamps().get(file.toString());
        assertEquals("12 " + time.to(java.util.concurrent.TimeUnit.NANOSECONDS) + " " + red, stamp);

        // Same size and time: trusted, not read (the content here differs only to prove that).
        Files.writeString(file, "a{color:tan}");
        Files.setLastModifiedTime(file, time);
        assertEquals(red, new FileHashes(first.stamps()).of(file));

        // A new time: read again.
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_001L));
        String tan = new FileHashes(first.stamps()).of(file);
        assertEquals(Fingerprint.sha256Hex("a{color:tan}".getBytes(StandardCharsets.UTF_8)), tan);

        // A new size at the old time: read again.
        Files.writeString(file, "a{color:blue}");
        Files.setLastModifiedTime(file, time);
        assertNotEquals(red, new FileHashes(first.stamps()).of(file));
    }
}
