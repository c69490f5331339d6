package io.assetpipe.reliability;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.assetpipe.reliability.bundle.Release;
import io.assetpipe.reliability.bundle.ReleaseBuilder;
import io.assetpipe.reliability.harness.Haproxy;
import io.assetpipe.reliability.harness.Origin;
import io.assetpipe.reliability.harness.ProcessGroup;
import io.assetpipe.reliability.harness.Report;
import io.assetpipe.reliability.harness.Suite;
import io.assetpipe.reliability.harness.Wrk;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of one instance under load: requests in flight on it and requests sent to it before the
 * health check notices are retried by HAProxy on another instance ({@code retries},
 * {@code option redispatch}, {@code retry-on}); the client sees none of it.
 */
class CrashIT {
    private static final String SECTION = "2 Crash (kill -9)";
    private static final ProcessGroup processes = new ProcessGroup("crash");
    private static Release v1;
    private static List<Origin> origins;
    private static Haproxy haproxy;

    @BeforeAll
    static void start() {
        v1 = ReleaseBuilder.v1(Suite.freshDir("crash"));
        origins = Origin.startAll(processes, "origin", 3, List.of(v1.jar()), 5);
        haproxy = Haproxy.start(processes, origins);
    }

    @AfterAll
    static void stop() {
        processes.close();
    }

    @Test
    void killMinusNineUnderLoadIsInvisibleToClients() throws Exception {
        Wrk wrk = Wrk.start(processes, "wrk", haproxy.uri("/"), Traffic.browserMix(v1, origins.get(0).uri("/")),
                8, Duration.ofSeconds(120));
        Suite.sleep(Duration.ofSeconds(3));
        Origin victim = origins.get(1);
        long start = System.nanoTime();
        victim.process().kill();
        haproxy.awaitServers("DOWN", List.of("origin2"));
        long down = System.nanoTime();
        Suite.sleep(Duration.ofSeconds(2));
        victim.restart();
        haproxy.awaitServers("UP", List.of("origin2"));
        long up = System.nanoTime();
        Suite.sleep(Duration.ofSeconds(1));
        Wrk.Result result = wrk.stop();

        long retries = haproxy.counter("BACKEND", "wretr");
        long redispatches = haproxy.counter("BACKEND", "wredis");
        Report.figure(SECTION, "kill -9 of 1 of 3 instances under wrk -t1 -c8; HAProxy marked it DOWN after "
                + (down - start) / 1_000_000 + " ms; restarted and back in rotation after "
                + (up - start) / 1_000_000 + " ms");
        Report.figure(SECTION, "client: " + result);
        Report.figure(SECTION, "requests that failed at the client: " + (result.badResponses() + result.socketErrors())
                + "; HAProxy retried " + retries + " and redispatched " + redispatches
                + " (connection errors to origin2: " + haproxy.counter("origin2", "econ")
                + ", response errors: " + haproxy.counter("origin2", "eresp") + ")");
        assertAll(
                () -> assertTrue(result.requests() > 0, "no load was generated"),
                () -> assertEquals(0, result.badResponses(), "responses other than 2xx/304: " + result),
                () -> assertEquals(0, result.socketErrors(), "connection errors at the client: " + result));
    }
}
