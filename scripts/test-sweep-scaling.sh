#!/usr/bin/env bash
# CI test of sweeps across processes and machines (run by `make test` after the Swift tests):
#  1. a reference: the sweep run whole in one process;
#  2. kill -9 in the middle of a run, then the same command resumes: nothing lost or redone,
#     and the tables are byte-identical to the reference;
#  3. GNU parallel: 3 shards, merged: byte-identical;
#  4. a real one-node Slurm cluster (munged, slurmctld, slurmd started here with all state in a
#     temporary folder): the sweep as a job array with `sbatch --wait --array`, merged:
#     byte-identical. The daemons are stopped by their pids on exit, also on failure.
# Needs slurm-wlm, munge and parallel (scripts/install-deps.sh) and root for the Slurm part
# (Slurm's daemons run as root here, as in docs/design.md §4); without them it says so and fails.
set -euo pipefail
cd "$(dirname "$0")/.."
CHORUS="${CHORUS:-$PWD/.build/debug/chorus}"
[ -x "$CHORUS" ] || { echo "test-sweep-scaling: $CHORUS not built (swift build first)" >&2; exit 1; }
export CHORUS
T="$(mktemp -d /tmp/chorus-sweep-scaling.XXXXXX)"
pids=()
cleanup() {
  local rc=$?
  for pidfile in "$T/slurmd.pid" "$T/slurmctld.pid" "$T/munged.pid"; do
    if [ -s "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
  done
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  sleep 0.5
  for pidfile in "$T/slurmd.pid" "$T/slurmctld.pid" "$T/munged.pid"; do
    if [ -s "$pidfile" ]; then kill -9 "$(cat "$pidfile")" 2>/dev/null || true; fi
  done
  if [ $rc -ne 0 ]; then
    echo "test-sweep-scaling: FAILED (rc $rc); logs:" >&2
    tail -n 20 "$T"/*.log 2>/dev/null >&2 || true
  fi
  rm -rf "$T"
  exit $rc
}
trap cleanup EXIT INT TERM

# A small sweep: 2 × 3 points, 2 regimes, 3 fresh seeds each, about 0.3 s a point.
SWEEP=(--preset quick --set regimes=single-agent,multiagent --set task.train_questions=40
       --set task.test_questions=40 --seeds 3 --seed-offset 700 --name ci
       --axis agents.count=2,3 --axis finetune.learning_rate=0.2,0.5,1
       --metrics accuracy.final,entropy.chain,contrast.accuracy.final.minus.single-agent)
TABLES=(sweep-metrics.csv sweep-summary.csv sweep-points.csv)
same() {  # same DIR LABEL: DIR's tables are the reference's bytes
  for f in "${TABLES[@]}"; do
    cmp -s "$T/whole/$f" "$1/$f" || { echo "test-sweep-scaling: $2: $f differs from the single-process run" >&2; exit 1; }
  done
  echo "test-sweep-scaling: $2: tables byte-identical to the single-process run"
}

"$CHORUS" sweep run "${SWEEP[@]}" --out "$T/whole" --quiet --threads 2 >/dev/null
total=$("$CHORUS" sweep plan --count "${SWEEP[@]}")

# kill -9 after the first point file appears, then resume.
"$CHORUS" sweep run "${SWEEP[@]}" --out "$T/killed" --quiet --threads 1 >/dev/null 2>&1 &
victim=$!; pids+=("$victim")
for _ in $(seq 1 600); do
  n=$(ls "$T/killed/points" 2>/dev/null | grep -c '\.json$' || true)
  [ "$n" -ge 1 ] && break
  sleep 0.05
done
kill -9 "$victim" 2>/dev/null || true
wait "$victim" 2>/dev/null || true
done_before=$(ls "$T/killed/points" | grep -c '\.json$' || true)
[ "$done_before" -lt "$total" ] || { echo "test-sweep-scaling: the run finished before kill -9; nothing was tested" >&2; exit 1; }
resume=$("$CHORUS" sweep run "${SWEEP[@]}" --out "$T/killed" --threads 2 2>&1 >/dev/null | grep '^sweep: .* computed')
echo "test-sweep-scaling: killed with $done_before of $total points done; resumed: $resume"
case "$resume" in
  "sweep: $((total - done_before)) computed, $done_before already done,"*) ;;
  *) echo "test-sweep-scaling: resume did not compute exactly the missing points" >&2; exit 1 ;;
esac
same "$T/killed" "kill -9 and resume"

# GNU parallel, 3 shards.
PARALLEL_JOBS=2 scripts/sweep-parallel.sh 3 "$T/parallel" "${SWEEP[@]}" >/dev/null
same "$T/parallel" "GNU parallel (3 shards)"

# Slurm: a one-node cluster under $T.
for tool in munged slurmctld slurmd sbatch; do
  command -v "$tool" >/dev/null || { echo "test-sweep-scaling: $tool missing (scripts/install-deps.sh installs slurm-wlm and munge)" >&2; exit 1; }
done
[ "$(id -u)" -eq 0 ] || { echo "test-sweep-scaling: the Slurm part needs root (as in CI)" >&2; exit 1; }
mkdir -p "$T/munge" "$T/spool" "$T/state"
chmod 700 "$T/munge"
dd if=/dev/urandom of="$T/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$T/munge/munge.key"
munged --force --key-file="$T/munge/munge.key" --socket="$T/munge/munge.socket" \
       --pid-file="$T/munged.pid" --log-file="$T/munged.log" --seed-file="$T/munge/munge.seed"
cat > "$T/slurm.conf" <<CONF
ClusterName=chorus-ci
SlurmctldHost=localhost
SlurmUser=root
SlurmctldPort=$((20000 + RANDOM % 20000))
SlurmdPort=$((40000 + RANDOM % 20000))
AuthType=auth/munge
AuthInfo=socket=$T/munge/munge.socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
MpiDefault=none
NodeName=localhost CPUs=$(nproc) RealMemory=1000 State=UNKNOWN
PartitionName=ci Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$T/slurm.conf"
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 1 100); do
  sinfo -h -o '%t' 2>/dev/null | grep -Eq '^(idle|mix|alloc)' && break
  sleep 0.2
done
sinfo -h -o '%t' | grep -Eq '^(idle|mix|alloc)' || { echo "test-sweep-scaling: the Slurm node did not come up" >&2; exit 1; }
mkdir -p "$T/slurm-sweep/logs"   # as scripts/slurm/submit-sweep.sh: the jobs' logs in DIR/logs
timeout 240 sbatch --wait --array=0-2 --chdir="$T/slurm-sweep" --output="$T/slurm-sweep/logs/slurm-%A_%a.out" \
  --export=ALL,CHORUS="$CHORUS" \
  scripts/slurm/sweep-array.sbatch "$T/slurm-sweep" "${SWEEP[@]}" >/dev/null
"$CHORUS" sweep merge "${SWEEP[@]}" --out "$T/slurm-sweep" "$T/slurm-sweep" >/dev/null
same "$T/slurm-sweep" "Slurm job array (sbatch --wait --array=0-2)"
echo "test-sweep-scaling: all passed"
