//! Shared e2e helpers: the moto + proxy environment, scenario building, the CLI runner.
//!
//! The environment comes from `scripts/test.sh` (tests/e2e/harness.py): without
//! `CIS_E2E_PROXY` an e2e test prints a notice and passes, unless
//! `CIS_E2E_REQUIRED=1`, where it fails. Every e2e test holds [`E2e::lock`]
//! (an OS file lock, so it also serialises separate test processes such as
//! nextest's) from its reset to its last request.

#![allow(dead_code)]

use std::fs::File;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The running e2e environment.
pub struct E2e {
    /// `http://127.0.0.1:PORT` of the proxy (also `AWS_ENDPOINT_URL`).
    pub proxy: String,
    /// `http://127.0.0.1:PORT` of moto.
    pub moto: String,
    /// The venv Python that runs tests/e2e/accounts.py.
    pub python: String,
    /// Path of tests/e2e/accounts.py.
    pub accounts: String,
    _lock: File,
}

/// What a run of the binary produced.
#[derive(Debug)]
pub struct CliRun {
    /// Exit code; `None` when killed by a signal or by the timeout.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
    pub timed_out: bool,
}

impl E2e {
    /// The environment, locked and reset; `None` (after a notice) to skip.
    /// Panics when `CIS_E2E_REQUIRED=1` and the environment is missing.
    pub fn start(test: &str) -> Option<E2e> {
        let Ok(proxy) = std::env::var("CIS_E2E_PROXY") else {
            if std::env::var("CIS_E2E_REQUIRED").as_deref() == Ok("1") {
                panic!(
                    "{test}: CIS_E2E_REQUIRED=1 but CIS_E2E_PROXY is not set; run scripts/test.sh"
                );
            }
            eprintln!("{test}: skipped (no e2e environment; run scripts/test.sh)");
            return None;
        };
        let proxy = proxy.trim_end_matches('/').to_string();
        let moto = std::env::var("CIS_E2E_MOTO")
            .expect("CIS_E2E_MOTO must be set with CIS_E2E_PROXY")
            .trim_end_matches('/')
            .to_string();
        let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let python = std::env::var("CIS_E2E_PYTHON")
            .unwrap_or_else(|_| repo.join(".venv/bin/python").to_string_lossy().into_owned());
        let accounts = std::env::var("CIS_E2E_ACCOUNTS").unwrap_or_else(|_| {
            repo.join("tests/e2e/accounts.py")
                .to_string_lossy()
                .into_owned()
        });
        let lock_path = std::env::temp_dir().join(format!(
            "cis-monitor-e2e-{}.lock",
            proxy.rsplit(':').next().unwrap_or("proxy")
        ));
        let lock = File::create(&lock_path).expect("create the e2e lock file");
        lock.lock().expect("take the e2e lock");
        let e2e = E2e {
            proxy,
            moto,
            python,
            accounts,
            _lock: lock,
        };
        e2e.reset();
        Some(e2e)
    }

    /// Empty moto and the proxy (config, page cache, call record).
    pub fn reset(&self) {
        let (status, body) = http(&self.moto, "POST", "/moto-api/reset", "");
        assert!(status < 300, "moto reset: {status} {body}");
        let (status, body) = http(&self.proxy, "POST", "/_proxy/reset", "");
        assert!(status < 300, "proxy reset: {status} {body}");
    }

    /// Replace the proxy's config (page sizes, pending topics, faults, ...).
    pub fn proxy_config(&self, config: serde_json::Value) {
        let (status, body) = http(&self.proxy, "POST", "/_proxy/config", &config.to_string());
        assert!(status < 300, "proxy config {config}: {status} {body}");
    }

    /// Forget the calls recorded so far (e.g. the scenario building).
    pub fn clear_calls(&self) {
        let (status, body) = http(&self.proxy, "POST", "/_proxy/calls/clear", "");
        assert!(status < 300, "proxy calls/clear: {status} {body}");
    }

    /// The calls the proxy recorded.
    pub fn calls(&self) -> Vec<serde_json::Value> {
        let (status, body) = http(&self.proxy, "GET", "/_proxy/calls", "");
        assert!(status < 300, "proxy calls: {status} {body}");
        let v: serde_json::Value = serde_json::from_str(&body).expect("calls are JSON");
        v["calls"].as_array().cloned().unwrap_or_default()
    }

    /// Build a scenario with tests/e2e/accounts.py (given the binary as
    /// `CIS_MONITOR_BIN`, for the catalogue); returns its stdout
    /// (parsed as JSON when it is JSON, else as a string).
    pub fn build(&self, scenario: &str, args: &[&str]) -> serde_json::Value {
        let out = Command::new(&self.python)
            .arg(&self.accounts)
            .arg(scenario)
            .args(args)
            .env("CIS_MONITOR_BIN", env!("CARGO_BIN_EXE_cis-monitor"))
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("run {} {}: {e}", self.python, self.accounts));
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "accounts.py {scenario} {args:?} failed ({}):\n{}\n{}",
            out.status,
            stdout,
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_str(&stdout).unwrap_or(serde_json::Value::String(stdout))
    }

    /// Run the cis-monitor binary against the environment (inherits the
    /// harness's AWS_* variables), killed after `timeout`.
    pub fn run_cli(&self, args: &[&str], timeout: Duration) -> CliRun {
        let mut cmd = cli_command();
        cmd.args(args);
        run(cmd, timeout)
    }
}

/// A `Command` for the cis-monitor binary.
pub fn cli_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cis-monitor"));
    cmd.stdin(Stdio::null());
    cmd
}

/// Run `cmd` to completion or until `timeout` (then kill it).
pub fn run(mut cmd: Command, timeout: Duration) -> CliRun {
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn cis-monitor");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for cis-monitor") {
            break Some(status);
        }
        if start.elapsed() > timeout {
            timed_out = true;
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    CliRun {
        code: status.and_then(|s| s.code()),
        stdout: out_reader.join().unwrap_or_default(),
        stderr: err_reader.join().unwrap_or_default(),
        elapsed: start.elapsed(),
        timed_out,
    }
}

/// A minimal HTTP/1.1 request (the control APIs are plain HTTP on loopback).
pub fn http(base: &str, method: &str, path: &str, body: &str) -> (u16, String) {
    let host = base
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let mut stream = TcpStream::connect(&host).unwrap_or_else(|e| panic!("connect to {host}: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("set timeout");
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("send request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, rest) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(rest)
    } else {
        rest.to_string()
    };
    (status, body)
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}
