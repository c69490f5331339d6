package io.assetpipe.server;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * Undertow's HTTP/1.1 listener, opened on XNIO the way {@code Undertow.start()} opens it (same
 * worker, socket and buffer settings), with one difference that {@code Undertow.Builder} has no
 * hook for: each accepted connection reads through a {@link FoldedLineGuard} before Undertow's
 * parser sees its bytes.
 */
final class HttpListener {
    private final XnioWorker worker;
    private final AcceptingChannel<StreamConnection> channel;

    private HttpListener(XnioWorker worker, AcceptingChannel<StreamConnection> channel) {
        this.worker = worker;
        this.channel = channel;
    }

    /**
     * Listens on {@code host:port} with Undertow's {@code serverOptions} and XNIO's
     * {@code socketOptions} (each connection's, e.g. {@link Options#WRITE_TIMEOUT}).
     */
    static HttpListener open(String host, int port, OptionMap serverOptions, OptionMap socketOptions,
            HttpHandler root) throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        // Nothing is dispatched; the worker pool only has to exist.
        int workerThreads = Math.max(2, cores);
        XnioWorker worker = Xnio.getInstance(Undertow.class.getClassLoader()).createWorker(OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, cores)
                .set(Options.CONNECTION_HIGH_WATER, 1_000_000)
                .set(Options.CONNECTION_LOW_WATER, 1_000_000)
                .set(Options.WORKER_TASK_CORE_THREADS, workerThreads)
                .set(Options.WORKER_TASK_MAX_THREADS, workerThreads)
                .set(Options.TCP_NODELAY, true)
                .set(Options.CORK, true)
                .getMap());
        try {
            HttpOpenListener http = new HttpOpenListener(bufferPool(), OptionMap.builder()
                    .set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
                    .addAll(serverOptions)
                    .getMap());
            http.setRootHandler(root);
            ChannelListener<StreamConnection> guarded = connection -> {
                connection.getSourceChannel().setConduit(new FoldedLineGuard(connection.getSourceChannel().getConduit()));
                http.handleEvent(connection);
            };
            AcceptingChannel<StreamConnection> channel = worker.createStreamConnectionServer(
                    new InetSocketAddress(InetAddress.getByName(host), port),
                    ChannelListeners.openListenerAdapter(guarded),
                    OptionMap.builder()
                            .set(Options.WORKER_IO_THREADS, worker.getIoThreadCount())
                            .set(Options.TCP_NODELAY, true)
                            .set(Options.REUSE_ADDRESSES, true)
                            .set(Options.BALANCING_TOKENS, 1)
                            .set(Options.BALANCING_CONNECTIONS, 2)
                            .set(Options.BACKLOG, 1000)
                            .addAll(socketOptions)
                            .getMap());
            channel.resumeAccepts();
            return new HttpListener(worker, channel);
        } catch (IOException | RuntimeException e) {
            worker.shutdownNow();
            throw e;
        }
    }

    /** The buffers {@code Undertow.Builder} picks for this heap size (16364 bytes is its figure). */
    private static DefaultByteBufferPool bufferPool() {
        long heap = Runtime.getRuntime().maxMemory();
        if (heap < 64L << 20) {
            return new DefaultByteBufferPool(false, 512, -1, 4);
        }
        return new DefaultByteBufferPool(true, heap < 128L << 20 ? 1024 : 16_364, -1, 4);
    }

    int port() {
        return channel.getLocalAddress(InetSocketAddress.class).getPort();
    }

    /** Stops accepting and closes every connection. */
    void close() {
        IoUtils.safeClose(channel);
        worker.shutdownNow();
    }
}
