# shellcheck shell=bash disable=SC2154 # $work, $domain, $me, $mode_*, $milter_*: set by the benchmark that sources it
# Sourced by the benchmarks that compare the toaster with Postfix and its milters (bench/dkim.sh, bench/rspamd.sh),
# after bench/lib/rounds.sh: the prepared message, the legs as a table, the checks of both queues afterwards and
# the ratios and costs of the report. The caller sets $domain, $me and the tables (bench/dkim-modes.sh says their
# format): mode_legs, mode_checks, mode_ratios, mode_costs; milter_port_of and milter_pid name each milter's port
# and the processes whose CPU time counts for it; $goal is the ratio the toaster must reach (1.5 unless set).

declare -gA milter_pid milter_port_of
goal=${goal:-1.5}

# --- The message -----------------------------------------------------------------------------------------
# One prepared message, sent as it is by smtp-source -F (each line with CRLF): a From at the author's domain (the
# one that signs), the fields a mail client writes, and BENCH_SIZE bytes of text in lines of 76 (a line end more per line).
write_message() {
  local author=$1 to=$2
  {
    printf '%s\n' "From: Bench <bench@$author>" "To: <$to>" "Subject: $bench benchmark" \
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
      echo "ratio $leg/$base, $what: $r   (goal >= $goal: $(awk -v r="$r" -v g="$goal" 'BEGIN { print (r >= g) ? "met" : "NOT met" }'))"
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

