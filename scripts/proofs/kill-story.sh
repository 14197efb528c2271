#!/usr/bin/env bash
# Proof: SIGKILL a storyboard run anywhere — while it queues a shot, sends it, follows it, takes a
# last frame or stitches — then run `story` again: no shot is submitted twice, and the film completes.
#
# usage: scripts/proofs/kill-story.sh [BINARY] [--shots N] [--kills N] [--seed S]
#        BINARY   the veo-studio binary (default .build/debug/veo-studio)
#        --shots  shots in the storyboard (default 8, the CI size; 40 is the full size)
#        --kills  how many runs to kill at most (default 15, the CI size; 100 is the full size)
#        --seed   seeds the emulator and the kill delays (default 1)
#
# Starts one emulator (--speed 200) and one home whose config points the Gemini API at it. The
# storyboard's shots are chained every way in turn (cut, extend, last-frame, extend, cut,
# last-frame, extend, ingredients), so a run is killed in each of its steps. Each round starts
# `veo-studio story FILE --wait` and SIGKILLs it after a seeded random delay (0–1.2 s), until the
# film exists or the kills are spent; then `story FILE --wait` runs to the end. A shot whose submit was cut between sending and
# the answer is `unknown` (never sent again on its own): it is retaken by name, as a person would.
# Then it proves, from the emulator's operations and the journal:
#   1. no shot was submitted twice (operations per prompt <= 1, a retake's prompt is its own);
#   2. the film completes: status done, every shot done, the film's sha256 is the file's;
#   3. the film's length is the shots' (an extension holding the shot before counted once);
#   4. no `*.part` or `.partial-*` file is left.
# Ends with `N passed, M failed`; exits 1 on any failure, 3 when it cannot run.
set -u

binary=".build/debug/veo-studio"
shots=8
kills=15
seed=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --shots) shots="${2:?--shots needs a number}"; shift 2 ;;
        --kills) kills="${2:?--kills needs a number}"; shift 2 ;;
        --seed) seed="${2:?--seed needs a number}"; shift 2 ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        -*) echo "unknown option $1" >&2; exit 2 ;;
        *) binary="$1"; shift ;;
    esac
done
[[ "$shots" =~ ^[1-9][0-9]*$ && "$kills" =~ ^[0-9]+$ && "$seed" =~ ^[0-9]+$ ]] || { echo "--shots, --kills and --seed take whole numbers" >&2; exit 2; }
for tool in jq curl sha256sum timeout find awk ffprobe; do
    command -v "$tool" >/dev/null 2>&1 || { echo "kill-story could not run: $tool is missing" >&2; exit 3; }
done
[[ -x "$binary" ]] || { echo "kill-story could not run: no veo-studio binary at $binary" >&2; exit 3; }
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"

