# shellcheck shell=bash disable=SC2034,SC2154 # the mode's tables are read by dkim.sh; $work etc. come from it
# Sourced by bench/dkim.sh: what its two modes send, run and check, as tables that dkim.sh walks.
#
#   mode_legs    NAME|SIDE|MILTERS (postfix: the milters of its smtpd, in order) or PREPARE (toaster)|LABEL;
#                the Postfix legs get consecutive ports from $postfix_port
#   mode_checks  SIDE|TEXT|TIMES|LEGS: every message of LEGS, and only those, carries TEXT TIMES times in the
#                side's queue (Postfix: the queue files; the toaster: its header edits, lines starting with +)
#   mode_ratios  LEG|PEER|WHAT: the goal is LEG at least 1.5 times PEER
#   mode_costs   LEG|BASE|WHAT: the time per message LEG adds to BASE

# sign: mail from a trusted client (127.0.0.1: Postfix's mynetworks and OpenDKIM's InternalHosts, the toaster's
# RELAYCLIENT) From bench@bench.localhost, to a remote domain (relayed; nothing is delivered). The keys are the
# toaster's own, made by `toaster domain add`, and OpenDKIM signs with the same ones.
setup_sign() {
  local keys=$prefix/domains/$domain/.dkim
  sender=bench@$domain recipient=user@remote.localhost check_name=check.$domain
  rsa_selector=$(awk '$1 == "active" && $3 == "rsa-sha256" { print $2 }' "$keys/selectors")
  ed_selector=$(awk '$1 == "active" && $3 == "ed25519-sha256" { print $2 }' "$keys/selectors")
  [[ -n $rsa_selector && -n $ed_selector ]] || die "toaster domain add made no rsa and ed25519 keys in $keys"
  # The key sets the toaster's legs swap in: both (as made), RSA alone (the Ed25519 key pending), none.
  cp "$keys/selectors" "$work/selectors.both"
  awk -v ed="$ed_selector" '$2 == ed { $1 = "pending" } { print }' "$keys/selectors" >"$work/selectors.rsa"
  write_message "$domain" "$recipient"
  use_trust relay
  fixture_zone+=("$check_name.  A  127.0.0.1")
  mode_legs=(
    "postfix|postfix||postfix $postfix_version, no milter"
    "postfix-rsa|postfix|opendkim-rsa|postfix $postfix_version + OpenDKIM, rsa-sha256"
    "postfix-both|postfix|opendkim-rsa opendkim-ed25519|postfix $postfix_version + 2 OpenDKIM, rsa + ed25519"
    "toaster|toaster|use_keys none|toaster, no key: nothing signed"
    "toaster-rsa|toaster|use_keys rsa|toaster signing rsa-sha256"
    "toaster-both|toaster|use_keys both|toaster signing rsa-sha256 + ed25519"
  )
  mode_checks=(
    "postfix|a=rsa-sha256|1|postfix-rsa postfix-both"
    "postfix|a=ed25519-sha256|1|postfix-both"
    "toaster|+DKIM-Signature: v=1; a=rsa-sha256|1|toaster-rsa toaster-both"
    "toaster|+DKIM-Signature: v=1; a=ed25519-sha256|1|toaster-both"
  )
  mode_ratios=(
    "toaster-rsa|postfix-rsa|signing with rsa-sha256"
    "toaster-both|postfix-both|signing with rsa-sha256 and ed25519-sha256"
    "toaster|postfix|without signing (bench/intake.sh's target, 1.5 too)"
  )
  mode_costs=(
    "postfix-rsa|postfix|OpenDKIM signing rsa-sha256"
    "postfix-both|postfix-rsa|a second OpenDKIM signing ed25519-sha256"
    "toaster-rsa|toaster|the toaster signing rsa-sha256"
    "toaster-both|toaster-rsa|the toaster adding ed25519-sha256"
  )
}

start_sign_milters() {
  local keys=$prefix/domains/$domain/.dkim
  opendkim_signer opendkim-rsa "$milter_port" rsa-sha256 "$rsa_selector" "$keys/$rsa_selector.pem"
  opendkim_signer opendkim-ed25519 "$((milter_port + 1))" ed25519-sha256 "$ed_selector" "$keys/$ed_selector.pem"
}

# Makes the toaster sign the next messages with both keys, the RSA key alone, or none (no selectors file: the
# domain has no keys). A rename, which the toaster sees at the next message (dkim.keys.DomainKeys).
use_keys() {
  local file=$prefix/domains/$domain/.dkim/selectors
  if [[ $1 == none ]]; then rm -f "$file"; return; fi
  cp "$work/selectors.$1" "$file.new"
  mv "$file.new" "$file"
}

# verify: mail from outside (no client is trusted) From bench@sender.example, signed by sender.example with
# RSA-2048 and Ed25519 keys made for the run (bench/DkimFixture.java), to postmaster@bench.localhost. The
# fixture zone publishes the keys, SPF (127.0.0.1 may send) and DMARC (p=reject) of sender.example. Not a name
# under .localhost: OpenDKIM's resolver, libunbound, answers those itself (a default local zone, RFC 6761 §6.3)
# and would never ask the fixture.
setup_verify() {
  local author=sender.example
  sender=bench@$author recipient=postmaster@$domain check_name=mx.$author
  write_message "$author" "$recipient"
  mkdir -p "$work/fixture"
  "$TOASTER_JAVA" -cp "$prefix/lib/*" "$here/DkimFixture.java" "$author" "$work/message" "$work/fixture" ||
    die "bench/DkimFixture.java could not sign the message"
  cp "$work/fixture/signed.msg" "$work/message"
  mapfile -t -O "${#fixture_zone[@]}" fixture_zone <"$work/fixture/keys.zone"
  fixture_zone+=("$author.  TXT  v=spf1 ip4:127.0.0.1 -all" "_dmarc.$author.  TXT  v=DMARC1; p=reject"
    "$check_name.  A  127.0.0.1")
  use_trust relay
  mode_legs=(
    "postfix|postfix||postfix $postfix_version, no milter"
    "postfix-dkim|postfix|opendkim|postfix $postfix_version + OpenDKIM"
    "postfix-dmarc|postfix|opendkim opendmarc|postfix $postfix_version + OpenDKIM + OpenDMARC"
    "toaster|toaster|use_trust relay|toaster, trusted client: nothing checked"
    "toaster-verify|toaster|use_trust outside|toaster checking DKIM, SPF, DMARC, ARC"
  )
  mode_checks=(
    "postfix|dkim=pass|2|postfix-dkim postfix-dmarc"
    "postfix|dmarc=pass|1|postfix-dmarc"
    "toaster|dkim=pass|2|toaster-verify"
    "toaster|spf=pass|1|toaster-verify"
    "toaster|dmarc=pass|1|toaster-verify"
  )
  mode_ratios=(
    "toaster-verify|postfix-dmarc|checking DKIM, SPF and DMARC"
    "toaster-verify|postfix-dkim|the toaster's checks against OpenDKIM's alone"
    "toaster|postfix|without checks (bench/intake.sh's target, 1.5 too)"
  )
  mode_costs=(
    "postfix-dkim|postfix|OpenDKIM verifying 2 signatures"
    "postfix-dmarc|postfix-dkim|OpenDMARC checking SPF and DMARC"
    "toaster-verify|toaster|the toaster checking 2 signatures, SPF, DMARC and ARC"
  )
}

start_verify_milters() {
  opendkim_verifier opendkim "$milter_port"
  opendmarc_instance opendmarc "$((milter_port + 2))"
}
