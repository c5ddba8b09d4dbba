#!/usr/bin/env bash
# Local delivery benchmark: how fast does an SMTP server take mail in AND deliver it into a user's Maildir?
#
# Runs a private Postfix instance (smtpd, qmgr and the virtual(8) delivery agent, Maildir) and the toaster
# (`toaster smtpd`, which delivers in-process) side by side on loopback, drives each with the same Postfix
# `smtp-source` command, and times each run from the first connection until every message is a file in the
# user's Maildir/new/ and the server's queue is empty. Prints deliveries per second of each, the ratio
# toaster/postfix, and the issue's goal (>= 1,000 local deliveries/s for the toaster).
# See bench/README.md for what is measured, the fairness notes and how to read the output.
#
#   sudo bench/delivery.sh                  both servers (root: apt-get and Postfix's master need it)
#   sudo bench/delivery.sh --postfix-only   Postfix alone (also BENCH_ONLY=postfix)
#   sudo bench/delivery.sh --toaster-only   the toaster alone (also BENCH_ONLY=toaster)
#
# Knobs (environment):
#   BENCH_MESSAGES   messages per measured run            (5000)
#   BENCH_SESSIONS   parallel SMTP sessions               (20)
#   BENCH_SIZE       message payload in bytes             (2048)
#   BENCH_WARMUP     warm-up messages per side, delivered, not measured (2000)
#   BENCH_RUNS       measured runs per side; median shown (1)
#   BENCH_TIMEOUT    seconds one run may take to be delivered before the script gives up (600)
#   BENCH_WORKDIR    scratch directory, wiped at start    (/tmp/toaster-delivery-bench)
#   BENCH_ONLY       postfix | toaster | both             (both)
#   BENCH_POSTFIX_PORT / BENCH_TOASTER_PORT  loopback ports (2528 / 2527)
#   BENCH_REBUILD    1 = build the toaster even if installer/target/toaster-installer.jar exists (0)
#   BENCH_DKIM       1 = the toaster signs each message, as its domain has keys (1); 0 = domain add --no-dkim
#   BENCH_CONCURRENCY_LOCAL  the toaster's concurrencylocal (unset: its default, 10)
#   BENCH_QUOTA_FILL messages already in the user's Maildir/cur/ on both sides, and a quota on the toaster's
#                    user, so each delivery checks the quota of a big mailbox (0: none, no quota)
#   BENCH_PROBE_SECONDS  seconds of each fsync probe step (1, 10, 20 writers), before and after the runs (3)
#   TOASTER_ROOT     the toaster's source tree            (the parent of bench/)
#
# Exit status: 0 when every run completed (whatever the figures are: there is no timed assertion here),
# 1 on an error (a server that does not start, smtp-source failing, mail not delivered in time), 2 on bad
# arguments.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench=delivery
# shellcheck source=bench/lib/harness.sh
. "$here/lib/harness.sh"
bench_knobs /tmp/toaster-delivery-bench 2528 2527
timeout=${BENCH_TIMEOUT:-600}
probe_seconds=${BENCH_PROBE_SECONDS:-3}
dkim=${BENCH_DKIM:-1}
concurrency_local=${BENCH_CONCURRENCY_LOCAL:-10}   # 10: the toaster's default (wiki-content/Control-files.md)
quota_fill=${BENCH_QUOTA_FILL:-0}
bench_args "$@"
whole_numbers timeout probe_seconds concurrency_local quota_fill
at_least_one timeout probe_seconds concurrency_local
[[ $dkim == 0 || $dkim == 1 ]] || refuse "BENCH_DKIM must be 0 or 1"
require_root
bench_libs

# One virtual domain with one user on both sides; the HELO name and sender are the same for both.
domain=bench.localhost
sender=bench@$domain
user=user
recipient=$user@$domain
load=(-l "$size" -f "$sender" -t "$recipient")
postfix_mail=$work/postfix/mail         # the private instance's virtual_mailbox_base

