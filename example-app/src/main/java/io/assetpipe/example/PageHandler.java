package io.assetpipe.example;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.ETagUtils;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.util.Map;

/**
 * Serves the app's HTML pages: {@code Cache-Control: no-cache} with an ETag, so a reload
 * revalidates the page (304) while the fingerprinted assets it references stay in the browser's
 * cache. Every path without a page gets the 404 page.
 */
final class PageHandler implements HttpHandler {
    // The pages load only same-origin assets; Bootstrap's CSS uses data: URIs for a few icons.
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Map<String, HtmlPage> pages;
    private final HtmlPage notFound;

    PageHandler(Map<String, HtmlPage> pages, HtmlPage notFound) {
        this.pages = Map.copyOf(pages);
        this.notFound = notFound;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        var headers = exchange.getResponseHeaders();
        if (!exchange.getRequestMethod().equals(Methods.GET)
                && !exchange.getRequestMethod().equals(Methods.HEAD)) {
            exchange.setStatusCode(StatusCodes.METHOD_NOT_ALLOWED);
            headers.put(Headers.ALLOW, "GET, HEAD");
            exchange.endExchange();
            return;
        }
        HtmlPage page = pages.getOrDefault(exchange.getRequestPath(), notFound);
        headers.put(Headers.CACHE_CONTROL, "no-cache");
        headers.put(Headers.ETAG, page.etag().toString());
        if (!ETagUtils.handleIfNoneMatch(exchange, page.etag(), false)) {
            exchange.setStatusCode(StatusCodes.NOT_MODIFIED);
            exchange.endExchange();
            return;
        }
        exchange.setStatusCode(page.status());
        headers.put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        headers.put(Headers.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
        headers.put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        headers.put(Headers.REFERRER_POLICY, "strict-origin-when-cross-origin");
        exchange.getResponseSender().send(page.body().duplicate());
    }
}
