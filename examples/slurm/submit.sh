#!/bin/sh
# submit.sh - submits sweep.sbatch's array, then merge.sbatch to run once
# every task of it has ended well (afterok); prints both job ids.  Run it
# from the directory the jobs work in (the model's paths are relative to
# it); the shards, logs and out/sweep.csv go to OUT (default out).
set -eu
here=$(dirname "$0")
mkdir -p "${OUT:-out}"
array=$(sbatch --parsable "$here/sweep.sbatch")
array=${array%%;*} # (a cluster's name may follow the id)
merge=$(sbatch --parsable --dependency=afterok:"$array" "$here/merge.sbatch")
echo "sweep: job array $array; merge: job ${merge%%;*} (runs when the array has ended well)"
