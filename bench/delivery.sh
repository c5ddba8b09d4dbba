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
#   TOASTER_ROOT     the toaster's source tree            (the parent of bench/)
#
# Exit status: 0 when every run completed (whatever the figures are: there is no timed assertion here),
# 1 on an error (a server that does not start, smtp-source failing, mail not delivered in time), 2 on bad
# arguments.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

messages=${BENCH_MESSAGES:-5000}
sessions=${BENCH_SESSIONS:-20}
size=${BENCH_SIZE:-2048}
warmup=${BENCH_WARMUP:-2000}
runs=${BENCH_RUNS:-1}
timeout=${BENCH_TIMEOUT:-600}
work=${BENCH_WORKDIR:-/tmp/toaster-delivery-bench}
only=${BENCH_ONLY:-both}
postfix_port=${BENCH_POSTFIX_PORT:-2528}
toaster_port=${BENCH_TOASTER_PORT:-2527}
rebuild=${BENCH_REBUILD:-0}
root=${TOASTER_ROOT:-$(dirname "$here")}

# One virtual domain with one user on both sides; the HELO name and sender are the same for both.
domain=bench.localhost
sender=bench@$domain
user=user
recipient=$user@$domain

die() { echo "delivery: $*" >&2; exit 1; }
say() { echo "delivery: $*" >&2; }

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --postfix-only) only=postfix ;;
    --toaster-only) only=toaster ;;
    -h|--help) usage ;;
    *) echo "delivery: unknown argument: $1" >&2; usage ;;
  esac
  shift
done
case $only in postfix|toaster|both) ;; *) echo "delivery: BENCH_ONLY must be postfix, toaster or both" >&2; exit 2 ;; esac
for n in messages sessions size warmup runs timeout postfix_port toaster_port; do
  [[ ${!n} =~ ^[0-9]+$ ]] || { echo "delivery: $n must be a whole number, not '${!n}'" >&2; exit 2; }
done
[[ $runs -ge 1 && $messages -ge 1 && $sessions -ge 1 && $timeout -ge 1 ]] ||
  { echo "delivery: runs, messages, sessions, timeout must be >= 1" >&2; exit 2; }
want_postfix() { [[ $only != toaster ]]; }
want_toaster() { [[ $only != postfix ]]; }

[[ $(id -u) -eq 0 ]] || die "run as root (sudo bench/delivery.sh): it installs Postfix with apt-get if needed, and Postfix's master must start as root"

# --- Cleanup: everything started here is stopped on any exit -------------------------------------------------
postfix_conf=$work/postfix/etc          # the private instance's config_directory
postfix_queue=$work/postfix/queue       # ... and its queue_directory
postfix_mail=$work/postfix/mail         # ... and virtual_mailbox_base
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
    for _ in $(seq 100); do kill -0 "$toaster_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$toaster_pid" 2>/dev/null || true
    wait "$toaster_pid" 2>/dev/null || true
  fi
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
# Its own config_directory, queue_directory and mailbox base under $work, listening on 127.0.0.1:$postfix_port.
# bench.localhost is a virtual mailbox domain: virtual(8) delivers user@bench.localhost into
# $postfix_mail/bench.localhost/user/ as a Maildir (the trailing '/' in the map says Maildir), as the
# unprivileged uid nobody. The map is texthash: (read as text, no postmap step). The queue manager runs, so
# every message goes incoming/ -> active/ -> Maildir -> removed, as in production.
# Relaxed as in bench/intake.sh, none changing what is written or fsynced: in_flow_delay = 0 (the flow tokens
# would pace intake to a second per message per session at worst), default_process_limit = 100, no
# smtpd_client_* rate limits, mynetworks = 127.0.0.0/8, no chroot.
setup_postfix() {
  rm -rf "$work/postfix"
  mkdir -p "$postfix_conf" "$postfix_queue" "$work/postfix/data" "$postfix_mail/$domain"
  chown postfix "$work/postfix/data"
  chown -R nobody:nogroup "$postfix_mail"
  echo "$recipient $domain/$user/" >"$postfix_conf/vmailbox"
  cat >"$postfix_conf/main.cf" <<EOF
# Private Postfix instance for bench/delivery.sh: intake on 127.0.0.1:$postfix_port, delivery into a Maildir.
compatibility_level = 3.6
queue_directory = $postfix_queue
data_directory = $work/postfix/data
mail_owner = postfix
setgid_group = postdrop
maillog_file = $work/postfix/maillog
maillog_file_prefixes = $work/postfix
myhostname = mx.$domain
mydomain = localhost
myorigin = \$myhostname
mydestination =
relay_domains =
virtual_mailbox_domains = $domain
virtual_mailbox_base = $postfix_mail
virtual_mailbox_maps = texthash:$postfix_conf/vmailbox
virtual_uid_maps = static:$(id -u nobody)
virtual_gid_maps = static:$(id -g nobody)
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_recipient_restrictions = permit_mynetworks, reject
alias_maps =
alias_database =
biff = no
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
# Private Postfix instance for bench/delivery.sh: intake, queue manager, virtual(8) Maildir delivery.
127.0.0.1:$postfix_port inet n - n - - smtpd
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
flush     unix  n - n 1000? 0 flush
anvil     unix  - - n - 1 anvil
proxymap  unix  - - n - - proxymap
virtual   unix  - n n - - virtual
error     unix  - - n - - error
retry     unix  - - n - - error
postlog   unix-dgram n - n - 1 postlogd
EOF
  postfix -c "$postfix_conf" check || die "postfix check failed for $postfix_conf"
}

