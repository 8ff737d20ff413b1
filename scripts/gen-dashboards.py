#!/usr/bin/env python3
"""Writes the Grafana dashboards of deploy/grafana/dashboards/ (JSON dashboard model, schema 39).

    scripts/gen-dashboards.py           rewrite the JSON files
    scripts/gen-dashboards.py --check   exit 1 when a committed file differs from what this makes

The dashboards are data: panels are listed here once, with their PromQL, so that the JSON files
stay consistent (datasource variable, ids, grid) and the tests can read every query back.
"""
import json
import os
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "deploy", "grafana", "dashboards")
DS = {"type": "prometheus", "uid": "${datasource}"}
# A service of connector $connector: ndxp.<connector>.v1.*, or a third-party service by full name.
SVC = 'service=~"ndxp\\\\.(${connector:regex})\\\\.v1\\\\..+|${connector:regex}"'


def datasource_var():
    return {"name": "datasource", "label": "Data source", "type": "datasource", "query": "prometheus",
            "refresh": 1, "hide": 0, "current": {}, "options": [], "regex": ""}


def query_var(name, label, query, multi=True):
    return {"name": name, "label": label, "type": "query", "datasource": DS,
            "definition": query, "query": {"query": query, "refId": "PrometheusVariableQueryEditor-VariableQuery"},
            "refresh": 2, "sort": 1, "hide": 0, "includeAll": multi, "multi": multi,
            "allValue": ".*" if multi else None, "current": {}, "options": [], "regex": ""}


CONNECTOR_VAR = query_var("connector", "Connector", "label_values(ndxp_connector:requests:rate5m, connector)")
CLIENT_VAR = query_var("client", "Client", "label_values(ndxp_gateway_requests_total, client)")
PROVINCE_VAR = query_var("province", "Province", "label_values(ndxp_province:requests:rate5m, province)")


def panel(title, targets, unit="short", kind="timeseries", description="", w=12, h=8):
    return {"title": title, "type": kind, "description": description, "datasource": DS,
            "targets": [dict({"refId": chr(ord("A") + i), "datasource": DS}, **t) for i, t in enumerate(targets)],
            "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
            "options": {"legend": {"displayMode": "table", "placement": "bottom", "showLegend": True},
                        "tooltip": {"mode": "multi", "sort": "desc"}} if kind == "timeseries" else
                       {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False}},
            "_w": w, "_h": h}


def t(expr, legend):
    return {"expr": expr, "legendFormat": legend, "range": True, "instant": False}


def dashboard(uid, title, description, variables, panels, tags):
    x = y = 0
    row_h = 0
    laid = []
    for i, p in enumerate(panels, start=1):
        w, h = p.pop("_w"), p.pop("_h")
        if x + w > 24:
            x, y = 0, y + row_h
            row_h = 0
        p = dict({"id": i, "gridPos": {"x": x, "y": y, "w": w, "h": h}}, **p)
        laid.append(p)
        x += w
        row_h = max(row_h, h)
    return {"uid": uid, "title": title, "description": description, "tags": ["ndxp"] + tags,
            "editable": True, "graphTooltip": 1, "schemaVersion": 39, "version": 1,
            "refresh": "30s", "time": {"from": "now-6h", "to": "now"}, "timezone": "browser",
            "templating": {"list": [datasource_var()] + variables},
            "annotations": {"list": []}, "links": [
                {"title": "NDXP dashboards", "type": "dashboards", "tags": ["ndxp"], "asDropdown": True}],
            "panels": laid}


