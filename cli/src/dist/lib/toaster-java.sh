# Finds a Java 21 or newer for the toaster; sourced by bin/toaster and by the source tree's ./dev.
# POSIX sh (dash on Debian), no bashisms: it must run on a bare host.
#
#   toaster_find_java [jdk]   sets TOASTER_JAVA to a java binary of version >= 21 (with "jdk": one that has
#                             javac beside it) and TOASTER_JAVA_HOME to its home; else prints what it tried
#                             and how to get one, and returns 1.
# Order: $TOASTER_JAVA, $JAVA_HOME, java on PATH, then every JDK under /usr/lib/jvm and /opt/java, newest first.
#
#   toaster_jvm_cache PREFIX [COMMAND]  after toaster_find_java: sets TOASTER_JVM_CACHE_OPTS, the options that
#                             make this JVM start from the prefix's class cache for COMMAND (see that function).
#   toaster_tuning [COMMAND...]  sets TOASTER_TUNING_OPTS, the compilers and the collector a command's JVM runs
#                             (see that function).

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
  TOASTER_JAVA_MAJOR=$_major
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

# The JVM's class caches in PREFIX/cache/, which the installer makes after the daemons start, each by a training
# run: the classes a start loads, already parsed and verified, so that a daemon or a command starts in a
# fraction of the time. Two of them, since a JVM reads one cache and one training run is one JVM: "wiki", made by
# a start of `toaster wiki serve` that builds the shipped pages and answers a request (for the wiki's commands:
# serve, build, init), and "smtpd", made by a start of smtpd (for every other command). Java 25 and newer: the
# ahead-of-time cache of JEP 483 and 515 (classes and method profiles), made with -XX:AOTCacheOutput. Java 21
# to 24: an AppCDS archive made with -XX:ArchiveClassesAtExit, only read afterwards (no
# -XX:+AutoCreateSharedArchive: daemons and commands starting at once would all rewrite the one file another
# JVM may be mapping).
# The file is named after the Java it was made with; the JVM checks it against itself and the jars and ignores a
# stale or broken one (a start is then as slow as without a cache, never broken), so its warnings are off:
# they would land in the output of every command until the next install remakes the cache. A cache is code that
# the JVM runs as whoever starts it, root included: it is used only when neither it nor cache/ is a symbolic
# link, each belongs to root or to whoever runs this, and no one else may write either (toaster_private).
# TOASTER_JVM_CACHE=off starts without it; =create (the installer's training runs) makes it at exit; any other
# value is as unset. Options of the admin's own in TOASTER_JAVA_OPTS that choose class data (-Xshare:, an
# archive, an AOT cache) win: the JVM refuses to start with -XX:AOTCache beside any of them.
toaster_jvm_cache() {
  TOASTER_JVM_CACHE_OPTS=""
  case " ${TOASTER_JAVA_OPTS:-} " in
    *-Xshare:*|*SharedArchiveFile*|*ArchiveClassesAtExit*|*-XX:AOT*|*DumpLoadedClassList*|*SharedClassListFile*)
      return 0 ;;
  esac
  _family=smtpd
  [ "${2:-}" = wiki ] && _family=wiki
  _runtime=$(sed -n 's/^JAVA_RUNTIME_VERSION="\([0-9A-Za-z.+-]*\)"$/\1/p' "$TOASTER_JAVA_HOME/release" 2>/dev/null |
    head -n 1)
  _cache=$1/cache/java-${_runtime:-$TOASTER_JAVA_MAJOR}-$_family
  # The options are passed unquoted, as a list: a prefix with blanks in its path starts without the cache.
  case $_cache in *[[:space:]]*) return 0 ;; esac
  case ${TOASTER_JVM_CACHE:-on} in
    off) return 0 ;;
    create)
      # With AOT class linking (the default), which also keeps the lambdas a start spins: a fifth less processor
      # time to a daemon's first answer. Its assembly once crashed on 25.0.3 (an archiveHeapWriter guarantee, with
      # JGit's jar still signed): a crash makes no cache, only a slower start, and its report goes beside the
      # cache rather than into the installer's working directory.
      if [ "$TOASTER_JAVA_MAJOR" -ge 25 ]; then
        TOASTER_JVM_CACHE_OPTS="-XX:AOTCacheOutput=$_cache.aot -XX:ErrorFile=$_cache.aot.crash-%p.log -Xlog:aot=off,cds=off"
      else
        TOASTER_JVM_CACHE_OPTS="-XX:ArchiveClassesAtExit=$_cache.jsa -Xlog:cds=off"
      fi ;;
    *)
      toaster_private "$1/cache" || return 0
      if [ "$TOASTER_JAVA_MAJOR" -ge 25 ]; then
        toaster_private "$_cache.aot" && TOASTER_JVM_CACHE_OPTS="-XX:AOTCache=$_cache.aot -Xlog:aot=off,cds=off"
      elif toaster_private "$_cache.jsa"; then
        TOASTER_JVM_CACHE_OPTS="-XX:SharedArchiveFile=$_cache.jsa -Xlog:cds=off"
      fi ;;
  esac
  return 0
}

# True when PATH exists and is not a symbolic link, belongs to root or to whoever runs this, and neither its group
# nor others may write it: as ssh and sudo trust a file.
toaster_private() {
  [ -e "$1" ] && [ ! -L "$1" ] || return 1
  _listing=$(LC_ALL=C ls -lnd -- "$1" 2>/dev/null) || return 1
  read -r _mode _links _uid _rest <<LISTING
$_listing
LISTING
  case $_mode in ?????w*|????????w*) return 1 ;; esac
  [ "$_uid" = 0 ] || [ -O "$1" ]
}

# The compilers and the collector of a command's JVM. HotSpot compiles hot code twice: quickly with C1, then
# again, optimised, with C2, which pays back in a process that runs for days and costs a command that ends more
# than it saves: on two processors C1 only took about 35 % less processor time for a full `toaster wiki build` of
# 1,000 pages, half for a one-page build, and 30 % less for `toaster user list` (bench/README.md, "Wiki" and
# "Startup and install"). The same holds for the collector: G1's concurrent threads and write barriers pay for
# short pauses in a large heap that lives for days; a command's heap is small and lives seconds, and the serial
# collector took 4-8 % less processor time for the same full build (bench/README.md, "Wiki").
# So every command runs with C1 only and the serial collector but the daemons (Daemons.ALL in the common module:
# smtpd, pop3d, wiki serve, whose in-process rebuild after each push runs hot), which keep the JVM's defaults, and
# so do the commands whose work grows with the mail they carry (backup, restore, import of a qmail toaster:
# minutes over gigabytes, where C2's faster loops pay back as in a daemon). An -XX:TieredStopAtLevel or
# -XX:[+-]TieredCompilation in TOASTER_JAVA_OPTS comes after these options on the command line, so it wins; a
# collector named there (-XX:+Use...GC) is used instead of ours, since the JVM refuses to start with two.
toaster_tuning() {
  case "${1:-} ${2:-}" in
    "smtpd "*|"pop3d "*|"wiki serve"|"backup "*|"restore "*|"import "*) TOASTER_TUNING_OPTS="" ;;
    *)
      TOASTER_TUNING_OPTS="-XX:TieredStopAtLevel=1"
      case " ${TOASTER_JAVA_OPTS:-} " in
        *" -XX:+Use"*GC" "*) ;;
        *) TOASTER_TUNING_OPTS="$TOASTER_TUNING_OPTS -XX:+UseSerialGC" ;;
      esac ;;
  esac
  return 0
}
