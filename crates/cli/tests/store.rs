//! End to end over the database: ingest twice, stories of republished reports, a
//! killed ingest resumed, re-coding after a dictionary change, query from the shell.

mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn temp(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dateline-e2e-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn ok(args: &[&str]) -> String {
    let o = run(args, None);
    assert!(o.status.success(), "dateline {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn status(db: &Path) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(&ok(&["status", "--db", &db.display().to_string(), "--json"]))
        .unwrap_or_else(|e| panic!("{e}"));
    // When the coding started is the only thing two equal runs may differ in.
    if let Some(c) = v.get_mut("coding").and_then(|c| c.as_object_mut()) {
        c.remove("started_at");
    }
    v
}

fn query(db: &Path, what: &str) -> Vec<serde_json::Value> {
    ok(&["query", "--db", &db.display().to_string(), what])
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
            if let Some(o) = v.as_object_mut() {
                // When a row was stored (or its event first seen) differs between runs.
                o.remove("ingested_at");
                o.remove("event_added");
            }
            v
        })
        .collect()
}

/// Writes `records` as JSON Lines.
fn write_jsonl(path: &Path, records: &[(String, String)]) {
    let lines: String = records
        .iter()
        .map(|(id, text)| format!("{}\n", serde_json::json!({"id": id, "text": text, "date": "2024-05-02"})))
        .collect();
    std::fs::write(path, lines).unwrap_or_else(|e| panic!("{e}"));
}

/// The demo stories (their texts).
fn demo_texts() -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{e}"))).collect()
}

#[test]
fn ingesting_the_same_inputs_again_stores_nothing() {
    let dir = temp("again");
    let db = dir.join("x.db");
    let dbs = db.display().to_string();
    let mut inputs = vec!["examples".to_string()];
    if let Some(shared) = shared() {
        inputs.push(shared.join("seed/article.txt").display().to_string());
        inputs.push(shared.join("bench/events/plover-gsr.dev.jsonl").display().to_string());
    }
    let args = |extra: &[String]| -> Vec<String> {
        ["ingest", "--db", &dbs, "--no-gazetteer"].iter().map(|s| s.to_string()).chain(extra.iter().cloned()).collect()
    };
    let first = ok(&args(&inputs).iter().map(String::as_str).collect::<Vec<_>>());
    let before = status(&db);
    let second = ok(&args(&inputs).iter().map(String::as_str).collect::<Vec<_>>());
    assert!(second.contains(" 0 new,"), "{second}");
    assert!(!first.contains(" 0 new,"), "{first}");
    assert_eq!(before, status(&db));
    for key in ["documents", "stories", "events", "schema_version"] {
        assert!(before.get(key).is_some(), "status lacks {key}: {before}");
    }
    assert!(before["events"].as_i64() > Some(0));
}

#[test]
fn republished_reports_make_one_story_each() {
    let dir = temp("stories");
    let db = dir.join("x.db");
    // Fifty stories where the shared news sets are at hand, the demo stories elsewhere.
    let texts: Vec<String> = match shared() {
        Some(s) => std::fs::read_to_string(s.join("bench/geo/geovirus.jsonl"))
            .unwrap_or_else(|e| panic!("{e}"))
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .take(50)
            .collect(),
        None => demo_texts(),
    };
    let n = texts.len();
    let originals: Vec<(String, String)> =
        texts.iter().enumerate().map(|(i, t)| (format!("a{i}"), t.clone())).collect();
    let copies: Vec<(String, String)> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (
                format!("b{i}"),
                format!(
                    "Latest | Politics | World\n\n{}\n\nShare this story\nSubscribe to our newsletter\n",
                    t.replace(". ", ".\n")
                ),
            )
        })
        .collect();
    let (a, b) = (dir.join("a.jsonl"), dir.join("b.jsonl"));
    write_jsonl(&a, &originals);
    write_jsonl(&b, &copies);
    let dbs = db.display().to_string();
    ok(&["ingest", "--db", &dbs, "--no-gazetteer", &a.display().to_string(), &b.display().to_string()]);
    let s = status(&db);
    assert_eq!((s["documents"].as_u64(), s["stories"].as_u64()), (Some(2 * n as u64), Some(n as u64)), "{s}");
    let events = query(&db, "events");
    let both = events.iter().filter(|e| e["num_articles"] == 2).count();
    assert!(both > 0 && both * 10 >= events.len() * 8, "{both} of {} events found in both copies", events.len());
}

