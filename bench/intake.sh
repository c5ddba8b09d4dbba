#!/usr/bin/env bash
# Intake benchmark: how fast does an SMTP server take mail into its durable queue?
#
# Runs a private Postfix instance and the toaster side by side on loopback, both queue-only (nothing is
# delivered; BENCH_DELIVER=1: both delivering as they take mail in), and drives each with the same Postfix
# `smtp-source` command: BENCH_SESSIONS parallel sessions, BENCH_MESSAGES messages of BENCH_SIZE bytes, one
# SMTP transaction per connection. Prints msg/s of each, the ratio toaster/postfix (goal, issue 25: >= 2),
# and the toaster's p50/p99 time per transaction from its log.
# See bench/README.md for what is measured, the fairness notes and how to read the output.
#
#   sudo bench/intake.sh                  both servers (root: apt-get and Postfix's master need it)
#   sudo bench/intake.sh --postfix-only   Postfix alone (also BENCH_ONLY=postfix)
#   sudo bench/intake.sh --toaster-only   the toaster alone (also BENCH_ONLY=toaster)
#
# Knobs (environment):
#   BENCH_MESSAGES   messages per measured run            (5000)
#   BENCH_SESSIONS   parallel SMTP sessions               (20)
#   BENCH_SIZE       message payload in bytes             (2048)
#   BENCH_WARMUP     warm-up messages per side, not measured (2000: the toaster is measured with its JIT
#                    warm, as a server that has run for a minute is; it costs Postfix nothing)
#   BENCH_RUNS       measured runs per side; median shown (1)
#   BENCH_DELIVER    1 = both servers deliver as they take mail in, as in production (0): Postfix with qmgr and
#                    virtual(8), the toaster's smtpd with its queue runner, into one user's Maildir on each side;
#                    a fresh daemon on each side before every measured run, BENCH_WARMUP (default 200 here)
#                    delivered messages, then the run; intake is timed, the deliveries are waited for untimed
#                    after it (bench/intake-deliver.sh). Plugin sets other than none are refused in this mode
#   BENCH_WORKDIR    scratch directory, wiped at start    (/tmp/toaster-bench)
#   BENCH_ONLY       postfix | toaster | both             (both)
#   BENCH_PLUGINS    comma list of none, scripts, builtins, persistent, or all (none). Every set is one
#                    smtp-source run per measured run on the same toaster, side by side with Postfix, and a
#                    set other than none brings none along: the cost per plugin call is the difference.
#                    "scripts": the shipped sample scripts on connect, HELO, MAIL and RCPT (6 processes per
#                    message); "builtins": builtin:rbl at connect and builtin:spf at MAIL (2 calls);
#                    "persistent": the shipped long-running heloguard on those four hooks (4 calls). RBL and SPF
#                    ask a DNS fixture on 127.0.5.53:53, never the Internet (bench/plugin-sets.sh)
#   BENCH_SLOW_MESSAGES / BENCH_SLOW_WARMUP  messages per measured run / warm-up for "scripts" and
#                    "persistent", which take mail at a few dozen msg/s (1000 / 100)
#   BENCH_DNS_ADDRESS loopback address for the DNS fixture, port 53 (127.0.5.53)
#   BENCH_POSTFIX_PORT / BENCH_TOASTER_PORT  loopback ports (2526 / 2525)
#   BENCH_SUBMISSION_PORT  loopback port of the toaster's submission listener (unset: the installer's 2587)
#   BENCH_START_TIMEOUT  seconds a server may take to start listening (30; a heavily loaded machine needs more)
#   BENCH_REBUILD    1 = build the toaster even if installer/target/toaster-installer.jar exists (0)
#   TOASTER_ROOT     the toaster's source tree            (the parent of bench/)
#   TOASTER_CMD      command that runs the toaster's SMTP server in the foreground
#                    (default: "$PREFIX/bin/toaster" smtpd --no-deliver --prefix "$PREFIX": intake only, as Postfix
#                    runs without qmgr below; $PREFIX is exported to it)
#
# Exit status: 0 when every run completed (whatever the figures are: there is no timed assertion here),
# 1 on an error (a server that does not start, smtp-source failing, a missing tool), 2 on bad arguments.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench=intake
# shellcheck source=bench/lib/harness.sh
. "$here/lib/harness.sh"
bench_knobs /tmp/toaster-bench 2526 2525
plugins=${BENCH_PLUGINS:-none}
slow_messages=${BENCH_SLOW_MESSAGES:-1000}
slow_warmup=${BENCH_SLOW_WARMUP:-100}
deliver=${BENCH_DELIVER:-0}
if [[ $deliver == 1 && -z ${BENCH_WARMUP:-} ]]; then warmup=200; fi
bench_args "$@"
[[ $deliver == 0 || $deliver == 1 ]] || refuse "BENCH_DELIVER must be 0 or 1"
[[ $deliver == 0 || $plugins == none ]] || refuse "BENCH_DELIVER=1 measures without plugins: leave BENCH_PLUGINS unset"
whole_numbers slow_messages slow_warmup
at_least_one slow_messages

