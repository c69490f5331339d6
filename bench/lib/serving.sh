# Shared by the serving benchmarks, bench/serve.sh and bench/ab.sh; sourced, not run.
# write_nginx_conf CONF DOCROOT PORT DIR: nginx-light configured as a static origin should be
# (sendfile, tcp_nopush, open_file_cache, gzip_static), serving DOCROOT/assets on 127.0.0.1:PORT,
# its pid, logs and temp files under DIR.
write_nginx_conf() {
  local conf=$1 docroot=$2 port=$3 dir=$4 brotli=""
  # Debian's nginx-light has no brotli module; libnginx-mod-http-brotli-static would add it.
  [ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] \
    && brotli="load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;"
  mkdir -p "$dir/tmp"
  cat >"$conf" <<EOF
$brotli
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; use epoll; multi_accept on; }
http {
  include /etc/nginx/mime.types;
  types { text/javascript js; }
  charset utf-8;
  charset_types text/css text/javascript application/json image/svg+xml;
  access_log off;
  server_tokens off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 10000000;
  keepalive_timeout 75s;
  open_file_cache max=10000 inactive=60s;
  open_file_cache_valid 60s;
  open_file_cache_errors on;
  gzip off;
  gzip_static on;
  gzip_vary on;
  $( [ -n "$brotli" ] && echo "brotli_static on;" )
  etag on;
  client_body_temp_path $dir/tmp;
  server {
    listen 127.0.0.1:$port;
    root $docroot;
    location /assets/ {
      add_header Cache-Control "public, max-age=31536000, immutable" always;
      add_header Access-Control-Allow-Origin "*" always;
    }
  }
}
EOF
}

# unpack_docroot JAR DOCROOT: the jar's META-INF/assets as DOCROOT/assets, timestamps kept
unpack_docroot() {
  local jar=$1 docroot=$2
  rm -rf "$docroot" "$docroot.unzipped" && mkdir -p "$docroot/assets"
  unzip -q "$jar" 'META-INF/assets/*' -d "$docroot.unzipped"
  cp -a "$docroot.unzipped/META-INF/assets/." "$docroot/assets/"
  rm -rf "$docroot.unzipped"
}

# fingerprinted_path JAR LOGICAL: the path the manifest gives LOGICAL ("" = the first asset)
fingerprinted_path() {
  unzip -p "$1" META-INF/assets/manifest.json | python3 -c '
import json, sys
assets = json.load(sys.stdin)["assets"]
logical = sys.argv[1] or next(iter(assets))
print(assets[logical]["path"])' "$2"
}

wait_200() { # wait_200 URL PID: until URL answers 200 (30 s), or the process died
  local url=$1 pid=$2 i
  for i in $(seq 1 3000); do
    kill -0 "$pid" 2>/dev/null || die "server (pid $pid) exited before answering $url; see $OUT/*.log"
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ] && return 0
    sleep 0.01
  done
  die "no 200 from $url within 30 s"
}

# cpu_ticks CPU: "busy total" jiffies of one CPU from /proc/stat (busy = everything but idle and iowait)
cpu_ticks() {
  awk -v cpu="cpu$1" '$1 == cpu {t = 0; for (i = 2; i <= NF; i++) t += $i; print t - $5 - $6, t}' /proc/stat
}

# idle_percent BEFORE AFTER: the share of the interval a CPU was idle, from two cpu_ticks readings
idle_percent() {
  echo "$1 $2" | awk '{busy = $3 - $1; total = $4 - $2; printf "%.0f", (total > 0 ? 100 * (total - busy) / total : 0)}'
}

# process_ticks PID: "user system" CPU time (clock ticks) of PID and its children (nginx's
# worker), every thread counted. The system part includes the loopback receive work the server's
# sends do on its core for wrk's sockets: on one machine that is part of what a response costs.
process_ticks() {
  local user=0 system=0 p u s
  for p in "$1" $(pgrep -P "$1" || true); do
    read -r u s < <(awk '{print $14, $15}' "/proc/$p/stat" 2>/dev/null || echo 0 0)
    user=$((user + u)) system=$((system + s))
  done
  echo "$user $system"
}

