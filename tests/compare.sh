# compare.sh - sourced by golden.sh and repl.sh: compare GOT EXPECTED NAME
# checks what a test printed against its expected file, counting in $pass
# and $fail; with UPDATE=1 it rewrites the expected file instead.
pass=0
fail=0
compare() {
    if [ "${UPDATE:-0}" = 1 ]; then
        cp "$1" "$2"
    elif cmp -s "$1" "$2"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $3"
        diff -u "$2" "$1" | head -40
    fi
}