def overview():
    c = 'connector=~"$connector"'
    return dashboard("ndxp-overview", "NDXP gateway / Overview",
                     "Traffic by province and by connector, latency, errors, limits.",
                     [CONNECTOR_VAR, PROVINCE_VAR, CLIENT_VAR], [
        panel("Calls per second by connector", [t(f'sum by (connector) (ndxp_connector:requests:rate5m{{{c}}})', "{{connector}}")], "reqps"),
        panel("Calls per second by province", [t(f'sum by (province) (ndxp_province:requests:rate5m{{province=~"$province", {c}}})', "{{province}}")], "reqps"),
        panel("Latency of unary calls (p50, p90, p99)", [
            t(f'max by (connector) (ndxp_connector:request_duration_seconds:p50_5m{{{c}}})', "p50 {{connector}}"),
            t(f'max by (connector) (ndxp_connector:request_duration_seconds:p90_5m{{{c}}})', "p90 {{connector}}"),
            t(f'max by (connector) (ndxp_connector:request_duration_seconds:p99_5m{{{c}}})', "p99 {{connector}}")], "s"),
        panel("Answers other than OK, by code", [t(f'sum by (code) (ndxp_connector:requests:rate5m{{code!="OK", {c}}})', "{{code}}")], "reqps"),
        panel("Limits hit, by kind", [t('sum by (kind) (rate(ndxp_gateway_limit_hits_total{client=~"$client"}[$__rate_interval]))', "{{kind}}")], "reqps"),
        panel("Server-error ratio (1h) by connector", [t(f'max by (connector) (ndxp_connector:request_errors:ratio_rate1h{{{c}}})', "{{connector}}")], "percentunit",
              description="Share of calls ended by UNKNOWN, INTERNAL, UNAVAILABLE, DEADLINE_EXCEEDED or DATA_LOSS; the SLO is 0.1%."),
        panel("Calls in flight", [t('sum by (protocol) (ndxp_gateway_in_flight_requests)', "{{protocol}}")], "short", w=8),
        panel("Calls per second by protocol", [t('sum by (protocol) (rate(ndxp_gateway_requests_total[$__rate_interval]))', "{{protocol}}")], "reqps", w=8),
        panel("Gateways up", [t('sum(up{job="ndxp-gateway"})', "up")], "short", kind="stat", w=8),
    ], ["overview"])


def connector():
    cv = query_var("connector", "Connector", "label_values(ndxp_connector:requests:rate5m, connector)", multi=False)
    return dashboard("ndxp-connector", "NDXP gateway / Connector",
                     "One connector: its methods, latency, errors, error budget and upstream endpoints.",
                     [cv, CLIENT_VAR], [
        panel("Calls per second by method", [t(f'sum by (method) (rate(ndxp_gateway_requests_total{{{SVC}, client=~"$client"}}[$__rate_interval]))', "{{method}}")], "reqps"),
        panel("Answers by code", [t(f'sum by (code) (rate(ndxp_gateway_requests_total{{{SVC}, client=~"$client"}}[$__rate_interval]))', "{{code}}")], "reqps"),
        panel("p99 latency by method", [t(f'histogram_quantile(0.99, sum by (method, le) (rate(ndxp_gateway_request_duration_seconds_bucket{{{SVC}}}[$__rate_interval])))', "{{method}}")], "s"),
        panel("p50 latency by method", [t(f'histogram_quantile(0.50, sum by (method, le) (rate(ndxp_gateway_request_duration_seconds_bucket{{{SVC}}}[$__rate_interval])))', "{{method}}")], "s"),
        panel("Server-error ratio: the SLO windows", [
            t('max(ndxp_connector:request_errors:ratio_rate5m{connector="$connector"})', "5m"),
            t('max(ndxp_connector:request_errors:ratio_rate1h{connector="$connector"})', "1h"),
            t('max(ndxp_connector:request_errors:ratio_rate6h{connector="$connector"})', "6h"),
            t('max(ndxp_connector:request_errors:ratio_rate1d{connector="$connector"})', "1d")], "percentunit",
              description="Availability SLO 99.9%: the alert pages at 14.4x the budget (1.44%) over 1h and 5m."),
        panel("Unary calls over 250 ms: the SLO windows", [
            t('max(ndxp_connector:request_slow:ratio_rate5m{connector="$connector"})', "5m"),
            t('max(ndxp_connector:request_slow:ratio_rate1h{connector="$connector"})', "1h"),
            t('max(ndxp_connector:request_slow:ratio_rate6h{connector="$connector"})', "6h")], "percentunit",
              description="Latency SLO: 99% of unary calls within 250 ms."),
        panel("Upstream endpoints up (remote connectors)", [t('ndxp_gateway_upstream_endpoint_up{upstream=~"$connector"}', "{{endpoint}}")], "short"),
        panel("Upstream calls by endpoint and code", [t('sum by (endpoint, code) (rate(ndxp_gateway_upstream_requests_total{upstream=~"$connector"}[$__rate_interval]))', "{{endpoint}} {{code}}")], "reqps"),
        panel("Request and response bytes per second", [
            t(f'sum(rate(ndxp_gateway_request_bytes_total{{{SVC}}}[$__rate_interval]))', "in"),
            t(f'sum(rate(ndxp_gateway_response_bytes_total{{{SVC}}}[$__rate_interval]))', "out")], "Bps"),
        panel("Limits hit on this connector, by client", [t('sum by (client, kind) (rate(ndxp_gateway_limit_hits_total{connector=~"$connector|all"}[$__rate_interval]))', "{{client}} {{kind}}")], "reqps"),
    ], ["connector"])


