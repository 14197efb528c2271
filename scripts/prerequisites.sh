#!/usr/bin/env bash
# Checks what the tests need beyond Swift: ffmpeg, tmux, the SQLite and ncurses headers, and a
# Python with the pinned interop clients in a virtual environment under .build/ (the system
# Python is left alone). Run as root on Debian, it installs what is missing (apt-get, pip in
# that environment); otherwise it stops with one line per missing thing and the command that
# installs it.
# usage: scripts/prerequisites.sh        prints the Python to use for the interop stage (google-genai 2.x
#                                       and openai); google-genai 3.x goes to .build/interop-venv-3x
set -euo pipefail
cd "$(dirname "$0")/.."

venv=".build/interop-venv"
requirements="scripts/interop/requirements.txt"
venv_3x=".build/interop-venv-3x"
requirements_3x="scripts/interop/requirements-3x.txt"

can_install=0
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then can_install=1; fi

missing_packages=()
missing_lines=()
need() { # need DEBIAN_PACKAGE WHAT TEST...
    local package=$1 what=$2; shift 2
    if ! "$@" >/dev/null 2>&1; then
        missing_packages+=("$package")
        missing_lines+=("missing: $what — install it with: sudo apt-get install -y $package")
    fi
}
header() { [[ -f /usr/include/$1 ]]; }

need ffmpeg "ffmpeg (previews, probing, the emulator's rendered videos)" command -v ffmpeg
need tmux "tmux (the terminal tests)" command -v tmux
need libsqlite3-dev "the SQLite headers (sqlite3.h)" header sqlite3.h
need libncurses-dev "the ncurses headers (ncurses.h)" header ncurses.h
need fonts-dejavu-core "the DejaVu font (text in the emulator's rendered videos)" test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
need python3 "python3 (the interop clients)" command -v python3
if command -v python3 >/dev/null && [[ ! -x $venv/bin/python ]] && \
    ! python3 -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec("ensurepip.__main__") is None)' >/dev/null 2>&1; then
    missing_packages+=(python3-venv)
    missing_lines+=("missing: Python's venv module — install it with: sudo apt-get install -y python3-venv")
fi

if [[ ${#missing_packages[@]} -gt 0 ]]; then
    if [[ $can_install -eq 1 ]]; then
        echo "installing: ${missing_packages[*]}" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        apt-get install -y -qq --no-install-recommends "${missing_packages[@]}" >/dev/null
    else
        printf '%s\n' "${missing_lines[@]}" >&2
        exit 3
    fi
fi

# The interop clients, pinned, each set in an environment of the project's own (reinstalled only
# when its pins change).
install_clients() { # install_clients VENV REQUIREMENTS
    local venv=$1 requirements=$2 stamp="$1/requirements.sha256" wanted
    wanted=$(sha256sum "$requirements" | cut -d' ' -f1)
    if [[ ! -x $venv/bin/python || "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]]; then
        echo "installing the interop clients ($requirements) into $venv" >&2
        if ! { python3 -m venv "$venv" >&2 &&
            "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements" >&2; }; then
            echo "missing: the interop clients — install them with: python3 -m venv $venv && $venv/bin/pip install -r $requirements" >&2
            exit 3
        fi
        echo "$wanted" > "$stamp"
    fi
}
install_clients "$venv" "$requirements"
# google-genai 3.x (the interactions profile) beside 2.x, which still has generate_videos.
install_clients "$venv_3x" "$requirements_3x"
echo "$(pwd)/$venv/bin/python"
