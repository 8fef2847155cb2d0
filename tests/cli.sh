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
grep -q "did you mean" "$tmp/out" && "$coop" frobnicate x 2>&1 | grep -q "use run, check, test, repl, sweep or merge"
check "a far miss keeps the hint" 0 $?
"$coop" run >"$tmp/out" 2>&1; check "run without files" 2 $? "needs at least one FILE" "$tmp/out"
"$coop" run --format xml x >"$tmp/out" 2>&1; check "bad format" 2 $? "unknown format 'xml'" "$tmp/out"
"$coop" check examples/npo_enterprise.coop >"$tmp/out" 2>&1; check "check prints nothing" 0 $?
[ -s "$tmp/out" ] && { fail=$((fail + 1)); echo "FAIL: check printed something"; }
"$coop" run no/such.coop >"$tmp/out" 2>&1; check "missing file" 1 $? "cannot open" "$tmp/out"
"$coop" test --junit "$tmp/j.xml" tests/golden/test_mode.coop examples/ >"$tmp/out" 2>&1
check "test with failures exits 1" 1 $? "^125 passed, 3 failed$" "$tmp/out"
check "junit names the failures" 1 1 'failures="3"' "$tmp/j.xml"
check "junit has one suite per file" 1 1 '<testsuite name="examples/tripartite.coop" tests="10" failures="0">' "$tmp/j.xml"
"$coop" test --format json examples/ >"$tmp/out" 2>&1
check "json test summary" 0 $? '^{"type":"summary","passed":122,"failed":0,"not_loaded":0}$' "$tmp/out"
# a file that does not load is no failed expectation: the summary says it did not load (exit 1),
# and JUnit counts it as a failure
printf 'actor x : npo {\n' >"$tmp/broken.coop"
"$coop" test --junit "$tmp/jb.xml" "$tmp/broken.coop" examples/npo_enterprise.coop >"$tmp/out" 2>/dev/null
check "test: a file that did not load is said" 1 $? "^10 passed, 0 failed; 1 file did not load, so its expectations did not run$" "$tmp/out"
check "junit: a file that did not load is a failure" 1 1 'failures="1"' "$tmp/jb.xml"
"$coop" test --format json "$tmp/broken.coop" "$tmp/broken.coop" >"$tmp/out" 2>/dev/null
check "json: files that did not load" 1 $? '^{"type":"summary","passed":0,"failed":0,"not_loaded":2}$' "$tmp/out"
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
# -D NAME=VALUE: a parameter's value for the run, checked against every file before any runs
f=examples/npo_enterprise.coop
"$coop" --help >"$tmp/out" 2>&1; check "--help names -D" 0 $? "-D NAME=VALUE" "$tmp/out"
"$coop" run -D threshold=0.4 $f >"$tmp/out" 2>/dev/null
check "-D threshold=0.4: the centre and the bank ally" 1 $? "elder_care     harbour_bank  forms           0.4150" "$tmp/out"
"$coop" run -Dthreshold=40% $f >"$tmp/out2" 2>/dev/null
if cmp -s "$tmp/out" "$tmp/out2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: -DNAME=40% differs from -D NAME=0.4"; fi
"$coop" test -D w_trust=0.25 -D threshold=0.45 $f >"$tmp/out" 2>&1
check "-D the declared values: every expect holds" 0 $? "^10 passed, 0 failed$" "$tmp/out"
"$coop" check -D w_trust=1 $f >"$tmp/out" 2>&1; check "-D at the range's end" 0 $?
"$coop" check -D w_trust=1.5 $f >"$tmp/out" 2>&1
check "-D outside the range: exit 2" 2 $? "^coop: -D w_trust=1.5: parameter 'w_trust' of examples/npo_enterprise.coop takes a value from 0 to 1, not 1.5$" "$tmp/out"
"$coop" run -D w_trust=-0.01 $f >"$tmp/out" 2>&1; check "-D below the range: nothing runs" 2 $? "takes a value from 0 to 1" "$tmp/out"
grep -q "^show" "$tmp/out" && { fail=$((fail + 1)); echo "FAIL: -D refused, yet the script ran"; }
"$coop" run -D w_trst=0.4 $f >"$tmp/out" 2>&1
check "-D unknown name: did you mean" 2 $? "^coop: -D w_trst=0.4: unknown parameter 'w_trst'; did you mean 'w_trust'?$" "$tmp/out"
"$coop" run -D nothing_like_it=1 examples/tripartite.coop >"$tmp/out" 2>&1
check "-D of a model without parameters" 2 $? "unknown parameter 'nothing_like_it' (the files declare no parameters)" "$tmp/out"
"$coop" run -D w_trust=abc $f >"$tmp/out" 2>&1; check "-D malformed value" 2 $? "not a number, a percentage (25%) or true/false" "$tmp/out"
# the slips of a value and a name: a decimal comma, a percentage written whole, an attribute
"$coop" run -D w_trust=0,4 $f >"$tmp/out" 2>&1
check "-D decimal comma" 2 $? "^coop: -D w_trust=0,4: decimal comma: write 0.4$" "$tmp/out"
"$coop" sweep -D threshold=0,4 -p w_trust=0.1 --query 'count(alliance)' $f >"$tmp/out" 2>&1
check "sweep -D decimal comma" 2 $? "^coop: -D threshold=0,4: decimal comma: write 0.4$" "$tmp/out"
"$coop" test -D w_trust=1,500 $f >"$tmp/out" 2>&1
check "-D thousands separator" 2 $? "^coop: -D w_trust=1,500: a number takes no thousands separator: write 1500$" "$tmp/out"
"$coop" check -D w_trust=40 $f >"$tmp/out" 2>&1
check "-D 40 for 40%" 2 $? "takes a value from 0 to 1, not 40; as a percentage, write 40% (= 0.4)$" "$tmp/out"
"$coop" check -D w_trust=100 $f >"$tmp/out" 2>&1
check "-D 100 for 100%: its hundredth is the range's end" 2 $? "not 100; as a percentage, write 100% (= 1)$" "$tmp/out"
"$coop" check -D w_trust=101 $f >"$tmp/out" 2>&1
check "-D 101: no percentage is inside" 2 $? "takes a value from 0 to 1, not 101$" "$tmp/out"
"$coop" check -D w_trust=1.5 $f >"$tmp/out" 2>&1
check "-D 1.5: no whole number, no percentage" 2 $? "takes a value from 0 to 1, not 1.5$" "$tmp/out"
"$coop" check -D w_trust=40% $f >"$tmp/out" 2>&1; check "-D 40%: inside" 0 $?
"$coop" run -D capacity=0.4 $f >"$tmp/out" 2>&1
check "-D of an attribute" 2 $? "^coop: -D capacity=0.4: 'capacity' is an attribute of the actors, not a parameter, and -D sets parameters only: change it in coop repl (set elder_care.capacity = 0.4, or what if elder_care.capacity = 0.4), or declare a parameter for the rules to read (param capacity = 0.4)$" "$tmp/out"
"$coop" test -D acme.media=0.4 $f >"$tmp/out" 2>&1
check "-D of an actor's attribute" 2 $? "^coop: -D acme.media=0.4: 'acme.media' is an actor's attribute, not a parameter, and -D sets parameters only: change it in coop repl (set acme.media = 0.4, or what if acme.media = 0.4)$" "$tmp/out"
"$coop" sweep -D capacity=0.4 -p w_trust=0.1 --query 'count(alliance)' $f >"$tmp/out" 2>&1
check "sweep -D of an attribute" 2 $? "'capacity' is an attribute of the actors, not a parameter" "$tmp/out"
"$coop" run -D acme.nothing=0.4 $f >"$tmp/out" 2>&1
check "-D of an attribute the actor lacks" 2 $? "unknown parameter 'acme.nothing'" "$tmp/out"
# a value is read as a script writes it: no hexadecimal, blank, inf or nan (strtod reads those)
for v in 0x1 ' 0.4' inf 1.; do
    "$coop" run -D "w_trust=$v" $f >"$tmp/out" 2>&1; check "-D w_trust=$v refused" 2 $? "not a number, a percentage" "$tmp/out"
