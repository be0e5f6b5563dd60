#!/usr/bin/env python3
"""cis-monitor end-to-end test proxy: sits between the client under test and moto.

    python tests/e2e/proxy.py --listen 127.0.0.1:PORT --upstream http://127.0.0.1:MOTOPORT

Every AWS request is forwarded to moto (the upstream). On the way the proxy fixes what moto
cannot do and injects what a test asks for:

  a. Smithy RPC v2 CBOR -> JSON 1.0 translation. aws-sdk-cloudwatch >= 1.100 (Rust) speaks
     `POST /service/GraniteServiceVersion20100801/operation/<Op>` with `Content-Type:
     application/cbor`; moto only reads CloudWatch's JSON 1.0 protocol. The proxy decodes the
     CBOR body, forwards JSON with `X-Amz-Target: GraniteServiceVersion20100801.<Op>`, and
     re-encodes moto's JSON reply (or error) as CBOR with `smithy-protocol: rpc-v2-cbor`.
  b. AWS-shaped paging for DescribeMetricFilters (logs), DescribeAlarms (cloudwatch, JSON or
     CBOR), ListSubscriptionsByTopic / ListSubscriptions / ListTopics (sns, query XML). moto
     returns everything at once; the proxy fetches the whole result, returns one page of
     min(client limit, configured page size) items with an opaque token, and serves later
     pages from a cache keyed by that token. It also applies the list filters moto ignores
     (DescribeMetricFilters: filterNamePrefix, metricName, metricNamespace; DescribeAlarms:
     AlarmNames, AlarmNamePrefix, StateValue, ActionPrefix, AlarmTypes).
  c. Subscription states: subscriptions whose endpoint or topic is configured as pending (or
     deleted) are reported with `SubscriptionArn` = `PendingConfirmation` (or `Deleted`).
  d. Fault injection per operation (optionally per service / region / request substring):
     throttle, error5xx, access_denied, latency, hang.
  e. A record of every forwarded request: {seq, service, operation, region, protocol, status, ...}.
  f. A control API under /_proxy/ on the same port (never forwarded).

Nothing here is specific to one test: tests drive it through the control API.

CONTROL API (JSON in, JSON out)
-------------------------------
GET  /_proxy/health    -> {"ok": true, "upstream": "http://127.0.0.1:5000", "pid": 1234}
GET  /_proxy/config    -> the current config (the shape below, with defaults filled in)
POST /_proxy/config    body = config below; REPLACES the whole config (missing keys = defaults),
                       clears the page cache, keeps the call record. -> {"ok": true, "config": {...}}
                       A bad config is refused with 400 {"ok": false, "error": "..."}.
POST /_proxy/reset     clears config (back to defaults), call record and page cache. -> {"ok": true}
GET  /_proxy/calls     -> {"count": N, "calls": [CALL, ...]}; `?since=K` returns only calls with seq > K.
POST /_proxy/calls/clear  clears only the call record. -> {"ok": true}

CONFIG (every key optional):
{
  "page_sizes": {                      # items per page; defaults are the AWS maxima
    "DescribeMetricFilters": 50, "DescribeAlarms": 100,
    "ListSubscriptionsByTopic": 100, "ListSubscriptions": 100, "ListTopics": 100
  },
  "pending_endpoints": ["pending@example.com"],  # subscriptions with this Endpoint -> "PendingConfirmation"
  "pending_topics": ["arn:aws:sns:us-east-1:123456789012:t"],  # every subscription of these topics -> "PendingConfirmation"
  "deleted_endpoints": [], "deleted_topics": [], # same, but -> "Deleted"
  "latency_ms": 0,                     # sleep before forwarding EVERY AWS request
  "faults": [FAULT, ...]               # checked in order for every AWS request
}
FAULT:
{
  "operation": "DescribeAlarms",       # required; "*" = any operation
  "service": "cloudwatch",             # optional: cloudwatch | logs | cloudtrail | sns | s3 | iam | ...
  "region": "eu-west-1",               # optional: region from the request's SigV4 credential scope
  "match": "CloudTrail/Default",       # optional: substring of the request (path + body; CBOR bodies as JSON)
  "kind": "throttle",                  # throttle | error5xx | access_denied | latency | hang
  "count": 2,                          # optional: inject this many times, then let requests through; absent/null = always
  "status": 503,                       # error5xx only: 500 (InternalFailure, default) or 503 (ServiceUnavailable)
  "ms": 250,                           # latency only: extra sleep before forwarding
  "seconds": 300,                      # hang only: keep the connection open without answering (max 300), then close it
  "code": "...", "message": "..."      # optional overrides of the error code / message
}
`latency` faults add up and do not stop the search; the first matching fault of another kind wins.
Injected errors, by protocol:
  throttle       JSON/CBOR: 400 {"__type": "ThrottlingException"}  (CloudWatch also `x-amzn-query-error: Throttling;Sender`)
                 query XML: 400 <Code>Throttling</Code>
  error5xx       500 InternalFailure / 503 ServiceUnavailable (logs: ServiceUnavailableException)
  access_denied  JSON/CBOR: 400 {"__type": "AccessDeniedException"} (CloudWatch also `x-amzn-query-error: AccessDenied;Sender`)
                 SNS query XML: 403 <Code>AuthorizationError</Code>; other query services: 403 AccessDenied
CALL (one per AWS request, in arrival order):
{"seq": 1, "time": 1795462241.2, "service": "cloudwatch", "operation": "DescribeAlarms",
 "region": "us-east-1", "protocol": "cbor", "status": 200, "fault": null, "ms": 12.5,
 "paged": {"token_in": false, "items": 5, "token_out": true}}   # "paged" only for the paged operations
`protocol` is json | cbor | query | rest; `fault` is the injected kind or null; `status` is 0 for a hang.

Service names: cloudwatch (SigV4 "monitoring"), logs, cloudtrail, sns, s3, iam, sts ... (from the
X-Amz-Target / CBOR path, else from the SigV4 credential scope).
Stops cleanly on SIGTERM / SIGINT. Requires: Python 3.11+, cbor2.
"""

