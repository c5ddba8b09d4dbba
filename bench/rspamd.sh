#!/usr/bin/env bash
# rspamd benchmark: how fast does an SMTP server take mail in while rspamd scans every message? The toaster with
# builtin:rspamd in its [body] section (rspamd's normal worker, HTTP /checkv2) next to Postfix with rspamd's
# proxy worker as a milter, on the same load in the same run, both asking ONE private rspamd (Debian's package)
# that the script starts, both queue-only (nothing is delivered), the measured runs alternating between them.
#
#   sudo bench/rspamd.sh
#   --postfix-only / --toaster-only (also BENCH_ONLY=postfix|toaster)
#
# Each server also runs without rspamd (Postfix without milter, the toaster with an empty [body]), so the report
# gives what a scan costs each side per message, the toaster's own time in its plugin (its log's us=) and
# rspamd's scan time (its log's time:). Afterwards every queued message of a leg with rspamd must carry
# rspamd's verdict (X-Spamd-Result from the milter, the toaster's X-Spam), and rspamd's log must hold one scan
# per such message: a run that did not scan gives no figure. Goal (issue 20): the toaster at least 1.0 times
# Postfix with rspamd. See bench/README.md, "rspamd".
#
# Knobs (environment), as bench/intake.sh's: BENCH_MESSAGES (5000), BENCH_SESSIONS (20), BENCH_SIZE (2048
# bytes of body), BENCH_WARMUP (2000, per leg), BENCH_RUNS (1), BENCH_WORKDIR (/tmp/toaster-rspamd-bench),
# BENCH_ONLY, BENCH_REBUILD, TOASTER_ROOT, TOASTER_CMD, BENCH_DNS_ADDRESS (127.0.5.53); and BENCH_TOASTER_PORT
# (2540), BENCH_POSTFIX_PORT (2541: without milter; 2542 with it), BENCH_RSPAMD_PORT (11433, the normal worker),
# BENCH_RSPAMD_MILTER_PORT (11432, the proxy worker), BENCH_RSPAMD_WORKERS (the CPUs: processes of each worker).
#
# Exit status: 0 when every run completed and rspamd scanned every message it should have (whatever the
# figures), 1 on an error (a server or rspamd that does not start, smtp-source failing, a message without its
# verdict), 2 on bad arguments.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench=rspamd
# shellcheck source=bench/lib/harness.sh
. "$here/lib/harness.sh"
bench_knobs /tmp/toaster-rspamd-bench 2541 2540
bench_args "$@"
require_root
bench_libs
goal=1.0
# shellcheck source=bench/lib/milter-legs.sh
. "$here/lib/milter-legs.sh"
# shellcheck source=bench/rspamd-instance.sh
. "$here/rspamd-instance.sh"
whole_numbers rspamd_port rspamd_milter_port rspamd_workers
at_least_one rspamd_workers

# Our domain (the toaster's rcpthosts, Postfix's relay domain); the mail comes from outside, sender.example,
# whose SPF record lets 127.0.0.1 send and whose DMARC policy is none: a clean message, unsigned.
domain=bench.localhost
me=mx.$domain
author=sender.example
sender=bench@$author recipient=postmaster@$domain
fixture_zone+=("$author.  TXT  v=spf1 ip4:127.0.0.1 -all" "_dmarc.$author.  TXT  v=DMARC1; p=none"
  "mx.$author.  A  127.0.0.1")

# The legs, checks, ratios and costs (bench/dkim-modes.sh says the tables' format).
define_legs() {
  mode_legs=(
    "postfix|postfix||postfix $postfix_version, no milter"
    "postfix-rspamd|postfix|rspamd|postfix $postfix_version + rspamd milter"
    "toaster|toaster|use_body none|toaster, empty [body]"
    "toaster-rspamd|toaster|use_body rspamd|toaster, [body] builtin:rspamd"
  )
  mode_checks=(
    "postfix|X-Spamd-Result: default: False|1|postfix-rspamd"
    "toaster|X-Spam: No|1|toaster-rspamd"
  )
  mode_ratios=(
    "toaster-rspamd|postfix-rspamd|with rspamd scanning every message"
  )
  mode_costs=(
    "postfix-rspamd|postfix|Postfix asking rspamd (milter)"
    "toaster-rspamd|toaster|the toaster asking rspamd (builtin:rspamd)"
  )
}

# The toaster: mail from 127.0.0.1 is from outside (no RELAYCLIENT, so the default plugin file applies, not the
# installer's smtpplugins-local for 127.), checked as any: DKIM (none), SPF and DMARC, then the [body] plugins.
setup_toaster() {
  install_toaster tests
  echo "$me" >"$prefix/control/me"
  echo "$fixture_dns_address:53" >"$prefix/control/dnsservers"
  echo "127.0.0.1:$rspamd_port" >"$prefix/control/rspamd"
  echo '127.0.0.1:allow' >"$prefix/control/tcp.smtp"
  toaster_tool domain add "$domain"
  use_body none
}

