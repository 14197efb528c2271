#!/usr/bin/env bash
# Runs Google's Python SDK (google-genai 2.34.0, unmodified) against the Veo emulator, google-genai
# 3.4.0 (unmodified, in its own environment) against its interactions profile, and the `openai`
# package's Videos API (3.57.0, unmodified) against its openai-relay profile.
#
# usage: scripts/interop/run-sdk-interop.sh [PATH_TO_VEO_STUDIO_BINARY]
#        (default: .build/debug/veo-studio)
#
# Writes a throw-away service-account key, starts `veo-studio emulator --port 0 --speed 500 --seed 1
# --service-account-key KEY` (both profiles) in the background, reads the URL from its first line of
# output (bounded wait), runs sdk_gemini_interop.py, sdk_vertex_interop.py, openai_videos_interop.py and
# (with PYTHON_3X, default .build/interop-venv-3x/bin/python) sdk_interactions_interop.py against that one
# process, stops the emulator and exits non-zero if any script failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
binary="${1:-.build/debug/veo-studio}"
python="${PYTHON:-python3}"
python_3x="${PYTHON_3X:-$here/../../.build/interop-venv-3x/bin/python}"
startup_limit=30

if ! "$python" -c "import google.genai, openai" >/dev/null 2>&1; then
    echo "SDK interop test could not run: google-genai or openai is not importable by $python." >&2
    echo "Install them with: pip install -r $here/requirements.txt" >&2
    exit 3
fi
if ! "$python_3x" -c "import google.genai, sys; sys.exit(not google.genai.__version__.startswith('3.'))" >/dev/null 2>&1; then
    echo "SDK interop test could not run: google-genai 3.x is not importable by $python_3x." >&2
    echo "Install it with: python3 -m venv .build/interop-venv-3x && .build/interop-venv-3x/bin/pip install -r $here/requirements-3x.txt" >&2
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

key_flags=()
if "$python" "$here/sdk_vertex_interop.py" --make-service-account "$workdir/service-account.json" 2>"$workdir/key-error"; then
    key_flags=(--service-account-key "$workdir/service-account.json")
    export VEO_SERVICE_ACCOUNT_FILE="$workdir/service-account.json"
else
    echo "note: no service-account key could be made ($(tail -n 1 "$workdir/key-error")); the token endpoint case is left out" >&2
fi

"$binary" emulator --port 0 --speed 500 --seed 1 ${key_flags[@]+"${key_flags[@]}"} >"$workdir/stdout" 2>"$workdir/stderr" &
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
echo "== Gemini API profile"
VEO_EMULATOR_URL="$url" "$python" "$here/sdk_gemini_interop.py" "$url" || status=$?
echo "== Vertex AI profile"
VEO_EMULATOR_URL="$url" "$python" "$here/sdk_vertex_interop.py" "$url" || status=$?
echo "== openai-relay profile (the openai package's Videos API)"
"$python" "$here/openai_videos_interop.py" "$url" || status=$?
echo "== interactions profile (google-genai 3.x)"
VEO_EMULATOR_URL="$url" "$python_3x" "$here/sdk_interactions_interop.py" "$url" || status=$?
if [[ $status -ne 0 ]]; then
    echo "--- emulator log ---" >&2
    tail -n 40 "$workdir/stderr" >&2
fi
exit "$status"
