#!/usr/bin/env bash
# Intake benchmark: how fast does an SMTP server take mail into its durable queue?
#
# Runs a private Postfix instance and the toaster side by side on loopback, both queue-only (nothing is
# delivered), and drives each with the same Postfix `smtp-source` command: BENCH_SESSIONS parallel sessions,
# BENCH_MESSAGES messages of BENCH_SIZE bytes, one SMTP transaction per connection. Prints msg/s of each, the
# ratio toaster/postfix (target: >= 1.5), and the toaster's p50/p99 time per transaction from its log.
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

messages=${BENCH_MESSAGES:-5000}
sessions=${BENCH_SESSIONS:-20}
size=${BENCH_SIZE:-2048}
warmup=${BENCH_WARMUP:-2000}
runs=${BENCH_RUNS:-1}
work=${BENCH_WORKDIR:-/tmp/toaster-bench}
only=${BENCH_ONLY:-both}
plugins=${BENCH_PLUGINS:-none}
slow_messages=${BENCH_SLOW_MESSAGES:-1000}
slow_warmup=${BENCH_SLOW_WARMUP:-100}
postfix_port=${BENCH_POSTFIX_PORT:-2526}
toaster_port=${BENCH_TOASTER_PORT:-2525}
rebuild=${BENCH_REBUILD:-0}
root=${TOASTER_ROOT:-$(dirname "$here")}

# The envelope and HELO name are the same for both servers; bench.localhost is accepted by both (Postfix:
# relay_domains; the toaster: control/rcpthosts) and never resolved.
domain=bench.localhost
sender=bench@$domain
recipient=postmaster@$domain

die() { echo "intake: $*" >&2; exit 1; }
say() { echo "intake: $*" >&2; }

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --postfix-only) only=postfix ;;
    --toaster-only) only=toaster ;;
    -h|--help) usage ;;
    *) echo "intake: unknown argument: $1" >&2; usage ;;
  esac
  shift
done
case $only in postfix|toaster|both) ;; *) echo "intake: BENCH_ONLY must be postfix, toaster or both" >&2; exit 2 ;; esac
# shellcheck source=bench/plugin-sets.sh
. "$here/plugin-sets.sh"
sets_text=$(plugin_sets "$plugins") ||
  { echo "intake: BENCH_PLUGINS must be a comma list of none, scripts, builtins, persistent, or all" >&2; exit 2; }
mapfile -t sets <<<"$sets_text"
for n in messages sessions size warmup runs postfix_port toaster_port slow_messages slow_warmup; do
  [[ ${!n} =~ ^[0-9]+$ ]] || { echo "intake: $n must be a whole number, not '${!n}'" >&2; exit 2; }
done
[[ $runs -ge 1 && $messages -ge 1 && $sessions -ge 1 && $slow_messages -ge 1 ]] || { echo "intake: runs, messages, sessions must be >= 1" >&2; exit 2; }
want_postfix() { [[ $only != toaster ]]; }
want_toaster() { [[ $only != postfix ]]; }

[[ $(id -u) -eq 0 ]] || die "run as root (sudo bench/intake.sh): it installs Postfix with apt-get if needed, and Postfix's master must start as root"

# --- Cleanup: everything started here is stopped on any exit -------------------------------------------------
postfix_conf=$work/postfix/etc          # the private instance's config_directory
postfix_queue=$work/postfix/queue       # ... and its queue_directory
postfix_started=0
toaster_pid=""
policy_rc_d_ours=0

