# shellcheck shell=bash
# Sourced by bench/users.sh (not run alone) after its driver, unless BENCH_SMTPD=0: RCPT checks through a running
# `toaster smtpd` over loopback, as a remote MTA asks them (BENCH_SMTPD_SESSIONS sessions, BENCH_RCPT_PER_MESSAGE
# RCPTs of existing users a message, then RSET), with the users in the driver's passwd files and then in its
# database. The toaster is installed with its installer (bench/lib/toaster-instance.sh); 127.0.0.1 is not a relay
# client, so every RCPT goes through smtpd's recipient check; no plugins.

toaster_port=${BENCH_TOASTER_PORT:-2571}
smtpd_sessions=${BENCH_SMTPD_SESSIONS:-20}
per_message=${BENCH_RCPT_PER_MESSAGE:-50}
smtpd_warmup=${BENCH_SMTPD_WARMUP:-5}
whole_numbers toaster_port smtpd_sessions per_message smtpd_warmup
at_least_one smtpd_sessions per_message
# shellcheck source=bench/lib/toaster-instance.sh
. "$here/lib/toaster-instance.sh"

if [[ ! -f $root/installer/target/toaster-installer.jar ]]; then
  say "building the installer (mvn -pl installer -am package -DskipTests)"
  (cd "$root" && mvn -B -ntp -q -o -pl installer -am package -DskipTests) || die "the build failed"
fi
install_toaster
echo bench.localhost >"$prefix/control/me"
echo ':allow' >"$prefix/control/tcp.smtp"
printf '%s\n' '# bench: no plugins' >"$prefix/control/smtpplugins"
# The driver's passwd files become this install's users.
mv "$prefix/domains" "$prefix/domains.installed"
mv "$work/files-prefix/domains" "$prefix/domains"

# A line of the report, on stdout and in report.txt (not through a pipe: the toaster is started in this shell, so
# that the exit hooks can stop it).
report_line() {
  echo "$1"
  echo "$1" >>"$work/report.txt"
}

# One side: start smtpd, warm it up, then the measured run; prints the report's line.
smtpd_side() {
  local name=$1 line rcpts toaster0 toaster1 pg0 pg1
  start_toaster "\"\$PREFIX/bin/toaster\" smtpd --no-deliver --prefix \"\$PREFIX\""
  "$TOASTER_JAVA" "$here/RcptClient.java" "$toaster_port" "$smtpd_sessions" "$smtpd_warmup" "$domains" "$users" \
    "$per_message" >>"$work/rcpt-client.log" 2>&1 || die "the RCPT client failed (see $work/rcpt-client.log)"
  toaster0=$(cpu_ticks "$toaster_pid")
  # shellcheck disable=SC2046 # one pid a word
  pg0=$(cpu_ticks "+$postmaster" $(pgrep -P "$postmaster"))
  line=$("$TOASTER_JAVA" "$here/RcptClient.java" "$toaster_port" "$smtpd_sessions" "$seconds" "$domains" "$users" \
    "$per_message" 2>>"$work/rcpt-client.log") || die "the RCPT client failed (see $work/rcpt-client.log)"
  toaster1=$(cpu_ticks "$toaster_pid")
  # shellcheck disable=SC2046
  pg1=$(cpu_ticks "+$postmaster" $(pgrep -P "$postmaster"))
  stop_toaster
  echo "$name: $line" >>"$work/rcpt-client.log"
  rcpts=$(sed -n 's/^rcpt \([0-9]*\) .*/\1/p' <<<"$line")
  [[ ${rcpts:-0} -gt 0 ]] || die "$name: no RCPT answered: $line"
  report_line "$(printf '%-12s %s; smtpd CPU %.1f us a RCPT, PostgreSQL server %.1f us' "$name" "$line" \
    "$(awk -v t=$((toaster1 - toaster0)) -v n="$rcpts" 'BEGIN { print t * 10000 / n }')" \
    "$(awk -v t=$((pg1 - pg0)) -v n="$rcpts" 'BEGIN { print t * 10000 / n }')")"
}

report_line ""
report_line "smtpd over loopback: $smtpd_sessions sessions, $per_message RCPTs of existing users a message, $seconds s\
 after $smtpd_warmup s of warm-up (the client's JVM on the same CPUs)"
{ echo bench.localhost; ls "$prefix/domains"; } >"$prefix/control/rcpthosts"
smtpd_side files
# The same install with the users in the database: its domains are accepted without rcpthosts.
echo "postgresql://toaster@127.0.0.1:$pg_port/toaster" >"$prefix/control/userdb"
(umask 077 && echo "$secret" >"$prefix/control/userdbpassword")
echo bench.localhost >"$prefix/control/rcpthosts"
smtpd_side PostgreSQL
