package io.assetpipe.reliability.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * HAProxy running the shipped {@code deploy/haproxy.cfg}, configured through the environment
 * variables that file documents, in front of any number of origins.
 */
public final class Haproxy {
    private final ManagedProcess process;
    private final int port;
    private final int statsPort;

    private Haproxy(ManagedProcess process, int port, int statsPort) {
        this.process = process;
        this.port = port;
        this.statsPort = statsPort;
    }

    /** The shipped file unchanged. */
    public static Haproxy start(ProcessGroup group, List<Origin> origins) {
        return start(group, origins, UnaryOperator.identity());
    }

    /** The shipped file as {@code edit} changes it (written next to the logs), e.g. without a retry rule. */
    public static Haproxy start(ProcessGroup group, List<Origin> origins, UnaryOperator<String> edit) {
        int port = Suite.freePort();
        int statsPort = Suite.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("HAPROXY_BIND", Suite.LOOPBACK + ":" + port);
        env.put("HAPROXY_STATS_BIND", Suite.LOOPBACK + ":" + statsPort);
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < origins.size(); i++) {
            env.put("ASSET_ORIGIN_" + (i + 1), origins.get(i).address());
            servers.add("origin" + (i + 1));
        }
        Path cfg = Suite.deployFile("haproxy.cfg");
        try {
            String shipped = Files.readString(cfg, StandardCharsets.UTF_8);
            String edited = edit.apply(shipped);
            if (!edited.equals(shipped)) {
                Files.createDirectories(group.logDir());
                cfg = Files.writeString(group.logDir().resolve("haproxy.cfg"), edited, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // -db: stay in the foreground, so SIGKILL from the harness is enough to clean up.
        ManagedProcess process = group.start("haproxy", List.of("haproxy", "-db", "-f", cfg.toString()), env);
        Haproxy haproxy = new Haproxy(process, port, statsPort);
        haproxy.awaitServers("UP", servers);
        return haproxy;
    }

    /** The stats page's address. */
    public URI statsUri(String path) {
        return URI.create("http://" + Suite.LOOPBACK + ":" + statsPort + path);
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
