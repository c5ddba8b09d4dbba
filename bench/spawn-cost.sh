#!/usr/bin/env bash
# What a plugin process costs on this machine: bench/SpawnCost.java (the toaster's way of starting a plugin)
# for /bin/true under each JDK launch mechanism and several concurrencies, then each shipped sample script
# with the environment bench/intake.sh gives it. No root, no network; see bench/README.md, "Why scripts are slow".
#
#   bench/spawn-cost.sh            (SPAWN_COUNT runs per line, default 500)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
count=${SPAWN_COUNT:-500}
[[ $count =~ ^[1-9][0-9]{0,5}$ ]] || { echo "spawn-cost: SPAWN_COUNT must be a whole number from 1" >&2; exit 2; }
# shellcheck source=cli/src/dist/lib/toaster-java.sh
. "$root/cli/src/dist/lib/toaster-java.sh"
toaster_find_java jdk || exit 1
plugins=$root/mailserver/src/dist/plugins

cost() { "$TOASTER_JAVA" "$@" 2>&1 | grep -E 'runs/s|exited|Exception' || true; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs; $("$TOASTER_JAVA" -version 2>&1 | head -n 1)"
# VFORK is deprecated in JDK 25 (a warning on stderr, filtered here) and removed after it: measured, not used.
for mechanism in POSIX_SPAWN VFORK FORK; do
  for concurrency in 1 2 20; do
    cost "-Djdk.lang.Process.launchMechanism=$mechanism" "$here/SpawnCost.java" "$count" "$concurrency" /bin/true
  done
done
# A long-lived perl process that forks and execs each plugin (bench/spawner-prototype.pl), against the JDK's
# default above: measured, not shipped, unless it wins by a clear margin (bench/README.md).
cost -Dspawner="$here/spawner-prototype.pl" "$here/SpawnCost.java" "$count" 1 /bin/true
cost -Dspawner="$here/spawner-prototype.pl" "$here/SpawnCost.java" "$count" 1 SMTPRCPTCOUNTALL=1 \
  SMTPRCPTTO=postmaster@bench.localhost "$plugins/tagger"
# The samples as intake.sh's "scripts" set runs them, default launch mechanism, one at a time.
cost "$here/SpawnCost.java" "$count" 1 /bin/sh -c :
cost "$here/SpawnCost.java" "$count" 1 SMTPRCPTCOUNTALL=0 "$plugins/tagger"
cost "$here/SpawnCost.java" "$count" 1 SMTPRCPTCOUNTALL=1 SMTPRCPTTO=postmaster@bench.localhost "$plugins/tagger"
cost "$here/SpawnCost.java" "$count" 1 SMTPRCPTCOUNTALL=1 "$plugins/tarpit"
cost "$here/SpawnCost.java" "$count" 1 SMTPRCPTHOSTSOK=1 SMTPRCPTTO=postmaster@bench.localhost \
  TOASTER_HOME=/nonexistent "$plugins/chkuser"
cost "$here/SpawnCost.java" "$count" 1 TCPREMOTEIP=127.0.0.1 RBLSERVERS= "$plugins/rbl"
# rbl with one list: the shell and its one lookup process, a lookup that answers "nothing" at once.
cost "$here/SpawnCost.java" "$count" 1 TCPREMOTEIP=127.0.0.1 RBLSERVERS=bl.bench.localhost RBL_LOOKUP=/bin/true \
  "$plugins/rbl"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
