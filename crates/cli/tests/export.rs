//! End to end over the exports: the demo corpus ingested, then written as GDELT's
//! events and mentions tables, CSV, JSON Lines and Parquet, each checked against the
//! store's own query and against GDELT's layout.

mod common;
use common::*;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn ok(args: &[&str]) -> String {
    let o = run(args, None);
    assert!(o.status.success(), "dateline {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The demo corpus ingested once for all the tests of this file.
fn db() -> &'static Path {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("dateline-export-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let db = dir.join("demo.db");
        ok(&["ingest", "--db", &db.display().to_string(), "examples"]);
        db
    })
}

fn export(format: &str, extra: &[&str]) -> String {
    let mut args = vec!["export", "--db", db().to_str().unwrap_or_default(), "--format", format, "--out", "-"];
    args.extend_from_slice(extra);
    ok(&args)
}

fn tsv(text: &str) -> Vec<Vec<String>> {
    text.lines().map(|l| l.split('\t').map(str::to_string).collect()).collect()
}

fn stored_events(extra: &[&str]) -> usize {
    let mut args = vec!["query", "--db", db().to_str().unwrap_or_default(), "events"];
    args.extend_from_slice(extra);
    ok(&args).lines().count()
}

#[test]
fn gdelt_events_have_gdelts_61_columns() {
    let rows = tsv(&export("gdelt-events", &[]));
    assert!(rows.len() > 20, "the demo corpus tells events");
    assert_eq!(rows.len(), stored_events(&[]), "one row per stored event");
    for r in &rows {
        assert_eq!(r.len(), 61, "{r:?}");
        let (sqldate, code, base, root) = (&r[1], &r[26], &r[27], &r[28]);
        assert!(sqldate.len() == 8 && sqldate.bytes().all(|b| b.is_ascii_digit()), "SQLDATE {sqldate}");
        assert_eq!(&r[2], &sqldate[..6], "MonthYear");
        assert_eq!(&r[3], &sqldate[..4], "Year");
        assert!(code.starts_with(base.as_str()) && base.len() == 3.min(code.len()), "EventBaseCode {base} of {code}");
        assert!(code.starts_with(root.as_str()) && root.len() == 2, "EventRootCode {root} of {code}");
        assert!(["1", "2", "3", "4"].contains(&r[29].as_str()), "QuadClass {}", r[29]);
        assert!(r[30].parse::<f64>().is_ok_and(|g| (-10.0..=10.0).contains(&g)), "Goldstein {}", r[30]);
        assert!(r[31].parse::<u32>().is_ok_and(|n| n >= 1), "NumMentions");
        assert_eq!(r[59].len(), 14, "DATEADDED is YYYYMMDDHHMMSS");
        assert!(!r[60].is_empty(), "SOURCEURL");
    }
}

/// CAMEO's facts: code -> (Goldstein, QuadClass), from `../shared/ref`.
fn cameo_facts() -> Option<HashMap<String, (f64, String)>> {
    let text = std::fs::read_to_string(shared()?.join("ref/cameo_events.tsv")).ok()?;
    Some(
        text.lines()
            .skip(1)
            .filter_map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                Some((f.first()?.to_string(), (f.get(2)?.parse().ok()?, f.get(3)?.to_string())))
            })
            .collect(),
    )
}

#[test]
fn quad_class_and_goldstein_are_cameos() {
    let Some(facts) = cameo_facts() else { return };
    for r in tsv(&export("gdelt-events", &[])) {
        let Some((goldstein, quad)) = facts.get(&r[26]) else { panic!("{} is not a CAMEO code", r[26]) };
        assert_eq!(&r[29], quad, "QuadClass of {}", r[26]);
        assert!(
            (r[30].parse::<f64>().unwrap_or(f64::NAN) - goldstein).abs() < 1e-9,
            "Goldstein of {}: {}",
            r[26],
            r[30]
        );
    }
}