# The envelope and HELO name are the same for both servers; bench.localhost is accepted by both (Postfix:
# relay_domains; the toaster: control/rcpthosts) and never resolved.
domain=bench.localhost
sender=bench@$domain
recipient=postmaster@$domain
load=(-l "$size" -f "$sender" -t "$recipient")

# shellcheck source=bench/plugin-sets.sh
. "$here/plugin-sets.sh"
sets_text=$(plugin_sets "$plugins") ||
  refuse "BENCH_PLUGINS must be a comma list of none, scripts, builtins, persistent, or all"
mapfile -t sets <<<"$sets_text"
require_root

bench_libs
if [[ $deliver == 1 ]]; then
  # shellcheck source=bench/intake-deliver.sh
  . "$here/intake-deliver.sh"
  load=(-l "$size" -f "$sender" -t "$deliver_recipient")
fi

# --- The private Postfix instance (bench/lib/postfix-instance.sh) ----------------------------------------
# Delivery deferred = queue only: no qmgr, so the mail stays durably in incoming/. That is exactly the
# toaster's job in this benchmark (its smtpd only queues). We chose this over defer_transports, where qmgr
# would also move every message to active/ then deferred/ and write a defer log: work the toaster side does not do.
setup_postfix() {
  write_postfix_main_cf <<EOF
myhostname = $domain
relay_domains = $domain
EOF
  write_postfix_master_cf "127.0.0.1:$postfix_port inet n - n - - smtpd" </dev/null
}

