#!/bin/sh
# cli.sh COOP - the command line: exit statuses, --help, --version, --junit.
coop=$1
pass=0
fail=0
tmp=${TMPDIR:-/tmp}/coop-cli.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT INT TERM
check() { # check NAME WANT-STATUS GOT-STATUS [GREP-PATTERN FILE]
    if [ "$2" = "$3" ] && { [ -z "$4" ] || grep -q -- "$4" "$5"; }; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); echo "FAIL: $1 (exit $3, wanted $2)"
    fi
}
"$coop" >"$tmp/out" 2>&1; check "no arguments prints the usage" 2 $? "usage: coop run" "$tmp/out"
"$coop" --help >"$tmp/out" 2>&1; check "--help" 0 $? "--junit FILE" "$tmp/out"
"$coop" --version >"$tmp/out" 2>&1; check "--version" 0 $? "^coop [0-9]" "$tmp/out"
"$coop" run --bogus x >"$tmp/out" 2>&1; check "unknown option" 2 $? "unknown option '--bogus'" "$tmp/out"
"$coop" frobnicate x >"$tmp/out" 2>&1; check "unknown command" 2 $? "unknown command" "$tmp/out"
# a near miss names the word meant; a far one, the usual hint
"$coop" chek x >"$tmp/out" 2>&1; check "mistyped command" 2 $? "unknown command 'chek'; did you mean 'check'?" "$tmp/out"
"$coop" run --explian x >"$tmp/out" 2>&1; check "mistyped option" 2 $? "unknown option '--explian'; did you mean '--explain'?" "$tmp/out"
"$coop" run --formt=json x >"$tmp/out" 2>&1; check "mistyped --opt=value" 2 $? "unknown option '--formt=json'; did you mean '--format'?" "$tmp/out"
"$coop" run --format jsn x >"$tmp/out" 2>&1; check "mistyped format" 2 $? "unknown format 'jsn'; did you mean 'json'?" "$tmp/out"
grep -q "did you mean" "$tmp/out" && "$coop" frobnicate x 2>&1 | grep -q "use run, check, test or repl"
check "a far miss keeps the hint" 0 $?
"$coop" run >"$tmp/out" 2>&1; check "run without files" 2 $? "needs at least one FILE" "$tmp/out"
"$coop" run --format xml x >"$tmp/out" 2>&1; check "bad format" 2 $? "unknown format 'xml'" "$tmp/out"
"$coop" check examples/npo_enterprise.coop >"$tmp/out" 2>&1; check "check prints nothing" 0 $?
[ -s "$tmp/out" ] && { fail=$((fail + 1)); echo "FAIL: check printed something"; }
"$coop" run no/such.coop >"$tmp/out" 2>&1; check "missing file" 1 $? "cannot open" "$tmp/out"
"$coop" test --junit "$tmp/j.xml" tests/golden/test_mode.coop examples/ >"$tmp/out" 2>&1
check "test with failures exits 1" 1 $? "^33 passed, 3 failed$" "$tmp/out"
check "junit names the failures" 1 1 'failures="3"' "$tmp/j.xml"
check "junit has one suite per file" 1 1 '<testsuite name="examples/tripartite.coop" tests="10" failures="0">' "$tmp/j.xml"
"$coop" test --format json examples/ >"$tmp/out" 2>&1
check "json test summary" 0 $? '^{"type":"summary","passed":30,"failed":0}$' "$tmp/out"
# --seed: the same seed gives the same sample, another seed another one
"$coop" run tests/golden/sampled.coop >"$tmp/s1" 2>&1
"$coop" run --seed 1 tests/golden/sampled.coop >"$tmp/s2" 2>&1
"$coop" run --seed 7 tests/golden/sampled.coop >"$tmp/s3" 2>&1
check "--seed 7 is used" 0 $? "seed 7;" "$tmp/s3"
if cmp -s "$tmp/s1" "$tmp/s2" && ! cmp -s "$tmp/s1" "$tmp/s3"; then pass=$((pass + 1))
else fail=$((fail + 1)); echo "FAIL: --seed does not choose the sample"; fi
"$coop" run --seed 0 x >"$tmp/out" 2>&1; check "--seed 0 refused" 2 $? "positive whole number" "$tmp/out"

