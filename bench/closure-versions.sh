#!/usr/bin/env bash
# Closure Compiler version against version: a cold `asset:build` of bench/ours' inputs (jQuery 4 as an
# ES module, Bootstrap's bundle as a plain script, a page script, Bootstrap SCSS, fonts, icons) with
# the plugin's Closure Compiler set to each version in turn, alternating; prints the wall time of
# the build, the time the plugin logs for its Closure process, and the sizes of the scripts.
# A copy of bench/ours/pom.xml in bench/target gives the plugin a closure-compiler dependency of
# version ${closure.version}, which -Dclosure.version sets (a user property does not reach the
# plugin's own dependencies).
#
#   bench/closure-versions.sh v20260128 v20261109      settings: RUNS (5), SKIP_BUILD=1
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

[ $# -ge 2 ] || die "usage: bench/closure-versions.sh OLD NEW [MORE...]"
RUNS=${RUNS:-5}
OUT="$WORK_DIR/closure-versions"
APP="$OUT/project"
need python3
mkdir -p "$APP"
[ "${SKIP_BUILD:-0}" = 1 ] || install_modules asset-maven-plugin
prepare_inputs
python3 - "$BENCH_DIR/ours/pom.xml" "$APP/pom.xml" "$ROOT_DIR/pom.xml" "$INPUTS_DIR" <<'PY'
import sys
source, target, root, inputs = sys.argv[1:]
pom = open(source).read()
pom = pom.replace("<relativePath>../../pom.xml</relativePath>", f"<relativePath>{root}</relativePath>")
pom = pom.replace("${project.basedir}/../target/inputs", inputs)
pom = pom.replace("<artifactId>assetpipe-bench-ours</artifactId>", "<artifactId>assetpipe-bench-closure-versions</artifactId>")
plugin = "<artifactId>asset-maven-plugin</artifactId>\n        <version>${project.version}</version>"
assert plugin in pom
pom = pom.replace(plugin, plugin + """
        <dependencies>
          <dependency>
            <groupId>com.google.javascript</groupId>
            <artifactId>closure-compiler</artifactId>
            <version>${closure.version}</version>
          </dependency>
        </dependencies>""")
open(target, "w").write(pom)
PY

# One online build per version first, so that every version is in the local repository.
for v in "$@"; do
  "${MVN[@]}" -f "$APP/pom.xml" clean process-resources -Dclosure.version="$v" -X >"$OUT/first-$v.log" 2>&1 \
    || die "the build failed with Closure $v; see $OUT/first-$v.log"
  grep -q "Included: com.google.javascript:closure-compiler:jar:$v\$" "$OUT/first-$v.log" \
    || die "the plugin did not run Closure $v; see $OUT/first-$v.log"
done

: >"$OUT/times.tsv"
for i in $(seq "$RUNS"); do
  versions=("$@")
  [ $((i % 2)) = 0 ] && versions=($(printf '%s\n' "$@" | tac))
  for v in "${versions[@]}"; do
    rm -rf "$APP/target"
    t0=$(date +%s%N)
    "${MVN[@]}" -o -f "$APP/pom.xml" process-resources -Dclosure.version="$v" \
      -Dorg.slf4j.simpleLogger.log.io.assetpipe=debug >"$OUT/$v.log" 2>&1 \
      || die "the build failed with Closure $v; see $OUT/$v.log"
    t1=$(date +%s%N)
    closure_ms=$(sed -n "s/.*script(s) compiled in Closure's process in \([0-9]*\) ms.*/\1/p" "$OUT/$v.log")
    printf '%s\t%s\t%s\t%s\n' "$v" "$i" "$(python3 -c "print(f'{($t1 - $t0) / 1e9:.3f}')")" "$closure_ms" \
      >>"$OUT/times.tsv"
    # The scripts of the bundle: identity, gzip and brotli bytes, from the manifest.
    python3 - "$APP/target/classes/META-INF/assets/manifest.json" >"$OUT/sizes-$v.tsv" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
for logical, e in sorted(m["assets"].items()):
    if logical.endswith(".js"):
        enc = e.get("encodings", {})
        print(f"{logical}\t{e['size']}\t{enc.get('gzip', {}).get('size', '')}\t{enc.get('br', {}).get('size', '')}")
PY
  done
done

echo
echo "## Closure Compiler versions: cold asset:build of bench/ours' inputs, $RUNS alternating runs, $(nproc) cores"
echo
python3 - "$OUT" "$@" <<'PY'
import statistics, sys
out, versions = sys.argv[1], sys.argv[2:]
rows = [l.split("\t") for l in open(f"{out}/times.tsv").read().splitlines()]
def spread(values):
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"
print("| Closure | build wall s | Closure process s | script | bytes | gzip | br |")
print("|---|---:|---:|---|---:|---:|---:|")
for v in versions:
    wall = [float(r[2]) for r in rows if r[0] == v]
    closure = [int(r[3]) / 1000 for r in rows if r[0] == v and r[3]]
    for line in open(f"{out}/sizes-{v}.tsv").read().splitlines():
        name, size, gz, br = line.split("\t")
        print(f"| {v} | {spread(wall)} | {spread(closure) if closure else '-'} | {name} | {size} | {gz} | {br} |")

# per pair (same i), new/old ratio of the wall time, for the first two versions
if len(versions) >= 2:
    by = {(r[0], r[1]): float(r[2]) for r in rows}
    ratios = [by[(versions[1], i)] / by[(versions[0], i)] for (v, i) in by if v == versions[0] and (versions[1], i) in by]
    print(f"\n{versions[1]} / {versions[0]} build wall time, per pair: median {statistics.median(ratios):.2f} "
          f"({min(ratios):.2f}–{max(ratios):.2f})")
PY