/// Documents of the full model by record id.
fn documents() -> HashMap<String, serde_json::Value> {
    export("jsonl", &[])
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap_or_else(|e| panic!("{e}")))
        .map(|d| (d["id"].as_str().unwrap_or("").to_string(), d))
        .collect()
}

fn byte_of_char(text: &str, c: usize) -> usize {
    text.char_indices().nth(c).map_or(text.len(), |(b, _)| b)
}

#[test]
fn gdelt_mentions_point_into_the_text() {
    let rows = tsv(&export("gdelt-mentions", &[]));
    let docs = documents();
    let events: std::collections::HashSet<String> =
        tsv(&export("gdelt-events", &[])).into_iter().map(|r| r[0].clone()).collect();
    assert!(rows.len() >= events.len(), "every event has a mention");
    for r in &rows {
        assert_eq!(r.len(), 16, "{r:?}");
        assert!(events.contains(&r[0]), "GLOBALEVENTID {} is an event", r[0]);
        let d = &docs[&r[5]];
        let text = d["text"].as_str().unwrap_or("");
        assert_eq!(r[12], text.chars().count().to_string(), "MentionDocLen in characters");
        let action: usize = r[9].parse().unwrap_or(usize::MAX);
        assert!(action < text.chars().count(), "ActionCharOffset inside the document");
        let at = byte_of_char(text, action) as u64;
        let starts: Vec<u64> =
            d["events"].as_array().into_iter().flatten().filter_map(|e| e["word_spans"][0][0].as_u64()).collect();
        assert!(starts.contains(&at), "ActionCharOffset {action} is the first word of an event of {}", r[5]);
        for actor in [&r[7], &r[8]] {
            let n: i64 = actor.parse().unwrap_or(-2);
            assert!(n >= -1 && n < text.chars().count() as i64, "actor offset {n}");
        }
    }
}

#[test]
fn csv_has_a_header_and_a_row_per_event() {
    let text = export("csv", &[]);
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let header = rd.headers().unwrap_or_else(|e| panic!("{e}")).clone();
    assert_eq!(header.get(0), Some("GLOBALEVENTID"));
    assert_eq!(header.get(60), Some("SOURCEURL"));
    assert!(header.iter().any(|h| h == "Evidence"), "readable columns after GDELT's");
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect();
    assert_eq!(rows.len(), stored_events(&[]));
    assert!(rows.iter().all(|r| r.len() == header.len()));
}

#[test]
fn jsonl_is_the_full_model() {
    let docs = documents();
    assert_eq!(docs.len(), 20, "every demo story");
    for d in docs.values() {
        assert_eq!(d["schema_version"], 1);
        assert!(d["text"].is_string() && d["dict_version"].is_string());
    }
}

#[test]
fn filters_are_the_querys() {
    let rows = tsv(&export("gdelt-events", &["--root", "05"]));
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r[28] == "05"));
    assert_eq!(rows.len(), stored_events(&["--root", "05"]));
    let o = run(
        &["export", "--db", db().to_str().unwrap_or_default(), "--format", "csv", "--out", "-", "--quad-class", "7"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("quad"), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&["export", "--db", db().to_str().unwrap_or_default(), "--format", "xml", "--out", "-"], None);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("gdelt-events"));
}

#[test]
fn parquet_tables_read_back() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let dir = db().with_file_name("parquet");
    ok(&[
        "export",
        "--db",
        db().to_str().unwrap_or_default(),
        "--format",
        "parquet",
        "--out",
        dir.to_str().unwrap_or_default(),
    ]);
    let rows = |name: &str| {
        let f = std::fs::File::open(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let r = SerializedFileReader::new(f).unwrap_or_else(|e| panic!("{name}: {e}"));
        let schema = r.metadata().file_metadata().schema_descr().num_columns();
        (r.metadata().file_metadata().num_rows() as usize, schema)
    };
    assert_eq!(rows("events.parquet"), (stored_events(&[]), 70));
    assert_eq!(rows("mentions.parquet").0, tsv(&export("gdelt-mentions", &[])).len());
    assert!(rows("documents.parquet").0 >= 1);
}
