"""Self-test of the e2e proxy (tests/e2e/proxy.py), run by scripts/test.sh before cargo test.

Drives the proxy the way the Rust tests do: boto3 clients pointed at CIS_E2E_PROXY, the control
API for configuration and the call record. Needs the harness environment (tests/e2e/harness.py).
"""

from __future__ import annotations

import json
import os
import unittest
import urllib.request

import boto3
import botocore.exceptions

PROXY = os.environ["CIS_E2E_PROXY"]
MOTO = os.environ["CIS_E2E_MOTO"]
REGION = "us-east-1"


def control(base: str, path: str, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method="GET" if data is None and path.endswith(("calls", "config", "health")) else "POST")
    req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read() or b"{}")


def client(service: str, endpoint: str = PROXY):
    return boto3.client(service, region_name=REGION, endpoint_url=endpoint,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


class ProxyTest(unittest.TestCase):
    def setUp(self):
        control(MOTO, "/moto-api/reset", {})
        control(PROXY, "/_proxy/reset", {})

    def test_health(self):
        self.assertTrue(control(PROXY, "/_proxy/health")["ok"])

    def test_metric_filters_are_paged_and_recorded(self):
        logs = client("logs", MOTO)
        logs.create_log_group(logGroupName="g")
        for i in range(7):
            logs.put_metric_filter(
                logGroupName="g", filterName=f"f{i}", filterPattern='{ $.eventName = "X" }',
                metricTransformations=[{"metricName": f"m{i}", "metricNamespace": "N", "metricValue": "1"}])
        control(PROXY, "/_proxy/config", {"page_sizes": {"DescribeMetricFilters": 3}})
        proxied = client("logs")
        first = proxied.describe_metric_filters(logGroupName="g")
        self.assertEqual(len(first["metricFilters"]), 3)
        self.assertIn("nextToken", first)
        names = [f["filterName"] for f in first["metricFilters"]]
        token = first["nextToken"]
        while token:
            page = proxied.describe_metric_filters(logGroupName="g", nextToken=token)
            names += [f["filterName"] for f in page["metricFilters"]]
            token = page.get("nextToken")
        self.assertEqual(sorted(names), [f"f{i}" for i in range(7)])
        calls = control(PROXY, "/_proxy/calls")["calls"]
        self.assertEqual([c["operation"] for c in calls], ["DescribeMetricFilters"] * 3)
        self.assertTrue(all(c["service"] == "logs" and c["status"] == 200 for c in calls))

    def test_pending_subscriptions(self):
        sns = client("sns", MOTO)
        topic = sns.create_topic(Name="t")["TopicArn"]
        sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="ok@example.com")
        sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="pending@example.com")
        control(PROXY, "/_proxy/config", {"pending_endpoints": ["pending@example.com"]})
        subs = client("sns").list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
        states = {s["Endpoint"]: s["SubscriptionArn"] for s in subs}
        self.assertEqual(states["pending@example.com"], "PendingConfirmation")
        self.assertTrue(states["ok@example.com"].startswith("arn:aws:sns:"))

    def test_access_denied_fault(self):
        control(PROXY, "/_proxy/config", {"faults": [{"operation": "DescribeTrails", "kind": "access_denied"}]})
        with self.assertRaises(botocore.exceptions.ClientError) as err:
            client("cloudtrail").describe_trails()
        self.assertIn("AccessDenied", err.exception.response["Error"]["Code"])
        calls = control(PROXY, "/_proxy/calls")["calls"]
        self.assertEqual(calls[-1]["fault"], "access_denied")

    def test_throttle_count_then_through(self):
        control(PROXY, "/_proxy/config", {"faults": [{"operation": "ListTopics", "kind": "throttle", "count": 1}]})
        # botocore retries the throttled call; the second attempt goes through to moto.
        self.assertEqual(client("sns").list_topics()["Topics"], [])
        calls = control(PROXY, "/_proxy/calls")["calls"]
        self.assertEqual([(c["status"], c["fault"]) for c in calls], [(400, "throttle"), (200, None)])


if __name__ == "__main__":
    unittest.main()