cleanup() {
  local status=$?
  if [[ $postfix_started -eq 1 ]]; then
    postfix -c "$postfix_conf" stop >/dev/null 2>&1 || say "warning: 'postfix -c $postfix_conf stop' failed"
  fi
  if [[ -n $toaster_pid ]] && kill -0 "$toaster_pid" 2>/dev/null; then
    kill -TERM "$toaster_pid" 2>/dev/null || true
    # Give it 10 s to stop gracefully, then make sure.
    for _ in $(seq 100); do kill -0 "$toaster_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$toaster_pid" 2>/dev/null || true
    wait "$toaster_pid" 2>/dev/null || true
  fi
  stop_fixture_dns
  if [[ $policy_rc_d_ours -eq 1 ]]; then rm -f /usr/sbin/policy-rc.d; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Postfix and smtp-source from Debian's packages: install_postfix ------------------------------------
# shellcheck source=bench/lib/install-postfix.sh
. "$here/lib/install-postfix.sh"

# --- The private Postfix instance ------------------------------------------------------------------------
# Its own config_directory and queue_directory under $work, listening on 127.0.0.1:$postfix_port only, so a
# system Postfix on port 25 (if any) is neither used nor disturbed.
#
# Delivery deferred = queue only: master.cf runs smtpd, cleanup, trivial-rewrite and the helpers they call,
# but NOT qmgr. cleanup writes each message to incoming/, fsyncs it, and smtpd says 250 only after that (Postfix's
# normal durability, untouched); with no qmgr nothing ever moves it on, so the mail stays durably in incoming/.
# That is exactly the toaster's job in this benchmark (its smtpd only queues). We chose this over
# defer_transports, where qmgr would also move every message to active/ then deferred/ and write a defer log:
# work the toaster side does not do.
#
# Limits relaxed so a loopback benchmark is not throttled (none changes what is written or fsynced):
#   in_flow_delay = 0        smtpd waits up to 1 s per message for a "flow token" that qmgr hands out as it
#                            delivers; with no qmgr there would never be one, so every message would wait 1 s.
#   default_process_limit    100 (>= 20 sessions, so every session gets its own smtpd process)
#   smtpd_client_*_limit = 0 no connection count/rate limits (127.0.0.0/8 is exempt by default anyway)
#   mynetworks = 127.0.0.0/8 with smtpd_*_restrictions = permit_mynetworks, reject
# Daemons run without chroot (Debian's default is chroot for some): it only saves copying files into the jail.
# Logging goes to a file through postlogd (maillog_file), as the toaster's goes to a file: both pay for a log.
setup_postfix() {
  rm -rf "$work/postfix"
  mkdir -p "$postfix_conf" "$postfix_queue" "$work/postfix/data"
  chown postfix "$work/postfix/data"
  cat >"$postfix_conf/main.cf" <<EOF
# Private Postfix instance for bench/intake.sh: queue-only intake on 127.0.0.1:$postfix_port.
compatibility_level = 3.6
queue_directory = $postfix_queue
data_directory = $work/postfix/data
mail_owner = postfix
setgid_group = postdrop
maillog_file = $work/postfix/maillog
maillog_file_prefixes = $work/postfix
myhostname = $domain
mydomain = localhost
myorigin = \$myhostname
mydestination =
relay_domains = $domain
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_recipient_restrictions = permit_mynetworks, reject
alias_maps =
alias_database =
biff = no
# Throughput limits that would throttle a loopback benchmark (see bench/intake.sh for why each).
in_flow_delay = 0
default_process_limit = 100
smtpd_client_connection_count_limit = 0
smtpd_client_connection_rate_limit = 0
smtpd_client_message_rate_limit = 0
smtpd_client_recipient_rate_limit = 0
smtpd_client_new_tls_session_rate_limit = 0
EOF
  # service type private unpriv chroot wakeup maxproc command
  cat >"$postfix_conf/master.cf" <<EOF
# Private Postfix instance for bench/intake.sh. No qmgr (and no pickup, no delivery agents): mail is taken
# into incoming/ and stays there.
127.0.0.1:$postfix_port inet n - n - - smtpd
cleanup   unix  n - n - 0 cleanup
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
anvil     unix  - - n - 1 anvil
proxymap  unix  - - n - - proxymap
postlog   unix-dgram n - n - 1 postlogd
EOF
  # `postfix check` (run by start) creates the queue directories with the right owners.
  postfix -c "$postfix_conf" check || die "postfix check failed for $postfix_conf"
}

start_postfix() {
  say "starting Postfix (config $postfix_conf) on 127.0.0.1:$postfix_port"
  postfix -c "$postfix_conf" start >/dev/null 2>&1 ||
    { tail -n 20 "$work/postfix/maillog" >&2 2>/dev/null || true; die "postfix -c $postfix_conf start failed"; }
  postfix_started=1
  wait_port "$postfix_port" "Postfix" ""
}

postfix_queued() {
  find "$postfix_queue/incoming" "$postfix_queue/active" "$postfix_queue/deferred" "$postfix_queue/maildrop" \
    -type f 2>/dev/null | wc -l
}

# --- The toaster -----------------------------------------------------------------------------------------
# Installed with its own installer into $work/toaster, configured by control files, run in the foreground.
# Its queue writes fsync before the 250 (DESIGN.md, "never say 250 before the message is durable"); its smtpd
# does not deliver, so the queue fills exactly as Postfix's incoming/ does.
prefix=$work/toaster
toaster_log=$work/toaster.log

setup_toaster() {
  local jar=$root/installer/target/toaster-installer.jar
  # shellcheck source=cli/src/dist/lib/toaster-java.sh
  . "$root/cli/src/dist/lib/toaster-java.sh"
  toaster_find_java jdk || die "no JDK 21+ found (see above)"
  local fixture=$root/mailserver/target/test-classes/org/godshell/toaster/dns/FixtureDnsServer.class
  if [[ ! -f $jar || $rebuild == 1 ]] || { uses_dns "${sets[@]}" && [[ ! -f $fixture ]]; }; then
    command -v mvn >/dev/null 2>&1 || die "$jar is missing and mvn is not on PATH to build it"
    say "building the toaster in $root (mvn package -DskipTests, JAVA_HOME=$TOASTER_JAVA_HOME)"
    (cd "$root" && JAVA_HOME=$TOASTER_JAVA_HOME mvn -B -ntp -q package -DskipTests) || die "the build failed"
  fi
  say "installing the toaster into $prefix (jar built $(date -r "$jar" '+%F %T'))"
  rm -rf "$prefix"
  "$TOASTER_JAVA" -jar "$jar" install --prefix "$prefix" --unprivileged --no-start --yes --hostname bench.example.org >"$work/toaster-install.log" 2>&1 ||
    { cat "$work/toaster-install.log" >&2; die "the toaster's installer failed"; }
  mkdir -p "$prefix/control"
  echo "$domain" >"$prefix/control/me"
  echo "$domain" >"$prefix/control/rcpthosts"
  echo "127.0.0.1:$toaster_port" >"$prefix/control/listen-smtp"
  echo 100 >"$prefix/control/concurrencyincoming"
  echo 100 >"$prefix/control/concurrencyperip"
  echo 0 >"$prefix/control/databytes"
  if [[ ${#sets[@]} -gt 1 ]]; then setup_plugin_controls; fi
}

start_toaster() {
  export PREFIX=$prefix
  local cmd=${TOASTER_CMD:-"\"\$PREFIX/bin/toaster\" smtpd --no-deliver --prefix \"\$PREFIX\""}
  say "starting the toaster on 127.0.0.1:$toaster_port: $cmd"
  # TOASTER_CMD is the operator's own command line, so it goes through the shell on purpose.
  local ns=()
  if uses_dns "${sets[@]}"; then ns=("${namespaced[@]}"); fi
  "${ns[@]}" bash -c "exec $cmd" </dev/null >"$work/toaster.out" 2>"$toaster_log" &
  toaster_pid=$!
  wait_port "$toaster_port" "the toaster" "$toaster_pid"
}

# Polls 127.0.0.1:port until it accepts, up to 30 s; fails early if the server's process (pid, if given) dies.
wait_port() {
  local port=$1 what=$2 pid=$3
  local deadline=$((SECONDS + 30))
  while ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null && rc=0 || rc=$?
      toaster_pid=""
      show_toaster_log
      die "$what exited (status $rc) before listening on 127.0.0.1:$port"
    fi
    if [[ $SECONDS -ge $deadline ]]; then
      [[ -n $pid ]] && show_toaster_log
      die "$what did not accept connections on 127.0.0.1:$port within 30 s"
    fi
    sleep 0.2
  done
}

show_toaster_log() {
  echo "--- last lines of $toaster_log:" >&2
  tail -n 20 "$toaster_log" >&2 2>/dev/null || true
  echo "---" >&2
}

toaster_queued() {
  # The queue's layout is not final: count every regular file but obvious temp files, for information only.
  # Paths are taken relative to the queue, since $work itself may well be under /tmp.
  (cd "$prefix/queue" 2>/dev/null && find . -type f ! -name '*.tmp' ! -path '*/tmp/*') | wc -l
}

# --- Load ------------------------------------------------------------------------------------------------
# The same smtp-source command for both. No -d: smtp-source's default is one transaction per connection
# (connect, banner, HELO, MAIL, RCPT, DATA, QUIT), which is what an MX sees from the Internet, and which also
# counts the connection set-up. -M fixes the HELO name, so the machine's hostname plays no part.
# smtp-source exits non-zero on any reply it does not expect (no -A), so a refused message fails the run.
drive() {
  local port=$1 count=$2
  smtp-source -s "$sessions" -m "$count" -l "$size" -M "$domain" -f "$sender" -t "$recipient" \
    "127.0.0.1:$port"
}

# One measured run of count messages against one server: prints its rate in msg/s. Fails the script if
# smtp-source fails.
timed_run() {
  local port=$1 what=$2 count=$3 start end
  start=$(date +%s.%N)
  drive "$port" "$count" || die "smtp-source failed against $what"
  end=$(date +%s.%N)
  awk -v n="$count" -v s="$start" -v e="$end" 'BEGIN { printf "%.1f\n", n / (e - s) }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; m = int((NR + 1) / 2); printf "%.1f\n", (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'; }

# Nearest-rank percentiles of ms= over one set's measured runs' lines of the toaster's log (warm-up excluded);
# log_ranges[set] holds "first,last" line ranges.
toaster_percentiles() {
  local range
  for range in ${log_ranges[$1]}; do
    sed -n "${range}p" "$toaster_log"
  done | grep ' result=250' | grep -o ' ms=[0-9.]*' | cut -d= -f2 | sort -g |
    awk '{ v[NR] = $1 } END {
           if (NR == 0) { print "n/a n/a 0"; exit }
           p50 = int(NR * 0.50); if (p50 < NR * 0.50) p50++
           p99 = int(NR * 0.99); if (p99 < NR * 0.99) p99++
           printf "%.2f %.2f %d\n", v[p50], v[p99], NR }'
}

# --- Main ------------------------------------------------------------------------------------------------
rm -rf "$work"
mkdir -p "$work"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)   # other work on the machine shows in the figures: say how much
install_postfix
postfix_version=$(postconf -d -h mail_version 2>/dev/null || echo '?')

postfix_rate="n/a" postfix_count="-" toaster_count="-"  # n/a: side not run
expected=$((warmup + runs * messages))
declare -A set_messages set_warmup set_rates set_rate log_ranges
toaster_expected=0
for set in "${sets[@]}"; do
  set_messages[$set]=$messages set_warmup[$set]=$warmup
  if set_is_slow "$set"; then set_messages[$set]=$slow_messages set_warmup[$set]=$slow_warmup; fi
  set_rates[$set]="" log_ranges[$set]=""
  toaster_expected=$((toaster_expected + set_warmup[$set] + runs * set_messages[$set]))
done

# Both servers are up at once (the idle one costs nothing) and the measured runs alternate, Postfix then the
# toaster's sets, so that a change in the machine's load during the benchmark falls on all of them alike.
if want_postfix; then setup_postfix; start_postfix; fi
if want_toaster; then
  setup_toaster
  if uses_dns "${sets[@]}"; then start_fixture_dns; fi
  start_toaster
fi

# Warm-up: lets the JVM compile the hot paths (each set's own too) and Postfix spawn its processes; excluded
# from every figure.
if want_postfix && [[ $warmup -gt 0 ]]; then
  say "postfix: warm-up, $warmup messages (not measured)"
  drive "$postfix_port" "$warmup" || die "smtp-source failed against postfix (warm-up)"
fi
if want_toaster; then
  for set in "${sets[@]}"; do
    [[ ${set_warmup[$set]} -gt 0 ]] || continue
    use_set "$set"
    say "toaster ($set): warm-up, ${set_warmup[$set]} messages (not measured)"
    drive "$toaster_port" "${set_warmup[$set]}" || die "smtp-source failed against the toaster ($set, warm-up)"
  done
fi

postfix_rates=""
for run in $(seq "$runs"); do
  if want_postfix; then
    say "postfix: run $run/$runs, $messages messages, $sessions sessions, $size bytes"
    postfix_rates+="$(timed_run "$postfix_port" postfix "$messages")"$'\n'
  fi
  if want_toaster; then
    for set in "${sets[@]}"; do
      use_set "$set"
      say "toaster ($set): run $run/$runs, ${set_messages[$set]} messages, $sessions sessions, $size bytes"
      first=$(($(wc -l <"$toaster_log") + 1))
      set_rates[$set]+="$(timed_run "$toaster_port" "the toaster ($set)" "${set_messages[$set]}")"$'\n'
      log_ranges[$set]+="$first,$(wc -l <"$toaster_log") "
    done
  fi
done
postfix_rates=${postfix_rates%$'\n'}

if want_postfix; then
  postfix_rate=$(median <<<"$postfix_rates")
  postfix_count=$(postfix_queued)
  postfix -c "$postfix_conf" stop >/dev/null 2>&1 || say "warning: postfix stop failed"
  postfix_started=0
  # Every 250 must be a queued message: a shortfall means the instance is not set up as intended.
  if [[ $postfix_count -ne $expected ]]; then
    die "Postfix's queue holds $postfix_count messages, expected $expected (log: $work/postfix/maillog)"
  fi
fi

if want_toaster; then
  for set in "${sets[@]}"; do
    set_rates[$set]=${set_rates[$set]%$'\n'}
    set_rate[$set]=$(median <<<"${set_rates[$set]}")
  done
  toaster_count=$(toaster_queued)
  kill -TERM "$toaster_pid" 2>/dev/null || true
  wait "$toaster_pid" 2>/dev/null || true
  toaster_pid=""
  stop_fixture_dns
fi

# --- Report ----------------------------------------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
fs=$(df -T "$work" | awk 'NR == 2 { print $2 " (" $1 ", mounted on " $7 ")" }')
java_version=$( [[ -n ${TOASTER_JAVA:-} ]] && "$TOASTER_JAVA" -version 2>&1 | head -n 1 || echo "-")
ratio() { awk -v t="$1" -v p="$2" 'BEGIN { printf "%.2f", t / p }'; }

echo
echo "Intake benchmark: smtp-source -s $sessions -l $size, one transaction per connection, after warm-up;" \
  "median of $runs run(s)"
printf '%-30s %10s %9s %8s %9s %9s\n' "server" "msg/s" "messages" "warm-up" "p50 ms" "p99 ms"
if want_postfix; then
  printf '%-30s %10s %9s %8s %9s %9s\n' "postfix $postfix_version" "$postfix_rate" "$messages" "$warmup" - -
fi
if want_toaster; then
  for set in "${sets[@]}"; do
    read -r p50 p99 _ < <(toaster_percentiles "$set")
    printf '%-30s %10s %9s %8s %9s %9s\n' "$(set_label "$set")" "${set_rate[$set]}" "${set_messages[$set]}" \
      "${set_warmup[$set]}" "$p50" "$p99"
  done
  echo "  (p50/p99: the toaster's time from MAIL to the 250 after DATA, from its log)"
fi
if want_postfix; then echo "postfix queued: $postfix_count/$expected"; fi
if want_toaster; then
  echo "toaster queued: $toaster_count/$toaster_expected (regular files under $prefix/queue but *.tmp;" \
    "informational, its layout is not final)"
fi
if want_postfix && want_toaster; then
  echo "ratio toaster/postfix: $(ratio "${set_rate[none]}" "$postfix_rate")   (target >= 1.5)"
  for set in "${sets[@]}"; do
    [[ $set == none ]] && continue
    echo "ratio $(set_label "$set")/postfix: $(ratio "${set_rate[$set]}" "$postfix_rate")" \
      "  (goal for scripts: >= 0.5)"
  done
fi
if want_toaster && [[ ${#sets[@]} -gt 1 ]]; then
  echo "cost per plugin call = (1000/rate with plugins - 1000/rate without) / calls per message:"
  for set in "${sets[@]}"; do
    [[ $set == none ]] && continue
    printf '  %-11s %d calls/msg: %s ms per call\n' "$set" "$(set_calls "$set")" \
      "$(cost_per_call "${set_rate[$set]}" "${set_rate[none]}" "$(set_calls "$set")")"
  done
  echo "  (machine time per call with $sessions sessions in parallel on $(nproc) CPUs, not one call's latency)"
fi
if want_postfix; then echo "postfix runs (msg/s): $(tr '\n' ' ' <<<"$postfix_rates")"; fi
if want_toaster; then
  for set in "${sets[@]}"; do echo "toaster $set runs (msg/s): $(tr '\n' ' ' <<<"${set_rates[$set]}")"; done
fi
echo "machine: $(nproc) CPUs ($cpu), kernel $(uname -r), $work on $fs"
echo "load average: $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after (other work on the machine skews both sides)"
if want_toaster; then echo "java: $java_version"; fi
logs=()
if want_postfix; then logs+=(postfix/maillog); fi
if want_toaster; then logs+=(toaster.log); fi
if want_toaster && uses_dns "${sets[@]}"; then logs+=(fixture-dns.out bench.zone); fi
echo "logs: $work (${logs[*]})"