from __future__ import annotations

import argparse
import base64
import collections
import copy
import datetime as dt
import http.client
import http.server
import json
import re
import secrets
import signal
import sys
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape as xml_escape

import cbor2

ACCOUNT_ID = "123456789012"  # moto's default account

# ---------------------------------------------------------------------------------------------
# Protocol facts
# ---------------------------------------------------------------------------------------------

# X-Amz-Target prefix (JSON protocols) -> service name used in the record and in faults.
TARGET_PREFIXES = {
    "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101": "cloudtrail",
    "Logs_20140328": "logs",
    "GraniteServiceVersion20100801": "cloudwatch",
}
# SigV4 signing name -> service name (the signing name of CloudWatch is "monitoring").
SIGNING_NAMES = {"monitoring": "cloudwatch"}

CBOR_PATH = re.compile(r"^/service/([^/]+)/operation/([^/?]+)")
CREDENTIAL = re.compile(r"Credential=[^/,\s]+/\d{8}/([^/,\s]+)/([^/,\s]+)/aws4_request")

# Member names of CloudWatch shapes (botocore 1.44.5 model, cloudwatch 2010-08-01) whose type is
# timestamp / double / blob, and lists of those. JSON carries timestamps as epoch numbers, doubles
# as plain numbers (moto may write 1 instead of 1.0) and blobs as base64; CBOR needs tag 1,
# real floats and byte strings, or the Rust decoder refuses the reply.
CW_TIMESTAMPS = {
    "AlarmConfigurationUpdatedTimestamp", "CreatedAt", "CreationDate", "EndDate", "EndTime",
    "ExpireDate", "LastModified", "LastUpdateDate", "LastUpdatedTimestamp", "StartDate",
    "StartTime", "StateTransitionedTimestamp", "StateUpdatedTimestamp", "Timestamp", "UpdatedAt",
}
CW_TIMESTAMP_LISTS = {"Timestamps"}
# "Value" is a double in Datapoint-like shapes and a string in Dimension: only ints are converted.
CW_DOUBLES = {
    "AggregateValue", "ApproximateAggregateValue", "ApproximateValue", "Average",
    "MaxContributorValue", "Maximum", "Minimum", "SampleCount", "Sum", "Threshold",
    "UniqueContributors", "Value",
}
CW_DOUBLE_LISTS = {"Counts", "Values"}
CW_BLOBS = {"MetricWidgetImage"}

# Paged JSON operations: client limit / token members, the list members, and the default page size
# (= the AWS maximum). DescribeAlarms pages over MetricAlarms followed by CompositeAlarms.
JSON_PAGED = {
    ("logs", "DescribeMetricFilters"): {"limit": "limit", "token": "nextToken", "lists": ["metricFilters"]},
    ("cloudwatch", "DescribeAlarms"): {"limit": "MaxRecords", "token": "NextToken", "lists": ["MetricAlarms", "CompositeAlarms"]},
}
# Paged SNS (query/XML) operations: the XML list element. No client limit exists for these.
SNS_PAGED = {
    "ListSubscriptionsByTopic": "Subscriptions",
    "ListSubscriptions": "Subscriptions",
    "ListTopics": "Topics",
}
DEFAULT_PAGE_SIZES = {
    "DescribeMetricFilters": 50,
    "DescribeAlarms": 100,
    "ListSubscriptionsByTopic": 100,
    "ListSubscriptions": 100,
    "ListTopics": 100,
}
SNS_NS = "http://sns.amazonaws.com/doc/2010-03-31/"

FAULT_KINDS = {"throttle", "error5xx", "access_denied", "latency", "hang"}
MAX_HANG_SECONDS = 300.0
PAGE_CACHE_MAX = 5000  # tokens kept; oldest evicted first

HOP_BY_HOP = {
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
    "transfer-encoding", "upgrade", "content-length", "server", "date", "host",
}


