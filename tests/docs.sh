#!/bin/sh
# docs.sh COOP DOC... - replays every REPL session a document shows and
# checks that what it shows is what coop prints.  A code block whose first
# line is `$ ./coop repl ARGS` starts a session; a block whose first line
# starts with `coop> ` continues it.  Lines after `coop> ` or `  ... ` are
# typed; the others are the output expected.  The banner is skipped (a pipe
# gets none), and so are sessions with ^C.  A block whose first line is
# `# NAME.coop: ...` is written to NAME.coop in the sessions' directory.
# With UPDATE=1 the documents' outputs are rewritten from what coop prints:
# review the diff.
coop=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
root=$(pwd)
tmp=${TMPDIR:-/tmp}/coop-docs.$$
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0
fail=0
for doc in "$@"; do
    rm -rf "$tmp"
    mkdir -p "$tmp/run"
    ln -s "$root/examples" "$tmp/run/examples"
    # Pass 1: sessions, their inputs (grouped: an input and its continuation
    # lines) and the output shown after each group; group 0 is what loading
    # printed.  A layout file says which lines of the document are whose.
    awk -v T="$tmp" '
        function flush_file() { if (fname != "") close(fname); fname = "" }
        /^```/ {
            if (!inblock) { inblock = 1; first = 1; kind = ""; print "L " NR > (T "/layout"); next }
            inblock = 0; flush_file(); print "L " NR > (T "/layout"); next
        }
        !inblock { print "L " NR > (T "/layout"); next }
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
            }
        }
        kind == "f" { print > fname; print "L " NR > (T "/layout"); next }
        kind == "" { print "L " NR > (T "/layout"); next }
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
        END { for (i = 1; i <= s; i++) print (skip[i] ? "skip" : "run") > (T "/s" i ".mode") }
    ' "$doc"
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
        (cd "$tmp/run" && "$coop" repl $args <"$tmp/prefix.in" >"$tmp/s$i.0.got" 2>&1)
        prev=$tmp/s$i.0.got
        g=1
        while [ -e "$tmp/s$i.$g.in" ]; do
            cat "$tmp/s$i.$g.in" >>"$tmp/prefix.in"
            (cd "$tmp/run" && "$coop" repl $args <"$tmp/prefix.in" >"$tmp/all" 2>&1)
            tail -c +"$(($(wc -c <"$prev") + 1))" "$tmp/all" >"$tmp/s$i.$g.got"
            cp "$tmp/all" "$tmp/prev.$i"
            prev=$tmp/prev.$i
            g=$((g + 1))
            # each run saves again what the prefix saves: not over the last run's file
            for f in $(sed -n 's/^:save!* *//p' "$tmp/prefix.in"); do rm -f "$tmp/run/$f"; done
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
    if [ "${UPDATE:-0}" = 1 ]; then
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
echo "docs: $pass sessions as shown, $fail not"
[ "$fail" -eq 0 ]
