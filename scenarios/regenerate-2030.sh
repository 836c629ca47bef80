#!/usr/bin/env bash
# Derives the 15th-plan scenarios from the 2030 template and the history published up to 2025:
#   scenarios/liaocheng-2030-evidence.yaml  calibrate on the template (drivers and candidate structures from data);
#   scenarios/liaocheng-2030.yaml           the same with every target set to the most ambitious one reachable with
#                                           80% probability on its own (`forecast targets`): no 2030 S&T targets of
#                                           Liaocheng were found published (scenarios/history/README.md).
# Nothing in either is set by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
forecast() { dotnet run -c Release --project Forecast.Runner -- "$@"; }
forecast calibrate \
  scenarios/history/liaocheng-plan-history.csv scenarios/history/public-history-to-2020.csv scenarios/history/panel-to-2020.csv \
  scenarios/history/liaocheng-history-2021-2025.csv scenarios/history/public-series-after-2020.csv \
  --scenario scenarios/templates/liaocheng-2030-template.yaml --name liaocheng-2030-evidence \
  --title "聊城市“十五五”科技创新目标达成预测（证据基准，2026年初）|Liaocheng 15th Five-Year S&T targets: evidence-first forecast as of early 2026" \
  --description "Evidence-first forecast for 2026-2030 as of early 2026: the template's structure and stated assumptions, with every driver that the history published up to 2025 speaks to calibrated from it, and each indicator's candidate structures kept as a mixture where the data cannot choose. Targets are placeholders; liaocheng-2030.yaml sets them at 80%." \
  --lang en --out "$out/calibrated" --no-plots --force
cp "$out/calibrated/liaocheng-2030-evidence.yaml" scenarios/liaocheng-2030-evidence.yaml
forecast targets scenarios/liaocheng-2030-evidence.yaml --probability 0.8 --out "$out/targets" --no-plots --force --lang en
sed -e 's|^base: .*|base: liaocheng-2030-evidence.yaml|' \
    -e 's|^name: .*|name: liaocheng-2030|' \
    -e 's|^title: .*|title: {zh: "聊城市“十五五”科技创新目标建议（各指标80%概率可达）", en: "Liaocheng 15th Five-Year S\&T targets proposed at 80% (each reachable with probability 0.8)"}|' \
    -e 's|^# Written by: forecast targets [^ ]*|# Written by: forecast targets scenarios/liaocheng-2030-evidence.yaml|' \
    "$out/targets/liaocheng-2030-evidence-targets-p80.yaml" > scenarios/liaocheng-2030.yaml
echo "wrote scenarios/liaocheng-2030-evidence.yaml and scenarios/liaocheng-2030.yaml (calibration and targets in $out)"
