#!/usr/bin/env bash
# DKIM benchmark: how fast does an SMTP server take mail in while it signs it with DKIM, or verifies it (DKIM,
# SPF, DMARC)? The toaster next to Postfix with OpenDKIM (and OpenDMARC) as milters, Debian's packages, on the
# same load in the same run, both queue-only (nothing is delivered), the measured runs alternating between them.
#
#   sudo bench/dkim.sh sign      our users' mail: both sign every message with RSA-2048 and Ed25519 keys
#   sudo bench/dkim.sh verify    mail from outside, signed by its sender: both check DKIM, SPF and DMARC
#   sudo bench/dkim.sh           both modes, one after the other (also BENCH_DKIM_MODE=sign|verify|both)
#   --postfix-only / --toaster-only (also BENCH_ONLY=postfix|toaster)
#
# Every mode also runs each server without the check (Postfix without milters, the toaster with nothing to
# sign or check), so the report gives the cost of each check per message, and at the end it makes sure that
# every queued message carries its signatures or its Authentication-Results: a run that did not sign or verify
# gives no figure. Goal: the toaster at least 1.5 times Postfix with its milters. See bench/README.md, "DKIM".
#
# Knobs (environment), as bench/intake.sh's: BENCH_MESSAGES (5000), BENCH_SESSIONS (20), BENCH_SIZE (2048
# bytes of body), BENCH_WARMUP (2000, per leg), BENCH_RUNS (1), BENCH_WORKDIR (/tmp/toaster-dkim-bench; a
# subdirectory per mode), BENCH_ONLY, BENCH_REBUILD, TOASTER_ROOT, TOASTER_CMD, BENCH_DNS_ADDRESS (127.0.5.53);
# and BENCH_DKIM_MODE, BENCH_TOASTER_PORT (2530), BENCH_POSTFIX_PORT (2531: without milters; the next two ports
# with them), BENCH_MILTER_PORT (8891, and the next two).
#
# Exit status: 0 when every run completed and every message was signed or verified (whatever the figures),
# 1 on an error (a server or milter that does not start, smtp-source failing, a message without its
# signatures or verdict), 2 on bad arguments.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench=dkim
# shellcheck source=bench/lib/harness.sh
. "$here/lib/harness.sh"
bench_knobs /tmp/toaster-dkim-bench 2531 2530
mode=${BENCH_DKIM_MODE:-both}
milter_port=${BENCH_MILTER_PORT:-8891}
bench_arg() { case $1 in sign|verify|both) mode=$1 ;; *) return 1 ;; esac; }
bench_args "$@"
whole_numbers milter_port
case $mode in sign|verify|both) ;; *) refuse "BENCH_DKIM_MODE must be sign, verify or both" ;; esac
if [[ $mode == both ]]; then
  BENCH_DKIM_MODE=sign BENCH_ONLY=$only BENCH_WORKDIR=$work/sign "$0"
  echo
  exec env BENCH_DKIM_MODE=verify BENCH_ONLY="$only" BENCH_WORKDIR="$work/verify" "$0"
fi
require_root
bench_libs
# shellcheck source=bench/lib/milter-legs.sh
. "$here/lib/milter-legs.sh"
# shellcheck source=bench/dkim-milters.sh
. "$here/dkim-milters.sh"
# shellcheck source=bench/dkim-modes.sh
. "$here/dkim-modes.sh"

# Our domain (the toaster's, and Postfix's relay domain) and the name both write in Authentication-Results.
domain=bench.localhost
me=mx.$domain

# --- The servers -----------------------------------------------------------------------------------------
# The toaster: control/me, our domain with its keys; 127.0.0.1 trusted or not by control/tcp.smtp (the legs
# swap it), the fixture as its resolver.
setup_toaster() {
  install_toaster tests
  echo "$me" >"$prefix/control/me"
  echo "$fixture_dns_address:53" >"$prefix/control/dnsservers"
  toaster_tool domain add "$domain"
}

# Makes the next connections from 127.0.0.1 trusted (relay: their mail is ours to sign) or not (outside: it is
# checked). The file is replaced by a rename, and the toaster reads it again at the next connection.
use_trust() {
  local file=$prefix/control/tcp.smtp
  case $1 in
    relay) echo '127.0.0.1:allow,RELAYCLIENT=""' ;;
    outside) echo '127.0.0.1:allow' ;;
  esac >"$file.new"
  mv "$file.new" "$file"
}

# --- Main ------------------------------------------------------------------------------------------------
bench_start
install_postfix
install_milters
postfix_version=$(postconf -d -h mail_version 2>/dev/null || echo '?')
# The toaster is installed in every case: the DNS fixture and the verify mode's signer run from its lib/.
setup_toaster
"setup_$mode"
start_fixture_dns "$check_name"
if want_postfix; then
  "start_${mode}_milters"
  setup_postfix
  start_postfix
fi
if want_toaster; then start_toaster "\"\$PREFIX/bin/toaster\" smtpd --no-deliver --prefix \"\$PREFIX\""; fi
load=(-F "$work/message" -f "$sender" -t "$recipient")
add_mode_legs
run_rounds

stop_postfix
stop_toaster
stop_milters
stop_fixture_dns
check_queues

# --- Report ----------------------------------------------------------------------------------------------
echo
echo "DKIM benchmark, $mode: smtp-source -s $sessions -F <one message, $(wc -c <"$work/message") bytes>, one" \
  "transaction per connection, after warm-up; median of $runs run(s)"
report_legs
echo "  (p50/p99: the toaster's time from MAIL to the 250 after DATA, from its log; CPU: user + system time per" \
  "message of the toaster's JVM, or of the leg's milters (Postfix's own processes not counted))"
printf '%s\n' "${checked[@]}"
report_mode
report_runs
report_machine "postfix/maillog toaster.log fixture-dns.out bench.zone message; milters: */out.log"
