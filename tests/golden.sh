#!/bin/sh
# golden.sh COOP DIR - runs every DIR/*.coop and compares what it printed
# (standard output, standard error and exit status) with DIR/*.expected.
# A script's first line may hold the command line: "# args: test --format json".
# With UPDATE=1 the expected files are rewritten instead: review the diff.
coop=$1
dir=$2
. "$(dirname "$0")/compare.sh"
tmp=${TMPDIR:-/tmp}/coop-golden.$$
trap 'rm -f "$tmp"' EXIT INT TERM
for f in "$dir"/*.coop; do
    [ -e "$f" ] || continue
    args=$(sed -n '1s/^# args: //p' "$f")
    [ -n "$args" ] || args=run
    # shellcheck disable=SC2086
    { "$coop" $args "$f" 2>&1; echo "--- exit $?"; } >"$tmp" 2>&1
    exp=${f%.coop}.expected
    compare "$tmp" "$exp" "$f"
done
echo "$dir: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
