#!/usr/bin/env bash
# Runs every test of the project: the Swift test suites, the interop test in which Google's own
# Python SDK drives the emulator through all five modes, and the terminal tests in tmux.
# It checks the prerequisites first (scripts/prerequisites.sh: as root on Debian it installs
# what is missing; otherwise it names each missing thing and the command that installs it).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== prerequisites"
python="$(scripts/prerequisites.sh)"
echo "all present (interop Python: ${python#"$(pwd)/"})"

swift build --build-tests
swift test --skip-build --parallel --num-workers 2

echo "== SDK interop (google-genai and openai against the emulator)"
PYTHON="$python" scripts/interop/run-sdk-interop.sh .build/debug/veo-studio

echo "== terminal (tmux)"
scripts/tui/terminal-check.sh .build/debug/veo-studio
scripts/tui/studio.sh .build/debug/veo-studio