done
"$coop" run -D w_trust=1e999 $f >"$tmp/out" 2>&1; check "-D too large" 2 $? "the value is too large" "$tmp/out"
"$coop" run -D w_trust=1e-400 $f >"$tmp/out" 2>&1; check "-D too small" 2 $? "too small: it would be 0" "$tmp/out"
"$coop" run -D w_trust $f >"$tmp/out" 2>&1
check "-D without =VALUE" 2 $? "^coop: -D w_trust: a parameter's value is written NAME=VALUE (w_trust=VALUE)$" "$tmp/out"
"$coop" run -D w_trust= $f >"$tmp/out" 2>&1; check "-D with = and no VALUE" 2 $? "-D needs NAME=VALUE" "$tmp/out"
"$coop" run -D w_trust=true $f >"$tmp/out" 2>&1; check "-D true for a number" 2 $? "is a number, not true/false" "$tmp/out"
"$coop" run -D w_trust=0.3 -D w_trust=0.4 $f >"$tmp/out" 2>&1; check "-D twice" 2 $? "given twice" "$tmp/out"
"$coop" run -D w_trust=0.3 >"$tmp/out" 2>&1; check "-D and no FILE" 2 $? "needs at least one FILE" "$tmp/out"
"$coop" repl -D w_trust=0.3 $f </dev/null >"$tmp/out" 2>&1; check "repl takes no -D" 2 $? "set NAME = VALUE" "$tmp/out"
printf 'param strict = false\nexpect strict\n' >"$tmp/bool.coop"
"$coop" test -D strict=true "$tmp/bool.coop" >"$tmp/out" 2>&1; check "-D true/false" 0 $? "^1 passed, 0 failed$" "$tmp/out"
"$coop" test -D strict=1 "$tmp/bool.coop" >"$tmp/out" 2>&1; check "-D 1 for true/false" 2 $? "is true or false, not a number$" "$tmp/out"
# applied to the files that declare it, refused when none does
"$coop" test -D strict=true "$tmp/bool.coop" examples/tripartite.coop >"$tmp/out" 2>&1
check "-D applies to the files that declare it" 0 $? "^11 passed, 0 failed$" "$tmp/out"
mkdir "$tmp/empty"
"$coop" test "$tmp/empty" >"$tmp/out" 2>&1; check "test finds no .coop files" 1 $? "no .coop files to test" "$tmp/out"
"$coop" check -- examples/npo_enterprise.coop >"$tmp/out" 2>&1; check "-- ends the options" 0 $?

# output that cannot be written is an error: exit 1, and the reason
if [ -w /dev/full ]; then
    for cmd in "run examples/npo_enterprise.coop" "run --format json examples/npo_enterprise.coop" \
               "test examples/npo_enterprise.coop" "--help" "--version"; do
        # shellcheck disable=SC2086
        "$coop" $cmd >/dev/full 2>"$tmp/err"; check "coop $cmd >/dev/full" 1 $? "write error: No space left on device" "$tmp/err"
    done
    "$coop" run examples/npo_enterprise.coop >/dev/full 2>"$tmp/err"
    check "the write error's exact text" 1 $? "^coop: write error: No space left on device$" "$tmp/err"
    echo 'count(alliance)' | "$coop" repl examples/npo_enterprise.coop >/dev/full 2>"$tmp/err"
    check "repl >/dev/full" 1 $? "^coop: write error: No space left on device$" "$tmp/err"
    "$coop" check examples/npo_enterprise.coop >/dev/full 2>"$tmp/err"; check "check writes nothing: no error" 0 $?
    printf 'actor a : npo {}\nactor b : enterprise {}\nrelation t(npo, enterprise) default 0\nt(a, b) = 1\nt(a, b) = 2\n' >"$tmp/warn.coop"
    "$coop" run "$tmp/warn.coop" >/dev/null 2>&1; check "a warning alone: exit 0" 0 $?
    "$coop" run "$tmp/warn.coop" >/dev/null 2>/dev/full; check "a warning lost on a full stderr: exit 1" 1 $?
    "$coop" test --junit /dev/full examples/npo_enterprise.coop >"$tmp/out" 2>&1
    check "--junit on a full device" 1 $? "^/dev/full: error: cannot write: No space left on device$" "$tmp/out"
