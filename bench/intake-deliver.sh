# shellcheck shell=bash disable=SC2154 # $prefix, $domain, $postfix_conf, $work...: set by intake.sh and bench/lib
# Sourced by bench/intake.sh when BENCH_DELIVER=1: both servers deliver as they take mail in, as in production,
# and intake is what is timed (smtp-source's time, as in the queue-only mode).
#
# The delivery target is the same on both sides: one virtual user's Maildir, as bench/delivery.sh has it.
# Postfix: smtpd -> cleanup -> incoming/, qmgr -> active/, virtual(8) writes Maildir/tmp, fsyncs, renames to
# new/, then the queue file is removed. The toaster: smtpd -> queue (fsync), its in-process queue runner
# delivers into the Maildir (fsync, rename) and removes the queue file. Both pay one Maildir write and fsync
# per message while taking mail in; discard(8) was not chosen because the toaster has no discarding transport,
# so the two sides would no longer do the same work.
#
# Every measured run starts a fresh daemon on each side (the toaster's JIT starts cold), then sends
# BENCH_WARMUP messages (200 by default in this mode) and waits until they are delivered; the measured run
# follows. After each run the script waits (untimed) until everything is delivered and the queue is empty, so
# one side's backlog never falls on the other's run.

postfix_mail=$work/postfix/mail         # the private instance's virtual_mailbox_base
deliver_user=user
deliver_recipient=$deliver_user@$domain
# shellcheck disable=SC2034 # read as ${!want_var}
delivered_want_postfix=0 delivered_want_toaster=0

# bench.localhost is a virtual mailbox domain, delivered by virtual(8) as the uid nobody (bench/delivery.sh).
setup_postfix_delivering() {
  setup_postfix_virtual "$deliver_recipient" "$deliver_user"
}

# The domain has no DKIM key (--no-dkim): smtp-source connects from 127.0.0.1, a relay client, whose mail the
# toaster would sign with every key of the domain (an RSA signature is ~2 ms of CPU), while the Postfix
# instance signs nothing. As in the queue-only mode, the toaster then logs "dkim=unsigned" and stores the
# message as it came; bench/dkim.sh measures signing.
setup_toaster_delivering() {
  install_toaster no-tests
  echo "mx.$domain" >"$prefix/control/me"
  toaster_tool domain add --no-dkim "$domain"
  echo "bench password" | toaster_tool user add "$deliver_recipient"
}

postfix_delivered() { count_entries "$postfix_mail/$domain/$deliver_user/new"; }
postfix_pending() { postfix_queued; }
toaster_delivered() { count_entries "$prefix/domains/$domain/$deliver_user/Maildir/new"; }
toaster_pending() { echo $(($(count_entries "$prefix/queue/mess") + $(count_entries "$prefix/queue/info"))); }

# Entries of a directory (0 when it does not exist); ls -f neither sorts nor stats. The names are the servers'
# own (queue ids, Maildir unique names): never a newline in them.
# shellcheck disable=SC2010
count_entries() {
  if [[ -d $1 ]]; then ls -f "$1" | grep -cv '^\.\.\?$' || true; else echo 0; fi
}

# Waits (untimed, up to 600 s) until side $1 has delivered everything sent to it and its queue is empty.
await_delivered() {
  local side=$1 want_var=delivered_want_$1 deadline=$((SECONDS + 600))
  while [[ $("${side}_delivered") -lt ${!want_var} || $("${side}_pending") -ne 0 ]]; do
    [[ $SECONDS -lt $deadline ]] ||
      die "$side: after 600 s, $("${side}_delivered")/${!want_var} delivered, $("${side}_pending") still queued"
    sleep 0.05
  done
}

# Settles after a measured run of a leg of side $1: counts what it was sent, then waits for the deliveries.
settle() {
  local want_var=delivered_want_$1
  declare -g "$want_var=$((${!want_var} + messages))"
  await_delivered "$1"
}

# A fresh daemon and its warm-up before each measured run (the leg's prepare command).
fresh_postfix() {
  stop_postfix
  start_postfix
  warm_up postfix "$postfix_port"
}

fresh_toaster() {
  stop_toaster
  start_toaster "\"\$PREFIX/bin/toaster\" smtpd --prefix \"\$PREFIX\""
  leg_cpu none "$toaster_pid"
  warm_up toaster "$toaster_port"
}

warm_up() {
  [[ $warmup -gt 0 ]] || return 0
  local want_var=delivered_want_$1
  say "$1: fresh daemon, warm-up, $warmup messages (delivered, not measured)"
  drive "$2" "$warmup" || die "smtp-source failed against $1 (warm-up)"
  declare -g "$want_var=$((${!want_var} + warmup))"
  await_delivered "$1"
}
