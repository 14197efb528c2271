#!/usr/bin/env bash
# End-to-end in a real terminal (tmux): the studio on the sandbox, driven from the keyboard.
#  1. `veo-studio` with no subcommand opens the studio; fill the Text form, Ctrl-S (confirm the
#     cost), the job shows in Operations at once, finishes, appears in History; re-run it with a
#     changed duration: the form shows the diff, the child finishes and names its parent.
#  2. Pick two reference images in the picker and submit Ingredients; resize while it polls;
#     open the output in the player; quit, and the terminal is sane afterwards.
#  3. A job from the CLI reappears; help, search, too-small; kill -9 while a job runs, start
#     again in the terminal it left raw: the job resumes and finishes, and the terminal is sane.
#  4. Vertex AI on its sandbox: choosing it shows its own fields; two samples, tracked and kept
#     like any other job.
#  5. The gateways' sandboxes: a task relay's own progress, a chat-completions job from the form.
#  6. A CLI owning a job is killed while the studio watches: the studio takes the job over.
#  7. A Gemini Omni job from the CLI: t on a Veo job says why it has no conversation; t on the
#     Omni job opens its conversation; "make the car red" + Enter (confirm the cost) makes a
#     further turn that runs and finishes in the pane, opens in the player with o, and is in
#     History as a child naming its parent.
#  8. Daily use: a CLI-owned job finishing while History and its detail pane are open (each within
#     1 s of the CLI ending), a CLI job appearing live, q on every kind of field, three problems
#     readable at 80×24, History's columns at 80, 100 and 200, the detail's pictures at 100.
#  9. The Storyboard screen (F8) at 80×24 and 120×40: a board queued by `veo-studio story` is run by
#     the open studio to its film, played; a shot edited in the form and saved is made again (with
#     the shot chained after it) when r runs the board; a retake asks first; stray keys do nothing.
# usage: scripts/tui/studio.sh [PATH_TO_VEO_STUDIO_BINARY]
set -u
cd "$(dirname "$0")/../.."
source scripts/tui/lib.sh "${1:-}"
if ! command -v ffmpeg >/dev/null; then
    echo "studio test could not run: it needs ffmpeg to make its test images (apt-get install ffmpeg)" >&2
    exit 3
fi
export TUI_SESSION="veo-studio-$$"
export VEO_STUDIO_SANDBOX_SPEED=20
home="$(mktemp -d)"
pics="$home/pictures"
mkdir -p "$pics"
ffmpeg -v error -f lavfi -i testsrc=size=640x360 -frames:v 1 "$pics/a.png"
ffmpeg -v error -f lavfi -i smptebars=size=640x360 -frames:v 1 "$pics/b.png"
player="$home/player.sh"
printf '#!/bin/sh\necho "$@" > "%s/played.txt"\n' "$home" > "$player"
chmod +x "$player"
export VEO_STUDIO_PLAYER="$player"
source "$driver"
trap 'tui_stop; rm -rf "$home"' EXIT

screen_has() { tui_screen | grep -qF -- "$1"; }
# Ctrl-Q, answering the question it asks when jobs run or a draft is unsent.
quit_studio() {
    tui_keys C-q
    tui_wait_for "Quit Veo Studio?" 1 >/dev/null 2>&1 && tui_keys y
    return 0
}

