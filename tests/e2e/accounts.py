#!/usr/bin/env python3
"""Build AWS accounts in moto the way users do, for the cis-monitor end-to-end tests.

    python tests/e2e/accounts.py SCENARIO [--via cli|boto3] [--control ID]

Needs the harness environment (tests/e2e/harness.py): CIS_E2E_MOTO (scenarios are built straight
against moto, never through the proxy, so the proxy's call record only holds the audit) and
CIS_MONITOR_BIN (the cis-monitor binary: the control ids, slugs and prescribed patterns come from
`cis-monitor controls --benchmark 7.0.0 --output json`, so the account follows the catalogue).
Prints ONE JSON object on stdout:

    {"scenario": ..., "via": "cli", "account_id": ..., "region": ..., "trail_name": ...,
     "trail_arn": ..., "log_group_name": ..., "log_group_arn": ..., "log_group_region": ...,
     "topic_arn": ..., "controls": [{"id", "control", "filter_name", "metric_name",
     "alarm_name", "pattern"}...], "target": {...} | null, "expect": {...}}

`target` names the one control a scenario breaks (when it breaks one) and `expect` says what the
audit should find; the Rust test (tests/e2e_audit.rs) asserts its own exact expectations and uses
these only for names and ARNs.

THE COMPLIANT BASELINE, as the CIS remediation text (the seeds in /work/shared/seeds) builds it:
  an S3 bucket and a CloudWatch Logs log group for the trail, an IAM role CloudTrail can assume,
  `aws cloudtrail create-trail --is-multi-region-trail --cloud-watch-logs-log-group-arn ...
  --cloud-watch-logs-role-arn ...`, `put-event-selectors` with AWS's default selector (read and
  write management events: what a new trail has in AWS, but moto starts a trail with none),
  `start-logging`, one SNS topic with one email subscription, and per control:
      aws logs put-metric-filter --log-group-name G --filter-name F
          --metric-transformations metricName=M,metricNamespace='CISBenchmark',metricValue=1
          --filter-pattern 'P'
      aws cloudwatch put-metric-alarm --alarm-name A --metric-name M --statistic Sum
          --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold
          --evaluation-periods 1 --namespace 'CISBenchmark' --alarm-actions TOPIC
  (the seeds' only shell fix: `metricName= '<m>' ,metricNamespace` loses its stray spaces).

`--via cli` runs every step with the venv's `aws` CLI (a subprocess per command, always with
`--endpoint-url $CIS_E2E_MOTO --region R --output json`); `--via boto3` makes the same calls with
the same parameters through boto3, which is much faster (one `aws` process costs ~0.5-1 s). The
default is `cli` for `compliant` and `boto3` for every other scenario (each is the baseline with
one change), to keep the e2e suite within its time budget.

SCENARIOS
  compliant                   the baseline: every control PASS
  no_trail                    no trail at all (filters, alarms and topic still exist)
  single_region_trail         the trail is created without --is-multi-region-trail
  trail_not_logging           `aws cloudtrail stop-logging` after start-logging
  write_only_selectors        put-event-selectors ReadWriteType=WriteOnly
  advanced_selectors_default  put-event-selectors --advanced-event-selectors with only
                              eventCategory=Management (AWS's advanced default): PASS
  kms_excluded                classic selector with ExcludeManagementEventSources
                              [kms.amazonaws.com] (`--advanced`: an advanced selector with
                              eventSource NotEquals kms.amazonaws.com): only the KMS control fails
  filter_missing_event        the target control's pattern loses its last eventName alternative
  filter_other_log_group      the target control's filter sits on another log group
  alarm_wrong_namespace       the target control's alarm watches namespace 'Other', not CISBenchmark
  actions_disabled            the target control's alarm is put with --no-actions-enabled
  non_sns_action              the target control's alarm action is an EC2 stop action, no SNS
  topic_without_subscriptions the target control's alarm notifies a second topic nobody subscribed to
  pending_subscriptions       the baseline (the test marks the subscriptions pending in the proxy)
  access_denied               the baseline (the test injects access_denied faults in the proxy)
  paging                      the baseline plus filler filters, alarms and subscriptions, so small
                              proxy page sizes need several pages everywhere
  log_group_other_region      trail home us-east-1; log group, filters, alarms, topic and
                              subscription in eu-west-1
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BENCHMARK = "7.0.0"
HOME_REGION = "us-east-1"
OTHER_REGION = "eu-west-1"
NAMESPACE = "CISBenchmark"
BUCKET = "cis-e2e-cloudtrail-logs"
LOG_GROUP = "aws-cloudtrail-logs-cis-e2e"
OTHER_LOG_GROUP = "application-logs"
ROLE = "CloudTrail_CloudWatchLogs_Role"
TRAIL = "management-events"
TOPIC = "cis-security-alarms"
SUBSCRIBER = "security-team@example.com"
# The control a single-control scenario breaks, unless --control says otherwise.
DEFAULT_TARGET = {
    "filter_missing_event": "5.5",
    "filter_other_log_group": "5.3",
    "alarm_wrong_namespace": "5.4",
    "actions_disabled": "5.8",
    "non_sns_action": "5.10",
    "topic_without_subscriptions": "5.12",
}
TRUST_POLICY = json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
                   "Action": "sts:AssumeRole"}],
})
DEFAULT_SELECTORS = [{"ReadWriteType": "All", "IncludeManagementEvents": True}]


def die(msg: str) -> None:
    print(f"accounts.py: {msg}", file=sys.stderr)
    sys.exit(1)


def catalogue() -> list[dict]:
    """The benchmark's controls from the binary under test."""
    binary = os.environ.get("CIS_MONITOR_BIN")
    if not binary:
        die("CIS_MONITOR_BIN is not set (the Rust test passes the cis-monitor binary)")
    out = subprocess.run([binary, "controls", "--benchmark", BENCHMARK, "--output", "json"],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        die(f"{binary} controls failed ({out.returncode}): {out.stderr}")
    doc = json.loads(out.stdout)
    controls = []
    for c in doc["controls"]:
        # The first alternative is the one the remediation text prescribes ("audit and
        # remediation"); where audit and remediation differ, use the remediation's.
        alts = c["alternatives"]
        alt = next((a for a in alts if a["source"] == "remediation"), alts[0])
        controls.append({"id": c["id"], "control": c["control"], "pattern": alt["pattern"]})
    return controls


class Aws:
    """One way to make the calls: the `aws` CLI (subprocess) or boto3, same parameters."""

    def __init__(self, via: str):
        self.via = via
        self.moto = os.environ.get("CIS_E2E_MOTO")
        if not self.moto:
            die("CIS_E2E_MOTO is not set (run under tests/e2e/harness.py)")
        self.aws_bin = str(Path(sys.executable).parent / "aws")
        self.env = dict(os.environ)
        self.env.setdefault("AWS_ACCESS_KEY_ID", "testing")
        self.env.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
        self.env["AWS_PAGER"] = ""
        self._clients: dict = {}

    # -- the two backends ------------------------------------------------------------------

    def cli(self, region: str, *args: str) -> dict:
        cmd = [self.aws_bin, "--endpoint-url", self.moto, "--region", region, "--output", "json",
               *args]
        out = subprocess.run(cmd, capture_output=True, text=True, env=self.env, check=False)
        if out.returncode != 0:
            die(f"`aws {' '.join(args)}` failed ({out.returncode}): {out.stderr.strip()}")
        return json.loads(out.stdout) if out.stdout.strip() else {}

    def client(self, service: str, region: str):
        key = (service, region)
        if key not in self._clients:
            import boto3  # only when used: the CLI path needs no boto3 import

            self._clients[key] = boto3.client(
                service, region_name=region, endpoint_url=self.moto,
                aws_access_key_id=self.env["AWS_ACCESS_KEY_ID"],
                aws_secret_access_key=self.env["AWS_SECRET_ACCESS_KEY"])
        return self._clients[key]

    def parallel(self, jobs) -> list:
        """Run independent calls at once (the CLI is slow to start, the machine has cores)."""
        jobs = list(jobs)
        if self.via == "cli":
            with ThreadPoolExecutor(max_workers=4) as pool:
                return list(pool.map(lambda job: job(), jobs))
        return [job() for job in jobs]

    # -- the calls ---------------------------------------------------------------------------

    def create_bucket(self, region: str, bucket: str) -> None:
        if self.via == "cli":
            self.cli(region, "s3api", "create-bucket", "--bucket", bucket)
        else:
            self.client("s3", region).create_bucket(Bucket=bucket)

    def create_log_group(self, region: str, name: str) -> None:
        if self.via == "cli":
            self.cli(region, "logs", "create-log-group", "--log-group-name", name)
        else:
            self.client("logs", region).create_log_group(logGroupName=name)

    def create_role(self, name: str) -> str:
        if self.via == "cli":
            out = self.cli(HOME_REGION, "iam", "create-role", "--role-name", name,
                           "--assume-role-policy-document", TRUST_POLICY)
        else:
            out = self.client("iam", HOME_REGION).create_role(
                RoleName=name, AssumeRolePolicyDocument=TRUST_POLICY)
        return out["Role"]["Arn"]

    def create_trail(self, region: str, name: str, bucket: str, multi_region: bool,
                     log_group_arn: str, role_arn: str) -> str:
        if self.via == "cli":
            args = ["cloudtrail", "create-trail", "--name", name, "--s3-bucket-name", bucket]
            if multi_region:
                args.append("--is-multi-region-trail")
            args += ["--cloud-watch-logs-log-group-arn", log_group_arn,
                     "--cloud-watch-logs-role-arn", role_arn]
            out = self.cli(region, *args)
        else:
            out = self.client("cloudtrail", region).create_trail(
                Name=name, S3BucketName=bucket, IsMultiRegionTrail=multi_region,
                CloudWatchLogsLogGroupArn=log_group_arn, CloudWatchLogsRoleArn=role_arn)
        return out["TrailARN"]

    def put_event_selectors(self, region: str, trail: str, classic=None, advanced=None) -> None:
        if self.via == "cli":
            args = ["cloudtrail", "put-event-selectors", "--trail-name", trail]
            if classic is not None:
                args += ["--event-selectors", json.dumps(classic)]
            if advanced is not None:
                args += ["--advanced-event-selectors", json.dumps(advanced)]
            self.cli(region, *args)
        else:
            kw = {}
            if classic is not None:
                kw["EventSelectors"] = classic
            if advanced is not None:
                kw["AdvancedEventSelectors"] = advanced
            self.client("cloudtrail", region).put_event_selectors(TrailName=trail, **kw)

    def logging(self, region: str, trail: str, start: bool) -> None:
        if self.via == "cli":
            self.cli(region, "cloudtrail", "start-logging" if start else "stop-logging",
                     "--name", trail)
        elif start:
            self.client("cloudtrail", region).start_logging(Name=trail)
        else:
            self.client("cloudtrail", region).stop_logging(Name=trail)

    def create_topic(self, region: str, name: str) -> str:
        if self.via == "cli":
            out = self.cli(region, "sns", "create-topic", "--name", name)
        else:
            out = self.client("sns", region).create_topic(Name=name)
        return out["TopicArn"]

    def subscribe(self, region: str, topic_arn: str, endpoint: str) -> None:
        if self.via == "cli":
            self.cli(region, "sns", "subscribe", "--topic-arn", topic_arn, "--protocol", "email",
                     "--notification-endpoint", endpoint)
        else:
            self.client("sns", region).subscribe(TopicArn=topic_arn, Protocol="email",
                                                 Endpoint=endpoint)

    def put_metric_filter(self, region: str, group: str, name: str, metric: str, pattern: str,
                          namespace: str = NAMESPACE) -> None:
        if self.via == "cli":
            self.cli(region, "logs", "put-metric-filter", "--log-group-name", group,
                     "--filter-name", name, "--metric-transformations",
                     f"metricName={metric},metricNamespace={namespace},metricValue=1",
                     "--filter-pattern", pattern)
        else:
            self.client("logs", region).put_metric_filter(
                logGroupName=group, filterName=name, filterPattern=pattern,
                metricTransformations=[{"metricName": metric, "metricNamespace": namespace,
                                        "metricValue": "1"}])

    def put_metric_alarm(self, region: str, name: str, metric: str, action: str,
                         namespace: str = NAMESPACE, actions_enabled: bool = True) -> None:
        if self.via == "cli":
            args = ["cloudwatch", "put-metric-alarm", "--alarm-name", name, "--metric-name",
                    metric, "--statistic", "Sum", "--period", "300", "--threshold", "1",
                    "--comparison-operator", "GreaterThanOrEqualToThreshold",
                    "--evaluation-periods", "1", "--namespace", namespace,
                    "--alarm-actions", action]
            if not actions_enabled:
                args.append("--no-actions-enabled")
            self.cli(region, *args)
        else:
            self.client("cloudwatch", region).put_metric_alarm(
                AlarmName=name, MetricName=metric, Statistic="Sum", Period=300, Threshold=1.0,
                ComparisonOperator="GreaterThanOrEqualToThreshold", EvaluationPeriods=1,
                Namespace=namespace, AlarmActions=[action], ActionsEnabled=actions_enabled)


def drop_last_event(pattern: str) -> tuple[str, str]:
    """The pattern without its last `|| ($.eventName = X)` alternative, and X."""
    matches = list(re.finditer(r'\s*\|\|\s*\(\s*\$\.eventName\s*=\s*"?([A-Za-z0-9]+)"?\s*\)',
                               pattern))
    if not matches:
        die(f"no eventName alternative to drop in {pattern}")
    m = matches[-1]
    return pattern[:m.start()] + pattern[m.end():], m.group(1)


def build(scenario: str, via: str, target_id: str | None, advanced: bool) -> dict:
    aws = Aws(via)
    controls = catalogue()
    by_id = {c["id"]: c for c in controls}
    if scenario in DEFAULT_TARGET:
        target_id = target_id or DEFAULT_TARGET[scenario]
        if target_id not in by_id:
            die(f"unknown control {target_id}")
    else:
        target_id = None
    for c in controls:
        c["filter_name"] = f"{c['control']}-filter"
        c["metric_name"] = f"{c['control']}-metric"
        c["alarm_name"] = f"{c['control']}-alarm"

    # Monitoring lives in the trail's home region, except in log_group_other_region.
    mon_region = OTHER_REGION if scenario == "log_group_other_region" else HOME_REGION

    # 1. Trail prerequisites: bucket, log group(s), role.
    aws.parallel([
        lambda: aws.create_bucket(HOME_REGION, BUCKET),
        lambda: aws.create_log_group(mon_region, LOG_GROUP),
        *([lambda: aws.create_log_group(mon_region, OTHER_LOG_GROUP)]
          if scenario == "filter_other_log_group" else []),
    ])
    role_arn = aws.create_role(ROLE)

    # 2. The topic and its subscription (steps 2 and 3 of the remediation; once for all).
    topic_arn = aws.create_topic(mon_region, TOPIC)
    account_id = topic_arn.split(":")[4]
    log_group_arn = f"arn:aws:logs:{mon_region}:{account_id}:log-group:{LOG_GROUP}:*"
    aws.subscribe(mon_region, topic_arn, SUBSCRIBER)
    other_topic_arn = None
    if scenario == "topic_without_subscriptions":
        other_topic_arn = aws.create_topic(mon_region, "nobody-listens")

    # 3. The trail.
    trail_arn = None
    if scenario != "no_trail":
        trail_arn = aws.create_trail(HOME_REGION, TRAIL, BUCKET,
                                     scenario != "single_region_trail", log_group_arn, role_arn)
        if scenario == "write_only_selectors":
            aws.put_event_selectors(HOME_REGION, TRAIL, classic=[
                {"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True}])
        elif scenario == "advanced_selectors_default":
            aws.put_event_selectors(HOME_REGION, TRAIL, advanced=[{
                "Name": "Management events selector",
                "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]}])
        elif scenario == "kms_excluded" and advanced:
            aws.put_event_selectors(HOME_REGION, TRAIL, advanced=[{
                "Name": "Management events without KMS",
                "FieldSelectors": [
                    {"Field": "eventCategory", "Equals": ["Management"]},
                    {"Field": "eventSource", "NotEquals": ["kms.amazonaws.com"]}]}])
        elif scenario == "kms_excluded":
            aws.put_event_selectors(HOME_REGION, TRAIL, classic=[{
                "ReadWriteType": "All", "IncludeManagementEvents": True,
                "ExcludeManagementEventSources": ["kms.amazonaws.com"]}])
        else:
            aws.put_event_selectors(HOME_REGION, TRAIL, classic=DEFAULT_SELECTORS)
        aws.logging(HOME_REGION, TRAIL, start=True)
        if scenario == "trail_not_logging":
            aws.logging(HOME_REGION, TRAIL, start=False)

    # 4. Per control: metric filter (step 1) and alarm (step 4).
    target: dict | None = None
    filter_jobs, alarm_jobs = [], []
    for c in controls:
        is_target = c["id"] == target_id
        pattern, group, namespace = c["pattern"], LOG_GROUP, NAMESPACE
        action, enabled = topic_arn, True
        extra: dict = {}
        if is_target and scenario == "filter_missing_event":
            pattern, removed = drop_last_event(pattern)
            extra = {"removed_event": removed}
        elif is_target and scenario == "filter_other_log_group":
            group = OTHER_LOG_GROUP
        elif is_target and scenario == "alarm_wrong_namespace":
            namespace = "Other"
        elif is_target and scenario == "actions_disabled":
            enabled = False
        elif is_target and scenario == "non_sns_action":
            action = f"arn:aws:automate:{mon_region}:ec2:stop"
        elif is_target and scenario == "topic_without_subscriptions":
            action = other_topic_arn
        if is_target:
            target = {**c, "pattern": pattern, "log_group_name": group, "namespace": namespace,
                      "alarm_action": action, "actions_enabled": enabled, **extra}
        # The metric stays in CISBenchmark; only the alarm looks elsewhere.
        filter_jobs.append(lambda c=c, g=group, p=pattern: aws.put_metric_filter(
            mon_region, g, c["filter_name"], c["metric_name"], p))
        alarm_jobs.append(lambda c=c, a=action, n=namespace, e=enabled: aws.put_metric_alarm(
            mon_region, c["alarm_name"], c["metric_name"], a, namespace=n, actions_enabled=e))
    aws.parallel(filter_jobs + alarm_jobs)

    # 5. Paging fillers: more filters, alarms and subscriptions than a few small pages hold.
    fillers = {}
    if scenario == "paging":
        n_filters, n_subs = 12, 8
        jobs = []
        for i in range(n_filters):
            name = f"filler-{i:02d}"
            jobs.append(lambda name=name: aws.put_metric_filter(
                mon_region, LOG_GROUP, f"{name}-filter", f"{name}-metric",
                '{ $.eventName = "Filler" }'))
            jobs.append(lambda name=name: aws.put_metric_alarm(
                mon_region, f"{name}-alarm", f"{name}-metric", topic_arn))
        for i in range(n_subs):
            jobs.append(lambda i=i: aws.subscribe(mon_region, topic_arn,
                                                  f"filler-{i}@example.com"))
        aws.parallel(jobs)
        fillers = {"filters": n_filters, "alarms": n_filters, "subscriptions": n_subs}

    expect = {"pass": [c["id"] for c in controls], "fail": [], "unknown": []}
    if scenario in ("no_trail", "single_region_trail", "trail_not_logging",
                    "write_only_selectors"):
        expect = {"pass": [], "fail": [c["id"] for c in controls], "unknown": []}
    elif scenario == "kms_excluded":
        kms = [c["id"] for c in controls if c["control"] == "cmk-disable-or-deletion"]
        expect = {"pass": [i for i in expect["pass"] if i not in kms], "fail": kms,
                  "unknown": []}
    elif target_id:
        expect = {"pass": [i for i in expect["pass"] if i != target_id], "fail": [target_id],
                  "unknown": []}

    return {
        "scenario": scenario,
        "via": via,
        "benchmark": BENCHMARK,
        "account_id": account_id,
        "region": HOME_REGION,
        "trail_name": TRAIL if trail_arn else None,
        "trail_arn": trail_arn,
        "log_group_name": LOG_GROUP,
        "log_group_arn": log_group_arn,
        "log_group_region": mon_region,
        "topic_arn": topic_arn,
        "other_topic_arn": other_topic_arn,
        "subscriber": SUBSCRIBER,
        "controls": controls,
        "target": target,
        "fillers": fillers or None,
        "expect": expect,
    }


SCENARIOS = [
    "compliant", "no_trail", "single_region_trail", "trail_not_logging", "write_only_selectors",
    "advanced_selectors_default", "kms_excluded", "filter_missing_event",
    "filter_other_log_group", "alarm_wrong_namespace", "actions_disabled", "non_sns_action",
    "topic_without_subscriptions", "pending_subscriptions", "access_denied", "paging",
    "log_group_other_region",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario", choices=SCENARIOS)
    ap.add_argument("--via", choices=["cli", "boto3"],
                    help="how to make the calls (default: cli for compliant, else boto3)")
    ap.add_argument("--control", help="the control a single-control scenario breaks (id)")
    ap.add_argument("--advanced", action="store_true",
                    help="kms_excluded: exclude KMS with an advanced selector")
    args = ap.parse_args()
    via = args.via or ("cli" if args.scenario == "compliant" else "boto3")
    result = build(args.scenario, via, args.control, args.advanced)
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
