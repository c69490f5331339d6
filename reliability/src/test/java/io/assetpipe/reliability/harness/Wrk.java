package io.assetpipe.reliability.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Steady load from wrk (one thread, a few keep-alive connections: the machine is shared). A Lua
 * script cycles through the given requests and counts every status code, so the result says exactly
 * how many answers were not 2xx/304 and how many connection-level errors the client saw.
 */
public final class Wrk {
    /** One request of the mix: a path and its extra header lines ({@code Name: value}). */
    public record Request(String path, Map<String, String> headers) {}

    /**
     * What the client saw: responses by status code, and wrk's socket errors (connect, read, write,
     * timeout) — each a request that got no HTTP answer.
     */
    public record Result(long requests, double seconds, Map<Integer, Long> statuses, long connectErrors,
            long readErrors, long writeErrors, long timeouts, double p99Millis) {

        public long socketErrors() {
            return connectErrors + readErrors + writeErrors + timeouts;
        }

        /** Responses other than 2xx and 304. */
        public long badResponses() {
            return statuses.entrySet().stream()
                    .filter(e -> !(e.getKey() / 100 == 2 || e.getKey() == 304))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }

        public double requestsPerSecond() {
            return requests / seconds;
        }

        @Override
        public String toString() {
            return String.format("%d requests in %.1f s (%.0f req/s, p99 %.1f ms), statuses %s, socket errors: "
                            + "connect %d, read %d, write %d, timeout %d",
                    requests, seconds, requestsPerSecond(), p99Millis, statuses, connectErrors, readErrors,
                    writeErrors, timeouts);
        }
    }

    private static final Pattern RESULT = Pattern.compile(
            "RESULT requests=(\\d+) micros=(\\d+) connect=(\\d+) read=(\\d+) write=(\\d+) status=(\\d+) timeout=(\\d+) p99us=(\\d+)");
    private static final Pattern STATUS = Pattern.compile("STATUS (\\d+) (\\d+)");

    private final ManagedProcess process;

    private Wrk(ManagedProcess process) {
        this.process = process;
    }

    /**
     * Starts wrk against {@code base} for at most {@code maxDuration}; {@link #stop()} ends it earlier.
     */
    public static Wrk start(ProcessGroup group, String name, URI base, List<Request> mix, int connections,
            Duration maxDuration) {
        Path script = group.logDir().resolve(name + ".lua");
        try {
            Files.createDirectories(script.getParent());
            Files.writeString(script, script(mix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of("wrk", "-t1", "-c" + connections, "-d" + maxDuration.toSeconds() + "s",
                // A request slower than 10 s counts as an error, but the machine being busy should not.
                "--timeout", "10s", "--latency", "-s", script.toString(), base.toString());
        return new Wrk(group.start(name, command, Map.of()));
    }

    /** Runs wrk for {@code duration} and returns what it saw. */
    public static Result run(ProcessGroup group, String name, URI base, List<Request> mix, int connections,
            Duration duration) {
        Wrk wrk = start(group, name, base, mix, connections, duration);
        return wrk.awaitResult(duration.plusSeconds(30));
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** SIGINT: wrk stops and prints its summary. */
    public Result stop() {
        if (!process.isAlive()) {
            throw new AssertionError("wrk ended before the scenario did: raise its maximum duration\n"
                    + process.logTail());
        }
        process.signal("INT");
        return awaitResult(Duration.ofSeconds(30));
    }

    private Result awaitResult(Duration timeout) {
        process.awaitExit(timeout);
        String output = process.log();
        Matcher m = RESULT.matcher(output);
        if (!m.find()) {
            throw new AssertionError("no result from wrk\n" + process.logTail());
        }
        Map<Integer, Long> statuses = new TreeMap<>();
        Matcher s = STATUS.matcher(output);
        while (s.find()) {
            statuses.merge(Integer.parseInt(s.group(1)), Long.parseLong(s.group(2)), Long::sum);
        }
        return new Result(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) / 1e6, statuses,
                Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), Long.parseLong(m.group(5)),
                Long.parseLong(m.group(7)), Long.parseLong(m.group(8)) / 1e3);
    }

    private static String script(List<Request> mix) {
        StringBuilder lua = new StringBuilder();
        lua.append("-- generated by the reliability suite\n");
        lua.append("local threads = {}\n");
        lua.append("function setup(thread) table.insert(threads, thread) end\n");
        lua.append("function init(args)\n  statuses = {}\n  n = 0\n  reqs = {\n");
        for (Request r : mix) {
            StringBuilder headers = new StringBuilder("{");
            r.headers().forEach((k, v) -> headers.append('[').append(lua(k)).append("]=").append(lua(v)).append(','));
            headers.append('}');
            lua.append("    wrk.format(\"GET\", ").append(lua(r.path())).append(", ").append(headers).append("),\n");
        }
        lua.append("  }\nend\n");
        lua.append("function request()\n  n = n % #reqs + 1\n  return reqs[n]\nend\n");
        lua.append("function response(status, headers, body)\n  statuses[status] = (statuses[status] or 0) + 1\nend\n");
        lua.append("""
                function done(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format("RESULT requests=%d micros=%d connect=%d read=%d write=%d status=%d timeout=%d p99us=%d\\n",
                    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
                    latency:percentile(99)))
                  for _, t in ipairs(threads) do
                    for code, count in pairs(t:get("statuses")) do
                      io.write(string.format("STATUS %d %d\\n", code, count))
                    end
                  end
                end
                """);
        return lua.toString();
    }

    private static String lua(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
