#!/usr/bin/env bash
# The project's tmux driver for its terminal tests: runs one program in a private tmux server,
# types into it and reads its screen. Source it from a bash test script; needs tmux and grep.
#
#   tui_start PROGRAM ARGS...   start it in a COLS×ROWS window (TUI_COLS, TUI_ROWS: 100×30);
#                               a single argument is run as shell code ("cd x && prog; stty -a")
#   tui_keys KEY...             tmux key names (Enter, Escape, F2, C-s, Down, BSpace, …)
#   tui_type TEXT               literal text, UTF-8
#   tui_screen [-e]             the visible screen (-e keeps the colour escapes)
#   tui_wait_for TEXT [SECS]    until TEXT is on screen; prints the screen and fails on timeout
#   tui_wait_for_re RE [SECS]   the same with an extended regular expression
#   tui_wait_gone TEXT [SECS]   until TEXT has left the screen
#   tui_resize COLS ROWS        resize the window (the program gets SIGWINCH)
#   tui_pid                     the program's pid
#   tui_wait_exit [SECS]        until the program ends; prints its exit status (128+N on signal N)
#   tui_stop                    end the session and its server
#
# TUI_SESSION names the session and its socket (several can run at once), TUI_TIMEOUT is the
# default wait in seconds (10). The pane runs with TERM=tmux-256color, LANG=C.UTF-8 and a short
# ESCDELAY so a lone Escape arrives quickly.

_tui_name() { printf '%s' "${TUI_SESSION:-veo-tui}"; }
_tui() { tmux -L "$(_tui_name)" -f /dev/null "$@"; }
_tui_exit_file() { printf '%s/%s-%s.exit' "${TMPDIR:-/tmp}" "$(_tui_name)" "$(id -u)"; }
_tui_clock_ms() { date +%s%3N; }

tui_start() {
    local exit_file command
    exit_file=$(_tui_exit_file)
    rm -f "$exit_file"
    _tui kill-server 2>/dev/null || true
    if [[ $# -eq 1 ]]; then command=$1; else command=$(printf '%q ' "$@"); fi
    # The pane's shell records the status and stays open, so the last screen can still be read.
    TMUX='' LANG=C.UTF-8 LC_ALL=C.UTF-8 ESCDELAY=25 _tui \
        start-server \; \
        set-option -g default-terminal tmux-256color \; \
        set-option -g status off \; \
        new-session -d -s "$(_tui_name)" -x "${TUI_COLS:-100}" -y "${TUI_ROWS:-30}" \
        bash -c "( $command ); echo \$? > $(printf '%q' "$exit_file"); exec sleep infinity"
}

tui_keys() { [[ $# -gt 0 ]] && _tui send-keys -t "$(_tui_name)" "$@"; }

tui_type() { _tui send-keys -t "$(_tui_name)" -l -- "$*"; }

tui_screen() {
    if [[ ${1:-} == -e ]]; then
        _tui capture-pane -p -e -t "$(_tui_name)"
    else
        _tui capture-pane -p -t "$(_tui_name)"
    fi
}

tui_resize() { _tui resize-window -t "$(_tui_name)" -x "$1" -y "$2"; }

tui_pid() {
    local shell
    shell=$(_tui display-message -p -t "$(_tui_name)" '#{pane_pid}') || return 1
    pgrep -P "$shell" | head -n 1
}

# _tui_until WHAT SECS COMMAND...: polls COMMAND every 50 ms; on timeout prints WHAT and the screen.
# Once the program has exited, its last output gets half a second to reach the screen.
_tui_until() {
    local what=$1 seconds=${2:-${TUI_TIMEOUT:-10}}
    shift 2
    local deadline=$(($(_tui_clock_ms) + seconds * 1000)) ended=0
    until "$@"; do
        if [[ $ended -eq 0 && -e $(_tui_exit_file) ]]; then
            ended=1
            local grace=$(($(_tui_clock_ms) + 500))
            ((grace < deadline)) && deadline=$grace
        fi
        if (($(_tui_clock_ms) >= deadline)); then
            {
                if [[ $ended -eq 1 ]]; then
                    echo "driver: the program exited ($(cat "$(_tui_exit_file)")) before $what"
                else
                    echo "driver: ${seconds}s passed without $what"
                fi
                echo "----- screen -----"
                tui_screen 2>/dev/null || echo "(no session)"
                echo "------------------"
            } >&2
            return 1
        fi
        sleep 0.05
    done
}

_tui_shows() { local screen; screen=$(tui_screen 2>/dev/null) && grep -q "$1" -- "$2" <<<"$screen"; }
_tui_lacks() { local screen; screen=$(tui_screen 2>/dev/null) && ! grep -q "$1" -- "$2" <<<"$screen"; }

tui_wait_for() { _tui_until "the text '$1'" "${2:-}" _tui_shows -F "$1"; }
tui_wait_for_re() { _tui_until "a match for '$1'" "${2:-}" _tui_shows -E "$1"; }
tui_wait_gone() { _tui_until "'$1' leaving the screen" "${2:-}" _tui_lacks -F "$1"; }

tui_wait_exit() {
    local exit_file
    exit_file=$(_tui_exit_file)
    _tui_until "the program's exit" "${1:-}" test -s "$exit_file" || return 1
    cat "$exit_file"
}

tui_stop() {
    _tui kill-server 2>/dev/null || true
    rm -f "$(_tui_exit_file)"
}
