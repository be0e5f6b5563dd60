#!/usr/bin/env python3
"""Run a command inside the cis-monitor end-to-end environment.

    python tests/e2e/harness.py [--keep-logs DIR] -- COMMAND [ARGS...]

Starts moto (`moto.server`) and the test proxy (tests/e2e/proxy.py) in front of it, both on
127.0.0.1 with free ports, waits until both answer, runs COMMAND with the environment below,
stops both servers (also on Ctrl-C or an error) and exits with COMMAND's exit code.

Environment given to COMMAND:
  CIS_E2E_PROXY      http://127.0.0.1:PORT of the proxy (the endpoint the tool under test uses)
  CIS_E2E_MOTO       http://127.0.0.1:PORT of moto (scenario building may go straight to it)
  CIS_E2E_PYTHON     this venv's Python (runs tests/e2e/accounts.py)
  CIS_E2E_ACCOUNTS   path of tests/e2e/accounts.py
  CIS_E2E_REQUIRED   1: an e2e test fails instead of skipping when the environment is missing
  AWS_ENDPOINT_URL   the proxy; AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_REGION: moto's
                     test values; AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE: empty files, so
                     no profile of the developer's leaks in; AWS_EC2_METADATA_DISABLED=true.
Server logs go to a temporary directory, printed (tail) when COMMAND fails.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited early with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status < 500:
                    return
        except Exception:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer {url} within {timeout:.0f} s")


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def stop(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep-logs", help="write the server logs into this directory")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        ap.error("no COMMAND given (harness.py -- COMMAND ...)")

    logdir = Path(args.keep_logs) if args.keep_logs else Path(tempfile.mkdtemp(prefix="cis-e2e-"))
    logdir.mkdir(parents=True, exist_ok=True)
    moto_log, proxy_log = logdir / "moto.log", logdir / "proxy.log"
    moto = proxy = None
    try:
        moto_port = free_port()
        moto_url = f"http://127.0.0.1:{moto_port}"
        moto = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(moto_port)],
            stdout=moto_log.open("w"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
        wait_http(f"{moto_url}/moto-api/", moto, "moto")

        ready = logdir / "proxy.port"
        ready.unlink(missing_ok=True)
        proxy = subprocess.Popen(
            [sys.executable, str(HERE / "proxy.py"), "--listen", "127.0.0.1:0",
             "--upstream", moto_url, "--ready-file", str(ready)],
            stdout=proxy_log.open("w"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while not (ready.exists() and ready.read_text().strip()):
            if proxy.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"proxy did not start:\n{tail(proxy_log)}")
            time.sleep(0.1)
        proxy_url = f"http://127.0.0.1:{ready.read_text().strip()}"
        wait_http(f"{proxy_url}/_proxy/health", proxy, "proxy")

        empty = logdir / "aws-empty"
        empty.write_text("")
        env = dict(os.environ)
        for key in list(env):
            if key.startswith("AWS_"):
                del env[key]
        env.update({
            "CIS_E2E_PROXY": proxy_url,
            "CIS_E2E_MOTO": moto_url,
            "CIS_E2E_PYTHON": sys.executable,
            "CIS_E2E_ACCOUNTS": str(HERE / "accounts.py"),
            "CIS_E2E_REQUIRED": "1",
            "AWS_ENDPOINT_URL": proxy_url,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_REGION": "us-east-1",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_CONFIG_FILE": str(empty),
            "AWS_SHARED_CREDENTIALS_FILE": str(empty),
            "AWS_EC2_METADATA_DISABLED": "true",
        })
        print(f"e2e: moto {moto_url}, proxy {proxy_url}, logs {logdir}", flush=True)
        code = subprocess.call(command, env=env)
        if code != 0:
            print(f"e2e: command exited {code}; last proxy log lines:\n{tail(proxy_log)}", file=sys.stderr)
        return code
    except KeyboardInterrupt:
        return 130
    except RuntimeError as err:
        print(f"e2e: {err}\nmoto log:\n{tail(moto_log)}", file=sys.stderr)
        return 1
    finally:
        stop(proxy)
        stop(moto)


if __name__ == "__main__":
    sys.exit(main())
