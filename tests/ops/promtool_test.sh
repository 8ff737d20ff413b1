#!/usr/bin/env bash
# deploy/prometheus checked by Prometheus's own tool: the configurations, the rules, and the rule
# unit tests (every alert fires on a series that should fire it, quiet on one that should not).
set -euo pipefail
cd "$NDXP_SOURCE_DIR/deploy/prometheus"
promtool check config prometheus.yml
promtool check config compose.yml
promtool check rules rules/recording.yml rules/alerts.yml
promtool test rules tests/alerts_test.yml tests/recording_test.yml
# Every alert has a unit test that names it.
for alert in $(sed -n 's/^ *- alert: *\([A-Za-z]*\).*/\1/p' rules/alerts.yml); do
  grep -q "alertname: $alert\$" tests/alerts_test.yml || { echo "FAIL: no test for $alert" >&2; exit 1; }
done
echo "ok: prometheus configuration, rules and rule tests"
