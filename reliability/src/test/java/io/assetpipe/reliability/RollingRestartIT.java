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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three instances behind HAProxy (health checks on /readyz) under steady load; each instance in turn
 * gets SIGTERM, keeps serving for SHUTDOWN_DELAY while HAProxy takes it out of rotation, drains,
 * exits and is started again. The client must not notice, and not because HAProxy retried the
 * drain's 503s: this run takes 503 out of the shipped file's retry-on.
 */
class RollingRestartIT {
    private static final String SECTION = "1 Rolling restart";
    private static final int SHUTDOWN_GRACE = 5;
    private static final int SHUTDOWN_DELAY = 8;
    private static final String RETRY_ON = "retry-on conn-failure empty-response junk-response 503";
    private static final ProcessGroup processes = new ProcessGroup("rolling-restart");
    private static Release v1;
    private static List<Origin> origins;
    private static Haproxy haproxy;

    @BeforeAll
    static void start() {
        v1 = ReleaseBuilder.v1(Suite.freshDir("rolling-restart"));
        origins = Origin.startAll(processes, "origin", 3, List.of(v1.jar()), SHUTDOWN_GRACE,
                Map.of("SHUTDOWN_DELAY", Integer.toString(SHUTDOWN_DELAY)));
        haproxy = Haproxy.start(processes, origins, cfg -> {
            if (!cfg.contains(RETRY_ON)) {
                throw new AssertionError("deploy/haproxy.cfg no longer has the line: " + RETRY_ON);
            }
            return cfg.replace(RETRY_ON, RETRY_ON.replace(" 503", ""));
        });
    }

    @AfterAll
    static void stop() {
        processes.close();
    }

    @Test
    void sigtermAndRestartOfEveryInstanceUnderLoadFailsNoRequest() throws Exception {
        Wrk wrk = Wrk.start(processes, "wrk", haproxy.uri("/"), Traffic.browserMix(v1, origins.get(0).uri("/")),
                8, Duration.ofSeconds(240));
        Suite.sleep(Duration.ofSeconds(2));
        List<String> cycles = new ArrayList<>();
        for (int i = 0; i < origins.size(); i++) {
            Origin origin = origins.get(i);
            String server = "origin" + (i + 1);
            long start = System.nanoTime();
            origin.process().terminate();
            // Two events in either order: the process exits, HAProxy takes it out of rotation.
            long[] seen = new long[2];
            Suite.await(server + " exited and out of rotation", Duration.ofSeconds(SHUTDOWN_DELAY + SHUTDOWN_GRACE + 30), () -> {
                if (seen[0] == 0 && !origin.process().isAlive()) {
                    seen[0] = System.nanoTime();
                }
                if (seen[1] == 0 && haproxy.row(server).get("status").startsWith("DOWN")) {
                    seen[1] = System.nanoTime();
                }
                return seen[0] != 0 && seen[1] != 0;
            }, origin.process()::logTail);
            long exited = seen[0];
            long down = seen[1];
            int exit = origin.process().awaitExit(Duration.ofSeconds(5));
            assertEquals(0, exit, server + " exit code after SIGTERM\n" + origin.process().logTail());
            origin.restart();
            haproxy.awaitServers("UP", List.of(server));
            long up = System.nanoTime();
            cycles.add(String.format("%s: SIGTERM → exit 0 after %d ms, out of HAProxy's rotation after %d ms, restarted and back in rotation after %d ms",
                    server, ms(exited - start), ms(down - start), ms(up - start)));
        }
        Suite.sleep(Duration.ofSeconds(2));
        Wrk.Result result = wrk.stop();

        Report.figure(SECTION, "3 instances behind HAProxy (deploy/haproxy.cfg without 503 in retry-on), SHUTDOWN_DELAY="
                + SHUTDOWN_DELAY + " s, SHUTDOWN_GRACE=" + SHUTDOWN_GRACE
                + " s, wrk -t1 -c8 over " + Traffic.browserMix(v1, origins.get(0).uri("/")).size()
                + " request kinds (GET, Accept-Encoding, If-None-Match, logical path)");
        cycles.forEach(c -> Report.figure(SECTION, c));
        Report.figure(SECTION, "client: " + result);
        Report.figure(SECTION, "HAProxy retries " + haproxy.counter("BACKEND", "wretr") + ", redispatches "
                + haproxy.counter("BACKEND", "wredis"));
        assertAll(
                () -> assertTrue(result.requests() > 0, "no load was generated"),
                () -> assertEquals(0, result.badResponses(), "responses other than 2xx/304: " + result),
                () -> assertEquals(0, result.socketErrors(), "connection errors at the client: " + result));
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
