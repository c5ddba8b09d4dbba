#!/usr/bin/env bash
# Users at scale: RCPT checks (UserStore.route) and AUTH checks (UserStore.verify) per second with the users in
# passwd files and in PostgreSQL, on the same machine, in one run, with the same data: BENCH_DOMAINS domains of
# BENCH_USERS users each plus one domain of BENCH_BIG_USERS. A private PostgreSQL server (initdb into the scratch
# directory, fsync on, a free loopback port) is started and stopped by the script. The lookups are the toaster's
# own code, driven by bench/UserLookups.java with the built distribution's jars. See bench/README.md, "Users".
#
#   bench/users.sh                      (root or not; as root the server runs as the postgres account)
#
# Knobs (environment):
#   BENCH_DOMAINS      domains (default 100)
#   BENCH_USERS        users in each domain (default 1000)
#   BENCH_BIG_USERS    users of the one big domain, for the cold read of a big passwd file (default 100000)
#   BENCH_SECONDS      seconds per figure (default 5)
#   BENCH_WARMUP       seconds of warm-up per kind of lookup and side, not counted (default 2)
#   BENCH_THREADS      comma-separated thread counts, virtual threads (default 1,32)
#   BENCH_WORKDIR      scratch directory, wiped at the start and kept for the logs (default /tmp/bench-users)
#   BENCH_REBUILD=1    build the distribution even if cli/target holds one
#   TOASTER_ROOT       the source tree (default the parent of bench/)
#
# Exit status: 0 when every figure was measured (no timed assertion), 1 on an error, 2 on bad arguments.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench=users
# shellcheck source=bench/lib/harness.sh
. "$here/lib/harness.sh"
only=toaster   # report_machine prints the JDK's line
domains=${BENCH_DOMAINS:-100}
users=${BENCH_USERS:-1000}
big_users=${BENCH_BIG_USERS:-100000}
seconds=${BENCH_SECONDS:-5}
warmup=${BENCH_WARMUP:-2}
threads=${BENCH_THREADS:-1,32}
work=${BENCH_WORKDIR:-/tmp/bench-users}
rebuild=${BENCH_REBUILD:-0}
root=${TOASTER_ROOT:-$(dirname "$here")}
for arg in "$@"; do
  case $arg in -h|--help) usage ;; *) echo "$bench: unknown argument: $arg" >&2; usage ;; esac
done
whole_numbers domains users big_users seconds warmup
at_least_one domains users big_users seconds
[[ $threads =~ ^[1-9][0-9]{0,3}(,[1-9][0-9]{0,3})*$ ]] || refuse "BENCH_THREADS must be thread counts like 1,32"
[[ $domains -le 9999 && $users -le 999999 && $big_users -le 999999 ]] ||
  refuse "at most 9999 domains and 999999 users a domain (the names have that many digits)"

# --- PostgreSQL: the newest server installed, as PostgresServer (the tests' server) finds it -------------------
pg_bin=$(pg_config --bindir 2>/dev/null || true)
if [[ -z $pg_bin || ! -x $pg_bin/initdb ]]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
[[ -n $pg_bin && -x $pg_bin/initdb && -x $pg_bin/pg_ctl ]] ||
  die "PostgreSQL is not installed (no pg_config --bindir, no /usr/lib/postgresql/*/bin/initdb); install it with:" \
    "apt-get install -y --no-install-recommends postgresql-15"
command -v psql >/dev/null || die "psql is missing; install it with: apt-get install -y postgresql-client-15"
# shellcheck source=cli/src/dist/lib/toaster-java.sh
. "$root/cli/src/dist/lib/toaster-java.sh"
toaster_find_java jdk || die "no JDK 21+ found (see above)"

# PostgreSQL refuses to run as root: as root its programs run as the postgres account.
as_pg=()
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || die "running as root needs the postgres account (the server package makes it)"
  as_pg=(runuser -u postgres --)
fi
pg() { env -u PGHOST -u PGPORT -u PGDATA LC_ALL=C.UTF-8 "${as_pg[@]}" "$@"; }

