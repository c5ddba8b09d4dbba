# shellcheck shell=bash disable=SC2034 # the knobs set here are read by the benchmark that sources this
# Sourced by bench/intake.sh, bench/delivery.sh and bench/dkim.sh (not run alone): what every benchmark does the
# same way. The caller sets $bench (its name, for messages) and $here (bench/) before sourcing it.

die() { echo "$bench: $*" >&2; exit 1; }
say() { echo "$bench: $*" >&2; }
refuse() { echo "$bench: $*" >&2; exit 2; }   # bad arguments or knobs

# The caller's header comment (line 2 up to `set -euo pipefail`) is its help.
usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

# The knobs every benchmark has; $1 is the default scratch directory, $2 and $3 the default ports of Postfix
# and the toaster (each benchmark has its own, so two can run on one machine).
bench_knobs() {
  messages=${BENCH_MESSAGES:-5000}
  sessions=${BENCH_SESSIONS:-20}
  size=${BENCH_SIZE:-2048}
  warmup=${BENCH_WARMUP:-2000}
  runs=${BENCH_RUNS:-1}
  work=${BENCH_WORKDIR:-$1}
  only=${BENCH_ONLY:-both}
  postfix_port=${BENCH_POSTFIX_PORT:-$2}
  toaster_port=${BENCH_TOASTER_PORT:-$3}
  rebuild=${BENCH_REBUILD:-0}
  root=${TOASTER_ROOT:-$(dirname "$here")}
}

# The rest of bench/lib, once the knobs are known ($work, $root): every benchmark gets all of it.
bench_libs() {
  # shellcheck source=bench/lib/install-postfix.sh
  . "$here/lib/install-postfix.sh"
  # shellcheck source=bench/lib/postfix-instance.sh
  . "$here/lib/postfix-instance.sh"
  # shellcheck source=bench/lib/toaster-instance.sh
  . "$here/lib/toaster-instance.sh"
  # shellcheck source=bench/lib/fixture-dns.sh
  . "$here/lib/fixture-dns.sh"
  # shellcheck source=bench/lib/rounds.sh
  . "$here/lib/rounds.sh"
}

# --postfix-only, --toaster-only, --help; any other argument goes to the caller's bench_arg, if it has one and
# takes it (status 0).
bench_args() {
  while [[ $# -gt 0 ]]; do
    case $1 in
      --postfix-only) only=postfix ;;
      --toaster-only) only=toaster ;;
      -h|--help) usage ;;
      *) if ! declare -F bench_arg >/dev/null || ! bench_arg "$1"; then
           echo "$bench: unknown argument: $1" >&2
           usage
         fi ;;
    esac
    shift
  done
  case $only in postfix|toaster|both) ;; *) refuse "BENCH_ONLY must be postfix, toaster or both" ;; esac
  whole_numbers messages sessions size warmup runs postfix_port toaster_port
  at_least_one runs messages sessions
}

whole_numbers() {
  local n
  for n in "$@"; do [[ ${!n} =~ ^[0-9]+$ ]] || refuse "$n must be a whole number, not '${!n}'"; done
}

at_least_one() {
  local n
  for n in "$@"; do [[ ${!n} -ge 1 ]] || refuse "$n must be at least 1"; done
}

# A fresh scratch directory, and the load average before anything starts: other work shows in the figures.
bench_start() {
  rm -rf "$work"
  mkdir -p "$work"
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
}

want_postfix() { [[ $only != toaster ]]; }
want_toaster() { [[ $only != postfix ]]; }

require_root() {
  [[ $(id -u) -eq 0 ]] ||
    die "run as root (sudo $0): it installs Debian packages with apt-get if needed, and Postfix's master starts as root"
}

# --- Everything started is stopped on any exit ---------------------------------------------------------------
# Each part registers how to stop what it started (on_exit FUNCTION); they run in that order, also on an error
# or Ctrl-C.
exit_hooks=()
policy_rc_d_ours=0   # bench/lib/install-postfix.sh: a policy-rc.d it left behind when an install is interrupted

on_exit() { exit_hooks+=("$1"); }

bench_cleanup() {
  local status=$? hook
  for hook in "${exit_hooks[@]}"; do "$hook" || true; done
  if [[ $policy_rc_d_ours -eq 1 ]]; then rm -f /usr/sbin/policy-rc.d; fi
  exit "$status"
}
trap bench_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Stops a process this script started: TERM, up to 10 s to finish, then KILL.
stop_process() {
  local pid=$1
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Polls 127.0.0.1:port until it accepts, up to BENCH_START_TIMEOUT seconds (30); fails early if the server's
# process (pid, if given) dies, showing the end of its log (if given).
wait_port() {
  local port=$1 what=$2 pid=${3:-} log=${4:-} rc
  local wait_s=${BENCH_START_TIMEOUT:-30}   # a heavily loaded machine may need longer
  local deadline=$((SECONDS + wait_s))
  while ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null && rc=0 || rc=$?
      show_log "$log"
      die "$what exited (status $rc) before listening on 127.0.0.1:$port"
    fi
    if [[ $SECONDS -ge $deadline ]]; then
      show_log "$log"
      die "$what did not accept connections on 127.0.0.1:$port within $wait_s s (BENCH_START_TIMEOUT)"
    fi
    sleep 0.2
  done
}

show_log() {
  [[ -n $1 ]] || return 0
  echo "--- last lines of $1:" >&2
  tail -n 20 "$1" >&2 2>/dev/null || true
  echo "---" >&2
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; m = int((NR + 1) / 2); printf "%.1f\n", (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'; }

# The report's last lines: the machine, its load before ($load_before) and now, the JDK; then where the logs are.
report_machine() {
  local cpu fs
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  fs=$(df -T "$work" | awk 'NR == 2 { print $2 " (" $1 ", mounted on " $7 ")" }')
  echo "machine: $(nproc) CPUs ($cpu), kernel $(uname -r), $work on $fs"
  echo "load average: $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after (other work on the machine" \
    "skews both sides)"
  if want_toaster && [[ -n ${TOASTER_JAVA:-} ]]; then echo "java: $("$TOASTER_JAVA" -version 2>&1 | head -n 1)"; fi
  echo "logs: $work ($*)"
}
