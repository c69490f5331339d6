package io.assetpipe.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real standalone server ({@link RunningServer}) on an ephemeral port, plus a JDK HttpClient. */
final class TestServer implements AutoCloseable {
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    final RunningServer server;
    final int port;

    private TestServer(RunningServer server) {
        this.server = server;
        this.port = server.port();
    }

    static TestServer start(List<Path> bundles, String corsOrigin, LogicalPathPolicy policy) {
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, bundles, "/assets", corsOrigin, policy,
                Duration.ZERO, false);
        return new TestServer(RunningServer.start(settings, new Log(System.out)));
    }

    HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    HttpResponse<byte[]> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    HttpResponse<byte[]> head(String path, String... headers) {
        return send(request(path, headers).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    HttpResponse<byte[]> method(String method, String path, String... headers) {
        return send(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdown();
    }
}