bench_start
pg_dir=$work/pg
pg_data=$pg_dir/data
pg_log=$pg_dir/postgres.log
mkdir -p "$pg_dir"
chmod 755 "$work"
[[ ${#as_pg[@]} -eq 0 ]] || chown postgres: "$pg_dir"

# A free loopback port: the first from a random start that nothing answers on (the start retries if one is
# taken in between).
free_port() {
  local port=$((20000 + RANDOM % 30000))
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

stop_postgres() {
  [[ -f $pg_data/postmaster.pid ]] || return 0
  pg "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w -t 60 stop >>"$pg_log.ctl" 2>&1 || say "pg_ctl stop failed (see $pg_log.ctl)"
}

secret=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
umask 077
echo "$secret" >"$pg_dir/pwfile"
umask 022
[[ ${#as_pg[@]} -eq 0 ]] || chown postgres: "$pg_dir/pwfile"
say "initdb into $pg_data ($("$pg_bin/postgres" --version))"
# --no-sync only skips initdb's own flushes of the template files; the server below runs with fsync on.
pg "$pg_bin/initdb" -D "$pg_data" -U toaster --pwfile="$pg_dir/pwfile" --auth-local=trust \
  --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$pg_dir/initdb.log" 2>&1 ||
  { show_log "$pg_dir/initdb.log"; die "initdb failed"; }
rm "$pg_dir/pwfile"
on_exit stop_postgres
for attempt in 1 2 3 4 5; do
  pg_port=$(free_port)
  # Durability as shipped (fsync, synchronous_commit, full_page_writes on: PostgreSQL's defaults, said again
  # here so that no one's postgresql.conf habits change them); only the listening is the benchmark's.
  cat >>"$pg_data/postgresql.conf" <<EOF

# bench/users.sh, attempt $attempt
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = ''
fsync = on
synchronous_commit = on
full_page_writes = on
EOF
  if pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_log" -w -t 60 start >"$pg_log.ctl" 2>&1; then break; fi
  grep -q 'could not bind' "$pg_log" 2>/dev/null && [[ $attempt -lt 5 ]] || { show_log "$pg_log"; die "PostgreSQL did not start"; }
done
postmaster=$(head -n 1 "$pg_data/postmaster.pid")
PGPASSWORD=$secret psql -X -q -h 127.0.0.1 -p "$pg_port" -U toaster -d postgres -v ON_ERROR_STOP=1 \
  -c 'CREATE DATABASE toaster' >/dev/null
say "PostgreSQL on 127.0.0.1:$pg_port (postmaster $postmaster), fsync $(PGPASSWORD=$secret psql -X -At -h 127.0.0.1 \
  -p "$pg_port" -U toaster -d toaster -c 'SHOW fsync')"

# --- The toaster's jars ---------------------------------------------------------------------------------------
dist=$root/cli/target/toaster-0.1.0-SNAPSHOT-dist.tar.gz
if [[ $rebuild == 1 || ! -f $dist ]]; then
  say "building the distribution (mvn -pl cli -am package -DskipTests)"
  (cd "$root" && mvn -B -ntp -q -o -pl cli -am package -DskipTests) || die "the build failed"
fi
dist=$(ls "$root"/cli/target/toaster-*-dist.tar.gz | head -n 1)
mkdir -p "$work/dist"
tar -xzf "$dist" -C "$work/dist" lib
ls "$work"/dist/lib/toaster-mailserver-*.jar >/dev/null 2>&1 || die "$dist holds no toaster-mailserver jar"

# --- Two prefixes: the same host, users in files or in the database -------------------------------------------
for side in files pg; do
  mkdir -p "$work/$side-prefix/control" "$work/$side-prefix/domains"
  echo bench.localhost >"$work/$side-prefix/control/me"
done
echo files >"$work/files-prefix/control/userdb"
echo "postgresql://toaster@127.0.0.1:$pg_port/toaster" >"$work/pg-prefix/control/userdb"
(umask 077 && echo "$secret" >"$work/pg-prefix/control/userdbpassword")

say "filling both with $domains x $users users + $big_users, then $seconds s per figure (threads $threads)"
"$TOASTER_JAVA" -Xss512k -cp "$work/dist/lib/*" "$here/UserLookups.java" "$work/files-prefix" "$work/pg-prefix" \
  "$pg_port" "$work/pg-prefix/control/userdbpassword" "$postmaster" "$domains" "$users" "$big_users" "$seconds" \
  "$warmup" "$threads" 2> >(tee "$work/driver.err" >&2) | tee "$work/report.txt" ||
  die "the driver failed (see $work/driver.err)"
# shellcheck source=bench/users-smtpd.sh
if [[ ${BENCH_SMTPD:-1} != 0 ]]; then . "$here/users-smtpd.sh"; fi
echo "PostgreSQL: $("$pg_bin/postgres" --version), defaults but listening (shared_buffers $(PGPASSWORD=$secret psql -X \
  -At -h 127.0.0.1 -p "$pg_port" -U toaster -d toaster -c 'SHOW shared_buffers')), fsync on; its data in $pg_data"
report_machine "report.txt, driver.err, pg/postgres.log"