fi
"$coop" check examples/npo_enterprise.coop >&- 2>"$tmp/err"; check "stdout closed, nothing written: no error" 0 $?
"$coop" run examples/npo_enterprise.coop >&- 2>"$tmp/err"; check "stdout closed, output lost" 1 $? "write error" "$tmp/err"

# --junit never overwrites a file to test (by any name), and replaces its
# file whole or not at all
cp examples/npo_enterprise.coop "$tmp/m.coop"
cp "$tmp/m.coop" "$tmp/m.orig"
"$coop" test --junit "$tmp/m.coop" "$tmp/m.coop" >"$tmp/out" 2>&1
check "--junit FILE FILE refused" 2 $? "m.coop: error: --junit would overwrite .*m.coop, a file to test" "$tmp/out"
ln -s m.coop "$tmp/j.link"
"$coop" test --junit "$tmp/j.link" "$tmp" >"$tmp/out" 2>&1; check "--junit through a link to a file to test" 2 $? "would overwrite" "$tmp/out"
cmp -s "$tmp/m.coop" "$tmp/m.orig" || { fail=$((fail + 1)); echo "FAIL: --junit changed a file to test"; }
rm "$tmp/j.link"
"$coop" test --junit "$tmp/no/such/dir/j.xml" "$tmp/m.coop" >"$tmp/out" 2>&1
check "--junit into a missing directory" 1 $? "j.xml: error: cannot write: No such file or directory" "$tmp/out"
"$coop" test --junit "$tmp" "$tmp/m.coop" >"$tmp/out" 2>&1; check "--junit on a directory" 1 $? "error: is a directory" "$tmp/out"
"$coop" test --junit "$tmp/j.xml" "$tmp/m.coop" >"$tmp/out" 2>&1; check "--junit writes" 0 $? "<testsuites" "$tmp/j.xml"
# a new file takes the umask's mode; a replaced one keeps its own
rm -f "$tmp/j.new"
(umask 027; "$coop" test --junit "$tmp/j.new" "$tmp/m.coop" >/dev/null 2>&1)
ls -l "$tmp/j.new" >"$tmp/out"; check "--junit: a new file's mode by the umask" 0 0 "^-rw-r----- " "$tmp/out"
chmod 600 "$tmp/j.new"; "$coop" test --junit "$tmp/j.new" "$tmp/m.coop" >/dev/null 2>&1
ls -l "$tmp/j.new" >"$tmp/out"; check "--junit: a replaced file keeps its mode" 0 0 "^-rw------- " "$tmp/out"
cp "$tmp/j.xml" "$tmp/j.orig"
# a write that fails part way (a file size limit) leaves the old file whole
(trap '' XFSZ; ulimit -f 1; "$coop" test --junit "$tmp/j.xml" "$tmp/m.coop" "$tmp/m.coop" "$tmp/m.coop" "$tmp/m.coop" \
    "$tmp/m.coop" "$tmp/m.coop" >/dev/null 2>"$tmp/err")
check "--junit past a size limit" 1 $? "j.xml: error: cannot write: File too large" "$tmp/err"
cmp -s "$tmp/j.xml" "$tmp/j.orig" || { fail=$((fail + 1)); echo "FAIL: a failed --junit write changed the old file"; }
ls "$tmp"/j.xml.tmp.* >/dev/null 2>&1 && { fail=$((fail + 1)); echo "FAIL: a failed --junit write left its temporary file"; }

# coop test DIR: any depth, in name order; what is not a regular file is
# skipped with a warning (a pipe would block); links to directories are
# not followed (a loop back up ends nowhere)
w=$tmp/walk
d=$w
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40; do
    d=$d/d$i
done
mkdir -p "$d" "$w/.hidden" "$w/b"
echo 'expect 1 == 2' >"$d/deep.coop"
echo 'expect 1 == 2' >"$w/.hidden/h.coop"
echo 'expect 1 == 1' >"$w/b/x.coop"
echo 'expect 2 == 2' >"$w/a.coop"
ln -s a.coop "$w/c.coop"
ln -s . "$w/loop"
ln -s .. "$w/up.coop"
ln -s nothing "$w/dangling.coop"
if mkfifo "$w/pipe.coop" 2>/dev/null; then
    timeout 20 "$coop" test "$w" >"$tmp/out" 2>"$tmp/err"
    check "test DIR: a file 41 directories down fails" 1 $? "^3 passed, 1 failed$" "$tmp/out"
    check "test DIR: a pipe is skipped, said" 1 1 "pipe.coop: warning: a pipe, not a regular file; skipped" "$tmp/err"
    check "test DIR: a link to a directory is not followed" 1 1 "up.coop: warning: a link to a directory" "$tmp/err"
    check "test DIR: a dangling link" 1 1 "dangling.coop: warning: a link to nothing; skipped" "$tmp/err"
    check "test DIR: the deep file is named" 1 1 "d40/deep.coop:1:1: expected 1 == 2" "$tmp/err"
    "$coop" test --format json "$w" >"$tmp/out" 2>&1
    check "test DIR: name order, depth first" 1 $? '"file":".*/walk/a.coop".*"file":".*/walk/b/x.coop".*"file":".*/walk/c.coop".*"file":".*deep.coop"' \
        "$(tr -d '\n' <"$tmp/out" >"$tmp/one"; echo "$tmp/one")"
    ln -s walk "$tmp/walk.link"
    "$coop" test "$tmp/walk.link" >"$tmp/out" 2>/dev/null; check "test DIR given as a link is walked" 1 $? "^3 passed, 1 failed$" "$tmp/out"
fi

