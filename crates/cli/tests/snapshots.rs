//! Snapshots of what dateline writes for the demo stories: any change to the coding
//! of the bundled corpus shows up as a reviewed diff (`cargo insta review`).

mod common;
use common::*;

#[test]
fn demo_corpus_events() {
    // Without the gazetteer, so the snapshot is the same on every machine.
    let o = run(&["extract", "--no-gazetteer", "examples"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary: Vec<String> = docs(&o)
        .iter()
        .map(|d| {
            format!(
                "{} | {} | {} | {}",
                d["id"].as_str().unwrap_or(""),
                d["title"].as_str().unwrap_or("-"),
                d["published"].as_str().unwrap_or("-"),
                events(d).join(", ")
            )
        })
        .collect();
    insta::assert_snapshot!(summary.join("\n"));
}
