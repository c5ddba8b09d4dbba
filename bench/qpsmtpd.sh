#!/usr/bin/env bash
# Plugin model side by side: the toaster's plugin sets next to qpsmtpd, another plugin-driven SMTP server.
#
# Runs two private qpsmtpd instances from Debian's package (forkserver, unprivileged, on loopback): "none" with only
# what accepts mail (rcpt_ok and a queue plugin that fsyncs each message into a directory before the 250), and
# "checks" with dnsbl, helo and sender_permitted_from before them; and the toaster with its sets none, scripts,
# builtins and persistent (bench/plugin-sets.sh). All are driven in turn, round after round, by the same
# smtp-source command as bench/intake.sh (one transaction per connection). RBL and SPF ask the DNS fixture on
# loopback, never the Internet. Prints msg/s, the ratios to qpsmtpd and the cost per check or plugin call.
# Fails unless every message was accepted (smtp-source) and every one sent to qpsmtpd is in its queue directory.
# See bench/README.md ("Plugins next to qpsmtpd") for the method and the fairness notes.
#
#   sudo bench/qpsmtpd.sh        (root: apt-get, the DNS fixture's mount namespace, qpsmtpd's change of user)
#
# Knobs (environment), besides bench/intake.sh's BENCH_MESSAGES, BENCH_SESSIONS, BENCH_SIZE, BENCH_WARMUP,
# BENCH_RUNS, BENCH_SLOW_MESSAGES, BENCH_SLOW_WARMUP, BENCH_DNS_ADDRESS, BENCH_START_TIMEOUT, BENCH_REBUILD:
#   BENCH_WORKDIR           scratch directory, wiped at start               (/tmp/bench-qpsmtpd)
#   BENCH_TOASTER_PORT      the toaster's loopback port                      (2532)
#   BENCH_QPSMTPD_PORT      the first of qpsmtpd's two loopback ports        (2533; "checks" gets the next)
#   BENCH_QPSMTPD_MESSAGES  messages per measured run of each qpsmtpd leg    (BENCH_SLOW_MESSAGES: qpsmtpd takes
#                           a few dozen msg/s here)
#   BENCH_QPSMTPD_WARMUP    warm-up messages per qpsmtpd leg                 (BENCH_SLOW_WARMUP)
#   BENCH_QPSMTPD_SERVER    forkserver | prefork                             (forkserver, Debian's default)
#   BENCH_QPSMTPD_QUEUE     durable | maildir: bench/qpsmtpd-queue-durable (fsync) or the package's queue/maildir
#                           (no fsync, so not the toaster's promise)        (durable)
#
# Exit status: 0 when every run completed and every message was counted, 1 on an error, 2 on bad arguments.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench=qpsmtpd
# shellcheck source=bench/lib/harness.sh
. "$here/lib/harness.sh"
bench_knobs /tmp/bench-qpsmtpd 2531 2532
slow_messages=${BENCH_SLOW_MESSAGES:-1000}
slow_warmup=${BENCH_SLOW_WARMUP:-100}
qpsmtpd_port=${BENCH_QPSMTPD_PORT:-2533}
qpsmtpd_messages=${BENCH_QPSMTPD_MESSAGES:-$slow_messages}
qpsmtpd_warmup=${BENCH_QPSMTPD_WARMUP:-$slow_warmup}
bench_args "$@"
[[ $only == both ]] || refuse "--postfix-only and --toaster-only do not apply here"
whole_numbers slow_messages slow_warmup qpsmtpd_port qpsmtpd_messages qpsmtpd_warmup
at_least_one slow_messages qpsmtpd_messages
case ${BENCH_QPSMTPD_SERVER:-forkserver} in forkserver|prefork) ;; *) refuse "BENCH_QPSMTPD_SERVER: forkserver or prefork" ;; esac
case ${BENCH_QPSMTPD_QUEUE:-durable} in durable|maildir) ;; *) refuse "BENCH_QPSMTPD_QUEUE: durable or maildir" ;; esac

domain=bench.localhost
sender=bench@$domain
recipient=postmaster@$domain
load=(-l "$size" -f "$sender" -t "$recipient")