"$coop" test --explain examples >"$tmp/out" 2>&1; check "--explain with test" 2 $? "works only with coop run" "$tmp/out"

# coop repl from a pipe: the results, no prompts, exit 1 when a command failed
echo 'count(alliance)' | "$coop" repl examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "repl from a pipe" 0 $? "^2$" "$tmp/out"
grep -q 'coop>' "$tmp/out" && { fail=$((fail + 1)); echo "FAIL: repl printed a prompt to a pipe"; }
"$coop" repl --explain x </dev/null >"$tmp/out" 2>&1; check "repl takes no --explain" 2 $? "only --seed, --format and -j" "$tmp/out"
echo 'count(alliance)' | "$coop" repl --format json examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "repl --format json: results as JSON" 0 $? '^{"type":"value","expression":"count(alliance)","value":2}$' "$tmp/out"
echo 'nosuch' | "$coop" repl --format=json examples/npo_enterprise.coop >"$tmp/out" 2>"$tmp/err"
check "repl --format json: errors as JSON" 1 $? '^{"type":"diagnostic","severity":"error","file":"<stdin>","line":1,"col":1,' "$tmp/err"
"$coop" repl --seed 5 no/such.coop </dev/null >"$tmp/out" 2>&1; check "repl on a missing file" 1 $? "cannot open" "$tmp/out"
"$coop" --help >"$tmp/out" 2>&1; check "--help names repl" 0 $? "repl \[FILE...\]" "$tmp/out"
"$coop" --help >"$tmp/out" 2>&1; check "--help says a timeline is run" 0 $? "timeline is run step by step" "$tmp/out"
"$coop" --help >"$tmp/out" 2>&1; check "--help says CSV guards formulas" 0 $? "read as a formula" "$tmp/out"
"$coop" --help >"$tmp/out" 2>&1; check "--help names the reads of a timeline" 0 $? "C throughout D1 .. D2, C during D1 .. D2, first(C)" "$tmp/out"
"$coop" --help >"$tmp/out" 2>&1; check "--help names event Shapley values" 0 $? "dominance R(a, b) at DATE by events" "$tmp/out"
"$coop" --help >"$tmp/out" 2>&1; check "--help names a what if on events" 0 $? "what if no gala" "$tmp/out"
"$coop" --help >"$tmp/out" 2>&1; check "--help names a verdict's story" 0 $? "from D1 to D2 and why R(a, b) at DATE" "$tmp/out"
"$coop" --help >"$tmp/out" 2>&1; check "--help says csv" 0 $? "^  --format text|json|csv$" "$tmp/out"
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

# --format csv: coop run's tables of show R, dominance R, show R by PERIOD and show world(a)
"$coop" run --format cvs x >"$tmp/out" 2>&1; check "mistyped csv" 2 $? "unknown format 'cvs'; did you mean 'csv'?" "$tmp/out"
for cmd in check test repl; do
    "$coop" $cmd --format csv examples/npo_enterprise.coop </dev/null >"$tmp/out" 2>&1
    check "$cmd refuses csv" 2 $? "format csv works only with coop run" "$tmp/out"
done
"$coop" run --format=csv --explain tests/golden/timeline_by.coop >"$tmp/out" 2>&1
check "csv takes no --explain" 2 $? "explain prints traces, which CSV does not hold" "$tmp/out"
"$coop" run --format csv tests/golden/timeline_by.coop >"$tmp/out" 2>"$tmp/err"
check "csv of verdicts and worlds" 0 $? '^2015-04,bureau,care,1,0.555$' "$tmp/out"
[ -s "$tmp/err" ] && { fail=$((fail + 1)); echo "FAIL: csv said something on stderr"; }
# every record of each table has its header's fields (a quoted field's commas are its own)
awk 'function fields(s,  n, q, i, c) { n = 1; q = 0
         for (i = 1; i <= length(s); i++) { c = substr(s, i, 1); if (c == "\"") q = !q; else if (c == "," && !q) n++ }
         return n }
     /^$/ { want = 0; next }
     !want { want = fields($0); tables++; next }
     fields($0) != want { bad++; print "FAIL: csv record " NR " has " fields($0) " fields, not " want }
     END { exit bad || tables != 12 }' "$tmp/out"
check "csv records as wide as their header, 12 tables" 0 $?
# a statement with no table is skipped, said once on stderr at its line; the
# tables go to stdout whole, and the run exits 0 (1 only for what else fails)
"$coop" run --format csv examples/npo_enterprise.coop >"$tmp/out" 2>"$tmp/err"
check "csv skips what has no table" 0 $? "^examples/npo_enterprise.coop:88:1: warning: skipped: this explain has no table in CSV, which holds those of 'show R' and 'dominance R' of a partnership, 'show R by PERIOD', 'show world(a)', 'show params' and 'sweep'; run it with --format text or json$" "$tmp/err"
cat >"$tmp/skip.coop" <<'EOF'
param w = 0.5 range 0 .. 1
actor a : npo { x = 0.2 }
actor e : enterprise { }
partnership p(n: npo, f: enterprise) { factor x = n.x  score = w * x  forms when x >= 0.3 }
show p
show params
flip p(a, e)
show p
expect count(p) == 0
EOF
"$coop" run --format csv "$tmp/skip.coop" >"$tmp/out" 2>"$tmp/err"
check "csv skips flip, exit 0" 0 $? "skip.coop:7:1: warning: skipped: this flip has no table" "$tmp/err"
check "csv skips flip alone (show params has a table)" 1 "$(grep -c 'warning: skipped' "$tmp/err")"
printf 'n,f,verdict,score,x\na,e,0,0.1,0.2\n\nparameter,value,declared,lo,hi,label\nw,0.5,0.5,0,1,\n\nn,f,verdict,score,x\na,e,0,0.1,0.2\n' | cmp -s - "$tmp/out"
check "csv with skips writes the tables alone, show params' among them" 0 $?
# show params as CSV: a -D run's table tells it from a default run's
"$coop" run --format csv -D w=0.25 "$tmp/skip.coop" 2>/dev/null | grep -x 'w,0.25,0.5,0,1,' >/dev/null
check "csv show params: the -D value beside the declared one" 0 $?
echo 'expect count(p) == 1' >>"$tmp/skip.coop"
"$coop" run --format csv "$tmp/skip.coop" >"$tmp/out" 2>"$tmp/err"
check "csv with skips: a failed expect still exits 1" 1 $? "expected count(p) == 1 but got 0" "$tmp/err"
# show R and dominance R as CSV, read by python3's csv module as R's read.csv
# and pandas read them: each table one header and records as wide; every
# number reads back as the same double the JSON output holds (scores,
# Shapley values), or the CSV file the model read (capacity, an effective
# value no influence moves); a rule without a score has empty scores; the
# means of |shapley| over the records are dominance R's importances
"$coop" run --format csv tests/golden/data_csv.coop >"$tmp/csv" 2>&1
check "csv of show and dominance" 0 $?
"$coop" run --format json tests/golden/data_csv.coop >"$tmp/json" 2>&1
python3 - "$tmp/csv" "$tmp/json" examples/data/shanghai_npos.csv >"$tmp/out" 2>&1 <<'PY'
import csv, io, json, sys
tables = [list(csv.reader(io.StringIO(t))) for t in open(sys.argv[1], newline='').read().split('\n\n')]
js = [json.loads(line) for line in open(sys.argv[2])]
npos = {r['name']: r for r in csv.DictReader(open(sys.argv[3], newline='', encoding='utf-8-sig'))}
bad = []
def want(ok, what):
    if not ok: bad.append(what)
