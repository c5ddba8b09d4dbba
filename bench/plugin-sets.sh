# shellcheck shell=bash disable=SC2154 # $prefix, $work, $root, $domain, die, say: set by intake.sh
# Sourced by bench/intake.sh: the toaster's plugin sets (BENCH_PLUGINS), the loopback DNS fixture their RBL and
# SPF checks ask, and the private mount namespace that points the rbl script's libc resolver at it.
#
# Sets (one smtp-source run each, on the same running toaster: smtpplugins is re-read on change, per connection):
#   none        no plugins: the baseline every cost per call is measured against
#   scripts     the shipped sample scripts, a process per command: rbl at connect (asking the fixture through
#               getent), tagger at HELO and MAIL, tarpit (below its threshold), chkuser (no validrcptto) and
#               tagger at RCPT: 6 plugin runs per message
#   builtins    the in-process equivalents of the DNS checks: builtin:rbl at connect, builtin:spf at MAIL, each
#               one query to the fixture: 2 plugin calls per message
#   persistent  the shipped long-running heloguard on connect, HELO, MAIL and RCPT: 4 pipe round trips
#
# Needs from intake.sh: $prefix, $work, $root, $domain, $TOASTER_JAVA, die, say.

# The fixture listens on port 53 (resolv.conf has no port) of an address of 127.0.0.0/8 that no system
# resolver uses (systemd-resolved is 127.0.0.53, dnsmasq 127.0.0.1).
fixture_dns_address=${BENCH_DNS_ADDRESS:-127.0.5.53}
fixture_dns_pid=""
rbl_list=bl.$domain

# "all", or a comma list; "none" is always measured first when another set is asked for, because every cost
# per plugin call is a difference from it. Prints the sets, one per line, or fails on an unknown name.
plugin_sets() {
  local wanted=$1 set
  [[ $wanted == all ]] && wanted=none,scripts,builtins,persistent
  echo none
  for set in ${wanted//,/ }; do
    case $set in
      none) ;;
      scripts|builtins|persistent) echo "$set" ;;
      *) return 1 ;;
    esac
  done | awk '!seen[$0]++'
}

# Plugin calls per message for a set: connect, HELO, MAIL and one RCPT (smtp-source sends one recipient).
set_calls() {
  case $1 in none) echo 0 ;; scripts) echo 6 ;; builtins) echo 2 ;; persistent) echo 4 ;; esac
}

set_label() {
  case $1 in
    none) echo "toaster" ;;
    scripts) echo "toaster + 6 script runs" ;;
    builtins) echo "toaster + 2 built-in calls" ;;
    persistent) echo "toaster + 4 persistent calls" ;;
  esac
}

# A set whose figure is a few dozen msg/s gets fewer messages, or one run would take many minutes.
set_is_slow() { [[ $1 == scripts || $1 == persistent ]]; }

uses_dns() {
  local set
  for set in "$@"; do [[ $set == scripts || $set == builtins ]] && return 0; done
  return 1
}

# Control files every set shares (tcp.smtp is read once, at start): the RBL list the rbl script and
# builtin:rbl both read from RBLSERVERS, and the built-ins' nameserver. heloguard refuses a client that says
# our own name at HELO, and smtp-source says bench.localhost: so the toaster is called mx.bench.localhost.
setup_plugin_controls() {
  echo "mx.$domain" >"$prefix/control/me"
  echo ":allow,RBLSERVERS=\"$rbl_list\"" >"$prefix/control/tcp.smtp"
  echo "$fixture_dns_address:53" >"$prefix/control/dnsservers"
  use_set none
}

# Makes the next connections use a set's plugins. The file is replaced by a rename, so no session reads half.
use_set() {
  local file=$prefix/control/smtpplugins
  case $1 in
    none) printf '%s\n' '# bench: no plugins' ;;
    scripts)
      printf '%s\n' '[connection]' plugins/rbl '[helo]' plugins/tagger '[mail]' plugins/tagger \
        '[rcpt]' plugins/tarpit plugins/chkuser plugins/tagger ;;
    builtins) printf '%s\n' '[connection]' builtin:rbl '[mail]' builtin:spf ;;
    persistent)
      printf '%s\n' '[connection]' persistent:plugins/heloguard '[helo]' persistent:plugins/heloguard \
        '[mail]' persistent:plugins/heloguard '[rcpt]' persistent:plugins/heloguard ;;
  esac >"$file.new"
  mv "$file.new" "$file"
}