start_postfix() {
  say "starting Postfix (config $postfix_conf) on 127.0.0.1:$postfix_port"
  postfix -c "$postfix_conf" start >/dev/null 2>&1 ||
    { tail -n 20 "$work/postfix/maillog" >&2 2>/dev/null || true; die "postfix -c $postfix_conf start failed"; }
  postfix_started=1
  wait_port "$postfix_port" "Postfix" ""
}

postfix_delivered() { count_files "$postfix_mail/$domain/$user/new"; }
postfix_queued() {
  find "$postfix_queue/incoming" "$postfix_queue/active" "$postfix_queue/deferred" "$postfix_queue/maildrop" \
    "$postfix_queue/hold" -type f 2>/dev/null | wc -l
}

# --- The toaster -----------------------------------------------------------------------------------------
# Installed with its own installer into $work/toaster; the domain and user made with its own commands;
# `toaster smtpd` takes mail in and its queue runner delivers it in the same process (deliver/delivery.md).
prefix=$work/toaster
toaster_log=$work/toaster.log

setup_toaster() {
  local jar=$root/installer/target/toaster-installer.jar
  # shellcheck source=cli/src/dist/lib/toaster-java.sh
  . "$root/cli/src/dist/lib/toaster-java.sh"
  toaster_find_java jdk || die "no JDK 21+ found (see above)"
  if [[ ! -f $jar || $rebuild == 1 ]]; then
    command -v mvn >/dev/null 2>&1 || die "$jar is missing and mvn is not on PATH to build it"
    say "building the toaster in $root (mvn package -DskipTests, JAVA_HOME=$TOASTER_JAVA_HOME)"
    (cd "$root" && JAVA_HOME=$TOASTER_JAVA_HOME mvn -B -ntp -q package -DskipTests) || die "the build failed"
  fi
  say "installing the toaster into $prefix (jar built $(date -r "$jar" '+%F %T'))"
  rm -rf "$prefix"
  "$TOASTER_JAVA" -jar "$jar" install --prefix "$prefix" --unprivileged --no-start --yes --hostname bench.example.org >"$work/toaster-install.log" 2>&1 ||
    { cat "$work/toaster-install.log" >&2; die "the toaster's installer failed"; }
  mkdir -p "$prefix/control"
  echo "mx.$domain" >"$prefix/control/me"
  echo "127.0.0.1:$toaster_port" >"$prefix/control/listen-smtp"
  echo 100 >"$prefix/control/concurrencyincoming"
  echo 100 >"$prefix/control/concurrencyperip"
  echo 0 >"$prefix/control/databytes"
  "$prefix/bin/toaster" domain add "$domain" --prefix "$prefix" >>"$work/toaster-install.log" 2>&1 ||
    die "toaster domain add $domain failed (see $work/toaster-install.log)"
  echo "bench password" | "$prefix/bin/toaster" user add "$recipient" --prefix "$prefix" \
    >>"$work/toaster-install.log" 2>&1 || die "toaster user add $recipient failed (see $work/toaster-install.log)"
}

start_toaster() {
  say "starting the toaster on 127.0.0.1:$toaster_port: $prefix/bin/toaster smtpd --prefix $prefix"
  "$prefix/bin/toaster" smtpd --prefix "$prefix" </dev/null >"$work/toaster.out" 2>"$toaster_log" &
  toaster_pid=$!
  wait_port "$toaster_port" "the toaster" "$toaster_pid"
}

# user + system CPU time of the toaster's JVM so far, in clock ticks (proc(5), fields 14 and 15).
toaster_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$toaster_pid/stat"; }
toaster_ticks=0

toaster_delivered() { count_files "$prefix/domains/$domain/$user/Maildir/new"; }
toaster_queued() { echo $(($(count_files "$prefix/queue/mess") + $(count_files "$prefix/queue/info"))); }

# Polls 127.0.0.1:port until it accepts, up to 30 s; fails early if the server's process (pid, if given) dies.
wait_port() {
  local port=$1 what=$2 pid=$3
  local deadline=$((SECONDS + 30))
  while ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
      toaster_pid=""
      tail -n 20 "$toaster_log" >&2 2>/dev/null || true
      die "$what exited before listening on 127.0.0.1:$port"
    fi
    [[ $SECONDS -lt $deadline ]] || die "$what did not accept connections on 127.0.0.1:$port within 30 s"
    sleep 0.2
  done
}

