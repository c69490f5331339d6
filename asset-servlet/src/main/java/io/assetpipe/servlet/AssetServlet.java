package io.assetpipe.servlet;

import io.assetpipe.http.AdapterBuilder;
import io.assetpipe.http.AssetBundle;
import io.assetpipe.http.AssetResponses;
import io.assetpipe.http.ByteRange;
import io.assetpipe.http.HeaderBlock;
import io.assetpipe.http.HeaderField;
import io.assetpipe.http.Representation;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Serves the assets of an {@link AssetBundle} from any Jakarta Servlet 6.1 container (Tomcat,
 * Jetty, …) with exactly the answers of the Undertow {@code AssetHandler}: both are adapters of
 * {@link AssetResponses}, which decides every status and header. Map it at the prefix:
 *
 * <pre>{@code
 * AssetServlet servlet = AssetServlet.builder(AssetBundle.fromClasspath(loader)).prefix("/assets").build();
 * context.addServlet("assets", servlet).addMapping("/assets/*");  // asyncSupported for large bodies
 * }</pre>
 *
 * <p>Requests whose path is not an asset get the container's 404 (so the application's error
 * page applies). The path is read from the raw request URI (see {@link RequestPath}), relative to
 * the context path.
 *
 * <p>Bodies under {@link #ASYNC_MIN_SIZE} are written at once from the request thread: they fit
 * in the socket's send buffer, so the write returns without waiting for the client. Larger
 * bodies are written without blocking when the container allows async (Servlet 3.1's
 * {@code WriteListener}), a slice at a time, so a slow reader holds no request thread and no more
 * than a slice of copied bytes.
 */
public final class AssetServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** Bodies from this size on are written asynchronously where the request allows it. */
    static final int ASYNC_MIN_SIZE = AssetBundle.REGION_MIN_SIZE;
    /** What one non-blocking write hands the container. */
    static final int SLICE = 32 * 1024;

    private final transient AssetResponses responses;

    private AssetServlet(AssetResponses responses) {
        this.responses = responses;
    }

    public static Builder builder(AssetBundle bundle) {
        return new Builder(bundle);
    }

    /** The URL path this servlet serves under; map it at {@code prefix() + "/*"}. */
    public String prefix() {
        return responses.prefix();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String raw = request.getRequestURI();
        String path = RequestPath.decode(raw.substring(Math.min(request.getContextPath().length(), raw.length())));
        if (path == null) {
            response.setStatus(400);
            return;
        }
        try {
            responses.respond(new Exchange(request, response), path, request.getMethod(), CONTAINER);
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    /** One request and its response, as the core's exchange type. */
    private record Exchange(HttpServletRequest request, HttpServletResponse response) {}

    private static final Container CONTAINER = new Container();

    /** The core's reads and answers on the servlet API. */
    private static final class Container implements AssetResponses.Container<Exchange> {
        @Override
        public String header(Exchange exchange, HeaderField field) {
            return exchange.request().getHeader(field.text());
        }

        @Override
        public List<String> headers(Exchange exchange, HeaderField field) {
            Enumeration<String> values = exchange.request().getHeaders(field.text());
            if (values == null || !values.hasMoreElements()) {
                return null;
            }
            String first = values.nextElement();
            if (!values.hasMoreElements()) {
                return List.of(first); // nearly every request: one field line
            }
            List<String> all = Collections.list(values);
            all.add(0, first);
            return all;
        }

        @Override
        public String mountPath(Exchange exchange) {
            return exchange.request().getContextPath();
        }

        @Override
        public void next(Exchange exchange) throws IOException {
            exchange.response().sendError(404);
        }

        @Override
        public void answer(Exchange exchange, int status, HeaderBlock headers, HeaderField extra, String extraValue)
                throws IOException {
            HttpServletResponse response = exchange.response();
            response.setStatus(status);
            apply(headers, response);
            if (extra != null) {
                response.setHeader(extra.text(), extraValue);
            }
            if (status == 304) {
                // Committed now: Jetty would add "Content-Length: 0" when it completes a response
                // with nothing written, which a 304 must not say of a non-empty asset (RFC 9110 §8.6).
                response.flushBuffer();
            } else if (status != 204) {
                response.setContentLength(0); // as Undertow: an empty body says so
            }
        }

        @Override
        public void send(Exchange exchange, Representation representation, ByteRange range, boolean head)
                throws IOException {
            HttpServletResponse response = exchange.response();
            apply(representation.ok(), response); // Content-Length of the whole included
            ByteBuffer body = representation.body().duplicate();
            if (range != null) {
                response.setStatus(206);
                response.setHeader(HeaderField.CONTENT_RANGE.text(), range.contentRange(representation.length()));
                response.setContentLengthLong(range.length());
                body.limit((int) (range.first() + range.length())).position((int) range.first());
            }
            if (head || !body.hasRemaining()) {
                return;
            }
            HttpServletRequest request = exchange.request();
            if (body.remaining() >= ASYNC_MIN_SIZE && request.isAsyncSupported()) {
                AsyncContext async = request.startAsync();
                async.setTimeout(0); // the container's own write timeout still ends a stalled client
                ServletOutputStream out = response.getOutputStream();
                out.setWriteListener(new AsyncWrite(async, out, body, SLICE));
            } else {
                response.getOutputStream().write(body);
            }
        }

        /** Adds (not sets: the response is fresh, so there is nothing to replace or search for). */
        private static void apply(HeaderBlock headers, HttpServletResponse response) {
            for (int i = 0; i < headers.size(); i++) {
                response.addHeader(headers.name(i).text(), headers.value(i));
            }
        }
    }

    /**
     * Configures an {@link AssetServlet}; every setting has a default. {@code prefix} is the path
     * the servlet is mapped at, without {@code /*}; {@code logicalPaths} and {@code corsOrigin}
     * are the core's ({@link AdapterBuilder}).
     */
    public static final class Builder extends AdapterBuilder<Builder> {
        private Builder(AssetBundle bundle) {
            super(bundle);
        }

        public AssetServlet build() {
            return new AssetServlet(responses());
        }
    }
}
