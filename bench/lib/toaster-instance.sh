# shellcheck shell=bash
# Sourced by the benchmarks (not run alone), after bench/lib/harness.sh and bench_knobs ($work, $root,
# $toaster_port, $rebuild): the toaster, installed with its own installer into $work/toaster, configured by control
# files and run in the foreground.

prefix=$work/toaster
toaster_log=$work/toaster.log
toaster_pid=""
toaster_ns=()   # a command prefix the toaster runs under (bench/lib/fixture-dns.sh's namespace), if any

# Builds the toaster if installer/target/toaster-installer.jar is missing (or BENCH_REBUILD=1, or $1 = tests and
# the test classes the DNS fixture runs from are missing), installs it into $prefix, and writes the control
# files every benchmark shares: the listener, the concurrency limits of 100, no size limit. The caller adds its own.
install_toaster() {
  local jar=$root/installer/target/toaster-installer.jar
  local fixture=$root/mailserver/target/test-classes/org/godshell/toaster/dns/FixtureDnsServer.class
  # shellcheck source=cli/src/dist/lib/toaster-java.sh
  . "$root/cli/src/dist/lib/toaster-java.sh"
  toaster_find_java jdk || die "no JDK 21+ found (see above)"
  if [[ ! -f $jar || $rebuild == 1 ]] || [[ ${1:-} == tests && ! -f $fixture ]]; then
    command -v mvn >/dev/null 2>&1 || die "$jar is missing and mvn is not on PATH to build it"
    say "building the toaster in $root (mvn package -DskipTests, JAVA_HOME=$TOASTER_JAVA_HOME)"
    (cd "$root" && JAVA_HOME=$TOASTER_JAVA_HOME mvn -B -ntp -q package -DskipTests) || die "the build failed"
  fi
  say "installing the toaster into $prefix (jar built $(date -r "$jar" '+%F %T'))"
  rm -rf "$prefix"
  "$TOASTER_JAVA" -jar "$jar" install --prefix "$prefix" --unprivileged --no-start --yes \
    --hostname bench.example.org >"$work/toaster-install.log" 2>&1 ||
    { cat "$work/toaster-install.log" >&2; die "the toaster's installer failed"; }
  mkdir -p "$prefix/control"
  echo "127.0.0.1:$toaster_port" >"$prefix/control/listen-smtp"
  echo 100 >"$prefix/control/concurrencyincoming"
  echo 100 >"$prefix/control/concurrencyperip"
  echo 0 >"$prefix/control/databytes"
  # The installer's fixed submission port would collide between benchmarks (or helpers' toasters) running side
  # by side on one machine: no benchmark uses it unless BENCH_SUBMISSION_PORT names a port for it.
  if [[ -n ${BENCH_SUBMISSION_PORT:-} ]]; then
    echo "127.0.0.1:$BENCH_SUBMISSION_PORT" >"$prefix/control/listen-submission"
  else
    rm -f "$prefix/control/listen-submission"
  fi
}

# `toaster ARGS --prefix $prefix` for set-up steps (domain add, user add), logged with the install.
toaster_tool() {
  "$prefix/bin/toaster" "$@" --prefix "$prefix" >>"$work/toaster-install.log" 2>&1 ||
    die "toaster $* failed (see $work/toaster-install.log)"
}

# Starts the SMTP server in the foreground: $1 is the command (a shell string: TOASTER_CMD overrides it, the
# operator's own command line, so it goes through the shell on purpose); $PREFIX is exported to it. The log is
# appended to, so a restarted toaster keeps the line numbers of the runs before it.
start_toaster() {
  export PREFIX=$prefix
  local cmd=${TOASTER_CMD:-$1}
  say "starting the toaster on 127.0.0.1:$toaster_port: $cmd"
  "${toaster_ns[@]}" bash -c "exec $cmd" </dev/null >>"$work/toaster.out" 2>>"$toaster_log" &
  toaster_pid=$!
  wait_port "$toaster_port" "the toaster" "$toaster_pid" "$toaster_log"
}

stop_toaster() {
  stop_process "$toaster_pid"
  toaster_pid=""
}
on_exit stop_toaster

# Regular files under the queue but temp files: the queue's layout is not the benchmark's business, so this is
# for information. Paths are taken relative to the queue, since $work itself may well be under /tmp.
toaster_queue_files() {
  (cd "$prefix/queue" 2>/dev/null && find . -type f ! -name '*.tmp' ! -path '*/tmp/*') | wc -l
}

# user + system CPU time of the given processes so far, in clock ticks (proc(5), fields 14 and 15); 0 for none.
# A pid given as +PID counts its reaped children too (fields 16 and 17): a forking server's connection processes,
# a JVM's plugin processes.
cpu_ticks() {
  local pid children total=0
  for pid in "$@"; do
    children=0
    if [[ $pid == +* ]]; then children=1; fi
    total=$((total + $(awk -v c="$children" '{ print $14 + $15 + (c ? $16 + $17 : 0) }' "/proc/${pid#+}/stat" \
      2>/dev/null || echo 0)))
  done
  echo "$total"
}
