#!/bin/sh
# install.sh - make install and make uninstall, into a temporary PREFIX:
# installs, checks every file is there and coop.pc names the prefix, builds
# tests/install/hello.c against the installed library with
# `pkg-config --cflags --libs coop` alone, runs it on the flagship, runs the
# installed coop, uninstalls and checks the files are gone.  Then the same
# with DESTDIR (a staged install for PREFIX=/usr).
#   sh tests/install.sh            (run from the repository root; .ci/run does)
# Prints one line per check, then "install: N passed, M failed"; exits 1 if
# any check failed.  MAKE names make, CC the compiler (make, cc by default).
make=${MAKE:-make}
cc=${CC:-cc}
root=$(pwd)
[ -f "$root/tests/install/hello.c" ] || { echo "install.sh: run it from the repository root" >&2; exit 2; }
command -v pkg-config >/dev/null 2>&1 || { echo "install.sh: pkg-config is needed" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/coop-install.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'rm -rf "$tmp"; exit 2' INT TERM

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
no() { fail=$((fail + 1)); echo "FAIL $1"; [ -f "$tmp/log" ] && tail -20 "$tmp/log"; }

files="bin/coop lib/libcoop.a include/coop.h lib/pkgconfig/coop.pc share/man/man1/coop.1"
version=$(sed -n 's/^#define COOP_VERSION "\(.*\)"/\1/p' include/coop.h)
rules=$(grep -c '^partnership ' examples/npo_enterprise.coop)

# ---- PREFIX ----
p=$tmp/prefix
if $make install PREFIX="$p" >"$tmp/log" 2>&1; then ok "make install PREFIX=$p"; else no "make install"; fi
missing=
for f in $files; do [ -f "$p/$f" ] || missing="$missing $f"; done
if [ -z "$missing" ]; then ok "installed: $files"; else no "not installed:$missing"; fi
[ -x "$p/bin/coop" ] && ok "bin/coop is executable" || no "bin/coop is not executable"

pc() { PKG_CONFIG_PATH=$p/lib/pkgconfig pkg-config "$@" coop; }
if [ "$(pc --modversion 2>&1)" = "$version" ]; then ok "coop.pc: version $version"
else no "coop.pc: version $(pc --modversion 2>&1), wanted $version"; fi
if [ "$(pc --variable=prefix)" = "$p" ] && [ "$(pc --variable=libdir)" = "$p/lib" ] &&
   [ "$(pc --variable=includedir)" = "$p/include" ]; then ok "coop.pc: prefix, libdir, includedir"
else no "coop.pc: prefix $(pc --variable=prefix), libdir $(pc --variable=libdir)"; fi

flags=$(pc --cflags --libs 2>"$tmp/log")
# built away from the tree, so only the installed header and library can serve
if (cd "$tmp" && $cc -std=c11 -Wall -Wextra -Werror -o hello "$root/tests/install/hello.c" $flags) \
       >"$tmp/log" 2>&1; then
    ok "hello.c builds with: $cc $flags"
else
    no "hello.c does not build with: $cc $flags"
fi
[ "$rules" = 1 ] && s= || s=s
want="coop $version: examples/npo_enterprise.coop: $rules rule$s"
got=$("$tmp/hello" examples/npo_enterprise.coop 2>&1)
if [ "$got" = "$want" ]; then ok "hello: $got"; else no "hello printed '$got', wanted '$want'"; fi

# the what-if program docs/api.md shows: its output as the doc shows it
if (cd "$tmp" && $cc -std=c11 -Wall -Wextra -Werror -o whatif "$root/tests/install/whatif.c" $flags) \
       >"$tmp/log" 2>&1; then
    ok "whatif.c builds"
else
    no "whatif.c does not build: $(cat "$tmp/log")"
fi
"$tmp/whatif" >"$tmp/whatif.out" 2>&1
# the fenced block after the marker line
awk '/^<!-- whatif output -->$/ { on = 1; next } on == 1 { on = 2; next } on == 2 && /^```$/ { exit } on == 2' \
    "$root/docs/api.md" >"$tmp/whatif.want"
if [ -s "$tmp/whatif.want" ] && cmp -s "$tmp/whatif.out" "$tmp/whatif.want"; then
    ok "whatif prints what docs/api.md shows"
else
    no "whatif printed: $(cat "$tmp/whatif.out")"
fi

if "$p/bin/coop" check examples/npo_enterprise.coop >"$tmp/log" 2>&1 &&
   [ "$("$p/bin/coop" --version)" = "coop $version" ]; then
    ok "the installed coop runs"
else
    no "the installed coop does not run"
fi
if command -v man >/dev/null 2>&1; then
    if MANPATH=$p/share/man man -w coop >/dev/null 2>&1; then ok "man finds coop(1)"; else no "man does not find coop(1)"; fi
fi

if $make uninstall PREFIX="$p" >"$tmp/log" 2>&1; then ok "make uninstall PREFIX=$p"; else no "make uninstall"; fi
left=$(find "$p" -type f | sed "s|^$p/||")
if [ -z "$left" ]; then ok "uninstalled: no file left"; else no "left after uninstall: $left"; fi

# ---- DESTDIR ----
d=$tmp/stage
$make install DESTDIR="$d" PREFIX=/usr >"$tmp/log" 2>&1 || no "make install DESTDIR=$d PREFIX=/usr"
missing=
for f in $files; do [ -f "$d/usr/$f" ] || missing="$missing $f"; done
if [ -z "$missing" ]; then ok "DESTDIR: installed below $d/usr"; else no "DESTDIR: not installed:$missing"; fi
if grep -qx 'prefix=/usr' "$d/usr/lib/pkgconfig/coop.pc" &&
   grep -qx 'libdir=${prefix}/lib' "$d/usr/lib/pkgconfig/coop.pc"; then
    ok "DESTDIR: coop.pc names /usr, not the staging directory"
else
    no "DESTDIR: coop.pc: $(head -3 "$d/usr/lib/pkgconfig/coop.pc" | tr '\n' ' ')"
fi
$make uninstall DESTDIR="$d" PREFIX=/usr >"$tmp/log" 2>&1 || no "make uninstall DESTDIR=$d"
left=$(find "$d" -type f)
if [ -z "$left" ]; then ok "DESTDIR: uninstalled"; else no "DESTDIR: left after uninstall: $left"; fi

echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
