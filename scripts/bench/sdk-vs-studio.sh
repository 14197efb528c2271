#!/usr/bin/env bash
# The studio CLI against Google's Python SDK (google-genai) on the same work: JOBS (default 5)
# text-to-video jobs with 3 reference images of ~1 MB each (random-noise PNGs), each submitted,
# polled until done and downloaded, against ONE local emulator.
#
#   studio: one `veo-studio generate --provider gemini --base-url URL --ref … --wait` process per
#           job (its own --home, whose config.toml sets latency_scale = 1/speed so it polls fast)
#   SDK:    scripts/bench/sdk_jobs.py — once with all JOBS jobs in one Python process, and JOBS
#           times with one job each (a process per job, like the studio)
#
# CPU (user+sys) and peak RSS come from the kernel (wait4 rusage via /usr/bin/time, else a Python
# os.wait4 wrapper); child processes a side spawns (e.g. ffprobe) are included in its figures.
# Prints both views and the studio/SDK ratios against the targets CPU ≤ 0.2×, peak RSS ≤ 0.5×.
#
# With --batch the studio side is ONE `veo-studio batch FILE --wait` process running all JOBS lines
# (the same prompt, model and three images per line) through its queue, against the SDK's one
# process doing the JOBS jobs in a loop (the script a user would otherwise write). Each side runs
# RUNS times (default 3), alternating, each studio run on a fresh home; the ratios are of the medians.
#
# usage: scripts/bench/sdk-vs-studio.sh [--batch [--runs RUNS]] [JOBS]
#   VEO_STUDIO_BIN   the veo-studio binary (default: the first built of .build-release/release/veo-studio,
#                    made by scripts/build-release.sh, .build/release/veo-studio, .build/debug/veo-studio)
#   EMULATOR_RENDER  1 lets the emulator render with ffmpeg (default: --no-ffmpeg, the built-in MP4,
#                    so the emulator does not compete for the CPU; it is not what is measured)
set -euo pipefail
cd "$(dirname "$0")/../.."