class Request:
    """What the proxy knows about one incoming AWS request."""

    def __init__(self, method: str, path: str, headers, body: bytes):
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.protocol = "rest"
        self.service = ""
        self.operation = ""
        self.region = ""
        self.json_payload = None  # dict for json / cbor requests
        self.form = None          # list of (key, value) for query requests
        self._identify()

    def _identify(self) -> None:
        auth = self.headers.get("Authorization", "") or ""
        m = CREDENTIAL.search(auth) or CREDENTIAL.search(urllib.parse.unquote(self.path))
        signing = ""
        if m:
            self.region, signing = m.group(1), m.group(2)
        self.service = SIGNING_NAMES.get(signing, signing)

        ctype = (self.headers.get("Content-Type", "") or "").lower()
        target = self.headers.get("X-Amz-Target", "") or ""
        cbor_m = CBOR_PATH.match(self.path)
        if cbor_m and ("cbor" in ctype or "cbor" in (self.headers.get("Accept", "") or "")):
            self.protocol = "cbor"
            self.target_prefix, self.operation = cbor_m.group(1), cbor_m.group(2)
            self.service = TARGET_PREFIXES.get(self.target_prefix, self.service)
            decoded = cbor2.loads(self.body) if self.body else {}
            self.json_payload = to_jsonable(decoded if isinstance(decoded, dict) else {})
        elif target:
            self.protocol = "json"
            prefix, _, self.operation = target.rpartition(".")
            self.service = TARGET_PREFIXES.get(prefix, self.service)
            try:
                self.json_payload = json.loads(self.body or b"{}")
            except ValueError:
                self.json_payload = None
        else:
            query = urllib.parse.urlsplit(self.path).query
            form = urllib.parse.parse_qsl(query, keep_blank_values=True)
            if self.method == "POST" and "x-www-form-urlencoded" in ctype:
                form += urllib.parse.parse_qsl(self.body.decode("utf-8", "replace"), keep_blank_values=True)
            action = dict(form).get("Action")
            if action:
                self.protocol = "query"
                self.operation = action
                self.form = form
            else:
                # REST (S3 path-style and friends): the operation is the method + path.
                self.operation = f"{self.method} {urllib.parse.urlsplit(self.path).path}"
        if not self.service:
            self.service = "unknown"

    def match_text(self) -> str:
        if self.json_payload is not None:
            return self.path + " " + json.dumps(self.json_payload)
        return self.path + " " + self.body.decode("utf-8", "replace")

    def form_get(self, key: str):
        for k, v in self.form or []:
            if k == key:
                return v
        return None


# ---------------------------------------------------------------------------------------------
# CBOR <-> JSON value conversion
# ---------------------------------------------------------------------------------------------

def to_jsonable(value):
    """A decoded CBOR request value -> what the JSON protocol expects (epoch seconds, base64)."""
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.timestamp()
    if isinstance(value, cbor2.CBORTag) and value.tag == 1:
        return float(value.value)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    return value


