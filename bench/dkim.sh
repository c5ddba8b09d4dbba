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
# shellcheck source=bench/dkim-milters.sh
. "$here/dkim-milters.sh"
# shellcheck source=bench/dkim-modes.sh
. "$here/dkim-modes.sh"

# Our domain (the toaster's, and Postfix's relay domain) and the name both write in Authentication-Results.
domain=bench.localhost
me=mx.$domain

# --- The message -----------------------------------------------------------------------------------------
# One prepared message, sent as it is by smtp-source -F (each line with CRLF): a From at the author's domain (the
# one that signs), the fields a mail client writes, and BENCH_SIZE bytes of text in lines of 76 (a line end more per line).
write_message() {
  local author=$1 to=$2
  {
    printf '%s\n' "From: Bench <bench@$author>" "To: <$to>" "Subject: DKIM benchmark" \
      "Date: $(date -R)" "Message-ID: <$(date +%s).bench@$author>" "MIME-Version: 1.0" \
      "Content-Type: text/plain; charset=us-ascii" ""
    head -c "$size" /dev/zero | tr '\0' x | fold -w 76
    echo
  } >"$work/message"
}

# --- The servers -----------------------------------------------------------------------------------------
# Postfix: one instance, one smtpd listener per leg from $postfix_port on, each with its own smtpd_milters, all
# queue-only as in bench/intake.sh. milter_default_action = tempfail (Postfix's default, written out): a milter
# that fails makes smtp-source fail, never a message that passes unchecked.
setup_postfix() {
  local spec name side extra label port=$postfix_port milters m listeners=()
  write_postfix_main_cf <<EOF
myhostname = $me
relay_domains = $domain
milter_default_action = tempfail
milter_protocol = 6
non_smtpd_milters =
EOF
  for spec in "${mode_legs[@]}"; do
    IFS='|' read -r name side extra label <<<"$spec"
    [[ $side == postfix ]] || continue
    milters=""
    for m in $extra; do milters+="${milters:+,}inet:127.0.0.1:${milter_port_of[$m]}"; done
    listeners+=("127.0.0.1:$port inet n - n - - smtpd -o smtpd_milters=$milters")
    port=$((port + 1))
  done
  write_postfix_master_cf "${listeners[@]}" </dev/null
}

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

# The mode's legs (bench/dkim-modes.sh), in its order; a Postfix leg's CPU time is its milters'.
add_mode_legs() {
  local spec name side extra label port=$postfix_port m pids
  for spec in "${mode_legs[@]}"; do
    IFS='|' read -r name side extra label <<<"$spec"
    if [[ $side == postfix ]]; then
      if want_postfix; then
        add_leg "$name" postfix "$port" "$messages" "$warmup" "" "$label"
        pids=""
        for m in $extra; do pids+=" ${milter_pid[$m]}"; done
        leg_cpu "$name" "$pids"
      fi
      port=$((port + 1))
    elif want_toaster; then
      add_leg "$name" toaster "$toaster_port" "$messages" "$warmup" "$extra" "$label"
      leg_cpu "$name" "$toaster_pid"
    fi
  done
}

# --- The checks afterwards -------------------------------------------------------------------------------
# Every message was accepted (smtp-source stops at the first refusal); now each side's queue must hold every
# one, and each leg's messages their signatures or verdicts, and no other leg's: else the figures say nothing.
checked=()
check_queues() {
  local spec side text times carriers leg want found
  if want_postfix; then expect "postfix queue: messages" "$(postfix_queued)" "$(side_total postfix)"; fi
  if want_toaster; then
    expect "toaster queue: messages" "$(find "$prefix/queue/mess" -type f | wc -l)" "$(side_total toaster)"
  fi
  for spec in "${mode_checks[@]}"; do
    IFS='|' read -r side text times carriers <<<"$spec"
    "want_$side" || continue
    want=0
    for leg in $carriers; do want=$((want + times * $(leg_total "$leg"))); done
    found=$(occurrences "$side" "$text")
    expect "$side queue: '$text' ($times per message of $carriers)" "$found" "$want"
  done
}

expect() {
  [[ $2 -eq $3 ]] || die "$1: found $2, expected $3; see $work/postfix/maillog, $work/toaster.log, $work/*/out.log"
  checked+=("$1: $2, as expected")
}

# How often text occurs in a side's queued messages: Postfix's queue files, the toaster's header edits. (grep
# finds nothing: status 1, which pipefail would make the script's.)
occurrences() {
  case $1 in
    postfix) grep -raohF -- "$2" "$postfix_queue/incoming" "$postfix_queue/active" "$postfix_queue/deferred" \
               2>/dev/null | wc -l || true ;;
    toaster) grep -rah '^+' "$prefix/queue/mess" | grep -oF -- "$2" | wc -l || true ;;
  esac
}

# --- Report ----------------------------------------------------------------------------------------------
report_mode() {
  local spec leg base what r
  if want_postfix && want_toaster; then
    for spec in "${mode_ratios[@]}"; do
      IFS='|' read -r leg base what <<<"$spec"
      r=$(ratio "${leg_rate[$leg]}" "${leg_rate[$base]}")
      echo "ratio $leg/$base, $what: $r   (goal >= 1.5: $(awk -v r="$r" 'BEGIN { print (r >= 1.5) ? "met" : "NOT met" }'))"
    done
  fi
  echo "cost per message, ms = 1000/rate with - 1000/rate without (machine time with $sessions sessions on" \
    "$(nproc) CPUs), and the difference of the CPU column:"
  for spec in "${mode_costs[@]}"; do
    IFS='|' read -r leg base what <<<"$spec"
    [[ -n ${leg_rate[$leg]:-} && -n ${leg_rate[$base]:-} ]] || continue
    printf '  %-58s %s, CPU %s ms\n' "$what:" "$(cost_ms "${leg_rate[$leg]}" "${leg_rate[$base]}")" \
      "$(awk -v a="$(leg_cpu_ms "$leg")" -v b="$(leg_cpu_ms "$base")" 'BEGIN { printf "%+.2f", a - b }')"
  done
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
