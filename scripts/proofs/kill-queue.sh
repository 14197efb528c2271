#!/usr/bin/env bash
# Proof: SIGKILL the queue's dispatchers anywhere — two at once on one home — and no queued job is
# lost, none is sent twice, no video is half-written, and the budget is never exceeded.
#
# usage: scripts/proofs/kill-queue.sh [BINARY] [--jobs N] [--kills N] [--seed S]
#        BINARY   the veo-studio binary (default .build/debug/veo-studio)
#        --jobs   jobs in the batch (default 20, the CI size; 50 is the full size)
#        --kills  how many dispatchers to kill (default 30, the CI size; 100 is the full size)
#        --seed   seeds the emulator and the kill delays (default 1)
#
# Starts one emulator (every profile, --speed 400) and one home whose config points the Gemini API
# at it (`base_url`, so its jobs are charged and capped, unlike the sandbox's) with a daily budget
# of 60 % of the batch, and a few requests a minute. Queues one batch (`veo-studio batch`). Then, for
# each kill: two `veo-studio dispatch --wait` run at once on the home; one of them is SIGKILLed after
# a seeded random delay (0–1.2 s), the other after it, each somewhere in taking, sending, polling or
# downloading. Last, `dispatch --wait` and `resume --wait` (bounded) finish what can be finished.
# Then it proves, from the emulator's operations and the journal:
#   1. no job was submitted twice (operations per prompt <= 1);
#   2. none was lost from the queue: the batch still has every job, each done, or failed or
#      `unknown` with an explanation, or still waiting (only for the budget);
#   3. every output's sha256 (journal) equals the file on disk and the emulator's video;
#   4. no `*.part` file is left;
#   5. the budget was never exceeded: what was sent (charged, may be charged, in flight) <= the cap.
# Ends with `N passed, M failed`; exits 1 on any failure, 3 when it cannot run.
set -u

binary=".build/debug/veo-studio"
jobs=20
kills=30
seed=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --jobs) jobs="${2:?--jobs needs a number}"; shift 2 ;;
        --kills) kills="${2:?--kills needs a number}"; shift 2 ;;
        --seed) seed="${2:?--seed needs a number}"; shift 2 ;;
        -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
        -*) echo "unknown option $1" >&2; exit 2 ;;
        *) binary="$1"; shift ;;
    esac
done
[[ "$jobs" =~ ^[0-9]+$ && "$kills" =~ ^[0-9]+$ && "$seed" =~ ^[0-9]+$ ]] || { echo "--jobs, --kills and --seed take whole numbers" >&2; exit 2; }
for tool in jq curl sha256sum timeout find awk; do
    command -v "$tool" >/dev/null 2>&1 || { echo "kill-queue could not run: $tool is missing" >&2; exit 3; }
done
[[ -x "$binary" ]] || { echo "kill-queue could not run: no veo-studio binary at $binary" >&2; exit 3; }
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"

work="$(mktemp -d)"
home="$work/home"
mkdir -p "$home"
emulator_pid=""
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null; done
    if [[ -n "$emulator_pid" ]]; then kill -TERM "$emulator_pid" 2>/dev/null; sleep 0.2; kill -KILL "$emulator_pid" 2>/dev/null; fi
    if [[ -n "${KILL_QUEUE_KEEP:-}" ]]; then echo "kept the run's files in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

speed=400
"$binary" emulator --port 0 --host 127.0.0.1 --speed "$speed" --seed "$seed" --rpm 100000 >"$work/emulator.out" 2>"$work/emulator.err" &
emulator_pid=$!
url=""
for _ in $(seq 600); do
    url="$(head -n 1 "$work/emulator.out" 2>/dev/null | grep -o 'http://127\.0\.0\.1:[0-9]*' || true)"
    [[ -n "$url" ]] && break
    sleep 0.05
done
[[ -n "$url" ]] || { echo "the emulator printed no URL" >&2; cat "$work/emulator.err" >&2; exit 3; }

model="veo-3.1-fast-generate-preview"
price=1.20   # 8 s at $0.15/s on the Gemini API (the price table)
cap="$(awk -v n="$jobs" -v p="$price" 'BEGIN { printf "%.2f", int(n * 0.6) * p }')"
scale="$(awk -v s="$speed" 'BEGIN { printf "%.6f", 1 / s }')"
cat >"$home/config.toml" <<EOF
[providers.gemini]
base_url = "$url"
latency_scale = $scale
requests_per_minute = 600

[budget]
daily_usd = $cap
EOF
cli() { env -i HOME="$work" PATH=/usr/bin:/bin LANG=C.UTF-8 GEMINI_API_KEY=queue-key "$binary" "$@" --home "$home"; }
# In place of the calling background subshell, so `$!` is the CLI itself and SIGKILL reaches it.
launch() { exec env -i HOME="$work" PATH=/usr/bin:/bin LANG=C.UTF-8 GEMINI_API_KEY=queue-key "$binary" "$@" --home "$home"; }

for ((i = 0; i < jobs; i++)); do
    printf '{"prompt": "queue test %d", "provider": "gemini", "model": "%s"}\n' "$i" "$model"
done >"$work/batch.jsonl"
batch="$(cli batch "$work/batch.jsonl" --json 2>"$work/batch.err" | jq -r '.batch // empty')"
[[ -n "$batch" ]] || { echo "the batch could not be queued:" >&2; cat "$work/batch.err" >&2; exit 3; }
echo "emulator: $url; batch $batch: $jobs jobs, daily cap \$$cap; kills: $kills"

