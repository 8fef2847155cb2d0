#!/bin/sh
# build.sh [RUNS [JOBS]] - parallel-build stress test.  Copies the source
# tree (without build/, ./coop and .git) to a temporary directory, then RUNS
# times (4 by default) builds it from clean with make -jJOBS (4 by default):
# ./coop, build/libcoop.a and the unit-test binary.  Each time bison and flex
# must have run exactly once, and ./coop run examples/npo_enterprise.coop
# must print what tests/golden/example_npo_enterprise.expected says.
#   sh tests/build.sh            (run from the repository root)
#   CFLAGS=-O0 sh tests/build.sh 4 4   (.ci/run: the graph is under test,
#                                and the flags do not change it)
# Prints one line per run, then "build: N passed, M failed"; exits 1 if any
# run failed.  MAKE names make (default make); CFLAGS, from the environment,
# reaches it as the user's flags.
runs=${1:-4}
jobs=${2:-4}
make=${MAKE:-make}
root=$(pwd)
[ -f "$root/grammar/coop.y" ] || { echo "build.sh: run it from the repository root" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/coop-build.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'rm -rf "$tmp"; exit 2' INT TERM

tar -C "$root" --exclude=./build --exclude=./coop --exclude=./.git -cf - . | tar -C "$tmp" -xf - ||
    { echo "build.sh: cannot copy the tree" >&2; exit 2; }
cd "$tmp" || exit 2
expected=tests/golden/example_npo_enterprise.expected

pass=0
fail=0
i=1
while [ "$i" -le "$runs" ]; do
    why=
    $make clean >/dev/null 2>&1
    if ! $make -j"$jobs" all build/test_coop >log 2>&1; then
        why="make -j$jobs failed"
    elif [ "$(grep -c '^bison ' log)" != 1 ] || [ "$(grep -c '^flex ' log)" != 1 ]; then
        why="bison ran $(grep -c '^bison ' log) times, flex $(grep -c '^flex ' log) (once each)"
    else
        { ./coop run examples/npo_enterprise.coop 2>&1; echo "--- exit $?"; } >out
        cmp -s out "$expected" || why="./coop run examples/npo_enterprise.coop printed something else"
    fi
    if [ -z "$why" ]; then
        pass=$((pass + 1)); echo "ok   run $i: make -j$jobs from clean"
    else
        fail=$((fail + 1)); echo "FAIL run $i: $why"
        tail -20 log
        [ -f out ] && diff -u "$expected" out | head -20
    fi
    rm -f out
    i=$((i + 1))
done
echo "build: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
