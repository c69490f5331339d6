#!/usr/bin/env bash
# A/B benchmark: one serving case, nginx against one or more asset-server variants, in short
# rounds that alternate between them (each round starting one later), so that this VM's drift
# slows every side alike and none always runs right after the same other. For
# deciding about a change to the send path; bench/serve.sh is the full report.
#
#   bench/ab.sh main=/tmp/main.jar new=asset-server/target/asset-server-0.1.0-SNAPSHOT-standalone.jar
#   bench/ab.sh nagle=new.jar,-Dassetpipe.x=y      (JVM options after the jar, comma-separated)
#
# Each NAME=JAR[,JVM option...] is started with java -jar on the bench bundle (bench/ours, built by
# bench/serve.sh), pinned like nginx to CPU $SERVER_CPU; wrk runs on CPU $CLIENT_CPU.
# Settings (environment): CASE (css-identity; or medium-gzip, small-gzip, revalidate-304: the small
# script with If-None-Match, each server sent the ETag it gave), ROUNDS (8), DURATION (s per run, 4),
# WARMUP (s per server, 8: the JIT shares the server core), CONNECTIONS (64), SERVER_CPU (0),
# CLIENT_CPU (1), BASE_PORT (18180), SERVER_QUOTA (percent of one CPU: all servers capped during the
# rounds, as in bench/serve.sh). Prints one line per round (requests/s and the idle % of both cores)
# and the median ratio of each side to nginx over the rounds.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$BENCH_DIR/lib/serving.sh"

CASE=${CASE:-css-identity}
ROUNDS=${ROUNDS:-8}
DURATION=${DURATION:-4}
WARMUP=${WARMUP:-8}
CONNECTIONS=${CONNECTIONS:-64}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
BASE_PORT=${BASE_PORT:-18180}
OUT="$WORK_DIR/ab"
[ $# -gt 0 ] || die "usage: bench/ab.sh NAME=JAR[,JVM option...]..."
need nginx wrk taskset curl python3 unzip

jars=("$BENCH_DIR"/ours/target/*-assets.jar)
[ -f "${jars[0]}" ] || die "no assets jar in bench/ours/target: run bench/serve.sh once first"
BUNDLE=${jars[0]}
case $CASE in
  css-identity) path="/assets/$(fingerprinted_path "$BUNDLE" css/site.css)"; headers=() ;;
  medium-gzip) path="/assets/$(fingerprinted_path "$BUNDLE" js/jquery.js)"; headers=(-H 'Accept-Encoding: gzip') ;;
  small-gzip | revalidate-304) path="/assets/$(fingerprinted_path "$BUNDLE" js/app.js)"; headers=(-H 'Accept-Encoding: gzip') ;;
  *) die "CASE is css-identity, medium-gzip, small-gzip or revalidate-304" ;;
esac

STARTED=()
trap 'for p in "${STARTED[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; uncap_cpu' EXIT
mkdir -p "$OUT"
unpack_docroot "$BUNDLE" "$OUT/docroot"
write_nginx_conf "$OUT/nginx.conf" "$OUT/docroot" "$BASE_PORT" "$OUT/nginx"
taskset -c "$SERVER_CPU" nginx -e stderr -p "$OUT/nginx" -c "$OUT/nginx.conf" -g 'daemon off; master_process on;' \
  >"$OUT/nginx.log" 2>&1 &
STARTED+=($!)
names=(nginx) ports=("$BASE_PORT") pids=($!)
port=$BASE_PORT
for spec in "$@"; do
  name=${spec%%=*} rest=${spec#*=}
  IFS=, read -r -a parts <<<"$rest"
  port=$((port + 1))
  taskset -c "$SERVER_CPU" "$JAVA_HOME/bin/java" "${parts[@]:1}" -jar "${parts[0]}" --bundle "$BUNDLE" \
    --host 127.0.0.1 --port "$port" --prefix /assets >"$OUT/$name.log" 2>&1 &
  STARTED+=($!)
  names+=("$name") ports+=("$port") pids+=($!)
done
for i in "${!ports[@]}"; do
  wait_200 "http://127.0.0.1:${ports[$i]}$path" "${pids[$i]}"
  cmp -s <(curl -s "${headers[@]+"${headers[@]}"}" "http://127.0.0.1:${ports[0]}$path") \
    <(curl -s "${headers[@]+"${headers[@]}"}" "http://127.0.0.1:${ports[$i]}$path") \
    || die "${names[$i]} does not send nginx's bytes for $path (see $OUT/${names[$i]}.log)"
done
# Per server, what its requests add: for revalidate-304 the ETag it sent.
extra=()
for i in "${!ports[@]}"; do
  extra[i]=""
  if [ "$CASE" = revalidate-304 ]; then
    extra[i]=$(revalidation_header "${ports[$i]}" "$path" "${names[$i]}")
  fi
done
log "$CASE: $path; ${names[*]} all send the same bytes; TCP: $(tcp_stack)"
if [ -n "$SERVER_QUOTA" ]; then
  cpu_group "${pids[@]}"
  log "all servers in $CPU_GROUP: capped at $SERVER_QUOTA % of CPU $SERVER_CPU during the rounds"
fi

run() { # run SECONDS SERVER-INDEX
  local h=("${headers[@]+"${headers[@]}"}")
  [ -z "${extra[$2]}" ] || h+=(-H "${extra[$2]}")
  taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" -d"$1s" "${h[@]+"${h[@]}"}" "http://127.0.0.1:${ports[$2]}$path" \
    | awk '/Requests\/sec/ {print int($2)}'
}
for i in "${!ports[@]}"; do run "$WARMUP" "$i" >/dev/null; done
[ -z "$SERVER_QUOTA" ] || cap_cpu "$SERVER_QUOTA"
: >"$OUT/rounds.txt"
for round in $(seq 1 "$ROUNDS"); do
  line="round $round:"
  # Each round starts one server later than the last, so none always follows the same one.
  for k in "${!ports[@]}"; do
    i=$(( (k + round - 1) % ${#ports[@]} ))
    s0=$(cpu_ticks "$SERVER_CPU") c0=$(cpu_ticks "$CLIENT_CPU")
    rps=$(run "$DURATION" "$i")
    line="$line ${names[$i]}=$rps($(idle_percent "$s0" "$(cpu_ticks "$SERVER_CPU")")/$(idle_percent "$c0" "$(cpu_ticks "$CLIENT_CPU")"))"
  done
  echo "$line" | tee -a "$OUT/rounds.txt"
done
python3 - "$OUT/rounds.txt" <<'EOF'
import re, statistics, sys
rounds = [dict((n, int(v)) for n, v in re.findall(r"(\S+)=(\d+)\(", l)) for l in open(sys.argv[1])]
for name in rounds[0]:
    ratios = [r[name] / r["nginx"] for r in rounds]
    print(f"{name}: median {statistics.median(r[name] for r in rounds):,.0f} req/s, "
          f"median ratio to nginx {statistics.median(ratios):.3f} (rounds {' '.join(f'{x:.2f}' for x in ratios)})")
EOF
echo "(idle %: server core / wrk core during each run)"