# Entries of a directory (0 when it does not exist yet); ls -f neither sorts nor stats, so polling is cheap.
# The names are the servers' own (queue ids, Maildir unique names): never a newline in them.
# shellcheck disable=SC2010
count_files() {
  if [[ -d $1 ]]; then ls -f "$1" | grep -cv '^\.\.\?$' || true; else echo 0; fi
}

# --- Load ------------------------------------------------------------------------------------------------
# The same smtp-source command for both: one transaction per connection, -M fixes the HELO name, and any
# reply it does not expect fails the run.
drive() {
  local port=$1 count=$2
  smtp-source -s "$sessions" -m "$count" -l "$size" -M "$domain" -f "$sender" -t "$recipient" \
    "127.0.0.1:$port"
}

# Waits until side's Maildir holds `want` files and its queue is empty, polling every 50 ms.
await_delivered() {
  local side=$1 want=$2 deadline=$((SECONDS + timeout))
  while [[ $(${side}_delivered) -lt $want || $(${side}_queued) -ne 0 ]]; do
    [[ $SECONDS -lt $deadline ]] ||
      die "$side: after ${timeout} s, $(${side}_delivered)/$want delivered and $(${side}_queued) still queued"
    sleep 0.05
  done
  [[ $(${side}_delivered) -eq $want ]] || die "$side: $(${side}_delivered) files in the Maildir, expected $want"
}

# One measured run: prints "<delivered msg/s> <accepted msg/s>"; start = smtp-source's start, end = the last
# message in the Maildir with the queue empty.
timed_run() {
  local side=$1 port=$2 want=$3 start accepted end
  start=$(date +%s.%N)
  drive "$port" "$messages" || die "smtp-source failed against $side"
  accepted=$(date +%s.%N)
  await_delivered "$side" "$want"
  end=$(date +%s.%N)
  awk -v n="$messages" -v s="$start" -v a="$accepted" -v e="$end" 'BEGIN { printf "%.1f %.1f\n", n / (e - s), n / (a - s) }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; m = int((NR + 1) / 2); printf "%.1f\n", (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'; }

# --- Main ------------------------------------------------------------------------------------------------
rm -rf "$work"
mkdir -p "$work"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
install_postfix
postfix_version=$(postconf -d -h mail_version 2>/dev/null || echo '?')

if want_postfix; then setup_postfix; start_postfix; fi
if want_toaster; then setup_toaster; start_toaster; fi

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
    [[ $side == toaster ]] && cpu_before=$(toaster_cpu_ticks)
    read -r rate intake < <(timed_run "$side" "${!port_var}" "${!count_var}")
    [[ $side == toaster ]] && toaster_ticks=$((toaster_ticks + $(toaster_cpu_ticks) - cpu_before))
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
if want_postfix && want_toaster; then
  ratio=$(awk -v t="$toaster_rate" -v p="$postfix_rate" 'BEGIN { printf "%.2f", t / p }')
fi
if want_toaster; then
  removed=$(grep -c ': done, removed from the queue' "$toaster_log" || true)
  kill -TERM "$toaster_pid" 2>/dev/null || true
  wait "$toaster_pid" 2>/dev/null || true
  toaster_pid=""
fi
if want_postfix; then
  postfix -c "$postfix_conf" stop >/dev/null 2>&1 || say "warning: postfix stop failed"
  postfix_started=0
fi

# --- Report ----------------------------------------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
fs=$(df -T "$work" | awk 'NR == 2 { print $2 " (" $1 ", mounted on " $7 ")" }')
java_version=$( [[ -n ${TOASTER_JAVA:-} ]] && "$TOASTER_JAVA" -version 2>&1 | head -n 1 || echo "-")

echo
echo "Delivery benchmark: smtp-source -s $sessions -m $messages -l $size, one transaction per connection, one" \
  "local recipient, timed until every message is in the Maildir and the queue is empty; after $warmup" \
  "warm-up messages; median of $runs run(s)"
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
  awk -v t="$toaster_ticks" -v hz="$(getconf CLK_TCK)" -v n="$((runs * messages))" \
    'BEGIN { printf "toaster CPU time (intake + delivery, all threads): %.2f ms per message\n", t * 1000 / hz / n }'
fi
if want_postfix; then echo "postfix runs (delivered msg/s): $(tr '\n' ' ' <<<"${postfix_rates%$'\n'}")"; fi
if want_toaster; then echo "toaster runs (delivered msg/s): $(tr '\n' ' ' <<<"${toaster_rates%$'\n'}")"; fi
echo "machine: $(nproc) CPUs ($cpu), kernel $(uname -r), $work on $fs"
echo "load average: $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after (other work on the machine skews both sides)"
if want_toaster; then echo "java: $java_version"; fi
echo "logs: $work (postfix/maillog toaster.log)"
