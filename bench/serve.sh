#!/usr/bin/env bash
# Serving benchmark: assetpipe's standalone server against nginx, side by side, on loopback.
#
#   bench/serve.sh            build what is needed, measure everything, print the tables
#
# Both servers serve the same bytes: the assets jar that asset:package builds from the real inputs
# (bench/ours); asset-server reads the jar, nginx serves its unpacked META-INF/assets/ with
# gzip_static. Each server is pinned to CPU $SERVER_CPU, wrk to CPU $CLIENT_CPU, 64 keep-alive
# connections. Everything the script starts is stopped on exit (trap).
#
# Settings (environment): DURATION (s per run, 10), WARMUP (s per case and server, 20, as wrk runs of ~5 s: the JIT shares the server's one core), ROUNDS (3; the median is shown),
# CONNECTIONS (64), SERVER_CPU (0), CLIENT_CPU (1), NGINX_PORT (18080), OURS_PORT (18081),
# SERVER_JAVA_OPTS (JVM options for asset-server, none), STARTUP_RUNS (5), STARTUP_AOT (1: the
# start-up rows again with a JDK 25 AOT cache from a training run, and once more with the runtime
# image docs/server.md recommends: a jlink runtime, its own AOT cache and the JIT setting; 0: not),
# PROFILE=1 (JFR on asset-server during the load tests; hot methods in bench/target/serve/),
# SKIP_BUILD=1 (reuse jars already built), SKIP_STARTUP=1, SKIP_LOAD=1, BUNDLE (serve this assets jar
# instead of bench/ours's), SERVER_QUOTA (percent of one CPU, e.g. 40: both servers capped with a
# cgroup during the measured rounds (not the warm-up, which the JIT needs), so that the server and
# not wrk's core is the limit and requests/s compares CPU per response; needs root; p99 then shows
# the throttling, not the server).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$BENCH_DIR/lib/serving.sh"

DURATION=${DURATION:-10}
WARMUP=${WARMUP:-20}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-64}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
NGINX_PORT=${NGINX_PORT:-18080}
OURS_PORT=${OURS_PORT:-18081}
STARTUP_RUNS=${STARTUP_RUNS:-5}
STARTUP_AOT=${STARTUP_AOT:-1}
read -r -a SERVER_JAVA_OPTS <<<"${SERVER_JAVA_OPTS:-}"
PROFILE=${PROFILE:-0}

OUT="$WORK_DIR/serve"
BUILT_SERVER_JAR="$ROOT_DIR/asset-server/target/asset-server-0.1.0-SNAPSHOT-standalone.jar"
# A copy, so a rebuild of asset-server/target during a run cannot change the server under test.
SERVER_JAR=${SERVER_JAR:-$WORK_DIR/asset-server-standalone.jar}
BENCH_JAR="$BENCH_DIR/jmh/target/benchmarks.jar"
RESULTS="$OUT/results.tsv"

need nginx wrk taskset curl python3 unzip sha256sum

# --- process bookkeeping: everything started here is stopped on exit ------------------------------
STARTED=()
stop_all() {
  local pid
  for pid in "${STARTED[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  STARTED=()
  uncap_cpu # SERVER_QUOTA's cgroup, empty once its servers are stopped
}
trap stop_all EXIT
trap 'exit 130' INT TERM