"$coop" run --seed -1 x >"$tmp/out" 2>&1; check "--seed -1 refused" 2 $? "positive whole number" "$tmp/out"
"$coop" run --seed 99999999999999999999999 x >"$tmp/out" 2>&1; check "--seed too large refused" 2 $? "positive whole number" "$tmp/out"
mkdir "$tmp/empty"
"$coop" test "$tmp/empty" >"$tmp/out" 2>&1; check "test finds no .coop files" 1 $? "no .coop files to test" "$tmp/out"
"$coop" check -- examples/npo_enterprise.coop >"$tmp/out" 2>&1; check "-- ends the options" 0 $?

"$coop" test --explain examples >"$tmp/out" 2>&1; check "--explain with test" 2 $? "works only with coop run" "$tmp/out"

# coop repl from a pipe: the results, no prompts, exit 1 when a command failed
echo 'count(alliance)' | "$coop" repl examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "repl from a pipe" 0 $? "^2$" "$tmp/out"
grep -q 'coop>' "$tmp/out" && { fail=$((fail + 1)); echo "FAIL: repl printed a prompt to a pipe"; }
"$coop" repl --explain x </dev/null >"$tmp/out" 2>&1; check "repl takes no --explain" 2 $? "only --seed and --format" "$tmp/out"
echo 'count(alliance)' | "$coop" repl --format json examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "repl --format json: results as JSON" 0 $? '^{"type":"value","expression":"count(alliance)","value":2}$' "$tmp/out"
echo 'nosuch' | "$coop" repl --format=json examples/npo_enterprise.coop >"$tmp/out" 2>"$tmp/err"
check "repl --format json: errors as JSON" 1 $? '^{"type":"diagnostic","severity":"error","file":"<stdin>","line":1,"col":1,' "$tmp/err"
"$coop" repl --seed 5 no/such.coop </dev/null >"$tmp/out" 2>&1; check "repl on a missing file" 1 $? "cannot open" "$tmp/out"
"$coop" --help >"$tmp/out" 2>&1; check "--help names repl" 0 $? "repl \[FILE...\]" "$tmp/out"
printf 'count(alliance)\r\n:quit\r\nnosuch\r\n' | "$coop" repl examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "repl reads CRLF lines (and :quit leaves)" 0 $? "^2$" "$tmp/out"
# an unfinished input may take 1,000 lines (the limit), not more
{ echo 'show alliance(elder_care,'; yes '' | head -n 998; echo 'acme)'; } | "$coop" repl examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "an input of 1,000 lines" 0 $? "^show alliance(elder_care, acme): forms" "$tmp/out"
{ echo 'show alliance(elder_care,'; yes '' | head -n 999; echo 'acme)'; echo 'count(alliance)'; } |
    "$coop" repl examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "an input of 1,001 lines is dropped" 1 $? "unfinished for 1000 lines is dropped" "$tmp/out"
grep -q '^2$' "$tmp/out" || { fail=$((fail + 1)); echo "FAIL: the session did not go on after the dropped input"; }
# 10,000 failing lines in a row, then one that works: the session still answers
awk 'BEGIN { for (i = 0; i < 10000; i++) print (i % 3 == 0 ? "show nosuch" : i % 3 == 1 ? "foo bar" : "what if acme.x = 1") ; print "count(alliance)" }' \
    >"$tmp/bad.in"
"$coop" repl examples/npo_enterprise.coop <"$tmp/bad.in" >"$tmp/out" 2>"$tmp/err"
check "10,000 failing lines, then an answer" 1 $? "^2$" "$tmp/out"
n=$(grep -c ': error: ' "$tmp/err")
if [ "$n" = 10000 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $n errors for 10,000 bad lines"; fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