# --- The private Postfix instance (bench/lib/postfix-instance.sh): virtual(8) into user's Maildir --------
setup_postfix() {
  setup_postfix_virtual "$recipient" "$user"
  fill_maildir "$postfix_mail/$domain/$user" "$(id -u nobody)"
}

# Puts quota_fill read messages into a Maildir's cur/ (empty files named as Dovecot names them, with their
# size in ,S=), as a mailbox holding years of mail; owned by `owner` as the server's own files are.
fill_maildir() {
  local maildir=$1 owner=$2
  [[ $quota_fill -gt 0 ]] || return 0
  mkdir -p "$maildir/cur" "$maildir/new" "$maildir/tmp"
  (cd "$maildir/cur" && seq -f "1700000000.M%.0fP1.bench,S=2100:2,S" 1 "$quota_fill" | xargs touch)
  chown -R "$owner" "$maildir"
  say "filled $maildir/cur with $quota_fill messages"
}

postfix_delivered() { count_files "$postfix_mail/$domain/$user/new"; }

# --- The toaster (bench/lib/toaster-instance.sh) ----------------------------------------------------------
# The domain and user made with its own commands; `toaster smtpd` takes mail in and its queue runner delivers
# it in the same process (deliver/delivery.md).
setup_toaster() {
  install_toaster no-tests
  echo "mx.$domain" >"$prefix/control/me"
  if [[ -n ${BENCH_CONCURRENCY_LOCAL:-} ]]; then echo "$concurrency_local" >"$prefix/control/concurrencylocal"; fi
  if [[ $dkim == 1 ]]; then toaster_tool domain add "$domain"; else toaster_tool domain add "$domain" --no-dkim; fi
  echo "bench password" | toaster_tool user add "$recipient"
  if [[ $quota_fill -gt 0 ]]; then
    toaster_tool user quota "$recipient" 100G
    local maildir=$prefix/domains/$domain/$user/Maildir
    fill_maildir "$maildir" "$(stat -c %u "$maildir")"
  fi
}

