package io.assetpipe.server;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.assetpipe.http.AssetBundle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.Options;
import org.xnio.channels.StreamSinkChannel;

/**
 * Sends a large body that sits STORED in the bundle's jar the way nginx sends a file: the head
 * with the body's first bytes (up to a page boundary of the jar) in one gathering write from
 * memory, the rest with {@code sendfile} from the jar's page cache, corked so that the kernel
 * sends full-sized segments.
 *
 * <p>Why not one gathering write from memory, as for smaller bodies: that copies the body into
 * fresh socket pages on the server's core, which the client then reads cold, while the page-cache
 * pages {@code sendfile} hands over are the same for every response and stay warm in the
 * reader's cache (docs/performance.md measures both). Why the first bytes from memory: Undertow
 * writes the head together with the first body write, and a head sent alone would be a packet,
 * and a wake-up of the client, of its own. Why corking: Undertow sets {@code TCP_NODELAY} on every
 * socket, which pushes each piece as soon as it is written. {@link TcpCork} corks where the JVM
 * allows it; elsewhere {@code TCP_NODELAY} is cleared for the response and set again after (which
 * pushes what is left), the nearest a JVM gets: a larger first write then leaves only the tail of
 * its last segment for the file's bytes to fill.
 *
 * <p>The same bytes are in memory ({@link AssetBundle} loaded them from this region and checked them),
 * so if the jar's file stops serving them (closed, or cut short by an in-place overwrite) the
 * rest of the body is written from memory: the response is still whole.
 */
final class ZeroCopySend implements ChannelListener<StreamSinkChannel> {
    /** Bodies at least this large go this way; below it one gathering write from memory is cheaper. */
    static final int MIN_SIZE = AssetBundle.REGION_MIN_SIZE;
    /** Least bytes of the body written with the head: corked, just enough to carry the head. */
    private static final int FIRST_CORKED = 1;
    /** Least bytes of the body written with the head under Nagle. */
    private static final int FIRST_NAGLE = 16 * 1024;
    /**
     * The file's part starts on a page boundary of the jar, as a file nginx sends does: the kernel
     * puts at most 17 page fragments in a packet, so a packet of the head's fragment, a partial
     * page and 15 whole pages stays short of loopback's 64 KiB segment, and a cork holds a short
     * segment back until it is lifted. With BBR's pacing that held-back burst halved the
     * stylesheet's requests/s (docs/performance.md). 4 KiB is x86-64's page, and a multiple of it
     * elsewhere only loses the gain, never a byte.
     */
    static final int PAGE = 4096;

    private final HttpServerExchange exchange;
    private final ByteBuffer body; // the whole body; position = next byte to send
    private final FileChannel file;
    private final long fileOffset; // file position minus body position
    private final Uncork uncork;
    private final int firstEnd; // body bytes before this go out from memory, with the head
    private boolean fromFile = true;

    private enum Uncork { CORK, NO_DELAY, NOTHING }

    private ZeroCopySend(HttpServerExchange exchange, ByteBuffer body, AssetBundle.FileRegion region, Uncork uncork) {
        this.exchange = exchange;
        this.body = body.duplicate();
        this.file = region.file();
        this.fileOffset = region.position() - this.body.position();
        this.uncork = uncork;
        this.firstEnd = this.body.position() + Math.min(
                firstBytes(region.position(), uncork == Uncork.CORK ? FIRST_CORKED : FIRST_NAGLE),
                this.body.remaining());
    }

    /**
     * How many of the body's bytes, at least {@code least}, to write from memory so that the
     * file's part starts on a page.
     */
    static int firstBytes(long regionPosition, int least) {
        long end = regionPosition + least;
        long aligned = (end + PAGE - 1) / PAGE * PAGE;
        return (int) (aligned - regionPosition);
    }

    /**
     * Plain HTTP/1.x only: TLS and HTTP/2 would copy the file through a buffer anyway. (Every body
     * with a region is at least {@link #MIN_SIZE}: {@link AssetBundle} finds no smaller ones.)
     */
    static boolean applies(HttpServerExchange exchange) {
        ServerConnection connection = exchange.getConnection();
        return connection instanceof HttpServerConnection && connection.getSslSessionInfo() == null;
    }

    /** How large responses leave, for the start-up log line. */
    static String mode() {
        return TcpCork.AVAILABLE ? "sendfile+cork" : "sendfile+nagle";
    }

    /** Sends the whole body from the calling (IO) thread and ends the exchange once it is written. */
    static void start(HttpServerExchange exchange, ByteBuffer body, AssetBundle.FileRegion region) {
        ServerConnection connection = exchange.getConnection();
        Uncork uncork;
        if (TcpCork.set(connection, true)) {
            uncork = Uncork.CORK;
        } else if (Boolean.TRUE.equals(noDelay(connection)) && setNoDelay(connection, false)) {
            uncork = Uncork.NO_DELAY;
        } else {
            uncork = Uncork.NOTHING;
        }
        new ZeroCopySend(exchange, body, region, uncork).handleEvent(exchange.getResponseChannel());
    }

    @Override
    public void handleEvent(StreamSinkChannel channel) {
        try {
            while (body.hasRemaining()) {
                long sent;
                if (fromFile && body.position() >= firstEnd) {
                    sent = transferFromFile(channel);
                    if (sent < 0) {
                        continue; // the file failed us: the rest from memory
                    }
                } else {
                    // The head and the first bytes, or all that is left once the file failed.
                    sent = channel.write(fromFile ? body.duplicate().limit(firstEnd) : body.duplicate());
                }
                if (sent == 0) {
                    awaitWritable(channel);
                    return;
                }
                body.position(body.position() + (int) sent);
            }
            channel.getWriteSetter().set(null);
            channel.suspendWrites();
            switch (uncork) {
                case CORK -> TcpCork.set(exchange.getConnection(), false); // sends the last, partial segment
                case NO_DELAY -> setNoDelay(exchange.getConnection(), true); // so does this
                case NOTHING -> { }
            }
            exchange.endExchange();
        } catch (IOException e) {
            // The client went away or the socket failed: nothing can follow a half-sent body.
            IoUtils.safeClose(exchange.getConnection());
            exchange.endExchange();
        }
    }

    /** Bytes sent from the file, 0 when the socket is full, -1 (and memory from now on) when the file fails. */
    private long transferFromFile(StreamSinkChannel channel) throws IOException {
        long position = fileOffset + body.position();
        long count = body.remaining();
        long sent;
        try {
            sent = channel.transferFrom(file, position, count);
        } catch (IOException e) {
            if (file.isOpen()) {
                throw e; // the socket's failure, not the file's
            }
            sent = -1;
        }
        if (sent == 0 && file.size() < position + count) {
            sent = -1; // the jar was cut short under the server
        }
        if (sent < 0) {
            fromFile = false;
        }
        return sent;
    }

    private void awaitWritable(StreamSinkChannel channel) {
        channel.getWriteSetter().set(this);
        channel.resumeWrites();
    }

    private static Boolean noDelay(ServerConnection connection) {
        try {
            return connection.getOption(Options.TCP_NODELAY);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean setNoDelay(ServerConnection connection, boolean on) {
        try {
            connection.setOption(Options.TCP_NODELAY, on);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false; // a socket that refuses the option still sends; only segment sizes differ
        }
    }
}