def security():
    return dashboard("ndxp-security", "NDXP gateway / Security",
                     "Who failed to identify, who was refused, and the certificates the gateway presents.",
                     [CLIENT_VAR], [
        panel("Identification failures by reason", [t('sum by (reason) (rate(ndxp_gateway_auth_failures_total[$__rate_interval]))', "{{reason}}")], "reqps"),
        panel("Policy refusals by client and reason", [t('sum by (client, reason) (rate(ndxp_gateway_policy_refusals_total{client=~"$client"}[$__rate_interval]))', "{{client}} {{reason}}")], "reqps"),
        panel("UNAUTHENTICATED and PERMISSION_DENIED answers", [t('sum by (code, protocol) (rate(ndxp_gateway_requests_total{code=~"UNAUTHENTICATED|PERMISSION_DENIED"}[$__rate_interval]))', "{{code}} {{protocol}}")], "reqps"),
        panel("TLS handshakes refused, by listener and reason", [t('sum by (listener, reason) (rate(ndxp_gateway_tls_handshake_failures_total[$__rate_interval]))', "{{listener}} {{reason}}")], "reqps"),
        panel("Days until each certificate expires", [t('min by (certificate) ((ndxp_gateway_tls_certificate_expiry_timestamp_seconds - time()) / 86400)', "{{certificate}}")], "d", kind="stat"),
        panel("Registry and key-store reloads", [t('sum by (file, result) (increase(ndxp_gateway_reloads_total[$__range]))', "{{file}} {{result}}")], "short", kind="stat"),
    ], ["security"])


def metering():
    return dashboard("ndxp-metering", "NDXP gateway / Metering",
                     "Quota use per province, limits hit, the audit log and the usage ledger.",
                     [PROVINCE_VAR, CLIENT_VAR], [
        panel("Quota remaining, by province's client and period", [t('min by (client, connector, period) (ndxp_gateway_quota_remaining{client=~"VN:PROV:(${province:regex}):.*"})', "{{client}} {{connector}} {{period}}")], "short"),
        panel("Quota used, share, by client and period", [t('1 - min by (client, connector, period) (ndxp_gateway_quota_remaining{client=~"$client"}) / max by (client, connector, period) (ndxp_gateway_quota_limit{client=~"$client"})', "{{client}} {{connector}} {{period}}")], "percentunit"),
        panel("Calls per second by province and connector", [t('sum by (province, connector) (ndxp_province:requests:rate5m{province=~"$province"})', "{{province}} {{connector}}")], "reqps"),
        panel("Limits hit, by client and kind", [t('sum by (client, kind) (rate(ndxp_gateway_limit_hits_total{client=~"$client"}[$__rate_interval]))', "{{client}} {{kind}}")], "reqps"),
        panel("Audit queue: backlog and capacity", [
            t('sum by (instance) (ndxp_gateway_audit_backlog)', "backlog {{instance}}"),
            t('max by (instance) (ndxp_gateway_audit_queue_capacity)', "capacity {{instance}}")], "short",
              description="New personal-data calls are refused (UNAVAILABLE) when the backlog reaches the capacity; the alert fires at half."),
        panel("Audit write latency (p99, enqueue to durable)", [t('histogram_quantile(0.99, sum by (le) (rate(ndxp_gateway_audit_write_seconds_bucket[$__rate_interval])))', "p99")], "s"),
        panel("Audit records per second", [t('sum(rate(ndxp_gateway_audit_records_total[$__rate_interval]))', "records")], "reqps"),
        panel("Ledger flush lag", [t('max by (instance) (ndxp_gateway_ledger_flush_lag_seconds)', "{{instance}}")], "s"),
    ], ["metering"])


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for name, make in (("overview", overview), ("connector", connector), ("security", security), ("metering", metering)):
        text = json.dumps(make(), indent=2, ensure_ascii=False) + "\n"
        path = os.path.join(OUT, f"ndxp-{name}.json")
        if check:
            try:
                with open(path, encoding="utf-8") as f:
                    if f.read() != text:
                        stale.append(path)
            except FileNotFoundError:
                stale.append(path)
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    if stale:
        print("out of date (run scripts/gen-dashboards.py):", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