# 1. Text form → Operations → History → re-run with a changed duration.
tui_start "cd '$pics' && '$binary' --home '$home'; stty -a > '$home/stty.txt'"
check "veo-studio with no subcommand opens the studio" tui_wait_for "F3 Operations" 15
check "with nothing running, its first screen is the Text form" tui_wait_for "Generate — text to video on sandbox" 5
check "the status line says it is the sandbox and nothing is charged" tui_wait_for "sandbox — synthetic videos, nothing charged" 5
tui_keys F3
check "an empty Operations says it is the sandbox" tui_wait_for "This is the sandbox: jobs go to a built-in emulator" 5
tui_keys F2
check "the Text form opens" tui_wait_for "Generate — text to video on sandbox" 5
tui_type "a paper boat on a rainy street"
check "the cost estimate updates live" tui_wait_for 'cost $3.20' 5
tui_keys C-s
check "a submit above the threshold asks first" tui_wait_for 'Submit for $3.20 (estimate)?' 5
tui_keys y
check "the job shows in Operations at once" tui_wait_for_re "│[▸ ] #1 +(submitting|queued|running)" 5
check "it finishes" tui_wait_for "Operations — 0 running" 40
tui_keys F4
check "it is in History" tui_wait_for_re "#1 +done" 5
tui_keys r
check "re-run opens the form pre-filled" tui_wait_for "Generate — rerun of #1" 5
check "the prompt is kept" screen_has "a paper boat on a rainy street"
tui_keys Tab Tab Tab Tab Tab Tab Tab Left
check "the form shows the diff against the parent" tui_wait_for "changed vs #1: durationSeconds default → 6" 5
tui_keys C-s
tui_wait_for 'Submit for $2.40 (estimate)?' 5 >/dev/null && tui_keys y
check "the child shows in Operations" tui_wait_for_re "│[▸ ] #2 +(submitting|queued|running)" 5
check "the child finishes" tui_wait_for "Operations — 0 running" 40
tui_keys F4
check "the child is in History" tui_wait_for_re "#2 +done" 5
tui_keys Enter
check "its detail names the parent" tui_wait_for "parent: #1 (rerun)" 5
tui_keys Escape

# 2. Ingredients from the picker; resize while polling; open the output; quit restores the terminal.
tui_keys F2 C-n C-n C-n
check "the Ingredients tab" tui_wait_for "Ingredients" 5
tui_keys Enter
check "the picker lists the folder's images" tui_wait_for "a.png" 5
tui_keys Down Space Down Space
check "two images are chosen in order" tui_wait_for "2. b.png" 5
tui_keys Enter
check "the form holds both" tui_wait_for "1 a.png, 2 b.png" 5
tui_keys C-s
check "the 6 s kept from the re-run is refused beside its field, before paying" tui_wait_for "✗ reference images need 8 s" 5
tui_keys Right
tui_wait_gone "✗ reference images need 8 s" 5 >/dev/null
tui_keys C-s
tui_wait_for 'Submit for $3.20 (estimate)?' 5 >/dev/null && tui_keys y
check "the Ingredients job shows in Operations" tui_wait_for_re "│[▸ ] #3 +(submitting|queued|running) +Ingredients" 5
tui_resize 120 40
check "resize while polling redraws at once" tui_wait_for "Operations — 1 running" 5
tui_resize 80 24
check "down to 80×24 it still shows the job" tui_wait_for_re "#3 +(queued|running|downloading|done)" 5
check "the Ingredients job finishes" tui_wait_for "Operations — 0 running" 40
tui_keys F4
tui_wait_for_re "#3 +done" 5 >/dev/null
tui_keys o
check "o opens the video in the player" bash -c "for i in \$(seq 50); do grep -q '\.mp4' '$home/played.txt' 2>/dev/null && exit 0; sleep 0.1; done; exit 1"
tui_keys q
check "q in History quits at once when nothing runs and no draft is unsent" test "$(tui_wait_exit 5)" = 0
check "the terminal is sane afterwards (stty: icanon echo)" bash -c "grep -qE '(^| )icanon( |$)' '$home/stty.txt' && grep -qE '(^| )echo( |$)' '$home/stty.txt'"

# 3. A CLI job reappears; help, search, too small; kill -9 and resume.
"$binary" generate --home "$home" --prompt "a lighthouse in a storm" --json >/dev/null 2>&1
tui_start "$binary" studio --home "$home"
check "an earlier run's job reappears" tui_wait_for "Operations — 1 running" 15
check "its state is shown" tui_wait_for_re "#4 +(queued|running)" 5
check "it finishes while watched" tui_wait_for "Operations — 0 running" 40
tui_keys F4
tui_keys /
tui_type "light"
check "search as you type" tui_wait_for "/ light" 5
check "finds it" tui_wait_for_re "#4 +done" 5
tui_keys Escape F1
check "help opens" tui_wait_for "Help — History" 5
tui_keys Escape
tui_resize 70 20
check "too small asks for room" tui_wait_for "Enlarge the terminal" 5
tui_resize 100 30
check "resize redraws" tui_wait_for "F4 History" 5
quit_studio
check "it quits with 0" test "$(tui_wait_exit 5)" = 0