want(len(tables) == 6, '%d tables, not 6' % len(tables))
for t in tables:
    want(all(len(r) == len(t[0]) for r in t), 'a record not as wide as its header: %s' % t[0])
show, one, dom1, dom, plain, dom2 = [[dict(zip(t[0], r)) for r in t[1:]] for t in tables]
want(tables[0][0] == ['n', 'e', 'verdict', 'score', 'concern', 'capacity', 'key_figure', 'trust'], 'show header')
rows = js[0]['rows']
want(len(show) == len(rows) == 24, 'show: %d records' % len(show))
for r, j in zip(show, rows):
    want([r['n'], r['e']] == j['tuple'], 'show: tuple order')
    want(r['verdict'] == ('1' if j['forms'] else '0'), 'show: verdict of %s' % j['tuple'])
    want(float(r['score']) == j['score'], 'show: score %s is not %r' % (r['score'], j['score']))
    want(float(r['capacity']) == float(npos[r['n']]['capacity']), 'show: capacity of %s' % r['n'])
want(one == show[:1], 'show R(a, b): the first record of show R')
byname = {f['name']: f for f in js[2]['factors']}
for r in dom1:
    f = byname[r['factor']]
    want(r['of'] == 'verdict' and float(r['shapley']) == f['shapley'] and float(r['own']) == f['own'] and
         float(r['baseline']) == f['baseline'] and int(r['rank']) == f['rank'], 'dominance R(a, b): %s' % r['factor'])
imp = {f['name']: f for f in js[3]['factors']}
want(len(dom) == 24 * 4, 'dominance R: %d records' % len(dom))
for name, f in imp.items():
    vals = [float(r['shapley']) for r in dom if r['factor'] == name]
    want(abs(sum(map(abs, vals)) / len(vals) - f['importance']) < 1e-12, 'dominance R: importance of %s' % name)
want(all(r['score'] == '' for r in plain + dom2), 'no score: empty')
print('\n'.join(bad) if bad else 'csv ok')
sys.exit(1 if bad else 0)
PY
check "csv read by python3: numbers as the JSON's" 0 $? "^csv ok$" "$tmp/out"
[ "$fail" -gt 0 ] && sed 's/^/     | /' "$tmp/out" | head -20


# coop sweep: one record a point in grid order, the same bytes for any -j
# and from shards merged; usage errors exit 2, runtime errors 1
sw() { "$coop" sweep -p 'elder_care.capacity=0.1:0.9:0.05' -p 'trust(elder_care, harbour_bank)=0.3,0.6' \
       --query 'count(alliance)' --query 'dominant(alliance(elder_care, harbour_bank))' \
       --query 'score(alliance(elder_care, acme))' "$@" examples/npo_enterprise.coop; }
sw -j 1 >"$tmp/j1" 2>"$tmp/err"; check "sweep -j 1" 0 $? '^0.45,0.6,2,key_figure,0.47166666666666673$' "$tmp/j1"
[ -s "$tmp/err" ] && { fail=$((fail + 1)); echo "FAIL: sweep said something on stderr"; }
check "sweep: the header, the axes then the queries" 0 0 \
    '^elder_care.capacity,"trust(elder_care, harbour_bank)",count(alliance),"dominant(alliance(elder_care, harbour_bank))","score(alliance(elder_care, acme))"$' "$tmp/j1"
[ "$(wc -l <"$tmp/j1")" = 35 ] || { fail=$((fail + 1)); echo "FAIL: sweep wrote $(wc -l <"$tmp/j1") lines, not 35"; }
for j in 2 3; do
    sw -j $j >"$tmp/j$j" 2>&1
    if cmp -s "$tmp/j1" "$tmp/j$j"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: sweep -j $j differs from -j 1"; fi
done
sw --format jsonl -j 2 >"$tmp/jl" 2>&1
check "sweep --format jsonl" 0 $? '^{"elder_care.capacity":0.45,"trust(elder_care, harbour_bank)":0.6,"count(alliance)":2,"dominant(alliance(elder_care, harbour_bank))":"key_figure","score(alliance(elder_care, acme))":0.47166666666666673}$' "$tmp/jl"
for fmt in csv jsonl; do
    sw --format $fmt -j 1 >"$tmp/one.$fmt" 2>&1
    for n in 1 2 7; do
        rm -f "$tmp"/shard-*
        k=0
        while [ $k -lt $n ]; do sw --format $fmt --shard $k/$n -o "$tmp/shard-$k" -j 2 2>>"$tmp/err"; k=$((k + 1)); done
        # shellcheck disable=SC2046
        "$coop" merge -o "$tmp/merged" $(ls "$tmp"/shard-* | sort -r) >"$tmp/out" 2>&1
        check "merge of $n $fmt shards" 0 $?
        if cmp -s "$tmp/merged" "$tmp/one.$fmt"; then pass=$((pass + 1))
        else fail=$((fail + 1)); echo "FAIL: $n $fmt shards merged differ from one run"; fi
    done
