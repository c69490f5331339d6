package io.assetpipe.plugin.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredJarWriterTest {
    private static final Instant TIME = Instant.parse("2026-01-01T12:34:56Z");

    @TempDir
    Path work;

    @Test
    void entriesAreStoredSortedAndCarryTheGivenTime() throws IOException {
        Path jar = work.resolve("out.jar");
        StoredJarWriter.write(jar, entries(work.resolve("in"), false), TIME);

        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            List<String> sorted = new ArrayList<>(names);
            Collections.sort(sorted);
            assertEquals(sorted, names);
            assertEquals(List.of("META-INF/assets/a/b-0123.css", "META-INF/assets/css/site.css",
                    "META-INF/assets/img/big.bin", "META-INF/assets/manifest.json", "META-INF/assets/z.js"), names);
            for (ZipEntry entry : zip.stream().toList()) {
                assertEquals(ZipEntry.STORED, entry.getMethod(), entry.getName());
                assertEquals(LocalDateTime.of(2026, 1, 1, 12, 34, 56), entry.getTimeLocal(), entry.getName());
                try (InputStream in = zip.getInputStream(entry)) {
                    assertArrayEquals(Files.readAllBytes(work.resolve("in").resolve(
                            entry.getName().substring("META-INF/assets/".length()))), in.readAllBytes());
                }
            }
        }
    }

    @Test
    void sameInputGivesSameBytesWhateverTheOrderFileTimesOrTimeZone() throws IOException {
        Path first = work.resolve("first.jar");
        StoredJarWriter.write(first, entries(work.resolve("one"), false), TIME);

        TimeZone zone = TimeZone.getDefault();
        Path second = work.resolve("second.jar");
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati")); // UTC+14
            StoredJarWriter.write(second, entries(work.resolve("two"), true), TIME);
        } finally {
            TimeZone.setDefault(zone);
        }
        assertEquals(sha256(first), sha256(second));

        // ...and the check can fail: another time gives other bytes.
        Path third = work.resolve("third.jar");
        StoredJarWriter.write(third, entries(work.resolve("three"), false), TIME.plusSeconds(3600));
        assertNotEquals(sha256(first), sha256(third));
    }

    /**
     * Walks the local file headers as a server reading the raw jar would: every entry's data starts
     * right after its header and is the file's bytes verbatim, and the next header follows directly.
     */
    @Test
    void timesAZipEntryCannotHoldAreTheSameInEveryTimeZone() throws IOException {
        // Before 1980-01-01T00:00:02 the JDK would add an extended-timestamp field computed in the
        // default time zone; 1980-01-01T00:00:00 itself is maven-archiver's old trap.
        for (Instant time : List.of(Instant.EPOCH, Instant.parse("1980-01-01T00:00:00Z"),
                Instant.parse("2200-01-01T00:00:00Z"))) {
            List<String> hashes = new ArrayList<>();
            TimeZone zone = TimeZone.getDefault();
            try {
                for (String id : List.of("UTC", "Asia/Tokyo", "America/Los_Angeles")) {
                    TimeZone.setDefault(TimeZone.getTimeZone(id));
                    Path jar = work.resolve(id.replace('/', '-') + time.getEpochSecond() + ".jar");
                    StoredJarWriter.write(jar, entries(work.resolve(jar.getFileName() + ".in"), false), time);
                    hashes.add(sha256(jar));
                    try (ZipFile zip = new ZipFile(jar.toFile())) {
                        zip.stream().forEach(e -> assertNull(e.getExtra(), e.getName()));
                    }
                }
            } finally {
                TimeZone.setDefault(zone);
            }
            assertEquals(1, new java.util.HashSet<>(hashes).size(), time + ": " + hashes);
        }
    }

    @Test
    void eachEntryIsOneContiguousRegionOfTheJar() throws IOException {
        Path in = work.resolve("in");
        Path jar = work.resolve("out.jar");
        StoredJarWriter.write(jar, entries(in, false), TIME);

        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(jar)).order(ByteOrder.LITTLE_ENDIAN);
        int offset = 0;
        int count = 0;
        while (bytes.getInt(offset) == 0x04034b50) { // local file header
            int flags = Short.toUnsignedInt(bytes.getShort(offset + 6));
            int method = Short.toUnsignedInt(bytes.getShort(offset + 8));
            int compressedSize = bytes.getInt(offset + 18);
            int size = bytes.getInt(offset + 22);
            int nameLength = Short.toUnsignedInt(bytes.getShort(offset + 26));
            int extraLength = Short.toUnsignedInt(bytes.getShort(offset + 28));
            String name = new String(bytes.array(), offset + 30, nameLength, StandardCharsets.UTF_8);
            assertEquals(0, method, name + " is STORED");
            assertEquals(0, flags & 0x08, name + " has its sizes in the local header (no data descriptor)");
            assertEquals(size, compressedSize, name);
            assertEquals(0, extraLength, name + " has no extra field");
            int data = offset + 30 + nameLength + extraLength;
            byte[] expected = Files.readAllBytes(in.resolve(name.substring("META-INF/assets/".length())));
            assertEquals(expected.length, size, name);
            byte[] actual = new byte[size];
            bytes.get(data, actual);
            assertArrayEquals(expected, actual, name);
            offset = data + size;
            count++;
        }
        assertEquals(5, count);
        assertEquals(0x02014b50, bytes.getInt(offset), "central directory follows the last entry's data");
    }

    @Test
    void leavesNoTemporaryFileAndReplacesAnOlderJar() throws IOException {
        Path jar = work.resolve("target/out.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "old");
        StoredJarWriter.write(jar, entries(work.resolve("in"), false), TIME);
        try (var listing = Files.list(jar.getParent())) {
            assertEquals(List.of(jar), listing.toList());
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertEquals(5, zip.size());
        }
    }

    @Test
    void theJarGetsTheUsualPermissionsNotThoseOfATempFile() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path jar = work.resolve("out.jar");
        StoredJarWriter.write(jar, entries(work.resolve("in"), false), TIME);
        Path ordinary = Files.writeString(work.resolve("ordinary.txt"), "made like any other file");
        assertEquals(Files.getPosixFilePermissions(ordinary), Files.getPosixFilePermissions(jar));
    }

    @Test
    void refusesDuplicateNames() throws IOException {
        Path file = Files.writeString(work.resolve("f"), "x");
        List<StoredJarWriter.Entry> twice = List.of(new StoredJarWriter.Entry("a", file), new StoredJarWriter.Entry("a", file));
        assertThrows(IllegalArgumentException.class, () -> StoredJarWriter.write(work.resolve("x.jar"), twice, TIME));
    }

    /** Five files (one 300 KB, random) under {@code directory}; optionally listed backwards with other mtimes. */
    private static List<StoredJarWriter.Entry> entries(Path directory, boolean shuffled) throws IOException {
        byte[] big = new byte[300_000];
        new Random(42).nextBytes(big);
        List<StoredJarWriter.Entry> entries = new ArrayList<>();
        for (String name : List.of("z.js", "css/site.css", "manifest.json", "a/b-0123.css", "img/big.bin")) {
            Path file = directory.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, name.endsWith(".bin") ? big : ("content of " + name).getBytes(StandardCharsets.UTF_8));
            Files.setLastModifiedTime(file, FileTime.from(shuffled ? Instant.parse("2030-05-05T00:00:00Z") : Instant.now()));
            entries.add(new StoredJarWriter.Entry("META-INF/assets/" + name, file));
        }
        if (shuffled) {
            Collections.reverse(entries);
        }
        return entries;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ContentDigest.of(in).sha256();
        }
    }
}
