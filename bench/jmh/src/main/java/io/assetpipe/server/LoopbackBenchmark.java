package io.assetpipe.server;

import io.assetpipe.http.AssetBundle;
import io.assetpipe.http.LogicalPathPolicy;
import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.ContentEncoding;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.UndertowOptions;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * The whole request path through a real Undertow exchange on loopback: the standalone server
 * ({@link RunningServer}, so probes, graceful-shutdown accounting and {@link AssetHandler}) against
 * a baseline Undertow with the same options whose handler only replays the very same status, header
 * list and body. The difference per request is what our handler costs on top of Undertow itself.
 *
 * <p>One client connection sends {@value #PIPELINE} pipelined requests per operation and reads
 * every response, so the per-request figure is dominated by server work rather than by loopback
 * wake-ups. The client is a minimal HTTP/1.1 reader written for this (Content-Length framing only):
 * a general HTTP client would cost more than the server under test.
 *
 * <p>Needs {@code -Dassetpipe.bench.bundle=<assets jar>} (bench/jmh.sh passes bench/ours's), whose
 * manifest has {@code js/app.js} with a gzip variant and {@code css/site.css}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-XX:ActiveProcessorCount=1"})
public class LoopbackBenchmark {
    static final int PIPELINE = 16;

    @Param({"small-gzip", "revalidate-304", "css-identity"})
    public String request;

    /**
     * {@code asset-server}: the standalone server. {@code baseline}: Undertow replaying the same
     * response from a direct buffer (what AssetHandler does, minus its logic).
     * {@code baseline-sendfile}: the same, but the body sent zero-copy from a file region with
     * {@code StreamSinkChannel.transferFrom(FileChannel, position, count)}, as a STORED jar entry
     * could be.
     */
    @Param({"asset-server", "baseline", "baseline-sendfile"})
    public String server;

    private RunningServer running;
    private Undertow baseline;
    private Client client;
    private FileChannel bodyFile;

    @Setup(Level.Trial)
    public void start() throws IOException {
        String bundlePath = System.getProperty("assetpipe.bench.bundle");
        if (bundlePath == null) {
            throw new IllegalStateException("pass -Dassetpipe.bench.bundle=<assets jar> (bench/jmh.sh does)");
        }
        AssetBundle bundle = AssetBundle.fromJar(Path.of(bundlePath));
        AssetEntry script = bundle.asset("js/app.js").orElseThrow();
        AssetEntry stylesheet = bundle.asset("css/site.css").orElseThrow();
        String etag = "\"" + script.encodings().get(ContentEncoding.GZIP).sha256() + "\"";
        String raw = switch (request) {
            case "small-gzip" -> get("/assets/" + script.path(), "Accept-Encoding: gzip\r\n");
            case "revalidate-304" -> get("/assets/" + script.path(),
                    "Accept-Encoding: gzip\r\nIf-None-Match: " + etag + "\r\n");
            case "css-identity" -> get("/assets/" + stylesheet.path(), "");
            default -> throw new IllegalArgumentException(request);
        };

        ServerSettings settings = new ServerSettings("127.0.0.1", 0, List.of(Path.of(bundlePath)), "/assets", "*",
                LogicalPathPolicy.SERVE, Duration.ofSeconds(1), false);
        running = RunningServer.start(settings, new Log(new PrintStream(OutputStream.nullOutputStream())));
        int port = running.port();
        // Record asset-server's answer; the baseline replays exactly these bytes.
        Response recorded;
        try (Client probe = new Client(port, raw, 1)) {
            recorded = probe.exchange().get(0);
        }
        if (server.startsWith("baseline")) {
            if (server.equals("baseline-sendfile")) {
                // The body at offset 1000 of a file, as an entry sits inside a jar.
                Path file = Files.createTempFile("assetpipe-bench", ".bin");
                file.toFile().deleteOnExit();
                Files.write(file, new byte[1000]);
                Files.write(file, recorded.body, StandardOpenOption.APPEND);
                bodyFile = FileChannel.open(file, StandardOpenOption.READ);
            }
            baseline = replaying(recorded, bodyFile);
            baseline.start();
            port = ((InetSocketAddress) baseline.getListenerInfo().get(0).getAddress()).getPort();
        }
        client = new Client(port, raw, PIPELINE);
        Response first;
        try (Client check = new Client(port, raw, 1)) {
            first = check.exchange().get(0);
        }
        if (first.status != recorded.status || !Arrays.equals(first.body, recorded.body)) {
            throw new IllegalStateException(server + " answered " + first + ", asset-server " + recorded
                    + "; first difference at byte " + Arrays.mismatch(first.body, recorded.body));
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        client.close();
        if (bodyFile != null) {
            bodyFile.close();
        }
        if (baseline != null) {
            baseline.stop();
        }
        running.shutdown();
    }

    @Benchmark
    @OperationsPerInvocation(PIPELINE)
    public int request() throws IOException {
        return client.exchange().size();
    }

    private static String get(String path, String headers) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: jmh\r\nAccept: */*\r\n" + headers + "\r\n";
    }

    /**
     * An Undertow with {@link RunningServer}'s options whose handler replays one response, the body
     * from a direct buffer or, if {@code file} is given, zero-copy from offset 1000 of that file.
     */
    private static Undertow replaying(Response response, FileChannel file) {
        ByteBuffer body = ByteBuffer.allocateDirect(response.body.length).put(response.body).flip().asReadOnlyBuffer();
        HttpString[] names = response.headerNames.stream()
                .filter(name -> !name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Date")
                        && !name.equalsIgnoreCase("Connection"))
                .map(HttpString::new).toArray(HttpString[]::new);
        String[] values = Arrays.stream(names).map(name -> response.header(name.toString())).toArray(String[]::new);
        return Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setIoThreads(1)
                .setWorkerThreads(2)
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, RunningServer.MAX_HEADER_SIZE)
                .setServerOption(UndertowOptions.MAX_HEADERS, RunningServer.MAX_HEADERS)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, RunningServer.MAX_ENTITY_SIZE)
                .setServerOption(UndertowOptions.ENABLE_STATISTICS, false)
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, false)
                .setHandler(exchange -> {
                    exchange.setStatusCode(response.status);
                    for (int i = 0; i < names.length; i++) {
                        exchange.getResponseHeaders().put(names[i], values[i]);
                    }
                    if (body.capacity() == 0) {
                        exchange.endExchange();
                    } else if (file != null) {
                        exchange.setResponseContentLength(body.capacity());
                        new RegionTransfer(exchange, file, 1000, body.capacity()).run();
                    } else {
                        exchange.setResponseContentLength(body.capacity());
                        exchange.getResponseSender().send(body.duplicate());
                    }
                })
                .build();
    }

    /**
     * Sends {@code count} bytes of {@code file} from {@code position} with sendfile(2) where the
     * platform allows, continuing on write-readiness; positional, so one channel serves every
     * request at once.
     */
    static final class RegionTransfer implements ChannelListener<StreamSinkChannel> {
        private final HttpServerExchange exchange;
        private final FileChannel file;
        private long position;
        private long remaining;
        private boolean headersSent;

        RegionTransfer(HttpServerExchange exchange, FileChannel file, long position, long count) {
            this.exchange = exchange;
            this.file = file;
            this.position = position;
            this.remaining = count;
        }

        void run() {
            handleEvent(exchange.getResponseChannel());
        }

        @Override
        public void handleEvent(StreamSinkChannel channel) {
            try {
                // Undertow 2.3's HttpResponseConduit copies the first chunk from the file's own
                // position (not the one asked for) while the header block is pending; flushing the
                // headers first keeps every byte on the positional, zero-copy path.
                if (!headersSent) {
                    if (!channel.flush()) {
                        channel.getWriteSetter().set(this);
                        channel.resumeWrites();
                        return;
                    }
                    headersSent = true;
                }
                while (remaining > 0) {
                    long sent = channel.transferFrom(file, position, remaining);
                    if (sent == 0) {
                        channel.getWriteSetter().set(this);
                        channel.resumeWrites();
                        return;
                    }
                    position += sent;
                    remaining -= sent;
                }
                channel.suspendWrites();
                channel.getWriteSetter().set(null);
                exchange.endExchange();
            } catch (IOException e) {
                IoUtils.safeClose(exchange.getConnection());
            }
        }
    }

    /** One response as the client saw it. */
    record Response(int status, List<String> headerNames, List<String> headerValues, byte[] body, int bodyLength) {
        String header(String name) {
            for (int i = 0; i < headerNames.size(); i++) {
                if (headerNames.get(i).equalsIgnoreCase(name)) {
                    return headerValues.get(i);
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return status + " with " + bodyLength + " body bytes";
        }
    }

    /** A keep-alive connection sending {@code pipeline} copies of one request at a time. */
    static final class Client implements AutoCloseable {
        private final SocketChannel channel;
        private final ByteBuffer requests;
        private final int pipeline;
        private byte[] in = new byte[64 * 1024];
        private int start;
        private int end;

        Client(int port, String request, int pipeline) throws IOException {
            this.channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            this.channel.socket().setTcpNoDelay(true);
            this.pipeline = pipeline;
            byte[] one = request.getBytes(StandardCharsets.US_ASCII);
            this.requests = ByteBuffer.allocateDirect(one.length * pipeline);
            for (int i = 0; i < pipeline; i++) {
                requests.put(one);
            }
            requests.flip();
        }

        List<Response> exchange() throws IOException {
            ByteBuffer out = requests.duplicate();
            while (out.hasRemaining()) {
                channel.write(out);
            }
            List<Response> responses = new ArrayList<>(pipeline);
            while (responses.size() < pipeline) {
                Response response = parse(responses.isEmpty() && pipeline == 1);
                if (response == null) {
                    fill();
                } else {
                    responses.add(response);
                }
            }
            return responses;
        }

        /** One complete response from the buffer, or null if more bytes are needed. */
        private Response parse(boolean keepBody) {
            int headerEnd = indexOfBlankLine();
            if (headerEnd < 0) {
                return null;
            }
            String head = new String(in, start, headerEnd - start, StandardCharsets.ISO_8859_1);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].substring(9, 12));
            List<String> names = new ArrayList<>();
            List<String> values = new ArrayList<>();
            int length = 0;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                String name = lines[i].substring(0, colon);
                String value = lines[i].substring(colon + 1).trim();
                names.add(name);
                values.add(value);
                if (name.toLowerCase(Locale.ROOT).equals("content-length") && status != 304) {
                    length = Integer.parseInt(value);
                }
            }
            int bodyStart = headerEnd + 4;
            if (end - bodyStart < length) {
                return null;
            }
            byte[] body = keepBody ? Arrays.copyOfRange(in, bodyStart, bodyStart + length) : new byte[0];
            start = bodyStart + length;
            return new Response(status, names, values, body, length);
        }

        private int indexOfBlankLine() {
            for (int i = start; i + 3 < end; i++) {
                if (in[i] == '\r' && in[i + 1] == '\n' && in[i + 2] == '\r' && in[i + 3] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private void fill() throws IOException {
            if (start > 0) {
                System.arraycopy(in, start, in, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == in.length) {
                in = Arrays.copyOf(in, in.length * 2);
            }
            int n = channel.read(ByteBuffer.wrap(in, end, in.length - end));
            if (n < 0) {
                throw new IOException("server closed the connection");
            }
            end += n;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
