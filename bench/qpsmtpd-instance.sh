# shellcheck shell=bash disable=SC2154,SC2034 # $work, $domain, $here, $rbl_list: set by bench/qpsmtpd.sh and
# bench/lib; qpsmtpd_version is read by bench/qpsmtpd.sh
# Sourced by bench/qpsmtpd.sh (not run alone), after bench/lib: private qpsmtpd instances from Debian's package,
# each with its own config directory ($QPSMTPD_CONFIG), spool, log and queue under $work/qpsmtpd/NAME, on
# 127.0.0.1 only, running as the package's unprivileged user `qpsmtpd`. The package's own service (port 25) is
# never started: the install denies service starts, and a daemon that came up anyway is stopped.

qpsmtpd_user=qpsmtpd
qpsmtpd_server=${BENCH_QPSMTPD_SERVER:-forkserver}
declare -gA qpsmtpd_pid qpsmtpd_port_of

# "No automatic start" is also the package's debconf default; preseeded in case a host answered otherwise.
install_qpsmtpd() {
  if ! command -v qpsmtpd-forkserver >/dev/null 2>&1; then
    echo "qpsmtpd qpsmtpd/startup_enabled boolean false" | debconf-set-selections
    install_debian "qpsmtpd (the plugin-driven peer)" qpsmtpd
  fi
  if [[ -s /var/run/qpsmtpd/qpsmtpd.pid ]] && kill -0 "$(cat /var/run/qpsmtpd/qpsmtpd.pid)" 2>/dev/null; then
    say "the package's qpsmtpd service is running; stopping it (/etc/init.d/qpsmtpd stop)"
    /etc/init.d/qpsmtpd stop >/dev/null 2>&1 || say "warning: /etc/init.d/qpsmtpd stop failed"
  fi
  qpsmtpd_version=$(dpkg-query -W -f '${Version}' qpsmtpd 2>/dev/null || echo '?')
}

# setup_qpsmtpd NAME PORT PLUGIN-LINE...: the config directory of one instance. The plugin lines come first, then
# the queue plugin: bench/qpsmtpd-queue-durable (fsync before the 250), or with BENCH_QPSMTPD_QUEUE=maildir the
# package's queue/maildir (no fsync). Logging at the package's default level, LOGINFO, through logging/warn to
# stderr and so to a file, as the toaster logs: the package's logging/file fails on a line of every message in
# 0.94 ("Can't call method notes on unblessed reference"), and logging/warn names the plugin of each line, which
# the check that every check ran (checks_logged) reads.
setup_qpsmtpd() {
  local name=$1 port=$2 dir=$work/qpsmtpd/$1
  shift 2
  mkdir -p "$dir/etc" "$dir/plugins" "$dir/spool" "$dir/queue" "$dir/log"
  cp "$here/qpsmtpd-queue-durable" "$dir/plugins/queue_durable"
  echo "$domain" >"$dir/etc/me"
  echo "$domain" >"$dir/etc/rcpthosts"
  printf '%s\n' /usr/share/qpsmtpd/plugins "$dir/plugins" >"$dir/etc/plugin_dirs"
  echo "$dir/spool" >"$dir/etc/spool_dir"
  echo "logging/warn LOGINFO" >"$dir/etc/logging"
  echo "$rbl_list:listed on $rbl_list" >"$dir/etc/dnsbl_zones"
  {
    printf '%s\n' "$@"
    case ${BENCH_QPSMTPD_QUEUE:-durable} in
      durable) echo "queue_durable $dir/queue" ;;
      maildir) echo "queue/maildir $dir/queue" ;;
    esac
  } >"$dir/etc/plugins"
  chown "$qpsmtpd_user" "$dir/spool" "$dir/queue" "$dir/log"
  chmod 700 "$dir/spool"
  qpsmtpd_port_of[$name]=$port
}

# Starts an instance in the foreground under the DNS fixture's namespace (its dnsbl and SPF, and the PTR query
# that qpsmtpd 0.94 makes for every connection whatever -H says, read resolv.conf).
start_qpsmtpd() {
  local name=$1 port=${qpsmtpd_port_of[$1]} dir=$work/qpsmtpd/$1
  local -a daemon
  case $qpsmtpd_server in
    forkserver) daemon=(qpsmtpd-forkserver -l 127.0.0.1 -p "$port" -c 100 -m 100 -H -u "$qpsmtpd_user") ;;
    prefork) daemon=(qpsmtpd-prefork --listen-address "127.0.0.1:$port" --children 100 --idle-children 20
                     --max-from-ip 0 --user "$qpsmtpd_user") ;;
  esac
  say "starting qpsmtpd $qpsmtpd_server '$name' on 127.0.0.1:$port (config $dir/etc)"
  (cd / && exec "${namespaced[@]}" env QPSMTPD_CONFIG="$dir/etc" "${daemon[@]}") \
    </dev/null >"$dir/log/qpsmtpd.log" 2>&1 &
  qpsmtpd_pid[$name]=$!
  wait_port "$port" "qpsmtpd '$name'" "${qpsmtpd_pid[$name]}" "$dir/log/qpsmtpd.log"
}

stop_qpsmtpd_all() {
  local name
  for name in "${!qpsmtpd_pid[@]}"; do stop_process "${qpsmtpd_pid[$name]}"; done
  qpsmtpd_pid=()
}
on_exit stop_qpsmtpd_all

# Messages an instance made durable (new/ of its queue directory).
qpsmtpd_queued() {
  find "$work/qpsmtpd/$1/queue/new" -type f 2>/dev/null | wc -l
}

# Proves that the checks run and ask the fixture: from 127.0.0.2, which the zone lists, the instance must refuse
# (dnsbl denies the connection, 550 at the banner or at the first command).
probe_listed_client() {
  local port=${qpsmtpd_port_of[$1]}
  perl -MIO::Socket::INET -e '
    my $s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$ARGV[0]", LocalAddr => "127.0.0.2", Timeout => 10)
      or die "connect: $!\n";
    for my $command ("", "HELO probe.bench.localhost", "MAIL FROM:<probe\@bench.localhost>",
                     "RCPT TO:<someone\@bench.localhost>") {
      print $s "$command\r\n" if $command ne "";
      my $reply; do { $reply = <$s> // ""; } while ($reply =~ /^\d{3}-/);
      exit 0 if $reply =~ /^5/;
      exit 1 if $reply eq "";
    }
    exit 1;' "$port" || die "qpsmtpd '$1' did not refuse 127.0.0.2, which $rbl_list lists: its dnsbl is not checking"
}

# Lines of an instance's log where PLUGIN says pass: one per message that the check let through.
checks_logged() {
  grep -c " $2: pass" "$work/qpsmtpd/$1/log/qpsmtpd.log" || true
}
