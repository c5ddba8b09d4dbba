#!/usr/bin/env bash
# Idle connections held: the toaster's memory (RSS of its JVM, its heap, its live heap) with 0, 1/10, 1/2 and all
# of BENCH_IDLE_SESSIONS idle SMTP sessions open (each has read the banner and sent EHLO), then as many slow
# clients stopped in the middle of DATA (fewer if the open-files limit cannot carry two descriptors each), how fast
# a new session is answered while they are held, and whether the server still closes idle sessions at
# timeoutsmtpd. Postfix, process-per-session, is the peer: the proportional memory (PSS) of its
# smtpd processes for BENCH_POSTFIX_SESSIONS sessions, scaled. Loopback only; the client is bench/IdleClients.java.
#
#   sudo bench/idle.sh [--toaster-only|--postfix-only]
#
# Knobs (environment):
#   BENCH_IDLE_SESSIONS    sessions held (default 10000)
#   BENCH_POSTFIX_SESSIONS Postfix sessions measured then scaled to BENCH_IDLE_SESSIONS (default 500)
#   BENCH_TIMEOUT          the timeoutsmtpd of the timeout check, seconds (default 10)
#   BENCH_RUNS             runs, each with a fresh daemon; figures are medians (default 1; use 3)
#   BENCH_SOURCES          loopback source addresses 127.0.0.2... the client spreads over (default 4)
#   BENCH_WORKDIR          scratch directory (default /tmp/bench-idle)
#   BENCH_TOASTER_PORT, BENCH_POSTFIX_PORT   (defaults 2561, 2562)
#   BENCH_REBUILD=1        rebuild installer/target/toaster-installer.jar first
#   TOASTER_JAVA_OPTS      JVM options for the toaster (none by default: the figures are for the shipped launcher;
#                          -Xms64m shows what a small VM's initial heap gives)
#
# Exit status: 0 when every run completed (no timed assertion), 1 on an error, 2 on bad arguments.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench=idle
# shellcheck source=bench/lib/harness.sh
. "$here/lib/harness.sh"
bench_knobs /tmp/bench-idle 2562 2561
held=${BENCH_IDLE_SESSIONS:-10000}
postfix_sessions=${BENCH_POSTFIX_SESSIONS:-500}
timeout=${BENCH_TIMEOUT:-10}
sources=${BENCH_SOURCES:-4}
bench_args "$@"
whole_numbers held postfix_sessions timeout sources
at_least_one held postfix_sessions timeout sources
require_root
bench_libs
# shellcheck source=cli/src/dist/lib/toaster-java.sh
. "$root/cli/src/dist/lib/toaster-java.sh"
toaster_find_java jdk || die "no JDK 21+ found (see above)"

# Every session is one descriptor on each side, and the client JVM holds them all: raise the soft limit as far
# as the hard one (root may raise the hard one too) so neither side runs out before the server's own limits.
ulimit -Hn 1048576 2>/dev/null || true
ulimit -n "$(ulimit -Hn)"
# A session in DATA holds two descriptors (its socket and its queue file): hold as many as the limit carries.
nofile=$(ulimit -n)
[[ $nofile == unlimited ]] && nofile=1048576
data_held=$(( (nofile - 512) / 2 < held ? (nofile - 512) / 2 / 1000 * 1000 : held ))
[[ $data_held -ge 10 ]] || die "ulimit -n $nofile is too low to hold sessions"
domain=bench.localhost

# The toaster's JVM RSS and its heap (committed / used), in MB, on one line.
toaster_memory() {
  local rss heap
  rss=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$toaster_pid/status")
  heap=$("$TOASTER_JAVA_HOME/bin/jcmd" "$toaster_pid" GC.heap_info 2>/dev/null |
    awk '/heap/ && /total/ { for (i = 1; i <= NF; i++) { if ($i == "committed") c = $(i + 1);
      if ($i == "used") u = $(i + 1) } } END { gsub(/[K,]/, "", c); gsub(/[K,]/, "", u);
      if (c != "") printf "%.0f %.0f", c / 1024, u / 1024 }')
  echo "$rss ${heap:-? ?}"
}

# The client as a coprocess: `client COMMAND` sends one command and prints its one-line answer.
start_client() {
  coproc CLIENT { exec "$TOASTER_JAVA" -Xss256k "$here/IdleClients.java" 127.0.0.1 "$1" "$sources" 2>>"$work/client.err"; }
  # shellcheck disable=SC2153 # CLIENT_PID is set by coproc
  client_pid=$CLIENT_PID
}
client() {
  local answer
  echo "$*" >&"${CLIENT[1]}"
  read -r answer <&"${CLIENT[0]}" || die "the client died (see $work/client.err)"
  echo "$answer"
}
stop_client() {
  [[ -n ${client_pid:-} ]] || return 0
  stop_process "$client_pid"
  client_pid=""
}
on_exit stop_client

