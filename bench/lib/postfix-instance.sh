# shellcheck shell=bash
# Sourced by the benchmarks (not run alone), after bench/lib/harness.sh and bench_knobs ($work): the private
# Postfix instance every benchmark compares the toaster with.
#
# Its own config_directory and queue_directory under $work, listening on 127.0.0.1 only, so a system Postfix on
# port 25 (if any) is neither used nor disturbed. Each benchmark adds what it needs: the domains, its smtpd
# listeners, and for delivery the queue manager and a delivery agent.
#
# Limits relaxed so a loopback benchmark is not throttled (none changes what is written or fsynced):
#   in_flow_delay = 0        smtpd waits up to 1 s per message for a "flow token" that qmgr hands out as it
#                            delivers; with no qmgr there would never be one, so every message would wait 1 s.
#   default_process_limit    100 (>= 20 sessions, so every session gets its own smtpd process)
#   smtpd_client_*_limit = 0 no connection count/rate limits (127.0.0.0/8 is exempt by default anyway)
#   mynetworks = 127.0.0.0/8 with smtpd_*_restrictions = permit_mynetworks, reject
# Daemons run without chroot (Debian's default is chroot for some): it only saves copying files into the jail.
# Logging goes to a file through postlogd (maillog_file), as the toaster's goes to a file: both pay for a log.

postfix_conf=$work/postfix/etc          # the private instance's config_directory
postfix_queue=$work/postfix/queue       # ... and its queue_directory
postfix_started=0

# main.cf: the settings every benchmark shares, then the caller's own lines (stdin: myhostname, the domains).
write_postfix_main_cf() {
  rm -rf "$work/postfix"
  mkdir -p "$postfix_conf" "$postfix_queue" "$work/postfix/data"
  chown postfix "$work/postfix/data"
  {
    cat <<EOF
# Private Postfix instance for bench/$bench.sh, on 127.0.0.1 only.
compatibility_level = 3.6
queue_directory = $postfix_queue
data_directory = $work/postfix/data
mail_owner = postfix
setgid_group = postdrop
maillog_file = $work/postfix/maillog
maillog_file_prefixes = $work/postfix
mydomain = localhost
myorigin = \$myhostname
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_recipient_restrictions = permit_mynetworks, reject
alias_maps =
alias_database =
biff = no
# Throughput limits that would throttle a loopback benchmark (see bench/lib/postfix-instance.sh for why each).
in_flow_delay = 0
default_process_limit = 100
smtpd_client_connection_count_limit = 0
smtpd_client_connection_rate_limit = 0
smtpd_client_message_rate_limit = 0
smtpd_client_recipient_rate_limit = 0
smtpd_client_new_tls_session_rate_limit = 0
EOF
    cat
  } >"$postfix_conf/main.cf"
}

# master.cf: the smtpd listeners given as arguments (one master.cf line each), the daemons that taking mail in
# needs (cleanup, trivial-rewrite and their helpers), then the caller's own services (stdin). No qmgr, no pickup
# and no delivery agent unless the caller adds them: cleanup writes each message to incoming/ and fsyncs it,
# smtpd says 250 only after that (Postfix's normal durability, untouched), and with no qmgr nothing moves it
# on, so it stays durably in incoming/ (bench/README.md, "Delivery deferred").
write_postfix_master_cf() {
  {
    echo "# Private Postfix instance for bench/$bench.sh."
    echo "# service type private unpriv chroot wakeup maxproc command"
    printf '%s\n' "$@"
    cat <<EOF
cleanup   unix  n - n - 0 cleanup
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
anvil     unix  - - n - 1 anvil
proxymap  unix  - - n - - proxymap
postlog   unix-dgram n - n - 1 postlogd
EOF
    cat
  } >"$postfix_conf/master.cf"
  # `postfix check` (run by start too) creates the queue directories with the right owners.
  postfix -c "$postfix_conf" check || die "postfix check failed for $postfix_conf"
}

start_postfix() {
  say "starting Postfix (config $postfix_conf) on 127.0.0.1:$postfix_port"
  postfix -c "$postfix_conf" start >/dev/null 2>&1 ||
    { tail -n 20 "$work/postfix/maillog" >&2 2>/dev/null || true; die "postfix -c $postfix_conf start failed"; }
  postfix_started=1
  wait_port "$postfix_port" "Postfix"
}

stop_postfix() {
  [[ $postfix_started -eq 1 ]] || return 0
  postfix -c "$postfix_conf" stop >/dev/null 2>&1 || say "warning: 'postfix -c $postfix_conf stop' failed"
  postfix_started=0
}
on_exit stop_postfix

# Postfix delivering as in production, for the benchmarks that measure delivery (delivery.sh, intake.sh with
# BENCH_DELIVER=1): $domain is a virtual mailbox domain, and virtual(8) delivers RECIPIENT into
# $postfix_mail/$domain/USER/ as a Maildir (the trailing '/' in the map says Maildir), as the unprivileged uid
# nobody. The map is texthash: (read as text, no postmap step). The queue manager runs, so every message goes
# incoming/ -> active/ -> Maildir -> removed.
#   setup_postfix_virtual RECIPIENT USER
setup_postfix_virtual() {
  local recipient=$1 user=$2
  write_postfix_main_cf <<EOF
myhostname = mx.$domain
relay_domains =
virtual_mailbox_domains = $domain
virtual_mailbox_base = $postfix_mail
virtual_mailbox_maps = texthash:$postfix_conf/vmailbox
virtual_uid_maps = static:$(id -u nobody)
virtual_gid_maps = static:$(id -g nobody)
EOF
  mkdir -p "$postfix_mail/$domain"
  chown -R nobody:nogroup "$postfix_mail"
  echo "$recipient $domain/$user/" >"$postfix_conf/vmailbox"
  write_postfix_master_cf "127.0.0.1:$postfix_port inet n - n - - smtpd" <<EOF
qmgr      unix  n - n 300 1 qmgr
flush     unix  n - n 1000? 0 flush
virtual   unix  - n n - - virtual
error     unix  - - n - - error
retry     unix  - - n - - error
EOF
}

# Messages in the queue, whatever their state.
postfix_queued() {
  find "$postfix_queue/incoming" "$postfix_queue/active" "$postfix_queue/deferred" "$postfix_queue/maildrop" \
    "$postfix_queue/hold" -type f 2>/dev/null | wc -l
}
