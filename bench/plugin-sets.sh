# shellcheck shell=bash disable=SC2154 # $prefix, $domain, $fixture_dns_address: set by intake.sh and bench/lib
# Sourced by bench/intake.sh: the toaster's plugin sets (BENCH_PLUGINS), and what their RBL and SPF checks find
# in the loopback DNS fixture (bench/lib/fixture-dns.sh).
#
# Sets (one smtp-source run each, on the same running toaster: smtpplugins is re-read on change, per connection):
#   none        no plugins: the baseline every cost per call is measured against
#   scripts     the shipped sample scripts, a process per command: rbl at connect (asking the fixture through
#               getent), tagger at HELO and MAIL, tarpit (below its threshold), chkuser (no validrcptto) and
#               tagger at RCPT: 6 plugin runs per message
#   builtins    the in-process equivalents of the DNS checks: builtin:rbl at connect, builtin:spf at MAIL, each
#               one query to the fixture: 2 plugin calls per message
#   persistent  the shipped long-running heloguard on connect, HELO, MAIL and RCPT: 4 pipe round trips
#
# Needs from intake.sh and bench/lib: $prefix, $domain, $fixture_dns_address.

rbl_list=bl.$domain

# "all", or a comma list; "none" is always measured first when another set is asked for, because every cost
# per plugin call is a difference from it. Prints the sets, one per line, or fails on an unknown name.
plugin_sets() {
  local wanted=$1 set
  [[ $wanted == all ]] && wanted=none,scripts,builtins,persistent
  echo none
  for set in ${wanted//,/ }; do
    case $set in
      none) ;;
      scripts|builtins|persistent) echo "$set" ;;
      *) return 1 ;;
    esac
  done | awk '!seen[$0]++'
}

# Plugin calls per message for a set: connect, HELO, MAIL and one RCPT (smtp-source sends one recipient).
set_calls() {
  case $1 in none) echo 0 ;; scripts) echo 6 ;; builtins) echo 2 ;; persistent) echo 4 ;; esac
}

set_label() {
  case $1 in
    none) echo "toaster" ;;
    scripts) echo "toaster + 6 script runs" ;;
    builtins) echo "toaster + 2 built-in calls" ;;
    persistent) echo "toaster + 4 persistent calls" ;;
  esac
}

# The goal of a set's ratio to Postfix without plugins (issue 25): the scripts carry the qmail-spp model's
# price, a process per call; a persistent plugin is a pipe round trip and should cost the server little.
set_goal() {
  case $1 in
    scripts) echo "goal for scripts: >= 0.25" ;;
    persistent) echo "goal for persistent: >= 0.8" ;;
    *) echo "no goal for $1" ;;
  esac
}

# A set whose figure is a few dozen msg/s gets fewer messages, or one run would take many minutes.
set_is_slow() { [[ $1 == scripts || $1 == persistent ]]; }

uses_dns() {
  local set
  for set in "$@"; do [[ $set == scripts || $set == builtins ]] && return 0; done
  return 1
}

# Control files every set shares (written once, before the start): the RBL list the rbl script and
# builtin:rbl both read from RBLSERVERS, and the built-ins' nameserver. heloguard refuses a client that says
# our own name at HELO, and smtp-source says bench.localhost: so the toaster is called mx.bench.localhost.
setup_plugin_controls() {
  echo "mx.$domain" >"$prefix/control/me"
  echo ":allow,RBLSERVERS=\"$rbl_list\"" >"$prefix/control/tcp.smtp"
  echo "$fixture_dns_address:53" >"$prefix/control/dnsservers"
  use_set none
}

# Makes the next connections use a set's plugins. The file is replaced by a rename, so no session reads half.
use_set() {
  local file=$prefix/control/smtpplugins
  case $1 in
    none) printf '%s\n' '# bench: no plugins' ;;
    scripts)
      printf '%s\n' '[connection]' plugins/rbl '[helo]' plugins/tagger '[mail]' plugins/tagger \
        '[rcpt]' plugins/tarpit plugins/chkuser plugins/tagger ;;
    builtins) printf '%s\n' '[connection]' builtin:rbl '[mail]' builtin:spf ;;
    persistent)
      printf '%s\n' '[connection]' persistent:plugins/heloguard '[helo]' persistent:plugins/heloguard \
        '[mail]' persistent:plugins/heloguard '[rcpt]' persistent:plugins/heloguard ;;
  esac >"$file.new"
  mv "$file.new" "$file"
}

# The fixture zone (bench/lib/fixture-dns.sh serves it): 127.0.0.1 (smtp-source's address) is not listed
# (NXDOMAIN, as for most clients), 127.0.0.2 is (RFC 5782 §5's test entry); bench.localhost's SPF record lets
# 127.0.0.1 send its mail (pass).
plugin_zone() {
  fixture_zone+=("2.0.0.127.$rbl_list.  A    127.0.0.2" "$domain.  TXT  v=spf1 ip4:127.0.0.1 -all")
}
