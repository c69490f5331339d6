package io.assetpipe.plugin.fingerprint;

import com.google.common.graph.GraphBuilder;
import com.google.common.graph.MutableGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orders assets so every file is fingerprinted after the files it references: a stylesheet's
 * name depends on the fingerprinted names written into it.
 */
public final class DependencyOrder {
    private DependencyOrder() {}

    /**
     * @param references for each asset, the assets its content names
     * @return every asset, referenced ones first, ties broken by path so the order is reproducible
     * @throws CycleException naming one cycle, e.g. {@code a.css -> b.css -> a.css}
     */
    public static List<String> of(Collection<String> assets, Map<String, Set<String>> references) throws CycleException {
        MutableGraph<String> graph = GraphBuilder.directed().allowsSelfLoops(true).build();
        assets.forEach(graph::addNode);
        references.forEach((from, targets) -> targets.forEach(to -> graph.putEdge(to, from)));

        // Kahn's algorithm over a sorted frontier; Guava gives the graph, not a topological sort.
        Map<String, Integer> inDegree = new HashMap<>();
        graph.nodes().forEach(n -> inDegree.put(n, graph.inDegree(n)));
        TreeSet<String> ready = new TreeSet<>();
        inDegree.forEach((n, d) -> {
            if (d == 0) {
                ready.add(n);
            }
        });
        List<String> order = new ArrayList<>(graph.nodes().size());
        while (!ready.isEmpty()) {
            String next = ready.pollFirst();
            order.add(next);
            for (String user : graph.successors(next)) {
                if (inDegree.merge(user, -1, Integer::sum) == 0) {
                    ready.add(user);
                }
            }
        }
        if (order.size() < graph.nodes().size()) {
            throw new CycleException(findCycle(graph, new TreeSet<>(inDegree.keySet()).stream()
                    .filter(n -> inDegree.get(n) > 0).toList()));
        }
        return order;
    }

    /** One cycle among {@code stuck}, as "a -> b -> a" in reference direction. */
    private static List<String> findCycle(MutableGraph<String> graph, List<String> stuck) {
        Set<String> stuckSet = new HashSet<>(stuck);
        Set<String> done = new HashSet<>();
        for (String start : stuck) {
            Deque<String> path = new ArrayDeque<>();
            List<String> cycle = dfs(graph, start, stuckSet, path, new HashSet<>(), done);
            if (cycle != null) {
                return cycle;
            }
        }
        return stuck;
    }

    private static List<String> dfs(MutableGraph<String> graph, String node, Set<String> stuck, Deque<String> path,
                                    Set<String> onPath, Set<String> done) {
        if (onPath.contains(node)) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (var it = path.descendingIterator(); it.hasNext(); ) {
                String n = it.next();
                in |= n.equals(node);
                if (in) {
                    cycle.add(n);
                }
            }
            cycle.add(node);
            // Edges point from referenced to referencing; reverse so it reads "a references b".
            java.util.Collections.reverse(cycle);
            return cycle;
        }
        if (!done.add(node)) {
            return null;
        }
        path.push(node);
        onPath.add(node);
        for (String next : new TreeSet<>(graph.successors(node))) {
            if (stuck.contains(next)) {
                List<String> cycle = dfs(graph, next, stuck, path, onPath, done);
                if (cycle != null) {
                    return cycle;
                }
            }
        }
        path.pop();
        onPath.remove(node);
        return null;
    }

    public static final class CycleException extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> cycle;

        CycleException(List<String> cycle) {
            super("reference cycle: " + String.join(" -> ", cycle));
            this.cycle = List.copyOf(cycle);
        }

        public List<String> cycle() {
            return cycle;
        }
    }
}