RANDOM=$seed
started=$SECONDS
for ((k = 0; k < kills; k++)); do
    launch dispatch --wait >/dev/null 2>&1 &
    first=$!
    launch dispatch --wait >/dev/null 2>&1 &
    second=$!
    pids=("$first" "$second")
    sleep "0.$(printf '%03d' $((RANDOM % 1200)))"
    kill -KILL "$first" 2>/dev/null
    sleep "0.$(printf '%03d' $((RANDOM % 400)))"
    kill -KILL "$second" 2>/dev/null
    { wait "$first" "$second"; } 2>/dev/null
    pids=()
    if (( (k + 1) % 10 == 0 )); then echo "… $((k + 1))/$kills kills ($((SECONDS - started)) s)"; fi
done
timeout 120 env -i HOME="$work" PATH=/usr/bin:/bin LANG=C.UTF-8 GEMINI_API_KEY=queue-key "$binary" dispatch --wait --home "$home" >/dev/null 2>&1
timeout 120 env -i HOME="$work" PATH=/usr/bin:/bin LANG=C.UTF-8 GEMINI_API_KEY=queue-key "$binary" resume --wait --home "$home" >/dev/null 2>&1

passed=0
failed=0
check() {   # name, ok(0/1), detail
    if [[ "$2" == 0 ]]; then passed=$((passed + 1)); echo "PASS $1${3:+ — $3}"
    else failed=$((failed + 1)); echo "FAIL $1${3:+ — $3}"; fi
}
curl -s --max-time 30 "$url/_emulator/operations" >"$work/operations.json"
cli history --batch "$batch" --json --limit 10000 >"$work/history.json" 2>/dev/null
cli queue --json >"$work/queue.json" 2>/dev/null
cli ledger --json >"$work/ledger.json" 2>/dev/null

# 1. none sent twice
dups="$(jq '[.[] | select(.prompt | test("^queue test ")) ] | group_by(.prompt) | map(select(length > 1)) | length' "$work/operations.json")"
sent="$(jq '[.[] | select(.prompt | test("^queue test "))] | length' "$work/operations.json")"
check "no job submitted twice" "$(( dups > 0 ))" "$sent operations, $dups prompts sent more than once"

# 2. none lost: every job of the batch is in its history, ended with an explanation or still waiting for the budget
listed="$(jq length "$work/history.json")"
unexplained="$(jq '[.[] | select((.status == "failed" or .status == "unknown") and ((.error.explanation // "") == ""))] | length' "$work/history.json")"
open="$(jq '[.[] | select(.status != "done" and .status != "failed" and .status != "unknown" and .status != "filtered" and .status != "waiting")] | length' "$work/history.json")"
waiting_other="$(jq '[.[] | select((.reason // "") | startswith("budget") | not)] | length' "$work/queue.json")"
counts="$(jq -r 'group_by(.status) | map("\(.[0].status) \(length)") | join(", ")' "$work/history.json")"
check "no job lost from the queue" "$(( listed != jobs || unexplained > 0 || open > 0 || waiting_other > 0 ))" \
    "$listed of $jobs jobs: $counts; $unexplained without an explanation, $open unfinished, $waiting_other waiting for anything but the budget"

# 3. sha256: journal = disk = emulator
mismatches=0
outputs=0
while read -r id; do
    show="$(cli show "$id" --json 2>/dev/null)"
    while IFS=$'\t' read -r path sha; do
        [[ -z "$path" ]] && continue
        outputs=$((outputs + 1))
        [[ -f "$path" && "$(sha256sum "$path" | cut -c1-64)" == "$sha" ]] || mismatches=$((mismatches + 1))
    done < <(jq -r '.outputs[] | [.path, .sha256] | @tsv' <<<"$show")
    operation="$(jq -r '.operation // ""' <<<"$show")"
    [[ -z "$operation" ]] && continue
    for file in $(jq -r --arg o "${operation##*/}" '.[] | select(.name | endswith($o)) | .files[].id' "$work/operations.json"); do
        served="$(curl -s --max-time 30 "$url/_emulator/files/$file/sha256" | jq -r '.sha256 // ""')"
        jq -e --arg s "$served" '[.outputs[].sha256] | index($s) != null' <<<"$show" >/dev/null || mismatches=$((mismatches + 1))
    done
done < <(jq -r '.[] | select(.status == "done") | .id' "$work/history.json")
check "every output's sha256 equals the file and the emulator's" "$(( mismatches > 0 ))" "$outputs outputs, $mismatches mismatches"

# 4. no half-written file
parts="$(find "$home" -name '*.part' | wc -l)"
check "no .part file left" "$(( parts > 0 ))" "$parts"

# 5. the budget held
used="$(jq -r '.totals | (.charged_usd + .may_be_charged_usd + .in_flight_usd) * 100 | round / 100' "$work/ledger.json")"
over="$(awk -v u="$used" -v c="$cap" 'BEGIN { print (u > c + 0.0001) ? 1 : 0 }')"
check "the budget was never exceeded by two dispatchers" "$over" "sent \$$used against a cap of \$$cap"

echo "$kills kills in $((SECONDS - started)) s"
echo "$passed passed, $failed failed"
(( failed == 0 ))
