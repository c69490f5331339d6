#!/usr/bin/env bash
# Servlet benchmark: assetpipe's AssetServlet in a Spring Boot app on Tomcat against what a Spring
# team uses instead, Spring MVC's resource chain (ResourceHttpRequestHandler with
# VersionResourceResolver and EncodedResourceResolver), serving the same precompressed files.
#
#   bench/servlet.sh          build what is needed, measure, print the table
#
# Both sides are the same Spring Boot 4 jar (bench/spring) with the bench bundle (bench/ours) on its
# classpath, started twice with different properties: "assetpipe" serves /assets/** with
# asset-spring-boot-starter; "spring-chain" moves the starter's servlet out of the way and serves
# /assets/** with spring.web.resources.chain.* (content-hash versions, precompressed .gz/.br files
# laid out under the logical names Spring expects, one year of public caching). Small gzip: the 2 KB
# script with Accept-Encoding: gzip, the bytes checked equal on both. 304: each side revalidated
# with a validator it sent and answers 304 to (assetpipe: its ETag; Spring's chain: its ETag if that
# gets a 304, else its Last-Modified: measured on Spring Boot 4.0.7, its weak ETag on the .gz
# variant got a 200, so the script says so and uses If-Modified-Since). Each server pinned to CPU $SERVER_CPU, wrk to CPU $CLIENT_CPU,
# rounds alternating between the two so that the machine's drift slows both alike.
#
# Settings (environment): ROUNDS (5), DURATION (s per run, 5), WARMUP (s per case and server, 15),
# CONNECTIONS (64), SERVER_CPU (0), CLIENT_CPU (1), OURS_PORT (18281), SPRING_PORT (18282),
# SKIP_BUILD=1 (reuse what is built), SERVER_QUOTA (percent of one CPU, e.g. 40: both servers capped
# with a cgroup during the measured rounds, as in bench/serve.sh, so that requests/s compares CPU
# per response even when other work shares the machine; needs root).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$BENCH_DIR/lib/serving.sh"

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-15}
CONNECTIONS=${CONNECTIONS:-64}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
OURS_PORT=${OURS_PORT:-18281}
SPRING_PORT=${SPRING_PORT:-18282}
OUT="$WORK_DIR/servlet"
APP="$BENCH_DIR/spring/target/bench-spring.jar"
need wrk taskset curl python3 unzip md5sum pgrep

STARTED=()
trap 'for p in "${STARTED[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; uncap_cpu' EXIT
trap 'exit 130' INT TERM

if [ -z "${SKIP_BUILD:-}" ]; then
  install_modules asset-spring-boot-starter asset-maven-plugin
  prepare_inputs
  log "building the benchmark bundle (bench/ours) and the Spring Boot app (bench/spring)"
  "${MVN[@]}" -f "$BENCH_DIR/ours/pom.xml" clean package || die "bench/ours failed to build"
  "${MVN[@]}" -f "$BENCH_DIR/spring/pom.xml" clean package || die "bench/spring failed to build"
