#!/bin/bash
# Splits a sweep (by grid point) or a sensitivity analysis (by evaluation) over a Slurm array job and merges it in a
# dependent job into the folder one process writes:
#   deploy/slurm/submit-analysis.sh 16 sweep scenarios/liaocheng-2025.yaml --lever hightech_new_constant.mean=40:80:8 --paths 1000000
#   deploy/slurm/submit-analysis.sh 16 sensitivity scenarios/liaocheng-2025.yaml --samples 65536
# Arguments: shards, the command (sweep or sensitivity), the scenario, then the command's options; SEED and WORK (a
# folder every node can reach) from the environment.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shards="$1" command="$2" scenario="$(realpath "$3")"
shift 3
export WORK="$(realpath -m "${WORK:-$PWD/forecast-work}")"
partials="$WORK/partials-$command/" out="$WORK/out/$(basename "$scenario" .yaml)-$command"
mkdir -p "$partials" logs
array=$(sbatch --parsable --array="0-$((shards - 1))" --export=ALL "$here/analysis.sbatch" \
  "$command" "$scenario" "$@" --seed "${SEED:-20220214}" --shard "auto/$shards" --partial "$partials")
sbatch --dependency="afterok:${array%%;*}" --export=ALL --job-name=forecast-merge --cpus-per-task=1 --mem=2G \
  --output=logs/merge-%j.out --wrap "forecast merge '$partials' --out '$out'"
echo "shards: job $array (tasks 0-$((shards - 1))); merge runs after all of them succeed; results in $out"
