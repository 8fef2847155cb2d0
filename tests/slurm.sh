#!/bin/sh
# slurm.sh COOP - runs examples/slurm/sweep.sbatch on a real Slurm: starts a
# single-node cluster on this machine (munged with a key of its own,
# slurmctld and slurmd on localhost, a slurm.conf written for them, all in a
# temporary directory, on ports of their own), submits the array (4 tasks,
# each a shard) with sbatch --wait, then examples/slurm/merge.sbatch as a
# job that depends on it, and compares the merged file with one run of the
# same sweep, byte for byte.  The daemons are stopped and the directory
# removed on any exit; a failure prints their logs.
#   sh tests/slurm.sh ./coop        (make slurm; make check-all runs it)
# Needs root (slurmd starts jobs as their users) and Debian's slurm-wlm and
# munge (.ci/packages).  Then examples/slurm/submit.sh, as a user runs it
# (SHARDS=3, FORMAT=jsonl): its array of 3 tasks and its merge, against one
# run.  Every wait has a timeout; the run takes under a minute.
# Exits 0 when the files are the same, 1 when not (or a step failed), 2 if
# it could not run at all.

coop=${1:?usage: sh tests/slurm.sh COOP}
case $coop in
/*) ;;
*) coop=$(pwd)/$coop ;;
esac
root=$(pwd)
[ -x "$coop" ] || { echo "slurm.sh: $coop is not executable" >&2; exit 2; }
[ -f "$root/examples/slurm/sweep.sbatch" ] || { echo "slurm.sh: run it from the repository root" >&2; exit 2; }
for t in munged mungekey slurmctld slurmd sbatch sinfo scontrol; do
    command -v "$t" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin
    command -v "$t" >/dev/null 2>&1 || { echo "slurm.sh: $t is needed: sh .ci/deps (slurm-wlm, munge)" >&2; exit 2; }
done
[ "$(id -u)" = 0 ] || { echo "slurm.sh: needs root (slurmd starts each job as its user)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/coop-slurm.XXXXXX") || exit 2
chmod 700 "$tmp"
pids=
failed=0
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    # each daemon has 10 s to end, then is killed
    for p in $pids; do
        i=0
        while kill -0 "$p" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
        kill -9 "$p" 2>/dev/null
    done
    if [ "$failed" = 1 ]; then
        for log in munged.log slurmctld.log slurmd.log; do
            [ -s "$tmp/$log" ] && { echo "---- $log (its last 40 lines)"; tail -n 40 "$tmp/$log"; }
        done
        for log in "$tmp"/logs/* "$tmp"/sub/out/*.log; do [ -s "$log" ] && { echo "---- job log ${log##*/}"; cat "$log"; }; done
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'failed=1; exit 1' INT TERM HUP
die() { echo "slurm.sh: $*" >&2; failed=1; exit 1; }

# until_ok SECONDS WHAT CMD...: runs CMD every 0.2 s until it succeeds.
until_ok() {
    n=$(($1 * 5))
    what=$2
    shift 2
    i=0
    until "$@" >/dev/null 2>&1; do
        i=$((i + 1))
        [ $i -ge $n ] && die "waited $((n / 5)) s for $what"
        sleep 0.2
    done
}

# ---- munge: a key of our own, its socket here ----------------------------
mungekey --create --keyfile="$tmp/munge.key" >/dev/null 2>&1 ||
    dd if=/dev/urandom of="$tmp/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$tmp/munge.key"
sock=$tmp/munge.socket
munged --force --key-file="$tmp/munge.key" --socket="$sock" --pid-file="$tmp/munged.pid" \
    --log-file="$tmp/munged.log" --seed-file="$tmp/munged.seed" || die "munged did not start"
until_ok 10 "munged's pid file" test -s "$tmp/munged.pid"
pids=$(cat "$tmp/munged.pid")
until_ok 10 "munge to answer" sh -c "munge -S '$sock' -n | unmunge -S '$sock'"

