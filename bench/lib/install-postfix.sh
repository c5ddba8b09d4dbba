# shellcheck shell=bash
# Sourced by the benchmarks (not run alone), after bench/lib/harness.sh (say, die, $work, policy_rc_d_ours).

# Installs Debian packages ($2...; $1 says what for) without starting any of their services: a temporary
# policy-rc.d denies every start for the duration of the install (kept if the host already has one, as Docker
# images do).
install_debian() {
  local what=$1
  shift
  say "installing $what from Debian's packages: $*"
  command -v apt-get >/dev/null 2>&1 || die "$* missing and no apt-get here: install them by hand"
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\n# toaster bench: deny service starts during apt-get install\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    policy_rc_d_ours=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >>"$work/apt.log" 2>&1 ||
    { tail -n 20 "$work/apt.log" >&2; die "apt-get install $* failed (full log: $work/apt.log)"; }
  if [[ $policy_rc_d_ours -eq 1 ]]; then rm -f /usr/sbin/policy-rc.d; policy_rc_d_ours=0; fi
}

# --- Postfix and smtp-source from Debian's packages -------------------------------------------------------
# smtp-source ships in Debian's `postfix` package (/usr/sbin/smtp-source), so one package gives both the
# peer server and the load generator. It is installed only when missing.
install_postfix() {
  if command -v postfix >/dev/null 2>&1 && command -v smtp-source >/dev/null 2>&1; then
    return 0
  fi
  # "No configuration": the package then writes no /etc/postfix/main.cf and asks nothing.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  install_debian "Postfix (for the peer server and smtp-source)" postfix
  # On a systemd host policy-rc.d is not always honoured: if a system Postfix came up anyway, stop it and say so
  # (it only can with a main.cf, which "No configuration" does not write).
  if [[ -f /etc/postfix/main.cf ]] && postfix status >/dev/null 2>&1; then
    say "the package started the system Postfix; stopping it (postfix stop)"
    postfix stop >/dev/null 2>&1 || true
  fi
  command -v smtp-source >/dev/null 2>&1 || die "smtp-source not found after installing postfix"
}
