#!/usr/bin/env bash
# Wiki build benchmark: the toaster's wiki generator next to Hugo, on the same synthetic repository, in the
# same run. bench/wiki/generate.py writes a repository of BENCH_PAGES pages (wiki links between them) and
# BENCH_COMMITS commits with git fast-import; the same repository carries a minimal Hugo site (hugo.toml with
# enableGitInfo = true, two layouts), so Hugo reads the same pages and the same history. Prints Hugo's full
# build time, ours (full, --full), the ratio ours/Hugo, our one-page incremental rebuild from the command line
# (a fresh JVM) and in a long-lived JVM (bench/wiki/WarmRebuild.java, as a wiki server would rebuild on push);
# then serves the same repository with `toaster wiki serve` and times a real `git push` of a one-line change
# until the web server serves the changed page, and fetches commit pages and pages' histories, which the server
# renders on request.
# Also prints both sides' processor time (user + system, GNU time), which other load on the machine skews less.
# Our side runs as users get it: the installed bin/toaster, with the JVM class cache its install made and the
# compilers it gives `wiki build` (C1 only); the JVM options and the install's cache step are printed.
# Beside them, the floor: bench/wiki/Floor.java, the least a build in Java with the toaster's libraries does.
# Goals: full build <= Hugo's time; one-page rebuild <= 200 ms (issue 8); push to visible <= 1 s (issue 9).
# See bench/README.md, "Wiki".
#
#   bench/wiki.sh            (root only to apt-get install hugo when it is missing)
#
# Knobs (environment):
#   BENCH_PAGES      pages                                  (1000)
#   BENCH_COMMITS    commits in all (one per page, then edits) (5000)
#   BENCH_RUNS       measured full builds per side; median  (1)
#   BENCH_WARM       measured warm rebuilds; median         (10)
#   BENCH_PUSHES     measured pushes to the served wiki; median (5)
#   BENCH_HTTP_PORT  the wiki server's port on 127.0.0.1     (2080)
#   BENCH_WORKDIR    scratch directory, wiped at start      (/tmp/toaster-wiki-bench)
#   BENCH_REBUILD    1 = build the toaster even if installer/target/toaster-installer.jar exists (0)
#   TOASTER_ROOT     the toaster's source tree              (the parent of bench/)
#
# Exit status: 0 when every build completed (there is no timed assertion), 1 on an error, 2 on bad arguments.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pages=${BENCH_PAGES:-1000}
commits=${BENCH_COMMITS:-5000}
runs=${BENCH_RUNS:-1}
warm=${BENCH_WARM:-10}
pushes=${BENCH_PUSHES:-5}
http_port=${BENCH_HTTP_PORT:-2080}
work=${BENCH_WORKDIR:-/tmp/toaster-wiki-bench}
rebuild=${BENCH_REBUILD:-0}
root=${TOASTER_ROOT:-$(dirname "$here")}

die() { echo "wiki-bench: $*" >&2; exit 1; }
say() { echo "wiki-bench: $*" >&2; }

