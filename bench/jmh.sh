#!/usr/bin/env bash
# JMH benchmarks of asset-server's request path (bench/jmh): the handler's in-memory steps
# (HandlerPartsBenchmark) and the whole path through a real Undertow exchange on loopback against a
# baseline Undertow replaying the same response (LoopbackBenchmark).
#
#   bench/jmh.sh [JMH options, e.g. LoopbackBenchmark -p request=small-gzip]
#
# Builds what it needs unless SKIP_BUILD=1; serves bench/ours's assets jar (built by bench/serve.sh
# or here). Pinned to CPU ${JMH_CPU:-0}, like the server in bench/serve.sh.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  install_modules asset-server asset-maven-plugin
  prepare_inputs
  "${MVN[@]}" -f "$BENCH_DIR/ours/pom.xml" package || die "bench/ours failed to build"
  "${MVN[@]}" -f "$BENCH_DIR/jmh/pom.xml" package || die "bench/jmh failed to build"
fi
bundles=("${BUNDLE:-$BENCH_DIR/ours/target/assetpipe-bench-ours-0.1.0-SNAPSHOT-assets.jar}")
[ -f "${bundles[0]}" ] || die "no bundle at ${bundles[0]}"
mkdir -p "$WORK_DIR/jmh"
exec taskset -c "${JMH_CPU:-0}" "$JAVA_HOME/bin/java" -jar "$BENCH_DIR/jmh/target/benchmarks.jar" \
  -jvmArgsAppend "-Dassetpipe.bench.bundle=${bundles[0]}" \
  -rf json -rff "$WORK_DIR/jmh/results.json" "$@"
