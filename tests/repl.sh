#!/bin/sh
# repl.sh COOP DIR - scripted REPL sessions: feeds each DIR/*.in to
# `coop repl` on standard input and compares what it printed (standard
# output and standard error, in order, then the exit status) with DIR/*.out.
# A session's first line may name the files to load: "# args: examples/x.coop"
# (a comment, so the session reads it as nothing).  Sessions run in a fresh
# directory of their own, so :save and :load of relative names stay there.
# With UPDATE=1 the .out files are rewritten instead: review the diff.
coop=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$2
root=$(pwd)
. "$(dirname "$0")/compare.sh"
tmp=${TMPDIR:-/tmp}/coop-repl.$$
trap 'rm -rf "$tmp" "$tmp.d"' EXIT INT TERM
for f in "$dir"/*.in; do
    [ -e "$f" ] || continue
    args=$(sed -n '1s/^# args: //p' "$f")
    rm -rf "$tmp.d"
    mkdir -p "$tmp.d"
    ln -s "$root/examples" "$tmp.d/examples"
    ln -s "$root/tests" "$tmp.d/tests"
    # shellcheck disable=SC2086
    (cd "$tmp.d" && { "$coop" repl $args 2>&1; echo "--- exit $?"; } <"$root/$f") >"$tmp" 2>&1
    exp=${f%.in}.out
    compare "$tmp" "$exp" "$f"
done
echo "$dir: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
