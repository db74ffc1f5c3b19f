//! Geoparses a JSON Lines file of `{"id", "text"}` records (such as the GeoVirus set)
//! and prints `{"id", "places": [{"name", "lat", "lon", "mentions"}]}` per record, for
//! `score-geo`.
//!
//! usage: cargo run --release -p dateline-geo --example geo_eval -- IN.jsonl > out.jsonl

use std::io::{BufRead, Write};

use dateline_core::Doc;
use dateline_dict::Lexicon;
use dateline_geo::{Gazetteer, Geocoder};
use serde_json::{json, Value};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: geo_eval IN.jsonl");
        std::process::exit(2);
    };
    let lex = match Lexicon::builtin() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("dictionaries: {e}");
            std::process::exit(1);
        }
    };
    let gaz = match Gazetteer::open_default() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("gazetteer: {e}");
            None
        }
    };
    if gaz.is_none() {
        eprintln!("{}", dateline_geo::missing_index_note(&Gazetteer::default_dir()));
    }
    let nlp = dateline_nlp::Analyzer::new(std::sync::Arc::new(lex.clone()));
    let geo = Geocoder::new(&lex, gaz.map(std::sync::Arc::new));
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let t = std::time::Instant::now();
    let (mut n, mut t_nlp, mut t_geo) = (0usize, 0f64, 0f64);
    let out = std::io::stdout();
    let mut out = out.lock();
    for line in std::io::BufReader::new(file).lines() {
        let Ok(line) = line else { break };
        let Ok(rec) = serde_json::from_str::<Value>(&line) else { continue };
        let id = rec.get("id").and_then(Value::as_str).unwrap_or("").to_string();
        let text = rec.get("text").and_then(Value::as_str).unwrap_or("").to_string();
        let mut doc = Doc::new(id.clone(), text);
        let t0 = std::time::Instant::now();
        nlp.analyze(&mut doc);
        let t1 = std::time::Instant::now();
        geo.annotate(&mut doc);
        t_nlp += (t1 - t0).as_secs_f64();
        t_geo += t1.elapsed().as_secs_f64();
        n += 1;
        let places: Vec<Value> = doc
            .places
            .iter()
            .map(|p| {
                json!({"name": p.name, "country": p.country, "admin1": p.admin1, "lat": p.lat, "lon": p.lon,
                       "precision": p.precision.as_str(), "why": p.why,
                       "mentions": p.mentions.iter().map(|m| [m.start, m.end]).collect::<Vec<_>>()})
            })
            .collect();
        let _ = writeln!(out, "{}", json!({"id": id, "places": places}));
    }
    eprintln!(
        "{n} documents in {:.2} s: nlp {:.1} ms, geo {:.1} ms ({:.0}% of nlp)",
        t.elapsed().as_secs_f64(),
        t_nlp * 1e3,
        t_geo * 1e3,
        if t_nlp > 0.0 { 100.0 * t_geo / t_nlp } else { 0.0 }
    );
}
