#!/usr/bin/env bash
# Sass compile time, Dart Sass (sassCompiler=dart) against jsass (libsass), on Bootstrap 5.3.8's SCSS
# from its WebJar with a theme (bench/inputs/src/site.scss; source maps on, as asset:build compiles):
#
# in one JVM  a fresh JVM per run compiles the stylesheet COUNT times with one compiler
#             (bench/lib/SassTimer.java): "first" is what a build's first stylesheet pays (jsass
#             loads libsass's native library; Dart Sass starts its process), "second" is the warm
#             compile the issue asks for, "warm" the median of compiles 2..COUNT
# cold build  `mvn -o process-resources` of bench/sass (Bootstrap's SCSS alone) with no target/, a
#             fresh Maven JVM: asset:build's whole run (scan, compile, fingerprint, precompress)
#
# Runs alternate between the compilers (jsass, dart, dart, jsass, ...), so a machine whose speed
# drifts (a shared VM) slows both alike; each pair gives one ratio or difference.
#
#   bench/sass.sh        settings: RUNS (5), COUNT (6), SKIP_BUILD=1 (plugin already installed)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

RUNS=${RUNS:-5}
COUNT=${COUNT:-6}
OUT="$WORK_DIR/sass"
need python3
mkdir -p "$OUT/classes"

[ "${SKIP_BUILD:-0}" = 1 ] || install_modules asset-maven-plugin
prepare_inputs
mkdir -p "$INPUTS_DIR/sass-only/css"
cp "$BENCH_DIR/inputs/src/site.scss" "$INPUTS_DIR/sass-only/css/"

(cd "$ROOT_DIR" && "${MVN[@]}" -pl asset-maven-plugin dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$OUT/classpath.txt") || die "resolving the plugin's class path failed"
(cd "$ROOT_DIR" && "${MVN[@]}" -pl asset-maven-plugin dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.includeArtifactIds=sass-embedded-bundled -Dmdep.outputFile="$OUT/binaries.txt") \
  || die "resolving sass-embedded-bundled failed"
CP="$ROOT_DIR/asset-maven-plugin/target/classes:$(cat "$OUT/classpath.txt"):$(cat "$OUT/binaries.txt")"
"$JAVA_HOME/bin/javac" -d "$OUT/classes" -cp "$CP" "$BENCH_DIR/lib/SassTimer.java"

# One online build each first: resolves the plugin and, for dart, the Dart Sass binaries.
for sass in jsass dart; do
  "${MVN[@]}" -f "$BENCH_DIR/sass/pom.xml" clean process-resources -Dassetpipe.sassCompiler=$sass \
    >"$OUT/$sass-first.log" 2>&1 || die "bench/sass failed with $sass; see $OUT/$sass-first.log"
done

cold_build() { # $1 = jsass|dart; prints wall seconds
  local t0 t1
  rm -rf "$BENCH_DIR/sass/target"
  t0=$(date +%s%N)
  "$ROOT_DIR/mvnw" -B -q -o -f "$BENCH_DIR/sass/pom.xml" process-resources -Dassetpipe.sassCompiler="$1" \
    >"$OUT/$1-cold.log" 2>&1 || die "bench/sass failed ($1); see $OUT/$1-cold.log"
  t1=$(date +%s%N)
  python3 -c "print(f'{($t1 - $t0) / 1e9:.3f}')"
}

: >"$OUT/times.tsv"
log "in one JVM: $RUNS alternating pairs of fresh JVMs, $COUNT compiles each"
for i in $(seq "$RUNS"); do
  if [ $((i % 2)) = 1 ]; then order="jsass dart"; else order="dart jsass"; fi
  for sass in $order; do
    "$JAVA_HOME/bin/java" -cp "$CP:$OUT/classes" SassTimer "$INPUTS_DIR/sass-only" "$INPUTS_DIR/node_modules" \
      "$sass" "$COUNT" >"$OUT/jvm-$sass-$i.tsv" 2>"$OUT/jvm-$sass-$i.err" || die "SassTimer $sass failed; see $OUT/jvm-$sass-$i.err"
    awk -v s="$sass" -v i="$i" '{ printf "jvm\t%s\t%s\t%d\t%s\t%s\n", i, s, NR, $1, $2 }' "$OUT/jvm-$sass-$i.tsv" >>"$OUT/times.tsv"
  done
done
log "cold builds: one warm-up pair, then $RUNS alternating pairs"
cold_build jsass >/dev/null
cold_build dart >/dev/null
for i in $(seq "$RUNS"); do
  if [ $((i % 2)) = 1 ]; then order="jsass dart"; else order="dart jsass"; fi
  for sass in $order; do
    printf 'cold\t%s\t%s\t1\t%s\t-\n' "$i" "$sass" "$(cold_build "$sass")" >>"$OUT/times.tsv"
  done
done

echo
echo "## Sass: Bootstrap 5.3.8 SCSS, Dart Sass against jsass ($RUNS alternating pairs, $(nproc) cores, $(uptime | sed 's/.*load average: //') load)"
echo
python3 - "$OUT/times.tsv" <<'PY'
import statistics, sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().splitlines()]
def times(kind, sass, pick):
    runs = sorted({r[1] for r in rows if r[0] == kind})
    return {run: pick([float(r[4]) for r in rows if r[0] == kind and r[1] == run and r[2] == sass]) for run in runs}
def row(label, unit, kind, pick, diff=False):
    j, d = times(kind, "jsass", pick), times(kind, "dart", pick)
    pairs = [d[r] / j[r] for r in j] if not diff else [d[r] - j[r] for r in j]
    cell = lambda v: f"{statistics.median(v):.{3 if unit == 's' else 0}f} ({min(v):.{3 if unit == 's' else 0}f}–{max(v):.{3 if unit == 's' else 0}f})"
    rel = (f"{statistics.median(pairs):+.2f} s ({min(pairs):+.2f} to {max(pairs):+.2f})" if diff
           else f"{statistics.median(pairs):.2f} ({min(pairs):.2f}–{max(pairs):.2f})")
    print(f"| {label} | {cell(list(j.values()))} | {cell(list(d.values()))} | {rel} |")
print("| measure | jsass: median (min–max) | Dart Sass: median (min–max) | Dart Sass against jsass: median of the pairs (min–max) |")
print("|---|---:|---:|---:|")
row("first compile in a fresh JVM, ms", "ms", "jvm", lambda v: v[0])
row("second compile (warm), ms", "ms", "jvm", lambda v: v[1])
row("compiles 2.. (warm, median per JVM), ms", "ms", "jvm", lambda v: statistics.median(v[1:]))
row("cold build (`mvn -o process-resources`, no target/), s", "s", "cold", lambda v: v[0], diff=True)
sizes = {r[2]: r[5] for r in rows if r[0] == "jvm"}
print(f"\nCSS characters: jsass {sizes.get('jsass')}, Dart Sass {sizes.get('dart')}")
PY
