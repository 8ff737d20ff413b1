#!/usr/bin/env python3
"""Checks deploy/grafana against Grafana's dashboard model, and the runbook against the alerts.

    check_dashboards.py SOURCE_DIR          exit 1 naming every problem
    check_dashboards.py SOURCE_DIR --exprs  print every panel query, one JSON object per line
                                            ({"dashboard", "panel", "expr"}), for the live test

Grafana is not packaged for Debian 12, so the model is checked here: what Grafana needs to load a
dashboard file as it is (uid, title, schemaVersion, panels with unique ids on the 24-column grid,
every query with a refId and the $datasource variable) and what makes it useful (every variable a
query uses is defined; every panel has a query).
"""
import json
import os
import re
import sys

BUILTIN_VARS = {"__rate_interval", "__interval", "__range", "__range_s", "__name", "__all"}


def problems_of(path, dash):
    out = []
    p = lambda msg: out.append(f"{os.path.basename(path)}: {msg}")
    for key, kind in (("uid", str), ("title", str), ("schemaVersion", int), ("panels", list),
                      ("templating", dict), ("time", dict)):
        if not isinstance(dash.get(key), kind):
            p(f"'{key}' missing or not a {kind.__name__}")
    if out:
        return out
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,40}", dash["uid"]):
        p(f"uid '{dash['uid']}' is not 1-40 of [A-Za-z0-9_-]")
    if dash["schemaVersion"] < 36:
        p("schemaVersion below 36 (Grafana 9+ would migrate it)")
    variables = {}
    for v in dash["templating"].get("list", []):
        for key in ("name", "type"):
            if key not in v:
                p(f"variable without '{key}': {v}")
        variables[v.get("name")] = v
        if v.get("type") == "query":
            if v.get("datasource") != {"type": "prometheus", "uid": "${datasource}"}:
                p(f"variable {v.get('name')} does not use the $datasource variable")
            if not (v.get("query") or {}).get("query"):
                p(f"variable {v.get('name')} has no query")
    ds = variables.get("datasource")
    if not ds or ds.get("type") != "datasource" or ds.get("query") != "prometheus":
        p("no 'datasource' variable of type datasource for prometheus")
    ids = set()
    cells = {}
    for panel in dash["panels"]:
        title = panel.get("title", "?")
        pid = panel.get("id")
        if not isinstance(pid, int) or pid in ids:
            p(f"panel '{title}': id {pid} missing or not unique")
        ids.add(pid)
        if not panel.get("type"):
            p(f"panel '{title}': no type")
        g = panel.get("gridPos") or {}
        if not all(isinstance(g.get(k), int) for k in ("x", "y", "w", "h")):
            p(f"panel '{title}': gridPos needs integer x, y, w, h")
            continue
        if g["x"] < 0 or g["w"] < 1 or g["x"] + g["w"] > 24 or g["h"] < 1:
            p(f"panel '{title}': gridPos outside the 24-column grid")
        for x in range(g["x"], g["x"] + g["w"]):
            for y in range(g["y"], g["y"] + g["h"]):
                if (x, y) in cells:
                    p(f"panel '{title}' overlaps '{cells[(x, y)]}'")
                    break
                cells[(x, y)] = title
            else:
                continue
            break
        if panel.get("datasource") != {"type": "prometheus", "uid": "${datasource}"}:
            p(f"panel '{title}': datasource is not the $datasource variable")
        targets = panel.get("targets") or []
        if not targets:
            p(f"panel '{title}': no query")
        refs = set()
        for target in targets:
            ref = target.get("refId")
            if not ref or ref in refs:
                p(f"panel '{title}': refId {ref} missing or not unique")
            refs.add(ref)
            expr = target.get("expr", "")
            if not expr.strip():
                p(f"panel '{title}': empty expr")
            for name in re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", expr):
                if name not in variables and name not in BUILTIN_VARS:
                    p(f"panel '{title}': query uses undefined variable ${name}")
    return out


def main():
    source = sys.argv[1]
    directory = os.path.join(source, "deploy", "grafana", "dashboards")
    files = sorted(f for f in os.listdir(directory) if f.endswith(".json"))
    dashboards = []
    problems = []
    for name in files:
        path = os.path.join(directory, name)
        try:
            with open(path, encoding="utf-8") as f:
                dashboards.append((path, json.load(f)))
        except ValueError as e:
            problems.append(f"{name}: not JSON: {e}")
    if "--exprs" in sys.argv[2:]:
        for path, dash in dashboards:
            for panel in dash.get("panels", []):
                for target in panel.get("targets", []):
                    print(json.dumps({"dashboard": dash.get("uid"), "panel": panel.get("title"),
                                      "expr": target.get("expr")}))
        return 0
    if len(files) < 4:
        problems.append(f"expected the four dashboards (overview, connector, security, metering), found {files}")
    uids = [d.get("uid") for _, d in dashboards]
    if len(set(uids)) != len(uids):
        problems.append(f"dashboard uids are not unique: {uids}")
    for path, dash in dashboards:
        problems += problems_of(path, dash)
    # Every alert has a runbook entry, and every runbook_url points at one.
    with open(os.path.join(source, "deploy", "prometheus", "rules", "alerts.yml"), encoding="utf-8") as f:
        alerts_text = f.read()
    with open(os.path.join(source, "docs", "operations.md"), encoding="utf-8") as f:
        runbook = f.read()
    anchors = {h.strip().lower() for h in re.findall(r"^### +(\S+)\s*$", runbook, re.M)}
    for alert in re.findall(r"^\s*- alert: *(\S+)", alerts_text, re.M):
        if alert.lower() not in anchors:
            problems.append(f"docs/operations.md: no runbook entry '### {alert}'")
    for anchor in re.findall(r"runbook_url: \"docs/operations.md#([^\"]+)\"", alerts_text):
        if anchor not in anchors:
            problems.append(f"alerts.yml: runbook_url #{anchor} names no entry")
    for line in problems:
        print(line)
    print(f"{len(dashboards)} dashboards, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
