package io.assetpipe.server;

import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Graceful shutdown for the standalone server: counts the requests in flight, answers new ones 503
 * (and closes their connections) once the drain has begun, and lets {@link #await} wait for the
 * others to finish.
 *
 * <p>A request is in flight until its response is complete or its connection is closed. Nearly
 * every asset response is written before {@code handleRequest} returns, so the count goes back
 * down right there, without the exchange-completion listener Undertow's
 * {@code GracefulShutdownHandler} registers on every request (measurable on a request path this
 * short). Only a response still being written (a large body to a slow reader) is kept in
 * {@link #pending} until it ends.
 *
 * <p>Why not count on Undertow's exchange completion alone: an exchange completes when both its
 * response and its request are done, and a request that announced a body and then half-closed
 * its connection never is; each such request stayed counted forever and made every later drain
 * wait out its whole grace period. So a pending exchange also ends when its response is complete
 * or its connection is closed (the write timeout closes a stalled one), checked whenever another
 * exchange becomes pending and while awaiting.
 */
final class Drain implements HttpHandler {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final HttpHandler next;
    /** Requests inside {@link #handleRequest}. */
    private final AtomicInteger active = new AtomicInteger();
    /** Responses still being written after {@link #handleRequest} returned. */
    private final Set<HttpServerExchange> pending = ConcurrentHashMap.newKeySet();
    private final ExchangeCompletionListener completed = (exchange, nextListener) -> {
        if (pending.remove(exchange)) {
            wakeIfIdle();
        }
        nextListener.proceed();
    };
    private volatile boolean draining;

    Drain(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        // Counted before the check: a request that finds the drain not begun is always awaited.
        active.incrementAndGet();
        if (draining) {
            left();
            StrictRequests.refuse(exchange, StatusCodes.SERVICE_UNAVAILABLE);
            return;
        }
        try {
            next.handleRequest(exchange);
        } finally {
            if (!exchange.isResponseComplete()) {
                pending.removeIf(Drain::ended);
                pending.add(exchange); // before left(): the request is never uncounted in between
                exchange.addExchangeCompleteListener(completed);
            }
            left();
        }
    }

    /** From now on new requests get 503. */
    void begin() {
        draining = true;
    }

    int inFlight() {
        pending.removeIf(Drain::ended);
        return active.get() + pending.size();
    }

    /**
     * Waits for the requests in flight, up to {@code grace}; call after {@link #begin()}.
     *
     * @return whether every one finished in time
     */
    boolean await(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (this) {
            while (inFlight() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // Woken when the count reaches 0; the poll sees responses that ended without telling.
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, POLL_NANOS));
            }
        }
        return true;
    }

    private static boolean ended(HttpServerExchange exchange) {
        return exchange.isResponseComplete() || !exchange.getConnection().isOpen();
    }

    private void left() {
        if (active.decrementAndGet() == 0) {
            wakeIfIdle();
        }
    }

    private void wakeIfIdle() {
        // A waiter checks the count while holding the lock, so this notification cannot be lost.
        if (draining && active.get() == 0 && pending.isEmpty()) {
            synchronized (this) {
                notifyAll();
            }
        }
    }
}