# A slower sandbox here (about 20 s a job), so the job is surely still running when it is killed.
export VEO_STUDIO_SANDBOX_SPEED=4
"$binary" generate --home "$home" --prompt "survives kill -9" --json >/dev/null 2>&1
# Both runs share one shell, so the second starts in the terminal the killed one left raw.
rm -f "$home/stty-after-kill.txt" "$home/second-run"
tui_start "'$binary' studio --home '$home'; touch '$home/second-run'; '$binary' studio --home '$home'; status=\$?; stty -a > '$home/stty-after-kill.txt'; exit \$status"
check "the next job is tracked" tui_wait_for_re "#5 +(queued|running)" 15
kill -KILL "$(pgrep -n -f -- "$binary studio --home $home")"
check "after kill -9 a new run starts" bash -c "for i in \$(seq 100); do test -e '$home/second-run' && exit 0; sleep 0.05; done; exit 1"
check "it resumes the job" tui_wait_for_re "#5 +(queued|running|downloading)" 15
check "and finishes" tui_wait_for "Operations — 0 running" 90
tui_keys F4
check "and is in History" tui_wait_for_re "#5 +done" 5
quit_studio
check "Ctrl-Q quits with 0" test "$(tui_wait_exit 5)" = 0
check "the terminal after the killed run is sane (stty: icanon echo)" \
    bash -c "grep -qE '(^| )icanon( |$)' '$home/stty-after-kill.txt' && grep -qE '(^| )echo( |$)' '$home/stty-after-kill.txt'"

# 4. Vertex AI on the sandbox.
export VEO_STUDIO_SANDBOX_SPEED=20
tui_start "$binary" studio --home "$home"
tui_wait_for "F3 Operations" 15 >/dev/null
tui_resize 120 40
tui_keys F2
check "a new session opens the Text form" tui_wait_for "Generate — text to video on sandbox" 5
tui_type "a harbour at dawn"
tui_keys Tab Tab Right
check "choosing Vertex in the form" tui_wait_for "Generate — text to video on vertex-sandbox" 5
vertex_fields_shown() { screen_has "Bucket" && screen_has "Labels"; }
check "shows its own fields (bucket, labels)" vertex_fields_shown
tui_keys Tab Tab Tab Tab Tab Tab Right
check "two samples are priced as two" tui_wait_for 'cost $6.40' 5
tui_keys C-s
tui_wait_for 'Submit for $6.40 (estimate)?' 5 >/dev/null && tui_keys y
check "the Vertex job shows in Operations" tui_wait_for_re "│[▸ ] #6 +(submitting|queued|running)" 5
check "it finishes" tui_wait_for "Operations — 0 running" 40
tui_keys F4
check "it is in History like any other" tui_wait_for_re "#6 +done" 5
quit_studio
check "it quits with 0" test "$(tui_wait_exit 5)" = 0

# 5. The gateways on their sandboxes: a task relay job made from the CLI shows the relay's own
#    progress in Operations; a chat-completions job is made in the form.
#    The job is made on a slow sandbox (its length is fixed when it is made) and watched on a fast
#    one, whose polls are dense: a job that ends before the studio's first poll shows no progress.
VEO_STUDIO_SANDBOX_SPEED=3 "$binary" generate --home "$home" --provider task-relay-sandbox \
    --prompt "a garden at noon" --ref "$pics/a.png" >/dev/null 2>&1
