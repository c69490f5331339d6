# Shared by bench/serve.sh and bench/build.sh; sourced, not run.
# Paths, the JDK, the Maven wrapper and the real inputs both benchmarks use.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT_DIR=$(cd "$BENCH_DIR/.." && pwd)
WORK_DIR="$BENCH_DIR/target"          # everything generated; bench/target is git-ignored
INPUTS_DIR="$WORK_DIR/inputs"         # assets/ (sources) and node_modules/ (Bootstrap SCSS)
ICONS=${ICONS:-200}                   # how many Bootstrap Icons SVGs the inputs carry

# The build needs JDK 21+; the servers run on the same JDK. Override with BENCH_JAVA_HOME.
export JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
MVN=("$ROOT_DIR/mvnw" -B -q)

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 1; }

need() { # need CMD... : fail early, naming the Debian package to install
  local cmd
  for cmd in "$@"; do
    command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' not found; install it: apt-get install -y ${PKG_OF[$cmd]:-$cmd}"
  done
}
declare -A PKG_OF=([nginx]=nginx-light [wrk]=wrk [hyperfine]=hyperfine [taskset]=util-linux [curl]=curl)

# Installs the modules a benchmark needs into ~/.m2 (asset-manifest plus the named ones).
install_modules() {
  local modules
  modules=$(IFS=,; echo "asset-manifest,$*")
  log "installing $modules into ~/.m2"
  (cd "$ROOT_DIR" && "${MVN[@]}" install -pl "$modules" -am -DskipTests -Dinvoker.skip=true) || die "installing $modules failed"
}

# Lays out the real inputs once: Bootstrap SCSS (node_modules/bootstrap/scss), jQuery 4 and
# Bootstrap's bundle (two large JS libraries), a small page script, a site stylesheet importing all
# of Bootstrap, the Bootstrap Icons fonts and $ICONS of its SVGs.
prepare_inputs() {
  local stamp="$INPUTS_DIR/.icons-$ICONS"
  [ -f "$stamp" ] && return 0
  log "unpacking WebJars into $INPUTS_DIR"
  "${MVN[@]}" -f "$BENCH_DIR/inputs/pom.xml" generate-resources || die "fetching the WebJars failed"
  local webjars="$BENCH_DIR/inputs/target/webjars/META-INF/resources/webjars"
  local bootstrap=("$webjars"/bootstrap/*/) jquery=("$webjars"/jquery/*/) icons=("$webjars"/bootstrap-icons/*/)
  rm -rf "$INPUTS_DIR"
  mkdir -p "$INPUTS_DIR"/assets/{js,css,fonts,img/icons} "$INPUTS_DIR/node_modules/bootstrap"
  cp -r "${bootstrap[0]}scss" "$INPUTS_DIR/node_modules/bootstrap/"
  cp "$BENCH_DIR/inputs/src/app.js" "${jquery[0]}dist/jquery.js" "${bootstrap[0]}dist/js/bootstrap.bundle.js" \
    "$INPUTS_DIR/assets/js/"
  cp "$BENCH_DIR/inputs/src/site.scss" "$INPUTS_DIR/assets/css/"
  cp "${icons[0]}"font/fonts/* "$INPUTS_DIR/assets/fonts/"
  # sed reads to the end, where head would exit early and fail the pipe (SIGPIPE) under pipefail.
  find "${icons[0]}icons" -name '*.svg' | LC_ALL=C sort | sed -n "1,${ICONS}p" \
    | xargs cp -t "$INPUTS_DIR/assets/img/icons/"
  touch "$stamp"
}
