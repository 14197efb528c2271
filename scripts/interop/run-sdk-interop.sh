#!/usr/bin/env bash
# Runs Google's Python SDK (google-genai 2.34.0, unmodified) against the Veo emulator.
#
# usage: scripts/interop/run-sdk-interop.sh [PATH_TO_VEO_STUDIO_BINARY]
#        (default: .build/debug/veo-studio)
#
# Starts `veo-studio emulator --port 0 --speed 500 --seed 1` in the background, reads the URL
# from its first line of output (bounded wait), runs sdk_gemini_interop.py against it, stops the
# emulator and exits with the script's status.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
binary="${1:-.build/debug/veo-studio}"
python="${PYTHON:-python3}"
startup_limit=30

if ! "$python" -c "import google.genai" >/dev/null 2>&1; then
    echo "SDK interop test could not run: the Python package google-genai is not importable by $python." >&2
    echo "Install it with: pip install google-genai==2.34.0" >&2
    exit 3
fi
if [[ ! -x "$binary" ]]; then
    echo "SDK interop test could not run: no veo-studio binary at $binary (build it with: swift build)." >&2
    exit 3
fi

workdir="$(mktemp -d)"
emulator_pid=""
cleanup() {
    if [[ -n "$emulator_pid" ]] && kill -0 "$emulator_pid" 2>/dev/null; then
        kill -TERM "$emulator_pid" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$emulator_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$emulator_pid" 2>/dev/null || true
    fi
    rm -rf "$workdir"
}
trap cleanup EXIT

"$binary" emulator --port 0 --speed 500 --seed 1 >"$workdir/stdout" 2>"$workdir/stderr" &
emulator_pid=$!

url=""
for _ in $(seq 1 $((startup_limit * 10))); do
    if [[ -s "$workdir/stdout" ]]; then
        url="$(head -n 1 "$workdir/stdout" | grep -o 'http://[^ ]*' || true)"
        [[ -n "$url" ]] && break
    fi
    if ! kill -0 "$emulator_pid" 2>/dev/null; then
        echo "The emulator exited before it was ready:" >&2
        cat "$workdir/stderr" >&2
        exit 1
    fi
    sleep 0.1
done
if [[ -z "$url" ]]; then
    echo "The emulator printed no URL within ${startup_limit} s. Its output:" >&2
    cat "$workdir/stdout" "$workdir/stderr" >&2
    exit 1
fi
echo "emulator: $url"

status=0
VEO_EMULATOR_URL="$url" "$python" "$here/sdk_gemini_interop.py" "$url" || status=$?
if [[ $status -ne 0 ]]; then
    echo "--- emulator log ---" >&2
    tail -n 40 "$workdir/stderr" >&2
fi
exit "$status"
