package io.assetpipe.plugin.packaging;

import com.google.common.hash.Hashing;
import com.google.common.hash.HashingOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a reproducible jar of STORED (uncompressed) entries: sorted by name, one fixed timestamp,
 * no manifest, no directory entries, no extra fields. The same entries therefore always give the
 * same bytes, and each entry's data is one contiguous region of the file that a server can send
 * straight from it ({@code FileChannel.transferTo}).
 *
 * <p>Assets are stored, not deflated, because their payload is already compressed (the
 * {@code .br/.gz/.zst} variants, images, fonts) and because a deflated entry could not be served
 * without inflating it.
 */
public final class StoredJarWriter {
    private static final int BUFFER = 64 * 1024;
    /** Not 1980-01-01T00:00:00, whose DOS encoding the JDK reads as "before 1980" and dates in its own time zone. */
    private static final LocalDateTime FIRST_DOS_TIME = LocalDateTime.of(1980, 1, 1, 0, 0, 2);
    private static final LocalDateTime LAST_DOS_TIME = LocalDateTime.of(2107, 12, 31, 23, 59, 58);

    private StoredJarWriter() {}

    /** One entry: its name inside the jar and the file holding its bytes. */
    public record Entry(String name, Path file) {}

    /** Looks at each entry's bytes as they are written; throwing stops the write and leaves no jar. */
    @FunctionalInterface
    public interface Check {
        void verify(Entry entry, byte[] data) throws IOException;
    }

    /** {@link #write(Path, List, Instant, Check)} without a check. */
    public static ContentDigest write(Path jar, List<Entry> entries, Instant timestamp) throws IOException {
        return write(jar, entries, timestamp, (entry, data) -> {});
    }

    /**
     * Writes {@code entries} to {@code jar}, through a temporary file in the same directory that is
     * then moved into place, so a reader never sees a half-written jar. Each file is read once.
     *
     * @param timestamp every entry's modification time (stored as a UTC DOS date, 2 s resolution,
     *     {@link #dosTime within 1980 to 2107})
     * @return the size and SHA-256 of the jar written
     */
    public static ContentDigest write(Path jar, List<Entry> entries, Instant timestamp, Check check)
            throws IOException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::name));
        Set<String> names = new HashSet<>();
        for (Entry entry : sorted) {
            if (!names.add(entry.name())) {
                throw new IllegalArgumentException("duplicate jar entry " + entry.name());
            }
        }
        LocalDateTime time = dosTime(timestamp);
        Path directory = jar.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        // A plain sibling, not Files.createTempFile: that one is created 0600, and the move would
        // carry those permissions over to the published jar.
        Path temp = directory.resolve(jar.getFileName() + ".tmp");
        try {
            // Buffered: ZipOutputStream writes each header field separately (tens of thousands of
            // tiny writes for a bundle of a few hundred files).
            HashingOutputStream hashing = new HashingOutputStream(Hashing.sha256(), Files.newOutputStream(temp));
            try (ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(hashing, BUFFER))) {
                out.setMethod(ZipOutputStream.STORED);
                for (Entry entry : sorted) {
                    // Read once: a STORED entry needs its size and CRC in the local header, before the data.
                    byte[] data = Files.readAllBytes(entry.file());
                    check.verify(entry, data);
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    ZipEntry zipEntry = new ZipEntry(entry.name());
                    zipEntry.setMethod(ZipEntry.STORED);
                    zipEntry.setTimeLocal(time);
                    zipEntry.setSize(data.length);
                    zipEntry.setCompressedSize(data.length);
                    zipEntry.setCrc(crc.getValue());
                    out.putNextEntry(zipEntry);
                    out.write(data);
                    out.closeEntry();
                }
            }
            ContentDigest written = new ContentDigest(Files.size(temp), hashing.hash().toString());
            move(temp, jar);
            return written;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The entry time for {@code timestamp}, as UTC fields. setTimeLocal writes them as given into
     * the DOS date-time fields, without converting through the JVM's default time zone (setTime
     * would). Only 1980-01-01T00:00:02 to 2107 fit those fields; for any other, the JDK adds an
     * extended-timestamp field computed in the default time zone, so such a time is brought to the
     * nearest one that fits: the bytes never depend on where the jar is built.
     */
    static LocalDateTime dosTime(Instant timestamp) {
        LocalDateTime time = LocalDateTime.ofInstant(timestamp, ZoneOffset.UTC);
        if (time.isBefore(FIRST_DOS_TIME)) {
            return FIRST_DOS_TIME;
        }
        return time.isAfter(LAST_DOS_TIME) ? LAST_DOS_TIME : time;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