toaster_ticks=0 toaster_system_ticks=0
# System (kernel) CPU time of a process so far, in clock ticks (proc(5), field 15): the file system's share.
system_ticks() { awk '{ print $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
toaster_delivered() { count_files "$prefix/domains/$domain/$user/Maildir/new"; }
toaster_queued() { echo $(($(count_files "$prefix/queue/mess") + $(count_files "$prefix/queue/info"))); }

# Entries of a directory (0 when it does not exist yet); ls -f neither sorts nor stats, so polling is cheap.
# The names are the servers' own (queue ids, Maildir unique names): never a newline in them.
# shellcheck disable=SC2010
count_files() {
  if [[ -d $1 ]]; then ls -f "$1" | grep -cv '^\.\.\?$' || true; else echo 0; fi
}

# Waits until side's Maildir holds `want` files and its queue is empty, polling every 50 ms.
await_delivered() {
  local side=$1 want=$2 deadline=$((SECONDS + timeout))
  while [[ $("${side}_delivered") -lt $want || $("${side}_queued") -ne 0 ]]; do
    [[ $SECONDS -lt $deadline ]] ||
      die "$side: after ${timeout} s, $("${side}_delivered")/$want delivered and $("${side}_queued") still queued"
    sleep 0.05
  done
  [[ $("${side}_delivered") -eq $want ]] || die "$side: $("${side}_delivered") files in the Maildir, expected $want"
}

# One measured run: prints "<delivered msg/s> <accepted msg/s>"; start = smtp-source's start, end = the last
# message in the Maildir with the queue empty.
timed_delivery() {
  local side=$1 port=$2 want=$3 start accepted end
  start=$(date +%s.%N)
  drive "$port" "$messages" || die "smtp-source failed against $side"
  accepted=$(date +%s.%N)
  await_delivered "$side" "$want"
  end=$(date +%s.%N)
  awk -v n="$messages" -v s="$start" -v a="$accepted" -v e="$end" 'BEGIN { printf "%.1f %.1f\n", n / (e - s), n / (a - s) }'
}

# --- The disk's own limit (bench/lib/FsyncProbe.java) -------------------------------------------------------
# Durable file creations (create, write $size bytes, fsync the file, fsync its directory) in $work, the file
# system both servers write to, with 1, 10 and 20 writers; run before the servers start and after they stop,
# so neither side competes with it. Prints "writers creations/s fsyncs/s ms-per-fsync" lines.
fsync_probe() {
  local dir=$work/fsync-probe
  mkdir -p "$dir"
  "$probe_java" "$here/lib/FsyncProbe.java" "$dir" "$probe_seconds" "$size" || die "the fsync probe failed"
  rm -rf "$dir"
}

# One probe's line for the given writer count: "<fsyncs/s> <ms per fsync>".
probe_line() { awk -v w="$2" '$1 == w { print $3, $4 }' <<<"$1"; }

# --- Main ------------------------------------------------------------------------------------------------
bench_start
# shellcheck source=cli/src/dist/lib/toaster-java.sh
. "$root/cli/src/dist/lib/toaster-java.sh"
toaster_find_java jdk || die "no JDK 21+ found for the fsync probe (see above)"
probe_java=$TOASTER_JAVA
say "fsync probe in $work: $probe_seconds s each with 1, 10 and 20 writers"
probe_before=$(fsync_probe)
install_postfix
postfix_version=$(postconf -d -h mail_version 2>/dev/null || echo '?')

if want_postfix; then setup_postfix; start_postfix; fi
if want_toaster; then setup_toaster; start_toaster "\"\$PREFIX/bin/toaster\" smtpd --prefix \"\$PREFIX\""; fi

# shellcheck disable=SC2034  # read through ${!count_var}
delivered_postfix=0 delivered_toaster=0
if [[ $warmup -gt 0 ]]; then
  for side in postfix toaster; do
    want_$side || continue
    port_var=${side}_port
    say "$side: warm-up, $warmup messages (delivered, not measured)"
    drive "${!port_var}" "$warmup" || die "smtp-source failed against $side (warm-up)"
    declare "delivered_$side=$warmup"
    count_var=delivered_$side
    await_delivered "$side" "${!count_var}"
  done
fi

postfix_rates="" toaster_rates="" postfix_intake="" toaster_intake=""
for run in $(seq "$runs"); do
  for side in postfix toaster; do
    want_$side || continue
    port_var=${side}_port count_var=delivered_$side
    declare "delivered_$side=$((${!count_var} + messages))"
    say "$side: run $run/$runs, $messages messages, $sessions sessions, $size bytes, until all are in the Maildir"
    [[ $side == toaster ]] && cpu_before=$(cpu_ticks "$toaster_pid") system_before=$(system_ticks "$toaster_pid")
    read -r rate intake < <(timed_delivery "$side" "${!port_var}" "${!count_var}")
    if [[ $side == toaster ]]; then
      toaster_ticks=$((toaster_ticks + $(cpu_ticks "$toaster_pid") - cpu_before))
      toaster_system_ticks=$((toaster_system_ticks + $(system_ticks "$toaster_pid") - system_before))
    fi
    if [[ $side == postfix ]]; then
      postfix_rates+="$rate"$'\n' postfix_intake+="$intake"$'\n'
    else
      toaster_rates+="$rate"$'\n' toaster_intake+="$intake"$'\n'
    fi
  done
done

postfix_rate="n/a" toaster_rate="n/a" ratio="n/a"
if want_postfix; then postfix_rate=$(median <<<"${postfix_rates%$'\n'}"); fi
if want_toaster; then toaster_rate=$(median <<<"${toaster_rates%$'\n'}"); fi
if want_postfix && want_toaster; then ratio=$(ratio "$toaster_rate" "$postfix_rate"); fi
if want_toaster; then
  removed=$(grep -c ': done, removed from the queue' "$toaster_log" || true)
  stop_toaster
fi
stop_postfix
say "fsync probe again, the servers stopped"
probe_after=$(fsync_probe)

# --- Report ----------------------------------------------------------------------------------------------
echo
echo "Delivery benchmark: smtp-source -s $sessions -m $messages -l $size, one transaction per connection, one" \
  "local recipient, timed until every message is in the Maildir and the queue is empty; after $warmup" \
  "warm-up messages; median of $runs run(s)$([[ $quota_fill -gt 0 ]] && echo "; $quota_fill messages already in each Maildir/cur/, the toaster's user with a quota")"
printf '%-28s %18s %20s\n' "server" "delivered msg/s" "(accepted msg/s)"
if want_postfix; then
  printf '%-28s %18s %20s\n' "postfix $postfix_version" "$postfix_rate" "($(median <<<"${postfix_intake%$'\n'}"))"
fi
if want_toaster; then
  printf '%-28s %18s %20s\n' "toaster" "$toaster_rate" "($(median <<<"${toaster_intake%$'\n'}"))"
fi
if want_postfix && want_toaster; then echo "ratio toaster/postfix: $ratio"; fi
if want_toaster; then
  echo "toaster goal (issue 7): >= 1000 local deliveries/s; $(awk -v t="$toaster_rate" 'BEGIN { print (t >= 1000) ? "met" : "not met" }')"
  echo "toaster messages removed from the queue (log): $removed (expected $delivered_toaster)"
  awk -v t="$toaster_ticks" -v k="$toaster_system_ticks" -v hz="$(getconf CLK_TCK)" -v n="$((runs * messages))" \
    -v d="$([[ $dkim == 1 ]] && echo 'signing each message (DKIM, RSA and Ed25519)' || echo 'no DKIM keys, no signing')" \
    'BEGIN { printf "toaster CPU time (intake + delivery, all threads, %s): %.2f ms per message (%.2f user, %.2f system)\n", d, t * 1000 / hz / n, (t - k) * 1000 / hz / n, k * 1000 / hz / n }'
fi
if want_postfix; then echo "postfix runs (delivered msg/s): $(tr '\n' ' ' <<<"${postfix_rates%$'\n'}")"; fi
if want_toaster; then echo "toaster runs (delivered msg/s): $(tr '\n' ' ' <<<"${toaster_rates%$'\n'}")"; fi
echo
echo "fsync probe in $work (create a $size-byte file, fsync it, fsync its directory; before / after the runs):"
printf '%-10s %24s %24s %18s\n' "writers" "fsyncs/s before" "fsyncs/s after" "(ms per fsync)"
for w in 1 10 20; do
  read -r before_rate before_ms < <(probe_line "$probe_before" "$w")
  read -r after_rate after_ms < <(probe_line "$probe_after" "$w")
  printf '%-10s %24s %24s %18s\n' "$w" "$before_rate" "$after_rate" "($before_ms / $after_ms)"
done
# What the limit means for a message. Each side's own fsyncs per message cannot be shared: the queue file and
# the Maildir file (two durable creations). The directory fsyncs can be shared by concurrent messages (the
# toaster's mess/ and new/ group commits; Postfix does none). In a row, a toaster message waits for 2 fsyncs
# before its 250 (queue file, mess/) and 3 while delivered (Maildir file, new/, mess/ at the removal).
best_rate=$(printf '%s\n%s\n' "$probe_before" "$probe_after" | awk '$3 > best { best = $3 } END { print best + 0 }')
read -r _ ms10 < <(probe_line "$probe_before" 10)
echo "per message: 2 fsyncs of its own on each side (queue file, Maildir file); the toaster adds shared directory" \
  "fsyncs (mess/ at commit, new/, mess/ at removal), so its message waits for 2 fsyncs in a row before the 250 and" \
  "3 while being delivered"
awk -v f="$best_rate" -v ms="$ms10" -v c="$concurrency_local" 'BEGIN {
  printf "disk ceiling: %.0f msg/s (the best fsync rate above / 2 own fsyncs a message, directory fsyncs shared)\n", f / 2
  printf "delivery latency bound: %.0f msg/s (concurrencylocal %d / (3 fsyncs in a row x %.2f ms at 10 writers))\n", c * 1000 / (3 * ms), c, ms
}'
report_machine "postfix/maillog toaster.log"