done
# more shards than the files coop merge may open (ulimit -n 16): it opens
# one at a time, the old one closed
rm -f "$tmp"/shard-*
k=0
while [ $k -lt 40 ]; do sw --shard $k/40 -o "$tmp/shard-$k" -j 1 2>>"$tmp/err"; k=$((k + 1)); done
# shellcheck disable=SC2046
(ulimit -n 16 && exec "$coop" merge -o "$tmp/merged" $(ls "$tmp"/shard-*)) >"$tmp/out" 2>&1
check "merge of 40 shards with 16 files open at most" 0 $?
if cmp -s "$tmp/merged" "$tmp/one.csv"; then pass=$((pass + 1))
else fail=$((fail + 1)); echo "FAIL: 40 shards merged under ulimit -n 16 differ from one run"; fi
rm -f "$tmp"/shard-*
k=0
while [ $k -lt 7 ]; do sw --shard $k/7 -o "$tmp/shard-$k" -j 2 2>>"$tmp/err"; k=$((k + 1)); done
"$coop" merge "$tmp/shard-0" "$tmp/shard-1" "$tmp/shard-3" >"$tmp/out" 2>&1
check "merge: shards missing" 1 $? "4 of the 7 shards are missing: 2/7, 4/7, 5/7, 6/7" "$tmp/out"
[ -s "$tmp/out" ] && grep -q '^{' "$tmp/out" && { fail=$((fail + 1)); echo "FAIL: a failed merge wrote records"; }
"$coop" merge "$tmp/one.csv" >"$tmp/out" 2>&1; check "merge: not a shard" 1 $? "not the output of a shard" "$tmp/out"
"$coop" merge >"$tmp/out" 2>&1; check "merge: no shards" 2 $? "coop merge needs the shards' files" "$tmp/out"
"$coop" merge -o "$tmp/shard-0" "$tmp/shard-0" >"$tmp/out" 2>&1; check "merge -o over a shard" 2 $? "would overwrite a shard" "$tmp/out"
# a record whose quote never closes (its file ending in a line end) is a shard cut short, not
# a record: merged, it would swallow every record after it in a CSV reader
sed '$ s/.*/0.5,"0.5,3/' "$tmp/shard-1" >"$tmp/quote" && mv "$tmp/quote" "$tmp/shard-1"
"$coop" merge -o "$tmp/merged" $(ls "$tmp"/shard-*) >"$tmp/out" 2>&1
check "merge: a quote left open in a shard's last record" 1 $? "its last record is cut short" "$tmp/out"
sw -o examples/npo_enterprise.coop >"$tmp/out" 2>&1; check "sweep -o over its model" 2 $? "would overwrite the model" "$tmp/out"
"$coop" sweep -p 'elder_care.capacty=0:1:0.1' --query 'count(alliance)' examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "sweep: unknown target" 2 $? "^-p:1:12: error: no actor has an attribute 'capacty'; did you mean 'capacity'?$" "$tmp/out"
for bad in 'elder_care.capacity=0:1:0|a step of 0' 'elder_care.capacity=1:0:0.1|write step -0.1' \
           'trust(elder_care, acme)=0:2:0.5|would be 2, outside its range 0 .. 1' 'elder_care.concerns=1,2|holds a set' \
           'elder_care.key_figure=0,1|takes true or false' 'elder_care.capacity=0,x|is not a number' \
           'elder_care.capacity=0x1|is not a number' 'elder_care.capacity=1e999|is too large' \
           'elder_care.capacity=0.5,nan|is not a number' \
           'trust(elder_care, acme)=0,4|^-p:1:27: error: trust(elder_care, acme) would be 4, outside its range 0 .. 1; decimal comma? write 0.4 (a list is written 0.4,0.5)$' \
           'trust(elder_care, acme)=0,05|would be 5, outside its range 0 .. 1; decimal comma? write 0.05 (a list is written 0.05,0.06)$' \
           'trust(elder_care, acme)=0,4,0,5|would be 4, outside its range 0 .. 1$' \
           'elder_care.capacity=0.1:0.5:0,1|^-p:1:21: error: a range is A:B:S (from A to B step S), and a list V1,V2,...; this is neither: decimal comma? write 0.1:0.5:0.1$' \
           'elder_care.capacity=0,1:0,5|this is neither$' \
           "elder_care.difference=0.1,0.2|^-p:1:12: error: 'difference' is a factor, not an attribute; factor difference reads n.orientation and e.orientation: write elder_care.orientation$" \
           "orientation=0.1,0.2|^-p:1:1: error: 'orientation' is an attribute, not a parameter: an axis names it of an actor, like elder_care.orientation$" \
           'elder_care.capacity=0.4:0.6:0.03|^-p:1:25: error: 0.6 is not on the grid of step 0.03 from 0.4 (the last value would be 0.58): write to 0.58, or a step that divides 0.2 such as 0.02, 0.04 or 0.05$'; do
    spec=${bad%%|*}; said=${bad#*|}
    "$coop" sweep -p "$spec" --query 'count(alliance)' tests/golden/sweep.coop >"$tmp/out" 2>&1
    check "sweep -p $spec" 2 $? "$said" "$tmp/out"
done
# NAME=VALUE written without its '=': said so, with the value that followed
"$coop" sweep -p w_trust 0:0.5:0.1 --query 'count(alliance)' examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "sweep -p NAME VALUES" 2 $? "^coop: -p w_trust: an axis is written NAME=VALUES (w_trust=0:0.5:0.1)$" "$tmp/out"
"$coop" sweep -p w_trust --query 'count(alliance)' examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "sweep -p NAME alone" 2 $? "^coop: -p w_trust: an axis is written NAME=VALUES (w_trust=A:B:S)$" "$tmp/out"
"$coop" sweep -D threshold 0.4 -p w_trust=0.1 --query 'count(alliance)' examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "sweep -D NAME VALUE" 2 $? "^coop: -D threshold: a parameter's value is written NAME=VALUE (threshold=0.4)$" "$tmp/out"
"$coop" sweep -p 'elder_care.capacity=1' --query 'count(aliance)' examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "sweep: bad query" 2 $? "^--query:1:7: error: unknown partnership 'aliance'" "$tmp/out"
"$coop" sweep -p 'x=1' -p 'elder_care.capacty=1' --query 'count(aliance)' --query 'y' examples/npo_enterprise.coop \
    >"$tmp/out" 2>&1
check "sweep: each bad axis and query said at its number" 2 $? "^--query:2:1: error: unknown name 'y'" "$tmp/out"
check "sweep: ... the second axis" 2 2 "^-p:2:12: error: no actor has an attribute 'capacty'" "$tmp/out"
# a query reads a value the axis gives an actor that has none (an empty
# cell); its column, named as the axis is, is told apart from it, and a
# query given twice is refused: every column has a name of its own
"$coop" sweep -p 'green_river.volunteers=10,20' --query 'green_river.volunteers' --query 'count(alliance)' \
    examples/shanghai_npos.coop >"$tmp/out" 2>&1
check "sweep: a query named as the axis is" 0 $? '^green_river.volunteers,green_river.volunteers (query),count(alliance)$' "$tmp/out"
check "sweep: ... reads the value the axis gives" 0 0 '^20,20,4$' "$tmp/out"
python3 -c 'import csv, sys; h = next(csv.reader(open(sys.argv[1]))); sys.exit(len(set(h)) != len(h))' "$tmp/out"
check "sweep: ... every column named once, as python3's csv reads them" 0 $?
"$coop" sweep -p 'w_trust=0.1' --query 'count(alliance)' --query 'w_trust' --query 'count(alliance)' \
    examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "sweep: a query given twice" 2 $? "^--query:3:1: error: this query is given twice (queries 1 and 3); give it once$" "$tmp/out"
"$coop" sweep --query 'count(alliance)' examples/npo_enterprise.coop >"$tmp/out" 2>&1; check "sweep: no axis" 2 $? "needs an axis" "$tmp/out"
"$coop" sweep -p 'elder_care.capacity=1' examples/npo_enterprise.coop >"$tmp/out" 2>&1; check "sweep: no query" 2 $? "needs a query" "$tmp/out"
for opt in '-j 0' '-j x' '--shard 2/2' '--shard 1' '--shard -1/2' '--format csvv' '--forse'; do
    # shellcheck disable=SC2086
    sw $opt >"$tmp/out" 2>&1; check "sweep $opt refused" 2 $? "^coop: " "$tmp/out"
done
sw --format csvv >"$tmp/out" 2>&1; check "sweep: a mistyped format" 2 $? "unknown format 'csvv'; did you mean 'csv'?" "$tmp/out"
"$coop" --seed 3 sweep -p 'elder_care.capacity=1' --query 'count(alliance)' examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "sweep after --seed" 0 $? "^1,3$" "$tmp/out"
"$coop" --format json sweep x >"$tmp/out" 2>&1; check "sweep's options after the word" 2 $? "takes its options after the word" "$tmp/out"
"$coop" sweep -p 'elder_care.capacity=1' --query 'count(alliance)' no/such.coop >"$tmp/out" 2>&1; check "sweep: no model" 1 $? "cannot open" "$tmp/out"
printf 'actor a : npo { c = 0.5 }\nactor b : enterprise {}\npartnership p(n: npo, e: enterprise) { factor x = 1 / n.c  forms when x > 1.5 }\n' >"$tmp/div.coop"
for j in 1 2; do
    "$coop" sweep -j $j -p 'a.c=1:0:-0.5' --query 'count(p)' "$tmp/div.coop" >"$tmp/out" 2>"$tmp/err"
    check "sweep -j $j: a runtime error at a point" 1 $? "note: at point 2 of the sweep: a.c = 0" "$tmp/err"
    check "sweep -j $j: the points before it are written" 1 1 "^0.5,1$" "$tmp/out"
    check "sweep -j $j: ... and said to be incomplete" 1 1 "^coop: stopped by the error above after 2 of 3 points; standard output holds the records of those points alone: it is incomplete$" "$tmp/err"
    "$coop" sweep -j $j -p 'a.c=1:0:-0.5' --query 'count(p)' -o "$tmp/o.csv" "$tmp/div.coop" >/dev/null 2>"$tmp/err"
    [ -e "$tmp/o.csv" ] && { fail=$((fail + 1)); echo "FAIL: -o written after a runtime error"; }
    check "sweep -j $j -o: said not written" 1 1 "^coop: stopped by the error above after 2 of 3 points; nothing written to $tmp/o.csv$" "$tmp/err"
done
# a shard to standard output that an error stopped cannot be unwritten: it
# is said to be incomplete, and coop merge refuses it
"$coop" sweep --shard 0/2 -p 'a.c=1:0:-0.5' --query 'count(p)' "$tmp/div.coop" >"$tmp/e0" 2>"$tmp/err"
check "sweep --shard to stdout: a runtime error" 1 $? "it is incomplete, and coop merge refuses it as a shard cut short$" "$tmp/err"
"$coop" sweep --shard 1/2 -p 'a.c=1:0:-0.5' --query 'count(p)' "$tmp/div.coop" >"$tmp/e1" 2>&1
check "sweep --shard: the other shard, whole" 0 $?
"$coop" merge "$tmp/e0" "$tmp/e1" >"$tmp/out" 2>"$tmp/err"
check "merge: a shard an error stopped" 1 $? "holds 1 of shard 0/2's 2 points: it was cut short (a run interrupted, or stopped by an error at a point)" "$tmp/err"
[ -s "$tmp/out" ] && { fail=$((fail + 1)); echo "FAIL: merge wrote records of a shard cut short"; }
ls "$tmp"/o.csv.* >/dev/null 2>&1 && { fail=$((fail + 1)); echo "FAIL: sweep left its temporary file"; }
# a script's sweep statement: its points in -j N worker processes, the same
# bytes for any N (its rows as text, JSON, CSV; its expectations under
# coop test; a runtime error after the rows before it)
for f in tests/golden/sweep.coop tests/golden/sweep_json.coop tests/golden/sweep_csv.coop \
         tests/golden/sweep_timeline.coop tests/bad/sweep_runtime.coop; do
    args=$(sed -n '1s/^# args: //p' "$f")
    for cmd in "${args:-run}" test; do
        # shellcheck disable=SC2086
        "$coop" $cmd -j 1 "$f" >"$tmp/s1" 2>&1; st1=$?
        for j in 2 3; do
            # shellcheck disable=SC2086
            "$coop" $cmd --jobs=$j "$f" >"$tmp/s$j" 2>&1
            if [ $? = $st1 ] && cmp -s "$tmp/s1" "$tmp/s$j"; then pass=$((pass + 1))
            else fail=$((fail + 1)); echo "FAIL: coop $cmd -j $j $f differs from -j 1"; fi
        done
    done
done
"$coop" check -j 2 examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "check -j refused" 2 $? "^coop: -j works only with coop run, test, repl and sweep" "$tmp/out"
"$coop" run -j 0 examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "run -j 0 refused" 2 $? "^coop: -j needs a number of processes from 1 to 4096, not '0'" "$tmp/out"
"$coop" -j 2 sweep x >"$tmp/out" 2>&1; check "sweep's -j after the word" 2 $? "takes its options after the word" "$tmp/out"
# -D: the parameters' values a sweep starts from, its axes set at each point;
# a shard of another -D is of another sweep
"$coop" sweep -D threshold=0.4 -p 'w_trust=0.1:0.3:0.1' --query 'count(alliance)' examples/npo_enterprise.coop \
    >"$tmp/out" 2>&1
check "sweep -D" 0 $? "^0.2,2$" "$tmp/out"
"$coop" sweep -p 'w_trust=0.1:0.3:0.1' --query 'count(alliance)' examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "sweep without -D" 0 $? "^0.2,1$" "$tmp/out"
"$coop" sweep -D w_trust=0.3 -p ' w_trust =0.1:0.3:0.1' --query 'count(alliance)' examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "sweep -D of the parameter an axis sweeps" 2 $? "^coop: -D w_trust=0.3: the axis -p  w_trust =0.1:0.3:0.1 sets w_trust at every point, so the -D would change nothing; give one of them$" "$tmp/out"
# -D checked alone first: an attribute is no parameter, whatever sweeps it
"$coop" sweep -p elder_care.capacity=0.1,0.5 -D elder_care.capacity=0.5 --query 'count(alliance)' \
    examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "sweep -D of the attribute an axis sweeps" 2 $? "^coop: -D elder_care.capacity=0.5: 'elder_care.capacity' is an actor's attribute, not a parameter, and -D sets parameters only" "$tmp/out"
"$coop" sweep -D w_trust=3 -p 'w_trust=0.1,0.3' --query 'count(alliance)' examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "sweep -D outside the range of the parameter an axis sweeps" 2 $? "^coop: -D w_trust=3: parameter 'w_trust' of examples/npo_enterprise.coop takes a value from 0 to 1, not 3$" "$tmp/out"
"$coop" sweep -D threshhold=0.4 -p 'w_trust=0.1' --query 'count(alliance)' examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "sweep -D of no parameter" 2 $? "unknown parameter 'threshhold'; did you mean 'threshold'?" "$tmp/out"
"$coop" sweep -D threshold=2 -p 'w_trust=0.1' --query 'count(alliance)' examples/npo_enterprise.coop >"$tmp/out" 2>&1
check "sweep -D outside the range" 2 $? "takes a value from 0 to 1, not 2" "$tmp/out"
"$coop" sweep --shard 0/2 -D threshold=0.4 -p 'w_trust=0.1:0.3:0.1' --query 'count(alliance)' \
    -o "$tmp/d0" examples/npo_enterprise.coop >/dev/null 2>&1
"$coop" sweep --shard 1/2 -p 'w_trust=0.1:0.3:0.1' --query 'count(alliance)' -o "$tmp/d1" examples/npo_enterprise.coop \
    >/dev/null 2>&1
"$coop" merge "$tmp/d0" "$tmp/d1" >"$tmp/out" 2>&1
check "merge: shards of other -D values" 1 $? "made from another model, or other -D values" "$tmp/out"
# the help names them
"$coop" --help >"$tmp/out" 2>&1; check "--help names sweep" 0 $? "^       coop sweep -p AXIS" "$tmp/out"
"$coop" --help >"$tmp/out" 2>&1; check "--help names merge" 0 $? "^       coop merge" "$tmp/out"
# a kill stops it between points: nothing half written, -o not written, 128 + the signal
"$coop" sweep -j 2 -p 'elder_care.capacity=0.000001:1:0.000001' --query 'count(alliance)' --force -o "$tmp/k.csv" \
    examples/npo_enterprise.coop >/dev/null 2>"$tmp/err" &
pid=$!
sleep 1
kill -TERM $pid
wait $pid
check "sweep killed: 128 + SIGTERM" 143 $? "^coop: stopped after [0-9]* of 1000000 points; nothing written to " "$tmp/err"
[ -e "$tmp/k.csv" ] || ls "$tmp"/k.csv.* >/dev/null 2>&1 && { fail=$((fail + 1)); echo "FAIL: a killed sweep left a file"; }
grep -q "$(printf '\r')" "$tmp/err" && { fail=$((fail + 1)); echo "FAIL: a progress bar on a stderr that is no terminal"; }
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
