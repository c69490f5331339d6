package io.assetpipe.server;

import io.assetpipe.http.TestServer;
import io.assetpipe.http.TestBundles;
import io.assetpipe.http.RawHttp;
import io.assetpipe.http.LogicalPathPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests RFC 9112 says a server must reject, as nginx does, sent to the standalone server with a
 * second request behind each: the first is answered 400 (501 for an unknown transfer coding) with
 * {@code Connection: close}, and the second is never answered.
 */
class StrictRequestsTest {
    private static final Pattern STATUS_LINE = Pattern.compile("(?m)^HTTP/1\\.1 (\\d{3}) ");
    private static final String CSS = "body { color: red }\n";
    @TempDir
    static Path temp;
    private static TestServer server;
    private static String path;

    @BeforeAll
    static void start() throws IOException {
        Path jar = TestBundles.builder().add("css/site.css", "text/css; charset=utf-8", CSS.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .writeJar(temp.resolve("site-assets.jar"));
        server = Standalone.start(List.of(jar), "*", LogicalPathPolicy.SERVE);
        path = "/assets/" + TestBundles.fingerprint("css/site.css", TestBundles.sha256(CSS.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** Each probe's head lines after the request line, before the blank line. */
    private static Map<String, String> probes() {
        Map<String, String> probes = new LinkedHashMap<>();
        probes.put("obs-fold of Transfer-Encoding", "Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n");
        probes.put("obs-fold with a tab", "X-A: a\r\n\tb\r\n\r\n");
        probes.put("field line without a colon", "NoColonHere\r\n\r\n");
        probes.put("NUL in a field value", "X-A: a\u0000b\r\n\r\n");
        probes.put("CR in a field value", "X-A: a\rb\r\n\r\n");
        probes.put("LF in a field value", "X-A: a\nb: c\r\n\r\n");
        probes.put("Transfer-Encoding: gzip, chunked", "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
        probes.put("Transfer-Encoding: gzip", "Transfer-Encoding: gzip\r\n\r\n");
        probes.put("Transfer-Encoding: chunked, chunked", "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n");
        probes.put("Transfer-Encoding: xchunked", "Transfer-Encoding: xchunked\r\n\r\n");
        return probes;
    }

    @Test
    void malformedRequestsAreRefusedAndNothingAfterThemIsAnswered() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> actual = new LinkedHashMap<>();
        for (Map.Entry<String, String> probe : probes().entrySet()) {
            String request = "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + probe.getValue()
                    + "GET /assets/smuggled HTTP/1.1\r\nHost: x\r\n\r\n";
            RawHttp.Response response = RawHttp.send(server.port, request); // reads until the server closes
            expected.put(probe.getKey(), (probe.getKey().startsWith("Transfer-Encoding") ? "501" : "400")
                    + " close, 1 answer");
            actual.put(probe.getKey(), response.status() + " " + response.header("connection") + ", "
                    + answers(response.raw()) + " answer" + (answers(response.raw()) == 1 ? "" : "s"));
        }
        assertEquals(expected, actual);
    }

    @Test
    void aChunkedRequestIsReadThenAnsweredAndItsConnectionClosed() throws IOException {
        RawHttp.Response response = RawHttp.send(server.port, "GET " + path + " HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\nGET /assets/smuggled HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(200, response.status());
        assertEquals("close", response.header("connection"));
        assertEquals(1, answers(response.raw()), "what follows a chunked body is not read as a request");
    }

    @Test
    void aChunkedBodyThatNeverEndsIsCutOffAfterTheParseTimeout() throws IOException {
        long started = System.nanoTime();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhel").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            // Nothing more is sent: the server closes without an answer once the body is overdue.
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (java.net.SocketException reset) {
                read = -1;
            }
            assertEquals(-1, read, "closed without an answer");
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        org.junit.jupiter.api.Assertions.assertTrue(seconds >= RunningServer.REQUEST_PARSE_TIMEOUT_MS / 1000 - 1
                && seconds < 50, "closed after " + seconds + " s");
    }

    @Test
    void aValidRequestWithFoldLikeBytesInItsValueIsServed() throws IOException {
        RawHttp.Response response = RawHttp.send(server.port, "GET " + path + " HTTP/1.1\r\nHost: x\r\n"
                + "User-Agent: a b\tc\r\nConnection: close\r\n\r\n");
        assertEquals(200, response.status());
        assertEquals(CSS, new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static int answers(String raw) {
        Matcher m = STATUS_LINE.matcher(raw);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }
}