export VEO_STUDIO_SANDBOX_SPEED=20
tui_start "$binary" studio --home "$home"
tui_wait_for "F3 Operations" 15 >/dev/null
tui_resize 120 40
check "the task relay's own progress shows in Operations" tui_wait_for_re "│[▸ ] #[0-9]+ +running .* [0-9]+ %" 40
check "the relay job finishes" tui_wait_for "Operations — 0 running" 90
tui_keys F2
tui_wait_for "Generate — text to video on sandbox" 5 >/dev/null
tui_type "a kitten on a cloud"
tui_keys Tab Tab Right Right Right Right
check "choosing the chat gateway's sandbox" tui_wait_for "Generate — text to video on comet-chat-sandbox" 5
check "priced per request as the gateway states it" tui_wait_for 'cost $2.00' 5
tui_keys C-s
tui_wait_for_re "Submit for|│#[0-9]+ +(submitting|queued|running)" 5 >/dev/null
screen_has "Submit for" && tui_keys y
check "the chat job shows in Operations" tui_wait_for_re "│[▸ ] #[0-9]+ +(submitting|queued|running|downloading)" 5
check "it finishes" tui_wait_for "Operations — 0 running" 60
tui_keys F4
gateway_jobs_listed() { tui_wait_for "a kitten on a cloud" 5 >/dev/null && screen_has "a garden at noon"; }
check "both gateway jobs are in History" gateway_jobs_listed
quit_studio
check "it quits with 0" test "$(tui_wait_exit 5)" = 0

# 6. Two processes: a CLI owns a job while the studio watches it; the CLI is killed, and the open
#    studio takes the job over and finishes it, without a restart.
export VEO_STUDIO_SANDBOX_SPEED=4
tui_start "$binary" studio --home "$home"
tui_wait_for "F3 Operations" 15 >/dev/null
"$binary" generate --home "$home" --prompt "an owner that dies" --wait >/dev/null 2>&1 &
owner=$!
check "the CLI's job shows in the studio" tui_wait_for_re "│[▸ ] #[0-9]+ +(queued|running)" 15
kill -KILL "$owner"
wait "$owner" 2>/dev/null
check "the studio takes it over when its owner dies, and it finishes" tui_wait_for "Operations — 0 running" 90
tui_keys F4
check "it is in History, done (not lost with its owner's sandbox)" tui_wait_for_re "#[0-9]+ +done .*an owner that dies" 5
quit_studio
check "Ctrl-Q quits with 0" test "$(tui_wait_exit 5)" = 0

# 7. A conversation with a Gemini Omni video: each turn a child generation.
export VEO_STUDIO_SANDBOX_SPEED=20
omni_json="$("$binary" generate --home "$home" --model gemini-omni-1.1-flash --prompt "a blue car on a coastal road" --wait --json 2>/dev/null)"
omni_id="$(printf '%s' "$omni_json" | grep -oE '"id" *: *[0-9]+' | head -1 | grep -oE '[0-9]+$')"
check "a Gemini Omni job is made on the sandbox from the CLI" test -n "$omni_id"
tui_start "$binary" studio --home "$home"
tui_wait_for "F3 Operations" 15 >/dev/null
tui_resize 120 40
tui_keys F4
tui_keys /
tui_type "lighthouse"
tui_wait_for_re "#4 +done" 5 >/dev/null
tui_keys Escape t
check "t on a Veo job says why it has no conversation" tui_wait_for "#4 is Veo (veo-3.1-generate-preview), which has no multi-turn" 5
tui_keys / C-w Escape
check "the Omni job is the newest in History" tui_wait_for_re "#$omni_id +done +Text" 5
tui_keys t
check "t opens its conversation with the lineage" tui_wait_for "lineage: #$omni_id" 5
check "the first turn shows its video" tui_wait_for_re "turn 1 +#$omni_id +done" 5
tui_type "make the car red"
tui_keys Enter
tui_wait_for_re "Send turn 2 for|turn 2 +#[0-9]+" 5 >/dev/null
screen_has "Send turn 2 for" && tui_keys y
check "the new turn appears in the pane at once" tui_wait_for_re "turn 2 +#[0-9]+ +(submitting|queued|running|downloading|done) .*make the car red" 5
child_id="$(tui_screen | grep -oE 'turn 2 +#[0-9]+' | grep -oE '[0-9]+$' | head -1)"
check "the lineage names both turns" tui_wait_for "lineage: #$omni_id → #$child_id" 5
check "the new turn runs and finishes in the pane" tui_wait_for_re "turn 2 +#$child_id +done" 40
check "its video is listed" tui_wait_for_re "→ .*\.mp4" 5
rm -f "$home/played.txt"
tui_keys Tab o
check "o on the turn opens its video in the player" bash -c "for i in \$(seq 50); do grep -q '\.mp4' '$home/played.txt' 2>/dev/null && exit 0; sleep 0.1; done; exit 1"
tui_keys Escape
tui_wait_gone "lineage:" 5 >/dev/null
tui_keys F4
check "the turn is in History as a child naming its parent" tui_wait_for_re "#$child_id +done +Refine .*↳#$omni_id make the car red" 5
tui_keys Enter
check "its detail names the parent" tui_wait_for "parent: #$omni_id (refine)" 5
tui_keys Escape
quit_studio
check "it quits with 0" test "$(tui_wait_exit 5)" = 0

