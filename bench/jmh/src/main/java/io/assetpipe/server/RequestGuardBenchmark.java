package io.assetpipe.server;

import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xnio.conduits.StreamSourceConduit;

/**
 * What the standalone server's strict framing adds to each request, measured on its own (a loopback
 * comparison cannot resolve 2 % on a shared machine): {@link FoldedLineGuard} scanning the bytes of
 * a browser's request head as they are read, and {@link StrictRequests}' one header lookup in a
 * parsed request's header map. Compare the sum with the CPU time a whole request costs
 * (docs/performance-log.md, "Strict request framing cost").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestGuardBenchmark {
    /** What Chromium sends for a cross-origin script, 510 bytes. */
    private static final String BROWSER_HEAD = "GET /assets/js/app-dfc684727d40.js HTTP/1.1\r\n"
            + "Host: cdn.example.com\r\n"
            + "Connection: keep-alive\r\n"
            + "sec-ch-ua-platform: \"Linux\"\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36\r\n"
            + "sec-ch-ua: \"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\"\r\n"
            + "sec-ch-ua-mobile: ?0\r\n"
            + "Accept: */*\r\n"
            + "Sec-Fetch-Site: cross-site\r\n"
            + "Sec-Fetch-Mode: cors\r\n"
            + "Sec-Fetch-Dest: script\r\n"
            + "Referer: https://www.example.com/\r\n"
            + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
            + "Accept-Language: en-US,en;q=0.9\r\n"
            + "\r\n";

    /** The scan alone: the conduit it would read from is never called here. */
    /** What wrk sends in the small-asset side-by-side run, 93 bytes. */
    private static final String WRK_HEAD = "GET /assets/js/app-dfc684727d40.js HTTP/1.1\r\n"
            + "Host: 127.0.0.1:19103\r\n"
            + "Accept-Encoding: gzip\r\n"
            + "\r\n";

    @Param({"browser", "wrk"})
    public String client;

    private final FoldedLineGuard guard = new FoldedLineGuard((StreamSourceConduit) Proxy.newProxyInstance(
            RequestGuardBenchmark.class.getClassLoader(), new Class<?>[] {StreamSourceConduit.class},
            (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
            }));
    private ByteBuffer head;
    private HeaderMap headers;

    @Setup
    public void setUp() {
        String text = client.equals("wrk") ? WRK_HEAD : BROWSER_HEAD;
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        head = ByteBuffer.allocateDirect(16 * 1024).put(bytes).flip();
        headers = new HeaderMap();
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("GET ")) {
                headers.add(new HttpString(line.substring(0, colon)), line.substring(colon + 1).trim());
            }
        }
    }

    @Benchmark
    public ByteBuffer foldedLineGuard() {
        guard.check(head, 0, head.limit());
        return head;
    }

    @Benchmark
    public HeaderValues strictRequestsLookup() {
        return headers.get(Headers.TRANSFER_ENCODING);
    }
}
