#!/usr/bin/env bash
# bench/startup.sh: how long a start takes, next to the machine's floor and Postfix in the same run.
#
#   1. the floor: `java -version` (a JVM that loads nothing of ours);
#   2. Postfix: `postfix start` to its smtpd's 220 banner on 127.0.0.1 (a private instance, as intake.sh's);
#   3. the toaster's daemons, exec to serving (the 220 banner; any HTTP answer): `toaster smtpd` and `toaster wiki
#      serve` without and with the JVM class cache the launcher picks for each (TOASTER_JVM_CACHE=off, then on:
#      smtpd's, the wiki's); each with its CPU seconds;
#   4. a fresh unprivileged install to serving: the installer jar into a new prefix (--no-start), then
#      `toaster start` as a first start is (without the cache): time to the SMTP banner, to the wiki answering,
#      and to the wiki's first page (its start's build done).
# Medians of BENCH_RUNS runs. No assertion: the figures and the load average are printed for bench/README.md.
#
# Usage: sudo bench/startup.sh [--toaster-only]   (root: Postfix's master starts as root; apt installs it)
#
# Knobs (environment):
#   BENCH_RUNS           starts measured for each figure (3)
#   BENCH_INSTALL_RUNS   fresh installs measured (BENCH_RUNS)
#   BENCH_WORKDIR        scratch directory, wiped first (/tmp/bench-startup)
#   BENCH_TOASTER_PORT   the toaster's SMTP port; submission and POP3S take the next two (2571)
#   BENCH_POSTFIX_PORT   Postfix's SMTP port (2575)
#   BENCH_HTTP_PORT      the wiki's HTTP port (2581)
#   BENCH_REBUILD=1      rebuild installer/target/toaster-installer.jar first
#   TOASTER_ROOT         the source tree (the parent of bench/)
set -euo pipefail

bench=startup
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib/harness.sh
. "$here/lib/harness.sh"
bench_knobs /tmp/bench-startup 2575 2571
runs=${BENCH_RUNS:-3}
install_runs=${BENCH_INSTALL_RUNS:-$runs}
http_port=${BENCH_HTTP_PORT:-2581}
bench_args "$@"
whole_numbers install_runs http_port
at_least_one install_runs
require_root
bench_libs