# --- The toaster (bench/lib/toaster-instance.sh) ----------------------------------------------------------
# Its queue writes fsync before the 250 (DESIGN.md, "never say 250 before the message is durable"); its smtpd
# does not deliver (--no-deliver), so the queue fills exactly as Postfix's incoming/ does.
setup_toaster() {
  if uses_dns "${sets[@]}"; then install_toaster tests; else install_toaster no-tests; fi
  echo "$domain" >"$prefix/control/me"
  echo "$domain" >"$prefix/control/rcpthosts"
  if [[ ${#sets[@]} -gt 1 ]]; then setup_plugin_controls; fi
}

# --- Main ------------------------------------------------------------------------------------------------
bench_start
install_postfix
postfix_version=$(postconf -d -h mail_version 2>/dev/null || echo '?')

# Both servers are up at once (the idle one costs nothing); bench/lib/rounds.sh alternates the measured runs,
# Postfix then the toaster's sets.
if [[ $deliver == 1 ]]; then
  rounds_prepare_warms=1
  if want_postfix; then
    setup_postfix_delivering
    add_leg postfix postfix "$postfix_port" "$messages" "$warmup" fresh_postfix "postfix $postfix_version, delivering" \
      "settle postfix"
  fi
  if want_toaster; then
    setup_toaster_delivering
    add_leg none toaster "$toaster_port" "$messages" "$warmup" fresh_toaster "toaster, delivering" "settle toaster"
  fi
fi
if want_postfix && [[ $deliver == 0 ]]; then
  setup_postfix
  start_postfix
  add_leg postfix postfix "$postfix_port" "$messages" "$warmup" "" "postfix $postfix_version"
fi
if want_toaster && [[ $deliver == 0 ]]; then
  setup_toaster
  if uses_dns "${sets[@]}"; then
    plugin_zone
    start_fixture_dns "2.0.0.127.$rbl_list."
    toaster_ns=("${namespaced[@]}")
  fi
  start_toaster "\"\$PREFIX/bin/toaster\" smtpd --no-deliver --prefix \"\$PREFIX\""
  for set in "${sets[@]}"; do
    if set_is_slow "$set"; then
      add_leg "$set" toaster "$toaster_port" "$slow_messages" "$slow_warmup" "use_set $set" "$(set_label "$set")"
    else
      add_leg "$set" toaster "$toaster_port" "$messages" "$warmup" "use_set $set" "$(set_label "$set")"
    fi
    leg_cpu "$set" "$toaster_pid"
  done
fi
run_rounds

postfix_count="-" toaster_count="-"
if [[ $deliver == 1 ]]; then
  if want_postfix; then postfix_count="$(postfix_delivered)/$delivered_want_postfix"; fi
  if want_toaster; then toaster_count="$(toaster_delivered)/$delivered_want_toaster"; fi
  stop_postfix
  stop_toaster
  # Every 250 must be one delivered message: a shortfall or a surplus means the set-up is not as intended.
  for count in $postfix_count $toaster_count; do
    [[ $count == - || ${count%/*} == "${count#*/}" ]] || die "delivered $count (logs: $work)"
  done
fi
if want_postfix && [[ $deliver == 0 ]]; then
  postfix_count=$(postfix_queued)
  stop_postfix
  # Every 250 must be a queued message: a shortfall means the instance is not set up as intended.
  [[ $postfix_count -eq $(side_total postfix) ]] ||
    die "Postfix's queue holds $postfix_count messages, expected $(side_total postfix) (log: $work/postfix/maillog)"
fi
if want_toaster && [[ $deliver == 0 ]]; then
  toaster_count=$(toaster_queue_files)
  stop_toaster
  stop_fixture_dns
fi

# --- Report ----------------------------------------------------------------------------------------------
echo
if [[ $deliver == 1 ]]; then
  echo "Intake benchmark, both delivering (into one user's Maildir): smtp-source -s $sessions -l $size, one" \
    "transaction per connection, timed for intake; a fresh daemon and $warmup delivered warm-up messages before" \
    "every run; median of $runs run(s)"
else
  echo "Intake benchmark: smtp-source -s $sessions -l $size, one transaction per connection, after warm-up;" \
    "median of $runs run(s)"
fi
report_legs
if [[ $deliver == 1 ]]; then
  echo "  (p50/p99: the toaster's time from MAIL to the 250 after DATA, from its log; CPU: the toaster JVM's" \
    "user + system time per message, intake and delivery, JIT compilation of the fresh daemon included)"
else
  echo "  (p50/p99: the toaster's time from MAIL to the 250 after DATA, from its log; CPU: the toaster JVM's" \
    "user + system time per message)"
fi
if [[ $deliver == 1 ]]; then
  if want_postfix; then echo "postfix delivered: $postfix_count (in the Maildir / sent, warm-ups included)"; fi
  if want_toaster; then echo "toaster delivered: $toaster_count (in the Maildir / sent, warm-ups included)"; fi
fi
if want_postfix && [[ $deliver == 0 ]]; then echo "postfix queued: $postfix_count/$(side_total postfix)"; fi
if want_toaster && [[ $deliver == 0 ]]; then
  echo "toaster queued: $toaster_count/$(side_total toaster) (regular files under $prefix/queue but *.tmp;" \
    "informational, its layout is not final)"
fi
if want_postfix && want_toaster; then
  echo "ratio toaster/postfix: $(ratio "${leg_rate[none]}" "${leg_rate[postfix]}")   (goal, issue 25: >= 2)"
  for set in "${sets[@]}"; do
    [[ $set == none ]] && continue
    echo "ratio $(set_label "$set")/postfix: $(ratio "${leg_rate[$set]}" "${leg_rate[postfix]}")" \
      "  ($(set_goal "$set"))"
  done
fi
if want_toaster && [[ ${#sets[@]} -gt 1 ]]; then
  echo "cost per plugin call = (1000/rate with plugins - 1000/rate without) / calls per message:"
  for set in "${sets[@]}"; do
    [[ $set == none ]] && continue
    printf '  %-11s %d calls/msg: %s per call\n' "$set" "$(set_calls "$set")" \
      "$(cost_ms "${leg_rate[$set]}" "${leg_rate[none]}" "$(set_calls "$set")")"
  done
  echo "  (machine time per call with $sessions sessions in parallel on $(nproc) CPUs, not one call's latency)"
fi
report_runs
logs=()
if want_postfix; then logs+=(postfix/maillog); fi
if want_toaster; then logs+=(toaster.log); fi
if want_toaster && uses_dns "${sets[@]}"; then logs+=(fixture-dns.out bench.zone); fi
report_machine "${logs[*]}"
