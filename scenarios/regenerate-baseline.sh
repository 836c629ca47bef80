#!/usr/bin/env bash
# Derives the shipped baseline scenarios/liaocheng-2025.yaml from the template and the history published up to 2020:
# nothing in it is set by hand (a test, BaselineDerivationTests, checks that this command reproduces the shipped file).
# The shipped files are English: --lang en keeps them so on a Chinese system (--lang zh writes the notes in Chinese).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
dotnet run -c Release --project Forecast.Runner -- calibrate \
  scenarios/history/liaocheng-plan-history.csv scenarios/history/public-history-to-2020.csv scenarios/history/panel-to-2020.csv \
  --scenario scenarios/templates/liaocheng-2025-assumptions.yaml --name liaocheng-2025 \
  --title "聊城市“十四五”科技创新规划目标达成预测（证据基准，2021年初）|Liaocheng 14th Five-Year S&T Innovation Plan: evidence-first baseline as of early 2021" \
  --description "Evidence-first baseline as of early 2021: the plan's structure, targets and stated assumptions, with every driver that the history published up to 2020 speaks to calibrated from it, and each indicator's candidate structures kept as a mixture where the data cannot choose. The plan's own inputs (300 new high-tech enterprises, 500 new technology-based SMEs) are a what-if: whatif-plan-inputs.yaml." \
  --lang en --out "$out" --no-plots --force
cp "$out/liaocheng-2025.yaml" scenarios/liaocheng-2025.yaml
echo "wrote scenarios/liaocheng-2025.yaml (calibration.json and the backtest in $out)"
