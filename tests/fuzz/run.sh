#!/bin/sh
# run.sh NAME DIR [LIBFUZZER OPTIONS...] - one run of DIR/fuzz_NAME on the
# corpus DIR/corpus/NAME (made if missing, kept across runs; what the run
# finds is added to it) and the seeds DIR/seeds/NAME.  libFuzzer's output
# goes to DIR/NAME.log; a clean run prints one line of its figures.  A
# crash, a sanitizer report, a leak, a timeout or an input using too much
# memory fails the run: the end of the log is shown, and the reproducer is
# in DIR/findings/ (`DIR/fuzz_NAME FILE` replays it).
name=$1
dir=$2
shift 2
mkdir -p "$dir/corpus/$name" "$dir/findings" || exit 2
log=$dir/$name.log
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} "$dir/fuzz_$name" "$@" -print_final_stats=1 \
    -artifact_prefix="$dir/findings/$name-" "$dir/corpus/$name" "$dir/seeds/$name" >"$log" 2>&1
status=$?
stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -n 1; }
if [ "$status" -ne 0 ]; then
    tail -n 60 "$log" >&2
    found=$(sed -n 's/.*Test unit written to //p' "$log" | tail -n 1)
    echo "fuzz $name: FAILED (exit $status)${found:+; reproducer: $found}; the whole log: $log" >&2
    exit 1
fi
echo "fuzz $name: $(stat number_of_executed_units) inputs ($(stat average_exec_per_sec)/s), the slowest" \
     "$(stat slowest_unit_time_sec) s, peak $(stat peak_rss_mb) MB, corpus $(ls "$dir/corpus/$name" | wc -l) files:" \
     "no crash, leak or timeout"