# Makes the next connections run builtin:rspamd in [body], or nothing. A rename; read again per connection.
use_body() {
  local file=$prefix/control/smtpplugins
  case $1 in
    none) echo '# bench/rspamd.sh: no plugins' ;;
    rspamd) printf '%s\n' '[body]' builtin:rspamd ;;
  esac >"$file.new"
  mv "$file.new" "$file"
}

# rspamd's log must hold a scan for every message of the legs with rspamd, by the worker that side asks.
check_scans() {
  local worker leg
  for spec in "normal toaster-rspamd" "rspamd_proxy postfix-rspamd"; do
    read -r worker leg <<<"$spec"
    [[ -n ${leg_rate[$leg]:-} ]] || continue
    expect "rspamd log: scans by its $worker worker" "$(read -r _ _ n < <(rspamd_scans "$worker"); echo "$n")" \
      "$(leg_total "$leg")"
  done
}

# --- Main ------------------------------------------------------------------------------------------------
bench_start
install_postfix
install_rspamd
postfix_version=$(postconf -d -h mail_version 2>/dev/null || echo '?')
rspamd_version=$(rspamd -v 2>/dev/null | grep -o '[0-9][0-9.]*' | head -n 1)
define_legs
setup_toaster
write_message "$author" "$recipient"
start_fixture_dns "mx.$author"
start_rspamd
milter_port_of[rspamd]=$rspamd_milter_port
milter_pid[rspamd]=$(rspamd_workers_of rspamd_proxy)
if want_postfix; then
  setup_postfix
  start_postfix
fi
if want_toaster; then start_toaster "\"\$PREFIX/bin/toaster\" smtpd --no-deliver --prefix \"\$PREFIX\""; fi
load=(-F "$work/message" -f "$sender" -t "$recipient")
add_mode_legs
if want_toaster; then leg_cpu toaster-rspamd "$toaster_pid $(rspamd_workers_of normal)"; fi
run_rounds

stop_postfix
stop_toaster
check_queues
check_scans
rspamd_cpu=("$(rspamd_cpu_per_scan normal)" "$(rspamd_cpu_per_scan rspamd_proxy)")
stop_rspamd
stop_fixture_dns

# --- Report ----------------------------------------------------------------------------------------------
echo
echo "rspamd benchmark: smtp-source -s $sessions -F <one message, $(wc -c <"$work/message") bytes>, one" \
  "transaction per connection, after warm-up; median of $runs run(s); rspamd $rspamd_version," \
  "$rspamd_workers process(es) per worker"
report_legs
echo "  (p50/p99: the toaster's time from MAIL to the 250 after DATA, from its log; CPU: user + system time per" \
  "message of the toaster's JVM, for its leg with rspamd and of rspamd's normal workers too; for Postfix with" \
  "rspamd, of rspamd's proxy workers (the milter); Postfix's own processes not counted)"
printf '%s\n' "${checked[@]}"
report_mode
if want_postfix && want_toaster; then
  echo "ratio toaster/postfix, without rspamd: $(ratio "${leg_rate[toaster]}" "${leg_rate[postfix]}")   (for" \
    "information: the toaster also checks DKIM, SPF and DMARC here; bench/intake.sh's 1.5 is without them)"
fi
echo "time per scan, p50 / p99 ms:"
if want_toaster; then
  read -r p50 p99 n < <(leg_field_percentiles toaster-rspamd 'spp [body] ' us)
  echo "  the toaster's builtin:rspamd, in its log (us=), measured runs:  $(awk -v a="$p50" -v b="$p99" \
    'BEGIN { printf "%.2f / %.2f", a / 1000, b / 1000 }') ($n calls)"
  read -r p50 p99 n < <(rspamd_scans normal)
  echo "  rspamd's normal worker (the toaster's), in rspamd's log (time:): $p50 / $p99 ($n scans, warm-up included)"
fi
if want_postfix; then
  read -r p50 p99 n < <(rspamd_scans rspamd_proxy)
  echo "  rspamd's proxy worker (Postfix's milter), in rspamd's log:       $p50 / $p99 ($n scans, warm-up included)"
fi
echo "rspamd's CPU per scan (its workers' user + system time over all their scans, warm-up included):" \
  "normal workers (the toaster's) ${rspamd_cpu[0]} ms, proxy workers (Postfix's milter) ${rspamd_cpu[1]} ms"
report_runs
report_machine "postfix/maillog toaster.log rspamd/log/rspamd.log rspamd/conf fixture-dns.out bench.zone message"
