#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/ and runs each one for a bounded time or number of runs.
#
#   scripts/fuzz/run.sh [SECONDS_PER_TARGET] [--runs N] [--only TARGET]
#
# SECONDS_PER_TARGET defaults to 20 (-max_total_time); --runs N stops each target after N inputs
# instead; given both, whichever limit is reached first ends the target. FUZZ_SEED (default 1)
# seeds libFuzzer, so a --runs run from a fresh checkout is repeatable.
# Each target starts from its seed corpus fuzz/corpus/<target>/ (read only); what it learns goes to
# .build-fuzz/corpus/<target>/ and is reused by the next run. A crashing input is copied to
# fuzz/crashes/<target>/. Prints per target the executions and crashes, then "N passed, M failed";
# exits non-zero when any target crashed (or failed to start).
set -uo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
scratch=".build-fuzz"
seconds=20
seconds_given=""
runs=""
only=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --runs=*) runs="${1#--runs=}"; shift ;;
        --only) only="$2"; shift 2 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *[!0-9]*|"") echo "run.sh: unknown argument $1" >&2; exit 2 ;;
        *) seconds="$1"; seconds_given=1; shift ;;
    esac
done

targets=(fuzz-json-value fuzz-operation-decoders fuzz-chat-answer fuzz-inline-video fuzz-image-inspector fuzz-rules fuzz-config)
if [ -n "$only" ]; then targets=("$only"); fi

# Same versions of the dependencies as the product.
[ -f fuzz/Package.resolved ] || cp Package.resolved fuzz/Package.resolved 2>/dev/null || true

echo "== building fuzz targets"
build_start=$(date +%s)
# -sanitize=fuzzer on every Swift module: StudioCore must carry the coverage instrumentation for the
# fuzzer to be guided through it. -parse-as-library: the harnesses' main files use @main.
if ! swift build -c debug --package-path fuzz --scratch-path "$scratch" \
        -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library; then
    echo "build failed"
    echo "0 passed, ${#targets[@]} failed"
    exit 1
fi
echo "== built in $(( $(date +%s) - build_start )) s"
bin="$(swift build -c debug --package-path fuzz --scratch-path "$scratch" --show-bin-path)"

passed=0
failed=0
total_execs=0
for target in "${targets[@]}"; do
    work="$scratch/corpus/$target"
    artifacts="$scratch/artifacts/$target/"
    log="$scratch/logs/$target.log"
    mkdir -p "$work" "$artifacts" "$(dirname "$log")"
    rm -f "$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* "$artifacts"/oom-* 2>/dev/null
    limits=()
    if [ -n "$runs" ]; then limits+=(-runs="$runs"); fi
    # A fixed seed: a run of N inputs from the same corpus is the same run everywhere.
    limits+=(-seed="${FUZZ_SEED:-1}")
    if [ -z "$runs" ] || [ -n "$seconds_given" ]; then limits+=(-max_total_time="$seconds"); fi
    start=$(date +%s.%N)
    # The Swift runtime's backtracer would take the crash signal before libFuzzer saves the input.
    SWIFT_BACKTRACE=enable=no "$bin/$target" "${limits[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=131072 -print_final_stats=1 \
        -artifact_prefix="$artifacts" "$work" "fuzz/corpus/$target" >"$log" 2>&1
    status=$?
    elapsed=$(echo "$(date +%s.%N) - $start" | bc)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    execs=${execs:-0}
    crashes=$(find "$artifacts" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
    rate=$(echo "$execs / ($elapsed + 0.001)" | bc)
    if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes=1; fi   # died without an artifact
    total_execs=$((total_execs + execs))
    if [ "$crashes" -eq 0 ]; then
        passed=$((passed + 1))
        printf '%-26s %10s executions  %7s exec/s  0 crashes\n' "$target" "$execs" "$rate"
    else
        failed=$((failed + 1))
        mkdir -p "fuzz/crashes/$target"
        find "$artifacts" -maxdepth 1 -type f -exec cp {} "fuzz/crashes/$target/" \;
        printf '%-26s %10s executions  %7s exec/s  %s crash(es), inputs in fuzz/crashes/%s/ (log: %s)\n' \
            "$target" "$execs" "$rate" "$crashes" "$target" "$log"
        grep -m3 -E 'Fatal error|ERROR: libFuzzer|SUMMARY' "$log" | sed 's/^/    /'
    fi
done
echo "total executions: $total_execs"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
