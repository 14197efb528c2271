#!/usr/bin/env bash
# End-to-end in a real terminal (tmux): `veo-studio terminal-check` draws wide text, reports keys,
# redraws on resize, and gives the terminal back on q and on SIGTERM.
# usage: scripts/tui/terminal-check.sh [PATH_TO_VEO_STUDIO_BINARY]
set -u
cd "$(dirname "$0")/../.."
source scripts/tui/lib.sh "${1:-}"
export TUI_SESSION="veo-terminal-check-$$"
source "$driver"
trap tui_stop EXIT


tui_start "$binary" terminal-check
check "first frame" tui_wait_for "Terminal check" 15
check "wide text" tui_wait_for "wide text: héllo 世界 🎬" 5
check "half-block picture" tui_wait_for "▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀" 5
tui_keys F2
check "function key" tui_wait_for "last key: F2 (1 pressed)" 5
tui_keys C-s
check "control key" tui_wait_for "last key: Ctrl-S" 5
tui_type "世"
check "wide character typed" tui_wait_for "last key: 世" 5
tui_resize 80 24
check "redraw on resize" tui_wait_for "size: 80x24" 5
check "colours" bash -c "source '$driver'; tui_screen -e | grep -q $'\e\\\\['"
check "256-colour picture" bash -c "source '$driver'; test \$(tui_screen -e | grep -o $'\e\\\\[[34]8;5;[0-9]*m' | sort -u | wc -l) -ge 20"
tui_keys q
check "q quits with 0" test "$(tui_wait_exit 5)" = 0

tui_start "$binary" terminal-check
tui_wait_for "Terminal check" 15 >/dev/null
kill -TERM "$(tui_pid)"
check "SIGTERM restores and exits 0" test "$(tui_wait_exit 5)" = 0

finish
