#!/bin/sh
# submit.sh - submits sweep.sbatch's array, 0 .. SHARDS-1 (default 100
# tasks, the --array given to sbatch from SHARDS, so the array and the
# shards' count cannot disagree), then merge.sbatch to run once every task
# of it has ended well (afterok); prints both job ids.  Run it from the
# directory the jobs work in (the model's paths are relative to it); the
# shards, logs and out/sweep.csv (FORMAT=jsonl: out/sweep.jsonl) go to OUT
# (default out).  COOP is the coop the compute nodes run: coop installed on
# them (the default), or a path on a file system they share, made absolute
# here (COOP=./coop is $PWD/coop); sweep.sbatch says how to choose --time.
#
#   SHARDS=20 FORMAT=jsonl COOP=./coop sh examples/slurm/submit.sh
set -eu
here=$(dirname "$0")
SHARDS=${SHARDS:-100}
FORMAT=${FORMAT:-csv}
OUT=${OUT:-out}
COOP=${COOP:-coop}
case $COOP in
/*) ;;
*/*) COOP=$(pwd)/$COOP ;; # a node resolves a relative path from elsewhere, if at all
esac
case $SHARDS in
'' | *[!0-9]* | 0*) echo "submit.sh: SHARDS is a number of tasks from 1, not '$SHARDS'" >&2; exit 2 ;;
esac
export SHARDS FORMAT OUT COOP # (sbatch passes the environment on to the jobs)
mkdir -p "$OUT" out
array=$(sbatch --parsable --array="0-$((SHARDS - 1))" "$here/sweep.sbatch")
array=${array%%;*} # (a cluster's name may follow the id)
merge=$(sbatch --parsable --dependency=afterok:"$array" "$here/merge.sbatch")
echo "sweep: job array $array of $SHARDS tasks; merge: job ${merge%%;*} (runs when the array has ended well)"
