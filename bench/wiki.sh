#!/usr/bin/env bash
# Wiki build benchmark: the toaster's wiki generator next to Hugo, on the same synthetic repository, in the
# same run. bench/wiki/generate.py writes a repository of BENCH_PAGES pages (wiki links between them) and
# BENCH_COMMITS commits with git fast-import; the same repository carries a minimal Hugo site (hugo.toml with
# enableGitInfo = true, two layouts), so Hugo reads the same pages and the same history. Prints Hugo's full
# build time, ours (full, --full), the ratio ours/Hugo, our one-page incremental rebuild from the command line
# (a fresh JVM) and in a long-lived JVM (bench/wiki/WarmRebuild.java, as a wiki server would rebuild on push).
# Goals (issue 8): full build <= Hugo's time; one-page rebuild <= 200 ms. See bench/README.md, "Wiki".
#
#   bench/wiki.sh            (root only to apt-get install hugo when it is missing)
#
# Knobs (environment):
#   BENCH_PAGES      pages                                  (1000)
#   BENCH_COMMITS    commits in all (one per page, then edits) (5000)
#   BENCH_RUNS       measured full builds per side; median  (1)
#   BENCH_WARM       measured warm rebuilds; median         (10)
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
work=${BENCH_WORKDIR:-/tmp/toaster-wiki-bench}
rebuild=${BENCH_REBUILD:-0}
root=${TOASTER_ROOT:-$(dirname "$here")}

die() { echo "wiki-bench: $*" >&2; exit 1; }
say() { echo "wiki-bench: $*" >&2; }

[[ $# -eq 0 ]] || { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
for n in pages commits runs warm; do
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
command -v python3 >/dev/null 2>&1 || die "python3 is needed"

# shellcheck source=mailserver/src/dist/lib/toaster-java.sh
. "$root/mailserver/src/dist/lib/toaster-java.sh"
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

hugo_times=() ours_times=() ours_internal=()
for run in $(seq 1 "$runs"); do
  rm -rf "$work/hugo-out"
  start=$(now_ms)
  hugo --source "$repo" --destination "$work/hugo-out" --quiet >"$work/hugo.log" 2>&1 ||
    { cat "$work/hugo.log" >&2; die "hugo failed"; }
  hugo_times+=($(( $(now_ms) - start )))
  say "run $run: hugo ${hugo_times[-1]} ms ($(find "$work/hugo-out" -type f | wc -l) files)"

  start=$(now_ms)
  "$prefix/bin/toaster" wiki build --repo "$repo" --out "$work/site" --full >"$work/ours.log" 2>"$work/ours.err" ||
    { cat "$work/ours.log" "$work/ours.err" >&2; die "toaster wiki build failed"; }
  ours_times+=($(( $(now_ms) - start )))
  ours_internal+=("$(sed -n 's/.* in \([0-9]*\) ms$/\1/p' "$work/ours.log" | head -1)")
  say "run $run: ours ${ours_times[-1]} ms wall, ${ours_internal[-1]} ms in the build ($(head -1 "$work/ours.log"))"
done
hugo_ms=$(printf '%s\n' "${hugo_times[@]}" | median)
ours_ms=$(printf '%s\n' "${ours_times[@]}" | median)

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

echo "wiki benchmark: $pages pages, $commits commits, $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  hugo $(hugo version | cut -d' ' -f2) full build:        $hugo_ms ms (median of $runs)"
echo "  toaster full build (--full):   $ours_ms ms wall, JVM start included (median of $runs)"
awk -v o="$ours_ms" -v h="$hugo_ms" 'BEGIN { printf "  ratio toaster/hugo:            %.2f (goal: <= 1.00)\n", o / h }'
echo "  one-page rebuild, CLI:         $inc_wall ms wall, $inc_internal ms in the build"
echo "  one-page rebuild, warm JVM:    $warm_ms ms (median of $warm; goal: <= 200 ms)"
