#!/bin/bash
# Splits one forecast run over a Slurm array job and merges it in a dependent job.
#   deploy/slurm/submit.sh scenarios/liaocheng-2025.yaml 1000000000 16
# Arguments: scenario, paths, shards (default 8); SEED and WORK (a folder every node can reach) from the environment.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export SCENARIO="$(realpath "$1")" PATHS="${2:-100000000}" SHARDS="${3:-8}"
export SEED="${SEED:-20220214}" WORK="$(realpath -m "${WORK:-$PWD/forecast-work}")"
mkdir -p "$WORK/partials" logs
array=$(sbatch --parsable --array="0-$((SHARDS - 1))" --export=ALL "$here/shards.sbatch")
sbatch --dependency="afterok:${array%%;*}" --export=ALL "$here/merge.sbatch"
echo "shards: job $array (tasks 0-$((SHARDS - 1))); merge runs after all of them succeed; results in $WORK/out"
