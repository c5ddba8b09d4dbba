# shellcheck shell=bash
# Sourced by bench/intake.sh and bench/dkim.sh (not run alone), after bench/lib/harness.sh and
# bench/lib/toaster-instance.sh: the load, and the measured runs that alternate between the servers.
#
# A leg is one server in one configuration, on its own port or prepared by a function before each of its runs
# (a plugin set, a key set): add_leg declares them in order, run_rounds warms each up once and then runs every
# leg in turn BENCH_RUNS times, so that a change in the machine's load during the benchmark falls on all alike.

legs=()
declare -gA leg_side leg_port leg_messages leg_warmup leg_prepare leg_label leg_pids leg_rates leg_rate \
  leg_ranges leg_ticks leg_settle

# add_leg NAME SIDE PORT MESSAGES WARMUP PREPARE LABEL: SIDE is postfix or toaster (whose log gives the
# percentiles), PREPARE a command run before each of the leg's runs (empty for none), LABEL its report line;
# SETTLE (optional) a command run after each measured run, untimed (e.g. waiting until the mail is delivered).
add_leg() {
  local name=$1
  legs+=("$name")
  leg_side[$name]=$2 leg_port[$name]=$3 leg_messages[$name]=$4 leg_warmup[$name]=$5 leg_prepare[$name]=$6
  leg_label[$name]=$7 leg_settle[$name]=${8:-} leg_pids[$name]="" leg_rates[$name]="" leg_ranges[$name]="" leg_ticks[$name]=0
}

# The processes whose CPU time counts for a leg (the toaster's JVM; a milter), set once they run.
leg_cpu() { leg_pids[$1]=$2; }

# Messages a leg sends in all: warm-up and measured runs.
leg_total() { echo $((leg_warmup[$1] + runs * leg_messages[$1])); }

side_total() {
  local leg total=0
  for leg in "${legs[@]}"; do [[ ${leg_side[$leg]} == "$1" ]] && total=$((total + $(leg_total "$leg"))); done
  echo "$total"
}

