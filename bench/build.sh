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
need python3

[ "${SKIP_BUILD:-0}" = 1 ] || install_modules asset-maven-plugin
prepare_inputs
mkdir -p "$OUT"

# One online run each first: resolves every plugin into ~/.m2, so the timed runs can be offline.
for project in ours peer; do
  log "first build of bench/$project (resolves its plugins)"
  "${MVN[@]}" -f "$BENCH_DIR/$project/pom.xml" clean package >"$OUT/$project-first.log" 2>&1 \
    || die "bench/$project failed to build; see $OUT/$project-first.log"
done

# One timed build: prints its wall seconds. $1 = ours|peer, $2 = cold|noop.
timed_build() {
  local project=$1 kind=$2 t0 t1
  [ "$kind" = cold ] && rm -rf "$BENCH_DIR/$project/target"
  t0=$(date +%s%N)
  "$ROOT_DIR/mvnw" -B -q -o -f "$BENCH_DIR/$project/pom.xml" package >"$OUT/$project-$kind.log" 2>&1 \
    || die "bench/$project failed ($kind); see $OUT/$project-$kind.log"
  t1=$(date +%s%N)
  python3 -c "print(f'{($t1 - $t0) / 1e9:.3f}')"
}

# Runs alternate between the two projects (ours, peer, peer, ours, ...), so a machine whose speed
# drifts during the run (a shared VM) slows both alike; each pair gives one ratio.
: >"$OUT/times.tsv"
for kind in cold noop; do
  log "$kind builds ($RUNS pairs, alternating, after one warm-up pair)"
  timed_build ours "$kind" >/dev/null
  timed_build peer "$kind" >/dev/null
  for i in $(seq "$RUNS"); do
    if [ $((i % 2)) = 1 ]; then order="ours peer"; else order="peer ours"; fi
    for project in $order; do
      printf '%s\t%s\t%s\t%s\n' "$kind" "$i" "$project" "$(timed_build "$project" "$kind")" >>"$OUT/times.tsv"
    done
  done
done

summarise_outputs() {
  local project dir
  for project in ours peer; do
    dir="$BENCH_DIR/$project/target/classes/META-INF/assets"
    printf '| %s | %s | %s |\n' "$([ $project = ours ] && echo assetpipe || echo peers)" \
      "$(find "$dir" -type f | wc -l)" "$(du -sk "$dir" | cut -f1)"
  done
}

echo
echo "## Build: $RUNS alternating pairs after 1 warm-up pair, $(nproc) cores, $ICONS icons"
echo
python3 - "$OUT/times.tsv" <<'EOF'
import statistics, sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().splitlines()]
print("| build | tool | median s | min s | max s | ratio to peers: median of the pairs (min–max) |")
print("|---|---|---:|---:|---:|---:|")
for kind, label in (("cold", "cold `package`"), ("noop", "no-op `package`")):
    t = {p: {r[1]: float(r[3]) for r in rows if r[0] == kind and r[2] == p} for p in ("ours", "peer")}
    ratios = [t["ours"][i] / t["peer"][i] for i in t["ours"]]
    for p, name in (("ours", "assetpipe (asset:build + asset:package)"),
                    ("peer", "peers (closure-compiler + libsass)")):
        v = list(t[p].values())
        ratio = f"{statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f})" if p == "ours" else "1.00"
        print(f"| {label} | {name} | {statistics.median(v):.2f} | {min(v):.2f} | {max(v):.2f} | {ratio} |")
EOF
echo
echo "| project | files in META-INF/assets | KiB |"
echo "|---|---:|---:|"
summarise_outputs
