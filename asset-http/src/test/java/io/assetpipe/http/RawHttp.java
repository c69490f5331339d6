package io.assetpipe.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A raw-socket HTTP/1.1 client for what JDK HttpClient refuses to send (malformed paths, both
 * Content-Length and Transfer-Encoding) and for checking bytes on the wire (HEAD has no body).
 * It reads until the server closes the connection, so requests carry {@code Connection: close}
 * unless the test wants to see whether the server closes by itself.
 */
public final class RawHttp {
    private RawHttp() {}

    public record Response(int status, Map<String, List<String>> headers, byte[] body, String raw) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(", ", values);
        }
    }

    /** Sends {@code request} verbatim and reads until the server closes (or 10 s pass: a failure). */
    public static Response send(int port, String request) throws IOException {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static Response send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                in.transferTo(bytes);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("server did not close the connection; got so far: "
                        + bytes.toString(StandardCharsets.ISO_8859_1), e);
            } catch (IOException e) {
                // A reset after the response (the server closed with unread input) still ends it.
                if (bytes.size() == 0) {
                    throw e;
                }
            }
            return parse(bytes.toByteArray());
        }
    }

    public static Response parse(byte[] wire) {
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no complete response head in: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line : Arrays.asList(lines).subList(1, lines.length)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(wire, end + 4, wire.length);
        return new Response(status, headers, body, text);
    }

    public static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    }
}