# 8. Daily use. A job made and owned by a CLI process while History and then its detail pane are
#    open: when the CLI ends (the job done), the pane and the row say so within 1 s. A CLI job sent
#    beside the open studio appears within 1 s. q on every kind of field keeps the studio and the
#    draft. Three problems are all readable at 80×24. History keeps a gap between its columns at
#    80, 100 and 200 columns. The detail's pictures sit beside its text at 100 columns.
export VEO_STUDIO_SANDBOX_SPEED=4
"$binary" generate --home "$home" --ref "$pics/a.png" --ref "$pics/b.png" --prompt "two ingredients for the pictures" \
    --wait >/dev/null 2>&1
TUI_COLS=80 TUI_ROWS=24 tui_start "cd '$pics' && '$binary' studio --home '$home'"
tui_wait_for "F3 Operations" 15 >/dev/null
tui_keys F4
"$binary" generate --home "$home" --prompt "a slow dolly shot watched live" --wait >/dev/null 2>&1 &
owner=$!
check "a job a CLI process owns appears in the open History" tui_wait_for "a slow dolly shot" 15
tui_keys g Enter
check "its detail pane opens live" tui_wait_for_re "#[0-9]+ (submitting|queued|running|downloading) — Esc closes" 5
wait "$owner"
check "the CLI ended with the job done: the open detail pane says so within 1 s" tui_wait_for_re "#[0-9]+ done — Esc closes" 1
tui_keys Escape
check "and History's row within 1 s" tui_wait_for_re "#[0-9]+ +done .*a slow dolly shot" 1
cli_id="$("$binary" generate --home "$home" --prompt "a kite sent beside the studio" --json 2>/dev/null | grep -oE '"id" *: *[0-9]+' | head -1 | grep -oE '[0-9]+$')"
check "a CLI generate beside the open studio appears within 1 s" tui_wait_for_re "#$cli_id +(queued|running|downloading|done) .*a kite sent beside" 1

tui_keys F2
tui_wait_for "Generate — " 5 >/dev/null
tui_type "daily use prompt"
for _ in $(seq 16); do tui_keys q BSpace Tab; done
tui_keys PPage PPage PPage
alive_with_draft() { kill -0 "$(tui_pid)" 2>/dev/null && screen_has "Generate — " && screen_has "daily use prompt"; }
check "q on every kind of field keeps the studio and the draft" alive_with_draft
tui_keys q
check "q says how to quit instead of quitting" tui_wait_for "q does nothing in the form" 2
tui_keys PPage PPage PPage C-e C-w C-w C-w Tab Tab Tab Tab Tab Tab Right Tab Right Tab Tab
tui_type "12x"
tui_keys C-s
check "three problems at 80×24: the list says so" tui_wait_for "3 problems — ↑↓ choose" 5
three_readable() { screen_has "text to video needs a prompt" && screen_has "1080p needs 8 s" && screen_has '"12x" is not a whole number'; }
check "all three messages are readable whole" three_readable
tui_keys Escape