# The fixture zone: 127.0.0.1 (smtp-source's address) is not listed (NXDOMAIN, as for most clients), 127.0.0.2
# is (RFC 5782 §5's test entry); bench.localhost's SPF record lets 127.0.0.1 send its mail (pass).
write_fixture_zone() {
  cat >"$work/bench.zone" <<EOF
# bench/intake.sh's fixture zone, served by org.godshell.toaster.dns.FixtureDnsServer on $fixture_dns_address:53
2.0.0.127.$rbl_list.  A    127.0.0.2
$domain.  TXT  v=spf1 ip4:127.0.0.1 -all
EOF
}

# FixtureDnsServer lives in the toaster's test classes; the toaster's installed lib/ has dnsjava.
start_fixture_dns() {
  local classes=$root/mailserver/target/test-classes
  [[ -f $classes/org/godshell/toaster/dns/FixtureDnsServer.class ]] ||
    die "$classes has no FixtureDnsServer: build with BENCH_REBUILD=1 (mvn package -DskipTests compiles tests)"
  write_fixture_zone
  say "starting the DNS fixture on $fixture_dns_address:53 ($work/bench.zone)"
  "$TOASTER_JAVA" -cp "$prefix/lib/*:$classes" org.godshell.toaster.dns.FixtureDnsServer \
    "$fixture_dns_address:53" "$work/bench.zone" >"$work/fixture-dns.out" 2>&1 &
  fixture_dns_pid=$!
  local deadline=$((SECONDS + 30))
  until grep -q '^fixture-dns: listening' "$work/fixture-dns.out" 2>/dev/null; do
    if ! kill -0 "$fixture_dns_pid" 2>/dev/null; then
      cat "$work/fixture-dns.out" >&2
      fixture_dns_pid=""
      die "the DNS fixture did not start (is $fixture_dns_address:53 taken? set BENCH_DNS_ADDRESS)"
    fi
    [[ $SECONDS -lt $deadline ]] || die "the DNS fixture did not answer within 30 s"
    sleep 0.2
  done
  # The same lookup the rbl script does, through the namespace it will run in: proves the path works.
  printf 'nameserver %s\noptions timeout:1 attempts:1\n' "$fixture_dns_address" >"$work/resolv.conf"
  command -v unshare >/dev/null 2>&1 || die "unshare (util-linux) is needed to point the rbl script at the fixture"
  "${namespaced[@]}" getent ahostsv4 "2.0.0.127.$rbl_list." >/dev/null ||
    die "getent could not reach the DNS fixture through $work/resolv.conf (unshare or mount failed?)"
}

stop_fixture_dns() {
  if [[ -n $fixture_dns_pid ]]; then
    kill -TERM "$fixture_dns_pid" 2>/dev/null || true
    wait "$fixture_dns_pid" 2>/dev/null || true
    fixture_dns_pid=""
  fi
}

# A command prefix: what follows runs in a private mount namespace where /etc/resolv.conf is $work/resolv.conf,
# so the rbl script's getent asks the fixture and nothing outside this process tree sees the change. Every
# step execs the next (unshare needs no fork for a mount namespace), so $! of "${namespaced[@]}" cmd & is cmd's pid.
# shellcheck disable=SC2016 # $1 and $@ belong to the inner bash
namespaced=(unshare --mount --propagation private -- \
  bash -c 'mount --bind "$1" /etc/resolv.conf || exit 1; shift; exec "$@"' namespaced "$work/resolv.conf")

# Cost per plugin call, in ms: the machine time one message takes with the set, less without, over its calls.
# With sessions in parallel, 1/rate is the machine's time per message, not one message's latency.
cost_per_call() {
  local rate=$1 base=$2 calls=$3
  awk -v r="$rate" -v b="$base" -v c="$calls" 'BEGIN {
    if (r <= 0 || b <= 0 || c <= 0) { print "n/a"; exit }
    cost = (1000 / r - 1000 / b) / c
    # Faster with plugins than without: the plugins cost less than the noise of this run (load, JIT, disk).
    if (cost < 0) printf "%.2f (below the noise of this run)\n", cost; else printf "%.2f\n", cost }'
}
