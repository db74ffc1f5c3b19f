#![allow(dead_code)]
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_dateline"))
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` beside the checkout, when present.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    if p.join("seed/article.txt").exists() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared is absent");
        None
    }
}

/// Whether the binary finds a place index (`$DATELINE_DATA/gazetteer` or the checkout's
/// `data/gazetteer`); says so when it does not, for a test that needs it to skip.
pub fn has_gazetteer() -> bool {
    let env = std::env::var_os("DATELINE_DATA").map(PathBuf::from);
    let found = env.iter().chain([root().join("data")].iter()).any(|d| d.join("gazetteer").is_dir());
    if !found {
        eprintln!("skipping: no place index (scripts/setup-gazetteer.sh builds one)");
    }
    found
}

pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(bin());
    cmd.args(args).current_dir(root());
    if let Some(input) = stdin {
        use std::io::Write;
        cmd.stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().unwrap_or_else(|e| panic!("spawn: {e}"));
        if let Some(mut si) = child.stdin.take() {
            let _ = si.write_all(input);
        }
        return child.wait_with_output().unwrap_or_else(|e| panic!("wait: {e}"));
    }
    cmd.output().unwrap_or_else(|e| panic!("run dateline: {e}"))
}

pub fn docs(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {e}: {l}")))
        .collect()
}

/// Events as compact strings: "057 RUSGOV->KGZGOV".
pub fn events(doc: &serde_json::Value) -> Vec<String> {
    doc["events"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    format!(
                        "{} {}->{}{}",
                        e["code"].as_str().unwrap_or(""),
                        e["source"]["code"].as_str().unwrap_or("-"),
                        e["target"]["code"].as_str().unwrap_or("-"),
                        if e["negated"].as_bool() == Some(true) { " negated" } else { "" }
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}