now_ms() { echo $(($(date +%s%N) / 1000000)); }
seconds() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }
accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Milliseconds from $2 until the SMTP server on $1 says its 220 banner.
until_banner() {
  local port=$1 started=$2 line
  while true; do
    if { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
      line=""
      read -r -t 10 line <&3 || true
      exec 3<&-
      if [[ $line == 220* ]]; then echo $(($(now_ms) - started)); return; fi
    fi
    [[ $(($(now_ms) - started)) -lt 120000 ]] || die "no SMTP banner on 127.0.0.1:$port within 120 s"
    sleep 0.01
  done
}

# Milliseconds from $2 until http://127.0.0.1:$1/ answers with status $3 (any status: "any").
until_http() {
  local port=$1 started=$2 want=$3 status
  while true; do
    status=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$port/" || true)
    if [[ $status != 000 && ($want == any || $status == "$want") ]]; then echo $(($(now_ms) - started)); return; fi
    [[ $(($(now_ms) - started)) -lt 300000 ]] || die "the wiki on 127.0.0.1:$port did not answer $want within 300 s"
    sleep 0.02
  done
}

# user + system CPU seconds of a process so far (proc(5) fields 14 and 15, at 100 ticks a second).
cpu_of() { awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$1/stat" 2>/dev/null || echo "-"; }

# One start of `toaster ARGS` with TOASTER_JVM_CACHE=$1 until it serves on port $2 (smtpd: its 220 banner; the
# wiki: any HTTP answer): "ms cpu" on stdout.
time_daemon() {
  local cache_mode=$1 port=$2 pid started ms cpu
  shift 2
  started=$(now_ms)
  TOASTER_JVM_CACHE=$cache_mode "$prefix/bin/toaster" "$@" >>"$work/daemons.log" 2>&1 &
  pid=$!
  if [[ $1 == smtpd ]]; then ms=$(until_banner "$port" "$started"); else ms=$(until_http "$port" "$started" any); fi
  cpu=$(cpu_of "$pid")
  stop_process "$pid"
  echo "$ms $cpu"
}

# One line: the medians of $runs starts of the daemon (arguments as time_daemon's after the label).
measure_daemon() {
  local label=$1 i results=()
  shift
  for ((i = 1; i <= runs; i++)); do results+=("$(time_daemon "$@")"); done
  local ms cpu
  ms=$(printf '%s\n' "${results[@]}" | cut -d' ' -f1 | median)
  cpu=$(printf '%s\n' "${results[@]}" | cut -d' ' -f2 | median)
  printf '%-44s %8s s   CPU %5s s   (%s)\n' "$label" "$(seconds "$ms")" "$cpu" \
    "$(printf '%s\n' "${results[@]}" | cut -d' ' -f1 | paste -sd' ') ms" | tee -a "$work/figures.txt"
}

listen_on() {
  local control=$1/control
  echo "127.0.0.1:$toaster_port" >"$control/listen-smtp"
  echo "127.0.0.1:$((toaster_port + 1))" >"$control/listen-submission"
  echo "127.0.0.1:$((toaster_port + 2))" >"$control/listen-pop3s"
  echo "127.0.0.1:$http_port" >"$control/listen-http"
}

bench_start
say "load average before: $load_before"

# --- 1. The floor ----------------------------------------------------------------------------------------
. "$root/cli/src/dist/lib/toaster-java.sh"
toaster_find_java || die "no Java 21+ found (see above)"
floor=()
for ((i = 1; i <= runs; i++)); do
  started=$(now_ms)
  "$TOASTER_JAVA" -version >/dev/null 2>&1
  floor+=($(($(now_ms) - started)))
done

# --- 2. Postfix ------------------------------------------------------------------------------------------
postfix_figure="-"
if want_postfix; then
  install_postfix
  write_postfix_main_cf <<EOF
myhostname = bench.example.org
relay_domains = example.org
EOF
  write_postfix_master_cf "127.0.0.1:$postfix_port inet n - n - - smtpd" </dev/null
  postfix_ms=()
  for ((i = 1; i <= runs; i++)); do
    started=$(now_ms)
    postfix -c "$postfix_conf" start >/dev/null 2>&1 || die "postfix -c $postfix_conf start failed"
    postfix_started=1
    postfix_ms+=("$(until_banner "$postfix_port" "$started")")
    stop_postfix
    while accepts "$postfix_port"; do sleep 0.05; done
  done
  postfix_figure=$(printf '%s\n' "${postfix_ms[@]}" | median)
fi

# --- 3. The toaster's daemons ----------------------------------------------------------------------------
daemon_lines=()
if want_toaster; then
  install_toaster no-tests
  listen_on "$prefix"
  compgen -G "$prefix/cache/java-*" >/dev/null || die "the install made no JVM cache in $prefix/cache"
  "$prefix/bin/toaster" wiki serve >"$work/wiki-first.log" 2>&1 &
  first_wiki=$!
  until_http "$http_port" "$(now_ms)" 200 >/dev/null    # the first build, so the measured starts find it done
  stop_process "$first_wiki"
  daemon_lines+=("$(measure_daemon "toaster smtpd, no cache" off "$toaster_port" smtpd)")
  daemon_lines+=("$(measure_daemon "toaster smtpd, with the cache" on "$toaster_port" smtpd)")
  daemon_lines+=("$(measure_daemon "toaster wiki serve, no cache" off "$http_port" wiki serve)")
  daemon_lines+=("$(measure_daemon "toaster wiki serve, with the cache" on "$http_port" wiki serve)")
fi

# --- 4. A fresh install to serving -----------------------------------------------------------------------
install_lines=()
if want_toaster; then
  jar=$root/installer/target/toaster-installer.jar
  fresh=$work/fresh
  installs=() banners=() answers=() sites=() caches=() trainings=()
  for ((i = 1; i <= install_runs; i++)); do
    rm -rf "$fresh"
    started=$(now_ms)
    "$TOASTER_JAVA" -jar "$jar" install --prefix "$fresh" --unprivileged --no-start --yes \
      --hostname bench.example.org >"$work/fresh-install.log" 2>&1 ||
      { cat "$work/fresh-install.log" >&2; die "the fresh install failed"; }
    installed=$(now_ms)
    cache_ms=$(sed -n 's/^ *jvm-cache took \([0-9.]*\) s$/\1/p' "$work/fresh-install.log" | awk '{ printf "%d", $1 * 1000 }')
    # Each training run as the step printed it: "java-VERSION-FAMILY.aot: 25 MB, by a start of smtpd in 3.1 s".
    while read -r family seconds; do
      trainings+=("$family $seconds")
    done < <(sed -n 's/^ *java-[^ ]*-\([a-z]*\)\.[a-z]*: .* in \([0-9.]*\) s$/\1 \2/p' "$work/fresh-install.log")
    listen_on "$fresh"
    # As the default install's first start: without the cache, which it makes after the start.
    started_daemons=$(now_ms)
    TOASTER_JVM_CACHE=off "$fresh/bin/toaster" start >"$work/fresh-start.log" 2>&1 &
    supervisor=$!
    banner=$(until_banner "$toaster_port" "$started_daemons")
    answer=$(until_http "$http_port" "$started_daemons" any)
    site=$(until_http "$http_port" "$started_daemons" 200)
    wait "$supervisor" || { cat "$work/fresh-start.log" >&2; die "toaster start failed"; }
    "$fresh/bin/toaster" stop >>"$work/fresh-start.log" 2>&1 || true
    install_ms=$((installed - started - ${cache_ms:-0}))
    installs+=("$install_ms") caches+=("${cache_ms:-0}")
    banners+=($((install_ms + banner))) answers+=($((install_ms + answer))) sites+=($((install_ms + site)))
  done
  m() { printf '%s\n' "$@" | median; }
  install_lines+=("$(printf '%-44s %8s s' "install steps (without the cache step)" "$(seconds "$(m "${installs[@]}")")")")
  install_lines+=("$(printf '%-44s %8s s' "the cache step (after the start by default)" "$(seconds "$(m "${caches[@]}")")")")
  for family in smtpd wiki; do
    ms=$(printf '%s\n' "${trainings[@]}" | awk -v f="$family" '$1 == f { printf "%d\n", $2 * 1000 }' | median)
    [[ -z $ms ]] || install_lines+=("$(printf '%-44s %8s s' "  of which the $family cache's training" "$(seconds "$ms")")")
  done
  install_lines+=("$(printf '%-44s %8s s' "install to SMTP banner" "$(seconds "$(m "${banners[@]}")")")")
  install_lines+=("$(printf '%-44s %8s s' "install to the wiki answering (503 or 200)" "$(seconds "$(m "${answers[@]}")")")")
  install_lines+=("$(printf '%-44s %8s s' "install to the wiki's first page (built)" "$(seconds "$(m "${sites[@]}")")")")
fi

# --- Report ----------------------------------------------------------------------------------------------
echo
echo "startup: medians of $runs starts ($install_runs fresh installs)"
printf '%-44s %8s s\n' "floor: java -version" "$(seconds "$(printf '%s\n' "${floor[@]}" | median)")"
if [[ $postfix_figure != "-" ]]; then
  printf '%-44s %8s s   (%s)\n' "postfix start to its banner" "$(seconds "$postfix_figure")" \
    "$(postconf -d -h mail_version 2>/dev/null || echo '?')"
fi
printf '%s\n' "${daemon_lines[@]}" "${install_lines[@]}"
report_machine "daemons.log, toaster-install.log, fresh-install.log, fresh-start.log"
