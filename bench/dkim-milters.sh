# shellcheck shell=bash disable=SC2154 # $work, $domain, $me, $fixture_dns_address, $namespaced: dkim.sh, bench/lib
# Sourced by bench/dkim.sh: the milters of the Postfix side, OpenDKIM (signing or verifying) and OpenDMARC, from
# Debian's packages. Each is a private instance: its configuration and keys under $work/NAME, a loopback port, in
# the foreground, run in bench/lib/fixture-dns.sh's namespace so that whatever reads /etc/resolv.conf (OpenDMARC's
# SPF library) asks the fixture. Their settings are Debian's defaults (/etc/opendkim.conf, /etc/opendmarc.conf)
# but for what a private instance on loopback needs, each said where it is set.
#
# OpenDKIM 2.11.0~beta2 (Debian 12) signs with one algorithm per instance (SignatureAlgorithm applies to every
# key), so signing with rsa-sha256 and ed25519-sha256, as the toaster does, takes two instances, two milters
# in a row.

install_milters() {
  command -v opendkim >/dev/null 2>&1 || install_debian "OpenDKIM (the peer's DKIM milter)" opendkim
  if [[ $mode == verify ]] && ! command -v opendmarc >/dev/null 2>&1; then
    install_debian "OpenDMARC (the peer's DMARC milter)" opendmarc
  fi
}

milter_version() { "$1" -V 2>&1 | sed -n '1s/.* v\{0,1\}\([0-9][0-9.a-zA-Z~-]*\)$/\1/p'; }

# OpenDKIM's configuration: what every instance has, then the caller's lines (stdin).
#   Canonicalization relaxed/relaxed   the toaster's (Debian's default is relaxed/simple)
#   RequireSafeKeys false   the keys are under $work, below /tmp, which OpenDKIM calls unsafe (writable by others)
#   no TrustAnchorFile      the fixture zone is not signed: no DNSSEC on either side
write_opendkim() {
  local name=$1 port=$2
  mkdir -p "$work/$name"
  {
    cat <<EOF
# bench/dkim.sh: OpenDKIM instance $name on 127.0.0.1:$port.
Syslog yes
SyslogSuccess yes
Canonicalization relaxed/relaxed
OversignHeaders From
UserID opendkim
Socket inet:$port@127.0.0.1
PidFile $work/$name/opendkim.pid
AuthservID $me
RequireSafeKeys false
EOF
    cat
  } >"$work/$name/opendkim.conf"
}

# An instance that signs the mail of $domain with one key, for clients in InternalHosts (127.0.0.1, smtp-source).
opendkim_signer() {
  local name=$1 port=$2 algorithm=$3 selector=$4 key=$5
  local dir=$work/$name
  mkdir -p "$dir"
  install -o opendkim -m 600 "$key" "$dir/$selector.pem"
  echo "$selector._domainkey.$domain $domain:$selector:$dir/$selector.pem" >"$dir/keytable"
  echo "*@$domain $selector._domainkey.$domain" >"$dir/signingtable"
  write_opendkim "$name" "$port" <<EOF
Mode s
InternalHosts 127.0.0.1
KeyTable $dir/keytable
SigningTable refile:$dir/signingtable
SignatureAlgorithm $algorithm
EOF
  start_milter "$name" "$port" opendkim -f -x "$dir/opendkim.conf"
}

# An instance that verifies every message: no client is internal (192.0.2.1 is TEST-NET-1, RFC 5737), and the
# keys are asked of the fixture.
opendkim_verifier() {
  local name=$1 port=$2
  write_opendkim "$name" "$port" <<EOF
Mode v
InternalHosts 192.0.2.1
Nameservers $fixture_dns_address
EOF
  start_milter "$name" "$port" opendkim -f -x "$work/$name/opendkim.conf"
}

# OpenDMARC after OpenDKIM: it reads OpenDKIM's Authentication-Results (TrustedAuthservIDs) and checks SPF
# itself (SPFSelfValidate), so it does what the toaster does past DKIM but ARC. Nothing is ignored
# (IgnoreHosts: TEST-NET-1 only; the default would skip 127.0.0.1), no reports, no history file.
opendmarc_instance() {
  local name=$1 port=$2
  local dir=$work/$name
  mkdir -p "$dir"
  echo 192.0.2.1 >"$dir/ignore.hosts"
  {
    cat <<EOF
# bench/dkim.sh: OpenDMARC instance $name on 127.0.0.1:$port.
Syslog true
UserID opendmarc
Socket inet:$port@127.0.0.1
PidFile $dir/opendmarc.pid
AuthservID $me
TrustedAuthservIDs $me
IgnoreHosts $dir/ignore.hosts
SPFSelfValidate true
EOF
    if [[ -f /usr/share/publicsuffix/public_suffix_list.dat ]]; then
      echo "PublicSuffixList /usr/share/publicsuffix/public_suffix_list.dat"
    fi
  } >"$dir/opendmarc.conf"
  start_milter "$name" "$port" opendmarc -f -c "$dir/opendmarc.conf"
}

start_milter() {
  local name=$1 port=$2
  shift 2
  chown -R "$([[ $1 == opendmarc ]] && echo opendmarc || echo opendkim)" "$work/$name"
  say "starting $name on 127.0.0.1:$port: $*"
  "${namespaced[@]}" "$@" </dev/null >"$work/$name/out.log" 2>&1 &
  milter_pid[$name]=$! milter_port_of[$name]=$port
  wait_port "$port" "$name" "${milter_pid[$name]}" "$work/$name/out.log"
}

stop_milters() {
  local name
  for name in "${!milter_pid[@]}"; do stop_process "${milter_pid[$name]}"; done
  milter_pid=()
}
on_exit stop_milters
