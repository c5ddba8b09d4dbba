# shellcheck shell=bash disable=SC2154 # $work, $fixture_dns_address, $namespaced: rspamd.sh, bench/lib
# Sourced by bench/rspamd.sh: ONE private rspamd, from Debian's package, that both sides ask. Debian's own
# /etc/rspamd/rspamd.conf with its defaults, and our changes in $work/rspamd/conf (its LOCAL_CONFDIR, so nothing
# under /etc/rspamd changes); its pid file, databases and log under $work/rspamd. What we change, and why:
#
#   normal worker   127.0.0.1:$rspamd_port, the toaster's control/rspamd ($rspamd_workers processes)
#   proxy worker    127.0.0.1:$rspamd_milter_port in milter mode, Postfix's smtpd_milters, scanning itself
#                   (self_scan: rspamd's advice for a milter, no second hop to the normal worker), as many processes
#   controller      off: nothing here reads statistics or learns
#   DNS             the bench's fixture ($fixture_dns_address): every name it does not know is NXDOMAIN at
#                   once, as a local resolver would answer for a clean sender; nothing leaves the machine (the maps
#                   and fuzzy servers on the Internet are never reached, their names do not resolve). rspamd also
#                   runs in the fixture's mount namespace, whose resolv.conf names the fixture.
#   actions         reject 1000, add_header 900, greylist 800: far above any score a clean message gets, so
#                   that both sides take every message (the check afterwards needs every one queued)
#   milter_headers  X-Spamd-Result on every message, local clients too (skip_local false): the proof on
#                   Postfix's side that rspamd scanned it. The toaster writes its own X-Spam fields.
# No redis: greylisting, ratelimit, Bayes and the reputation modules are off, on both sides alike.

rspamd_port=${BENCH_RSPAMD_PORT:-11433}
rspamd_milter_port=${BENCH_RSPAMD_MILTER_PORT:-11432}
rspamd_workers=${BENCH_RSPAMD_WORKERS:-$(nproc)}
rspamd_pid=""
rspamd_log=$work/rspamd/log/rspamd.log

install_rspamd() {
  command -v rspamd >/dev/null 2>&1 || install_debian "rspamd (the content filter both sides ask)" rspamd
}

write_rspamd_conf() {
  local conf=$work/rspamd/conf
  mkdir -p "$conf/local.d" "$conf/override.d" "$work/rspamd/run" "$work/rspamd/db" "$work/rspamd/log"
  cat >"$conf/override.d/options.inc" <<EOF
dns {
  nameserver = ["$fixture_dns_address:53"];
  timeout = 1s;
  retransmits = 1;
}
EOF
  printf 'bind_socket = "127.0.0.1:%s";\ncount = %s;\n' "$rspamd_port" "$rspamd_workers" \
    >"$conf/override.d/worker-normal.inc"
  cat >"$conf/override.d/worker-proxy.inc" <<EOF
bind_socket = "127.0.0.1:$rspamd_milter_port";
milter = yes;
timeout = 120s;
count = $rspamd_workers;
upstream "local" {
  default = yes;
  self_scan = yes;
}
EOF
  echo 'enabled = false;' >"$conf/override.d/worker-controller.inc"
  printf 'reject = 1000;\nadd_header = 900;\ngreylist = 800;\n' >"$conf/override.d/actions.conf"
  printf 'use = ["x-spamd-result"];\nskip_local = false;\nskip_authenticated = false;\n' \
    >"$conf/local.d/milter_headers.conf"
  chown -R _rspamd:_rspamd "$work/rspamd"
}

# rspamd's variables point it at our directories; -u/-g drop root for its workers as Debian's unit does.
rspamd_command() {
  local var
  printf '%s\n' rspamd -f -u _rspamd -g _rspamd -c /etc/rspamd/rspamd.conf
  for var in LOCAL_CONFDIR=conf RUNDIR=run DBDIR=db LOGDIR=log; do echo "--var=${var%%=*}=$work/rspamd/${var#*=}"; done
}

# Starts it and waits (up to 3 minutes: it compiles its rules first) until the normal worker answers /ping and
# the proxy listens.
start_rspamd() {
  local -a command
  mapfile -t command < <(rspamd_command)
  write_rspamd_conf
  say "starting rspamd: normal worker on 127.0.0.1:$rspamd_port, milter on 127.0.0.1:$rspamd_milter_port"
  "${namespaced[@]}" "${command[@]}" </dev/null >"$work/rspamd/out.log" 2>&1 &
  rspamd_pid=$!
  local deadline=$((SECONDS + 180))
  until [[ $(rspamd_ping) == pong ]] && (exec 3<>"/dev/tcp/127.0.0.1/$rspamd_milter_port") 2>/dev/null; do
    if ! kill -0 "$rspamd_pid" 2>/dev/null; then
      show_log "$work/rspamd/out.log"
      show_log "$rspamd_log"
      rspamd_pid=""
      die "rspamd exited before it answered"
    fi
    [[ $SECONDS -lt $deadline ]] || { show_log "$rspamd_log"; die "rspamd did not answer /ping within 180 s"; }
    sleep 1
  done
  say "rspamd answers (after $((SECONDS + 180 - deadline)) s)"
}

rspamd_ping() {
  (exec 3<>"/dev/tcp/127.0.0.1/$rspamd_port" && printf 'GET /ping HTTP/1.0\r\n\r\n' >&3 && tail -n 1 <&3) \
    2>/dev/null | tr -d '\r\n'
}

# The worker processes of one kind (normal: the toaster's scans; rspamd_proxy: Postfix's), by the title rspamd
# gives them ("rspamd: normal process (127.0.0.1:11433)"): the CPU time of a scan is theirs.
rspamd_workers_of() {
  local pid
  for pid in $(pgrep -P "$rspamd_pid"); do
    if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "rspamd: $1 process"; then printf '%s ' "$pid"; fi
  done
}

# CPU time per scan of a kind of worker over the whole run (each kind serves one side only, warm-up included),
# in ms; call it while rspamd runs.
rspamd_cpu_per_scan() {
  local ticks
  # shellcheck disable=SC2046 # a list of pids
  ticks=$(cpu_ticks $(rspamd_workers_of "$1"))
  read -r _ _ n < <(rspamd_scans "$1")
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v n="$n" 'BEGIN { if (n == 0) print "n/a"; else printf "%.2f\n", t * 1000 / hz / n }'
}

stop_rspamd() {
  stop_process "$rspamd_pid"
  rspamd_pid=""
}
on_exit stop_rspamd

# rspamd's own log line per scan: "time: 12.34ms" (logging.inc's log_format), by worker: normal (the toaster's
# requests) or rspamd_proxy (Postfix's milter). Prints "p50 p99 count" of the scan times in ms (warm-up included).
rspamd_scans() {
  grep -F "($1)" "$rspamd_log" 2>/dev/null | grep -F 'rspamd_task_write_log' | grep -o 'time: [0-9.]*ms' |
    grep -o '[0-9.]*' | percentiles
}