work="$(mktemp -d)"
home="$work/home"
mkdir -p "$home"
emulator_pid=""
pid=""
cleanup() {
    [[ -n "$pid" ]] && kill -KILL "$pid" 2>/dev/null
    if [[ -n "$emulator_pid" ]]; then kill -TERM "$emulator_pid" 2>/dev/null; sleep 0.2; kill -KILL "$emulator_pid" 2>/dev/null; fi
    if [[ -n "${KILL_STORY_KEEP:-}" ]]; then echo "kept the run's files in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

speed=200
"$binary" emulator --port 0 --host 127.0.0.1 --speed "$speed" --seed "$seed" --rpm 100000 >"$work/emulator.out" 2>"$work/emulator.err" &
emulator_pid=$!
url=""
for _ in $(seq 600); do
    url="$(head -n 1 "$work/emulator.out" 2>/dev/null | grep -o 'http://127\.0\.0\.1:[0-9]*' || true)"
    [[ -n "$url" ]] && break
    sleep 0.05
done
[[ -n "$url" ]] || { echo "the emulator printed no URL" >&2; cat "$work/emulator.err" >&2; exit 3; }

scale="$(awk -v s="$speed" 'BEGIN { printf "%.6f", 1 / s }')"
printf '[providers.gemini]\nbase_url = "%s"\nlatency_scale = %s\nrequests_per_minute = 600\n' "$url" "$scale" >"$home/config.toml"
{
    printf 'title = "Kill story"\n[defaults]\nprovider = "gemini"\nmodel = "veo-3.1-fast-generate-preview"\nduration = 8\n'
    pattern=("cut:a lighthouse at dusk" "extend:the beam sweeps the sea" "last-frame:a boat turns towards it"
             "extend:waves break on the rocks" "cut:gulls circle the tower" "last-frame:the keeper climbs the stairs"
             "extend:the lamp is lit" "ingredients:night falls on the harbour")
    for ((shot = 1; shot <= shots; shot++)); do
        pair="${pattern[$(((shot - 1) % 8))]}"
        printf '\n[[shot]]\nprompt = "story test %d: %s"\ncontinue = "%s"\n' "$shot" "${pair#*:}" "${pair%%:*}"
    done
} >"$work/film.toml"
# In place of the calling background subshell, so `$!` is the CLI itself and SIGKILL reaches it.
launch() { exec env -i HOME="$work" PATH=/usr/bin:/bin LANG=C.UTF-8 GEMINI_API_KEY=story-key "$binary" "$@" --home "$home"; }
cli() { timeout 300 env -i HOME="$work" PATH=/usr/bin:/bin LANG=C.UTF-8 GEMINI_API_KEY=story-key "$binary" "$@" --home "$home"; }
echo "emulator: $url; $shots shots; kills: at most $kills"

RANDOM=$seed
started=$SECONDS
killed=0
board=""
for ((k = 0; k < kills; k++)); do
    launch story "$work/film.toml" --wait >/dev/null 2>&1 &
    pid=$!
    delay=$((RANDOM % 1200))
    sleep "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))"
    if kill -KILL "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
    { wait "$pid"; } 2>/dev/null
    pid=""
    [[ -z "$board" ]] && board="$(cli story list --json 2>/dev/null | jq -r '.[0].id // empty')"
    [[ -n "$board" && "$(cli story show "$board" --json 2>/dev/null | jq -r '.status')" == "done" ]] && break
done
echo "$killed runs killed in $((SECONDS - started)) s"

cli story "$work/film.toml" --wait --json >"$work/final.json" 2>"$work/final.err"
board="$(jq -r '.id // empty' "$work/final.json")"
retaken=0
for _ in $(seq 1 10); do
    [[ "$(jq -r '.status' "$work/final.json")" == "done" ]] && break
    shot="$(jq -r '[.shots[] | select(.status == "unknown" or .status == "failed")][0].index // empty' "$work/final.json")"
    [[ -z "$shot" ]] && break
    retaken=$((retaken + 1))
    cli story retake "$board" "$shot" --prompt "story retake $retaken of shot $shot" --wait --json >"$work/final.json" 2>>"$work/final.err"
done

passed=0
failed=0
check() {   # name, ok(0/1), detail
    if [[ "$2" == 0 ]]; then passed=$((passed + 1)); echo "PASS $1${3:+ — $3}"
    else failed=$((failed + 1)); echo "FAIL $1${3:+ — $3}"; fi
}
curl -s --max-time 30 "$url/_emulator/operations" >"$work/operations.json"

# 1. none sent twice
dups="$(jq '[.[] | select(.prompt | test("^story "))] | group_by(.prompt) | map(select(length > 1)) | length' "$work/operations.json")"
sent="$(jq '[.[] | select(.prompt | test("^story "))] | length' "$work/operations.json")"
check "no shot submitted twice" "$(( dups > 0 ))" "$sent submissions for $shots shots ($retaken retaken after a cut submit), $dups prompts sent more than once"

# 2. the film completes
status="$(jq -r '.status // "none"' "$work/final.json")"
film="$(jq -r '.film.path // empty' "$work/final.json")"
sha="$(jq -r '.film.sha256 // empty' "$work/final.json")"
undone="$(jq '[.shots[] | select(.status != "done")] | length' "$work/final.json" 2>/dev/null || echo "$shots")"
same=1
[[ -n "$film" && -f "$film" && "$(sha256sum "$film" | cut -c1-64)" == "$sha" ]] && same=0
check "the film completes" "$(( same != 0 || undone > 0 ))" "status $status, $undone shots not done, film ${film:-missing}"
[[ "$status" == "done" ]] || tail -5 "$work/final.err" >&2

# 3. the film's length is the shots' (each extension holds the shot it extends)
if [[ -n "$film" && -f "$film" ]]; then
    seconds="$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$film")"
    expected=0
    previous=0
    while read -r id kind; do
        path="$(cli show "$id" --json 2>/dev/null | jq -r '.outputs[0].path')"
        length="$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$path")"
        if [[ "$kind" == "extend" ]] && awk -v l="$length" -v p="$previous" 'BEGIN { exit !(l > p + 1) }'; then
            expected="$(awk -v e="$expected" -v p="$previous" -v l="$length" 'BEGIN { print e - p + l }')"
        else
            expected="$(awk -v e="$expected" -v l="$length" 'BEGIN { print e + l }')"
        fi
        previous="$length"
    done < <(jq -r '.shots[] | "\(.generation) \(.continue)"' "$work/final.json")
    off="$(awk -v a="$seconds" -v b="$expected" 'BEGIN { d = a - b; if (d < 0) d = -d; print (d > 0.1) ? 1 : 0 }')"
    check "the film is as long as its shots" "$off" "$seconds s for $expected s of shots"
else
    check "the film is as long as its shots" 1 "no film"
fi

# 4. no half-written file
parts="$(find "$home" \( -name '*.part' -o -name '.partial-*' \) | wc -l)"
check "no half-written file left" "$(( parts > 0 ))" "$parts"

echo "$passed passed, $failed failed"
(( failed == 0 ))
