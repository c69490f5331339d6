#!/usr/bin/env bash
# Closure Compiler in a fresh JVM, by JIT setting: bench/ours's three scripts (jQuery 4, Bootstrap's
# bundle, a 4 KB page script; SIMPLE, ES2020 out, source maps) compiled on two threads, in
#   default      a JVM with default flags (as Maven's own JVM runs it with closureFork=false)
#   c2-exclude   the same with the directive closureC1Only used to add (C2 off for Closure's classes)
#   c1-only      -XX:TieredStopAtLevel=1 and the other flags ClosureProcess gives its child
#   child        a default JVM that starts a ClosureProcess and waits for it, as asset:build does
# Runs alternate between the variants; prints wall and CPU (user+sys, child included) per variant.
#
#   bench/closure.sh            settings: RUNS (3), SKIP_BUILD=1 (plugin classes already built)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

RUNS=${RUNS:-3}
OUT="$WORK_DIR/closure"
need python3
[ -x /usr/bin/time ] || die "/usr/bin/time not found; install it: apt-get install -y time"
mkdir -p "$OUT/classes"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$ROOT_DIR" && "${MVN[@]}" install -pl asset-manifest -DskipTests) || die "building asset-manifest failed"
  (cd "$ROOT_DIR" && "${MVN[@]}" compile -pl asset-maven-plugin) || die "compiling asset-maven-plugin failed"
fi
prepare_inputs
(cd "$ROOT_DIR" && "${MVN[@]}" -pl asset-maven-plugin dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$OUT/classpath.txt") || die "resolving the plugin's class path failed"
CP="$ROOT_DIR/asset-maven-plugin/target/classes:$(cat "$OUT/classpath.txt")"
"$JAVA_HOME/bin/javac" -d "$OUT/classes" -cp "$CP" "$BENCH_DIR/lib/ClosureTimer.java"
echo '[{ match: "com/google/javascript/*.*", c2: { Exclude: true } }]' >"$OUT/c2-exclude.json"

declare -A FLAGS=(
  [default]=""
  [c2-exclude]="-XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=$OUT/c2-exclude.json"
  [c1-only]="-XX:TieredStopAtLevel=1 -XX:+UseParallelGC -XX:-UsePerfData"
  [child]=""
)
variants=(default c2-exclude c1-only child)
: >"$OUT/times.tsv"
for i in $(seq "$RUNS"); do
  for v in "${variants[@]}"; do
    read -r -a flags <<<"${FLAGS[$v]}"
    mode=$([ "$v" = child ] && echo child || echo here)
    wall=$(/usr/bin/time -f '%U %S' -o "$OUT/rusage" "$JAVA_HOME/bin/java" "${flags[@]+"${flags[@]}"}" \
      -cp "$CP:$OUT/classes" ClosureTimer "$INPUTS_DIR/assets" "$mode" 2>"$OUT/$v.err" | tail -n 1) \
      || die "$v failed; see $OUT/$v.err"
    # (the JVM prints "1 compiler directives added" first for c2-exclude; the last line is ours)
    read -r user sys <"$OUT/rusage"
    printf '%s\t%s\t%s\t%s\n' "$v" "$i" "$wall" "$(python3 -c "print(round(($user + $sys) * 1000))")" >>"$OUT/times.tsv"
    log "$v run $i: ${wall} ms"
  done
done

echo
echo "## Closure Compiler by JIT setting: 3 scripts on 2 threads, fresh JVM, $RUNS alternating runs, $(nproc) cores"
echo
python3 - "$OUT/times.tsv" <<'PY'
import statistics, sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().splitlines()]
print("| JVM | wall ms (median, min–max) | CPU ms, user+sys (median, min–max) |")
print("|---|---:|---:|")
for v in ("default", "c2-exclude", "c1-only", "child"):
    w = [int(r[2]) for r in rows if r[0] == v]
    c = [int(r[3]) for r in rows if r[0] == v]
    print(f"| {v} | {statistics.median(w):.0f} ({min(w)}–{max(w)}) | {statistics.median(c):.0f} ({min(c)}–{max(c)}) |")
PY
