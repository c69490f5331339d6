package io.assetpipe.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Makes Undertow reject obsolete line folding (RFC 9112 §5.2), which its parser joins into the
 * previous field's value: {@code Transfer-Encoding:} followed by a line {@code " chunked"} became
 * a chunked request, while a proxy that does not unfold sees no transfer coding at all, and
 * nothing in the parsed request tells the two apart. Undertow has no option for this (2.3.27).
 *
 * <p>Every byte a connection reads passes here before the parser. A space or tab right after a
 * line feed is replaced by NUL, which no field line may contain, so the parser answers that line
 * 400 and closes the connection, as it does for any other malformed field line; the requests
 * before it on the connection are answered as usual. The same pair inside a request body would be
 * changed too, but this origin never reads bodies (it discards them), so nothing depends on it.
 */
final class FoldedLineGuard extends AbstractStreamSourceConduit<StreamSourceConduit> {
    private static final long LINE_FEEDS = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;

    private boolean afterLineFeed;

    FoldedLineGuard(StreamSourceConduit next) {
        super(next);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int start = dst.position();
        int read = next.read(dst);
        if (read > 0) {
            check(dst, start, dst.position());
        }
        return read;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        int[] starts = new int[length];
        for (int i = 0; i < length; i++) {
            starts[i] = dsts[offset + i].position();
        }
        long read = next.read(dsts, offset, length);
        if (read > 0) {
            for (int i = 0; i < length; i++) {
                check(dsts[offset + i], starts[i], dsts[offset + i].position());
            }
        }
        return read;
    }

    // Transfers go through read(ByteBuffer) so that no byte escapes the check.
    @Override
    public long transferTo(long position, long count, FileChannel target) throws IOException {
        return target.transferFrom(new ConduitReadableByteChannel(this), position, count);
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
        return Conduits.transfer(this, count, throughBuffer, target);
    }

    /**
     * Checks bytes {@code from} to {@code to} of {@code buffer}, continuing from the previous call.
     * Eight bytes at a time: each line feed is found with a word operation, and only the byte after
     * it is looked at (a browser's request head of 500 bytes has about 15).
     */
    void check(ByteBuffer buffer, int from, int to) {
        if (from >= to) {
            return;
        }
        if (afterLineFeed) {
            unfold(buffer, from);
        }
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = buffer.getLong(i) ^ LINE_FEEDS; // big-endian: byte i is the top byte
            long lineFeeds = ~(((x & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | x | LOW_SEVEN_BITS); // 0x80 where a byte was '\n'
            while (lineFeeds != 0) {
                int next = i + Long.BYTES - (Long.numberOfTrailingZeros(lineFeeds) >>> 3);
                if (next < to) {
                    unfold(buffer, next);
                }
                lineFeeds &= lineFeeds - 1;
            }
        }
        for (; i < to; i++) {
            if (buffer.get(i) == '\n' && i + 1 < to) {
                unfold(buffer, i + 1);
            }
        }
        afterLineFeed = buffer.get(to - 1) == '\n';
    }

    private static void unfold(ByteBuffer buffer, int at) {
        byte b = buffer.get(at);
        if (b == ' ' || b == '\t') {
            buffer.put(at, (byte) 0);
        }
    }
}
