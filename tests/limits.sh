#!/bin/sh
# limits.sh [--sanitizer] COOP - tests every limit of include/coop.h at and
# just beyond its edge: generates scripts into a temporary directory, runs
# COOP on each and checks the exit status and that the message names the
# limit; and that costs grow as docs/repl.md says (CPU time at two sizes)
# and memory stays within its bounds.
#   sh tests/limits.sh ./coop                        (make limits)
#   sh tests/limits.sh --sanitizer build/san/coop    (make limits SANITIZE=1)
# --sanitizer, for a build under ASan and UBSan, which distort time and
# memory: every limit's checks at and beyond its edge run as they do
# normally, but the cost checks run each of their two inputs once at a
# quarter of the sizes and check only what they print and that no
# sanitizer spoke (the same code paths, for memory errors), and the memory
# bounds are not measured (the long-line errors run without them).  The
# normal build measures costs and memory.
# Prints one line per check, then "limits: N passed, M failed"; exits 1 if
# any check failed.  Big inputs are written by awk, never built up in shell
# variables, so the whole run takes under a minute (under ASan too).

sanitizer=0
if [ "$1" = --sanitizer ]; then sanitizer=1; shift; fi
coop=${1:?usage: sh tests/limits.sh [--sanitizer] COOP}
case $coop in
/*) ;;
*) coop=$(pwd)/$coop ;;
esac
[ -x "$coop" ] || { echo "limits.sh: $coop is not executable" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/coop-limits.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'rm -rf "$tmp"; exit 2' INT TERM

# A hang is a failure too, when timeout(1) is there to notice it.
if command -v timeout >/dev/null 2>&1; then limit_time="timeout 120"; else limit_time=; fi

pass=0
fail=0
out=$tmp/out
# what AddressSanitizer, LeakSanitizer and UBSan print
sanitizer_re='Sanitizer|\.[ch]:[0-9]+:[0-9]+: runtime error'

# rep STR N: prints STR N times, no newline.
rep() {
    awk -v s="$1" -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'
}

# run NAME STATUS FILE ARGS...: runs COOP ARGS... FILE; passes if the exit
# status is STATUS; the output is left in $out for the checks that follow.
# Returns 1 (and counts a failure) otherwise.
run() {
    name=$1 want=$2 file=$3
    shift 3
    # shellcheck disable=SC2086
    $limit_time "$coop" "$@" "$file" >"$out" 2>&1
    got=$?
    if [ "$got" -ne "$want" ]; then
        why="exit status $got, expected $want"
        [ "$got" -ge 124 ] && why="$why (crash, hang or sanitizer report)"
        bad "$name" "$why"
        return 1
    fi
    if grep -q -E "$sanitizer_re" "$out"; then
        bad "$name" "sanitizer report"
        return 1
    fi
    return 0
}

ok() { pass=$((pass + 1)); echo "ok   $1"; }

bad() {
    fail=$((fail + 1))
    echo "FAIL $1: $2"
    if grep -q -E "$sanitizer_re" "$out"; then
        grep -E -e "$sanitizer_re" -e '^ *#[0-9] ' "$out" | head -12
    else
        sed -n "1,25p" "$out"
    fi | cut -c1-200 | sed 's/^/     | /'
}

# size N: N, the size of a cost check's input; a quarter of it under
# --sanitizer.
size() { echo $(($1 / (sanitizer ? 4 : 1))); }

# cpu IN CMD...: runs CMD with its input from IN (its output to $out) and
# sets $cpu to the CPU time it took, user and system, in milliseconds (the
# shell's `times`): a measure of work that a busy machine does not stretch
# as it does wall time.  The least of three runs: another process's burst
# (caches, memory bandwidth) only ever adds to a run.  Costs are compared
# between two sizes, never with a constant.  Under --sanitizer one run,
# whose time is not used.  A run a sanitizer spoke in is noted in $spoke,
# for grows to fail.
cpu() {
    input=$1
    shift
    cpu=
    try=$((sanitizer ? 2 : 0))
    while [ "$try" -lt 3 ]; do
        t=$( ( $limit_time "$@" <"$input" >"$out" 2>&1; times ) | awk 'END {
            for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] }
            printf "%d", t * 1000 + 0.5 }')
        if [ -z "$cpu" ] || [ "$t" -lt "$cpu" ]; then cpu=$t; fi
        grep -q -E "$sanitizer_re" "$out" && spoke="$spoke${spoke:+; }$*"
        try=$((try + 1))
    done
}
spoke=

# grows NAME SMALL BIG MAX: a cost that was SMALL at size n and is BIG at
# size 4n grew less than MAX times (linear: 4; quadratic: 16).  Under
# --sanitizer the cost is not compared: the check is that no run since the
# last grows made a sanitizer speak.
grows() {
    if [ -n "$spoke" ]; then
        bad "$1" "sanitizer report running $spoke"
    elif [ "$sanitizer" = 1 ]; then
        ok "$1 (not timed under the sanitizers: a quarter of the sizes ran clean)"
    else
        [ "$2" -gt 0 ] || set -- "$1" 1 "$3" "$4"
        if [ $(($3)) -lt $(($2 * $4)) ]; then ok "$1 ($2 ms, then $3 ms)"
        else bad "$1" "cost went from $2 ms to $3 ms for 4 times the size (limit: $4 times)"; fi
    fi
    spoke=
}

# tested_grows GEN NAME [N [EXPECTS [MAX]]]: the scripts `GEN N` and
# `GEN 4N` (N 20000 unless given), each with EXPECTS expectations (1), run
# by coop test: they pass, and the CPU time grows less than MAX times (8)
# for 4 times the size.
tested_grows() {
    tg_n=$(size "${3:-20000}") tg_max=${5:-8}
    "$1" "$tg_n" >"$tmp/grows_n.coop"
    "$1" $((4 * tg_n)) >"$tmp/grows_4n.coop"
    cpu /dev/null "$coop" test "$tmp/grows_n.coop"
    small=$cpu
    cpu /dev/null "$coop" test "$tmp/grows_4n.coop"
    if grep -q "${4:-1} passed, 0 failed" "$out"; then
        grows "$2: 4 times n, less than $tg_max times the time" "$small" "$cpu" "$tg_max"
    else
        bad "$2 (n = $((4 * tg_n)))" "the expectations did not pass"
    fi
    rm -f "$tmp"/grows_*.coop
}

# expect_ok NAME FILE [ARGS]: exit 0 and no error (default command: check).
expect_ok() {
    name=$1 file=$2
    shift 2
    [ $# -gt 0 ] || set -- check
    run "$name" 0 "$file" "$@" || return 1
    if grep -q ': error: ' "$out"; then bad "$name" "exit 0 but an error was printed"; return 1; fi
    ok "$name"
}

# expect_err NAME FILE TEXT [ARGS]: exit 1 and an error containing TEXT.
expect_err() {
    name=$1 file=$2 text=$3
    shift 3
    [ $# -gt 0 ] || set -- check
    run "$name" 1 "$file" "$@" || return 1
    if ! grep -F -e "$text" "$out" | grep -q -e 'error: '; then
        bad "$name" "no error saying: $text"
        return 1
    fi
    ok "$name"
}

# has NAME TEXT: the last run's output contains TEXT.
has() {
    if grep -q -F -e "$2" "$out"; then ok "$1"; else bad "$1" "output lacks: $2"; fi
}

# ---- COOP_MAX_FILE_SIZE: 16 MiB ----------------------------------------
max_size=16777216
f=$tmp/size_at.coop
head='actor a : npo { c = 1 }'
# the first line, then "# " and padding up to exactly max_size bytes
pad=$((max_size - ${#head} - 1 - 3))
{
    printf '%s\n# ' "$head"
    chunk=$(rep x 4096)
    rep "$chunk" $((pad / 4096))
    rep x $((pad % 4096))
    printf '\n'
} >"$f"
size=$(wc -c <"$f" | tr -d ' ')
if [ "$size" -eq "$max_size" ]; then
    expect_ok "file of exactly $max_size bytes is read" "$f"
else
    bad "file of exactly $max_size bytes is read" "generator wrote $size bytes"
fi
printf 'x' >>"$f"
expect_err "file of $((max_size + 1)) bytes is refused" "$f" "$max_size"
rm -f "$f"

# ---- COOP_MAX_TOKEN_LEN: 1024 bytes ------------------------------------
# identifier: an actor's name
gen_ident() { printf 'actor '; rep a "$1"; printf ' : npo { c = 1 }\n'; }
gen_ident 1024 >"$tmp/ident_at.coop"
expect_ok "identifier of 1024 bytes" "$tmp/ident_at.coop"
gen_ident 1025 >"$tmp/ident_over.coop"
expect_err "identifier of 1025 bytes" "$tmp/ident_over.coop" "identifier is 1025 bytes long; the limit is 1024"

# a UTF-8 identifier: 512 two-byte characters are 1024 bytes
gen_utf8() { printf 'actor '; rep 'é' "$1"; printf '%s : npo { c = 1 }\n' "$2"; }
gen_utf8 512 '' >"$tmp/utf8_at.coop"
expect_ok "UTF-8 identifier of 1024 bytes (512 characters)" "$tmp/utf8_at.coop"
gen_utf8 512 'a' >"$tmp/utf8_over.coop"
expect_err "UTF-8 identifier of 1025 bytes" "$tmp/utf8_over.coop" "identifier is 1025 bytes long; the limit is 1024"

# string: an actor's label.  The token is counted with its two quotes, so
# a 1024-byte string token holds 1022 bytes of text.
gen_string() { printf 'actor a : npo "'; rep s $(($1 - 2)); printf '" { c = 1 }\n'; }
gen_string 1024 >"$tmp/string_at.coop"
expect_ok "string of 1024 bytes (quotes included)" "$tmp/string_at.coop"
gen_string 1025 >"$tmp/string_over.coop"
expect_err "string of 1025 bytes (quotes included)" "$tmp/string_over.coop" "string is 1025 bytes long; the limit is 1024"

# number: 0.000...01
gen_number() { printf 'actor a : npo { c = 0.1'; rep 0 $(($1 - 4)); printf '1 }\n'; } # 0.1000...0001, not 0
gen_number 1024 >"$tmp/number_at.coop"
expect_ok "number of 1024 bytes" "$tmp/number_at.coop"
gen_number 1025 >"$tmp/number_over.coop"
expect_err "number of 1025 bytes" "$tmp/number_over.coop" "number is 1025 bytes long; the limit is 1024"

# ---- COOP_MAX_DEPTH: 200 levels ----------------------------------------
# parentheses, in a statement at the top level (no enclosing brace)
gen_parens() { printf 'expect '; rep '(' "$1"; printf 'true'; rep ')' "$1"; printf '\n'; }
gen_parens 200 >"$tmp/parens_at.coop"
expect_ok "parentheses nested 200 deep" "$tmp/parens_at.coop"
gen_parens 201 >"$tmp/parens_over.coop"
expect_err "parentheses nested 201 deep" "$tmp/parens_over.coop" "the limit is 200 levels"

# an operator chain: 0 + 1 + ... is a left-leaning tree; a leaf is one
# level, each '+' one more: n additions make n + 1 levels
gen_sum() { printf 'actor a : npo { c = 0'; rep ' + 1' "$1"; printf ' }\n'; }
gen_sum 199 >"$tmp/sum_at.coop"
expect_ok "a sum 200 levels deep" "$tmp/sum_at.coop"
gen_sum 200 >"$tmp/sum_over.coop"
expect_err "a sum 201 levels deep" "$tmp/sum_over.coop" "expression is nested too deeply; the limit is 200 levels"

# prefix operators: - - - 1 and not not not true
gen_neg() { printf 'actor a : npo { c = '; rep '- ' "$1"; printf '1 }\n'; }
gen_neg 199 >"$tmp/neg_at.coop"
expect_ok "199 minus signs (200 levels)" "$tmp/neg_at.coop"
gen_neg 200 >"$tmp/neg_over.coop"
expect_err "200 minus signs (201 levels)" "$tmp/neg_over.coop" "the limit is 200 levels"
# (an odd number of nots in front of false, an even number in front of true:
# the expectation holds)
gen_not() { printf 'expect '; rep 'not ' "$1"; [ $(($1 % 2)) -eq 1 ] && printf 'false\n' || printf 'true\n'; }
gen_not 199 >"$tmp/not_at.coop"
expect_ok "199 nots (200 levels)" "$tmp/not_at.coop" run
gen_not 200 >"$tmp/not_over.coop"
expect_err "200 nots (201 levels)" "$tmp/not_over.coop" "the limit is 200 levels"

# an expression at the limit is evaluated, not just accepted
{
    printf 'actor a : npo { c = 0.5 }\nactor b : enterprise { c = 1 }\n'
    printf 'partnership p(n: npo, e: enterprise) {\n  factor f = 0'
    rep ' + n.c' 199
    printf '\n  forms when f > 99\n}\nexpect p(a, b)\n'
} >"$tmp/sum_factor.coop"
expect_ok "a factor 200 levels deep is evaluated" "$tmp/sum_factor.coop" run

# far beyond: refused with the limit's message, never a crash
gen_not 100000 >"$tmp/not_deep.coop"
expect_err "100000 nots" "$tmp/not_deep.coop" "the limit is 200 levels"
gen_neg 100000 >"$tmp/neg_deep.coop"
expect_err "100000 minus signs" "$tmp/neg_deep.coop" "the limit is 200 levels"
gen_sum 100000 >"$tmp/sum_deep.coop"
expect_err "a sum of 100000 terms" "$tmp/sum_deep.coop" "the limit is 200 levels"
gen_parens 100000 >"$tmp/parens_deep.coop"
expect_err "100000 parentheses" "$tmp/parens_deep.coop" "the limit is 200 levels"
{ printf 'expect '; rep 'abs(' 100000; printf '1'; rep ')' 100000; printf ' > 0\n'; } >"$tmp/calls_deep.coop"
expect_err "100000 nested calls" "$tmp/calls_deep.coop" "the limit is 200 levels"
# several over-deep statements: each reported, none crashes
{ gen_not 300; gen_neg 300; gen_not 300; } >"$tmp/deep_many.coop"
expect_err "three over-deep statements" "$tmp/deep_many.coop" "the limit is 200 levels"

# ---- COOP_MAX_FACTORS: 64 ----------------------------------------------
gen_factors() {
    awk -v k="$1" 'BEGIN {
        print "actor a : npo { c = 0.5 }"
        print "actor b : enterprise { c = 0.7 }"
        print "partnership p(n: npo, e: enterprise) {"
        for (i = 0; i < k; i++) printf "  factor f%d = n.c\n", i
        print "  forms when f0 > 0.1"
        print "}"
        print "expect p(a, b)"
    }'
}
gen_factors 64 >"$tmp/factors_at.coop"
expect_ok "64 factors" "$tmp/factors_at.coop" run
gen_factors 65 >"$tmp/factors_over.coop"
expect_err "65 factors" "$tmp/factors_over.coop" "has 65 factors; the limit is 64"

# ---- COOP_MAX_REQUIREMENTS: 64 ------------------------------------------
# requirement ri is bid.x >= i: bidder a0 meets all, a1 (x = 62.5) fails
# only the last, whose bit is the top one of a bid's failed set
gen_requirements() {
    awk -v k="$1" 'BEGIN {
        print "actor g : government {}"
        print "actor a0 : association {}"
        print "actor a1 : association {}"
        print "tender t(a: association) {"
        print "  buyer = g"
        for (i = 0; i < k; i++) printf "  require r%d = bid.x >= %d\n", i, i
        print "  factor x = bid.x"
        print "  score = x"
        print "}"
        print "bid t by a0 { x = 100 }"
        print "bid t by a1 { x = 62.5 }"
        print "show t"
        print "expect winner(t) == a0"
        print "expect not eligible(t, a1)"
    }'
}
gen_requirements 64 >"$tmp/requirements_at.coop"
if expect_ok "64 requirements" "$tmp/requirements_at.coop" run; then
    has "64 requirements: the last one failed is recorded" " (62.5000)  r63"
fi
gen_requirements 65 >"$tmp/requirements_over.coop"
expect_err "65 requirements" "$tmp/requirements_over.coop" "has 65 requirements; the limit is 64"

# ---- a tender's tie keys and settings: no limit, linear ------------------
# 200,000 tie keys, all equal for two bids: the ranking goes key by key
# without a stack frame per key (it recursed once per key, and overflowed)
awk 'BEGIN {
    print "actor g : government {}"
    print "actor a0 : association {}"
    print "actor a1 : association {}"
    print "tender t(a: association) {"
    print "  buyer = g"
    print "  factor x = bid.x"
    print "  score = x"
    printf "  tie lowest bid.p"
    for (i = 1; i < 200000; i++) printf ", lowest bid.p"
    print ""
    print "}"
    print "bid t by a0 { x = 1  p = 1 }"
    print "bid t by a1 { x = 1  p = 1 }"
    print "expect status(t) == tied"
}' >"$tmp/tie_keys.coop"
expect_ok "200000 tie keys" "$tmp/tie_keys.coop" test
# 100,000 settings of one name: each said twice against the first only
# (each was compared with, and said against, every one before it)
awk 'BEGIN {
    print "actor g : government {}"
    print "actor a0 : association {}"
    print "tender t(a: association) {"
    print "  buyer = g"
    for (i = 0; i < 100000; i++) print "  budget = 1"
    print "  award lowest bid.p"
    print "}"
    print "bid t by a0 { p = 1 }"
}' >"$tmp/settings_twice.coop"
expect_err "100000 settings of one name" "$tmp/settings_twice.coop" "tender 't' sets 'budget' twice"

# ---- COOP_MAX_OBLIGATIONS: 64 -------------------------------------------
# obligation oi is supplier.x >= i and the supplier's x is 62.5: all met but
# the last, which a partnership reads (the index compiled into its code)
gen_obligations() {
    awk -v k="$1" 'BEGIN {
        print "actor g : government {}"
        print "actor s : npo { x = 62.5 }"
        print "contract c(buyer = g, supplier = s) {"
        print "  term = 1"
        for (i = 0; i < k; i++) printf "  oblige supplier o%d = supplier.x >= %d\n", i, i
        print "}"
        print "partnership p(b: government, n: npo) {"
        printf "  factor last = violated(c.o%d)\n", k - 1
        print "  forms when last"
        print "}"
        print "show c"
        printf "expect violated(c.o%d)\n", k - 1
        printf "expect met(c.o%d)\n", k - 2
        print "expect p(g, s)"
    }'
}
gen_obligations 64 >"$tmp/obligations_at.coop"
if expect_ok "64 obligations" "$tmp/obligations_at.coop" run; then
    has "64 obligations: the last one is violated" "o63         supplier  violated"
fi
gen_obligations 65 >"$tmp/obligations_over.coop"
expect_err "65 obligations" "$tmp/obligations_over.coop" "has 65 obligations; the limit is 64"

# ---- COOP_MAX_PARAMS: 8 --------------------------------------------------
# a rule with k npo parameters over k npo actors (one tuple), reading a
# relation of k arguments
gen_params() {
    awk -v k="$1" 'BEGIN {
        for (i = 0; i < k; i++) printf "actor a%d : npo { c = %d }\n", i, i
        printf "relation r("
        for (i = 0; i < k; i++) printf "%snpo", i ? ", " : ""
        print ") default 0"
        printf "r("
        for (i = 0; i < k; i++) printf "%sa%d", i ? ", " : "", i
        print ") = 1"
        printf "partnership p("
        for (i = 0; i < k; i++) printf "%sp%d: npo", i ? ", " : "", i
        print ") {"
        printf "  factor rel = r("
        for (i = 0; i < k; i++) printf "%sp%d", i ? ", " : "", i
        print ")"
        printf "  factor last = p%d.c\n", k - 1
        print "  forms when rel == 1"
        print "}"
        print "show p"
        printf "expect p("
        for (i = 0; i < k; i++) printf "%sa%d", i ? ", " : "", i
        print ")"
        print "expect count(p) == 1"
    }'
}
gen_params 8 >"$tmp/params_at.coop"
expect_ok "8 parameters and a relation of 8 arguments" "$tmp/params_at.coop" run &&
    has "8 parameters: the one tuple is shown and forms" "1 of 1 tuple forms"
gen_params 9 >"$tmp/params_over.coop"
expect_err "9 parameters" "$tmp/params_over.coop" "has 9 parameters; the limit is 8"
expect_err "a relation of 9 arguments" "$tmp/params_over.coop" "relation 'r' has 9 arguments; the limit is 8"

# ---- COOP_MAX_MODEL_PARAMS: 4096 -------------------------------------------
# parameters p0 .. p(k-1), each i / 10000 in 0 .. 1; a rule reads the last
# (its index compiled into its code, a world's last value), a statement the
# first and the last; -D sets the last
gen_model_params() {
    awk -v k="$1" 'BEGIN {
        for (i = 0; i < k; i++) printf "param p%d = %.4f range 0 .. 1\n", i, i / 10000
        print "actor a : npo { c = 1 }"
        print "actor b : enterprise { c = 1 }"
        printf "partnership r(n: npo, e: enterprise) { factor f = n.c * p%d  forms when f > 0.4 }\n", k - 1
        printf "expect p0 == 0 and p%d == %.4f\n", k - 1, (k - 1) / 10000
        print "expect r(a, b)"
    }'
}
gen_model_params 4096 >"$tmp/model_params_at.coop"
if expect_ok "4096 parameters" "$tmp/model_params_at.coop" test; then
    run "4096 parameters: -D the last" 1 "$tmp/model_params_at.coop" test -D p4095=0.1 &&
        has "4096 parameters: -D the last moves its rule" "expected r(a, b) but got does not form"
fi
gen_model_params 4097 >"$tmp/model_params_over.coop"
expect_err "4097 parameters" "$tmp/model_params_over.coop" \
    "a model has at most 4096 parameters (COOP_MAX_MODEL_PARAMS); 'p4096' is one more"

# ---- COOP_MAX_AGG_DEPTH: 4 aggregates nested ------------------------------
# k sums nested in a factor of a rule of 8 npo parameters over 8 npo actors
# (c = 0..7; the one tuple), the innermost reading p7 too: every slot of the
# evaluator's tuple in use (8 parameters, 4 bound names); and the same k
# deep in a statement.  S = sum of x.c + S inside, 28 + 8 S; innermost
# 28 + 8 * 7.
gen_aggs() {
    awk -v k="$1" 'BEGIN {
        for (i = 0; i < 8; i++) printf "actor a%d : npo { c = %d }\n", i, i
        s = ""
        for (i = 0; i < k; i++) s = s sprintf("sum(x%d.c + ", i)
        s = s "p7.c"
        for (i = k - 1; i >= 0; i--) s = s sprintf(" for x%d: npo)", i)
        want = 28 + 8 * 7
        for (i = 1; i < k; i++) want = 28 + 8 * want
        printf "partnership p("
        for (i = 0; i < 8; i++) printf "%sp%d: npo", i ? ", " : "", i
        print ") {"
        print "  factor f = " s
        print "  forms when f > 0"
        print "}"
        printf "expect value(p(a0, a1, a2, a3, a4, a5, a6, a7), f) == %d\n", want
        t = s
        gsub(/p7\.c/, "a7.c", t)
        printf "expect %s == %d\n", t, want
    }'
}
gen_aggs 4 >"$tmp/aggs_at.coop"
expect_ok "aggregates nested 4 deep beside 8 parameters" "$tmp/aggs_at.coop" test &&
    has "4 deep: both values as worked out" "2 passed, 0 failed"
gen_aggs 5 >"$tmp/aggs_over.coop"
expect_err "aggregates nested 5 deep" "$tmp/aggs_over.coop" "aggregates nest more than 4 deep here; the limit is 4"
# a hoisted aggregate (it reads no parameter) in a rule of n tuples over n
# actors is worked out once, not per tuple: the cost grows with n, not n^2
gen_hoisted() {
    awk -v n="$1" 'BEGIN {
        for (i = 0; i < n; i++) printf "actor a%d : npo { c = %d }\n", i, i % 97 + 1
        print "actor e : enterprise { c = 1 }"
        print "partnership p(a: npo, b: enterprise) {"
        print "  factor share = a.c / highest(x.c for x: npo)"
        print "  forms when share > 0.5"
        print "}"
        print "expect count(p) > 0"
    }'
}
tested_grows gen_hoisted "a hoisted aggregate over n actors in a rule of n tuples"
# an aggregate over a tender's eligible bids is a level too: k - 1 sums
# over the 4 associations (c = 0..3) around lowest(bid.price), the lowest
# eligible price (10: a0's 5 fails the requirement).  S = 6 + 4 S inside.
# With r, the requirement holds r counts nested as well (each true: some
# x has x.c <= a.c + 3), binding the names the sums bind: inside
# lowest(bid.price) it is read for each bid as written, r deep (not k + r)
# and without the sums' names, above the slots they use (2 + k + r).
gen_bid_aggs() {
    awk -v k="$1" -v r="${2:-0}" 'BEGIN {
        split("5 20 10 30", price, " ")
        print "actor bureau : government {}"
        for (i = 0; i < 4; i++) printf "actor a%d : association { c = %d }\n", i, i
        s = ""
        for (i = 0; i < k - 1; i++) s = s sprintf("sum(x%d.c + ", i)
        s = s "lowest(bid.price)"
        for (i = k - 2; i >= 0; i--) s = s sprintf(" for x%d: association)", i)
        want = 10
        for (i = 1; i < k; i++) want = 6 + 4 * want
        q = ""
        for (i = 0; i < r; i++) q = q sprintf("count(x%d: association where ", i)
        q = q (r ? sprintf("x%d.c <= a.c + 3", r - 1) : "")
        for (i = r - 1; i >= 0; i--) q = q ") >= 1"
        print "tender t(a: association) {"
        print "  buyer = bureau"
        print "  require priced = bid.price > 5" (r ? " and " q : "")
        print "  factor f = " s
        print "  score = f"
        print "}"
        for (i = 0; i < 4; i++) printf "bid t by a%d { price = %d }\n", i, price[i + 1]
        printf "expect value(t(a1), f) == %d\n", want
    }'
}
gen_bid_aggs 4 >"$tmp/aggs_bids_at.coop"
expect_ok "lowest(bid.price) inside 3 aggregates: 4 deep" "$tmp/aggs_bids_at.coop" test &&
    has "lowest(bid.price) 4 deep: its value as worked out" "1 passed, 0 failed"
gen_bid_aggs 5 >"$tmp/aggs_bids_over.coop"
expect_err "lowest(bid.price) inside 4 aggregates: 5 deep" "$tmp/aggs_bids_over.coop" \
    "aggregates nest more than 4 deep here; the limit is 4"
gen_bid_aggs 4 4 >"$tmp/aggs_bids_req_at.coop"
expect_ok "a requirement 4 deep, read by lowest(bid.price) 4 deep" "$tmp/aggs_bids_req_at.coop" test &&
    has "a requirement 4 deep: the value as worked out" "1 passed, 0 failed"
gen_bid_aggs 1 5 >"$tmp/aggs_bids_req_over.coop"
expect_err "a requirement 5 deep, read by lowest(bid.price)" "$tmp/aggs_bids_req_over.coop" \
    "aggregates nest more than 4 deep here; the limit is 4"
# lowest(bid.price) in a tender of n bids is worked out once, not per bid:
# the cost of ranking grows with n, not n^2
gen_bids() {
    awk -v n="$1" 'BEGIN {
        print "actor bureau : government {}"
        for (i = 0; i < n; i++) printf "actor a%d : association { years = %d }\n", i, i % 7
        print "tender t(a: association) {"
        print "  buyer = bureau"
        print "  require registered = a.years >= 2"
        print "  factor price = lowest(bid.price) / bid.price"
        print "  score = price"
        print "}"
        for (i = 0; i < n; i++) printf "bid t by a%d { price = %d }\n", i, 1000 + (i * 7919) % 100000
        print "expect status(t) == awarded"
    }'
}
tested_grows gen_bids "lowest(bid.price) over n bids, ranking n bids"
rm -f "$tmp"/aggs_*.coop

# ---- COOP_MAX_ATTR_CELLS: 16,777,216 (actors x attribute names) ----------
# one actor sets k attribute names, n - 1 more actors set one of them
gen_cells() {
    awk -v n="$1" -v k="$2" 'BEGIN {
        printf "actor a0 : npo {"
        for (i = 0; i < k; i++) printf " x%d = 1", i
        print " }"
        for (i = 1; i < n; i++) printf "actor a%d : npo { x0 = 1 }\n", i
    }'
}
gen_cells 4096 4096 >"$tmp/cells_at.coop"
expect_ok "4096 actors x 4096 attribute names = 16777216 cells" "$tmp/cells_at.coop"
gen_cells 4097 4096 >"$tmp/cells_over.coop"
expect_err "4097 actors x 4096 attribute names" "$tmp/cells_over.coop" \
    "4097 actors with 4096 attribute names make 16781312 attribute cells; the limit is 16777216"
gen_cells 4096 4097 >"$tmp/cells_over2.coop"
expect_err "4096 actors x 4097 attribute names" "$tmp/cells_over2.coop" "the limit is 16777216"
rm -f "$tmp"/cells_*.coop

# ---- compiled code names relations in 16 bits (docs/language.md, Limits) ----
# n relations; the rule reads the last one, number n - 1 counting from 0
gen_rels() {
    awk -v n="$1" 'BEGIN {
        print "actor a : npo { c = 1 }"
        print "actor b : enterprise { c = 1 }"
        for (i = 0; i < n - 1; i++) printf "relation d%d(npo) default 0\n", i
        print "relation last(npo, enterprise) default 0.5"
        print "partnership p(n: npo, e: enterprise) {"
        print "  factor t = last(n, e)"
        print "  forms when t > 0.25"
        print "}"
        print "expect p(a, b)"
    }'
}
gen_rels 65536 >"$tmp/rels_at.coop"
expect_ok "a rule reading relation 65535 (of 65536)" "$tmp/rels_at.coop" run
gen_rels 65537 >"$tmp/rels_over.coop"
expect_err "a rule reading relation 65536 (of 65537)" "$tmp/rels_over.coop" "is too large to compile"
rm -f "$tmp"/rels_*.coop

# ---- COOP_MAX_STEPS: 100,000 ----------------------------------------------
# 100,000 months from 0001-01 end at 8334-04, 100,000 days at 0274-10-16; an
# event every month (day) acts at each step, its last the timeline's last
gen_steps() {
    printf 'actor a : npo { x = 0 }\ntimeline %s .. %s by %s\n' "$1" "$2" "$3"
    printf 'event tick every %s { a.x += 1 }\n' "$3"
}
gen_steps 0001-01 8334-04 month >"$tmp/steps_at.coop"
expect_ok "a timeline of 100000 months" "$tmp/steps_at.coop"
gen_steps 0001-01 8334-05 month >"$tmp/steps_over.coop"
expect_err "a timeline of 100001 months" "$tmp/steps_over.coop" \
    "the timeline from 0001-01 to 8334-05 by month has 100001 steps; the limit is 100000"
gen_steps 0001-01-01 0274-10-16 day >"$tmp/steps_at.coop"
expect_ok "a timeline of 100000 days" "$tmp/steps_at.coop"
gen_steps 0001-01-01 0274-10-17 day >"$tmp/steps_over.coop"
expect_err "a timeline of 100001 days" "$tmp/steps_over.coop" "has 100001 steps; the limit is 100000"
rm -f "$tmp"/steps_*.coop

# ---- COOP_MAX_EVENT_STEPS: 4,194,304 -------------------------------------
# on that timeline of 100,000 months, 41 events every month act at 4,100,000
# steps; one more every month up to 7859-08 (step 94,303) at 94,304: the limit
gen_event_steps() {
    awk -v last="$1" 'BEGIN {
        print "actor a : npo { x = 0 }"
        print "timeline 0001-01 .. 8334-04 by month"
        for (i = 0; i < 41; i++) printf "event e%d every month { a.x += 1 }\n", i
        printf "event last every month to %s { a.x += 1 }\n", last
        print "expect a.x == 4194304"
    }'
}
gen_event_steps 7859-08 >"$tmp/event_steps_at.coop"
expect_ok "events acting at 4194304 steps" "$tmp/event_steps_at.coop" test
gen_event_steps 7859-09 >"$tmp/event_steps_over.coop"
expect_err "events acting at 4194305 steps" "$tmp/event_steps_over.coop" \
    "with event 'last' the dated and recurring events act at 4194305 steps; the limit is 4194304"
rm -f "$tmp"/event_steps_*.coop

# ---- COOP_MAX_DUE_STEPS: 4,194,304 ---------------------------------------
# the same for contracts' obligations: on 100,000 months, 41 obligations due
# every month fall due at 4,100,000 steps, one more up to 7859-08 at 94,304;
# at the limit, the records of all 42 are kept and read
gen_due_steps() {
    awk -v last="$1" 'BEGIN {
        print "actor b : government {}"
        print "actor s : npo { ok = true }"
        print "timeline 0001-01 .. 8334-04 by month"
        print "contract c(buyer = b, supplier = s) {"
        print "  term = 1"
        for (i = 0; i < 41; i++) printf "  oblige supplier o%d = supplier.ok every month\n", i
        printf "  oblige supplier last = supplier.ok every month to %s\n", last
        print "}"
        print "expect met(c.last) and met(c.o40) and met_at(c.last) == 0001-01"
    }'
}
gen_due_steps 7859-08 >"$tmp/due_steps_at.coop"
expect_ok "obligations due at 4194304 steps" "$tmp/due_steps_at.coop" test
gen_due_steps 7859-09 >"$tmp/due_steps_over.coop"
expect_err "obligations due at 4194305 steps" "$tmp/due_steps_over.coop" \
    "with obligation 'last' of contract 'c' the dated obligations fall due at 4194305 steps; the limit is 4194304"
rm -f "$tmp"/due_steps_*.coop

# ---- COOP_MAX_GRID_CELLS: 1,048,576 ---------------------------------------
# 1,024 days of a daily timeline, shown by day: 1,024 tuples (or an actor's
# 1,024 relation values) keep 1,048,576 cells, one more is past the limit;
# as CSV, which keeps no cell, show R by day has none
gen_grid() {
    awk -v n="$1" -v what="$2" 'BEGIN {
        print "timeline 2000-01-01 .. 2002-10-20 by day"
        print "actor g : government { x = 0 }"
        print "relation trust(government, npo) default 0"
        for (i = 0; i < n; i++) printf "actor n%d : npo {}\ntrust(g, n%d) = 0.5\n", i, i
        print "event tick every 7 day { g.x += 1 }"
        print "partnership p(g: government, n: npo) {"
        print "  factor x = g.x"
        print "  forms when x >= 100"
        print "}"
        print what
    }'
}
gen_grid 1024 "show p by day" >"$tmp/grid_at.coop"
expect_ok "show p by day: 1024 tuples x 1024 days" "$tmp/grid_at.coop" run
has "the grid's last line" "at 2002-10-20: 1024 of 1024 tuples form; 1024 flip from 2000-01-01 to 2002-10-20"
gen_grid 1025 "show p by day" >"$tmp/grid_over.coop"
expect_err "show p by day: 1025 tuples x 1024 days" "$tmp/grid_over.coop" \
    "this show keeps each of its 1025 tuples in each of its 1024 days: 1049600, more than the limit of 1048576 (COOP_MAX_GRID_CELLS)" run
expect_ok "show p by day as CSV: no cells kept" "$tmp/grid_over.coop" run --format csv
has "the CSV's last record" "2002-10-20,g,n1024,1,"
gen_grid 1023 "show world(g) by day" >"$tmp/grid_at.coop"
expect_ok "show world(g) by day: 1024 values x 1024 days" "$tmp/grid_at.coop" run
gen_grid 1024 "show world(g) by day" >"$tmp/grid_over.coop"
expect_err "show world(g) by day: 1025 values x 1024 days" "$tmp/grid_over.coop" \
    "this show keeps each of its 1025 values in each of its 1024 days: 1049600, more than the limit" run --format csv
rm -f "$tmp"/grid_*.coop

# ---- COOP_MAX_TUPLES: 100,000,000 -----------------------------------------
gen_tuples() {
    awk -v n="$1" -v m="$2" 'BEGIN {
        for (i = 0; i < n; i++) printf "actor n%d : npo { c = 1 }\n", i
        for (i = 0; i < m; i++) printf "actor e%d : enterprise { c = 1 }\n", i
        print "partnership p(n: npo, e: enterprise) {"
        print "  factor c = n.c"
        print "  forms when c > 0"
        print "}"
    }'
}
gen_tuples 10000 10000 >"$tmp/tuples_at.coop"
expect_ok "a rule over 10000 x 10000 = 100000000 tuples" "$tmp/tuples_at.coop"
gen_tuples 10001 10000 >"$tmp/tuples_over.coop"
expect_err "a rule over 10001 x 10000 tuples" "$tmp/tuples_over.coop" "more than 100000000 tuples"
rm -f "$tmp/tuples_at.coop" "$tmp/tuples_over.coop"
# parameters of one kind: an ordered rule counts both orders of each pair
gen_same() {
    awk -v n="$1" -v ordered="$2" 'BEGIN {
        for (i = 0; i < n; i++) printf "actor n%d : npo { c = 1 }\n", i
        printf "partnership p(a, b: npo)%s {\n", ordered
        print "  factor c = a.c"
        print "  forms when c > 0"
        print "}"
    }'
}
gen_same 10000 " ordered" >"$tmp/same_at.coop"
expect_ok "an ordered rule over 10000 x 9999 = 99990000 pairs" "$tmp/same_at.coop"
gen_same 10001 " ordered" >"$tmp/same_over.coop"
expect_err "an ordered rule over 10001 x 10000 pairs" "$tmp/same_over.coop" "more than 100000000 tuples"
gen_same 10001 "" >"$tmp/same_over.coop"
expect_ok "the same rule unordered: 10001 x 10000 / 2 pairs" "$tmp/same_over.coop"
rm -f "$tmp/same_at.coop" "$tmp/same_over.coop"

# ---- COOP_EVENT_SHAPLEY_EXACT_MAX: 12, COOP_MAX_EVENT_PLAYERS: 64 ------------
# gen_players N: N events each adding 1 to a.x in its own year of a yearly
# timeline, and dominance by events of a rule that reads it.
# tests/test_evshap.c tests the limits through the library too.
gen_players() {
    awk -v n="$1" 'BEGIN {
        printf "timeline 2000 .. %d by year\n", 1999 + n
        print "actor a : npo { x = 0 }"
        print "actor g : government { x = 0 }"
        for (i = 0; i < n; i++) printf "event e%d at %d { a.x += 1 }\n", i, 2000 + i
        print "partnership p(g: government, n: npo) {"
        print "  factor x = n.x"
        print "  score = x"
        print "  forms when x >= 1"
        print "}"
        print "dominance p(g, a) by events"
    }'
}
gen_players 12 >"$tmp/players.coop"
if run "12 events as players: exact" 0 "$tmp/players.coop" run; then
    has "12 events as players: exact" "exact, over all 4096 coalitions of 12 events"
fi
gen_players 13 >"$tmp/players.coop"
if run "13 events as players: sampled" 0 "$tmp/players.coop" run; then
    has "13 events as players: sampled" "sampled: 1000 orders of 13 events"
fi
gen_players 65 >"$tmp/players.coop"
expect_err "65 events as players" "$tmp/players.coop" \
    "the Shapley values of events take at most 64 dated or recurring events as players, and this model has 65" run
rm -f "$tmp/players.coop"

# ---- COOP_EVENT_SHAPLEY_WORK: 16,777,216 steps run -------------------------
# 12 events in the first days of a daily timeline: their 4,096 coalitions
# run 4,096 steps each to 2011-03-19, the 4,096th day (at the limit), one
# more to the next day (refused before any run, with the count and the
# last date within the limit); sampled, 20 events up to 20,021 runs
gen_event_work() {
    awk -v at="$1" -v n="$2" 'BEGIN {
        print "timeline 2000-01-01 .. 2030-12-31 by day"
        print "actor g : government {}"
        print "actor a : npo { x = 0 }"
        for (i = 0; i < n; i++) printf "event e%02d at 2000-01-%02d { a.x += 1 }\n", i, i + 1
        print "partnership p(g: government, n: npo) {\n  factor x = n.x\n  score = x\n  forms when x >= 6\n}"
        printf "dominance p(g, a) at %s by events\n", at
    }'
}
gen_event_work 2011-03-19 12 >"$tmp/event_work.coop"
if run "12 events over 4096 days: 16777216 steps run" 0 "$tmp/event_work.coop" run; then
    has "12 events over 4096 days: 16777216 steps run" "exact, over all 4096 coalitions of 12 events"
fi
gen_event_work 2011-03-20 12 >"$tmp/event_work.coop"
expect_err "12 events over 4097 days: refused" "$tmp/event_work.coop" \
    "the event Shapley values of p(g, a) at 2011-03-20 need 16781312 steps run (4096 runs of the timeline x 4097 steps, one for each coalition of 12 events), more than the limit of 16777216 (COOP_EVENT_SHAPLEY_WORK); ask at 2011-03-19 or earlier" run
gen_event_work 2030-01-01 20 >"$tmp/event_work.coop"
expect_err "20 events over 10959 days: refused" "$tmp/event_work.coop" \
    "need 219410139 steps run (20021 runs of the timeline x 10959 steps, up to 1 + 1000 orders x 20 events and the 20 but-for coalitions)" run
rm -f "$tmp/event_work.coop"

# ---- COOP_WHATIF_STEP_WORK: 1,000,000 tuple-steps -------------------------
# N npo actors and one government over 1000 yearly steps: a what-if in the
# REPL compares the N tuples at every step, up to N = 1000.
gen_whatif_steps() {
    awk -v n="$1" 'BEGIN {
        print "timeline 1001 .. 2000 by year"
        print "actor g : government { x = 0 }"
        for (i = 0; i < n; i++) printf "actor a%d : npo { x = 0 }\n", i
        print "event up at 1500 { a0.x += 1 }"
        print "partnership p(g: government, n: npo) {"
        print "  factor x = n.x"
        print "  forms when x >= 1"
        print "}"
    }'
}
gen_whatif_steps 1000 >"$tmp/whatif_steps.coop"
printf 'what if no up\n' >"$tmp/whatif_steps.in"
$limit_time "$coop" repl "$tmp/whatif_steps.coop" <"$tmp/whatif_steps.in" >"$out" 2>&1
has "what if over 1000 tuples x 1000 steps: compared at every step" \
    "p(g, a0): now forms from 1500; what if never forms (differs from 1500)"
gen_whatif_steps 1001 >"$tmp/whatif_steps.coop"
$limit_time "$coop" repl "$tmp/whatif_steps.coop" <"$tmp/whatif_steps.in" >"$out" 2>&1
has "what if over 1001 tuples x 1000 steps: the last step only" \
    "over time: not compared step by step (1001 tuples x 1000 steps is more than 1000000)"
rm -f "$tmp"/whatif_steps.*

# ---- a timeline's steps cost what is read, not what is declared ------------
# Over 100,000 daily steps a value moves at every step.  gen_unread N: N
# rules, one read by a trigger, first() and throughout, N - 1 reading
# values no event moves: 4 times the rules, less than 2 times the time
# (each step dropped what every rule's queries had worked out: 4 times).
gen_unread() {
    awk -v n="$1" 'BEGIN {
        print "timeline 2000-01-01 .. 2273-10-15 by day"
        print "actor g : government {}"
        print "actor a : npo { x = 0  z = 0  funded = false }"
        print "event tick every day { a.x += 1 }"
        print "event fund on p0(g, a) { a.funded = true }"
        print "partnership p0(g: government, n: npo) { factor x = n.x  forms when x >= 5000 }"
        for (i = 1; i < n; i++) printf "partnership p%d(g: government, n: npo) { factor z = n.z  forms when z >= %d }\n", i, i
        print "expect first(p0(g, a)) == 2013-09-08 and first(a.funded) == 2013-09-09"
        print "expect not p1(g, a) throughout 2000-01-01 .. 2273-10-15"
    }'
}
# gen_unbid N: a tender of N bids awards a contract, read at every step,
# with an obligation due every year and one by the last day that never
# holds (its record reads every step), while an event moves a value
# neither reads: 4 times the bids, less than 2 times the time (each step
# ranked every bid again, for the query and for the record: 4 times)
gen_unbid() {
    awk -v n="$1" 'BEGIN {
        print "timeline 2000-01-01 .. 2273-10-15 by day"
        print "actor b : government { noise = 0 }"
        for (i = 0; i < n; i++) printf "actor s%d : npo { q = %d  ok = true  done = false }\n", i, i
        print "tender t(a: npo) {\n  buyer = b\n  factor quality = a.q\n  score = quality\n  award best score\n}"
        for (i = 0; i < n; i++) printf "bid t by s%d { price = 1 }\n", i
        print "contract c = award(t) {\n  term = 1"
        print "  oblige supplier yearly = supplier.ok every year\n  oblige supplier late = supplier.done by 2273-10-15\n}"
        print "event tick every day { b.noise += 1 }"
        print "expect not violated(c.yearly) throughout 2000-01-01 .. 2273-10-15"
        printf "expect supplier(c) == s%d and violated_at(c.late) == 2273-10-15\n", n - 1
    }'
}
tested_grows gen_unread "100000 steps: n rules, one read" 500 2 2
tested_grows gen_unbid "100000 steps: a tender of n bids no step moves" 500 2 2
# an obligation due every day, read at every step while an event moves a
# value it does not read: its status as of a step is read off its record
# at once, so it takes less than 2 times the time one due every year
# takes (counting its checks up to each step: 100,000 a step, against 274)
gen_due() {
    awk -v every="$1" 'BEGIN {
        print "timeline 2000-01-01 .. 2273-10-15 by day"
        print "actor b : government {}\nactor s : npo { ok = true  x = 0 }"
        printf "contract c(buyer = b, supplier = s) {\n  term = 1\n  oblige supplier o = supplier.ok every %s\n}\n", every
        print "event tick every day { s.x += 1 }"
        print "expect not violated(c.o) throughout 2000-01-01 .. 2273-10-15"
        print "expect (met_at(c.o) < 2001) throughout 2001 .. 2273-10-15"
    }'
}
gen_due year >"$tmp/steps_n.coop"
gen_due day >"$tmp/steps_4n.coop"
cpu /dev/null "$coop" test "$tmp/steps_n.coop"
small=$cpu
cpu /dev/null "$coop" test "$tmp/steps_4n.coop"
if grep -q '2 passed, 0 failed' "$out"; then
    grows "an obligation due every day, read at 100000 steps: less than 2 times the time of one due every year" \
        "$small" "$cpu" 2
else
    bad "an obligation due every day over 100000 steps" "the expectations did not pass"
fi
rm -f "$tmp"/steps_*.coop

# ---- COOP_SWEEP_MAX_POINTS: 1,000,000; COOP_SWEEP_WORK: 10,000,000,000 -------
# N npo actors and M enterprises; each npo's c is 0 but z's: an axis on z.c
# moves every tuple (highest() reads it), N x M a point; at its first value,
# 0, the rule divides by zero.  So a sweep that is let run stops there (exit
# 1), and one that is refused says why before any work (exit 2; a script's:
# exit 1, the error at the statement).
gen_sweep() {
    awk -v n="$1" -v m="$2" -v stmt="$3" 'BEGIN {
        print "actor z : npo { c = 1 }"
        for (i = 1; i < n; i++) printf "actor n%d : npo { c = 0 }\n", i
        for (i = 0; i < m; i++) printf "actor e%d : enterprise { c = 1 }\n", i
        print "partnership p(n: npo, e: enterprise) {"
        print "  factor share = n.c / highest(x.c for x: npo)"
        print "  forms when share > 0.5"
        print "}"
        print stmt
    }'
}
gen_sweep 100 100 >"$tmp/sweep_at.coop"
gen_sweep 100 101 >"$tmp/sweep_over.coop"
n="coop sweep of 1000000 points x 10000 tuples: let run, stops at its first point"
run "$n" 1 "$tmp/sweep_at.coop" sweep -p z.c=0:999999:1 --query 'count(p)' && has "$n" "note: at point 0 of the sweep: z.c = 0"
n="coop sweep of 1000001 values: refused"
run "$n" 2 "$tmp/sweep_at.coop" sweep -p z.c=0:1000000:1 --query 'count(p)' &&
    has "$n" "takes more than 1000000 values, the limit (COOP_SWEEP_MAX_POINTS)"
n="coop sweep of 1000 x 1001 points: refused"
run "$n" 2 "$tmp/sweep_at.coop" sweep -p z.c=0:999:1 -p n1.c=0:1000:1 --query 'count(p)' &&
    has "$n" "with this axis the sweep has 1001000 points, more than the limit of 1000000 (COOP_SWEEP_MAX_POINTS)"
n="coop sweep of 1000000 points x 10100 tuples: refused"
run "$n" 2 "$tmp/sweep_over.coop" sweep -p z.c=0:999999:1 --query 'count(p)' &&
    has "$n" "this sweep takes 10100000000 evaluations (1000000 points x 10100 each), more than the limit of 10000000000 (COOP_SWEEP_WORK)"
n="coop sweep of 1000000 points x 10100 tuples with --force: let run"
run "$n" 1 "$tmp/sweep_over.coop" sweep --force -p z.c=0:999999:1 --query 'count(p)' &&
    has "$n" "note: at point 0 of the sweep: z.c = 0"
n="coop sweep of 1000000 points x 10100 tuples, half of them (--shard 0/2): let run"
run "$n" 1 "$tmp/sweep_over.coop" sweep --shard 0/2 -p z.c=0:999999:1 --query 'count(p)' &&
    has "$n" "note: at point 0 of the sweep: z.c = 0"
gen_sweep 100 100 "sweep z.c from 0 to 999999 step 1 : count(p)" >"$tmp/sweep_at.coop"
n="a script's sweep of 1000000 points x 10000 tuples: let run, stops at its first point"
run "$n" 1 "$tmp/sweep_at.coop" run && has "$n" "note: at the sweep's point z.c = 0"
gen_sweep 100 100 "sweep z.c from 0 to 1000000 step 1 : count(p)" >"$tmp/sweep_at.coop"
expect_err "a script's sweep of 1000001 values: refused" "$tmp/sweep_at.coop" \
    "takes more than 1000000 values, the limit (COOP_SWEEP_MAX_POINTS)"
gen_sweep 100 101 "sweep z.c from 0 to 999999 step 1 : count(p)" >"$tmp/sweep_over.coop"
expect_err "a script's sweep of 1000000 points x 10100 tuples: refused" "$tmp/sweep_over.coop" \
    "this sweep takes 10100000000 evaluations (1000000 points x 10100 each), more than the limit of 10000000000 (COOP_SWEEP_WORK)"
rm -f "$tmp"/sweep_*.coop

# ---- COOP_SHAPLEY_EXACT_MAX: 16 (COOP_SHAPLEY_PERMUTATIONS: 2000) ------------
# gen_shapley K [N [SCORE [FORMS [STMT]]]]: N npo actors (1 by default) and
# one enterprise; rule p with K factors f0..fK-1 = n.c, its score
# SCORE + f1 + 2 f2 + ... (SCORE: f0 by default; max(f0, 0.5) is not
# linear), forms when FORMS (score > 1), then STMT (dominance p(a0, b)).
gen_shapley() {
    awk -v k="$1" -v n="${2:-1}" -v score="${3:-f0}" -v forms="${4:-score > 1}" -v stmt="${5:-dominance p(a0, b)}" 'BEGIN {
        for (i = 0; i < n; i++) printf "actor a%d : npo { c = 0.%d }\n", i, 1 + i % 9
        print "actor b : enterprise { c = 0.7 }"
        print "partnership p(n: npo, e: enterprise) {"
        s = "  score = " score
        for (i = 0; i < k; i++) { printf "  factor f%d = n.c\n", i; if (i) s = s sprintf(" + %d * f%d", i, i) }
        print s
        print "  forms when " forms
        print "}"
        print stmt
    }'
}
# a linear score has a closed form at any k: exact, no sampling
gen_shapley 17 >"$tmp/shapley_linear.coop"
if run "17 factors, linear score: exact Shapley values" 0 "$tmp/shapley_linear.coop" run; then
    has "17 factors, linear score: exact Shapley values" "exact, over all 131072 coalitions of 17 factors"
fi
gen_shapley 64 >"$tmp/shapley_linear.coop"
if run "64 factors, linear score: exact Shapley values" 0 "$tmp/shapley_linear.coop" run; then
    has "64 factors, linear score: exact Shapley values" "exact, over all 18446744073709551616 coalitions of 64 factors"
fi
gen_shapley 16 1 'max(f0, 0.5)' >"$tmp/shapley_at.coop"
if run "16 factors: exact Shapley values" 0 "$tmp/shapley_at.coop" run; then
    has "16 factors: exact Shapley values" "exact, over all 65536 coalitions of 16 factors"
fi
gen_shapley 17 1 'max(f0, 0.5)' >"$tmp/shapley_over.coop"
if run "17 factors: sampled Shapley values" 0 "$tmp/shapley_over.coop" run; then
    has "17 factors: sampled Shapley values" "sampled: 2000 random orders of 17 factors"
    # the table grows a standard-error column
    if grep -q -E '^ +rank +factor +shapley +\+- ' "$out"; then ok "17 factors: standard error column"
    else bad "17 factors: standard error column" "no +- column in the table"; fi
fi

# ---- COOP_SHAPLEY_BUDGET: 2^27 = 134217728 coalition evaluations -------------
budget=134217728
# The issue's case, 16 factors and 10,000 tuples (76 s when every
# coalition was evaluated): linear, it takes the closed form; not linear,
# it is refused before any work, with the count.
gen_shapley 16 10000 f0 'score > 1' 'dominance p' >"$tmp/budget_linear.coop"
if run "16 factors x 10000 tuples, linear: closed form" 0 "$tmp/budget_linear.coop" run; then
    has "16 factors x 10000 tuples, linear: closed form" "dominance p: mean |shapley| over 10000 tuples"
fi
gen_shapley 16 10000 'max(f0, 0.5)' 'score > 1' 'dominance p' >"$tmp/budget_big.coop"
expect_err "16 factors x 10000 tuples, not linear: refused" "$tmp/budget_big.coop" \
    "need 655360000 coalition evaluations (10000 x 2^16), more than the limit of $budget" run
# At the edge, 2048 tuples x 2^16 = the budget: let through, and stopped at
# once by a division by zero in a coalition (f0's baseline is 0), so the
# check costs nothing; one tuple more is refused.  A division in forms when
# also rules out the closed form.
gen_shapley 16 2048 f0 'score > 1 / f0' 'dominance p' >"$tmp/budget_at.coop"
expect_err "2048 tuples x 2^16 coalitions: let through" "$tmp/budget_at.coop" \
    "division by zero in a Shapley coalition of p(a0, b)" run
gen_shapley 16 2049 f0 'score > 1 / f0' 'expect dominant(p) == f0' >"$tmp/budget_over.coop"
expect_err "2049 tuples x 2^16 coalitions: refused" "$tmp/budget_over.coop" \
    "need 134283264 coalition evaluations (2049 x 2^16), more than the limit of $budget: a coalition may divide by zero" run
# sampled past 16 factors: 1 + 17 x 2000 = 34001 a tuple; 3947 fit
gen_shapley 17 3947 f0 'score > 1 / f0' 'dominance p' >"$tmp/budget_at.coop"
expect_err "3947 tuples x 34001 sampled coalitions: let through" "$tmp/budget_at.coop" \
    "division by zero in a Shapley coalition of p(a0, b)" run
gen_shapley 17 3948 f0 'score > 1 / f0' 'dominance p' >"$tmp/budget_over.coop"
expect_err "3948 tuples x 34001 sampled coalitions: refused" "$tmp/budget_over.coop" \
    "(3948 x (1 + 17 factors x 2000 orders)), more than the limit of $budget" run
# Of the verdict, a linear score's closed form does not apply (a verdict is
# a step): the 10,000 tuples are refused, and the message names the
# analysis of one tuple, of the score, and fewer tuples or factors.
gen_shapley 16 10000 f0 'score > 1' 'dominance p of verdict' >"$tmp/budget_verdict.coop"
expect_err "16 factors x 10000 tuples of the verdict: refused" "$tmp/budget_verdict.coop" \
    "the Shapley values of the verdict of all 10000 tuples of p need 655360000 coalition evaluations (10000 x 2^16), more than the limit of $budget: they are of the verdict, which is not linear in its factors, so they have no closed form; ask about one tuple (dominance p(n, e) of verdict), ask of the score (dominance p), or give p fewer tuples or factors" run
gen_shapley 16 2049 f0 'score > 1' 'expect dominant(p of verdict) == f0' >"$tmp/budget_verdict.coop"
expect_err "2049 tuples x 2^16 coalitions of the verdict: refused" "$tmp/budget_verdict.coop" \
    "need 134283264 coalition evaluations (2049 x 2^16), more than the limit of $budget: they are of the verdict" run
rm -f "$tmp"/budget_*.coop "$tmp"/shapley_*.coop

# ---- the same limits for a tender's gaps, divided among its factors -------
# gen_gap K N STMT: a tender with K factors f0..fK-1 and N + 1 bids: w wins
# (a = 1, b = 0), the N others lose (a = 0, b = 1); the score is not
# linear: 1 / (f0 - f1), plus the rest.  A gap's coalition with f0 at w's
# value and f1 at a loser's divides by zero: the second one tried, so that
# a division let through stops at once.
gen_gap() {
    awk -v k="$1" -v n="$2" -v stmt="$3" 'BEGIN {
        print "actor g : government {}"
        print "actor w : association {}"
        for (i = 0; i < n; i++) printf "actor l%d : association {}\n", i
        print "tender t(a: association) {"
        print "  buyer = g"
        print "  factor f0 = bid.a"
        print "  factor f1 = bid.b"
        s = "  score = 1 / (f0 - f1)"
        for (i = 2; i < k; i++) { printf "  factor f%d = bid.a\n", i; s = s sprintf(" + f%d", i) }
        print s
        print "}"
        print "bid t by w { a = 1  b = 0 }"
        for (i = 0; i < n; i++) printf "bid t by l%d { a = 0  b = 1 }\n", i
        print stmt
    }'
}
gen_gap 16 1 'explain t(l0)' >"$tmp/gap_at.coop"
expect_err "a gap among 16 factors, not linear: every coalition" "$tmp/gap_at.coop" \
    "division by zero in a Shapley coalition of the gap of t(l0) to the first bid" run
gen_gap 17 1 'explain t(l0)' >"$tmp/gap_over.coop"
expect_err "a gap among 17 factors, not linear: refused" "$tmp/gap_over.coop" \
    "a gap between two bids of t divides among its 17 factors exactly, over all 2^17 coalitions, past the limit of 16 factors" run
gen_gap 16 2048 'explain t' >"$tmp/gap_at.coop"
expect_err "2048 gaps x 2^16 coalitions: let through" "$tmp/gap_at.coop" \
    "division by zero in a Shapley coalition of the gap of t(l0) to the first bid" run
gen_gap 16 2049 'explain t' >"$tmp/gap_over.coop"
expect_err "2049 gaps x 2^16 coalitions: refused" "$tmp/gap_over.coop" \
    "the gaps of 2049 bids of t to the first need 134283264 coalition evaluations (2049 x 2^16), more than the limit of $budget: a coalition may divide by zero" run
if grep -q '^explain t' "$out"; then bad "a refused explain prints nothing" "it printed a trace"; else ok "a refused explain prints nothing"; fi
rm -f "$tmp"/gap_*.coop

# ---- COOP_WIN_PRICE_RANGE: 1000 ------------------------------------------
# w wins on quality whatever its price, up to the cap its requirement sets
# (CAP): its win price is the cap while that is at most 1000 times its price
# of 1; past that the search stops at 1000, where it still wins.
gen_range() {
    awk -v cap="$1" -v want="$2" 'BEGIN {
        print "actor g : government {}"
        print "actor w : association {}"
        print "actor l : association {}"
        print "tender t(a: association) {"
        print "  buyer = g"
        printf "  require capped = bid.price <= %s\n", cap
        print "  factor q = bid.q"
        print "  score = q"
        print "}"
        print "bid t by w { price = 1  q = 0.9 }"
        print "bid t by l { price = 1  q = 0.5 }"
        printf "expect win_price(t, w) == %s\n", want
        print "expect win_price(t, l) == -1"
    }'
}
gen_range 999.99 999.99 >"$tmp/range_in.coop"
expect_ok "a winner's win price just within 1000 times its price" "$tmp/range_in.coop" test
gen_range 1000 1000 >"$tmp/range_at.coop"
expect_ok "a winner's win price at 1000 times its price" "$tmp/range_at.coop" test
gen_range 1000000 1000 >"$tmp/range_over.coop"
expect_ok "a winner's win price past 1000 times its price: the search's top" "$tmp/range_over.coop" test
rm -f "$tmp"/range_*.coop

# ---- COOP_FLIP_MAX_INPUTS: 16, COOP_FLIP_MAX_LPS: 65536 -----------------
# ---- COOP_FLIP_MAX_POLYTOPES: 1024, COOP_FLIP_EVALUATIONS: 4000 ------------
# N values of a's, each 0 now in a range of 0 to 1, summed: to reach N every
# one must move, so the exact method solves one programme with all free,
# then one for every set (2^N in all); `or` a second clause is two
# polytopes, so twice as many.
gen_flip_sum() {
    awk -v n="$1" -v clauses="$2" 'BEGIN {
        printf "actor a : npo {"; for (i = 0; i < n; i++) printf " v%d = 0", i; print " }"
        print "actor e : enterprise { }"
        for (i = 0; i < n; i++) printf "attribute v%d : npo range 0 .. 1\n", i
        printf "partnership p(n: npo, f: enterprise) {\n  factor s = 0"
        for (i = 0; i < n; i++) printf " + n.v%d", i
        printf "\n  forms when s >= %d", n; if (clauses > 1) printf " or s >= %d.5", n - 1
        print "\n}"
        print "flip p(a, e)"
    }'
}
gen_flip_sum 16 1 >"$tmp/flip_inputs_at.coop"
if run "a flip of 16 inputs, every one moved: 65536 programmes, exact" 0 "$tmp/flip_inputs_at.coop" run; then
    has "a flip of 16 inputs, every one moved: 65536 programmes, exact" "exact: 65536 linear programmes over 16 inputs"
fi
gen_flip_sum 17 1 >"$tmp/flip_inputs_over.coop"
expect_err "a flip of 17 inputs is refused, with 'by'" "$tmp/flip_inputs_over.coop" \
    "reads 17 values that may move, and a flip moves at most 16 (COOP_FLIP_MAX_INPUTS): name the ones to move with 'by'" run
# the same limit on what `by` names: N parameters, each 0.01 of a range of
# 1, summed with a's 0.1 (which cannot move: no other actor has it)
gen_flip_params() {
    awk -v n="$1" 'BEGIN {
        for (i = 1; i <= n; i++) printf "param q%d = 0.01 range 0 .. 1\n", i
        print "actor a : npo { c = 0.1 }"
        print "actor b : enterprise { }"
        printf "partnership r(n: npo, e: enterprise) {\n  factor c = n.c\n  score = c"
        for (i = 1; i <= n; i++) printf " + q%d", i
        print "\n  forms when score >= 0.9\n}"
        printf "flip r(a, b) by q1"; for (i = 2; i <= n; i++) printf ", q%d", i; print ""
    }'
}
gen_flip_params 16 >"$tmp/flip_by_at.coop"
if run "a flip by 16 parameters: exact" 0 "$tmp/flip_by_at.coop" run; then
    has "a flip by 16 parameters: exact" "exact: 17 linear programmes over 16 inputs"
fi
gen_flip_params 17 >"$tmp/flip_by_over.coop"
expect_err "a flip by 17 parameters is refused: name fewer" "$tmp/flip_by_over.coop" \
    "the names after 'by' pick 17 values of the verdict of r that may move, and a flip moves at most 16 (COOP_FLIP_MAX_INPUTS): name fewer" run
gen_flip_sum 16 2 >"$tmp/flip_lps_over.coop"
if run "a flip past 65536 programmes searches, and says why" 0 "$tmp/flip_lps_over.coop" run; then
    has "a flip past 65536 programmes searches, and says why" \
        "the exact method would solve more than 65536 linear programmes and closed-form checks (COOP_FLIP_MAX_LPS)"
fi
# `forms when (f0 >= t and f1 >= t) or ...` holding, P pairs over 8 factors:
# not so is 2^P polytopes
gen_flip_pairs() {
    awk -v p="$1" 'BEGIN {
        printf "actor a : npo {"; for (i = 0; i < 8; i++) printf " v%d = 1", i; print " }"
        print "actor e : enterprise { }"
        for (i = 0; i < 8; i++) printf "attribute v%d : npo range 0 .. 1\n", i
        print "partnership p(n: npo, f: enterprise) {"
        for (i = 0; i < 8; i++) printf "  factor f%d = n.v%d\n", i, i
        printf "  forms when"
        for (c = 0; c < p; c++) printf "%s (f%d >= 0.9%02d and f%d >= 0.9%02d)", c ? " or" : "", c % 8, c, (c + 1) % 8, c
        print "\n}"
        print "flip p(a, e)"
    }'
}
gen_flip_pairs 10 >"$tmp/flip_poly_at.coop"
if run "a flip of 1024 polytopes is exact" 0 "$tmp/flip_poly_at.coop" run; then
    has "a flip of 1024 polytopes is exact" "exact: "
fi
gen_flip_pairs 11 >"$tmp/flip_poly_over.coop"
if run "a flip of 2048 polytopes searches, and says why" 0 "$tmp/flip_poly_over.coop" run; then
    has "a flip of 2048 polytopes searches, and says why" \
        "the flipped verdict is a union of more than 1024 polytopes (COOP_FLIP_MAX_POLYTOPES)"
fi
# products no change reaches, over 8 inputs: the search spends its budget, no more
awk 'BEGIN {
    printf "actor a : npo {"; for (i = 0; i < 8; i++) printf " v%d = 0.1", i; print " }"
    print "actor e : enterprise { }"
    for (i = 0; i < 8; i++) printf "attribute v%d : npo range 0 .. 1\n", i
    print "partnership p(n: npo, f: enterprise) {"
    print "  factor s = n.v0 * n.v1 + n.v2 * n.v3 + n.v4 * n.v5 + n.v6 * n.v7"
    print "  forms when s >= 5"
    print "}"
    print "flip p(a, e)"
}' >"$tmp/flip_evals.coop"
if run "a flip's search stops at 4000 evaluations" 0 "$tmp/flip_evals.coop" run; then
    has "a flip's search stops at 4000 evaluations" \
        "the search found no change that flips it in 4000 evaluations; one may still exist"
fi
rm -f "$tmp"/flip_*.coop

# ---- COOP_MAX_ERRORS: 50 ---------------------------------------------------
gen_errors() {
    awk -v n="$1" 'BEGIN { for (i = 1; i <= n; i++) printf "actor a%d : nokind%d { }\n", i, i }'
}
count_errors() { grep -c ': error: ' "$out"; }
gen_errors 50 >"$tmp/errors_at.coop"
if run "50 errors: all reported" 1 "$tmp/errors_at.coop" check; then
    n=$(count_errors)
    if [ "$n" -eq 50 ] && ! grep -q 'too many errors' "$out"; then ok "50 errors: all reported"
    else bad "50 errors: all reported" "$n errors reported, or a 'too many errors' note"; fi
fi
gen_errors 60 >"$tmp/errors_over.coop"
if run "60 errors: 50 reported, then a note" 1 "$tmp/errors_over.coop" check; then
    n=$(count_errors)
    if [ "$n" -eq 50 ] && grep -q 'note: too many errors (limit 50)' "$out"; then ok "60 errors: 50 reported, then a note"
    else bad "60 errors: 50 reported, then a note" "$n errors reported; note: $(grep -c 'too many errors' "$out")"; fi
fi

# ---- case data from CSV: COOP_MAX_CSV_SIZE, _ROWS, _COLUMNS, _FIELD, _ERRORS ----
# each CSV beside a script that reads it
csv_script() { printf 'data actors from "%s" kind npo%s\n' "$1" "$2" >"$tmp/csv.coop"; }
# COOP_MAX_CSV_SIZE (16 MiB): a header, a record and blank lines (skipped) up
# to exactly the limit
max_csv=16777216
awk -v n=$((max_csv - 11)) 'BEGIN { printf "name,c\na,1\n"; for (i = 0; i < 4096; i++) c = c "\n"
                                      for (i = 0; i < int(n / 4096); i++) printf "%s", c
                                      for (i = 0; i < n % 4096; i++) printf "\n" }' >"$tmp/size.csv"
csv_script size.csv ''
size=$(wc -c <"$tmp/size.csv" | tr -d ' ')
if [ "$size" -eq "$max_csv" ]; then expect_ok "CSV file of exactly $max_csv bytes" "$tmp/csv.coop"
else bad "CSV file of exactly $max_csv bytes" "generator wrote $size bytes"; fi
printf '\n' >>"$tmp/size.csv"
expect_err "CSV file of $((max_csv + 1)) bytes" "$tmp/csv.coop" "is larger than $max_csv bytes, the limit (COOP_MAX_CSV_SIZE)"
rm -f "$tmp/size.csv"
# COOP_MAX_CSV_ROWS (100,000 records after the header): actors a1 .. aN
gen_rows() { awk -v n="$1" 'BEGIN { print "name,c"; for (i = 1; i <= n; i++) printf "a%d,%d\n", i, i }'; }
gen_rows 100000 >"$tmp/rows.csv"
csv_script rows.csv ''
printf 'expect count(x: npo) == 100000\nexpect a100000.c == 100000\n' >>"$tmp/csv.coop"
expect_ok "CSV of 100000 records: 100000 actors" "$tmp/csv.coop" test
gen_rows 100001 >"$tmp/rows.csv"
expect_err "CSV of 100001 records" "$tmp/csv.coop" "has more than 100000 records after its header; the limit is 100000 (COOP_MAX_CSV_ROWS)"
has "CSV of 100001 records: said at the record past it" "rows.csv:100002:1: error:"
rm -f "$tmp/rows.csv"
# COOP_MAX_CSV_COLUMNS (256 fields a record): the name and c1 .. cN-1
gen_cols() {
    awk -v n="$1" 'BEGIN { printf "name"; for (i = 1; i < n; i++) printf ",c%d", i; printf "\na"
                           for (i = 1; i < n; i++) printf ",%d", i; print "" }'
}
gen_cols 256 >"$tmp/cols.csv"
csv_script cols.csv ''
printf 'expect a.c255 == 255\n' >>"$tmp/csv.coop"
expect_ok "CSV of 256 columns" "$tmp/csv.coop" test
gen_cols 257 >"$tmp/cols.csv"
expect_err "CSV of 257 columns" "$tmp/csv.coop" "a record of more than 256 fields; the limit is 256 (COOP_MAX_CSV_COLUMNS)"
has "CSV of 257 columns: said at field 257 of the header" "cols.csv:1:1173: error:"
# COOP_MAX_CSV_FIELD (1024 bytes): a label of 1024 bytes, in quotes (which do
# not count); a name of 1024 bytes (a name's own limit, COOP_MAX_TOKEN_LEN)
{ printf 'name,label\na,"'; rep l 1024; printf '"\n'; rep b 1024; printf ',x\n'; } >"$tmp/field.csv"
csv_script field.csv ' label label'
expect_ok "CSV field of 1024 bytes" "$tmp/csv.coop"
{ printf 'name,label\na,"'; rep l 1025; printf '"\n'; } >"$tmp/field.csv"
expect_err "CSV field of 1025 bytes" "$tmp/csv.coop" "this field is 1025 bytes long; the limit is 1024 (COOP_MAX_CSV_FIELD)"
# COOP_MAX_CSV_ERRORS (20 a file): n records, each with a field too many
gen_bad() { awk -v n="$1" 'BEGIN { print "name,c"; for (i = 1; i <= n; i++) print "b" i ",1,2" }'; }
gen_bad 20 >"$tmp/errs.csv"
csv_script errs.csv ''
if run "20 bad cells: each said" 1 "$tmp/csv.coop" check; then
    n=$(grep -c ': error: ' "$out")
    if [ "$n" -eq 20 ] && ! grep -q 'COOP_MAX_CSV_ERRORS' "$out"; then ok "20 bad cells: each said"
    else bad "20 bad cells: each said" "$n errors, or a note of the limit"; fi
fi
gen_bad 1000 >"$tmp/errs.csv"
if run "1000 bad cells: 20 said, then a note" 1 "$tmp/csv.coop" check; then
    n=$(grep -c ': error: ' "$out")
    if [ "$n" -eq 20 ] && grep -q 'errs.csv:22:.*: note: .*the limit is 20 errors a file (COOP_MAX_CSV_ERRORS)' "$out"
    then ok "1000 bad cells: 20 said, then a note"
    else bad "1000 bad cells: 20 said, then a note" "$n errors; note: $(grep -c COOP_MAX_CSV_ERRORS "$out")"; fi
fi
# COOP_CSV_SHARE_CELLS (3): a whole number 2 .. 100 among 2 cells in 0 .. 1
# is not warned of; among 3 it is
printf 'name,c\na,0.1\nb,0.2\nw,20\n' >"$tmp/share.csv"
csv_script share.csv ''
expect_ok "CSV share slip among 2 cells: no warning" "$tmp/csv.coop"
if grep -q 'warning' "$out"; then bad "CSV share slip among 2 cells: no warning" "a warning"; fi
printf 'name,c\na,0.1\nb,0.2\nd,0.3\nw,20\n' >"$tmp/share.csv"
expect_ok "CSV share slip among 3 cells: warned" "$tmp/csv.coop"
has "CSV share slip among 3 cells: warned" "share.csv:5:3: warning: w.c is 20, where the column's other 3 cells lie in 0 .. 1"
rm -f "$tmp"/*.csv "$tmp/csv.coop"

# ---- COOP_MAX_KIND_DEPTH: 64 kinds above a kind --------------------------
# k0 is below npo; k<n> has n + 1 kinds above it
gen_kinds() {
    awk -v n="$1" -v rev="$2" 'BEGIN {
        if (rev) { for (i = n; i >= 1; i--) printf "kind k%d : k%d\n", i, i - 1; print "kind k0 : npo" }
        else { print "kind k0 : npo"; for (i = 1; i <= n; i++) printf "kind k%d : k%d\n", i, i - 1 }
        printf "actor a : k%d { c = 1 } actor b : enterprise { c = 1 }\n", n
        print "partnership p(x: npo, y: enterprise) { factor f = x.c forms when f > 0 }"
        print "expect p(a, b)"
    }'
}
gen_kinds 63 0 >"$tmp/kinds_at.coop"
expect_ok "a kind 64 kinds below its root" "$tmp/kinds_at.coop" run
gen_kinds 64 0 >"$tmp/kinds_over.coop"
expect_err "a kind 65 kinds below its root" "$tmp/kinds_over.coop" "the limit is 64"
gen_kinds 64 1 >"$tmp/kinds_over_rev.coop"
expect_err "the same, parents declared after children" "$tmp/kinds_over_rev.coop" "the limit is 64"
gen_kinds 100000 0 >"$tmp/kinds_long.coop"
expect_err "100000 nested kinds, refused quickly" "$tmp/kinds_long.coop" "the limit is 64"

# ---- the REPL's costs: linear in what it reads (docs/repl.md, Limits) ----
# a file of n actors: read by `coop repl` in time linear in n (each
# declaration's place in the file is found in O(1), not by counting lines)
gen_actors() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "# the %dth\nactor a%d : npo { c = %d }\n", i, i, i }'; }
n=$(size 160000)
gen_actors "$(size 40000)" >"$tmp/actors_n.coop"
gen_actors "$n" >"$tmp/actors_4n.coop"
cpu /dev/null "$coop" repl "$tmp/actors_n.coop"
small=$cpu
cpu /dev/null "$coop" repl "$tmp/actors_4n.coop"
if grep -q "^loaded .*$n actors" "$out"; then
    grows "coop repl FILE: 4 times the actors, less than 8 times the time" "$small" "$cpu" 8
    # (coop check on the file runs under the sanitizers in the golden,
    # examples and cli suites)
    if [ "$sanitizer" = 0 ]; then
        big=$cpu
        cpu /dev/null "$coop" check "$tmp/actors_4n.coop"
        if [ "$big" -lt $((2 * cpu + 20)) ]; then ok "coop repl FILE within 2 times of coop check ($big ms, $cpu ms)"
        else bad "coop repl FILE within 2 times of coop check" "$big ms against $cpu ms"; fi
    fi
else
    bad "coop repl FILE of $n actors" "not loaded"
fi
rm -f "$tmp"/actors_*.coop

# n declarations piped to the REPL, a comment before each: they wait and
# build the model once a run, not once each
n=$(size 40000)
gen_actors "$(size 10000)" >"$tmp/piped_n.txt"
gen_actors "$n" >"$tmp/piped_4n.txt"
cpu "$tmp/piped_n.txt" "$coop" repl
small=$cpu
cpu "$tmp/piped_4n.txt" "$coop" repl
if [ "$(grep -c "^added actor 'a" "$out")" -eq "$n" ]; then
    grows "piped declarations: 4 times as many, less than 8 times the time" "$small" "$cpu" 8
else
    bad "$n piped declarations" "not each added"
fi
rm -f "$tmp"/piped_*.txt

# piped declarations that fail (each after the first gives an attribute
# another type): a run is cut where it fails and the rest is not parsed
# and built again; and symbols new in every input are compared, all told,
# no more than one file of them would be
gen_failing() { awk -v n="$1" 'BEGIN { print "actor a0 : npo { s = {health} }"; for (i = 1; i < n; i++) printf "actor a%d : npo { s = 1 }\n", i }'; }
gen_symbols() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "actor a%d : npo { s = {health%dx%d} }\n", i, i, i }'; }
for g in failing symbols; do
    gen_$g "$(size 2000)" >"$tmp/piped_n.txt"
    gen_$g "$(size 8000)" >"$tmp/piped_4n.txt"
    cpu "$tmp/piped_n.txt" "$coop" repl
    small=$cpu
    cpu "$tmp/piped_4n.txt" "$coop" repl
    grows "piped declarations ($g): 4 times as many, less than 8 times the time" "$small" "$cpu" 8
done
rm -f "$tmp"/piped_*.txt

# an unfinished input of n long lines (a brace left open): each line is
# parsed once, not the whole input again with each line
gen_open() {
    awk -v n="$1" 'BEGIN {
        print "actor a : npo {"
        for (i = 0; i < n; i++) { for (j = 0; j < 800; j++) printf "x%d = %d ", j, i; printf "\n" }
    }'
}
n=$(size 800)
gen_open "$(size 200)" >"$tmp/open_n.txt"
gen_open "$n" >"$tmp/open_4n.txt"
cpu "$tmp/open_n.txt" "$coop" repl
small=$cpu
cpu "$tmp/open_4n.txt" "$coop" repl
if grep -q "^<stdin>:$((n + 1)):.*unexpected end of input" "$out"; then
    grows "an unfinished input of 4 times the lines, less than 8 times the time" "$small" "$cpu" 8
else
    bad "an unfinished input of $n lines" "no error at its end"
fi
rm -f "$tmp"/open_*.txt
# at 1,000 lines the input is dropped, with the parser's error (from a
# parse of the whole input: the lines before were not parsed whole)
{ echo 'actor a : npo {'; awk 'BEGIN { for (i = 1; i <= 1005; i++) printf "c%d = 1\n", i }'; } >"$tmp/open_limit.txt"
$limit_time "$coop" repl <"$tmp/open_limit.txt" >"$out" 2>&1
grep -q -E "$sanitizer_re" "$out" && bad "an unfinished input of 1000 lines" "sanitizer report"
has "an unfinished input of 1000 lines: the parser's error" "<stdin>:1000:9: error: syntax error: unexpected end of input"
has "an unfinished input of 1000 lines: dropped with a note" "note: an input left unfinished for 1000 lines is dropped (the limit)"
rm -f "$tmp/open_limit.txt"

# ---- the REPL's memory: a line is read up to COOP_MAX_FILE_SIZE bytes ----
# (address space bounded with ulimit -v, which sanitizer builds cannot run
# under: they reserve terabytes of shadow memory; under --sanitizer the
# errors are checked without the bound)
# bounded CMD...: CMD in 200 MB of address space; as it is under --sanitizer.
bounded() {
    if [ "$sanitizer" = 1 ]; then "$@"; else (ulimit -v 200000 && "$@"); fi
}
if [ "$sanitizer" = 1 ]; then in200=; else in200=", in 200 MB of memory"; fi
if [ "$sanitizer" = 1 ] || (ulimit -v 200000 && "$coop" --version) >/dev/null 2>&1; then
    head -c 300000000 /dev/zero | bounded $limit_time "$coop" repl >"$out" 2>&1
    got=$?
    if [ "$got" -ne 1 ]; then bad "a line of 300 MB of NUL bytes$in200" "exit status $got, expected 1"
    elif grep -q -E "$sanitizer_re" "$out"; then bad "a line of 300 MB of NUL bytes" "sanitizer report"
    else has "a line of 300 MB of NUL bytes$in200" \
        "<stdin>:1:1: error: this line is longer than 16777216 bytes, the limit"; fi
    {
        printf 'actor a : npo {\n'
        head -c 16777217 /dev/zero
        printf '\n1 + 1\n'
    } >"$tmp/longline.txt"
    bounded $limit_time "$coop" repl <"$tmp/longline.txt" >"$out" 2>&1
    got=$?
    if [ "$got" -ne 1 ]; then bad "a line past the limit in an unfinished input" "exit status $got, expected 1"
    elif grep -q -E "$sanitizer_re" "$out"; then bad "a line past the limit in an unfinished input" "sanitizer report"
    elif grep -q '^2$' "$out"; then bad "a line past the limit in an unfinished input" "the input was read further"
    else has "a line past the limit in an unfinished input: said at its line" "<stdin>:2:1: error: this line is longer"; fi
    rm -f "$tmp/longline.txt"

    # statements cost memory in proportion to their text: what 4n
    # statements take more than n, per byte of text more, measured as the
    # peak resident size (GNU time, when installed: Debian's `time`)
    if [ "$sanitizer" = 1 ]; then
        echo "skip the memory bounds: not measured under the sanitizers (the normal build measures them)"
    elif /usr/bin/time -f %M true >/dev/null 2>&1; then
        gen_expects() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) print "expect 0.25 + 0.25 + 0.25 + 0.25 == 1" }'; }
        gen_expects 100000 >"$tmp/expects_n.coop"
        gen_expects 400000 >"$tmp/expects_4n.coop"
        m1=$(/usr/bin/time -f %M "$coop" check "$tmp/expects_n.coop" 2>&1 >/dev/null | tail -1)
        m4=$(/usr/bin/time -f %M "$coop" check "$tmp/expects_4n.coop" 2>&1 >/dev/null | tail -1)
        t1=$(wc -c <"$tmp/expects_n.coop")
        t4=$(wc -c <"$tmp/expects_4n.coop")
        per=$(( (m4 - m1) * 1024 / (t4 - t1) ))
        # (each holds its syntax tree, its statement, and of the constants
        # folded, the value, its operator and its operands' values: about
        # 46 bytes a byte; 77 when every node folded was kept)
        if [ "$per" -lt 60 ]; then ok "folded expectations: $per bytes of memory a byte of text"
        else bad "folded expectations: memory in proportion to the text" "$per bytes of memory a byte of text (limit 60)"; fi
        rm -f "$tmp"/expects_*.coop
        # a declaration piped to the REPL keeps its source, syntax tree and
        # slot in one block sized to them (session.c, SEG_BASE), and its
        # actor in the model: what 40000 take more than 10000, per
        # declaration (about 2.5 KB; 4.1 KB when its source took a 1 KB
        # block, then 2 KB for its slot's texts, made again for each build)
        gen_actors 10000 >"$tmp/piped_n.txt"
        gen_actors 40000 >"$tmp/piped_4n.txt"
        m1=$(/usr/bin/time -f %M "$coop" repl <"$tmp/piped_n.txt" 2>&1 >/dev/null | tail -1)
        m4=$(/usr/bin/time -f %M "$coop" repl <"$tmp/piped_4n.txt" 2>&1 >/dev/null | tail -1)
        per=$(( (m4 - m1) * 1024 / 30000 ))
        if [ "$per" -lt 3072 ]; then ok "piped declarations: $per bytes of memory a declaration"
        else bad "piped declarations: memory a declaration" "$per bytes (limit 3072)"; fi
        rm -f "$tmp"/piped_*.txt
        # a timeline's run keeps only the world it ends with (statements read
        # that one): 25,000 and 100,000 daily steps writing 50 values each
        # take the same memory (a journal of every write took 412 MB at 100,000)
        gen_days() {
            awk -v end="$1" 'BEGIN {
                printf "actor a : npo {"; for (i = 0; i < 50; i++) printf " x%d = 0", i; print " }"
                printf "timeline 2000-01-01 .. %s by day\n", end
                printf "event tick every day {"; for (i = 0; i < 50; i++) printf " a.x%d += 1", i; print " }"
            }'
        }
        gen_days 2068-06-11 >"$tmp/days_n.coop"
        gen_days 2273-10-15 >"$tmp/days_4n.coop"
        m1=$(/usr/bin/time -f %M "$coop" run "$tmp/days_n.coop" 2>&1 >/dev/null | tail -1)
        m4=$(/usr/bin/time -f %M "$coop" run "$tmp/days_4n.coop" 2>&1 >/dev/null | tail -1)
        if [ $((m4 - m1)) -lt 4096 ]; then ok "a timeline of 4 times the steps: $((m4 - m1)) KB more memory"
        else bad "a timeline's run: memory" "4 times the steps took $((m4 - m1)) KB more (limit 4096)"; fi
        rm -f "$tmp"/days_*.coop
        # a sweep statement writes each point's row as it is decided, in
        # its own process or from its workers (-j 2): 400,001 points take
        # the memory 100,001 do, in text, JSON and CSV (every row kept till
        # the table was printed took 14 MB more at 100,001)
        gen_points() {
            printf 'actor a : npo { c = 0.5 }\nactor b : enterprise { c = 0.5 }\n'
            printf 'partnership p(n: npo, e: enterprise) {\n  factor x = n.c\n  forms when x > 0.5\n}\n'
            printf 'sweep a.c from 0 to 1 step %s : count(p)\n' "$1"
        }
        gen_points 0.00001 >"$tmp/points_n.coop"
        gen_points 0.0000025 >"$tmp/points_4n.coop"
        for how in "-j 1" "-j 2" "-j 1 --format json" "-j 2 --format csv"; do
            # shellcheck disable=SC2086
            m1=$(/usr/bin/time -f %M "$coop" run $how "$tmp/points_n.coop" 2>&1 >/dev/null | tail -1)
            # shellcheck disable=SC2086
            m4=$(/usr/bin/time -f %M "$coop" run $how "$tmp/points_4n.coop" 2>&1 >"$out" | tail -1)
            # (its last row: the point a.c = 1, where p forms)
            if ! tail -1 "$out" | grep -q -E '^ +1 +1$|"values":\[1\],"value":1\}\]\}$|^1,1$'; then
                bad "a sweep statement of 400001 points ($how)" "its last row is not the point a.c = 1"
            elif [ $((m4 - m1)) -lt 1024 ]; then ok "a sweep statement of 4 times the points ($how): $((m4 - m1)) KB more memory"
            else bad "a sweep statement's memory ($how)" "4 times the points took $((m4 - m1)) KB more (limit 1024)"; fi
        done
        rm -f "$tmp"/points_*.coop
    else
        echo "skip statements' memory: no GNU time (/usr/bin/time -f %M) to measure it"
    fi
else
    echo "skip the REPL's memory bounds: $coop cannot run under ulimit -v (a sanitizer build: give --sanitizer)"
fi

echo "limits: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
