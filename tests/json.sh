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
# lines NAME FILE: each line of FILE is to be one JSON object with a "type"
# (NAME says what made it).  FILE is kept as $tmp/lines/N, NAME as line N of
# $tmp/names, and all are checked at the end by one jq (one jq a file took
# most of the suite's time); a last line without its newline is given one,
# so that it is not read as one line with the next file's first.
n=0
mkdir -p "$tmp/lines"
lines() {
    n=$((n + 1))
    # shellcheck disable=SC1003 # GNU sed: a newline after the last line if it has none
    sed -e '$a\' "$2" >"$tmp/lines/$n"
    printf '%s\n' "$1" >>"$tmp/names"
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
# every line that is not an object with a type, after its file's number
if (cd "$tmp/lines" && jq -R -r 'select(try (fromjson | type == "object" and has("type")) catch false | not)
                                 | "\(input_filename)\t\(.)"' $(seq "$n")) >"$tmp/bad" 2>"$tmp/jq"; then
    failed=$(cut -f1 "$tmp/bad" | sort -nu)
    pass=$((pass + n - $(printf '%s' "$failed" | grep -c '^')))
    for i in $failed; do
        fail=$((fail + 1))
        echo "FAIL: $(sed -n "${i}p" "$tmp/names"): a line is not one JSON object with a type"
        grep "^$i	" "$tmp/bad" | sed -n 's/^[0-9]*	//; 1,3p' | cut -c1-200
    done
else
    fail=$((fail + 1))
    echo "FAIL: jq could not check the outputs"
    sed -n 1,3p "$tmp/jq"
fi
echo "json: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