tui_keys F4
gap_everywhere() {
    local screen
    screen="$(tui_screen)"
    grep -qE "#  +state" <<<"$screen" || { echo "no table heading on screen:" >&2; echo "$screen" >&2; return 1; }
    # Inside the table (between its frame's sides) no model id or state runs into the next cell.
    if grep -E '^│' <<<"$screen" | grep -E 'gemini-omni-1\.1-flash[^ │]|reference-to-video[^ │]|veo-3\.1[A-Za-z]| (done|running|queued|filtered)[^ │]' >&2; then
        return 1
    fi
}
for width in 80 100 200; do
    tui_resize "$width" 30
    sleep 0.3
    check "History at $width columns: a gap between every two columns" gap_everywhere
done
columns_join() { tui_screen | grep -qE 'provider +videos'; }
check "at 200 columns the provider and videos columns join" columns_join
tui_resize 100 30
tui_keys /
tui_type "ingredients for the pictures"
tui_keys Escape Enter
check "the detail of a job with input images shows its pictures" tui_wait_for "▀" 10
pictures_beside_text() {
    local screen
    screen="$(tui_screen)"
    grep -qE '[a-z].* +▀' <<<"$screen" && ! grep -qE '▀[^▀ │]|[^ ▀│]▀' <<<"$screen"
}
check "at 100 columns no picture cell covers a text cell" pictures_beside_text
tui_keys Escape
quit_studio
check "it quits with 0" test "$(tui_wait_exit 5)" = 0

# 9. The Storyboard screen.
export VEO_STUDIO_SANDBOX_SPEED=40
cat > "$home/film.toml" <<'BOARD'
title = "Paper boat"
[defaults]
model = "veo-3.1-fast-generate-preview"
duration = 8

[[shot]]
prompt = "a paper boat on a puddle"

[[shot]]
prompt = "the boat drifts to the gutter"
continue = "extend"

[[shot]]
prompt = "it sails into the drain"
continue = "last-frame"
BOARD
"$binary" story "$home/film.toml" --home "$home" >/dev/null 2>&1
TUI_COLS=80 TUI_ROWS=24 tui_start "cd '$pics' && '$binary' studio --home '$home'"
tui_wait_for "F3 Operations" 15 >/dev/null
tui_keys F8
check "F8 opens the Storyboard screen with the board the CLI queued" tui_wait_for "Paper boat — 3 shots" 5
check "its shots show how each continues" tui_wait_for_re "2 +extend .*the boat drifts" 5
check "the open studio runs the board to its film" tui_wait_for "film: paper-boat.mp4" 90
rows_whole() { tui_screen | grep -qE "3 +last-frame +done"; }
check "every shot is done at 80×24" rows_whole
rm -f "$home/played.txt"
tui_keys o
check "o plays the film in the player" bash -c "for i in \$(seq 50); do grep -q 'paper-boat\.mp4' '$home/played.txt' 2>/dev/null && exit 0; sleep 0.1; done; exit 1"
tui_keys x z 9 '!'
stray_harmless() { kill -0 "$(tui_pid)" 2>/dev/null && screen_has "Paper boat — 3 shots"; }
check "stray keys on the Storyboard screen do nothing" stray_harmless
tui_keys j e
check "e opens the shot in the Generate form" tui_wait_for "shot 2 of storyboard" 5
tui_keys End
tui_type " slowly"
tui_keys C-s
check "Ctrl-S saves the shot back to its board" tui_wait_for "shot 2 saved; shots 2, 3 will be made again" 5
check "the board waits for r" tui_wait_for "edited: r runs it" 5
tui_keys r
check "r asks first above the confirm threshold" tui_wait_for "Run the board for" 5
tui_keys y
check "r runs it: the edited shot and the one chained after it are made again, then the film" tui_wait_for "film: paper-boat.mp4" 90
tui_resize 120 40
sleep 0.3
check "at 120×40 the rows are whole, the edited prompt the shot's" tui_wait_for_re "2 +extend +done .*the boat drifts to the gutter slowly" 5
tui_keys R
check "a retake asks first, naming the shots made again" tui_wait_for "Retake shot 2 and the 1 chained after it?" 5
tui_keys n
check "n keeps the shot" tui_wait_for "shot 2 is kept as it is" 5
quit_studio
check "it quits with 0" test "$(tui_wait_exit 5)" = 0

finish
