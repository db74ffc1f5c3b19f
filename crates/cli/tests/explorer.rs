//! `dateline serve` end to end: the demo corpus ingested by the binary, the server
//! started by the binary on a free port, and the page driven in a real browser
//! (Debian's chromium, headless, through playwright-core: `tests/browser/explorer.mjs`).
//! Screenshots go to `target/explorer-screenshots/` as test artefacts.
//!
//! Needs `scripts/setup-browser`; without it the browser test skips with a message,
//! unless `DATELINE_REQUIRE_BROWSER` is set (CI sets it once the setup succeeded).

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use common::{bin, root};

/// A server process, stopped when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn temp(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dateline-explorer-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn ingest_demo(db: &Path) {
    let out = Command::new(bin())
        .args(["ingest", "--db"])
        .arg(db)
        .arg("examples")
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success(), "ingest: {}", String::from_utf8_lossy(&out.stderr));
}

/// Starts `dateline serve --addr 127.0.0.1:0` and reads the address it bound.
fn serve(db: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(bin())
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(db)
        .args(extra)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap_or_else(|e| panic!("{e}"));
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server { child, url }
}

fn http_get(url: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let rest = url.trim_start_matches("http://");
    let (host, path) = rest.split_once('/').map_or((rest, "/".to_string()), |(h, p)| (h, format!("/{p}")));
    let mut s = std::net::TcpStream::connect(host).unwrap_or_else(|e| panic!("{e}"));
    write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap_or_else(|e| panic!("{e}"));
    let mut raw = String::new();
    let _ = s.read_to_string(&mut raw);
    let status = raw.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, raw.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default())
}

#[test]
fn serve_answers_on_loopback_and_refuses_a_missing_database() {
    let dir = temp("cli");
    let db = dir.join("demo.db");
    ingest_demo(&db);
    let server = serve(&db, &[]);
    assert!(server.url.starts_with("http://127.0.0.1:"), "{}", server.url);
    let (status, body) = http_get(&format!("{}api/status", server.url));
    assert_eq!(status, 200, "{body}");
    let status_json: serde_json::Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
    assert!(status_json["documents"].as_i64().is_some_and(|n| n >= 14), "{body}");
    let (status, body) = http_get(&format!("{}api/events?limit=100000&from=2024-02-30", server.url));
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("\"param\":\"from\""), "{body}");
    drop(server);

    let out = Command::new(bin())
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(dir.join("absent.db"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("absent.db"), "{err}");
}

/// What the browser test needs: node, chromium and playwright-core.
fn browser_setup() -> Option<(PathBuf, PathBuf)> {
    let playwright = root().join("target/browser");
    let chromium =
        std::env::var_os("CHROMIUM").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    let ready = node && chromium.exists() && playwright.join("node_modules/playwright-core/package.json").exists();
    if ready {
        return Some((playwright, chromium));
    }
    assert!(
        std::env::var_os("DATELINE_REQUIRE_BROWSER").is_none(),
        "the browser test must run here, but node, {} or playwright-core is missing (scripts/setup-browser)",
        chromium.display()
    );
    eprintln!(
        "skipping the browser test: node, chromium or playwright-core is missing (scripts/setup-browser installs them)"
    );
    None
}

#[test]
fn the_explorer_in_a_real_browser() {
    let Some((playwright, chromium)) = browser_setup() else { return };
    let dir = temp("browser");
    let db = dir.join("demo.db");
    ingest_demo(&db);
    let server = serve(&db, &[]);
    let shots = root().join("target/explorer-screenshots");
    let mut cmd = Command::new("node");
    cmd.arg(root().join("crates/cli/tests/browser/explorer.mjs"))
        .arg(&server.url)
        .arg(&shots)
        .arg(&playwright)
        .arg(&chromium);
    if root().join("data/gazetteer/basemap.geojson").exists() {
        cmd.env("DATELINE_EXPECT_BASEMAP", "1");
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("{e}"));
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    eprintln!("{report}");
    assert!(out.status.success(), "the browser test failed:\n{report}");
}