# ---- slurm: the controller and one node, this machine ---------------------
host=$(hostname -s)
node=$(slurmd -C 2>/dev/null | sed -n '1s/ *$//p')
[ -n "$node" ] || die "slurmd -C said nothing about this machine"
# two ports no one listens on (a busy port makes a daemon fail: said below)
port=$((20000 + $$ % 20000))
mkdir -p "$tmp/state" "$tmp/spool" "$tmp/logs" "$tmp/out" "$tmp/ref"
cat >"$tmp/slurm.conf" <<EOF
ClusterName=cooptest
SlurmctldHost=$host
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$sock
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
SlurmctldTimeout=10
SlurmdTimeout=10
InactiveLimit=0
KillWait=2
MinJobAge=60
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$tmp/slurm.conf"
slurmctld -D -i -f "$SLURM_CONF" >>"$tmp/slurmctld.log" 2>&1 &
pids="$pids $!"
until_ok 15 "slurmctld to answer" scontrol ping
slurmd -D -f "$SLURM_CONF" >>"$tmp/slurmd.log" 2>&1 &
pids="$pids $!"
until_ok 20 "the node to be idle" sh -c "sinfo -h -n '$host' -o %t | grep -q idle"

# ---- the sweep: one run, then the array and its merge ---------------------
COOP=$coop OUT=$tmp/ref sh examples/slurm/sweep.sbatch || die "the sweep run at once failed"
points=$(($(wc -l <"$tmp/ref/sweep.csv") - 1))
[ "$points" -gt 100 ] || die "the sweep run at once wrote $points points"
export COOP="$coop" OUT="$tmp/out" SHARDS=4
timeout 60 sbatch --wait --array=0-3 --output="$tmp/logs/task-%A_%a.log" --chdir="$root" \
    examples/slurm/sweep.sbatch >"$tmp/array" 2>&1 || { cat "$tmp/array"; die "the array failed"; }
array=$(sed -n 's/^Submitted batch job \([0-9]*\).*/\1/p' "$tmp/array")
[ -n "$array" ] || { cat "$tmp/array"; die "sbatch said no job id"; }
for k in 0 1 2 3; do [ -s "$tmp/out/shard-$k.csv" ] || die "shard $k was not written"; done
timeout 60 sbatch --wait --dependency=afterok:"$array" --output="$tmp/logs/merge-%j.log" --chdir="$root" \
    examples/slurm/merge.sbatch >"$tmp/merge" 2>&1 || { cat "$tmp/merge"; die "the merge job failed"; }
if cmp "$tmp/ref/sweep.csv" "$tmp/out/sweep.csv"; then
    echo "slurm: a job array of 4 shards merged is the one run's $points points, byte for byte"
else
    die "the merged shards differ from the one run"
fi

# ---- submit.sh: the array's size from SHARDS, JSON lines, then its merge ---
# (run from a directory of its own: the jobs work there, their logs in out/)
mkdir -p "$tmp/sub" "$tmp/ref2"
model=$root/examples/npo_enterprise.coop
COOP=$coop OUT=$tmp/ref2 FORMAT=jsonl MODEL=$model sh examples/slurm/sweep.sbatch || die "the jsonl sweep run at once failed"
(cd "$tmp/sub" && COOP=$coop OUT=$tmp/sub/out SHARDS=3 FORMAT=jsonl MODEL=$model \
    timeout 30 sh "$root/examples/slurm/submit.sh") >"$tmp/submit" 2>&1 || { cat "$tmp/submit"; die "submit.sh failed"; }
grep -q "job array [0-9]* of 3 tasks" "$tmp/submit" || { cat "$tmp/submit"; die "submit.sh said no array of 3 tasks"; }
merge=$(sed -n 's/.*merge: job \([0-9]*\).*/\1/p' "$tmp/submit")
# the merge ends last: it waits for the array
done_ok() { scontrol show job "$1" 2>/dev/null | grep -q "JobState=COMPLETED"; }
until_ok 60 "submit.sh's merge job $merge to complete" done_ok "$merge"
for k in 0 1 2; do [ -s "$tmp/sub/out/shard-$k.jsonl" ] || die "submit.sh: shard $k was not written"; done
[ -s "$tmp/sub/out/shard-3.jsonl" ] && die "submit.sh ran a fourth task"
if cmp "$tmp/ref2/sweep.jsonl" "$tmp/sub/out/sweep.jsonl"; then
    echo "slurm: submit.sh's array of 3 shards (SHARDS=3, JSON lines) merged is the one run's, byte for byte"
else
    die "submit.sh's merged shards differ from the one run"
fi