# shellcheck source=bench/plugin-sets.sh
. "$here/plugin-sets.sh"
sets=(none scripts builtins persistent)
# qpsmtpd's checks, one plugin each: dnsbl at connect (one A query to the fixture), helo (the package's lenient
# policy: no DNS), sender_permitted_from at MAIL (SPF, the fixture's TXT record); rcpt_ok in both instances is
# what accepts mail for bench.localhost (the toaster's rcpthosts).
qpsmtpd_checks=("dnsbl reject 1" "helo policy lenient" "sender_permitted_from reject 3")
checks_per_message=${#qpsmtpd_checks[@]}
require_root

bench_libs
# shellcheck source=bench/qpsmtpd-instance.sh
. "$here/qpsmtpd-instance.sh"

setup_toaster() {
  install_toaster tests
  echo "$domain" >"$prefix/control/rcpthosts"
  setup_plugin_controls
}

# --- Main ------------------------------------------------------------------------------------------------
bench_start
install_postfix   # smtp-source only: no Postfix runs here
install_qpsmtpd
setup_toaster
plugin_zone
start_fixture_dns "2.0.0.127.$rbl_list."
toaster_ns=("${namespaced[@]}")
setup_qpsmtpd none "$qpsmtpd_port" rcpt_ok
setup_qpsmtpd checks "$((qpsmtpd_port + 1))" "${qpsmtpd_checks[@]}" rcpt_ok
start_qpsmtpd none
start_qpsmtpd checks
probe_listed_client checks
start_toaster "\"\$PREFIX/bin/toaster\" smtpd --no-deliver --prefix \"\$PREFIX\""

# Legs alternate in this order every round; CPU counts each server's reaped children ("+pid"): qpsmtpd's process
# per connection, the toaster's plugin processes.
label_none="qpsmtpd $qpsmtpd_version $qpsmtpd_server, no checks"
label_checks="qpsmtpd $qpsmtpd_version $qpsmtpd_server + $checks_per_message checks"
# prefork's children live on across runs and are never reaped in one, so its CPU is not counted ("-").
add_leg qpsmtpd-none qpsmtpd "$qpsmtpd_port" "$qpsmtpd_messages" "$qpsmtpd_warmup" "" "$label_none"
add_leg qpsmtpd-checks qpsmtpd "$((qpsmtpd_port + 1))" "$qpsmtpd_messages" "$qpsmtpd_warmup" "" "$label_checks"
if [[ $qpsmtpd_server == forkserver ]]; then
  leg_cpu qpsmtpd-none "+${qpsmtpd_pid[none]}"
  leg_cpu qpsmtpd-checks "+${qpsmtpd_pid[checks]}"
fi
for set in "${sets[@]}"; do
  if set_is_slow "$set"; then
    add_leg "$set" toaster "$toaster_port" "$slow_messages" "$slow_warmup" "use_set $set" "$(set_label "$set")"
  else
    add_leg "$set" toaster "$toaster_port" "$messages" "$warmup" "use_set $set" "$(set_label "$set")"
  fi
  leg_cpu "$set" "+$toaster_pid"
done
run_rounds

# Every 250 from qpsmtpd must be a message in its queue directory (the probe's message was refused).
declare -A queued
for name in none checks; do
  queued[$name]=$(qpsmtpd_queued "$name")
  [[ ${queued[$name]} -eq $(leg_total "qpsmtpd-$name") ]] || die "qpsmtpd '$name' queued ${queued[$name]} messages," \
    "expected $(leg_total "qpsmtpd-$name") (log: $work/qpsmtpd/$name/log/qpsmtpd.log)"
done
# And each check must have run and passed for every message (dnsbl also for the start's port probe): a check
# that skipped (a relay client, no zones, no resolver) would flatter qpsmtpd.
for check in dnsbl helo sender_permitted_from; do
  [[ $(checks_logged checks "$check") -ge $(leg_total qpsmtpd-checks) ]] || die "qpsmtpd's $check passed" \
    "$(checks_logged checks "$check") messages, expected $(leg_total qpsmtpd-checks) (log: $work/qpsmtpd/checks/log)"
done
toaster_count=$(toaster_queue_files)
stop_toaster
stop_qpsmtpd_all
stop_fixture_dns

# --- Report ----------------------------------------------------------------------------------------------
echo
echo "Plugin models: smtp-source -s $sessions -l $size, one transaction per connection, after warm-up;" \
  "legs alternating, median of $runs run(s)"
report_legs
echo "  (p50/p99: the toaster's time from MAIL to the 250 after DATA, from its log; CPU: user + system time per" \
  "message of the server and its reaped children: qpsmtpd's connection processes (forkserver only), the toaster's" \
  "plugin processes)"
echo "qpsmtpd queued: none ${queued[none]}/$(leg_total qpsmtpd-none), checks ${queued[checks]}/$(leg_total qpsmtpd-checks)" \
  "(files in new/ of each queue directory, queue plugin: ${BENCH_QPSMTPD_QUEUE:-durable}); checks passed:" \
  "dnsbl $(checks_logged checks dnsbl), helo $(checks_logged checks helo), spf" \
  "$(checks_logged checks sender_permitted_from) (dnsbl also counts the start's port probes)"
echo "toaster queued: $toaster_count/$(side_total toaster) (regular files under $prefix/queue but *.tmp; informational)"
for set in "${sets[@]}"; do
  printf 'ratio %-30s to qpsmtpd without checks: %6s   to qpsmtpd with checks: %6s\n' "$(set_label "$set")" \
    "$(ratio "${leg_rate[$set]}" "${leg_rate[qpsmtpd-none]}")" "$(ratio "${leg_rate[$set]}" "${leg_rate[qpsmtpd-checks]}")"
done
echo "cost per check or plugin call = (1000/rate with - 1000/rate without) / calls per message:"
printf '  %-11s %d checks/msg: %s per check\n' "qpsmtpd" "$checks_per_message" \
  "$(cost_ms "${leg_rate[qpsmtpd-checks]}" "${leg_rate[qpsmtpd-none]}" "$checks_per_message")"
for set in scripts builtins persistent; do
  printf '  %-11s %d calls/msg:  %s per call\n' "$set" "$(set_calls "$set")" \
    "$(cost_ms "${leg_rate[$set]}" "${leg_rate[none]}" "$(set_calls "$set")")"
done
echo "  (machine time per call with $sessions sessions in parallel on $(nproc) CPUs, not one call's latency)"
report_runs
report_machine "qpsmtpd/none/log qpsmtpd/checks/log toaster.log fixture-dns.out bench.zone"
