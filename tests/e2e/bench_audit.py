#!/usr/bin/env python3
"""Audit benchmark: seed a large account in moto, audit it through the proxy, print figures.

Run it with scripts/bench-audit.sh (which builds the release binary and starts the harness).
Seeds, with boto3 straight into moto:
  * 3 regions (us-east-1, eu-west-1, ap-southeast-2), one multi-region trail whose home is each
    region, each trail delivering to its own log group in its own region;
  * FILTERS metric filters (default 5,000) spread over the three log groups: the 15 CIS 7.0.0
    filters on the us-east-1 group, the rest filler filters with their own metrics;
  * ALARMS alarms (default 5,000) on those metrics, actions spread over TOPICS SNS topics
    (default 200), each topic with SUBS subscriptions (default 3).
Then runs `cis-monitor audit --output json` against the proxy (0 ms and 50 ms injected latency per
call; concurrency 16 and 1) and prints wall time, peak RSS (from /usr/bin/time -v) and the API
calls per operation against the minimum the chain needs; then audits the snapshot saved by the
first run offline (evaluation alone).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import boto3

PROXY = os.environ["CIS_E2E_PROXY"]
MOTO = os.environ["CIS_E2E_MOTO"]
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"]
ACCOUNT = "123456789012"
PAGE = {"DescribeMetricFilters": 50, "DescribeAlarms": 100, "ListSubscriptionsByTopic": 100}


def control(path: str, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(PROXY + path, data=data, method="GET" if data is None else "POST")
    req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read())


def client(service: str, region: str):
    return boto3.client(service, region_name=region, endpoint_url=MOTO,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def seed(binary: str, n_filters: int, n_alarms: int, n_topics: int, n_subs: int) -> dict:
    controls = json.loads(subprocess.check_output([binary, "controls", "--benchmark", "7.0.0", "--output", "json"]))
    cis = [(c["control"], c["alternatives"][0]["pattern"]) for c in controls["controls"]]
    per_region_filters = {r: [] for r in REGIONS}
    for i, (slug, pattern) in enumerate(cis):
        per_region_filters["us-east-1"].append((f"cis-{slug}", f"cis-{slug}", pattern))
    i = 0
    while sum(len(v) for v in per_region_filters.values()) < n_filters:
        region = REGIONS[i % len(REGIONS)]
        per_region_filters[region].append((f"filler-{i}", f"filler-metric-{i}", '{ $.eventName = "Filler%d" }' % i))
        i += 1

    topics = {}
    for t in range(n_topics):
        region = REGIONS[t % len(REGIONS)]
        sns = client("sns", region)
        arn = sns.create_topic(Name=f"bench-topic-{t}")["TopicArn"]
        for s in range(n_subs):
            sns.subscribe(TopicArn=arn, Protocol="email", Endpoint=f"ops{s}@example.com")
        topics.setdefault(region, []).append(arn)

    s3 = client("s3", "us-east-1")
    for region in REGIONS:
        logs = client("logs", region)
        group = f"cloudtrail-{region}"
        logs.create_log_group(logGroupName=group)
        bucket = f"bench-trail-{region}"
        s3.create_bucket(Bucket=bucket)
        ct = client("cloudtrail", region)
        ct.create_trail(Name=f"trail-{region}", S3BucketName=bucket, IsMultiRegionTrail=True,
                        CloudWatchLogsLogGroupArn=f"arn:aws:logs:{region}:{ACCOUNT}:log-group:{group}:*",
                        CloudWatchLogsRoleArn=f"arn:aws:iam::{ACCOUNT}:role/ct")
        # moto reports no selectors for a new trail; AWS reports this default one.
        ct.put_event_selectors(TrailName=f"trail-{region}",
                               EventSelectors=[{"ReadWriteType": "All", "IncludeManagementEvents": True}])
        ct.start_logging(Name=f"trail-{region}")

        def put_filter(item, logs=logs, group=group):
            name, metric, pattern = item
            logs.put_metric_filter(logGroupName=group, filterName=name, filterPattern=pattern,
                                   metricTransformations=[{"metricName": metric, "metricNamespace": "CISBenchmark", "metricValue": "1"}])

        with ThreadPoolExecutor(8) as pool:
            list(pool.map(put_filter, per_region_filters[region]))

    metrics = [(r, m) for r in REGIONS for (_, m, _) in per_region_filters[r]]
    alarms_per_region = {r: 0 for r in REGIONS}

    def put_alarm(k):
        region, metric = metrics[k % len(metrics)]
        region_topics = topics[region]
        cw = client("cloudwatch", region)
        cw.put_metric_alarm(AlarmName=f"alarm-{k}", MetricName=metric, Namespace="CISBenchmark",
                            Statistic="Sum", Period=300, Threshold=1, EvaluationPeriods=1,
                            ComparisonOperator="GreaterThanOrEqualToThreshold",
                            AlarmActions=[region_topics[k % len(region_topics)]])
        return region

    with ThreadPoolExecutor(8) as pool:
        for region in pool.map(put_alarm, range(n_alarms)):
            alarms_per_region[region] += 1
    return {
        "filters": {r: len(v) for r, v in per_region_filters.items()},
        "alarms": alarms_per_region,
        "topics": {r: len(v) for r, v in topics.items()},
        "subscriptions_per_topic": n_subs,
    }


def minimum_calls(layout: dict) -> dict:
    n_trails = len(REGIONS)
    minimum = {
        "GetCallerIdentity": 1,
        "DescribeTrails": 1,
        "GetTrailStatus": n_trails,
        "GetEventSelectors": n_trails,
        "DescribeMetricFilters": sum(max(1, math.ceil(n / PAGE["DescribeMetricFilters"])) for n in layout["filters"].values()),
        "DescribeAlarms": sum(max(1, math.ceil(n / PAGE["DescribeAlarms"])) for n in layout["alarms"].values()),
        "ListSubscriptionsByTopic": sum(layout["topics"].values()) * max(1, math.ceil(layout["subscriptions_per_topic"] / PAGE["ListSubscriptionsByTopic"])),
    }
    return minimum


def timed_audit(binary: str, args: list[str]):
    """Run `cis-monitor audit --benchmark 7.0.0 --output json ARGS` under /usr/bin/time -v.
    Returns (process, figures) with figures = {exit, wall_s, peak_rss_mb}."""
    started = time.monotonic()
    proc = subprocess.run(["/usr/bin/time", "-v", binary, "audit", "--benchmark", "7.0.0", "--output", "json"] + args,
                          capture_output=True, text=True)
    wall = time.monotonic() - started
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    return proc, {"exit": proc.returncode, "wall_s": round(wall, 2),
                  "peak_rss_mb": round(int(rss.group(1)) / 1024, 1) if rss else None}


def run_offline(binary: str, snapshot: str) -> dict:
    _, figures = timed_audit(binary, ["--snapshot", snapshot])
    return {"offline": True, **figures, "snapshot_mb": round(os.path.getsize(snapshot) / 1e6, 1)}


def run_audit(binary: str, latency_ms: int, concurrency: int, save: str | None = None) -> dict:
    control("/_proxy/config", {"latency_ms": latency_ms})
    control("/_proxy/calls/clear", {})
    proc, figures = timed_audit(binary, ["--concurrency", str(concurrency)] + (["--save-snapshot", save] if save else []))
    calls = control("/_proxy/calls")["calls"]
    per_op = {}
    for c in calls:
        per_op[c["operation"]] = per_op.get(c["operation"], 0) + 1
    report = json.loads(proc.stdout) if proc.stdout.strip().startswith("{") else None
    return {"latency_ms": latency_ms, "concurrency": concurrency, **figures, "calls": per_op,
            "total_calls": len(calls), "summary": report.get("summary") if report else proc.stderr[-400:]}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--filters", type=int, default=5000)
    ap.add_argument("--alarms", type=int, default=5000)
    ap.add_argument("--topics", type=int, default=200)
    ap.add_argument("--subs", type=int, default=3)
    args = ap.parse_args()
    started = time.monotonic()
    layout = seed(args.binary, args.filters, args.alarms, args.topics, args.subs)
    print(f"seeded in {time.monotonic() - started:.0f} s: {json.dumps(layout)}", flush=True)
    minimum = minimum_calls(layout)
    print(f"minimum calls per operation: {json.dumps(minimum)} (total {sum(minimum.values())})", flush=True)
    snapshot = os.path.join(tempfile.mkdtemp(prefix="cis-bench-"), "snapshot.json")
    for latency, concurrency in [(0, 16), (0, 1), (50, 16), (50, 1)]:
        result = run_audit(args.binary, latency, concurrency, snapshot if latency == 0 and concurrency == 16 else None)
        print(json.dumps(result), flush=True)
    print(json.dumps(run_offline(args.binary, snapshot)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
