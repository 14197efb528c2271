#!/usr/bin/env bash
# Runs every test of the project: the Swift test suites, the interop tests in which Google's own
# Python SDK and the openai package drive the emulator, the terminal tests in tmux, the kill-anywhere
# proofs (CI size) and the fuzz targets (a fixed, bounded number of inputs each).
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
PYTHON="$python" PYTHON_3X="$(pwd)/.build/interop-venv-3x/bin/python" scripts/interop/run-sdk-interop.sh .build/debug/veo-studio

echo "== terminal (tmux)"
scripts/tui/terminal-check.sh .build/debug/veo-studio
scripts/tui/studio.sh .build/debug/veo-studio

echo "== proofs: SIGKILL anywhere, then resume (CI size; --kills 200 for the full size)"
scripts/proofs/kill-anywhere.sh .build/debug/veo-studio
echo "== proofs: SIGKILL two dispatchers of one queued batch (CI size; --jobs 50 --kills 100 for the full size)"
scripts/proofs/kill-queue.sh .build/debug/veo-studio
echo "== proofs: SIGKILL a storyboard run, then run it again (CI size; --shots 40 --kills 100 for the full size)"
scripts/proofs/kill-story.sh .build/debug/veo-studio

echo "== fuzzing (20 000 inputs per target; scripts/fuzz/run.sh 600 for a long run)"
scripts/fuzz/run.sh --runs 20000
