//! Article extraction benchmark driver: reads every file of a directory through
//! `read_input` and prints one JSON line per page in the form `score-extraction`
//! reads (`id`, `text`, `title`, `published`), then the speed to standard error.
//!
//! ```text
//! cargo run --release -p dateline-ingest --example extract_bench -- DIR > out.jsonl
//! python3 score-extraction ground-truth.json out.jsonl
//! ```
//!
//! Files are read into memory first so that the time measured is decompression plus
//! extraction, not the disk. `--repeat N` runs the extraction N times for steadier timing.

use std::io::Write;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::time::Instant;

use dateline_ingest::{expand_inputs, read_bytes, ReadOptions};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut repeat = 1usize;
    if let Some(i) = args.iter().position(|a| a == "--repeat") {
        repeat = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(1).max(1);
        args.drain(i..(i + 2).min(args.len()));
    }
    let Some(dir) = args.first() else {
        eprintln!("usage: extract_bench DIR [--repeat N] > out.jsonl");
        std::process::exit(2);
    };
    let (inputs, errors) = expand_inputs(&[PathBuf::from(dir)]);
    for e in errors {
        eprintln!("{e}");
    }
    let files: Vec<(String, Vec<u8>)> = inputs
        .iter()
        .filter_map(|i| {
            let name = i.name();
            match std::fs::read(&name) {
                Ok(b) => Some((name, b)),
                Err(e) => {
                    eprintln!("{name}: {e}");
                    None
                }
            }
        })
        .collect();
    let opts = ReadOptions::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut pages = 0usize;
    let start = Instant::now();
    for round in 0..repeat {
        for (name, bytes) in &files {
            read_bytes(name, bytes, opts.format, &opts, &mut |item| {
                match item {
                    Ok(r) if round == 0 => {
                        pages += 1;
                        let line = serde_json::json!({"id": r.id, "text": r.text, "title": r.title, "published": r.date, "date_why": r.date_why});
                        let _ = writeln!(out, "{line}");
                    }
                    Ok(_) => pages += 1,
                    Err(e) if round == 0 => eprintln!("{e}"),
                    Err(_) => {}
                }
                ControlFlow::Continue(())
            });
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let _ = out.flush();
    eprintln!("{pages} pages in {secs:.2} s: {:.0} pages/s on one core", pages as f64 / secs.max(1e-9));
}
