//! Measures the near-duplicate threshold: how similar a story is to copies of itself
//! republished with other furniture, a new headline and small edits, and how similar
//! distinct stories are to each other.
//!
//! ```sh
//! cargo run --release -p dateline-store --example near_dup_eval -- \
//!   ../shared/bench/geo/geovirus.jsonl ../shared/bench/geo/geowebnews.jsonl \
//!   ../shared/bench/article-extraction/ground-truth.json ../shared/bench/article-extraction-wcxb-dev/ground-truth.json
//! ```
//! Inputs: JSON Lines with `text`, or a JSON object of `{"articleBody": ...}` records.

use dateline_store::minhash::{Signature, THRESHOLD};

/// Furniture a site puts around a story (written for this measurement).
const FURNITURE: &[&str] = &[
    "Home | News | World | Business | Sport | Opinion",
    "Share this article on Facebook Twitter Email",
    "Sign up for our morning newsletter and get the day's top stories in your inbox.",
    "Copyright 2024. All rights reserved.",
    "Related: more stories from this section",
    "Advertisement",
    "Read more: latest headlines",
    "Follow us for breaking news alerts and updates from around the region.",
    "This story has been updated with additional reporting.",
    "Comments are closed for this article.",
];

/// Thresholds to report.
const CUTS: &[f64] = &[0.15, 0.2, 0.25, 0.3, 0.4, 0.5];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn texts(path: &str) -> Vec<String> {
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    if path.ends_with(".jsonl") {
        return raw
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect();
    }
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap_or_else(|e| panic!("{path}: {e}"));
    v.as_object()
        .map(|o| o.values().filter_map(|r| r["articleBody"].as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// A republished copy: furniture before and after, another headline, a few words
/// changed or dropped, whitespace reflowed, sometimes the last paragraphs cut.
fn variant(text: &str, rng: &mut Rng, edit_rate: usize, cut: bool) -> String {
    let mut out = String::new();
    for _ in 0..1 + rng.below(3) {
        out.push_str(FURNITURE[rng.below(FURNITURE.len())]);
        out.push('\n');
    }
    out.push_str("A different headline for the same report\n\n");
    let words: Vec<&str> = text.split_whitespace().collect();
    let keep = if cut { words.len() * 4 / 5 } else { words.len() };
    for (i, w) in words.iter().take(keep).enumerate() {
        match rng.below(1000) {
            r if r < edit_rate => continue,
            r if r < 2 * edit_rate => out.push_str("changed"),
            _ => out.push_str(w),
        }
        out.push(if i % 40 == 39 { '\n' } else { ' ' });
    }
    for _ in 0..1 + rng.below(4) {
        out.push('\n');
        out.push_str(FURNITURE[rng.below(FURNITURE.len())]);
    }
    out
}

fn quantiles(mut v: Vec<f64>, qs: &[f64]) -> String {
    v.sort_by(|a, b| a.total_cmp(b));
    qs.iter().map(|q| format!("q{q}={:.3}", v[((v.len() - 1) as f64 * q) as usize])).collect::<Vec<_>>().join(" ")
}

fn main() {
    let docs: Vec<String> =
        std::env::args().skip(1).flat_map(|p| texts(&p)).filter(|t| t.split_whitespace().count() >= 30).collect();
    let t = std::time::Instant::now();
    let mut sigs: Vec<Signature> = Vec::new();
    for _ in 0..10 {
        sigs = docs.iter().filter_map(|t| Signature::of(t)).collect();
    }
    let mb = docs.iter().map(|d| d.len()).sum::<usize>() as f64 * 10.0 / (1 << 20) as f64;
    println!("{} stories of 30 words or more; signatures at {:.0} MB/s", sigs.len(), mb / t.elapsed().as_secs_f64());
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for (label, rate, cut) in [
        ("furniture, headline, 1% words edited", 5, false),
        ("same, 4% edited", 20, false),
        ("same, 4% edited, last fifth cut", 20, true),
        ("same, 10% edited, cut", 50, true),
    ] {
        let sims: Vec<f64> = docs
            .iter()
            .zip(&sigs)
            .filter_map(|(t, s)| Signature::of(&variant(t, &mut rng, rate, cut)).map(|v| s.similarity(&v)))
            .collect();
        let missed: Vec<String> =
            CUTS.iter().map(|c| format!("{}<{c}", sims.iter().filter(|&&x| x < *c).count())).collect();
        println!(
            "copies ({label}), of {}: missed {}; {}",
            sims.len(),
            missed.join(" "),
            quantiles(sims, &[0.0, 0.01, 0.05, 0.5])
        );
    }
    let mut pairs = Vec::new();
    for i in 0..sigs.len() {
        for j in i + 1..sigs.len() {
            pairs.push(sigs[i].similarity(&sigs[j]));
        }
    }
    let over: Vec<String> =
        CUTS.iter().map(|c| format!("{}>={c}", pairs.iter().filter(|&&x| x >= *c).count())).collect();
    println!(
        "distinct pairs, of {}: joined {}; {}",
        pairs.len(),
        over.join(" "),
        quantiles(pairs, &[0.5, 0.999, 0.9999, 1.0])
    );
    println!("threshold in use: {THRESHOLD}");
}
