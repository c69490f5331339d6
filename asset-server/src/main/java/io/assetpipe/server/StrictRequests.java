package io.assetpipe.server;

import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * The request framing rules of RFC 9112 that Undertow 2.3.27 has no option for, in front of every
 * other handler of the standalone server (nginx answers these the same way):
 *
 * <ul>
 *   <li>a {@code Transfer-Encoding} other than exactly {@code chunked} (§6.1: a server that does
 *       not understand a transfer coding answers 501 and closes); Undertow treated {@code gzip,
 *       chunked} as chunked and {@code gzip} as a body that lasts until the connection closes;
 *   <li>a chunked body is read (and discarded) before the request is answered, and the connection
 *       is closed after the answer, so that nothing after a chunked body is ever read as a request
 *       (§7.1). {@code MAX_ENTITY_SIZE} bounds what is read, and {@code bodyTimeout} how long it
 *       may take, as {@code REQUEST_PARSE_TIMEOUT} bounds the head: a body that trickles in is no
 *       way to hold a connection.
 * </ul>
 *
 * <p>Both answers close the connection: nothing after a badly framed body can be trusted to be a
 * request. A request without {@code Transfer-Encoding} costs one header lookup here.
 */
final class StrictRequests implements HttpHandler {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final HttpHandler next;
    private final long bodyTimeoutMillis;

    StrictRequests(HttpHandler next, long bodyTimeoutMillis) {
        this.next = next;
        this.bodyTimeoutMillis = bodyTimeoutMillis;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        HeaderValues codings = exchange.getRequestHeaders().get(Headers.TRANSFER_ENCODING);
        if (codings == null) {
            next.handleRequest(exchange);
        } else if (codings.size() != 1 || !codings.getFirst().trim().equalsIgnoreCase(Headers.CHUNKED.toString())) {
            refuse(exchange, StatusCodes.NOT_IMPLEMENTED);
        } else {
            exchange.setPersistent(false);
            XnioExecutor.Key timeout = exchange.getIoThread().executeAfter(
                    () -> IoUtils.safeClose(exchange.getConnection()), bodyTimeoutMillis, TimeUnit.MILLISECONDS);
            exchange.getRequestReceiver().receiveFullBytes(
                    (received, body) -> {
                        timeout.remove();
                        Connectors.executeRootHandler(next, received);
                    },
                    (failed, e) -> {
                        timeout.remove();
                        refuse(failed, e instanceof RequestTooBigException
                                ? StatusCodes.REQUEST_ENTITY_TOO_LARGE
                                : StatusCodes.BAD_REQUEST);
                    });
        }
    }

    /** Answers {@code status} with {@code Connection: close} and closes once it is sent. */
    static void refuse(HttpServerExchange exchange, int status) {
        if (exchange.isResponseStarted()) {
            IoUtils.safeClose(exchange.getConnection()); // nothing sensible can follow a started response
            return;
        }
        exchange.setStatusCode(status);
        exchange.setPersistent(false);
        // Sent before the exchange ends: ending it first would close a connection whose request
        // body is unread before the answer leaves.
        exchange.getResponseSender().send(EMPTY);
    }
}
