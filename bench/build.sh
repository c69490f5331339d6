#!/usr/bin/env bash
# Build benchmark: `mvn package` of a project using asset-maven-plugin (bench/ours) against the same
# project built with closure-compiler-maven-plugin + libsass-maven-plugin (bench/peer), on the same
# real inputs (Bootstrap SCSS from its WebJar, jQuery 4 and Bootstrap's bundle, Bootstrap Icons fonts
# and SVGs; see bench/lib/common.sh).
#
#   bench/build.sh
#
# cold  = `mvn -o package` with no target/ (fresh Maven JVM; dependencies already in ~/.m2, so the
#         network is not measured)
# no-op = `mvn -o package` again with nothing changed
#
# Settings (environment): RUNS (5), ICONS (200), SKIP_BUILD=1 (asset-maven-plugin already installed).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

RUNS=${RUNS:-5}
OUT="$WORK_DIR/build"
need hyperfine python3

[ "${SKIP_BUILD:-0}" = 1 ] || install_modules asset-maven-plugin
prepare_inputs
mkdir -p "$OUT"

# One online run each first: resolves every plugin into ~/.m2, so the timed runs can be offline.
for project in ours peer; do
  log "first build of bench/$project (resolves its plugins)"
  "${MVN[@]}" -f "$BENCH_DIR/$project/pom.xml" clean package >"$OUT/$project-first.log" 2>&1 \
    || die "bench/$project failed to build; see $OUT/$project-first.log"
done

mvn_cmd() { printf '%q ' "$ROOT_DIR/mvnw" -B -q -o -f "$BENCH_DIR/$1/pom.xml" package; }

log "cold builds ($RUNS runs each)"
hyperfine --style basic --runs "$RUNS" --warmup 1 \
  --prepare "rm -rf $(printf '%q' "$BENCH_DIR/ours/target")" \
  --prepare "rm -rf $(printf '%q' "$BENCH_DIR/peer/target")" \
  --export-json "$OUT/cold.json" \
  -n "assetpipe (asset:build + asset:package)" "$(mvn_cmd ours)" \
  -n "peers (closure-compiler + libsass)" "$(mvn_cmd peer)" >&2

log "no-op rebuilds ($RUNS runs each)"
hyperfine --style basic --runs "$RUNS" --warmup 1 \
  --export-json "$OUT/noop.json" \
  -n "assetpipe (asset:build + asset:package)" "$(mvn_cmd ours)" \
  -n "peers (closure-compiler + libsass)" "$(mvn_cmd peer)" >&2

summarise_outputs() {
  local project dir
  for project in ours peer; do
    dir="$BENCH_DIR/$project/target/classes/META-INF/assets"
    printf '| %s | %s | %s |\n' "$([ $project = ours ] && echo assetpipe || echo peers)" \
      "$(find "$dir" -type f | wc -l)" "$(du -sk "$dir" | cut -f1)"
  done
}

echo
echo "## Build: hyperfine, $RUNS runs after 1 warm-up, $(nproc) cores, $ICONS icons"
echo
python3 - "$OUT/cold.json" "$OUT/noop.json" <<'EOF'
import json, sys
print("| build | tool | mean s | ± s | min s | max s | ratio to peers |")
print("|---|---|---:|---:|---:|---:|---:|")
for label, path in (("cold `package`", sys.argv[1]), ("no-op `package`", sys.argv[2])):
    results = json.load(open(path))["results"]
    peers = next(r for r in results if r["command"].startswith("peers"))
    for r in results:
        print(f"| {label} | {r['command']} | {r['mean']:.2f} | {r['stddev']:.2f} | {r['min']:.2f} | "
              f"{r['max']:.2f} | {r['mean'] / peers['mean']:.2f} |")
EOF
echo
echo "| project | files in META-INF/assets | KiB |"
echo "|---|---:|---:|"
summarise_outputs
