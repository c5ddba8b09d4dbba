# shellcheck shell=bash
# Sourced by the benchmarks whose checks ask DNS (not run alone), after bench/lib/harness.sh and
# bench/lib/toaster-instance.sh: a DNS server on loopback that serves a fixture zone, so that no check ever
# asks the Internet, and a private mount namespace whose /etc/resolv.conf names it, for programs that read
# resolv.conf (libc's resolver knows no port).
#
# The fixture is org.godshell.toaster.dns.FixtureDnsServer, the tests' FixtureDns as a process, run from
# mailserver/target/test-classes with the installed lib/ (dnsjava). It listens on port 53 of an address of
# 127.0.0.0/8 that no system resolver uses (systemd-resolved is 127.0.0.53, dnsmasq 127.0.0.1).

fixture_dns_address=${BENCH_DNS_ADDRESS:-127.0.5.53}
fixture_dns_pid=""
fixture_zone=()   # the zone's lines (FixtureZone's syntax: NAME TYPE VALUE); each benchmark adds its own

# Writes $work/bench.zone and serves it; then, when $1 names an A record of the zone, looks it up with getent
# through the namespace, which proves the path that the programs run there take.
start_fixture_dns() {
  local classes=$root/mailserver/target/test-classes
  [[ -f $classes/org/godshell/toaster/dns/FixtureDnsServer.class ]] ||
    die "$classes has no FixtureDnsServer: build with BENCH_REBUILD=1 (mvn package -DskipTests compiles tests)"
  {
    echo "# bench/$bench.sh's fixture zone, served by org.godshell.toaster.dns.FixtureDnsServer on $fixture_dns_address:53"
    printf '%s\n' "${fixture_zone[@]}"
  } >"$work/bench.zone"
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
  printf 'nameserver %s\noptions timeout:1 attempts:1\n' "$fixture_dns_address" >"$work/resolv.conf"
  [[ -n ${1:-} ]] || return 0
  command -v unshare >/dev/null 2>&1 || die "unshare (util-linux) is needed to point resolv.conf at the fixture"
  "${namespaced[@]}" getent ahostsv4 "$1" >/dev/null ||
    die "getent could not reach the DNS fixture through $work/resolv.conf (unshare or mount failed?)"
}

stop_fixture_dns() {
  stop_process "$fixture_dns_pid"
  fixture_dns_pid=""
}
on_exit stop_fixture_dns

# A command prefix: what follows runs in a private mount namespace where /etc/resolv.conf is $work/resolv.conf,
# so libc's resolver asks the fixture and nothing outside this process tree sees the change. Every step execs
# the next (unshare needs no fork for a mount namespace), so $! of "${namespaced[@]}" cmd & is cmd's pid.
# Needs root.
# shellcheck disable=SC2016 # $1 and $@ belong to the inner bash
namespaced=(unshare --mount --propagation private -- \
  bash -c 'mount --bind "$1" /etc/resolv.conf || exit 1; shift; exec "$@"' namespaced "$work/resolv.conf")
