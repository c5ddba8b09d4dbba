# Finds a Java 21 or newer for the toaster; sourced by bin/toaster and by the source tree's ./dev.
# POSIX sh (dash on Debian), no bashisms: it must run on a bare host.
#
#   toaster_find_java [jdk]   sets TOASTER_JAVA to a java binary of version >= 21 (with "jdk": one that has
#                             javac beside it) and TOASTER_JAVA_HOME to its home; else prints what it tried
#                             and how to get one, and returns 1.
# Order: $TOASTER_JAVA, $JAVA_HOME, java on PATH, then every JDK under /usr/lib/jvm and /opt/java, newest first.

TOASTER_JAVA_MIN=21

# Prints the major version of the given java binary (8 for "1.8.0_392", 21 for "21.0.2"), or nothing. A JDK
# says its version in HOME/release (JAVA_VERSION="21.0.2", JEP 220): reading it costs no JVM start, which
# every toaster command would otherwise pay twice; without that file, `java -version` tells.
toaster_java_major() {
  _release=$(dirname "$(dirname "$1")")/release
  _v=""
  if [ -f "$_release" ] && [ -x "$1" ]; then
    _v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9.]*\)"$/\1/p' "$_release" | head -n 1)
  fi
  [ -n "$_v" ] || _v=$("$1" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  case $_v in 1.*) _v=${_v#1.} ;; esac
  _v=${_v%%[!0-9]*}
  [ -n "$_v" ] && echo "$_v"
}

# Tries one candidate; on success sets TOASTER_JAVA and TOASTER_JAVA_HOME and returns 0.
toaster_try_java() {
  _candidate=$1
  [ -n "$_candidate" ] && [ -x "$_candidate" ] || return 1
  _real=$(readlink -f "$_candidate" 2>/dev/null) || _real=$_candidate
  _major=$(toaster_java_major "$_real")
  toaster_java_tried="$toaster_java_tried
    $_candidate (${_major:+Java $_major}${_major:-not a working java})"
  [ -n "$_major" ] && [ "$_major" -ge "$TOASTER_JAVA_MIN" ] || return 1
  _home=$(dirname "$(dirname "$_real")")
  if [ "$toaster_java_need" = jdk ] && [ ! -x "$_home/bin/javac" ]; then
    toaster_java_tried="$toaster_java_tried, a runtime without javac"
    return 1
  fi
  TOASTER_JAVA=$_real
  TOASTER_JAVA_HOME=$_home
  return 0
}

toaster_find_java() {
  toaster_java_need=${1:-jre}
  toaster_java_tried=""
  _explicit=${TOASTER_JAVA:-}
  TOASTER_JAVA=""
  toaster_try_java "$_explicit" && return 0
  [ -n "${JAVA_HOME:-}" ] && toaster_try_java "$JAVA_HOME/bin/java" && return 0
  toaster_try_java "$(command -v java 2>/dev/null || true)" && return 0
  # Newest first: sort the directory names by the version number they carry.
  for _dir in $(ls -d /usr/lib/jvm/*/ /opt/java/*/ 2>/dev/null | sort -t- -k2 -V -r); do
    toaster_try_java "${_dir%/}/bin/java" && return 0
  done
  _what="Java $TOASTER_JAVA_MIN or newer"
  [ "$toaster_java_need" = jdk ] && _what="a JDK $TOASTER_JAVA_MIN or newer (with javac)"
  cat >&2 <<MSG
toaster: $_what is needed and none was found.
  Tried:${toaster_java_tried:-
    nothing: no java on PATH, JAVA_HOME unset, nothing under /usr/lib/jvm}
  Get one, for example:
    Debian 13 / Ubuntu 24.04:  apt install openjdk-21-jdk-headless
    Debian 12:                 a Temurin 21 package from https://adoptium.net/installation/linux/
  Then run this again, or point JAVA_HOME (or TOASTER_JAVA, a path to bin/java) at it.
MSG
  return 1
}
