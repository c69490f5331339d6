package io.assetpipe.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredEntriesTest {
    @TempDir
    Path temp;

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void findsTheDataOfLargeStoredEntriesOnlyAndTheBytesThereAreTheEntrys() throws IOException {
        byte[] big = random(100_000, 1);
        byte[] withExtra = random(70_000, 2);
        byte[] small = random(100, 3);
        byte[] deflated = new byte[200_000]; // compressible: DEFLATED stays far smaller
        Path jar = temp.resolve("a.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setComment("a comment, so the end record is not at the very end");
            put(zip, "META-INF/assets/big.bin", big, ZipEntry.STORED, null);
            // An extra field in the local header moves the data: the offset must count it.
            put(zip, "META-INF/assets/é/extra.bin", withExtra, ZipEntry.STORED, new byte[] {(byte) 0xCA, (byte) 0xFE, 4, 0, 1, 2, 3, 4});
            put(zip, "META-INF/assets/small.bin", small, ZipEntry.STORED, null);
            put(zip, "META-INF/assets/deflated.bin", deflated, ZipEntry.DEFLATED, null);
        }
        try (FileChannel channel = FileChannel.open(jar)) {
            Map<String, StoredEntries.Data> found = StoredEntries.find(channel, 64 * 1024);
            assertEquals(java.util.Set.of("META-INF/assets/big.bin", "META-INF/assets/é/extra.bin"), found.keySet());
            assertArrayEquals(big, read(channel, found.get("META-INF/assets/big.bin")));
            assertArrayEquals(withExtra, read(channel, found.get("META-INF/assets/é/extra.bin")));

            assertEquals(3, StoredEntries.find(channel, 0).size(), "every STORED entry with no minimum");
        }
    }

    @Test
    void aFileThatIsNoZipHasNoEntries() throws IOException {
        Path notZip = Files.write(temp.resolve("x.jar"), random(5000, 4));
        Path empty = Files.write(temp.resolve("empty.jar"), new byte[0]);
        try (FileChannel a = FileChannel.open(notZip); FileChannel b = FileChannel.open(empty)) {
            assertTrue(StoredEntries.find(a, 0).isEmpty());
            assertTrue(StoredEntries.find(b, 0).isEmpty());
        }
    }

    @Test
    void aCentralDirectoryPointingPastTheFileYieldsNothing() throws IOException {
        Path jar = temp.resolve("b.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "META-INF/assets/big.bin", random(100_000, 5), ZipEntry.STORED, null);
        }
        byte[] bytes = Files.readAllBytes(jar);
        ByteBuffer end = ByteBuffer.wrap(bytes, bytes.length - 22, 22).slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        end.putInt(16, bytes.length); // the directory's offset: past the end
        Files.write(jar, bytes);
        try (FileChannel channel = FileChannel.open(jar)) {
            assertTrue(StoredEntries.find(channel, 0).isEmpty());
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes, int method, byte[] extra) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(method);
        if (method == ZipEntry.STORED) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            entry.setSize(bytes.length);
            entry.setCompressedSize(bytes.length);
            entry.setCrc(crc.getValue());
        }
        if (extra != null) {
            entry.setExtra(extra);
        }
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static byte[] read(FileChannel channel, StoredEntries.Data data) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) data.size());
        while (buffer.hasRemaining() && channel.read(buffer, data.position() + buffer.position()) > 0) { }
        return buffer.array();
    }
}
