package io.assetpipe.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the bytes of each STORED (uncompressed) entry of a zip file sit in the file, so that they
 * can be sent with {@code sendfile} straight from the jar's page cache. {@code java.util.zip}
 * reads entries but does not tell their offsets, so this reads the central directory (APPNOTE
 * 4.3.12, 4.3.16) and each entry's local header (4.3.7) itself.
 *
 * <p>Anything this does not expect (ZIP64, a multi-disk archive, a size or header that does not
 * add up) makes it return what it found so far or nothing: a file without a region is simply
 * served from memory. {@link AssetBundle} reads such a file's bytes from its region, so the
 * manifest's size and SHA-256 check the region itself.
 */
final class StoredEntries {
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    private static final int LOCAL_SIGNATURE = 0x04034b50;
    private static final int END_SIZE = 22;
    private static final int CENTRAL_SIZE = 46;
    private static final int LOCAL_SIZE = 30;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final long ZIP64_MARK = 0xFFFFFFFFL;

    private StoredEntries() {}

    /** Where one entry's bytes are: {@code size} bytes from {@code position}. */
    record Data(long position, long size) {}

    /** Entry name to where its bytes are, for STORED entries of at least {@code minSize} bytes. */
    static Map<String, Data> find(FileChannel zip, long minSize) throws IOException {
        Map<String, Data> found = new HashMap<>();
        long size = zip.size();
        int tail = (int) Math.min(size, END_SIZE + MAX_COMMENT);
        ByteBuffer end = read(zip, size - tail, tail);
        int at = -1;
        for (int i = tail - END_SIZE; i >= 0; i--) {
            if (end.getInt(i) == END_SIGNATURE) {
                at = i;
                break;
            }
        }
        if (at < 0 || end.getShort(at + 4) != 0 || end.getShort(at + 6) != 0) {
            return found; // not a zip, or a multi-disk one
        }
        long directorySize = Integer.toUnsignedLong(end.getInt(at + 12));
        long directoryOffset = Integer.toUnsignedLong(end.getInt(at + 16));
        if (directorySize == ZIP64_MARK || directoryOffset == ZIP64_MARK
                || directoryOffset + directorySize > size - tail + at || directorySize > Integer.MAX_VALUE) {
            return found;
        }
        ByteBuffer directory = read(zip, directoryOffset, (int) directorySize);
        ByteBuffer local = ByteBuffer.allocate(LOCAL_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        int p = 0;
        while (p + CENTRAL_SIZE <= directory.limit() && directory.getInt(p) == CENTRAL_SIGNATURE) {
            int method = Short.toUnsignedInt(directory.getShort(p + 10));
            long compressed = Integer.toUnsignedLong(directory.getInt(p + 20));
            long uncompressed = Integer.toUnsignedLong(directory.getInt(p + 24));
            int nameLength = Short.toUnsignedInt(directory.getShort(p + 28));
            int extraLength = Short.toUnsignedInt(directory.getShort(p + 30));
            int commentLength = Short.toUnsignedInt(directory.getShort(p + 32));
            long header = Integer.toUnsignedLong(directory.getInt(p + 42));
            int next = p + CENTRAL_SIZE + nameLength + extraLength + commentLength;
            if (next > directory.limit()) {
                break;
            }
            if (method == 0 && compressed == uncompressed && compressed >= minSize
                    && compressed != ZIP64_MARK && header != ZIP64_MARK) {
                byte[] name = new byte[nameLength];
                directory.get(p + CENTRAL_SIZE, name);
                local.clear();
                if (zip.read(local, header) == LOCAL_SIZE && local.getInt(0) == LOCAL_SIGNATURE) {
                    long data = header + LOCAL_SIZE
                            + Short.toUnsignedInt(local.getShort(26)) + Short.toUnsignedInt(local.getShort(28));
                    if (data + compressed <= directoryOffset) {
                        // Bit 11 of the flags means UTF-8; jar tools always write UTF-8 names.
                        found.put(new String(name, StandardCharsets.UTF_8), new Data(data, compressed));
                    }
                }
            }
            p = next;
        }
        return found;
    }

    private static ByteBuffer read(FileChannel file, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.flip();
    }
}
