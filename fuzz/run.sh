#!/bin/sh
# Runs fuzz targets for a while each: sh fuzz/run.sh [TARGET|all] [SECONDS]  (defaults: all, 60).
# Seeds the corpora, builds every target once without a sanitizer (stable toolchain), then runs
# each target's binary for SECONDS; exits non-zero on the first crash (or an input slower than
# 10 s, a sign of quadratic work), whose input is saved in
# fuzz/artifacts/TARGET/. A `cargo xtask fuzz` task or CI can call this script as is.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
targets=${1:-all}
seconds=${2:-60}
[ "$targets" = all ] && targets="parse analyze url import"
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
# The fuzzers' instrumented builds always go to fuzz/target, whatever CARGO_TARGET_DIR says: the
# binaries are run from there below, and instrumentation flags in a shared target folder would
# force the project's own release builds to start over.
CARGO_TARGET_DIR="$root/fuzz/target"
export CARGO_TARGET_DIR
sh "$root/fuzz/seed.sh"
cd "$root/fuzz"
cargo fuzz build -s none
host=$(rustc -vV | sed -n 's/^host: //p')
for target in $targets; do
  case "$target" in
    url) dict=-dict=dict/url.dict ;;
    import) dict=-dict=dict/html.dict ;;
    *) dict= ;;
  esac
  mkdir -p "artifacts/$target"
  echo "fuzzing $target for ${seconds}s"
  # shellcheck disable=SC2086
  "target/$host/release/$target" -max_total_time="$seconds" -timeout=10 $dict \
    -artifact_prefix="artifacts/$target/" -print_final_stats=1 "corpus/$target"
done