stop_one() { # stop_one PID: TERM, wait, forget
  local pid=$1 kept=() p
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${STARTED[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  STARTED=("${kept[@]+"${kept[@]}"}")
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

rss_kib() { # rss_kib PID FIELD: VmRSS or VmHWM of PID and its children (nginx's workers), in KiB
  local total=0 p v
  for p in "$1" $(pgrep -P "$1" || true); do
    v=$(awk -v f="$2:" '$1 == f {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

# --- build --------------------------------------------------------------------------------------
build() {
  install_modules asset-server asset-maven-plugin
  [ -f "$BUILT_SERVER_JAR" ] || die "$BUILT_SERVER_JAR was not built by asset-server's package phase"
  cp "$BUILT_SERVER_JAR" "$SERVER_JAR"
  prepare_inputs
  log "building the benchmark bundle (bench/ours: asset:build + asset:package)"
  "${MVN[@]}" -f "$BENCH_DIR/ours/pom.xml" clean package || die "bench/ours failed to build"
  if [ -d "$ROOT_DIR/example-app/src/main/assets" ]; then
    log "building example-app (its assets jar is the 'example bundle' of the start-up table)"
    (cd "$ROOT_DIR" && "${MVN[@]}" package -pl example-app -DskipTests) >"$OUT/example-app-build.log" 2>&1 \
      || log "warning: example-app did not build (see $OUT/example-app-build.log); its row is left out"
  fi
  log "building bench/jmh (SyntheticBundle)"
  "${MVN[@]}" -f "$BENCH_DIR/jmh/pom.xml" package || die "bench/jmh failed to build"
}

bundle_jar() {
  if [ -n "${BUNDLE:-}" ]; then echo "$BUNDLE"; return; fi
  local jars=("$BENCH_DIR"/ours/target/*-assets.jar)
  [ -f "${jars[0]}" ] || die "no assets jar in bench/ours/target (run without SKIP_BUILD=1)"
  echo "${jars[0]}"
}

# --- servers --------------------------------------------------------------------------------------
start_nginx() { # start_nginx DOCROOT: nginx-light configured as a static origin should be (lib/serving.sh)
  local docroot=$1 conf="$OUT/nginx/nginx.conf"
  mkdir -p "$OUT/nginx"
  write_nginx_conf "$conf" "$docroot" "$NGINX_PORT" "$OUT/nginx"
  taskset -c "$SERVER_CPU" nginx -e stderr -p "$OUT/nginx" -c "$conf" -g 'daemon off; master_process on;' \
    >"$OUT/nginx.log" 2>&1 &
  NGINX_PID=$!
  STARTED+=("$NGINX_PID")
}

SERVER_JAVA="$JAVA_HOME/bin/java" # the start-up rows switch it to the jlink runtime for the image rows

start_ours() { # start_ours BUNDLE [JVM option...]: the standalone asset-server
  local bundle=$1
  shift
  taskset -c "$SERVER_CPU" "$SERVER_JAVA" "${SERVER_JAVA_OPTS[@]+"${SERVER_JAVA_OPTS[@]}"}" "$@" \
    -jar "$SERVER_JAR" --bundle "$bundle" --host 127.0.0.1 --port "$OURS_PORT" --prefix /assets \
    >"$OUT/ours.log" 2>&1 &
  OURS_PID=$!
  STARTED+=("$OURS_PID")
}

# --- load -----------------------------------------------------------------------------------------
# run_wrk SECONDS URL PID HEADER... : prints the RESULT fields of lib/report.lua, how idle the
# server's and wrk's CPUs were during the run (whichever is near 0 % is the bottleneck), and the
# CPU the server process PID spent per response (µs, user and system)
run_wrk() {
  local seconds=$1 url=$2 pid=$3 args=() h result server_before client_before ticks_before
  shift 3
  for h in "$@"; do args+=(-H "$h"); done
  server_before=$(cpu_ticks "$SERVER_CPU")
  client_before=$(cpu_ticks "$CLIENT_CPU")
  ticks_before=$(process_ticks "$pid")
  result=$(taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" --timeout 5s \
    -s "$BENCH_DIR/lib/report.lua" "${args[@]+"${args[@]}"}" "$url" | awk '/^RESULT/ {$1=""; print substr($0, 2)}')
  [ -n "$result" ] || return 0
  echo "$result $(idle_percent "$server_before" "$(cpu_ticks "$SERVER_CPU")")" \
    "$(idle_percent "$client_before" "$(cpu_ticks "$CLIENT_CPU")")" \
    "$(cpu_us_per_response "$ticks_before" "$(process_ticks "$pid")" "${result%% *}")"
}

port_of() { # port_of SERVER: nginx's or asset-server's port
  [ "$1" = nginx ] && echo "$NGINX_PORT" || echo "$OURS_PORT"
}
pid_of() { # pid_of SERVER: nginx's master or asset-server's JVM
  [ "$1" = nginx ] && echo "$NGINX_PID" || echo "$OURS_PID"
}

# run_case SECONDS CASE SERVER: run_wrk on one server's URL for a case, with the case's headers
# (called from load_tests, whose gz and CASE_HEADERS it reads)
run_case() {
  local seconds=$1 name=$2 server=$3 hdrs=()
  [ "$name" = revalidate-304 ] && hdrs+=("$gz")
  [ -n "${CASE_HEADERS[$name.$server]}" ] && hdrs+=("${CASE_HEADERS[$name.$server]}")
  run_wrk "$seconds" "http://127.0.0.1:$(port_of "$server")${CASE_PATH[$name]}" "$(pid_of "$server")" \
    "${hdrs[@]+"${hdrs[@]}"}"
}

# check_same CASE HEADER... : both servers answer the case with the same status and body
check_same() {
  local name=$1 path=${CASE_PATH[$1]} server port args=() h
  shift
  for h in "$@"; do args+=(-H "$h"); done
  for server in nginx ours; do
    port=$(port_of "$server")
    curl -s -D "$OUT/headers/$name.$server.txt" -o "$OUT/headers/$name.$server.body" \
      "${args[@]+"${args[@]}"}" "http://127.0.0.1:$port$path"
  done
  local sn so
  sn=$(head -1 "$OUT/headers/$name.nginx.txt" | awk '{print $2}')
  so=$(head -1 "$OUT/headers/$name.ours.txt" | awk '{print $2}')
  [ "$sn" = "$so" ] || die "case $name: nginx answered $sn, asset-server $so (see $OUT/headers)"
  cmp -s "$OUT/headers/$name.nginx.body" "$OUT/headers/$name.ours.body" \
    || die "case $name: the two servers sent different bodies (see $OUT/headers)"
  log "case $name: both answer $sn with the same $(wc -c <"$OUT/headers/$name.ours.body")-byte body"
}

load_tests() {
  local jar=$1 docroot="$OUT/docroot"
  unpack_docroot "$jar" "$docroot"   # keeps the jar's fixed timestamps

  declare -gA CASE_PATH=(
    [small-gzip]="/assets/$(fingerprinted_path "$jar" js/app.js)"
    [medium-gzip]="/assets/$(fingerprinted_path "$jar" js/jquery.js)"
    [css-identity]="/assets/$(fingerprinted_path "$jar" css/site.css)"
    [revalidate-304]="/assets/$(fingerprinted_path "$jar" js/app.js)"
  )
  port_free "$NGINX_PORT" || die "port $NGINX_PORT is taken (set NGINX_PORT)"
  port_free "$OURS_PORT" || die "port $OURS_PORT is taken (set OURS_PORT)"
  start_nginx "$docroot"
  local profile=()
  [ "$PROFILE" = 1 ] && profile=("-XX:StartFlightRecording=filename=$OUT/ours.jfr,settings=profile,dumponexit=true")
  start_ours "$jar" "${profile[@]+"${profile[@]}"}"
  wait_200 "http://127.0.0.1:$NGINX_PORT${CASE_PATH[small-gzip]}" "$NGINX_PID"
  wait_200 "http://127.0.0.1:$OURS_PORT${CASE_PATH[small-gzip]}" "$OURS_PID"
  sleep 1
  if [ -n "$SERVER_QUOTA" ]; then
    cpu_group "$NGINX_PID" "$OURS_PID"
    log "both servers in $CPU_GROUP: capped at $SERVER_QUOTA % of CPU $SERVER_CPU in the measured rounds"
  fi
  echo -e "nginx\t$(rss_kib "$NGINX_PID" VmRSS)\tafter start" >"$OUT/rss.tsv"
  echo -e "ours\t$(rss_kib "$OURS_PID" VmRSS)\tafter start" >>"$OUT/rss.tsv"

  mkdir -p "$OUT/headers"
  local gz='Accept-Encoding: gzip'
  check_same small-gzip "$gz"
  check_same medium-gzip "$gz"
  check_same css-identity
  local revalidate_nginx revalidate_ours
  revalidate_nginx=$(revalidation_header "$NGINX_PORT" "${CASE_PATH[revalidate-304]}" nginx)
  revalidate_ours=$(revalidation_header "$OURS_PORT" "${CASE_PATH[revalidate-304]}" asset-server)
  declare -gA CASE_HEADERS=(
    [small-gzip.nginx]="$gz" [small-gzip.ours]="$gz"
    [medium-gzip.nginx]="$gz" [medium-gzip.ours]="$gz"
    [css-identity.nginx]="" [css-identity.ours]=""
    [revalidate-304.nginx]="$revalidate_nginx" [revalidate-304.ours]="$revalidate_ours"
  )
  log "case revalidate-304: both answer 304 to their own ETag"

  local cases=(small-gzip medium-gzip css-identity revalidate-304) name server round line order
  : >"$RESULTS"
  for name in "${cases[@]}"; do
    # The warm-up is runs of ~5 s that alternate between the servers as the measured rounds do,
    # so each server has reconnected and sat idle (while the other ran) before it is measured.
    # HotSpot compiles the IO loop with the profiles it has seen: after a warm-up that never
    # closed a connection, or never left the server idle, the first measured round hits uncommon
    # traps there (handleEventWithNoRunningRequest, NioSocketConduit.read, SocketChannelImpl.read:
    # -XX:+PrintCompilation), deoptimises and recompiles it, and its p99 showed it (2026-12-03,
    # server alone, 4 runs of 5 s then 10 s pauses before each 10 s round, all requests a 404:
    # p99 3.19 / 1.20 / 1.95 ms after back-to-back warm-up runs, 1.01 / 1.28 / 1.36 ms with 5 s
    # pauses between them, and no trap in any round).
    # 20 s in all: a fresh server's consecutive 5 s runs gave 55.7k / 106k / 132k / 122k
    # requests/s at this machine's speed, its user CPU falling from 244 to 93 ticks a run as the
    # JIT finished.
    local runs=$(( (WARMUP + 4) / 5 )) each=5 run
    [ "$runs" -gt 0 ] && each=$(( WARMUP / runs ))
    log "warm-up $name (${WARMUP}s per server, in $runs runs of ${each}s, alternating)"
    for run in $(seq 1 "$runs"); do
      for server in nginx ours; do
        run_case "$each" "$name" "$server" >/dev/null
      done
    done
    [ -z "$SERVER_QUOTA" ] || cap_cpu "$SERVER_QUOTA"
    for round in $(seq 1 "$ROUNDS"); do
      # Even rounds run asset-server first, so neither server always follows the other.
      order=(nginx ours)
      [ $((round % 2)) = 1 ] || order=(ours nginx)
      for server in "${order[@]}"; do
        line=$(run_case "$DURATION" "$name" "$server")
        [ -n "$line" ] || die "wrk printed no result for $name on $server"
        log "$name $server round $round: $line"
        printf '%s\t%s\t%s\t%s\n' "$name" "$server" "$round" "${line// /$'\t'}" >>"$RESULTS"
      done
    done
    [ -z "$SERVER_QUOTA" ] || cap_cpu off
  done
  echo -e "nginx\t$(rss_kib "$NGINX_PID" VmRSS)\tafter load" >>"$OUT/rss.tsv"
  echo -e "ours\t$(rss_kib "$OURS_PID" VmRSS)\tafter load" >>"$OUT/rss.tsv"
  echo -e "nginx\t$(rss_kib "$NGINX_PID" VmHWM)\tpeak" >>"$OUT/rss.tsv"
  echo -e "ours\t$(rss_kib "$OURS_PID" VmHWM)\tpeak" >>"$OUT/rss.tsv"
  stop_one "$OURS_PID"
  stop_one "$NGINX_PID"
  if [ "$PROFILE" = 1 ]; then
    "$JAVA_HOME/bin/jfr" view --width 180 hot-methods "$OUT/ours.jfr" >"$OUT/ours-hot-methods.txt" 2>&1 || true
    "$JAVA_HOME/bin/jfr" view --width 180 allocation-by-site "$OUT/ours.jfr" >"$OUT/ours-allocations.txt" 2>&1 || true
    log "JFR: $OUT/ours.jfr, $OUT/ours-hot-methods.txt, $OUT/ours-allocations.txt"
  fi
}

print_load_table() {
  python3 - "$RESULTS" <<'EOF'
import csv, statistics, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter="\t"))
cases = []
by = {}
for case, server, _round, requests, rps, p50, p99, http_errors, socket_errors, _bytes, server_idle, client_idle, user_us, system_us in rows:
    if case not in cases:
        cases.append(case)
    by.setdefault((case, server), []).append(
        (float(rps), float(p50), float(p99), float(server_idle), float(client_idle),
         float(user_us), float(system_us), int(http_errors) + int(socket_errors)))
print("| case | server | req/s (median) | p50 ms | p99 ms | errors | req/s ratio to nginx | p99 ratio to nginx | server CPU idle | wrk CPU idle | server CPU µs per response (user + system) |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for case in cases:
    med = {}
    for server in ("nginx", "ours"):
        runs = by[(case, server)]
        med[server] = [statistics.median(r[i] for r in runs) for i in range(7)] + [sum(r[7] for r in runs)]
    for server in ("nginx", "ours"):
        rps, p50, p99, server_idle, client_idle, user_us, system_us, errors = med[server]
        name = "nginx" if server == "nginx" else "asset-server"
        ratio = rps / med["nginx"][0]
        p99_ratio = p99 / med["nginx"][2]
        print(f"| {case} | {name} | {rps:,.0f} | {p50/1000:.2f} | {p99/1000:.2f} | {errors} | "
              f"{ratio:.2f} | {p99_ratio:.2f} | {server_idle:.0f} % | {client_idle:.0f} % | "
              f"{user_us + system_us:.2f} ({user_us:.2f} + {system_us:.2f}) |")
# The machine's speed can drift between rounds; each round ran both servers back to back.
print()
print("Per round, asset-server / nginx (req/s; p99):")
print()
for case in cases:
    pairs = zip(by[(case, "ours")], by[(case, "nginx")])
    print(f"- {case}: " + ", ".join(f"{o[0] / n[0]:.2f}; {o[2] / n[2]:.2f}" for o, n in pairs))
EOF
  echo
  echo "| process | RSS MiB | when |"
  echo "|---|---:|---|"
  awk -F'\t' '{printf "| %s | %.1f | %s |\n", ($1 == "ours" ? "asset-server" : "nginx (master + worker)"), $2/1024, $3}' "$OUT/rss.tsv"
}

# --- start-up and memory by bundle size ------------------------------------------------------------
# startup_rows LABEL_SUFFIX [JVM option...]: STARTUP_RUNS start-ups per bundle of startup_tests
startup_rows() {
  local suffix=$1 jar probe i
  shift
  for i in "${!bundles[@]}"; do
    jar=${bundles[$i]}
    probe="/assets/$(fingerprinted_path "$jar" "")"
    log "start-up: ${labels[$i]}$suffix ($(du -h "$jar" | cut -f1)), $STARTUP_RUNS runs"
    python3 "$BENCH_DIR/lib/startup.py" --port "$OURS_PORT" --path "$probe" --runs "$STARTUP_RUNS" \
      --log "$OUT/startup.log" -- \
      taskset -c "$SERVER_CPU" "$SERVER_JAVA" "${SERVER_JAVA_OPTS[@]+"${SERVER_JAVA_OPTS[@]}"}" "$@" \
      -jar "$SERVER_JAR" --bundle "$jar" --host 127.0.0.1 --port "$OURS_PORT" --prefix /assets \
      | sed "s|^{|{\"bundle\": \"${labels[$i]}$suffix\", \"bytes\": $(stat -c %s "$jar"), |" >>"$OUT/startup.jsonl"
  done
}

# train_aot_cache BUNDLE PROBE AOT: one training run with JDK 25's -XX:AOTCacheOutput, as an image
# build does it (docs/server.md, "Start-up"): start, serve PROBE in each encoding, SIGTERM; the JVM
# writes the cache as it exits. The cache belongs to this JDK and this server jar, not to the bundle.
train_aot_cache() {
  local bundle=$1 probe=$2 aot=$3 encoding
  rm -f "$aot"
  start_ours "$bundle" "-XX:AOTCacheOutput=$aot"
  wait_200 "http://127.0.0.1:$OURS_PORT$probe" "$OURS_PID"
  for encoding in br gzip zstd identity; do
    curl -s -o /dev/null -H "Accept-Encoding: $encoding" "http://127.0.0.1:$OURS_PORT$probe"
  done
  stop_one "$OURS_PID"
  [ -f "$aot" ] || die "the training run wrote no AOT cache (JDK 25+ needed); see $OUT/ours.log"
}

startup_tests() {
  local bundles=() labels=() jar probe label i
  bundles+=("$(bundle_jar)"); labels+=("bench bundle (bench/ours)")
  local example=("$ROOT_DIR"/example-app/target/*-assets.jar)
  if [ -f "${example[0]}" ]; then bundles+=("${example[0]}"); labels+=("example-app bundle"); fi
  mkdir -p "$WORK_DIR/bundles"
  for size in 10 100; do
    jar="$WORK_DIR/bundles/synthetic-${size}mb.jar"
    [ -f "$jar" ] || "$JAVA_HOME/bin/java" -cp "$BENCH_JAR" io.assetpipe.bench.SyntheticBundle "$jar" "$size" >&2
    bundles+=("$jar"); labels+=("synthetic ${size} MB")
  done
  port_free "$OURS_PORT" || die "port $OURS_PORT is taken (set OURS_PORT)"
  : >"$OUT/startup.jsonl"
  startup_rows ""
  if [ "$STARTUP_AOT" = 1 ]; then
    local aot="$OUT/asset-server.aot"
    log "start-up: training an AOT cache on ${labels[0]} (-XX:AOTCacheOutput, as an image build would)"
    train_aot_cache "${bundles[0]}" "/assets/$(fingerprinted_path "${bundles[0]}" "")" "$aot"
    startup_rows ", AOT cache" "-XX:AOTCache=$aot"
    # The runtime image docs/server.md recommends: jlink without java.management, an AOT cache
    # trained with that runtime, and JIT thresholds raised tenfold (the same flags as its Dockerfile).
    local runtime="$WORK_DIR/jre-$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$JAVA_HOME/release")"
    if [ ! -x "$runtime/bin/java" ]; then
      log "start-up: jlink runtime image $runtime"
      "$JAVA_HOME/bin/jlink" --add-modules java.base,java.logging,java.security.sasl,jdk.unsupported,jdk.jfr \
        --strip-debug --no-header-files --no-man-pages --generate-cds-archive --output "$runtime" >&2
    fi
    SERVER_JAVA="$runtime/bin/java"
    local image_aot="$OUT/asset-server-jlink.aot"
    log "start-up: training an AOT cache with the jlink runtime"
    train_aot_cache "${bundles[0]}" "/assets/$(fingerprinted_path "${bundles[0]}" "")" "$image_aot"
    startup_rows ", image (jlink + AOT + JIT setting)" "-XX:AOTCache=$image_aot" "-XX:CompileThresholdScaling=10"
    SERVER_JAVA="$JAVA_HOME/bin/java"
  fi
  # Memory under load: the example bundle (or the bench bundle without it) and the largest one,
  # 10 s of gzip requests for one of its files each.
  local under_load=(1) before after peak
  [ "${labels[1]}" = "example-app bundle" ] || under_load=(0)
  under_load+=($((${#bundles[@]} - 1)))
  : >"$OUT/rss-load.tsv"
  for i in "${under_load[@]}"; do
    jar=${bundles[$i]}
    probe="/assets/$(fingerprinted_path "$jar" "")"
    start_ours "$jar"
    wait_200 "http://127.0.0.1:$OURS_PORT$probe" "$OURS_PID"
    before=$(rss_kib "$OURS_PID" VmRSS)
    run_wrk "$DURATION" "http://127.0.0.1:$OURS_PORT$probe" "$OURS_PID" "Accept-Encoding: gzip" >/dev/null
    after=$(rss_kib "$OURS_PID" VmRSS)
    peak=$(rss_kib "$OURS_PID" VmHWM)
    stop_one "$OURS_PID"
    echo -e "${labels[$i]}\t$before\t$after\t$peak" >>"$OUT/rss-load.tsv"
  done
}

print_startup_table() {
  python3 - "$OUT/startup.jsonl" <<'EOF'
import json, statistics, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
print("| bundle | jar MB | start → first 200, ms (median, min–max of %d) | CPU ms by then (median) | RSS at first 200 MiB | RSS settled MiB |"
      % max(1, sum(1 for r in runs if r["bundle"] == runs[0]["bundle"])))
print("|---|---:|---:|---:|---:|---:|")
for bundle in dict.fromkeys(r["bundle"] for r in runs):
    rs = [r for r in runs if r["bundle"] == bundle]
    ms = [r["first_200_ms"] for r in rs]
    print(f"| {bundle} | {rs[0]['bytes']/1048576:.1f} | {statistics.median(ms):.0f} ({min(ms):.0f}–{max(ms):.0f}) | "
          f"{statistics.median(r['cpu_ms_at_first_200'] for r in rs):.0f} | "
          f"{statistics.median(r['rss_kib_at_first_200'] for r in rs)/1024:.1f} | "
          f"{statistics.median(r['rss_kib_settled'] for r in rs)/1024:.1f} |")
EOF
  echo
  echo "| bundle | RSS before load MiB | RSS after ${DURATION} s of gzip requests MiB | peak (VmHWM) MiB |"
  echo "|---|---:|---:|---:|"
  awk -F'\t' '{printf "| %s | %.1f | %.1f | %.1f |\n", $1, $2/1024, $3/1024, $4/1024}' "$OUT/rss-load.tsv"
}

# --- main -------------------------------------------------------------------------------------------
mkdir -p "$OUT"
[ "${SKIP_BUILD:-0}" = 1 ] || build
# With SKIP_BUILD=1 too: the copy under test is the server jar asset-server last built, never an older copy.
if [ "$SERVER_JAR" = "$WORK_DIR/asset-server-standalone.jar" ] && [ "$BUILT_SERVER_JAR" -nt "$SERVER_JAR" ]; then
  cp "$BUILT_SERVER_JAR" "$SERVER_JAR"
fi
JAR=$(bundle_jar)
log "bundle: $JAR; server: $SERVER_JAR; JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
log "nginx: $(nginx -v 2>&1); wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); TCP: $(tcp_stack)"
[ "${SKIP_STARTUP:-0}" = 1 ] || startup_tests
[ "${SKIP_LOAD:-0}" = 1 ] || load_tests "$JAR"

echo
echo "## Serving: wrk -t1 -c$CONNECTIONS -d${DURATION}s, median of $ROUNDS rounds after ${WARMUP}s of warm-up, server on CPU $SERVER_CPU${SERVER_QUOTA:+ capped at $SERVER_QUOTA %}, wrk on CPU $CLIENT_CPU; $(tcp_stack)"
echo
[ "${SKIP_LOAD:-0}" = 1 ] || print_load_table
echo
[ "${SKIP_STARTUP:-0}" = 1 ] || { echo "## Start-up and memory"; echo; print_startup_table; }
