package io.assetpipe.reliability.harness;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HAProxy running the shipped {@code deploy/haproxy.cfg} unchanged, configured through the
 * environment variables that file documents, in front of three origins.
 */
public final class Haproxy {
    public static final int ORIGINS = 3;

    private final ManagedProcess process;
    private final int port;
    private final int statsPort;

    private Haproxy(ManagedProcess process, int port, int statsPort) {
        this.process = process;
        this.port = port;
        this.statsPort = statsPort;
    }

    public static Haproxy start(ProcessGroup group, List<Origin> origins) {
        if (origins.size() != ORIGINS) {
            throw new IllegalArgumentException("deploy/haproxy.cfg names " + ORIGINS + " origins");
        }
        int port = Suite.freePort();
        int statsPort = Suite.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("HAPROXY_BIND", Suite.LOOPBACK + ":" + port);
        env.put("HAPROXY_STATS_BIND", Suite.LOOPBACK + ":" + statsPort);
        for (int i = 0; i < ORIGINS; i++) {
            env.put("ASSET_ORIGIN_" + (i + 1), origins.get(i).address());
        }
        // -db: stay in the foreground, so SIGKILL from the harness is enough to clean up.
        ManagedProcess process = group.start("haproxy",
                List.of("haproxy", "-db", "-f", Suite.deployFile("haproxy.cfg").toString()), env);
        Haproxy haproxy = new Haproxy(process, port, statsPort);
        haproxy.awaitServers("UP", List.of("origin1", "origin2", "origin3"));
        return haproxy;
    }

    public URI uri(String path) {
        return URI.create("http://" + Suite.LOOPBACK + ":" + port + path);
    }

    public int port() {
        return port;
    }

    public ManagedProcess process() {
        return process;
    }

    /** The stats CSV, one map per proxy/server row keyed by column name ({@code pxname}, {@code svname}, {@code status}, ...). */
    public List<Map<String, String>> stats() {
        try {
            String csv = new String(Http.get(URI.create("http://" + Suite.LOOPBACK + ":" + statsPort + "/stats;csv"))
                    .body(), StandardCharsets.UTF_8);
            List<String> lines = csv.lines().toList();
            String[] columns = lines.get(0).replaceFirst("^# ", "").split(",", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] values = line.split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < columns.length && i < values.length; i++) {
                    row.put(columns[i], values[i]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new AssertionError("HAProxy stats unavailable\n" + process.logTail(), e);
        }
    }

    /** One row of the {@code origins} backend: a server name or {@code BACKEND}. */
    public Map<String, String> row(String svname) {
        return stats().stream()
                .filter(r -> "origins".equals(r.get("pxname")) && svname.equals(r.get("svname")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no stats row for " + svname));
    }

    public long counter(String svname, String column) {
        String value = row(svname).get(column);
        return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
    }

    /** Waits until HAProxy's health checks report every named server with {@code status} (UP or DOWN). */
    public void awaitServers(String status, List<String> servers) {
        Suite.await("HAProxy reports " + servers + " " + status, Duration.ofSeconds(60),
                () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("haproxy exited\n" + process.logTail());
                    }
                    try {
                        return servers.stream().allMatch(s -> row(s).get("status").startsWith(status));
                    } catch (AssertionError notYetListening) {
                        return false;
                    }
                },
                process::logTail);
    }
}
