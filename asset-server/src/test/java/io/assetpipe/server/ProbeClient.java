package io.assetpipe.server;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/** Short HTTP requests on fresh connections, for probes while something else is in flight. */
final class ProbeClient {
    private final int port;

    ProbeClient(int port) {
        this.port = port;
    }

    int status(String path) throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(10_000);
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    /** Polls until {@code path} answers {@code expected}; fails after 20 s. */
    void awaitStatus(String path, int expected) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        int last;
        while ((last = status(path)) != expected) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(path + " still answers " + last + ", expected " + expected);
            }
            Thread.sleep(20);
        }
    }
}
