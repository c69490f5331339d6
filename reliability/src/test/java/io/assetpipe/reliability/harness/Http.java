package io.assetpipe.reliability.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** A real HTTP/1.1 client (the JDK's) with generous time-outs: the suite never fails on a timing. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private Http() {}

    public static HttpClient client() {
        return CLIENT;
    }

    /** GET with the given request headers (name, value, name, value, ...). */
    public static HttpResponse<byte[]> get(URI uri, String... headers) throws IOException {
        return send("GET", uri, headers);
    }

    public static HttpResponse<byte[]> send(String method, URI uri, String... headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Status code, or -1 when the request fails at the connection level. */
    public static int status(URI uri) {
        try {
            return get(uri).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Response headers with lower-case names, minus the ones that legitimately differ per response. */
    public static Map<String, String> comparableHeaders(HttpResponse<?> response) {
        Map<String, String> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase();
            if (!lower.equals("date")) {
                headers.put(lower, String.join(", ", values));
            }
        });
        return headers;
    }
}