fi
jars=("$BENCH_DIR"/ours/target/*-assets.jar)
BUNDLE=${jars[0]}
[ -f "$BUNDLE" ] && [ -f "$APP" ] || die "run without SKIP_BUILD=1 first"
mkdir -p "$OUT"

# Spring's chain hashes at run time, so it gets each asset under its logical name, with the
# bundle's own .gz and .br files beside it (EncodedResourceResolver knows no zstd).
rm -rf "$OUT/static" && mkdir -p "$OUT/static"
unzip -p "$BUNDLE" META-INF/assets/manifest.json | python3 -c '
import json, os, subprocess, sys
bundle, static = sys.argv[1], sys.argv[2]
def copy(entry, target):
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as out:
        out.write(subprocess.run(["unzip", "-p", bundle, "META-INF/assets/" + entry], check=True,
                                 capture_output=True).stdout)
for logical, asset in json.load(sys.stdin)["assets"].items():
    if logical != "js/app.js":
        continue  # the file both cases request
    copy(asset["path"], os.path.join(static, logical))
    for coding, variant in asset.get("encodings", {}).items():
        suffix = {"gzip": ".gz", "br": ".br"}.get(coding)
        if suffix:
            copy(variant["path"], os.path.join(static, logical) + suffix)
' "$BUNDLE" "$OUT/static"

java_app() { # java_app NAME PORT [--property...]: the bench app on the bench bundle, pinned; sets APP_PID
  local name=$1 port=$2
  shift 2
  taskset -c "$SERVER_CPU" "$JAVA_HOME/bin/java" -Dloader.path="$BUNDLE" -jar "$APP" \
    --server.port="$port" --server.address=127.0.0.1 --logging.level.root=warn "$@" >"$OUT/$name.log" 2>&1 &
  APP_PID=$!
  STARTED+=("$APP_PID")
}
java_app assetpipe "$OURS_PORT"
ours_pid=$APP_PID
java_app spring-chain "$SPRING_PORT" --assetpipe.prefix=/unused \
  --spring.mvc.static-path-pattern='/assets/**' --spring.web.resources.static-locations="file:$OUT/static/" \
  --spring.web.resources.chain.strategy.content.enabled=true --spring.web.resources.chain.strategy.content.paths='/**' \
  --spring.web.resources.chain.compressed=true \
  --spring.web.resources.cache.cachecontrol.max-age=365d --spring.web.resources.cache.cachecontrol.cache-public=true
spring_pid=$APP_PID

gz='Accept-Encoding: gzip'
ours_path="/assets/$(fingerprinted_path "$BUNDLE" js/app.js)"
spring_path="/assets/js/app-$(md5sum <"$OUT/static/js/app.js" | cut -d' ' -f1).js"
wait_200 "http://127.0.0.1:$OURS_PORT$ours_path" "$ours_pid"
wait_200 "http://127.0.0.1:$SPRING_PORT$spring_path" "$spring_pid"
cmp -s <(curl -s -H "$gz" "http://127.0.0.1:$OURS_PORT$ours_path") <(curl -s -H "$gz" "http://127.0.0.1:$SPRING_PORT$spring_path") \
  || die "the two do not send the same gzip bytes"
[ "$(curl -s -o /dev/null -D - -H "$gz" "http://127.0.0.1:$SPRING_PORT$spring_path" | tr -d '\r' \
  | awk 'tolower($1) == "content-encoding:" {print $2}')" = gzip ] || die "Spring's chain did not send its .gz file"

spring_validator() { # the header that revalidates what Spring's chain sent: its ETag, else its Last-Modified
  local head value candidate status
  head=$(curl -s -o /dev/null -D - -H "$gz" "http://127.0.0.1:$SPRING_PORT$spring_path" | tr -d '\r')
  for candidate in "If-None-Match: $(awk 'tolower($1) == "etag:" {print $2}' <<<"$head")" \
      "If-Modified-Since: $(awk 'tolower($1) == "last-modified:" {sub(/^[^:]*: /, ""); print}' <<<"$head")"; do
    value=${candidate#*: }
    [ -n "$value" ] || continue
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "$gz" -H "$candidate" "http://127.0.0.1:$SPRING_PORT$spring_path")
    if [ "$status" = 304 ]; then echo "$candidate"; return; fi
    log "spring-chain answers $status to $candidate"
  done
  die "Spring's chain answered no validator it sent with 304"
}
declare -A URL=([assetpipe]="http://127.0.0.1:$OURS_PORT$ours_path" [spring-chain]="http://127.0.0.1:$SPRING_PORT$spring_path")
declare -A REVALIDATE=([assetpipe]=$(revalidation_header "$OURS_PORT" "$ours_path" assetpipe) [spring-chain]=$(spring_validator))
for side in assetpipe spring-chain; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "$gz" -H "${REVALIDATE[$side]}" "${URL[$side]}")
  [ "$status" = 304 ] || die "$side answered $status to ${REVALIDATE[$side]}"
done
if [ -n "$SERVER_QUOTA" ]; then
  cpu_group "$ours_pid" "$spring_pid"
  log "both servers in $CPU_GROUP: capped at $SERVER_QUOTA % of CPU $SERVER_CPU during the rounds"
fi
log "small-gzip: assetpipe $ours_path, spring-chain $spring_path, same bytes; 304: ${REVALIDATE[assetpipe]} / ${REVALIDATE[spring-chain]}"

declare -A PID=([assetpipe]=$ours_pid [spring-chain]=$spring_pid)
run() { # run SECONDS CASE SIDE: "req/s p99_us server_cpu_us_per_response"
  local h=(-H "$gz") t0 t1 result
  [ "$2" = small-gzip ] || h+=(-H "${REVALIDATE[$3]}")
  t0=$(process_ticks "${PID[$3]}")
  result=$(taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" -d"$1s" --timeout 5s -s "$BENCH_DIR/lib/report.lua" \
    "${h[@]}" "${URL[$3]}" | awk '$1 == "RESULT" {if ($6 + $7 > 0) {print "errors", $6, $7; exit 1}; print $2, int($3), int($5)}')
  t1=$(process_ticks "${PID[$3]}")
  set -- $result
  echo "$2 $3 $(cpu_us_per_response "$t0" "$t1" "$1" | awk '{printf "%.1f", $1 + $2}')"
}
: >"$OUT/rounds.txt"
for case in small-gzip revalidate-304; do
  [ -z "$SERVER_QUOTA" ] || cap_cpu off
  for side in assetpipe spring-chain; do run "$WARMUP" "$case" "$side" >/dev/null; done
  [ -z "$SERVER_QUOTA" ] || cap_cpu "$SERVER_QUOTA"
  for round in $(seq 1 "$ROUNDS"); do
    order=(assetpipe spring-chain)
    [ $((round % 2)) = 0 ] && order=(spring-chain assetpipe)
    for side in "${order[@]}"; do
      echo "$case $side $(run "$DURATION" "$case" "$side")" | tee -a "$OUT/rounds.txt"
    done
  done
done
echo "## Servlet: wrk -t1 -c$CONNECTIONS -d${DURATION}s, median of $ROUNDS alternating rounds after ${WARMUP}s of warm-up; servers on CPU $SERVER_CPU${SERVER_QUOTA:+ capped at $SERVER_QUOTA %}, wrk on CPU $CLIENT_CPU; load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$OUT/rounds.txt" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    case, side, rps, p99, cpu = line.split()
    runs[case, side].append((int(rps), int(p99), float(cpu)))
print("| case | server | req/s (median) | req/s (min–max) | p99 ms (median) | server CPU µs per response (median) | req/s ratio | p99 ratio | CPU per response ratio |")
print("|---|---|---|---|---|---|---|---|---|")
for case in ("small-gzip", "revalidate-304"):
    med = {side: [statistics.median(r[i] for r in runs[case, side]) for i in range(3)]
           for side in ("assetpipe", "spring-chain")}
    for side in ("assetpipe", "spring-chain"):
        rps = [r[0] for r in runs[case, side]]
        ratios = ["", "", ""]
        if side == "assetpipe":
            ratios = [f"{med['assetpipe'][i] / med['spring-chain'][i]:.2f}" for i in range(3)]
        print(f"| {case} | {side} | {med[side][0]:,.0f} | {min(rps):,}–{max(rps):,} | {med[side][1] / 1000:.2f} "
              f"| {med[side][2]:.1f} | {' | '.join(ratios)} |")
print("(ratios: assetpipe / spring-chain; CPU per response = user + system time of the server process over the run, / responses)")
PY
