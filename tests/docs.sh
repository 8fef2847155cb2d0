#!/bin/sh
# docs.sh COOP DOC... - runs every example the documents show, and checks
# that what they show is what coop prints.
#
# How a document marks its examples (Markdown; a marker is an HTML comment,
# which does not render, on the line before the block's opening fence):
#
#   $ ./coop repl ARGS      A block whose first line is this (no redirection)
#                           starts a REPL session; a block whose first line
#                           starts with `coop> ` continues it.  Lines after
#                           `coop> ` or `  ... ` are typed, the others are the
#                           output expected; the banner is skipped (a pipe gets
#                           none), and so are sessions with ^C.
#   $ COMMAND               A block whose first line starts with `$ ` (and is
#                           not a session) is a console: each `$ ` line is a
#                           command (a line ending in \ or inside a quote goes
#                           on to the next), run with sh; the lines up to the
#                           next `$ ` are what it prints, standard output and
#                           error together.
#   <!-- docs-test: sh -->  The block is shell commands, run as they stand; a
#                           block right after it marked <!-- docs-test: out -->
#                           is what they print.  Without one they print nothing.
#   <!-- docs-test: in COMMAND -->
#                           The block is part of what COMMAND prints.
#   <!-- docs-test: script -->
#                           The block is a script; `coop run` on it exits 0.
#   <!-- docs-test: file NAME -->, or a block whose first line is
#   `# NAME.coop: ...`      The block is written to NAME.
#   <!-- docs-test: illustrative -->
#                           Not run: a fragment, a synopsis, a command that
#                           installs something or needs a terminal.
#   <!-- docs-test: messages COMMAND -->
#                           Before a table: each message its last column
#                           quotes (`...`) is in what COMMAND prints, a quoted
#                           name ('x') standing for any, \xHH for any byte and
#                           ... or … for any text.
#
# Two markers span lines, and the page shows nothing of them: a comment that
# starts `<!-- docs-test: file NAME` writes its lines to NAME, and one that
# starts `<!-- docs-test: sh` runs its lines as commands, which must exit 0
# (a page's message can so be shown from a script it does not show); each
# ends at a line `-->`.
#
# Any other block is not run; but one that looks like a command or its output
# (a `$ ` line, `coop run|check|test|repl`, a `coop> ` prompt, a diagnostic,
# `N passed, N failed`, a JSON object, a report's heading) is an error until
# it is marked, so that nothing is skipped by accident.
#
# In an output, a line `...` stands for any lines left out, and `...` within
# a line (with the commas and spaces around it) for any text; in a ```json
# block an indented line continues the one before (an object wrapped for the
# page).  Trailing blanks do not count.  Commands run in a scratch copy of the
# repository's root (examples/, tests/ and ./coop, also `coop` on the PATH),
# with no input; a path under /tmp/ names a directory of the scratch copy, and
# is printed back as /tmp/.  A document's files are written first, then its
# sessions run, then its commands, in the document's order.
#
# A README must name every src/*.c, cli/*.c, tests/test_*.c and tests/*.sh.
#
# Man pages (*.1): every .EX block runs; a block of lines starting with `coop `
# is commands, any other a script run with `coop run`, and each must exit 0.
# A line `.\" docs-test: illustrative` before .EX exempts the block.
#
# With UPDATE=1 the sessions' outputs are rewritten from what coop prints
# (commands are only compared): review the diff.
coop=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
root=$(pwd)
tmp=${TMPDIR:-/tmp}/coop-docs.$$
run=$tmp/run
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
cmds=0
# match MODE JSON WANT GOT: whether GOT is WANT (MODE exact) or holds it (in),
# `...` as above.  Both are cut into lines; GOT becomes one string, each line
# after a newline, and WANT the literal pieces between its wildcards, each
# found in order (leftmost first, the last one at the end when exact).
match_out() {
    awk -v mode="$1" -v json="$2" '
        FILENAME == ARGV[1] {
            sub(/[ \t]+$/, "")
            if (json && nw > 0 && /^[ \t]/) { sub(/^[ \t]+/, ""); w[nw] = w[nw] $0; next }
            w[++nw] = $0; next
        }
        { sub(/[ \t]+$/, ""); g = g $0 "\n" }
        END {
            g = "\n" g
            n = 0; seg[0] = ""; wt[0] = mode == "exact" ? 0 : 1
            for (i = 1; i <= nw; i++) {
                if (w[i] ~ /^ *\.\.\.$/) { seg[++n] = ""; wt[n] = 2; continue }
                l = w[i]
                while (match(l, /[ ,]*\.\.\.[ ,]*/)) {
                    seg[n] = seg[n] substr(l, 1, RSTART - 1); seg[++n] = ""; wt[n] = 1
                    l = substr(l, RSTART + RLENGTH)
                }
                seg[n] = seg[n] l "\n"
            }
            pos = 2
            for (i = 0; i <= n; i++) {
                s = seg[i]; t = wt[i]
                if (t == 0) {
                    if (substr(g, pos, length(s)) != s) exit 1
                    pos += length(s)
                } else if (i == n && mode == "exact") {
                    start = length(g) - length(s) + 1
                    if (start < pos || substr(g, start) != s) exit 1
                    if (t == 2 && s != "" && substr(g, start - 1, 1) != "\n") exit 1
                    pos = length(g) + 1
                } else if (s != "") {
                    k = index(substr(g, pos - (t == 2)), (t == 2 ? "\n" : "") s)
                    if (!k) exit 1
                    pos += k - 1 + length(s)
                }
            }
            if (mode == "exact" && pos != length(g) + 1) exit 1
        }
    ' "$3" "$4"
}
# find_msgs WANT GOT: prints each message of WANT that GOT does not hold;
# in a message a quoted name ('x', a quote after no letter) stands for any,
# \xHH for any byte, and ... or … for any text.
find_msgs() {
    awk '
        FILENAME == ARGV[1] { w[++nw] = $0; next }
        { g = g $0 "\n" }
        END {
            bad = 0
            for (i = 1; i <= nw; i++) {
                m = w[i]; re = ""
                while (m != "") {
                    c = substr(m, 1, 1)
                    if (c == "\047" && re !~ /[A-Za-z]$/ && (j = index(substr(m, 2), "\047"))) {
                        re = re "\047[^\047]*\047"; m = substr(m, j + 2)
                    } else if (m ~ /^\\x[0-9A-F][0-9A-F]/) { re = re "\\\\x[0-9A-F][0-9A-F]"; m = substr(m, 5) }
                    else if (m ~ /^(\.\.\.|…)/) { re = re ".*"; m = substr(m, c == "." ? 4 : length("…") + 1) }
                    else { re = re (index("\\^$.[]|()*+?{}/", c) ? "\\" c : c); m = substr(m, 2) }
                }
                if (g !~ re) { print w[i]; bad = 1 }
            }
            exit bad
        }
    ' "$1" "$2"
}
for doc in "$@"; do
    rm -rf "$tmp"
    mkdir -p "$run/tmp"
    ln -s "$root/examples" "$run/examples"
    ln -s "$coop" "$run/coop"
    ln -s "$root/tests" "$run/tests"
    : >"$tmp/steps"
    case $doc in
    *.1)
        # .EX blocks: roff escapes undone; steps "K ok 0 LINE"
        awk -v T="$tmp" '
            /^\.\\" docs-test: illustrative/ { skip = 1; next }
            /^\.EX/ { inex = 1; n = 0; at = NR; next }
            /^\.EE/ {
                inex = 0
                if (skip) { skip = 0; next }
                k++
                f = T "/k" k ".cmd"
                if (l[1] ~ /^coop /) { print "set -e" > f; for (i = 1; i <= n; i++) print l[i] > f }
                else {
                    s = T "/run/man" k ".coop"
                    for (i = 1; i <= n; i++) print l[i] > s
                    close(s); print "coop run man" k ".coop" > f
                }
                close(f); printf "" > (T "/k" k ".want"); close(T "/k" k ".want")
                print k " ok 0 " at > (T "/steps")
                next
            }
            inex {
                x = $0
                gsub(/\\-/, "-", x); gsub(/\\\(aq/, "\047", x); gsub(/\\\(dq/, "\"", x); gsub(/\\e/, "\\", x)
                l[++n] = x
            }
        ' "$doc"
        ;;
    *)
    # Pass 1: files written; sessions, their inputs (grouped: an input and its
    # continuation lines) and the output shown after each group, group 0 being
    # what loading printed; commands, as steps.  A layout file says which
    # lines of the document are whose (for UPDATE).
    awk -v T="$tmp" -v doc="$doc" '
        function flush_file() { if (fname != "") close(fname); fname = "" }
        function bad(msg) { bad_at(NR, msg) }
        function bad_at(n, msg) { print doc ":" n ": " msg > (T "/errors") }
        function step(cmd, mode, json,   f) {
            if (k) close(T "/k" k ".want")
            k++; f = T "/k" k ".cmd"
            sub(/\n$/, "", cmd); printf "%s\n", cmd > f; close(f)
            printf "" > (T "/k" k ".want"); close(T "/k" k ".want")
            print k " " mode " " json " " at > (T "/steps")
            return k
        }
        function want(line) { print line >> (T "/k" ck ".want") }
        # a line of a command run, or of what a command or a script printed
        function looks(l) {
            return l ~ /^\$ / || l ~ /^coop> / ||
                l ~ /(^|[;&|(] *)(\.\/)?coop (run|check|test|repl)( |$)/ ||
                l ~ /^[^ :]+:[0-9]+(:[0-9]+)?: (error|warning|note|expected) / ||
                l ~ /^[0-9]+ passed, [0-9]+ failed$/ || l ~ /^\{"type":"/ ||
                l ~ /^(show|explain|dominance) [^ ]+: (forms|does not form|mean)/ ||
                l ~ /^(show|explain|dominance) [^ ]+\(.*\): (forms|does not form)/ ||
                l ~ /^show [^ (]+\([^ ,)]+: /
        }
        # a command goes on after a line ending in \ or inside a quote
        function unclosed(c,   q) { q = c; return c ~ /\\$/ || gsub(/\047/, "", q) % 2 }
        # a console command is complete: its step starts
        function end_cmd() { if (ccmd != "") { ck = step(ccmd, "exact", 0); ccmd = "" } }
        infile {
            print "L " NR > (T "/layout")
            if ($0 != "-->") { if (hidden) shcmd = shcmd $0 "\n"; else print > fname; next }
            infile = 0; flush_file()
            if (hidden) { hidden = 0; step(shcmd, "ok", 0) }
            next
        }
        !inblock && /^<!-- docs-test: / {
            print "L " NR > (T "/layout")
            if (mark != "") bad("a docs-test marker with no block after it")
            m = $0; sub(/^<!-- docs-test: /, "", m)
            if (m ~ /^file [^ ]+$/) { infile = 1; fname = T "/run/" substr(m, 6); next }
            if (m == "sh") { infile = hidden = 1; at = NR; shcmd = ""; next }
            sub(/ -->$/, "", m)
            if (m ~ /^messages ./) { tcmd = substr(m, 10); trow = 0; next }
            mark = m; next
        }
        # a table after a messages marker: what its last column quotes
        !inblock && tcmd != "" && /^\|/ {
            print "L " NR > (T "/layout")
            if (++trow == 1) { at = NR; ck = step(tcmd, "msgs", 0); next }
            l = $0; sub(/\|[ \t]*$/, "", l); sub(/.*\|/, "", l)
            while (match(l, /`[^`]+`/)) { want(substr(l, RSTART + 1, RLENGTH - 2)); l = substr(l, RSTART + RLENGTH) }
            next
        }
        !inblock && tcmd != "" && trow > 0 { tcmd = "" }
        /^```/ {
            print "L " NR > (T "/layout")
            if (!inblock) {
                inblock = 1; at = NR; first = 1; kind = ""; info = substr($0, 4); m = mark; mark = ""; odd = cont = 0
                if (m == "") next
                first = 0
                if (m == "illustrative") kind = "x"
                else if (m ~ /^file [^ ]+$/) { kind = "f"; fname = T "/run/" substr(m, 6) }
                else if (m == "sh") { kind = "sh"; shcmd = "" }
                else if (m == "script") { kind = "f"; fname = T "/run/script" NR ".coop"; step("./coop run script" NR ".coop", "ok", 0) }
                else if (m == "out") {
                    kind = "out"
                    if (last != "sh") bad("a docs-test: out block must follow a docs-test: sh block")
                    ck = shk
                } else if (m ~ /^in ./) { kind = "in"; ck = step(substr(m, 4), "in", info == "json") }
                else { bad("unknown docs-test marker: " m); kind = "x" }
                next
            }
            inblock = 0; flush_file()
            if (kind == "k") end_cmd()
            if (kind == "sh") shk = step(shcmd, "exact", 0)
            if (kind == "" && odd) bad_at(at, "this block looks like a command or its output, but is not marked (tests/docs.sh says how)")
            last = kind
            next
        }
        !inblock {
            print "L " NR > (T "/layout")
            if (mark != "" && $0 != "") { bad("a docs-test marker not right before a block"); mark = "" }
            next
        }
        first {
            first = 0
            if ($0 ~ /^\$ \.\/coop repl( [^<|;]*)?$/) {
                s++; g = 0; skip[s] = 0; kind = "s"
                args = $0; sub(/^\$ \.\/coop repl ?/, "", args)
                print args > (T "/s" s ".args"); close(T "/s" s ".args")
                print "S " NR " " s > (T "/layout"); next
            }
            if ($0 ~ /^coop> / && s > 0) kind = "c"
            else if ($0 ~ /^# [A-Za-z0-9_]+\.coop: /) {
                kind = "f"; fname = $2; sub(/:$/, "", fname); fname = T "/run/" fname
            } else if ($0 ~ /^\$ /) kind = "k"
        }
        kind == "f" { print > fname; print "L " NR > (T "/layout"); next }
        kind == "k" {
            print "L " NR > (T "/layout")
            if (cont) { ccmd = ccmd "\n" $0; cont = unclosed(ccmd); if (!cont) end_cmd(); next }
            if (/^\$ /) { ccmd = substr($0, 3); cont = unclosed(ccmd); if (!cont) end_cmd(); next }
            want($0); next
        }
        kind == "sh" { shcmd = shcmd $0 "\n"; print "L " NR > (T "/layout"); next }
        kind == "out" || kind == "in" { want($0); print "L " NR > (T "/layout"); next }
        kind == "" || kind == "x" { if (kind == "" && looks($0)) odd = 1; print "L " NR > (T "/layout"); next }
        /\^C/ { skip[s] = 1 }
        /^coop 0\.[0-9.]*: ask what-if/ { print "B " NR > (T "/layout"); next }
        /^coop> / || (/^  \.\.\. / && g > 0) {
            if (/^coop> /) { g++; print "G " NR " " s " " g > (T "/layout") }
            else print "C " NR > (T "/layout")
            line = substr($0, 7)
            print line >> (T "/s" s ".in")
            print line >> (T "/s" s "." g ".in")
            next
        }
        {
            print >> (T "/s" s "." g ".want")
            print "O " NR " " s " " g > (T "/layout")
        }
        END {
            if (mark != "" || infile || (tcmd != "" && !trow)) bad("a docs-test marker with no block after it")
            for (i = 1; i <= s; i++) print (skip[i] ? "skip" : "run") > (T "/s" i ".mode")
        }
    ' "$doc"
    ;;
    esac
    # the README's layout names every source file, unit test file and suite
    case $doc in
    README.md | */README.md)
        for f in "$root"/src/*.c "$root"/cli/*.c "$root"/tests/test_*.c "$root"/tests/*.sh; do
            b=$(basename "$f")
            grep -q "$b" "$doc" || echo "$doc: does not name ${f#"$root"/}" >>"$tmp/errors"
        done
        ;;
    esac
    if [ -s "$tmp/errors" ]; then
        cat "$tmp/errors"
        fail=$((fail + $(wc -l <"$tmp/errors")))
        rm -f "$tmp/errors"
    fi
    n=0
    for a in "$tmp"/s*.args; do
        [ -e "$a" ] || continue
        n=$((n + 1))
    done
    i=1
    while [ "$i" -le "$n" ]; do
        if [ "$(cat "$tmp/s$i.mode")" = skip ]; then i=$((i + 1)); continue; fi
        args=$(cat "$tmp/s$i.args")
        # the output of each group: the session run up to it, less the run before it
        : >"$tmp/prefix.in"
        (cd "$run" && "$coop" repl $args <"$tmp/prefix.in" >"$tmp/s$i.0.got" 2>&1)
        prev=$tmp/s$i.0.got
        g=1
        while [ -e "$tmp/s$i.$g.in" ]; do
            # each run saves again what the prefix saves: not over the last run's file
            for f in $(sed -n 's/^:save!* *//p' "$tmp/prefix.in"); do rm -f "$run/$f"; done
            cat "$tmp/s$i.$g.in" >>"$tmp/prefix.in"
            (cd "$run" && "$coop" repl $args <"$tmp/prefix.in" >"$tmp/all" 2>&1)
            tail -c +"$(($(wc -c <"$prev") + 1))" "$tmp/all" >"$tmp/s$i.$g.got"
            cp "$tmp/all" "$tmp/prev.$i"
            prev=$tmp/prev.$i
            g=$((g + 1))
        done
        ok=1
        g=0
        while [ -e "$tmp/s$i.$g.got" ]; do
            [ -e "$tmp/s$i.$g.want" ] || : >"$tmp/s$i.$g.want"
            sed 's/[ 	]*$//' "$tmp/s$i.$g.want" >"$tmp/w"
            sed 's/[ 	]*$//' "$tmp/s$i.$g.got" >"$tmp/o"
            if ! cmp -s "$tmp/w" "$tmp/o"; then
                ok=0
                [ "${UPDATE:-0}" = 1 ] || {
                    echo "FAIL: $doc: session $i ($args), after input $g:"
                    sed -n 1p "$tmp/s$i.$g.in" 2>/dev/null | sed 's/^/  coop> /'
                    diff -u "$tmp/w" "$tmp/o" | sed -n '3,40p'
                }
            fi
            g=$((g + 1))
        done
        if [ "$ok" = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
        i=$((i + 1))
    done
    # the commands, in order
    while read -r k mode json line; do
        cmds=$((cmds + 1))
        sed "s|/tmp/|$run/tmp/|g" "$tmp/k$k.cmd" >"$tmp/cmd"
        (cd "$run" && PATH="$run:$PATH" sh "$tmp/cmd" </dev/null >"$tmp/got" 2>&1)
        rc=$?
        sed "s|$run/tmp/|/tmp/|g" "$tmp/got" >"$tmp/o"
        if [ "$mode" = ok ]; then
            if [ "$rc" = 0 ]; then pass=$((pass + 1)); continue; fi
            echo "FAIL: $doc:$line: exit $rc:"
            sed 's/^/  $ /' "$tmp/k$k.cmd"
            sed -n '1,20p' "$tmp/o"
        elif [ "$mode" = msgs ]; then
            if find_msgs "$tmp/k$k.want" "$tmp/o" >"$tmp/missing"; then pass=$((pass + 1)); continue; fi
            echo "FAIL: $doc:$line: the table quotes messages that this does not print:"
            sed 's/^/  $ /' "$tmp/k$k.cmd"
            sed 's/^/  /' "$tmp/missing"
        elif match_out "$mode" "$json" "$tmp/k$k.want" "$tmp/o"; then
            pass=$((pass + 1)); continue
        else
            if [ "$mode" = in ]; then echo "FAIL: $doc:$line: not in what this prints:"
            else echo "FAIL: $doc:$line: this prints otherwise:"; fi
            sed 's/^/  $ /' "$tmp/k$k.cmd"
            sed 's/[ 	]*$//' "$tmp/k$k.want" >"$tmp/w"
            sed 's/[ 	]*$//' "$tmp/o" | diff -u "$tmp/w" - | sed -n '3,40p'
        fi
        fail=$((fail + 1))
    done <"$tmp/steps"
    if [ "${UPDATE:-0}" = 1 ] && [ -e "$tmp/layout" ]; then
        # Pass 2: the document again, each group's output from the run
        awk -v T="$tmp" '
            FILENAME ~ /layout$/ { what[$2] = $1; ss[$2] = $3; gg[$2] = $4; next }
            {
                w = what[FNR]
                mode = ""
                if (w == "S" || w == "G" || w == "O") {
                    m = T "/s" ss[FNR] ".mode"; getline mode < m; close(m)
                }
                if (w == "O" && mode == "run") next
                print
                if (mode == "run" && (w == "S" || w == "G")) { pending = T "/s" ss[FNR] "." (w == "S" ? 0 : gg[FNR]) ".got"; wait_banner = (w == "S") }
                if (w == "B") wait_banner = 0
                if (pending != "" && what[FNR + 1] != "C" && !(wait_banner && what[FNR + 1] == "B")) {
                    while ((getline l < pending) > 0) print l
                    close(pending); pending = ""
                }
            }
        ' "$tmp/layout" "$doc" >"$tmp/new"
        cp "$tmp/new" "$doc"
    fi
done
echo "docs: $pass examples as shown ($cmds commands), $fail not"
[ "$fail" -eq 0 ]
