# Shared by the tmux end-to-end scripts: the project's driver, tmux, and PASS/FAIL counting.
# Source it after `cd` to the project root; it sets `binary` from the first argument.
binary="$(pwd)/${1:-.build/debug/veo-studio}"
driver="$(pwd)/scripts/tui/driver.sh"
if ! command -v tmux >/dev/null; then
    echo "terminal test could not run: tmux is not installed (apt-get install tmux)" >&2
    exit 3
fi

passed=0
failed=0
check() {
    local name=$1; shift
    if "$@"; then passed=$((passed + 1)); echo "PASS $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}

# Prints the tally and fails when any check failed.
finish() {
    echo "$passed passed, $failed failed"
    [[ $failed -eq 0 ]]
}