def _epoch(value):
    """A JSON timestamp (epoch number or ISO-8601 string) -> CBOR tag 1 with float seconds."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return cbor2.CBORTag(1, float(value))
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=dt.timezone.utc)
        return cbor2.CBORTag(1, parsed.timestamp())
    return value


def to_cbor_value(value, key: str | None = None):
    """moto's JSON reply value -> a value that encodes as the Smithy RPC v2 CBOR shape expects."""
    if isinstance(value, dict):
        return {k: to_cbor_value(v, k) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        if key in CW_TIMESTAMP_LISTS:
            return [_epoch(v) for v in value]
        if key in CW_DOUBLE_LISTS:
            return [float(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in value]
        return [to_cbor_value(v) for v in value]
    if key in CW_TIMESTAMPS:
        return _epoch(value)
    if key in CW_DOUBLES and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if key in CW_BLOBS and isinstance(value, str):
        try:
            return base64.b64decode(value)
        except ValueError:
            return value
    return value


# ---------------------------------------------------------------------------------------------
# Shared state: config, fault counters, call record, page cache
# ---------------------------------------------------------------------------------------------

class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.shutdown = threading.Event()
        self.config = self.default_config()
        self.fault_left: list = []      # remaining count per fault (None = unlimited)
        self.calls: list = []
        self.seq = 0
        self.pages: collections.OrderedDict = collections.OrderedDict()  # token -> (items, offset, op)

    @staticmethod
    def default_config() -> dict:
        return {
            "page_sizes": dict(DEFAULT_PAGE_SIZES),
            "pending_endpoints": [], "pending_topics": [],
            "deleted_endpoints": [], "deleted_topics": [],
            "latency_ms": 0,
            "faults": [],
        }

    @staticmethod
    def validate(cfg) -> dict:
        """Fill defaults into a posted config and reject anything malformed."""
        if not isinstance(cfg, dict):
            raise ValueError("config must be a JSON object")
        out = State.default_config()
        unknown = set(cfg) - set(out)
        if unknown:
            raise ValueError(f"unknown config keys: {sorted(unknown)}")
        sizes = cfg.get("page_sizes") or {}
        if not isinstance(sizes, dict):
            raise ValueError("page_sizes must be an object")
        for op, size in sizes.items():
            if op not in DEFAULT_PAGE_SIZES:
                raise ValueError(f"page_sizes: unknown operation {op!r} (known: {sorted(DEFAULT_PAGE_SIZES)})")
            if not isinstance(size, int) or isinstance(size, bool) or size < 1:
                raise ValueError(f"page_sizes.{op} must be a positive integer")
            out["page_sizes"][op] = size
        for key in ("pending_endpoints", "pending_topics", "deleted_endpoints", "deleted_topics"):
            val = cfg.get(key) or []
            if not isinstance(val, list) or not all(isinstance(v, str) for v in val):
                raise ValueError(f"{key} must be a list of strings")
            out[key] = list(val)
        lat = cfg.get("latency_ms") or 0
        if not isinstance(lat, (int, float)) or lat < 0:
            raise ValueError("latency_ms must be a non-negative number")
        out["latency_ms"] = lat
        faults = cfg.get("faults") or []
        if not isinstance(faults, list):
            raise ValueError("faults must be a list")
        allowed = {"operation", "service", "region", "match", "kind", "count", "status", "ms", "seconds", "code", "message"}
        for i, f in enumerate(faults):
            if not isinstance(f, dict):
                raise ValueError(f"faults[{i}] must be an object")
            if set(f) - allowed:
                raise ValueError(f"faults[{i}]: unknown keys {sorted(set(f) - allowed)}")
            if not isinstance(f.get("operation"), str):
                raise ValueError(f"faults[{i}].operation is required (an operation name or \"*\")")
            if f.get("kind") not in FAULT_KINDS:
                raise ValueError(f"faults[{i}].kind must be one of {sorted(FAULT_KINDS)}")
            if f.get("count") is not None and (not isinstance(f["count"], int) or f["count"] < 0):
                raise ValueError(f"faults[{i}].count must be a non-negative integer or null")
            if f["kind"] == "error5xx" and f.get("status", 500) not in (500, 502, 503, 504):
                raise ValueError(f"faults[{i}].status must be 500, 502, 503 or 504")
            if f["kind"] == "latency" and not isinstance(f.get("ms"), (int, float)):
                raise ValueError(f"faults[{i}].ms is required for latency faults")
        out["faults"] = [dict(f) for f in faults]
        return out

    def set_config(self, cfg: dict) -> None:
        with self.lock:
            self.config = cfg
            self.fault_left = [f.get("count") for f in cfg["faults"]]
            self.pages.clear()

    def reset(self) -> None:
        with self.lock:
            self.config = self.default_config()
            self.fault_left = []
            self.calls = []
            self.seq = 0
            self.pages.clear()

    def pick_faults(self, req: Request):
        """-> (extra latency in ms, the fault to inject or None). Consumes fault counts."""
        latency = 0.0
        chosen = None
        text = None
        with self.lock:
            latency += float(self.config["latency_ms"] or 0)
            for i, f in enumerate(self.config["faults"]):
                if f["operation"] not in ("*", req.operation):
                    continue
                if f.get("service") and f["service"] != req.service:
                    continue
                if f.get("region") and f["region"] != req.region:
                    continue
                if f.get("match"):
                    if text is None:
                        text = req.match_text()
                    if f["match"] not in text:
                        continue
                left = self.fault_left[i]
                if left is not None and left <= 0:
                    continue
                if f["kind"] == "latency":
                    latency += float(f["ms"])
                elif chosen is not None:
                    continue
                else:
                    chosen = f
                if left is not None:
                    self.fault_left[i] = left - 1
        return latency, chosen

    def record(self, entry: dict) -> None:
        with self.lock:
            self.seq += 1
            entry = {"seq": self.seq, **entry}
            self.calls.append(entry)

    def page_size(self, op: str) -> int:
        with self.lock:
            return self.config["page_sizes"].get(op, DEFAULT_PAGE_SIZES.get(op, 100))

    def subscription_state(self, endpoint: str, topic_arn: str):
        with self.lock:
            c = self.config
            if endpoint in c["deleted_endpoints"] or topic_arn in c["deleted_topics"]:
                return "Deleted"
            if endpoint in c["pending_endpoints"] or topic_arn in c["pending_topics"]:
                return "PendingConfirmation"
        return None

    def store_page(self, op_key, items: list, offset: int) -> str:
        token = f"cisproxy-{secrets.token_hex(12)}"
        with self.lock:
            self.pages[token] = (op_key, items, offset)
            while len(self.pages) > PAGE_CACHE_MAX:
                self.pages.popitem(last=False)
        return token

    def load_page(self, op_key, token: str):
        with self.lock:
            hit = self.pages.get(token)
        if hit is None or hit[0] != op_key:
            return None
        return hit[1], hit[2]


STATE = State()
UPSTREAM = ("127.0.0.1", 5000)


# ---------------------------------------------------------------------------------------------
# Upstream (moto)
# ---------------------------------------------------------------------------------------------

def upstream_call(method: str, path: str, headers: dict, body: bytes):
    """One request to moto -> (status, [(header, value)], body)."""
    conn = http.client.HTTPConnection(UPSTREAM[0], UPSTREAM[1], timeout=600)
    try:
        hdrs = {k: v for k, v in headers.items() if k.lower() not in HOP_BY_HOP}
        hdrs["Host"] = f"{UPSTREAM[0]}:{UPSTREAM[1]}"
        hdrs["Content-Length"] = str(len(body))
        conn.request(method, path, body=body, headers=hdrs)
        resp = conn.getresponse()
        data = resp.read()
        return resp.status, resp.getheaders(), data
    finally:
        conn.close()


def upstream_json(req: Request, payload: dict, operation: str | None = None):
    """A JSON-protocol call to moto -> (status, headers, parsed dict or None, raw body)."""
    headers = {k: v for k, v in req.headers.items()}
    if req.protocol == "cbor":
        # CBOR -> JSON 1.0 (the CloudWatch JSON protocol moto implements).
        drop = {"content-type", "accept", "smithy-protocol", "x-amz-target", "content-encoding"}
        headers = {k: v for k, v in headers.items() if k.lower() not in drop}
        headers["Content-Type"] = "application/x-amz-json-1.0"
        headers["X-Amz-Target"] = f"{req.target_prefix}.{operation or req.operation}"
        path = "/"
    else:
        path = req.path
    body = json.dumps(payload).encode()
    status, rheaders, raw = upstream_call("POST", path, headers, body)
    try:
        parsed = json.loads(raw) if raw.strip() else {}
    except ValueError:
        parsed = None
    return status, rheaders, parsed, raw


def header(headers, name: str):
    for k, v in headers:
        if k.lower() == name.lower():
            return v
    return None


# ---------------------------------------------------------------------------------------------
# Paging
# ---------------------------------------------------------------------------------------------

def filter_metric_filters(payload: dict, items: list) -> list:
    """Apply DescribeMetricFilters' selection parameters (moto may ignore some)."""
    group = payload.get("logGroupName")
    prefix = payload.get("filterNamePrefix")
    mname = payload.get("metricName")
    mns = payload.get("metricNamespace")
    out = []
    for f in items:
        if group and f.get("logGroupName") not in (None, group):
            continue
        if prefix and not str(f.get("filterName", "")).startswith(prefix):
            continue
        trans = f.get("metricTransformations") or []
        if mname and not any(t.get("metricName") == mname for t in trans):
            continue
        if mns and not any(t.get("metricNamespace") == mns for t in trans):
            continue
        out.append(f)
    return out


def filter_alarms(payload: dict, items: list) -> list:
    """Apply DescribeAlarms' selection parameters: moto honours only one of them and ignores
    AlarmTypes (AWS: without AlarmTypes only metric alarms are returned)."""
    names = payload.get("AlarmNames") or []
    prefix = payload.get("AlarmNamePrefix")
    state = payload.get("StateValue")
    action = payload.get("ActionPrefix")
    types = payload.get("AlarmTypes") or ["MetricAlarm"]
    out = []
    for kind, a in items:
        if (kind == "MetricAlarms" and "MetricAlarm" not in types) or (kind == "CompositeAlarms" and "CompositeAlarm" not in types):
            continue
        if names and a.get("AlarmName") not in names:
            continue
        if prefix and not str(a.get("AlarmName", "")).startswith(prefix):
            continue
        if state and a.get("StateValue") != state:
            continue
        if action:
            acts = (a.get("AlarmActions") or []) + (a.get("OKActions") or []) + (a.get("InsufficientDataActions") or [])
            if not any(str(x).startswith(action) for x in acts):
                continue
        out.append((kind, a))
    return out


def page_json(req: Request):
    """Serve one page of a paged JSON operation -> (status, headers, dict, paged-info)."""
    op_key = (req.service, req.operation)
    spec = JSON_PAGED[op_key]
    payload = dict(req.json_payload or {})
    token = payload.pop(spec["token"], None)
    client_limit = payload.pop(spec["limit"], None)
    size = STATE.page_size(req.operation)
    if isinstance(client_limit, int) and client_limit > 0:
        size = min(size, client_limit)

    if token:
        hit = STATE.load_page(op_key, token)
        if hit is None:
            err = {"__type": "InvalidNextToken" if req.service == "cloudwatch" else "InvalidParameterException",
                   "message": "The specified next token is not valid."}
            extra = [("x-amzn-query-error", "InvalidNextToken;Sender")] if req.service == "cloudwatch" else []
            return 400, extra, err, {"token_in": True, "items": 0, "token_out": False}
        items, offset = hit
    else:
        # Fetch everything from moto, following moto's own token if it ever returns one.
        items = []
        status, rheaders, parsed = None, [], None
        moto_payload = dict(payload)
        for _ in range(10000):
            status, rheaders, parsed, raw = upstream_json(req, moto_payload)
            if status != 200 or not isinstance(parsed, dict):
                return status, rheaders, parsed if isinstance(parsed, dict) else raw, None
            for lst in spec["lists"]:
                items.extend((lst, x) for x in parsed.get(lst) or [])
            nxt = parsed.get(spec["token"])
            if not nxt:
                break
            moto_payload[spec["token"]] = nxt
        if req.operation == "DescribeMetricFilters":
            items = [("metricFilters", f) for f in filter_metric_filters(payload, [x for _, x in items])]
        elif req.operation == "DescribeAlarms":
            items = filter_alarms(payload, items)
        offset = 0

    chunk = items[offset:offset + size]
    result = {lst: [x for kind, x in chunk if kind == lst] for lst in spec["lists"]}
    next_token = None
    if offset + size < len(items):
        next_token = STATE.store_page(op_key, items, offset + size)
        result[spec["token"]] = next_token
    info = {"token_in": bool(token), "items": len(chunk), "token_out": bool(next_token)}
    return 200, [], result, info


def sns_members(xml_bytes: bytes, list_name: str):
    """moto's SNS list XML -> ([member dict, ...], NextToken or None)."""
    root = ET.fromstring(xml_bytes)
    ns = {"s": SNS_NS}
    members = []
    for m in root.findall(f".//s:{list_name}/s:member", ns):
        members.append({child.tag.split("}")[-1]: (child.text or "") for child in m})
    tok = root.find(".//s:NextToken", ns)
    return members, (tok.text if tok is not None and tok.text else None)


def sns_xml(operation: str, list_name: str, members: list, next_token) -> bytes:
    parts = [f'<{operation}Response xmlns="{SNS_NS}"><{operation}Result><{list_name}>']
    for m in members:
        parts.append("<member>" + "".join(f"<{k}>{xml_escape(v)}</{k}>" for k, v in m.items()) + "</member>")
    parts.append(f"</{list_name}>")
    if next_token:
        parts.append(f"<NextToken>{xml_escape(next_token)}</NextToken>")
    parts.append(f"</{operation}Result><ResponseMetadata><RequestId>{secrets.token_hex(16)}</RequestId>"
                 f"</ResponseMetadata></{operation}Response>")
    return "".join(parts).encode()


def page_sns(req: Request):
    """Serve one page of a paged SNS operation -> (status, headers, body, paged-info)."""
    op_key = ("sns", req.operation)
    list_name = SNS_PAGED[req.operation]
    token = req.form_get("NextToken")
    size = STATE.page_size(req.operation)
    if token:
        hit = STATE.load_page(op_key, token)
        if hit is None:
            body = query_error_xml("Sender", "InvalidParameter", "Invalid parameter: NextToken")
            return 400, [("Content-Type", "text/xml")], body, {"token_in": True, "items": 0, "token_out": False}
        items, offset = hit
    else:
        items = []
        form = [(k, v) for k, v in req.form if k != "NextToken"]
        headers = {k: v for k, v in req.headers.items()}
        for _ in range(10000):
            body = urllib.parse.urlencode(form).encode()
            status, rheaders, raw = upstream_call("POST", urllib.parse.urlsplit(req.path).path or "/", headers, body)
            if status != 200:
                return status, rheaders, raw, None
            members, nxt = sns_members(raw, list_name)
            items.extend(members)
            if not nxt:
                break
            form = [(k, v) for k, v in form if k != "NextToken"] + [("NextToken", nxt)]
        if list_name == "Subscriptions":
            for m in items:
                state = STATE.subscription_state(m.get("Endpoint", ""), m.get("TopicArn", ""))
                if state:
                    m["SubscriptionArn"] = state
        offset = 0
    chunk = items[offset:offset + size]
    next_token = STATE.store_page(op_key, items, offset + size) if offset + size < len(items) else None
    body = sns_xml(req.operation, list_name, chunk, next_token)
    info = {"token_in": bool(token), "items": len(chunk), "token_out": bool(next_token)}
    return 200, [("Content-Type", "text/xml")], body, info


# ---------------------------------------------------------------------------------------------
# Injected errors
# ---------------------------------------------------------------------------------------------

def query_error_xml(kind: str, code: str, message: str) -> bytes:
    return (f'<ErrorResponse xmlns="{SNS_NS}"><Error><Type>{kind}</Type><Code>{xml_escape(code)}</Code>'
            f"<Message>{xml_escape(message)}</Message></Error><RequestId>{secrets.token_hex(16)}</RequestId>"
            f"</ErrorResponse>").encode()


def denied_message(req: Request) -> str:
    action_prefix = req.service
    op = req.operation
    region = req.region or "us-east-1"
    if req.service == "sns":
        resource = req.form_get("TopicArn") or f"arn:aws:sns:{region}:{ACCOUNT_ID}:*"
    elif req.service == "cloudwatch":
        resource = f"arn:aws:cloudwatch:{region}:{ACCOUNT_ID}:alarm:*"
    elif req.service == "logs":
        group = (req.json_payload or {}).get("logGroupName", "*")
        resource = f"arn:aws:logs:{region}:{ACCOUNT_ID}:log-group:{group}:*"
    elif req.service == "cloudtrail":
        resource = f"arn:aws:cloudtrail:{region}:{ACCOUNT_ID}:trail/*"
    else:
        resource = "*"
    return (f"User: arn:aws:iam::{ACCOUNT_ID}:user/cis-auditor is not authorized to perform: "
            f"{action_prefix}:{op} on resource: {resource} because no identity-based policy allows "
            f"the {action_prefix}:{op} action")


def fault_error(req: Request, fault: dict):
    """-> (status, json_code, query_code, query_compat_code, fault_type, message)."""
    kind = fault["kind"]
    if kind == "throttle":
        status, jcode, qcode, compat, ftype, msg = 400, "ThrottlingException", "Throttling", "Throttling", "Sender", "Rate exceeded"
    elif kind == "access_denied":
        status, jcode, ftype, msg = 400, "AccessDeniedException", "Sender", denied_message(req)
        qcode, compat = ("AuthorizationError" if req.service == "sns" else "AccessDenied"), "AccessDenied"
        if req.protocol == "query":
            status = 403
    else:  # error5xx
        status = fault.get("status", 500)
        ftype = "Receiver"
        if status == 500:
            jcode = qcode = compat = "InternalFailure"
            msg = "The request processing has failed because of an unknown error, exception or failure."
        else:
            jcode = qcode = compat = "ServiceUnavailable"
            if req.service == "logs":
                jcode = "ServiceUnavailableException"
            msg = "Service Unavailable"
    if fault.get("code"):
        jcode = qcode = compat = fault["code"]
    if fault.get("message"):
        msg = fault["message"]
    return status, jcode, qcode, compat, ftype, msg


# ---------------------------------------------------------------------------------------------
# HTTP handler
# ---------------------------------------------------------------------------------------------

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "cis-e2e-proxy"
    sys_version = ""
    verbose = False

    def log_message(self, fmt, *args):  # quiet unless --verbose
        if self.verbose:
            sys.stderr.write("proxy: " + (fmt % args) + "\n")

    # Every method goes through the same path.
    def do_GET(self): self.handle_any()
    def do_POST(self): self.handle_any()
    def do_PUT(self): self.handle_any()
    def do_DELETE(self): self.handle_any()
    def do_HEAD(self): self.handle_any()
    def do_PATCH(self): self.handle_any()

    def read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding", "") or "").lower():
            chunks = []
            while True:
                line = self.rfile.readline().strip()
                n = int(line.split(b";")[0], 16)
                if n == 0:
                    while self.rfile.readline().strip():
                        pass
                    break
                chunks.append(self.rfile.read(n))
                self.rfile.readline()
            return b"".join(chunks)
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def send(self, status: int, headers, body: bytes) -> None:
        self.send_response(status)
        seen = set()
        for k, v in headers:
            if k.lower() in HOP_BY_HOP:
                continue
            seen.add(k.lower())
            self.send_header(k, v)
        if "x-amzn-requestid" not in seen:
            self.send_header("x-amzn-RequestId", secrets.token_hex(16))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_json(self, status: int, obj) -> None:
        self.send(status, [("Content-Type", "application/json")], json.dumps(obj, indent=1).encode())

    # ------------------------------------------------------------------ control API
    def control(self, body: bytes) -> None:
        url = urllib.parse.urlsplit(self.path)
        route = (self.command, url.path.rstrip("/"))
        if route == ("GET", "/_proxy/health"):
            return self.send_json(200, {"ok": True, "upstream": f"http://{UPSTREAM[0]}:{UPSTREAM[1]}",
                                        "pid": __import__("os").getpid()})
        if route == ("GET", "/_proxy/config"):
            with STATE.lock:
                cfg = copy.deepcopy(STATE.config)
            return self.send_json(200, cfg)
        if route == ("POST", "/_proxy/config"):
            try:
                cfg = State.validate(json.loads(body or b"{}"))
            except ValueError as e:
                return self.send_json(400, {"ok": False, "error": str(e)})
            STATE.set_config(cfg)
            return self.send_json(200, {"ok": True, "config": cfg})
        if route == ("POST", "/_proxy/reset"):
            STATE.reset()
            return self.send_json(200, {"ok": True})
        if route == ("GET", "/_proxy/calls"):
            since = int(dict(urllib.parse.parse_qsl(url.query)).get("since", 0) or 0)
            with STATE.lock:
                calls = [dict(c) for c in STATE.calls if c["seq"] > since]
            return self.send_json(200, {"count": len(calls), "calls": calls})
        if route == ("POST", "/_proxy/calls/clear"):
            with STATE.lock:
                STATE.calls = []
            return self.send_json(200, {"ok": True})
        return self.send_json(404, {"ok": False, "error": f"no control route {self.command} {url.path}"})

    # ------------------------------------------------------------------ AWS requests
    def handle_any(self) -> None:
        started = time.monotonic()
        body = self.read_body()
        if self.path.startswith("/_proxy/") or self.path == "/_proxy":
            return self.control(body)
        try:
            req = Request(self.command, self.path, self.headers, body)
        except Exception as e:  # undecodable CBOR and the like
            self.send(400, [("Content-Type", "application/json")],
                      json.dumps({"__type": "SerializationException", "message": f"proxy: {e}"}).encode())
            return
        entry = {"time": time.time(), "service": req.service, "operation": req.operation,
                 "region": req.region, "protocol": req.protocol, "status": None, "fault": None}
        try:
            latency_ms, fault = STATE.pick_faults(req)
            if latency_ms > 0:
                STATE.shutdown.wait(latency_ms / 1000.0)
            if fault is not None:
                entry["fault"] = fault["kind"]
                if fault["kind"] == "hang":
                    entry["status"] = 0
                    self.hang(fault, req, entry, started)
                    return
                entry["status"] = self.send_fault(req, fault)
            else:
                entry["status"] = self.forward(req, entry)
        except (BrokenPipeError, ConnectionResetError):
            entry["status"] = entry["status"] or -1
            self.close_connection = True
        except Exception as e:  # never let a bug kill the connection silently
            entry["status"] = 502
            msg = f"proxy error: {type(e).__name__}: {e}"
            sys.stderr.write(msg + "\n")
            try:
                self.send(502, [("Content-Type", "text/plain")], msg.encode())
            except OSError:
                self.close_connection = True
        finally:
            if entry["status"] != 0:
                entry["ms"] = round((time.monotonic() - started) * 1000, 1)
                STATE.record(entry)

    def hang(self, fault, req, entry, started) -> None:
        """Accept and never answer; give up after `seconds` (max 300) or at shutdown."""
        entry["ms"] = None
        STATE.record(entry)  # record now: the test may look while the client still waits
        seconds = min(float(fault.get("seconds") or MAX_HANG_SECONDS), MAX_HANG_SECONDS)
        STATE.shutdown.wait(seconds)
        self.close_connection = True

    def send_fault(self, req: Request, fault: dict) -> int:
        status, jcode, qcode, compat, ftype, msg = fault_error(req, fault)
        headers = []
        if req.service == "cloudwatch":
            headers.append(("x-amzn-query-error", f"{compat};{ftype}"))
        if req.protocol == "cbor":
            headers += [("Content-Type", "application/cbor"), ("smithy-protocol", "rpc-v2-cbor")]
            body = cbor2.dumps({"__type": jcode, "message": msg})
        elif req.protocol == "json":
            headers.append(("Content-Type", self.headers.get("Content-Type") or "application/x-amz-json-1.1"))
            body = json.dumps({"__type": jcode, "message": msg}).encode()
        elif req.protocol == "query":
            headers.append(("Content-Type", "text/xml"))
            body = query_error_xml(ftype, qcode, msg)
        else:
            headers.append(("Content-Type", "application/xml"))
            body = (f"<Error><Code>{xml_escape(qcode)}</Code><Message>{xml_escape(msg)}</Message></Error>").encode()
        self.send(status, headers, body)
        return status

    def forward(self, req: Request, entry: dict) -> int:
        paged = None
        if req.protocol in ("json", "cbor") and (req.service, req.operation) in JSON_PAGED and req.json_payload is not None:
            status, rheaders, result, paged = page_json(req)
            return self.reply_json(req, status, rheaders, result, entry, paged)
        if req.protocol in ("cbor",):
            status, rheaders, parsed, raw = upstream_json(req, req.json_payload or {})
            return self.reply_json(req, status, rheaders, parsed if parsed is not None else raw, entry, None)
        if req.protocol == "query" and req.service == "sns" and req.operation in SNS_PAGED:
            status, rheaders, body, paged = page_sns(req)
            if paged:
                entry["paged"] = paged
            self.send(status, rheaders, body)
            return status
        # Everything else: forward as is.
        status, rheaders, body = upstream_call(req.method, req.path, dict(req.headers.items()), req.body)
        self.send(status, rheaders, body)
        return status

    def reply_json(self, req: Request, status: int, rheaders, result, entry: dict, paged) -> int:
        """Send a JSON-level result back in the client's protocol (JSON or CBOR)."""
        if paged:
            entry["paged"] = paged
        passthrough = [(k, v) for k, v in rheaders if k.lower() in ("x-amzn-requestid", "x-amzn-query-error")]
        if req.protocol == "cbor":
            headers = passthrough + [("Content-Type", "application/cbor"), ("smithy-protocol", "rpc-v2-cbor")]
            if isinstance(result, dict):
                if status >= 300:
                    # moto's JSON error -> the CBOR error shape ({"__type", "message"}).
                    code = str(result.get("__type") or header(rheaders, "X-Amzn-Errortype") or "InternalFailure")
                    msg = result.get("message") or result.get("Message") or ""
                    body = cbor2.dumps({"__type": code, "message": str(msg)})
                else:
                    body = cbor2.dumps(to_cbor_value(result))
            else:  # moto answered something that is not JSON (an HTML 500 page, say)
                text = (result or b"").decode("utf-8", "replace")[:500] if isinstance(result, (bytes, bytearray)) else str(result)
                body = cbor2.dumps({"__type": "InternalFailure", "message": f"upstream answered non-JSON: {text}"})
                if status < 300:
                    status = 500
            self.send(status, headers, body)
            return status
        ctype = self.headers.get("Content-Type") or "application/x-amz-json-1.1"
        headers = passthrough + [("Content-Type", ctype)]
        if isinstance(result, dict):
            body = json.dumps(result).encode()
        else:
            body = result if isinstance(result, (bytes, bytearray)) else str(result).encode()
        self.send(status, headers, body)
        return status


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256


def main(argv=None) -> int:
    global UPSTREAM
    ap = argparse.ArgumentParser(description="cis-monitor e2e proxy in front of moto")
    ap.add_argument("--listen", default="127.0.0.1:0", help="HOST:PORT to listen on (port 0 = pick a free one)")
    ap.add_argument("--upstream", required=True, help="moto's base URL, e.g. http://127.0.0.1:5000")
    ap.add_argument("--ready-file", help="write the bound port here once listening")
    ap.add_argument("--verbose", action="store_true", help="log every request to stderr")
    args = ap.parse_args(argv)

    up = urllib.parse.urlsplit(args.upstream)
    if up.scheme != "http" or not up.hostname:
        ap.error("--upstream must be http://HOST:PORT")
    UPSTREAM = (up.hostname, up.port or 80)
    host, _, port = args.listen.rpartition(":")
    if host not in ("127.0.0.1", "localhost", "::1"):
        ap.error("--listen must be a loopback address")
    Handler.verbose = args.verbose

    server = Server((host, int(port)), Handler)
    bound = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    thread.start()

    def stop(signum, frame):
        STATE.shutdown.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if args.ready_file:
        with open(args.ready_file, "w") as fh:
            fh.write(str(bound))
    print(f"proxy listening on http://{host}:{bound} -> {args.upstream}", flush=True)
    while not STATE.shutdown.wait(1.0):
        pass
    server.shutdown()
    server.server_close()
    print("proxy stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