# --- Load ------------------------------------------------------------------------------------------------
# The same smtp-source command for every leg, with the caller's message options in the array $load (-l SIZE, or
# -F FILE; -f, -t). No -d: smtp-source's default is one transaction per connection (connect, banner, HELO, MAIL, RCPT,
# DATA, QUIT), which is what an MX sees from the Internet, and which also counts the connection set-up. -M fixes
# the HELO name, so the machine's hostname plays no part. smtp-source exits non-zero on any reply it does not
# expect (no -A), so a refused message fails the run.
drive() {
  local port=$1 count=$2
  smtp-source -s "$sessions" -m "$count" -M "$domain" "${load[@]}" "127.0.0.1:$port"
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

prepare_leg() { leg_command "${leg_prepare[$1]}"; }

leg_command() {
  local -a command
  read -ra command <<<"$1"
  if [[ ${#command[@]} -gt 0 ]]; then "${command[@]}"; fi
}

# rounds_prepare_warms=1: each leg's PREPARE starts a fresh server and warms it up itself (its WARMUP messages
# before every run), so the one warm-up here is skipped.
run_rounds() {
  local leg run first before
  # Warm-up: lets the JVM compile the hot paths (each leg's own too) and Postfix spawn its processes; excluded
  # from every figure.
  for leg in "${legs[@]}"; do
    [[ ${leg_warmup[$leg]} -gt 0 && ${rounds_prepare_warms:-0} -eq 0 ]] || continue
    prepare_leg "$leg"
    say "$leg: warm-up, ${leg_warmup[$leg]} messages (not measured)"
    drive "${leg_port[$leg]}" "${leg_warmup[$leg]}" || die "smtp-source failed against $leg (warm-up)"
  done
  for run in $(seq "$runs"); do
    for leg in "${legs[@]}"; do
      prepare_leg "$leg"
      say "$leg: run $run/$runs, ${leg_messages[$leg]} messages, $sessions sessions"
      if [[ ${leg_side[$leg]} == toaster ]]; then first=$(($(wc -l <"$toaster_log") + 1)); fi
      # shellcheck disable=SC2086 # a list of pids
      before=$(cpu_ticks ${leg_pids[$leg]})
      leg_rates[$leg]+="$(timed_run "${leg_port[$leg]}" "$leg" "${leg_messages[$leg]}")"$'\n'
      if [[ ${leg_side[$leg]} == toaster ]]; then leg_ranges[$leg]+="$first,$(wc -l <"$toaster_log") "; fi
      # Settled before the CPU time is read: what the run left to do (its deliveries) counts for it.
      leg_command "${leg_settle[$leg]}"
      # shellcheck disable=SC2086
      leg_ticks[$leg]=$((leg_ticks[$leg] + $(cpu_ticks ${leg_pids[$leg]}) - before))
    done
  done
  for leg in "${legs[@]}"; do
    leg_rates[$leg]=${leg_rates[$leg]%$'\n'}
    leg_rate[$leg]=$(median <<<"${leg_rates[$leg]}")
  done
}

# --- Report ----------------------------------------------------------------------------------------------
# Nearest-rank percentiles of ms= over a toaster leg's measured runs' lines of its log (warm-up excluded):
# the toaster's own time from MAIL to the 250 after DATA. Prints "p50 p99 count", or "- - 0" for Postfix.
leg_percentiles() { leg_field_percentiles "$1" ' result=250' ms; }

# The same for any FIELD=number of the lines of a toaster leg's measured runs that hold TEXT.
leg_field_percentiles() {
  local range
  [[ ${leg_side[$1]} == toaster ]] || { echo "- - 0"; return; }
  for range in ${leg_ranges[$1]}; do
    sed -n "${range}p" "$toaster_log"
  done | grep -F -- "$2" | grep -o " $3=[0-9.]*" | cut -d= -f2 | percentiles
}

# Nearest-rank p50 and p99 of the numbers on stdin, one a line: "p50 p99 count", "n/a n/a 0" for none.
percentiles() {
  sort -g | awk '{ v[NR] = $1 } END {
           if (NR == 0) { print "n/a n/a 0"; exit }
           p50 = int(NR * 0.50); if (p50 < NR * 0.50) p50++
           p99 = int(NR * 0.99); if (p99 < NR * 0.99) p99++
           printf "%.2f %.2f %d\n", v[p50], v[p99], NR }'
}

# CPU time per measured message of a leg's processes, in ms; "-" when it has none.
leg_cpu_ms() {
  [[ -n ${leg_pids[$1]} ]] || { echo -; return; }
  awk -v t="${leg_ticks[$1]}" -v hz="$(getconf CLK_TCK)" -v n="$((runs * leg_messages[$1]))" \
    'BEGIN { printf "%.2f\n", t * 1000 / hz / n }'
}

# One line per leg: its median rate, messages, warm-up, the toaster's percentiles and the CPU time per message.
report_legs() {
  local leg p50 p99
  printf '%-44s %9s %9s %8s %8s %8s %8s\n' "server" "msg/s" "messages" "warm-up" "p50 ms" "p99 ms" "CPU ms"
  for leg in "${legs[@]}"; do
    read -r p50 p99 _ < <(leg_percentiles "$leg")
    printf '%-44s %9s %9s %8s %8s %8s %8s\n' "${leg_label[$leg]}" "${leg_rate[$leg]}" "${leg_messages[$leg]}" \
      "${leg_warmup[$leg]}" "$p50" "$p99" "$(leg_cpu_ms "$leg")"
  done
}

report_runs() {
  local leg
  for leg in "${legs[@]}"; do echo "$leg runs (msg/s): $(tr '\n' ' ' <<<"${leg_rates[$leg]}")"; done
}

ratio() { awk -v t="$1" -v p="$2" 'BEGIN { if (p <= 0) print "n/a"; else printf "%.2f", t / p }'; }

# The machine's time per message that a leg adds to another, "N ms", over `per` (calls per message, default 1):
# (1000 / rate with - 1000 / rate without) / per. With sessions in parallel, 1/rate is the machine's time per
# message, not one message's latency.
cost_ms() {
  local rate=$1 base=$2 per=${3:-1}
  awk -v r="$rate" -v b="$base" -v c="$per" 'BEGIN {
    if (r <= 0 || b <= 0 || c <= 0) { print "n/a"; exit }
    cost = (1000 / r - 1000 / b) / c
    # Faster with the extra work than without: it costs less than the noise of this run (load, JIT, disk).
    if (cost < 0) printf "%.2f ms (below the noise of this run)\n", cost; else printf "%.2f ms\n", cost }'
}
