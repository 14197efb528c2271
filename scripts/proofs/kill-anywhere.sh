#!/usr/bin/env bash
# Proof: SIGKILL the CLI anywhere and no job is lost, none is paid twice.
#
# usage: scripts/proofs/kill-anywhere.sh [BINARY] [--kills N] [--seed S] [--speed X]
#        BINARY   the veo-studio binary (default .build/debug/veo-studio)
#        --kills  how many generations to kill (default 60, the CI size; 200 is the full size)
#        --seed   seeds the emulator and the kill delays (default 1)
#        --speed  the emulator's --speed (default 100)
#
# Starts ONE emulator (`veo-studio emulator --port 0 --seed S --speed X --rpm 100000`, every
# profile) on 127.0.0.1 and ONE studio home (a temporary folder with a config.toml that sets
# `latency_scale = 1/speed` for every provider). Then, cycling through the cases of the registry
# (`veo-studio providers --json`: each provider × each protocol its models take — Veo, and Gemini
# Omni with inline and uri delivery where the provider accepts them), for each kill K:
#   1. `veo-studio generate --provider P --prompt "kill test K" --wait` runs in the background;
#   2. it is SIGKILLed at one of these moments (in turn): a seeded random delay of 0-1.5 s;
#      immediately after start; right after the emulator logged a new request (the submit);
#      the moment the emulator created the operation (its counter in /_emulator/health, read about
#      every 2 ms: the gap between the service's answer and the journal's commit); after a poll
#      was answered (during polling); during download (two samples where the case takes them;
#      the kill comes when a `.part` file shows up in the home or the emulator served a video);
#   3. `veo-studio resume --wait --json` (bounded by `timeout`) tracks what is left to its end: after
#      every other kill WITHOUT `--base-url`, so the jobs go back to the endpoint the journal kept
#      for them (the emulator), not to the provider's default host.
# Then it proves, per case, from the emulator's operations and the journal
# (`jobs --json`, `history --json`, `show ID --json`):
#   1. no generation was submitted twice (operations the emulator made per prompt <= 1);
#   2. every operation the emulator created is tracked to its end: its generation is done, or
#      failed/filtered with an explanation, or `unknown` with an explanation where the kill fell in
#      the gap (no operation committed to the journal; on a provider whose submit is the whole
#      generation, a connection dropped before the link); nothing is left unfinished;
#   3. every output's sha256 (journal) equals the file on disk and the emulator's video
#      (`/_emulator/files/ID/sha256`, one control route for every profile);
#   4. no `*.part` file under the home and no staged video left for a finished job.
# KILL_ANYWHERE_KEEP=1 keeps the run's folder (home, emulator log, evidence) and prints its path.
# Prints the counts and ends with `N passed, M failed`; exits 1 on any failure, 3 when it cannot run.
set -u

binary=".build/debug/veo-studio"
kills=60
seed=1
speed=100
while [[ $# -gt 0 ]]; do
    case "$1" in
        --kills) kills="${2:?--kills needs a number}"; shift 2 ;;
        --seed) seed="${2:?--seed needs a number}"; shift 2 ;;
        --speed) speed="${2:?--speed needs a number}"; shift 2 ;;
        -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
        -*) echo "unknown option $1" >&2; exit 2 ;;
        *) binary="$1"; shift ;;
    esac
done
[[ "$kills" =~ ^[0-9]+$ && "$seed" =~ ^[0-9]+$ ]] || { echo "--kills and --seed take whole numbers" >&2; exit 2; }
for tool in jq curl sha256sum base64 timeout find; do
    command -v "$tool" >/dev/null 2>&1 || { echo "kill-anywhere could not run: $tool is missing" >&2; exit 3; }
done
if [[ ! -x "$binary" ]]; then
    echo "kill-anywhere could not run: no veo-studio binary at $binary (build it with: swift build --product veo-studio)" >&2
    exit 3
fi
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"

