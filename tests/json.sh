#!/bin/sh
# json.sh COOP - every line coop writes when JSON is asked for is one JSON
# object with a "type": the statements of every example, golden and bad
# script (coop run, coop test, with and without --explain), and every
# command of every scripted REPL session (coop repl --format json), on
# standard output and standard error alike.  Checked with jq, line by line;
# and a tender's tie keys against its bids' values of them.
coop=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(pwd)
pass=0
fail=0
tmp=${TMPDIR:-/tmp}/coop-json.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT INT TERM
# Each line of FILE is one JSON object with a "type" (NAME says what made it).
lines() {
    if [ ! -s "$2" ] || jq -R 'fromjson | if type == "object" and has("type") then empty
                                   else error("not an object with a type") end' "$2" >"$tmp/jq" 2>&1; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $1: a line is not one JSON object with a type"
        sed -n 1,3p "$tmp/jq"
    fi
}
for f in examples/*.coop tests/golden/*.coop tests/bad/*.coop; do
    "$coop" run --format json "$f" >"$tmp/out" 2>"$tmp/err"
    lines "run $f (stdout)" "$tmp/out"
    lines "run $f (stderr)" "$tmp/err"
done
for f in examples/*.coop tests/golden/*.coop; do
    "$coop" run --format json --explain "$f" >"$tmp/out" 2>"$tmp/err"
    lines "run --explain $f" "$tmp/out"
done
# A tender's tie keys and its bids' values of them agree: each bid has one
# value per key, and the key that parted the first two is one of them.
for f in examples/*.coop tests/golden/*.coop; do
    "$coop" run --format json "$f" 2>/dev/null | grep '^{"type":"tender"' >"$tmp/out"
    [ -s "$tmp/out" ] || continue
    if jq -e '(.tie | length) as $n | .tie as $keys | .parted_by as $p
              | all(.ranking[]; (.tie_values | length) == $n)
                and ($p == null or any($keys[]; . == $p))' "$tmp/out" >"$tmp/jq" 2>&1 &&
       ! grep -qx false "$tmp/jq"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: run $f: a tender's tie_values or parted_by disagree with its tie keys"
    fi
done
"$coop" test --format json examples tests/golden >"$tmp/out" 2>"$tmp/err"
lines "test examples tests/golden (stdout)" "$tmp/out"
lines "test examples tests/golden (stderr)" "$tmp/err"
for f in tests/repl/*.in; do
    args=$(sed -n '1s/^# args: //p' "$f")
    rm -rf "$tmp/d"
    mkdir -p "$tmp/d"
    ln -s "$root/examples" "$tmp/d/examples"
    ln -s "$root/tests" "$tmp/d/tests"
    # shellcheck disable=SC2086
    (cd "$tmp/d" && "$coop" repl --format json $args <"$root/$f" >"$tmp/out" 2>"$tmp/err")
    lines "repl --format json $f (stdout)" "$tmp/out"
    lines "repl --format json $f (stderr)" "$tmp/err"
done
# coop test's own messages are JSON too when JSON is asked for: a --junit
# file that cannot be written, and paths with no .coop file.
"$coop" test --format json --junit "$tmp/no/such/dir/j.xml" examples/npo_enterprise.coop >"$tmp/out" 2>"$tmp/err"
lines "test --format json --junit unwritable (stdout)" "$tmp/out"
lines "test --format json --junit unwritable (stderr)" "$tmp/err"
mkdir -p "$tmp/empty"
"$coop" test --format json "$tmp/empty" >"$tmp/out" 2>"$tmp/err"
lines "test --format json with no files (stdout)" "$tmp/out"
lines "test --format json with no files (stderr)" "$tmp/err"
echo "json: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
