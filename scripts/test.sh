#!/usr/bin/env bash
# Runs every test of the project: the Swift test suites, the interop test in which Google's own
# Python SDK drives the emulator through all five modes, and the terminal test in tmux.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --build-tests
swift test --skip-build --parallel --num-workers 2

echo "== SDK interop (google-genai against the emulator)"
scripts/interop/run-sdk-interop.sh .build/debug/veo-studio

echo "== terminal (tmux)"
scripts/tui/terminal-check.sh .build/debug/veo-studio
scripts/tui/studio.sh .build/debug/veo-studio
