package io.assetpipe.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Holds a large response in flight: a socket with a tiny receive buffer that reads the response
 * head and then stops reading until {@link #readBody()}, so the server cannot finish writing.
 */
public final class SlowReader implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final long contentLength;

    private SlowReader(Socket socket, InputStream in, int status, long contentLength) {
        this.socket = socket;
        this.in = in;
        this.status = status;
        this.contentLength = contentLength;
    }

    public static SlowReader open(int port, String path) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connect, so the TCP window stays small
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the response head: " + head);
            }
            head.append((char) b);
        }
        int status = Integer.parseInt(head.substring(9, 12));
        long length = -1;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        return new SlowReader(socket, in, status, length);
    }

    public int status() {
        return status;
    }

    /** Reads the rest of the body (until the server closes) and checks it against Content-Length. */
    public byte[] readBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        in.transferTo(body);
        if (body.size() != contentLength) {
            throw new IOException("got " + body.size() + " body bytes, Content-Length said " + contentLength);
        }
        return body.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