# figure NAME VALUE: one run's value, for the medians.
declare -A figures=()
figure() { figures[$1]+="$2 "; say "  $1: $2"; }
median_of() { tr ' ' '\n' <<<"${figures[$1]:-}" | grep . | median; }

# Opens sessions up to $2 ($1 = ehlo or data) in steps, recording the toaster's memory at each.
hold_in_steps() {
  local kind=$1 total=$2 step target answer rss committed used
  for target in $((total / 10)) $((total / 2)) "$total"; do
    step=$((target - open_now))
    [[ $step -gt 0 ]] || continue
    answer=$(client open "$step" "$kind")
    say "  $answer"
    open_now=$target
    [[ $answer == *", failed 0" ]] || figure "$kind-failures-$target" "${answer##*failed }"
    sleep 2
    read -r rss committed used <<<"$(toaster_memory)"
    figure "$kind-rss-$target" "$rss"
    figure "$kind-heap-committed-$target" "$committed"
    figure "$kind-heap-used-$target" "$used"
  done
  # A class histogram collects garbage first: its total is the live heap, what the sessions really keep.
  "$TOASTER_JAVA_HOME/bin/jcmd" "$toaster_pid" GC.class_histogram >"$work/histogram-$kind.txt" 2>&1 || true
  figure "$kind-live-$total" "$(awk '$1 == "Total" { printf "%.0f", $3 / 1048576 }' "$work/histogram-$kind.txt")"
  answer=$(client probe)
  say "  with $total held: $answer"
  figure "$kind-probe-ms" "$(sed -n 's/.*EHLO reply \([0-9.]*\) ms.*/\1/p' <<<"$answer")"
}

toaster_run() {
  install_toaster no-tests
  echo "$domain" >"$prefix/control/me"
  echo "$domain" >"$prefix/control/rcpthosts"
  # The benchmark's own limits, above what it holds (the defaults are what the run measures, not what it obeys).
  echo $((held + 2000)) >"$prefix/control/concurrencyincoming"
  echo $((held + 2000)) >"$prefix/control/concurrencyperip"
  # The installer's own submission and SMTPS ports may be taken by another benchmark: this lane's ports instead.
  echo "127.0.0.1:$((toaster_port + 2))" >"$prefix/control/listen-submission"
  if [[ -e $prefix/control/listen-smtps ]]; then echo "127.0.0.1:$((toaster_port + 3))" >"$prefix/control/listen-smtps"; fi
  start_toaster "\"\$PREFIX/bin/toaster\" smtpd --no-deliver --prefix \"\$PREFIX\""
  start_client "$toaster_port"
  say "  $(client probe) (first session, warms the JVM)"
  sleep 2
  read -r rss committed used <<<"$(toaster_memory)"
  figure rss-0 "$rss"
  figure heap-committed-0 "$committed"
  figure heap-used-0 "$used"
  open_now=0
  hold_in_steps ehlo "$held"
  # The timeout check, with every session above still held: timeoutsmtpd applies from the next connection.
  echo "$timeout" >"$prefix/control/timeoutsmtpd"
  say "  $(client open 1000 ehlo) (timeoutsmtpd $timeout)"
  local answer
  answer=$(client wait "$held" $((timeout * 6)))
  say "  after the timeout: $answer"
  figure timeout-closed "$(sed -n 's/.*closed by the server \([0-9]*\).*/\1/p' <<<"$answer")"
  figure timeout-after-s "$(sed -n 's/.* after \([0-9.]*\) s on average.*/\1/p' <<<"$answer")"
  rm "$prefix/control/timeoutsmtpd"
  say "  $(client close)"
  sleep 5
  figure rss-after-close "$(toaster_memory | cut -d' ' -f1)"
  open_now=0
  hold_in_steps data "$data_held"
  say "  $(client count)"
  stop_client
  stop_toaster
}