# The cases come from the registry (`veo-studio providers --json`): each provider × each protocol its
# models take there (Veo, and Gemini Omni with each delivery the provider accepts), so a provider
# added to the registry is in this proof by itself. Each case: label, provider, model, delivery,
# whether it needs an ingredient, how many samples it takes, where its key is read from.
cases_json="$(env -i HOME="$(mktemp -d)" PATH=/usr/bin:/bin LANG=C.UTF-8 "$binary" providers --json 2>/dev/null)"
if ! jq -e 'type == "array" and length > 0' >/dev/null 2>&1 <<<"$cases_json"; then
    echo "kill-anywhere could not run: \`$binary providers --json\` gave no cases" >&2
    exit 3
fi
mapfile -t providers < <(jq -r '.[].label' <<<"$cases_json")
case_field() { jq -r --arg l "$1" --arg f "$2" 'first(.[] | select(.label == $l)) | .[$f] // "" | tostring' <<<"$cases_json"; }
# One key per provider, in the first variable its plugin reads.
mapfile -t key_env < <(jq -r '[.[] | {p: .provider, v: .keyVariables[0]}] | unique | .[] | select(.v != null) |
    .v + "=" + (if .v == "GOOGLE_OAUTH_ACCESS_TOKEN" then "t" else "kill-key" end)' <<<"$cases_json")
moments=(random immediate submit gap random polling download)
resume_limit=90
started_at=$SECONDS

work="$(mktemp -d)"
home="$work/home"
tools="$work/bin"
mkdir -p "$home" "$tools"
emulator_pid=""
child_pid=""
cleanup() {
    if [[ -n "$child_pid" ]] && kill -0 "$child_pid" 2>/dev/null; then kill -KILL "$child_pid" 2>/dev/null; fi
    if [[ -n "$emulator_pid" ]] && kill -0 "$emulator_pid" 2>/dev/null; then
        kill -TERM "$emulator_pid" 2>/dev/null
        local deadline=$((SECONDS + 5))
        while kill -0 "$emulator_pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.05; done
        kill -KILL "$emulator_pid" 2>/dev/null
    fi
    if [[ -n "${KILL_ANYWHERE_KEEP:-}" ]]; then echo "kept the run's files in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# PATH for the CLI: only ffmpeg/ffprobe (no gcloud, so Vertex takes GOOGLE_OAUTH_ACCESS_TOKEN).
for tool in ffmpeg ffprobe; do
    found="$(command -v "$tool" 2>/dev/null || true)"
    [[ -n "$found" ]] && ln -s "$found" "$tools/$tool"
done

# --- the emulator -------------------------------------------------------------------------------
"$binary" emulator --port 0 --host 127.0.0.1 --speed "$speed" --seed "$seed" --rpm 100000 \
    >"$work/emulator.out" 2>"$work/emulator.err" &
emulator_pid=$!
url=""
deadline=$((SECONDS + 30))
while (( SECONDS < deadline )); do
    if [[ -s "$work/emulator.out" ]]; then
        url="$(head -n 1 "$work/emulator.out" | grep -o 'http://127\.0\.0\.1:[0-9]*' || true)"
        [[ -n "$url" ]] && break
    fi
    kill -0 "$emulator_pid" 2>/dev/null || break
    sleep 0.05
done
if [[ -z "$url" ]]; then
    echo "The emulator printed no URL within 30 s:" >&2
    cat "$work/emulator.out" "$work/emulator.err" >&2
    exit 3
fi
port="${url##*:}"
echo "emulator: $url (speed $speed, seed $seed); kills: $kills"

scale="$(awk -v s="$speed" 'BEGIN { printf "%.6f", 1 / s }')"
for provider in $(jq -r '[.[].provider] | unique | .[]' <<<"$cases_json"); do
    printf '[providers.%s]\nlatency_scale = %s\n\n' "$provider" "$scale"
done >"$home/config.toml"

# Every CLI call runs with the same environment: keys for every provider, a PATH without gcloud.
# launch runs the CLI in place of the calling (background) subshell, so `$!` is the CLI's own pid and
# SIGKILL reaches it, not a wrapper shell that would leave the CLI running.
launch() {
    exec env -i HOME="$work" PATH="$tools" LANG=C.UTF-8 "${key_env[@]}" \
        "$binary" "$@" --home "$home" --base-url "$url"
}
cli_plain() {   # commands that send nothing take no --base-url
    env -i HOME="$work" PATH="$tools" LANG=C.UTF-8 "$binary" "$@" --home "$home"
}

# The emulator's counters, read with bash's own /dev/tcp (no process per poll, about 2 ms), so a
# kill can follow the creation of an operation closely. Sets health_requests, health_operations and health_videos.
health_requests=0
health_operations=0
health_videos=0
read_health() {
    local answer="" field
    exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
    printf 'GET /_emulator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
    IFS= read -r -d '' -t 2 answer <&3
    exec 3<&-
    field="${answer#*\"requests\"}"; field="${field#*:}"; field="${field%%[,\}]*}"
    [[ "${field// /}" =~ ^[0-9]+$ ]] && health_requests=$((10#${field// /}))
    field="${answer#*\"operations\"}"; field="${field#*:}"; field="${field%%[,\}]*}"
    [[ "${field// /}" =~ ^[0-9]+$ ]] && health_operations=$((10#${field// /}))
    # Gemini Omni's interactions count as operations made.
    field="${answer#*\"interactions\"}"; field="${field#*:}"; field="${field%%[,\}]*}"
    [[ "${field// /}" =~ ^[0-9]+$ ]] && health_operations=$((health_operations + 10#${field// /}))
    # Videos served, by any profile: a download (or an answer carrying one) has begun.
    field="${answer#*\"videos\"}"; field="${field#*:}"; field="${field%%[,\}]*}"
    [[ "${field// /}" =~ ^[0-9]+$ ]] && health_videos=$((10#${field// /}))
    return 0
}
request_count() { read_health; echo "$health_requests"; }
alive() { kill -0 "$1" 2>/dev/null; }
sleep_ms() { sleep "$(($1 / 1000)).$(printf '%03d' $(($1 % 1000)))"; }
part_files() { find "$home/media" "$home/staging" -name '*.part' 2>/dev/null | sort; }
part_file_present() {   # a .part file that was not there before this generation started
    [[ -n "$(part_files | comm -13 "$work/parts-before.txt" - | head -n 1)" ]]
}
# --- the kills ----------------------------------------------------------------------------------
RANDOM=$seed
declare -A moment_count=() hit_count=()
resume_timeouts=0
resumes_without_base=0
survivors=0
kills_live=0
download_part_hits=0
for ((k = 0; k < kills; k++)); do
    provider="${providers[k % ${#providers[@]}]}"
    moment="${moments[(k / ${#providers[@]}) % ${#moments[@]}]}"
    delay_ms=$((RANDOM % 1501))
    args=(generate --provider "$(case_field "$provider" provider)" --model "$(case_field "$provider" model)"
          --project p --prompt "kill test $k" --wait)
    delivery="$(case_field "$provider" delivery)"
    [[ -n "$delivery" ]] && args+=(--delivery "$delivery")
    [[ "$(case_field "$provider" needsReference)" == true ]] && args+=(--ref https://cdn.example.com/r.png)
    if [[ "$moment" == download && "$(case_field "$provider" samples)" == 2 ]]; then args+=(--samples 2); fi
    part_files >"$work/parts-before.txt"
    read_health
    base=$health_requests
    base_operations=$health_operations
    launch "${args[@]}" >"$work/generate.out" 2>&1 &
    child_pid=$!
    case "$moment" in
        immediate) ;;
        random) sleep_ms "$delay_ms" ;;
        submit|polling)
            want=$((base + 1)); [[ "$moment" == polling ]] && want=$((base + 2))
            deadline=$((SECONDS + 10))
            while alive "$child_pid" && (( SECONDS < deadline )); do
                read_health
                (( health_requests >= want )) && break
                sleep 0.01
            done ;;
        gap)
            # The moment the emulator has created the operation: its answer is on the way and the
            # journal has not committed it yet (or just has).
            deadline=$((SECONDS + 10))
            while alive "$child_pid" && (( SECONDS < deadline )); do
                read_health
                (( health_operations > base_operations )) && break
            done ;;
        download)
            deadline=$((SECONDS + 15))
            base_videos=$health_videos
            while alive "$child_pid" && (( SECONDS < deadline )); do
                if part_file_present; then download_part_hits=$((download_part_hits + 1)); break; fi
                read_health
                (( health_videos > base_videos )) && break
                sleep 0.01
            done ;;
    esac
    live=0
    if alive "$child_pid"; then
        kill -KILL "$child_pid" 2>/dev/null && kills_live=$((kills_live + 1)) && live=1
        hit_count[$moment]=$(( ${hit_count[$moment]:-0} + 1 ))
    fi
    wait "$child_pid" 2>/dev/null
    child_pid=""
    # The killed CLI must really be gone (no wrapper that left it running).
    for cmdline in /proc/[0-9]*/cmdline; do
        if { tr '\0' '\n' <"$cmdline"; } 2>/dev/null | grep -qx "kill test $k"; then
            survivors=$((survivors + 1)); echo "kill $k: a CLI for \"kill test $k\" still runs (${cmdline%/cmdline})" >&2; break
        fi
    done
    # Where the kill landed, as the journal saw it before resume: its status then.
    before="$(cli_plain history --json --limit 5 2>/dev/null | jq -r --arg p "kill test $k" \
        'first(.[] | select(.prompt == $p) | .status + (if (.operation // "") == "" then "" else "+op" end)) // "none"' 2>/dev/null)"
    printf '%s\t%s\t%s\t%s\t%s\n' "$k" "$provider" "$moment" "$live" "${before:-none}" >>"$work/kills.tsv"
    moment_count[$moment]=$(( ${moment_count[$moment]:-0} + 1 ))
    # Every other resume names no endpoint: each job must go back to the one the journal kept.
    resume_base=(--base-url "$url")
    if (( k % 2 == 1 )); then resume_base=(); resumes_without_base=$((resumes_without_base + 1)); fi
    timeout "$resume_limit" env -i HOME="$work" PATH="$tools" LANG=C.UTF-8 "${key_env[@]}" \
        "$binary" resume --wait --json --project p --home "$home" "${resume_base[@]}" >"$work/resume.out" 2>&1
    rc=$?
    if (( rc == 124 )); then
        resume_timeouts=$((resume_timeouts + 1))
        echo "kill $k ($provider, $moment): resume --wait did not end within ${resume_limit} s" >&2
    fi
    if (( (k + 1) % 10 == 0 )); then echo "… $((k + 1))/$kills kills ($((SECONDS - started_at)) s)"; fi
done
kill_seconds=$((SECONDS - started_at))

# --- evidence -----------------------------------------------------------------------------------
curl -s --max-time 30 "$url/_emulator/requests" >"$work/requests.json"
curl -s --max-time 30 "$url/_emulator/operations" >"$work/veo-operations.json"
curl -s --max-time 30 "$url/_emulator/interactions" >"$work/interactions.json"
# One list of what the emulator made: Veo's and the gateways' operations, and Gemini Omni's
# interactions in the same shape (their video is a file of the Files API, as the Gemini API's).
jq -s '.[0] + [.[1][] | {profile: "interactions", prompt: (.prompt // ""),
        name: .id, apiVersion: .apiVersion, model: .model, done: (.status != "in_progress"),
        files: (if .fileId then [{id: .fileId}] else [] end)}]' \
    "$work/veo-operations.json" "$work/interactions.json" >"$work/operations.json" 2>/dev/null || echo "null" >"$work/operations.json"
# Which entry each kill's prompt belongs to (several entries share the provider id gemini).
jq -R -s '[split("\n")[] | select(length > 0) | split("\t") | {key: ("kill test " + .[0]), value: .[1]}] | from_entries' \
    "$work/kills.tsv" >"$work/labels.json"
cli_plain history --json --limit 10000 >"$work/history.json" 2>"$work/history.err"
cli_plain jobs --json >"$work/jobs.json" 2>"$work/jobs.err"
if ! jq -e 'type == "array"' "$work/requests.json" >/dev/null 2>&1 ||
   ! jq -e 'type == "array"' "$work/operations.json" >/dev/null 2>&1 ||
   ! jq -e 'type == "array"' "$work/history.json" >/dev/null 2>&1; then
    echo "could not read the evidence (emulator log, operations or history)" >&2
    cat "$work/history.err" >&2
    exit 1
fi

failures=()
passed=0
failed=0
check() {   # name, ok(0/1), detail
    if [[ "$2" == 0 ]]; then passed=$((passed + 1)); echo "PASS $1${3:+ — $3}"
    else failed=$((failed + 1)); failures+=("$1"); echo "FAIL $1${3:+ — $3}"; fi
}

# The sha256 of each video of an emulator operation, as the emulator serves it (one control route for
# every profile), sorted.
emulator_shas() {   # op json
    jq -r '.files[].id' <<<"$1" | while read -r id; do
        curl -s --max-time 30 "$url/_emulator/files/$id/sha256" | jq -r '.sha256 // "none"'
    done | sort
}

total_submits=0 total_done=0 total_failed=0 total_gap=0 total_dups=0 total_mismatch=0 total_parts=0
total_unknown_unsent=0 total_staged_left=0 total_empty_staging=0
empty_staging_notes=()

# Leftovers: .part files anywhere under the home, and staging folders of finished jobs.
find "$home" -name '*.part' >"$work/parts.txt" 2>/dev/null
jq -r --slurpfile labels "$work/labels.json" '.[] | [(.id | tostring), ($labels[0][.prompt] // .provider), .status, ((.operation // "") | split(" ")[0])] | @tsv' \
    "$work/history.json" >"$work/jobs.tsv"
declare -A staging_owner=() staging_status=()
while IFS=$'\t' read -r id provider status operation; do
    [[ -z "$operation" ]] && continue
    folder="$(printf '%s' "$operation" | sha256sum | cut -c1-16)"
    staging_owner[$folder]="$provider:$id"
    staging_status[$folder]="$status"
done <"$work/jobs.tsv"

echo
for provider in "${providers[@]}"; do
    profile_ops="$(jq -c --arg p "$provider" --slurpfile labels "$work/labels.json" \
        '[.[] | select(.prompt | test("^kill test [0-9]+$")) | select($labels[0][.prompt] == $p)]' "$work/operations.json")"
    synchronous="$(case_field "$provider" synchronous)"
    generations="$(jq -c --arg p "$provider" --slurpfile labels "$work/labels.json" \
        '[.[] | select(.prompt | test("^kill test [0-9]+$")) | select($labels[0][.prompt] == $p)]' "$work/history.json")"
    n_kills=0
    for ((k = 0; k < kills; k++)); do [[ "${providers[k % ${#providers[@]}]}" == "$provider" ]] && n_kills=$((n_kills + 1)); done

    # 1. no generation submitted twice
    # (each accepted submit is an operation the emulator made: one prompt, at most one operation)
    submits="$(jq length <<<"$profile_ops")"
    dups="$(jq '[group_by(.prompt)[] | select(length > 1)] | length' <<<"$profile_ops")"
    dup_list="$(jq -r '[group_by(.prompt)[] | select(length > 1) | "\(.[0].prompt) (\(length)×)"] | join(" ")' <<<"$profile_ops")"
    total_submits=$((total_submits + submits)); total_dups=$((total_dups + dups))
    check "$provider: no generation submitted twice" "$(( dups > 0 ))" "$submits submits, $dups duplicated${dup_list:+: $dup_list}"

    # 2. every operation tracked to its end
    problems=()
    n_done=0 n_failed=0 n_gap=0 n_unsent=0
    while read -r op; do
        [[ -z "$op" ]] && continue
        prompt="$(jq -r .prompt <<<"$op")"
        matches="$(jq -c --arg p "$prompt" '[.[] | select(.prompt == $p)]' <<<"$generations")"
        if [[ "$(jq length <<<"$matches")" != 1 ]]; then
            problems+=("\"$prompt\": the emulator has operation $(jq -r .name <<<"$op") but the journal has $(jq length <<<"$matches") generations for it")
            continue
        fi
        g="$(jq -c '.[0]' <<<"$matches")"
        status="$(jq -r .status <<<"$g")"; has_error="$(jq -r '(.error // "") | tostring | length > 0' <<<"$g")"
        journal_op="$(jq -r '.operation // ""' <<<"$g")"
        case "$status" in
            done) n_done=$((n_done + 1)) ;;
            failed|filtered)
                if [[ "$has_error" == true ]]; then n_failed=$((n_failed + 1))
                else problems+=("\"$prompt\" (#$(jq -r .id <<<"$g")) is $status without an explanation"); fi ;;
            unknown)
                if [[ "$has_error" != true ]]; then
                    problems+=("\"$prompt\" (#$(jq -r .id <<<"$g")) is unknown without an explanation")
                elif [[ -z "$journal_op" || "$synchronous" == true ]]; then
                    n_gap=$((n_gap + 1))
                else
                    problems+=("\"$prompt\" (#$(jq -r .id <<<"$g")) is unknown although its operation $journal_op was journaled")
                fi ;;
            *) problems+=("\"$prompt\" (#$(jq -r .id <<<"$g")) is still $status after resume --wait") ;;
        esac
    done < <(jq -c '.[]' <<<"$profile_ops")
    # Generations the emulator never saw: must not claim success, must not be left unfinished.
    while read -r g; do
        [[ -z "$g" ]] && continue
        prompt="$(jq -r .prompt <<<"$g")"; status="$(jq -r .status <<<"$g")"
        jq -e --arg p "$prompt" 'any(.[]; .prompt == $p)' <<<"$profile_ops" >/dev/null && continue
        case "$status" in
            unknown|failed)
                if jq -e '(.error // "") | tostring | length > 0' <<<"$g" >/dev/null; then n_unsent=$((n_unsent + 1))
                else problems+=("\"$prompt\" (#$(jq -r .id <<<"$g")) never reached the emulator and is $status without an explanation"); fi ;;
            *) problems+=("\"$prompt\" (#$(jq -r .id <<<"$g")) never reached the emulator but is $status") ;;
        esac
    done < <(jq -c '.[]' <<<"$generations")
    unfinished="$(jq -r --arg p "$provider" --slurpfile labels "$work/labels.json" \
        '[.[] | select(($labels[0][.prompt] // .provider) == $p) | select(.status != "unknown")] | length' "$work/jobs.json" 2>/dev/null || echo "?")"
    [[ "$unfinished" != 0 ]] && problems+=("jobs --json still lists $unfinished unfinished $provider jobs")
    total_done=$((total_done + n_done)); total_failed=$((total_failed + n_failed)); total_gap=$((total_gap + n_gap))
    total_unknown_unsent=$((total_unknown_unsent + n_unsent))
    detail="$n_kills kills, $(jq length <<<"$profile_ops") operations: $n_done done, $n_failed failed, $n_gap unknown-in-gap; $n_unsent journal-only (never reached the service)"
    check "$provider: every operation tracked to its end" "$(( ${#problems[@]} > 0 ))" "$detail"
    for p in "${problems[@]+"${problems[@]}"}"; do echo "     $p"; done

    # 3. sha256: journal = file on disk = emulator
    mismatches=()
    n_outputs=0
    while read -r g; do
        [[ -z "$g" ]] && continue
        id="$(jq -r .id <<<"$g")"; prompt="$(jq -r .prompt <<<"$g")"
        cli_plain show "$id" --json >"$work/show.json" 2>/dev/null || { mismatches+=("show $id failed"); continue; }
        journal_shas="$(jq -r '.outputs[].sha256' "$work/show.json" | sort)"
        while IFS=$'\t' read -r path sha; do
            n_outputs=$((n_outputs + 1))
            if [[ ! -f "$path" ]]; then mismatches+=("#$id: $path is missing"); continue; fi
            disk="$(sha256sum "$path" | cut -c1-64)"
            [[ "$disk" == "$sha" ]] || mismatches+=("#$id: $path has sha256 $disk, the journal says $sha")
        done < <(jq -r '.outputs[] | [.path, .sha256] | @tsv' "$work/show.json")
        op="$(jq -c --arg p "$prompt" 'first(.[] | select(.prompt == $p)) // empty' <<<"$profile_ops")"
        if [[ -z "$op" ]]; then mismatches+=("#$id is done but the emulator has no operation for \"$prompt\""); continue; fi
        emulator="$(emulator_shas "$op")"
        [[ "$emulator" == "$journal_shas" ]] ||
            mismatches+=("#$id \"$prompt\": journal [$(echo $journal_shas)] vs emulator [$(echo $emulator)]")
    done < <(jq -c '.[] | select(.status == "done")' <<<"$generations")
    total_mismatch=$((total_mismatch + ${#mismatches[@]}))
    check "$provider: every output's sha256 equals the emulator's" "$(( ${#mismatches[@]} > 0 ))" "$n_outputs outputs, ${#mismatches[@]} mismatches"
    for m in "${mismatches[@]+"${mismatches[@]}"}"; do echo "     $m"; done

    # 4. no .part files, no staged videos left for finished jobs
    leftovers=()
    ids="$(jq -r '.[].id' <<<"$generations" | tr '\n' ' ')"
    while read -r part; do
        [[ -z "$part" ]] && continue
        owner="$(basename "$part" | grep -o 'veo-[0-9]*-' | grep -o '[0-9]*' | head -n 1)"
        if [[ -n "$owner" && " $ids " == *" $owner "* ]]; then leftovers+=("$part"); total_parts=$((total_parts + 1)); fi
    done <"$work/parts.txt"
    if [[ -d "$home/staging" ]]; then
        for folder in "$home/staging"/*/; do
            [[ -d "$folder" ]] || continue
            name="$(basename "$folder")"
            owner="${staging_owner[$name]:-}"
            [[ "${owner%%:*}" == "$provider" ]] || continue
            [[ "${staging_status[$name]}" == unknown ]] && continue
            files="$(find "$folder" -type f | wc -l)"
            if (( files > 0 )); then
                leftovers+=("staging/$name ($files files) of ${staging_status[$name]} job #${owner#*:}")
                total_staged_left=$((total_staged_left + 1))
                while read -r f; do [[ "$f" == *.part ]] && total_parts=$((total_parts + 1)); done < <(find "$folder" -type f)
            else
                total_empty_staging=$((total_empty_staging + 1))
                empty_staging_notes+=("$provider #${owner#*:} (${staging_status[$name]})")
            fi
        done
    fi
    check "$provider: no .part file or staged video left behind" "$(( ${#leftovers[@]} > 0 ))" "${#leftovers[@]} left"
    for l in "${leftovers[@]+"${leftovers[@]}"}"; do echo "     $l"; done
done

# .part files no job owns count against the whole run.
stray="$(wc -l <"$work/parts.txt")"
check "no .part file anywhere under the home" "$(( stray > 0 ))" "$stray found"
total_parts=$stray
check "every killed CLI was gone" "$(( survivors > 0 ))" "$survivors survived"
check "resume --wait always ended within ${resume_limit} s" "$(( resume_timeouts > 0 ))" "$resume_timeouts timed out"

echo
echo "kills: $kills ($kills_live hit a live process; by moment: $(for m in random immediate submit gap polling download; do printf '%s %s/%s ' "$m" "${hit_count[$m]:-0}" "${moment_count[$m]:-0}"; done| sed 's/ $//'); download kills with a .part on disk: $download_part_hits; resumed without --base-url: $resumes_without_base)"
# Where each kind of kill landed (journal status when killed -> after resume), per moment.
echo "journal status when killed -> after resume, by kill moment:"
jq -r '.[] | select(.prompt | test("^kill test [0-9]+$")) | [(.prompt | ltrimstr("kill test ")), .status, ((.operation // "") != "" | tostring)] | @tsv' \
    "$work/history.json" >"$work/outcomes.tsv"
awk -F'\t' 'FNR == NR { status[$1] = $2 (($2 == "unknown" && $3 == "true") ? "+op" : ""); next }
    { s = ($1 in status) ? status[$1] : "none"; n[$3 " " $5 "->" s]++ }
    END { for (x in n) print x, n[x] }' "$work/outcomes.tsv" "$work/kills.tsv" | sort |
    awk '{ if ($1 != m) { if (m != "") printf "\n"; m = $1; printf "  %-9s", m } printf "  %s ×%s", $2, $3 } END { printf "\n" }'
echo "submits: $total_submits, done: $total_done, failed: $total_failed, unknown-in-gap: $total_gap, journal-only (never sent): $total_unknown_unsent"
echo "duplicates: $total_dups, sha mismatches: $total_mismatch, part files: $total_parts, staged leftovers: $total_staged_left"
if (( total_empty_staging > 0 )); then
    echo "note: $total_empty_staging empty staging folders of finished jobs remain (no bytes; the staging sweep removes them after an hour): ${empty_staging_notes[*]}"
fi
echo "time: kills ${kill_seconds} s, total $((SECONDS - started_at)) s"
echo "$passed passed, $failed failed"
(( failed == 0 ))