batch=0
runs=1
if [[ ${1:-} == --batch ]]; then batch=1; runs=3; shift; fi
if [[ $batch == 1 && ${1:-} == --runs ]]; then runs=${2:-}; shift 2 || true; fi
jobs=${1:-5}
[[ $jobs =~ ^[1-9][0-9]*$ && $runs =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [--batch [--runs RUNS]] [JOBS]" >&2; exit 2; }
speed=500

python=$(scripts/prerequisites.sh)
studio=${VEO_STUDIO_BIN:-}
if [[ -z $studio ]]; then
    for candidate in .build-release/release/veo-studio .build/release/veo-studio .build/debug/veo-studio; do
        if [[ -x $candidate ]]; then studio=$candidate; break; fi
    done
fi
[[ -x $studio ]] || { echo "no veo-studio binary at $studio; build it: scripts/build-release.sh" >&2; exit 3; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sdk-vs-studio.XXXXXX")
emulator_pid=
cleanup() {
    if [[ -n $emulator_pid ]]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# measure OUT CMD...: runs CMD, writes "user sys maxrss_kb wall" to OUT; returns CMD's status.
if [[ -x /usr/bin/time ]]; then
    meter="/usr/bin/time"
    measure() { local out=$1; shift; /usr/bin/time -f '%U %S %M %e' -o "$out" "$@"; }
else
    meter="python os.wait4"
    measure() {
        local out=$1; shift
        python3 - "$out" "$@" <<'EOF'
import os, sys, time
out, argv = sys.argv[1], sys.argv[2:]
started = time.monotonic()
pid = os.fork()
if pid == 0:
    os.execvp(argv[0], argv)
_, status, usage = os.wait4(pid, 0)
with open(out, "w") as handle:
    handle.write(f"{usage.ru_utime} {usage.ru_stime} {usage.ru_maxrss} {time.monotonic() - started}\n")
sys.exit(os.waitstatus_to_exitcode(status))
EOF
    }
fi

# One emulator for both sides.
emulator_flags=(--port 0 --speed "$speed" --rpm 100000)
[[ ${EMULATOR_RENDER:-0} == 1 ]] || emulator_flags+=(--no-ffmpeg)
"$studio" emulator "${emulator_flags[@]}" > "$work/emulator.out" 2> "$work/emulator.err" &
emulator_pid=$!
url=
for _ in $(seq 1 200); do
    url=$(sed -n 's/^Veo emulator listening on \(http[^ ]*\).*/\1/p' "$work/emulator.out")
    [[ -n $url ]] && break
    kill -0 "$emulator_pid" 2>/dev/null || break
    sleep 0.05
done
[[ -n $url ]] || { echo "the emulator did not start:" >&2; cat "$work/emulator.err" >&2; exit 1; }

"$python" scripts/bench/sdk_jobs.py --make-pngs "$work/refs" --count 3 --bytes 1048576 > "$work/refs.txt"
refs=("$work/refs/ref-a.png" "$work/refs/ref-b.png" "$work/refs/ref-c.png")

echo "sdk-vs-studio: $jobs jobs, 3 reference images ($(awk '{printf "%s%s", sep, $2; sep=", "}' "$work/refs.txt") bytes), emulator $url (${emulator_flags[*]})"
echo "  studio: $studio ($(file -b "$studio" | grep -q 'not stripped' && echo 'not stripped, ' || true)$(du -h "$studio" | cut -f1)); SDK: $("$python" -c 'import sys, google.genai as g; print(f"google-genai {g.__version__}, Python {sys.version.split()[0]}")'); meter: $meter"

scale=$(python3 -c "print(1 / $speed)")
# sdk_loop NAME: the SDK doing all jobs in one Python process.
sdk_loop() {
    if ! measure "$work/$1.time" "$python" scripts/bench/sdk_jobs.py "$url" --jobs "$jobs" \
            --ref "${refs[0]}" --ref "${refs[1]}" --ref "${refs[2]}" --out "$work/$1" > "$work/$1.out" 2>&1; then
        echo "SDK run FAILED:" >&2; cat "$work/$1.out" >&2; exit 1
    fi
}

if [[ $batch == 1 ]]; then
    # Studio: one batch process; the configured limits let it run every line at once, as the SDK
    # loop is not throttled either.
    for i in $(seq 1 "$jobs"); do
        printf '{"provider": "gemini", "model": "veo-3.1-generate-preview", "prompt": "A woman in a red dress walks her dog past a blue car", "refs": ["%s", "%s", "%s"], "duration": 8, "aspect_ratio": "16:9"}\n' \
            "${refs[0]}" "${refs[1]}" "${refs[2]}"
    done > "$work/batch.jsonl"
    for run in $(seq 1 "$runs"); do
        home="$work/studio-batch-$run"
        mkdir -p "$home"
        printf '[providers.gemini]\nlatency_scale = %s\nbase_url = "%s"\nrequests_per_minute = 100000\nmax_running = %s\n' \
            "$scale" "$url" "$jobs" > "$home/config.toml"
        if ! GEMINI_API_KEY=bench measure "$work/studio-batch-$run.time" "$studio" batch --home "$home" "$work/batch.jsonl" --wait \
                > "$work/studio-batch-$run.out" 2> "$work/studio-batch-$run.err"; then
            echo "studio batch FAILED:" >&2; tail -20 "$work/studio-batch-$run.out" "$work/studio-batch-$run.err" >&2; exit 1
        fi
        made=$(find "$home" -name '*.mp4' | wc -l)
        [[ $made -eq $jobs ]] || { echo "studio batch: $made MP4s under its home, expected $jobs" >&2; tail -20 "$work/studio-batch-$run.out" >&2; exit 1; }
        sdk_loop "sdk-all-$run"
    done
else
    # Studio: one process per job.
    for i in $(seq 1 "$jobs"); do
        home="$work/studio-$i"
        mkdir -p "$home"
        printf '[providers.gemini]\nlatency_scale = %s\n' "$scale" > "$home/config.toml"
        if ! GEMINI_API_KEY=bench measure "$work/studio-$i.time" "$studio" generate --home "$home" --provider gemini \
                --base-url "$url" --model veo-3.1-generate-preview --prompt "A woman in a red dress walks her dog past a blue car" \
                --ref "${refs[0]}" --ref "${refs[1]}" --ref "${refs[2]}" --duration 8 --aspect-ratio 16:9 --wait \
                > "$work/studio-$i.out" 2> "$work/studio-$i.err"; then
            echo "studio job $i FAILED:" >&2; tail -20 "$work/studio-$i.out" "$work/studio-$i.err" >&2; exit 1
        fi
        mp4=$(find "$home" -name '*.mp4' | head -1)
        [[ -n $mp4 ]] || { echo "studio job $i: no MP4 under its home" >&2; tail -20 "$work/studio-$i.err" >&2; exit 1; }
    done
fi

# SDK: all jobs in one process, then one process per job.
[[ $batch == 1 ]] || sdk_loop sdk-all
for i in $(seq 1 "$jobs"); do
    [[ $batch == 1 ]] && break
    if ! measure "$work/sdk-$i.time" "$python" scripts/bench/sdk_jobs.py "$url" --jobs 1 \
            --ref "${refs[0]}" --ref "${refs[1]}" --ref "${refs[2]}" --out "$work/sdk-$i" > "$work/sdk-$i.out" 2>&1; then
        echo "SDK job $i FAILED:" >&2; cat "$work/sdk-$i.out" >&2; exit 1
    fi
done

python3 - "$work" "$jobs" "$batch" "$runs" <<'EOF'
import sys
work, jobs, batch, runs = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1", int(sys.argv[4])

def read(name):
    user, system, rss_kb, wall = open(f"{work}/{name}.time").read().split()[-4:]
    return float(user), float(system), int(rss_kb) / 1024, float(wall)

def side(names):
    runs = [read(n) for n in names]
    return {
        "cpu": sum(u + s for u, s, _, _ in runs),
        "user": sum(u for u, _, _, _ in runs),
        "sys": sum(s for _, s, _, _ in runs),
        "rss": max(r for _, _, r, _ in runs),
        "wall": sum(w for _, _, _, w in runs),
        "runs": runs,
    }

if batch:
    def median(name):
        sides = sorted((side([f"{name}-{run}"]) for run in range(1, runs + 1)), key=lambda s: s["cpu"])
        return sides[len(sides) // 2], sides
    studio, studio_runs = median("studio-batch")
    sdk_all, sdk_runs = median("sdk-all")
    print()
    print(f"{'':36} {'CPU s (user+sys)':>18} {'user':>7} {'sys':>7} {'peak RSS':>10} {'wall s':>8}")
    for label, s in ((f"studio: 1 batch process x {jobs} jobs", studio), (f"SDK:    1 process x {jobs} jobs", sdk_all)):
        print(f"{label:36} {s['cpu']:18.3f} {s['user']:7.3f} {s['sys']:7.3f} {s['rss']:8.1f}MB {s['wall']:8.2f}")
    if runs > 1:
        print(f"(medians of {runs} runs each; CPU s of every run: studio "
              + ", ".join(f"{s['cpu']:.3f}" for s in studio_runs) + " | SDK " + ", ".join(f"{s['cpu']:.3f}" for s in sdk_runs) + ")")
    cpu, rss = studio["cpu"] / sdk_all["cpu"], studio["rss"] / sdk_all["rss"]
    def verdict(ratio, target):
        return f"{'meets' if ratio <= target else 'MISSES'} ≤ {target}x"
    print()
    print(f"studio batch/SDK loop: CPU {cpu:.3f}x ({verdict(cpu, 0.2)}), peak RSS {rss:.3f}x ({verdict(rss, 0.5)})")
    sys.exit(0)
sdk_all = side(["sdk-all"])
studio = side([f"studio-{i}" for i in range(1, jobs + 1)])
sdk_each = side([f"sdk-{i}" for i in range(1, jobs + 1)])

print()
print(f"{'':36} {'CPU s (user+sys)':>18} {'user':>7} {'sys':>7} {'peak RSS':>10} {'wall s':>8}")
def row(label, s):
    print(f"{label:36} {s['cpu']:18.3f} {s['user']:7.3f} {s['sys']:7.3f} {s['rss']:8.1f}MB {s['wall']:8.2f}")
row(f"studio: {jobs} processes x 1 job", studio)
row(f"SDK:    {jobs} processes x 1 job", sdk_each)
row(f"SDK:    1 process x {jobs} jobs", sdk_all)
print()
print("per-job CPU s:  studio " + ", ".join(f"{u + s:.3f}" for u, s, _, _ in studio["runs"])
      + "  |  SDK " + ", ".join(f"{u + s:.3f}" for u, s, _, _ in sdk_each["runs"]))
print("per-job RSS MB: studio " + ", ".join(f"{r:.1f}" for _, _, r, _ in studio["runs"])
      + "  |  SDK " + ", ".join(f"{r:.1f}" for _, _, r, _ in sdk_each["runs"]))
print()

def verdict(ratio, target):
    return f"{'meets' if ratio <= target else 'MISSES'} ≤ {target}x" + ("" if ratio <= target else f" (by {ratio / target:.2f}x)")

for label, sdk in (("same shape, process per job (primary)", sdk_each), (f"SDK amortised, {jobs} jobs in one process", sdk_all)):
    cpu = studio["cpu"] / sdk["cpu"]
    rss = studio["rss"] / sdk["rss"]
    print(f"studio/SDK, {label}: CPU {cpu:.3f}x ({verdict(cpu, 0.2)}), peak RSS {rss:.3f}x ({verdict(rss, 0.5)})")
EOF
