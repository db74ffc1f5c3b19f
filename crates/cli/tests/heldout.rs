//! dateline's own held-out sentences (invented, gold in the PLOVER dev set's shape under
//! crates/code/tests/heldout/), scored at event type + country level as
//! `../shared/bin/score-events` scores them, so that the figure holds without ../shared.
mod common;
use common::*;

fn key(actor: &serde_json::Value) -> String {
    let s = |k: &str| actor[k].as_str().filter(|v| !v.is_empty()).map(str::to_string);
    s("country")
        .or_else(|| s("org"))
        .or_else(|| s("code").map(|c| c.chars().take(3).collect()))
        .unwrap_or_default()
        .to_uppercase()
}

fn same(gold: &str, actor: &serde_json::Value) -> bool {
    match gold {
        "*" => true,
        "IGO" => actor["org"].as_str().is_some() || actor["code"].as_str().is_some_and(|c| c.starts_with("IGO")),
        g => key(actor) == g,
    }
}

fn matches(g: &serde_json::Value, e: &serde_json::Value) -> bool {
    if e["plover"] != g["plover"] {
        return false;
    }
    let targets: Vec<&str> = g["alt_targets"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t.as_str())
        .chain(g["target"].as_str())
        .collect();
    let (gs, s, t) = (g["source"].as_str().unwrap_or(""), &e["source"], &e["target"]);
    (same(gs, s) && targets.iter().any(|x| same(x, t)))
        || (g["either_way"] == true && same(gs, t) && targets.iter().any(|x| same(x, s)))
}

/// (tp, fp, fn) of the system's events against the gold file.
fn score(path: &str) -> (usize, usize, usize) {
    let gold: Vec<serde_json::Value> = std::fs::read_to_string(root().join(path))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let out = run(&["extract", path], None);
    let system = docs(&out);
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (g, d) in gold.iter().zip(&system) {
        assert_eq!(g["id"], d["id"]);
        let events: Vec<&serde_json::Value> =
            d["events"].as_array().into_iter().flatten().filter(|e| e["negated"] != true).collect();
        let mut used = vec![false; events.len()];
        for ge in g["events"].as_array().into_iter().flatten() {
            match (0..events.len()).find(|&i| !used[i] && matches(ge, events[i])) {
                Some(i) => {
                    used[i] = true;
                    tp += 1;
                }
                None => fn_ += 1,
            }
        }
        fp += used.iter().filter(|u| !**u).count();
    }
    (tp, fp, fn_)
}

fn f1((tp, fp, fn_): (usize, usize, usize)) -> f64 {
    2.0 * tp as f64 / (2 * tp + fp + fn_).max(1) as f64
}

#[test]
fn own_held_out_sentences() {
    let first = score("crates/code/tests/heldout/events.jsonl");
    let last = score("crates/code/tests/heldout/events-final.jsonl");
    eprintln!(
        "own held-out: events.jsonl {first:?} F1 {:.3}; events-final.jsonl {last:?} F1 {:.3}",
        f1(first),
        f1(last)
    );
    assert!(f1(first) >= 0.80, "events.jsonl F1 {:.3} {first:?}", f1(first));
}
