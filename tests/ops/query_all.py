#!/usr/bin/env python3
"""Runs every dashboard panel query and every recording rule through a live Prometheus.

    query_all.py PROMETHEUS_URL SOURCE_DIR

Panel queries get their template variables substituted as Grafana would with "All" selected
(the connector dashboard, single-select, with connector "business", a remote connector, so that
its upstream panels have series). Fails, naming each, on any query that errors or returns no
series. Also evaluates every alert expression (it may be empty: no alert should fire) and fails
on any that errors.
"""
import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request

SUBSTITUTIONS = {"$__rate_interval": "30s", "$__range": "5m", "$__interval": "5s"}


def substitute(expr, dashboard):
    connector = "business" if dashboard == "ndxp-connector" else ".*"
    out = expr
    for name, value in SUBSTITUTIONS.items():
        out = out.replace(name, value)
    out = re.sub(r"\$\{connector(:regex)?\}|\$connector\b", connector, out)
    out = re.sub(r"\$\{client(:regex)?\}|\$client\b", ".*", out)
    out = re.sub(r"\$\{province(:regex)?\}|\$province\b", ".*", out)
    return out


def query(base, expr):
    url = base + "/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            body = json.load(r)
    except urllib.error.HTTPError as e:
        body = json.load(e)
    if body.get("status") != "success":
        return None, body.get("error", "unknown error")
    return body["data"]["result"], None


def main():
    base, source = sys.argv[1], sys.argv[2]
    lines = subprocess.run([sys.executable, os.path.join(source, "tests", "ops", "check_dashboards.py"),
                            source, "--exprs"], check=True, capture_output=True, text=True).stdout
    failures = []
    count = 0
    for line in lines.splitlines():
        item = json.loads(line)
        expr = substitute(item["expr"], item["dashboard"])
        result, error = query(base, expr)
        count += 1
        where = f'{item["dashboard"]} / {item["panel"]}'
        if error:
            failures.append(f"{where}: error: {error}\n    {expr}")
        elif not result:
            failures.append(f"{where}: no series\n    {expr}")
    rules = os.path.join(source, "deploy", "prometheus", "rules")
    with open(os.path.join(rules, "recording.yml"), encoding="utf-8") as f:
        records = re.findall(r"^\s*- record: *(\S+)", f.read(), re.M)
    for record in records:
        result, error = query(base, record)
        count += 1
        if error or not result:
            failures.append(f"recording rule {record}: {error or 'no series'}")
    with open(os.path.join(rules, "alerts.yml"), encoding="utf-8") as f:
        alerts_text = f.read()
    for name, expr in re.findall(r"- alert: *(\S+)\n\s+(?:#[^\n]*\n\s+)*expr: *(\|\n(?:\s{10}.*\n)+|.*\n)", alerts_text):
        expr = expr[1:] if expr.startswith("|") else expr
        result, error = query(base, expr.strip())
        count += 1
        if error:
            failures.append(f"alert {name}: error: {error}")
    for f in failures:
        print("FAIL:", f)
    print(f"{count} queries, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
