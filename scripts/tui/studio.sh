#!/usr/bin/env bash
# End-to-end in a real terminal (tmux): the studio on the sandbox. A job submitted from the CLI
# reappears in Operations and finishes there; History finds it by search; help, resize, a too-small
# terminal, quitting; kill -9 while a job runs, start again, the job resumes and finishes.
# usage: scripts/tui/studio.sh [PATH_TO_VEO_STUDIO_BINARY]
set -u
cd "$(dirname "$0")/../.."
binary="$(pwd)/${1:-.build/debug/veo-studio}"
driver="../shared/tools/tui-drive.sh"
if [[ ! -f "$driver" ]] || ! command -v tmux >/dev/null; then
    echo "studio test could not run: it needs tmux and $driver beside the project" >&2
    exit 3
fi
export TUI_SESSION="veo-studio-$$"
export VEO_STUDIO_SANDBOX_SPEED=20
home="$(mktemp -d)"
source "$driver"
trap 'tui_stop; rm -rf "$home"' EXIT

passed=0
failed=0
check() {
    local name=$1; shift
    if "$@"; then passed=$((passed + 1)); echo "PASS $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}

"$binary" generate --home "$home" --prompt "a lighthouse in a storm" --json >/dev/null 2>&1
tui_start "$binary" studio --home "$home"
check "an earlier run's job reappears" tui_wait_for "Operations — 1 unfinished" 15
check "its state is shown" tui_wait_for_re "#1 +(queued|running)" 5
check "it finishes while watched" tui_wait_for "Operations — 0 unfinished" 40
tui_keys F4
check "History shows it done" tui_wait_for_re "#1 +done" 5
tui_keys Enter
check "Enter shows every detail" tui_wait_for "Generation #1 — Esc closes" 5
check "the detail has the cost and the output" bash -c "source '$driver'; tui_screen | grep -q 'cost estimate: \$3.20' && tui_screen | grep -q 'output 1:'"
tui_keys Escape
tui_keys /
tui_type "light"
check "search as you type" tui_wait_for "/ light" 5
tui_keys Escape F1
check "help opens" tui_wait_for "Help — Esc closes" 5
tui_keys Escape
tui_resize 70 20
check "too small asks for room" tui_wait_for "Enlarge the terminal" 5
tui_resize 100 30
check "resize redraws" tui_wait_for "F4 History" 5
tui_keys q
check "q quits with 0" test "$(tui_wait_exit 5)" = 0

"$binary" generate --home "$home" --prompt "survives kill -9" --json >/dev/null 2>&1
tui_start "$binary" studio --home "$home"
check "second job is tracked" tui_wait_for_re "#2 +(queued|running)" 15
kill -KILL "$(tui_pid)"
tui_wait_exit 5 >/dev/null
tui_start "$binary" studio --home "$home"
check "after kill -9 it resumes and finishes" tui_wait_for "Operations — 0 unfinished" 40
tui_keys F4
check "and is in History" tui_wait_for_re "#2 +done" 5
tui_keys C-q
check "Ctrl-Q quits with 0" test "$(tui_wait_exit 5)" = 0

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