# Postfix: one smtpd process per session, so its memory is the sum over those processes. RSS counts each
# shared page (libraries, the binary) once per process; PSS divides them among the sharers, so PSS is the fair
# sum. Scaled linearly to $held: Postfix's processes are alike, so the slope is what one more session costs.
postfix_run() {
  write_postfix_main_cf <<EOF
myhostname = $domain
relay_domains = $domain
EOF
  # One smtpd process a session: the shared main.cf's process limit of 100 raised to hold them all.
  sed -i "s/^default_process_limit = .*/default_process_limit = $((postfix_sessions + 20))/" "$postfix_conf/main.cf"
  write_postfix_master_cf "127.0.0.1:$postfix_port inet n - n - $((postfix_sessions + 10)) smtpd" </dev/null
  start_postfix
  start_client "$postfix_port"
  say "  $(client open "$postfix_sessions" ehlo)"
  sleep 2
  local pids pss rss
  pids=$(pgrep -x -P "$(tr -d ' ' <"$postfix_queue/pid/master.pid")" smtpd || true)
  pss=$(for pid in $pids; do awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup"; done |
    awk '{ s += $1 } END { printf "%.0f", s / 1024 }')
  rss=$(for pid in $pids; do awk '/^VmRSS/ { print $2 }' "/proc/$pid/status"; done |
    awk '{ s += $1 } END { printf "%.0f", s / 1024 }')
  say "  Postfix: $(wc -w <<<"$pids") smtpd processes, PSS $pss MB, RSS sum $rss MB"
  figure postfix-pss "$pss"
  figure postfix-rss-sum "$rss"
  say "  with $postfix_sessions held: $(client probe)"
  stop_client
  stop_postfix
}

bench_start
if want_postfix; then install_postfix; fi
for run in $(seq "$runs"); do
  if want_toaster; then say "run $run/$runs: the toaster, $held sessions"; toaster_run; fi
  if want_postfix; then say "run $run/$runs: Postfix, $postfix_sessions sessions"; postfix_run; fi
done

# --- Report (medians of $runs runs) ----------------------------------------------------------------------
echo
echo "idle sessions held, medians of $runs run(s), memory in MB"
if want_toaster; then
  printf '%-34s %8s %15s %10s\n' "toaster" "RSS" "heap committed" "heap used"
  printf '%-34s %8s %15s %10s\n' "0 sessions" "$(median_of rss-0)" "$(median_of heap-committed-0)" \
    "$(median_of heap-used-0)"
  for kind in ehlo data; do
    total=$held
    [[ $kind == ehlo ]] || total=$data_held
    for target in $((total / 10)) $((total / 2)) "$total"; do
      printf '%-34s %8s %15s %10s\n' "$target after EHLO$([[ $kind == data ]] && echo ', in DATA')" \
        "$(median_of "$kind-rss-$target")" "$(median_of "$kind-heap-committed-$target")" \
        "$(median_of "$kind-heap-used-$target")"
    done
  done
  echo "live heap (after a full collection) with $held idle: $(median_of ehlo-live-"$held") MB;" \
    "with $data_held in DATA: $(median_of data-live-"$data_held") MB (class histograms: $work/histogram-*.txt)"
  per_session=$(awk -v a="$(median_of ehlo-rss-"$held")" -v b="$(median_of rss-0)" -v n="$held" \
    'BEGIN { printf "%.1f", (a - b) * 1024 / n }')
  echo "toaster: $per_session KB RSS per idle session; RSS after closing them all: $(median_of rss-after-close) MB"
  echo "toaster: a new session's EHLO reply with $held idle held: $(median_of ehlo-probe-ms) ms;" \
    "with $data_held in DATA held: $(median_of data-probe-ms) ms"
  echo "toaster: timeoutsmtpd $timeout s closed $(median_of timeout-closed) of 1000 sessions, after" \
    "$(median_of timeout-after-s) s on average, with $held others held"
  rss_held=$(median_of ehlo-rss-"$held")
  echo "goal (< 512 MB RSS with 10,000 idle): $held idle give $rss_held MB:" \
    "$(awk -v r="$rss_held" -v n="$held" 'BEGIN { print (n >= 10000 && r < 512) ? "met" : (n < 10000 ? "not measured at 10,000" : "NOT met") }')"
fi
if want_postfix; then
  pss=$(median_of postfix-pss)
  echo "Postfix: $postfix_sessions sessions, smtpd PSS $pss MB (RSS sum $(median_of postfix-rss-sum) MB);" \
    "scaled to $held: $(awk -v p="$pss" -v s="$postfix_sessions" -v n="$held" 'BEGIN { printf "%.0f", p * n / s }') MB" \
    "($(awk -v p="$pss" -v s="$postfix_sessions" 'BEGIN { printf "%.0f", p * 1024 / s }') KB a session)"
fi
report_machine "toaster.log, client.err, postfix/maillog"