/// A corpus of distinct reports made of the demo stories' sentences, about `mb` MB.
fn mixed_corpus(path: &Path, mb: usize) -> usize {
    let sentences: Vec<String> = demo_texts()
        .iter()
        .flat_map(|t| {
            t.split(". ").map(str::trim).filter(|s| s.len() > 40).map(|s| format!("{s}.")).collect::<Vec<_>>()
        })
        .collect();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let (mut records, mut size) = (Vec::new(), 0);
    while size < mb << 20 {
        let body: Vec<&str> = (0..8).map(|_| sentences[(next() % sentences.len() as u64) as usize].as_str()).collect();
        let text = format!("Report {} from the region\n\n{}", records.len(), body.join(" "));
        size += text.len();
        records.push((format!("r{}", records.len()), text));
    }
    write_jsonl(path, &records);
    records.len()
}

fn ingest_cmd(db: &Path, corpus: &Path) -> Command {
    let mut c = Command::new(bin());
    c.args(["ingest", "--db", &db.display().to_string(), "--no-gazetteer", &corpus.display().to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

#[test]
fn a_killed_ingest_resumes_to_the_same_database() {
    let dir = temp("kill");
    let corpus = dir.join("corpus.jsonl");
    let records = mixed_corpus(&corpus, 1);
    let clean = dir.join("clean.db");
    let t = Instant::now();
    assert!(ingest_cmd(&clean, &corpus).status().unwrap_or_else(|e| panic!("{e}")).success());
    let whole = t.elapsed();
    let killed = dir.join("killed.db");
    let mut interrupted = 0;
    for share in [0.3, 0.6] {
        let mut child = ingest_cmd(&killed, &corpus).spawn().unwrap_or_else(|e| panic!("{e}"));
        std::thread::sleep(whole.mul_f64(share).max(Duration::from_millis(200)));
        // SIGKILL: no clean-up of any kind runs.
        let _ = child.kill();
        let _ = child.wait();
        let stored = status(&killed)["documents"].as_u64().unwrap_or(0) as usize;
        interrupted += usize::from(stored < records);
    }
    assert!(interrupted > 0, "no run was interrupted mid-way (the clean run took {whole:?})");
    assert!(ingest_cmd(&killed, &corpus).status().unwrap_or_else(|e| panic!("{e}")).success());
    assert_eq!(status(&clean), status(&killed));
    for what in ["documents", "events", "mentions"] {
        let (a, b) = (query(&clean, what), query(&killed, what));
        assert_eq!(a.len(), b.len(), "{what}");
        assert!(a == b, "{what} differ after the kills");
        let ids: std::collections::HashSet<_> = b.iter().map(|r| r["id"].as_i64()).collect();
        assert_eq!(ids.len(), b.len(), "{what} ids are not unique");
    }
}

#[test]
fn recode_after_a_dictionary_change() {
    let dir = temp("recode");
    let db = dir.join("x.db");
    let dbs = db.display().to_string();
    ok(&["ingest", "--db", &dbs, "--no-gazetteer", "examples"]);
    let before = status(&db);
    assert!(ok(&["recode", "--db", &dbs, "--no-gazetteer"]).contains("already coded"));
    // A user dictionary that teaches one more event pattern.
    let overlay = dir.join("dict");
    std::fs::create_dir_all(&overlay).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(overlay.join("verbs.txt"), "043 | rally support\n").unwrap_or_else(|e| panic!("{e}"));
    let said = ok(&["recode", "--db", &dbs, "--no-gazetteer", "--dict", &overlay.display().to_string()]);
    assert!(said.contains("re-coded"), "{said}");
    let after = status(&db);
    assert_ne!(before["coding"]["dict_version"], after["coding"]["dict_version"]);
    assert_eq!(before["documents"], after["documents"]);
    assert_eq!(after["dict_versions"].as_array().map(Vec::len), Some(1), "{after}");
    assert!(after["building"].is_null());
}

#[test]
fn query_formats_and_errors() {
    let dir = temp("query");
    let db = dir.join("x.db");
    let dbs = db.display().to_string();
    ok(&["ingest", "--db", &dbs, "--no-gazetteer", "examples"]);
    let table = ok(&["query", "--db", &dbs, "--format", "table", "--limit", "3"]);
    assert!(table.starts_with("id") && table.contains("(3 rows)"), "{table}");
    let csv = ok(&["query", "--db", &dbs, "--format", "csv", "--root", "19"]);
    let mut lines = csv.lines();
    assert!(lines.next().is_some_and(|h| h.starts_with("id,story,date,code")), "{csv}");
    assert!(lines.clone().count() > 0 && lines.all(|l| l.contains(",19,")), "{csv}");
    let docs = ok(&["query", "--db", &dbs, "documents", "--text", "drone"]);
    assert!(!docs.is_empty() && docs.lines().count() < 20, "{docs}");
    let o = run(&["query", "--db", &dbs, "--from", "2024-02-30"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("from:"), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&["status", "--db", &dir.join("none.db").display().to_string()], None);
    assert_eq!(o.status.code(), Some(2));
}
