#!/usr/bin/env bash
# Runs Switchyard's libFuzzer targets.
#
#   Tests/Fuzz/run.sh SECONDS [TARGET...]     (default: every target with a corpus folder)
#
# Builds this package with `swift build --sanitize=fuzzer` (FUZZ_CONFIG=release|debug,
# default release), then runs each target for SECONDS on one core. New inputs go to
# .build/fuzz/corpus/<target> (the committed seeds in corpus/<target> are only read);
# a crash, timeout or broken invariant leaves its input in .build/fuzz/artifacts/ and makes
# the script exit 1 after printing how to reproduce it. FUZZ_ARGS adds libFuzzer flags.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-60}
shift || true
config=${FUZZ_CONFIG:-release}
if [ $# -gt 0 ]; then targets=("$@"); else
  targets=()
  for d in "$here"/corpus/*/; do targets+=("$(basename "$d")"); done
fi

swift build --package-path "$here" -c "$config" --sanitize=fuzzer >/dev/null
bin=$(swift build --package-path "$here" -c "$config" --sanitize=fuzzer --show-bin-path)
out="$here/.build/fuzz"
failed=()
for t in "${targets[@]}"; do
  mkdir -p "$out/corpus/$t" "$out/artifacts" "$out/logs"
  dict=()
  [ -f "$here/dict/$t.dict" ] && dict=("-dict=$here/dict/$t.dict")
  log="$out/logs/$t.log"
  status=0
  SWIFT_BACKTRACE=enable=no "$bin/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="$out/artifacts/$t-" "${dict[@]}" ${FUZZ_ARGS:-} \
    "$out/corpus/$t" "$here/corpus/$t" >"$log" 2>&1 || status=$?
  runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' || true)
  cov=$(grep -E '#[0-9]+.*cov:' "$log" | tail -1 | sed -E 's/.*cov: ([0-9]+) ft: ([0-9]+) corp: ([0-9]+).*/cov \1, features \2, corpus \3/' || true)
  if [ "$status" -eq 0 ]; then
    echo "fuzz $t: ${seconds}s, ${runs:-?} runs, ${cov:-?}, no findings"
  else
    echo "fuzz $t: FAILED (exit $status) — log $log"
    grep -E 'FUZZ INVARIANT|ERROR: libFuzzer|Fatal error|SUMMARY|Test unit written' "$log" | head -5 | sed 's/^/  /'
    echo "  reproduce: SWIFT_BACKTRACE=enable=no $bin/$t <artifact>"
    failed+=("$t")
  fi
done
[ ${#failed[@]} -eq 0 ] || { echo "fuzz findings in: ${failed[*]}"; exit 1; }
