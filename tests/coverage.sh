#!/bin/sh
# coverage.sh OBJDIR SOURCE... - line and branch coverage of each SOURCE from
# the gcov data (.gcno, .gcda) in OBJDIR, where a --coverage build put its
# objects (make coverage: build/cov/obj).  Prints an aligned table sorted by
# file name, then the total.  Branches: the share taken at least once.  A
# source without data (never compiled, or no test reached it) shows "-"
# or 0%.  Reports only: exits 0 unless gcov cannot be run at all.
objdir=${1:?usage: sh tests/coverage.sh OBJDIR SOURCE...}
shift
command -v "${GCOV:=gcov}" >/dev/null 2>&1 || { echo "coverage: $GCOV not found" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/coop-cov.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
root=$(pwd)

for src in "$@"; do
    base=$(basename "$src" .c)
    if [ ! -e "$objdir/$base.gcno" ]; then
        echo "$src - - - -"
        continue
    fi
    # -n: summaries only, no .gcov files; run in a scratch directory anyway
    (cd "$tmp" && "$GCOV" -b -n -o "$root/$objdir" "$root/$src" 2>/dev/null) |
    awk -v want="$root/$src" -v name="$src" '
        /^File / { f = $0; sub(/^File .?/, "", f); sub(/.$/, "", f); this = (f == want || f == name); next }
        !this { next }
        /^Lines executed:/   { split($0, a, /[:% ]+/); lp = a[3]; ln = a[5] }
        /^Taken at least once:/ { split($0, a, /[:% ]+/); bp = a[5]; bn = a[7] }
        /^No branches/ { bp = 0; bn = 0 }
        /^No executable lines/ { lp = 0; ln = 0 }
        END {
            if (ln == "") { print name, "-", "-", "-", "-"; exit }
            if (bn == "") { bp = 0; bn = 0 }
            # covered counts from the percentages (gcov prints 2 decimals)
            printf "%s %d %d %d %d\n", name, int(lp * ln / 100 + 0.5), ln, int(bp * bn / 100 + 0.5), bn
        }'
done | LC_ALL=C sort | awk '
    function row(f, lp, lc, bp, bc) { printf "%-22s %8s %13s %11s %13s\n", f, lp, lc, bp, bc }
    function pct(a, b) { return b > 0 ? sprintf("%.1f%%", 100 * a / b) : "-" }
    BEGIN { row("file", "lines", "covered/all", "branches", "covered/all") }
    $2 == "-" { row($1, "-", "(no data)", "-", ""); next }
    {
        row($1, pct($2, $3), $2 "/" $3, pct($4, $5), $4 "/" $5)
        l += $2; L += $3; b += $4; B += $5
    }
    END { row("total", pct(l, L), l "/" L, pct(b, B), b "/" B) }'