# cpu_us_per_response BEFORE AFTER RESPONSES: "user system" microseconds of CPU per response, from
# two process_ticks readings
cpu_us_per_response() {
  echo "$1 $2" | awk -v n="$3" -v hz="$(getconf CLK_TCK)" \
    '{f = (n > 0 ? 1e6 / hz / n : 0); printf "%.2f %.2f", ($3 - $1) * f, ($4 - $2) * f}'
}

# tcp_stack: the kernel's TCP settings that change how large bodies leave (BBR paces them, CUBIC
# does not: docs/performance.md), for the header of a report
tcp_stack() {
  echo "congestion control $(cat /proc/sys/net/ipv4/tcp_congestion_control 2>/dev/null || echo '?')," \
    "default qdisc $(cat /proc/sys/net/core/default_qdisc 2>/dev/null || echo '?')," \
    "kernel $(uname -r)"
}

# revalidation_header PORT PATH NAME: the If-None-Match header that revalidates what the server on
# PORT (called NAME in errors) sends for PATH with gzip accepted, once it answers that with a 304
revalidation_header() {
  local port=$1 path=$2 name=$3 gz='Accept-Encoding: gzip' etag status
  etag=$(curl -s -o /dev/null -D - -H "$gz" "http://127.0.0.1:$port$path" \
    | awk 'tolower($1) == "etag:" {sub(/\r$/, "", $2); print $2}')
  [ -n "$etag" ] || die "$name sent no ETag for $path"
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "$gz" -H "If-None-Match: $etag" "http://127.0.0.1:$port$path")
  [ "$status" = 304 ] || die "$name answered $status, not 304, to If-None-Match: $etag"
  echo "If-None-Match: $etag"
}

# cpu_group PID...: puts the processes (all their threads, and their children's) in a cgroup of
# their own, uncapped; cap_cpu PERCENT caps the group at PERCENT of one CPU (10 ms period) so that
# the server and not wrk's core is the limit, cap_cpu off lifts it; uncap_cpu removes the group
# once its processes have exited. Needs root and the cpu controller (cgroup v2's cpu.max, or v1's
# CFS quota).
CPU_GROUP=""
CPU_PERIOD_US=10000
SERVER_QUOTA=${SERVER_QUOTA:-}
[[ -z "$SERVER_QUOTA" || "$SERVER_QUOTA" =~ ^([1-9][0-9]?|100)$ ]] || die "SERVER_QUOTA is a percent of one CPU, 1-100"
cpu_group() {
  local pid
  if grep -qw cpu /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
    CPU_GROUP=/sys/fs/cgroup/assetpipe-bench
    # Fails where this cgroup holds processes itself (cgroup v2's no-internal-processes rule).
    grep -qw cpu /sys/fs/cgroup/cgroup.subtree_control || echo +cpu >/sys/fs/cgroup/cgroup.subtree_control \
      || die "SERVER_QUOTA: cannot enable the cpu controller below /sys/fs/cgroup"
  elif [ -w /sys/fs/cgroup/cpu ]; then
    CPU_GROUP=/sys/fs/cgroup/cpu/assetpipe-bench
  else
    die "SERVER_QUOTA needs root and a writable cgroup cpu controller (/sys/fs/cgroup)"
  fi
  mkdir -p "$CPU_GROUP" || die "SERVER_QUOTA: cannot create $CPU_GROUP"
  cap_cpu off
  for pid in "$@"; do
    echo "$pid" >"$CPU_GROUP/cgroup.procs"
    { pgrep -P "$pid" || true; } | while read -r child; do echo "$child" >"$CPU_GROUP/cgroup.procs"; done
  done
}
cap_cpu() {
  local quota=-1 max=max # no limit: -1 in cgroup v1, "max" in v2
  [ "$1" = off ] || { quota=$((CPU_PERIOD_US * $1 / 100)); max=$quota; }
  if [ -f "$CPU_GROUP/cpu.max" ]; then
    echo "$max $CPU_PERIOD_US" >"$CPU_GROUP/cpu.max"
  else
    echo "$CPU_PERIOD_US" >"$CPU_GROUP/cpu.cfs_period_us" && echo "$quota" >"$CPU_GROUP/cpu.cfs_quota_us"
  fi
}
uncap_cpu() {
  [ -n "$CPU_GROUP" ] && [ -d "$CPU_GROUP" ] && rmdir "$CPU_GROUP" 2>/dev/null || true
}