[[ $# -eq 0 ]] || { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
for n in pages commits runs warm pushes http_port; do
  [[ ${!n} =~ ^[1-9][0-9]{0,6}$ ]] || { echo "wiki-bench: $n must be a whole number >= 1, not '${!n}'" >&2; exit 2; }
done
[[ $commits -gt $pages ]] || { echo "wiki-bench: BENCH_COMMITS must be more than BENCH_PAGES" >&2; exit 2; }

if ! command -v hugo >/dev/null 2>&1; then
  [[ $(id -u) -eq 0 ]] || die "hugo is missing: install Debian's package (sudo apt-get install hugo) or run as root"
  say "installing Debian's hugo"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends hugo >/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends hugo >/dev/null; } ||
    die "apt-get install hugo failed"
fi
command -v git >/dev/null 2>&1 || die "git is needed"
command -v curl >/dev/null 2>&1 || die "curl is needed"
command -v python3 >/dev/null 2>&1 || die "python3 is needed"

# shellcheck source=cli/src/dist/lib/toaster-java.sh
. "$root/cli/src/dist/lib/toaster-java.sh"
toaster_find_java jdk || die "no JDK 21+ found (see above)"
jar=$root/installer/target/toaster-installer.jar
if [[ ! -f $jar || $rebuild == 1 ]]; then
  command -v mvn >/dev/null 2>&1 || die "$jar is missing and mvn is not on PATH to build it"
  say "building the toaster in $root (mvn package -DskipTests)"
  (cd "$root" && JAVA_HOME=$TOASTER_JAVA_HOME mvn -B -ntp -q package -DskipTests) || die "the build failed"
fi

rm -rf "$work"
mkdir -p "$work"
prefix=$work/toaster
"$TOASTER_JAVA" -jar "$jar" install --prefix "$prefix" --unprivileged --no-start --yes --hostname bench.example.org >"$work/toaster-install.log" 2>&1 ||
  { cat "$work/toaster-install.log" >&2; die "the toaster's installer failed"; }

# What users get: the installed bin/toaster, with the class cache the install made (its jvm-cache step runs with
# --no-start too) and the compilers it gives `wiki build`; printed with the figures.
toaster_jvm_cache "$prefix" wiki
toaster_tuning wiki build
jvm_options="${TOASTER_JVM_CACHE_OPTS:-no class cache} ${TOASTER_TUNING_OPTS:-(C1 and C2, G1)}${TOASTER_JAVA_OPTS:+ $TOASTER_JAVA_OPTS}"
jvm_cache_step=$(sed -n 's/^ *\(java-[^ ]*: .*\)$/\1/p; s/^ *\(jvm-cache took .*\)$/\1/p' "$work/toaster-install.log" |
  paste -sd';' - | sed 's/;/; /g')

repo=$work/wiki
say "generating $pages pages and $commits commits into $repo"
git init -q -b main "$repo"
python3 "$here/wiki/generate.py" "$pages" "$commits" | git -C "$repo" fast-import --done --quiet ||
  die "generating the repository failed"
git -C "$repo" reset -q --hard main
git -C "$repo" config user.name Bench
git -C "$repo" config user.email bench@example.org

now_ms() { date +%s%3N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# Processor time (user + system, all threads and children) as well as wall time: on a machine other work
# loads, wall time measures the queue for the processors as much as the build; processor time much less so.
cpu_ms() { awk '{ printf "%d\n", ($1 + $2) * 1000 }' "$1"; }
timed() { # FILE COMMAND...: runs COMMAND, its processor time into FILE (0 0 without GNU time)
  local out=$1; shift
  if [[ -x /usr/bin/time ]]; then /usr/bin/time -f '%U %S' -o "$out" "$@"; else echo "0 0" >"$out"; "$@"; fi
}

# The floor: the least a wiki build in Java with the toaster's libraries does (bench/wiki/Floor.java: JGit reads
# the pages and walks the history, Flexmark renders, one file a page), in a fresh JVM with the compilers `wiki
# build` gets; compiled into a jar first so that no compiler runs in the timed JVM.
floor_classes=$work/floor-classes
mkdir -p "$floor_classes"
"$TOASTER_JAVA_HOME/bin/javac" -nowarn -cp "$prefix/lib/*" -d "$floor_classes" "$here/wiki/Floor.java" ||
  die "compiling bench/wiki/Floor.java failed"
"$TOASTER_JAVA_HOME/bin/jar" cf "$work/floor.jar" -C "$floor_classes" . || die "packing the floor failed"

hugo_times=() ours_times=() ours_internal=() hugo_cpu=() ours_cpu=() floor_times=() floor_cpu=()
for run in $(seq 1 "$runs"); do
  rm -rf "$work/hugo-out"
  start=$(now_ms)
  timed "$work/hugo.cpu" hugo --source "$repo" --destination "$work/hugo-out" --quiet >"$work/hugo.log" 2>&1 ||
    { cat "$work/hugo.log" >&2; die "hugo failed"; }
  hugo_times+=($(( $(now_ms) - start )))
  hugo_cpu+=("$(cpu_ms "$work/hugo.cpu")")
  say "run $run: hugo ${hugo_times[-1]} ms, ${hugo_cpu[-1]} ms of processor ($(find "$work/hugo-out" -type f | wc -l) files)"

  start=$(now_ms)
  timed "$work/ours.cpu" "$prefix/bin/toaster" wiki build --repo "$repo" --out "$work/site" --full \
    >"$work/ours.log" 2>"$work/ours.err" || { cat "$work/ours.log" "$work/ours.err" >&2; die "toaster wiki build failed"; }
  ours_times+=($(( $(now_ms) - start )))
  ours_cpu+=("$(cpu_ms "$work/ours.cpu")")
  ours_internal+=("$(sed -n 's/.* in \([0-9]*\) ms$/\1/p' "$work/ours.log" | head -1)")
  say "run $run: ours ${ours_times[-1]} ms wall, ${ours_cpu[-1]} ms of processor, ${ours_internal[-1]} ms in the build ($(head -1 "$work/ours.log"))"
  say "run $run: $(sed -n 's/^time: //p' "$work/ours.log")"

  rm -rf "$work/floor-out"
  start=$(now_ms)
  # shellcheck disable=SC2086 # the options are words
  timed "$work/floor.cpu" "$TOASTER_JAVA" $TOASTER_TUNING_OPTS -cp "$work/floor.jar:$prefix/lib/*" Floor "$repo" \
    "$work/floor-out" >"$work/floor.log" 2>&1 || { cat "$work/floor.log" >&2; die "the floor failed"; }
  floor_times+=($(( $(now_ms) - start )))
  floor_cpu+=("$(cpu_ms "$work/floor.cpu")")
  say "run $run: floor ${floor_times[-1]} ms wall, ${floor_cpu[-1]} ms of processor; $(sed -n 's/^time: //p' "$work/floor.log")"
done
hugo_ms=$(printf '%s\n' "${hugo_times[@]}" | median)
ours_ms=$(printf '%s\n' "${ours_times[@]}" | median)
hugo_cpu_ms=$(printf '%s\n' "${hugo_cpu[@]}" | median)
ours_cpu_ms=$(printf '%s\n' "${ours_cpu[@]}" | median)
floor_ms=$(printf '%s\n' "${floor_times[@]}" | median)
floor_cpu_ms=$(printf '%s\n' "${floor_cpu[@]}" | median)

page=$repo/content/section-04/Page-0420.md
sed -i 's/^## Overview$/## Overview (edited)/' "$page"
git -C "$repo" commit -q -am "Edit page 0420 for the benchmark"
start=$(now_ms)
"$prefix/bin/toaster" wiki build --repo "$repo" --out "$work/site" >"$work/inc.log" 2>"$work/inc.err" ||
  { cat "$work/inc.log" "$work/inc.err" >&2; die "the incremental build failed"; }
inc_wall=$(( $(now_ms) - start ))
inc_internal=$(sed -n 's/.* in \([0-9]*\) ms$/\1/p' "$work/inc.log" | head -1)
say "$(sed -n 2p "$work/inc.log")"

say "warm rebuilds in one JVM (bench/wiki/WarmRebuild.java): 5 not counted, then $warm"
"$TOASTER_JAVA" -cp "$prefix/lib/*" "$here/wiki/WarmRebuild.java" "$repo" "$work/site" "$warm" 5 \
  >"$work/warm.log" 2>&1 || { cat "$work/warm.log" >&2; die "the warm rebuilds failed"; }
warm_ms=$(sed -n 's/^median \([0-9]*\) ms$/\1/p' "$work/warm.log")
warm_cpu_ms=$(sed -n 's/^median processor \([0-9]*\) ms$/\1/p' "$work/warm.log")

say "push to visible: the same repository served by toaster wiki serve on 127.0.0.1:$http_port"
bare=$prefix/wiki/wiki.git
rm -rf "$bare"
git clone -q --bare "$repo" "$bare"
echo "127.0.0.1:$http_port" >"$prefix/control/listen-http"
password=bench-push-password
printf '%s\n' "$password" | "$prefix/bin/toaster" user passwd postmaster@example.org >/dev/null ||
  die "setting the admin's password failed"
"$prefix/bin/toaster" wiki serve >"$work/serve.log" 2>&1 &
serve_pid=$!
trap 'kill "$serve_pid" 2>/dev/null || true' EXIT
site_url=http://127.0.0.1:$http_port
for _ in $(seq 1 600); do
  curl -fs -o /dev/null "$site_url/index.html" && break
  kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.log" >&2; die "toaster wiki serve stopped"; }
  sleep 0.2
done
curl -fs -o /dev/null "$site_url/index.html" || { cat "$work/serve.log" >&2; die "the wiki did not come up"; }
clone=$work/clone
git clone -q "$site_url/wiki.git" "$clone"
git -C "$clone" config user.name Bench
git -C "$clone" config user.email bench@example.org
push_url="http://postmaster%40example.org:$password@127.0.0.1:$http_port/wiki.git"
visible_times=() push_times=()
for run in $(seq 1 "$pushes"); do
  marker="push-bench-$run-$RANDOM$RANDOM"
  printf '\nA line %s for the push benchmark.\n' "$marker" >>"$clone/content/section-07/Page-0777.md"
  git -C "$clone" commit -q -am "Push benchmark $run"
  start=$(now_ms)
  git -C "$clone" push -q "$push_url" main 2>"$work/push.err" || { cat "$work/push.err" >&2; die "git push failed"; }
  pushed=$(( $(now_ms) - start ))
  until curl -fs "$site_url/content/section-07/Page-0777.html" | grep -q "$marker"; do
    (( $(now_ms) - start < 60000 )) || die "the pushed change was not served within 60 s"
    sleep 0.01
  done
  visible_times+=($(( $(now_ms) - start )))
  push_times+=("$pushed")
  say "push $run: git push returned after $pushed ms, the page changed after ${visible_times[-1]} ms"
done
# Commit pages are rendered by the server when asked for, not written by its builds: ten commits' pages asked
# once (each rendered: cold) and then again (from the server's cache).
ms_of() { awk '{ printf "%d\n", $1 * 1000 }'; }
commit_cold=() commit_cached=()
for id in $(git -C "$clone" log -n 10 --skip "$pushes" --format=%H -- content); do
  commit_cold+=("$(curl -fs -o /dev/null -w '%{time_total}\n' "$site_url/_commit/$id.html" | ms_of)") ||
    die "the page of commit $id was not served"
  commit_cached+=("$(curl -fs -o /dev/null -w '%{time_total}\n' "$site_url/_commit/$id.html" | ms_of)")
done
# Pages' histories too: ten pages' asked once (rendered) and again (cached).
history_cold=() history_cached=()
for page in $(git -C "$clone" ls-files -- 'content/*.md' | sed -n '11,20p'); do
  url=$site_url/_history/${page%.md}.html
  history_cold+=("$(curl -fs -o /dev/null -w '%{time_total}\n' "$url" | ms_of)") ||
    die "the history of $page was not served"
  history_cached+=("$(curl -fs -o /dev/null -w '%{time_total}\n' "$url" | ms_of)")
done
kill "$serve_pid" 2>/dev/null || true
history_cold_ms=$(printf '%s\n' "${history_cold[@]}" | median)
history_cached_ms=$(printf '%s\n' "${history_cached[@]}" | median)
commit_cold_ms=$(printf '%s\n' "${commit_cold[@]}" | median)
commit_cached_ms=$(printf '%s\n' "${commit_cached[@]}" | median)
visible_ms=$(printf '%s\n' "${visible_times[@]}" | median)
push_ms=$(printf '%s\n' "${push_times[@]}" | median)

echo "wiki benchmark: $pages pages, $commits commits, $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  hugo $(hugo version | cut -d' ' -f2) full build:        $hugo_ms ms (median of $runs)"
echo "  toaster full build (--full):   $ours_ms ms wall, JVM start included (median of $runs)"
awk -v o="$ours_ms" -v h="$hugo_ms" 'BEGIN { printf "  ratio toaster/hugo:            %.2f (goal: <= 1.00)\n", o / h }'
awk -v o="$ours_cpu_ms" -v h="$hugo_cpu_ms" 'BEGIN { if (h > 0) printf "  processor time, user+system:   hugo %d ms, toaster %d ms, ratio %.2f (medians)\n", h, o, o / h }'
awk -v f="$floor_ms" -v h="$hugo_ms" -v o="$ours_ms" -v fc="$floor_cpu_ms" 'BEGIN { printf "  floor (Java, JGit, Flexmark):  %d ms wall, %d ms of processor: %.2f x hugo, toaster %.2f x the floor\n", f, fc, f / h, o / f }'
echo "  one-page rebuild, CLI:         $inc_wall ms wall, $inc_internal ms in the build"
echo "  one-page rebuild, warm JVM:    $warm_ms ms (median of $warm; goal: <= 200 ms), $warm_cpu_ms ms of processor"
echo "  JVM of toaster wiki build:     $jvm_options"
echo "  the install's jvm-cache step:  ${jvm_cache_step:-none (see $work/toaster-install.log)}"
echo "  push to visible, git client:   $visible_ms ms (median of $pushes; git push alone $push_ms ms; goal: <= 1000 ms)"
echo "  commit page on request, curl:  $commit_cold_ms ms rendered, $commit_cached_ms ms cached (medians of 10)"
echo "  page history on request, curl: $history_cold_ms ms rendered, $history_cached_ms ms cached (medians of 10)"
