package io.assetpipe.server;

import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Graceful shutdown for the standalone server: counts the requests in flight, answers new ones 503
 * once the drain has begun, and lets {@link #await} wait for the others to finish.
 *
 * <p>Undertow's {@code GracefulShutdownHandler} does the same but registers an exchange-completion
 * listener on every request (a listener array per exchange, a next-listener object when it fires,
 * two atomic updates), which is measurable on a request path this short. Nearly every asset
 * response is written and complete before {@code handleRequest} returns, so the count goes back
 * down right there; only a response still being written (a large body to a slow reader) gets a
 * completion listener.
 */
final class Drain implements HttpHandler {
    private final HttpHandler next;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ExchangeCompletionListener completed = (exchange, nextListener) -> {
        finished();
        nextListener.proceed();
    };
    private volatile boolean draining;

    Drain(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        // Counted before the check: a request that finds the drain not begun is always awaited.
        inFlight.incrementAndGet();
        if (draining) {
            finished();
            exchange.setStatusCode(StatusCodes.SERVICE_UNAVAILABLE);
            exchange.endExchange();
            return;
        }
        try {
            next.handleRequest(exchange);
        } finally {
            // Still incomplete: an async write in progress, or a failure Undertow answers after we return.
            if (exchange.isComplete()) {
                finished();
            } else {
                exchange.addExchangeCompleteListener(completed);
            }
        }
    }

    /** From now on new requests get 503. */
    void begin() {
        draining = true;
    }

    int inFlight() {
        return inFlight.get();
    }

    /**
     * Waits for the requests in flight, up to {@code grace}; call after {@link #begin()}.
     *
     * @return whether every one finished in time
     */
    boolean await(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (this) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        return true;
    }

    private void finished() {
        // A waiter checks the count while holding the lock, so this notification cannot be lost.
        if (inFlight.decrementAndGet() == 0 && draining) {
            synchronized (this) {
                notifyAll();
            }
        }
    }
}
