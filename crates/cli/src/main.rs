//! `dateline`: turns news into event data.

mod output;
mod pipeline;

use std::io::{self, BufWriter, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use dateline_core::Date;
use dateline_dict::Lexicon;
use dateline_ingest::{expand_inputs, read_input, Format, ReadOptions, Record};
use rayon::prelude::*;

use pipeline::Pipeline;

const ABOUT: &str = "Turns news into event data: CAMEO-coded events between actors, with the people, \
organisations, places, quotations, amounts and dates named, each pointing back to its span of text.";

#[derive(Parser)]
#[command(name = "dateline", version, about = ABOUT, long_version = long_version())]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

fn long_version() -> &'static str {
    concat!(env!("CARGO_PKG_VERSION"), "\nDictionaries: dateline's own (dict/). CAMEO codes and Goldstein values: CAMEO/GDELT facts; PLOVER types.\nPlace data, when set up: GeoNames (geonames.org), CC BY 4.0.")
}

#[derive(clap::Args, Clone)]
struct ReadArgs {
    /// Files or directories to read; `-` for standard input.
    #[arg(default_value = "-")]
    paths: Vec<PathBuf>,
    /// Publication date for inputs that carry none (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    date: Option<Date>,
    /// Input format, instead of detecting it: text, jsonl, html, feed, warc.
    #[arg(long, value_parser = parse_format)]
    format: Option<Format>,
    /// A directory of dictionary files added on top of the built-in ones.
    #[arg(long = "dict", value_name = "DIR")]
    dicts: Vec<PathBuf>,
    /// Refuse records larger than this many bytes.
    #[arg(long, default_value_t = dateline_ingest::DEFAULT_MAX_RECORD_BYTES)]
    max_doc_bytes: usize,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    threads: Option<usize>,
    /// The gazetteer index directory (default: $DATELINE_DATA/gazetteer, else data/gazetteer).
    #[arg(long, value_name = "DIR")]
    gazetteer: Option<PathBuf>,
    /// Do not resolve places beyond countries (no gazetteer).
    #[arg(long)]
    no_gazetteer: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Read news and print one JSON object per document (JSON Lines).
    Extract {
        #[command(flatten)]
        read: ReadArgs,
        /// Indented JSON, for people.
        #[arg(long)]
        pretty: bool,
    },
    /// Print each coded event with the reasons it was coded, for people.
    Explain {
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Check dictionary files (the built-in ones, and a directory given with --dict).
    CheckDict {
        #[arg(long = "dict", value_name = "DIR")]
        dicts: Vec<PathBuf>,
    },
    /// Measure throughput: MB/s of plain text through the whole pipeline.
    Bench {
        /// Text files or directories to use as the corpus (default: examples/).
        #[arg(default_value = "examples")]
        paths: Vec<PathBuf>,
        /// Repeat the corpus until it reaches this many megabytes.
        #[arg(long, default_value_t = 16)]
        mb: usize,
        /// Worker threads (default: all cores); throughput is also reported per core.
        #[arg(long, short = 'j')]
        threads: Option<usize>,
        /// Without the gazetteer (to measure what place resolution costs).
        #[arg(long)]
        no_gazetteer: bool,
        /// What place resolution costs: runs with and without the gazetteer in turn,
        /// `--rounds` times each, and reports the best of each and the difference.
        #[arg(long, conflicts_with = "no_gazetteer")]
        compare: bool,
        /// Runs of each kind with `--compare`.
        #[arg(long, default_value_t = 5)]
        rounds: usize,
    },
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).filter(|d| d.day.is_some()).ok_or_else(|| format!("{s:?} is not a date (YYYY-MM-DD)"))
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::from_name(s).ok_or_else(|| format!("unknown format {s:?}; one of text, jsonl, html, feed, warc"))
}

fn load_lexicon(dicts: &[PathBuf]) -> Result<Lexicon> {
    let mut lex = Lexicon::builtin().context("the built-in dictionaries are broken")?;
    for d in dicts {
        lex = lex.with_overlay(d).with_context(|| format!("dictionary directory {}", d.display()))?;
        for f in std::mem::take(&mut lex.skipped) {
            eprintln!("dateline: {f}: this stage's vocabulary is built in (the place index, the HTML extractor) and not read from --dict yet; not applied");
        }
    }
    Ok(lex)
}

fn main() {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("dateline: error: {e:#}");
            std::process::exit(2);
        }
    }
}

fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Extract { read, pretty } => extract(&read, |doc, lex, out| {
            let v = output::document(doc, lex);
            if pretty {
                serde_json::to_writer_pretty(&mut *out, &v)?;
            } else {
                serde_json::to_writer(&mut *out, &v)?;
            }
            out.push(b'\n');
            Ok(())
        }),
        Command::Explain { read } => extract(&read, |doc, lex, out| {
            explain(doc, lex, out);
            Ok(())
        }),
        Command::CheckDict { dicts } => {
            let lex = load_lexicon(&dicts)?;
            println!(
                "ok: {} event codes, {} verb patterns, {} countries, {} organisations, {} agent nouns, {} people",
                lex.codes.len(),
                lex.verbs.len(),
                lex.countries.len(),
                lex.orgs.len(),
                lex.agents.len(),
                lex.people.len()
            );
            Ok(0)
        }
        Command::Bench { paths, mb, threads, no_gazetteer, compare, rounds } => bench(&paths, mb, threads, no_gazetteer, compare.then_some(rounds.max(1))),
    }
}

/// Reads every input, codes the records in parallel batches, and writes the rendered
/// documents in input order. Errors go to stderr, naming input, record and reason;
/// the exit status is 1 when any record failed.
fn extract(read: &ReadArgs, render: impl Fn(&dateline_core::Doc, &Lexicon, &mut Vec<u8>) -> Result<()> + Sync) -> Result<i32> {
    if let Some(n) = read.threads {
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global().ok();
    }
    let lex = load_lexicon(&read.dicts)?;
    let gazetteer = open_gazetteer(read.gazetteer.as_deref(), read.no_gazetteer)?;
    let pipeline = Pipeline::new(&lex, gazetteer.as_ref(), read.date);
    let (inputs, errors) = expand_inputs(&read.paths);
    let mut failed = errors.len();
    for e in &errors {
        eprintln!("dateline: {e}");
    }
    let opts = ReadOptions { format: read.format, max_record_bytes: read.max_doc_bytes };
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    // A progress line on stderr for people; nothing when stderr is not a terminal.
    let progress = if io::IsTerminal::is_terminal(&io::stderr()) {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(indicatif::ProgressStyle::with_template("{spinner} {pos} documents, {msg} [{elapsed}]").unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()));
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut bytes_read = 0usize;
    let mut batch: Vec<Record> = Vec::new();
    let mut batch_bytes = 0usize;
    let mut write_err: Option<io::Error> = None;
    let flush = |batch: &mut Vec<Record>, out: &mut BufWriter<io::StdoutLock>| -> Result<()> {
        let rendered: Vec<Result<Vec<u8>>> = std::mem::take(batch)
            .into_par_iter()
            .map(|rec| {
                let id = rec.id.clone();
                let doc = pipeline.run(rec);
                let mut buf = Vec::with_capacity(doc.text.len() * 3);
                render(&doc, &lex, &mut buf).with_context(|| format!("rendering {id}"))?;
                Ok(buf)
            })
            .collect();
        for r in rendered {
            out.write_all(&r?)?;
        }
        Ok(())
    };
    for input in &inputs {
        let mut sink = |item: Result<Record, dateline_ingest::ReadError>| -> ControlFlow<()> {
            match item {
                Ok(rec) => {
                    batch_bytes += rec.text.len();
                    bytes_read += rec.text.len();
                    progress.inc(1);
                    progress.set_message(format!("{:.1} MB", bytes_read as f64 / (1 << 20) as f64));
                    batch.push(rec);
                }
                Err(e) => {
                    failed += 1;
                    progress.suspend(|| eprintln!("dateline: {e}"));
                }
            }
            if batch.len() >= 256 || batch_bytes >= 8 << 20 {
                batch_bytes = 0;
                if let Err(e) = flush(&mut batch, &mut out) {
                    write_err = e.downcast::<io::Error>().ok();
                    return ControlFlow::Break(());
                }
            }
            ControlFlow::Continue(())
        };
        read_input(input, &opts, &mut sink);
        if let Some(e) = write_err.take() {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return Ok(0);
            }
            bail!("writing output: {e}");
        }
    }
    if let Err(e) = flush(&mut batch, &mut out).and_then(|_| out.flush().map_err(Into::into)) {
        if e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) {
            return Ok(0);
        }
        return Err(e);
    }
    progress.finish_and_clear();
    if failed > 0 {
        eprintln!("dateline: {failed} input(s) or record(s) could not be read (see above)");
        return Ok(1);
    }
    Ok(0)
}

/// Opens the place index; without one, says so once and goes on with countries only.
fn open_gazetteer(dir: Option<&std::path::Path>, off: bool) -> Result<Option<dateline_geo::Gazetteer>> {
    if off {
        return Ok(None);
    }
    match dir {
        Some(d) => Ok(Some(dateline_geo::Gazetteer::open(d).with_context(|| format!("gazetteer {}", d.display()))?)),
        None => {
            let g = dateline_geo::Gazetteer::open_default().context("the gazetteer index")?;
            if g.is_none() {
                eprintln!("dateline: note: {}", dateline_geo::missing_index_note(&dateline_geo::Gazetteer::default_dir()));
            }
            Ok(g)
        }
    }
}

fn explain(doc: &dateline_core::Doc, lex: &Lexicon, out: &mut Vec<u8>) {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(s, "== {}{}", doc.id, doc.meta.title.as_ref().map(|t| format!(": {t}")).unwrap_or_default());
    if let Some(p) = &doc.meta.published {
        let _ = writeln!(s, "   published {} ({}: {})", p.date, p.how, p.why);
    }
    if doc.events.is_empty() {
        let _ = writeln!(s, "   no events");
    }
    for (i, e) in doc.events.iter().enumerate() {
        let name = lex.codes.get(&e.code).map(|c| c.name.as_str()).unwrap_or("?");
        let side = |a: &Option<dateline_core::Actor>| a.as_ref().map(|a| format!("{} ({:?})", a.code, doc.slice(a.span))).unwrap_or_else(|| "-".into());
        let _ = writeln!(
            s,
            "{:>3}. {} {} [{}]  {} -> {}{}{}  confidence {:.2}",
            i + 1,
            e.code,
            name,
            e.plover.as_deref().unwrap_or("-"),
            side(&e.source),
            side(&e.target),
            if e.negated { "  NEGATED" } else { "" },
            if e.hypothetical { "  hypothetical" } else { "" },
            e.confidence
        );
        let _ = writeln!(s, "     sentence {}: {}", e.sentence + 1, doc.slice(e.span));
        let _ = writeln!(s, "     words: {}", e.words.iter().map(|w| doc.slice(*w)).collect::<Vec<_>>().join(" "));
        let _ = writeln!(s, "     rule: {}:{}  {}", e.rule.file, e.rule.line, e.rule.text);
        if let Some(d) = e.date {
            let _ = writeln!(s, "     date: {d}{}", e.date_why.as_ref().map(|w| format!("  ({w})")).unwrap_or_default());
        }
        if !e.counts.is_empty() {
            let _ = writeln!(s, "     counts: {}", e.counts.iter().map(|c| format!("{} {}{} (\"{}\")", c.kind.as_str(), if c.approximate { "~" } else { "" }, c.value, doc.slice(c.span))).collect::<Vec<_>>().join(", "));
        }
        for r in &e.reasons {
            let _ = writeln!(s, "     - {r}");
        }
    }
    out.extend_from_slice(s.as_bytes());
}

fn bench(paths: &[PathBuf], mb: usize, threads: Option<usize>, no_gazetteer: bool, compare: Option<usize>) -> Result<i32> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global().ok();
    }
    let lex = load_lexicon(&[])?;
    let gazetteer = open_gazetteer(None, no_gazetteer)?;
    let (inputs, _) = expand_inputs(paths);
    let mut corpus: Vec<Record> = Vec::new();
    let opts = ReadOptions { format: Some(Format::Text), ..ReadOptions::default() };
    for input in inputs.iter().filter(|i| i.name().ends_with(".txt")) {
        read_input(input, &opts, &mut |r| {
            if let Ok(r) = r {
                corpus.push(r);
            }
            ControlFlow::Continue(())
        });
    }
    if corpus.is_empty() {
        bail!("no .txt files to benchmark in {paths:?}");
    }
    let mut docs = Vec::new();
    let mut bytes = 0usize;
    while bytes < mb << 20 {
        for r in &corpus {
            bytes += r.text.len();
            docs.push(r.clone());
        }
    }
    let cores = rayon::current_num_threads();
    let megabytes = bytes as f64 / (1 << 20) as f64;
    // One timed pass over the corpus: (events, seconds).
    let pass = |pipeline: &Pipeline| {
        let docs = docs.clone();
        let t = Instant::now();
        let events: usize = docs.into_par_iter().map(|r| pipeline.run(r).events.len()).sum();
        (events, t.elapsed().as_secs_f64())
    };
    let Some(rounds) = compare else {
        let pipeline = Pipeline::new(&lex, gazetteer.as_ref(), None);
        let (events, secs) = pass(&pipeline);
        let mbs = megabytes / secs;
        println!(
            "{megabytes:.1} MB of text ({} files repeated), {events} events, gazetteer {}, {secs:.2} s on {cores} threads: {mbs:.2} MB/s, {:.2} MB/s per core",
            corpus.len(),
            if gazetteer.is_some() { "on" } else { "off" },
            mbs / cores as f64
        );
        return Ok(0);
    };
    if gazetteer.is_none() {
        bail!("--compare needs the place index (run scripts/setup-gazetteer.sh)");
    }
    // Interleaved, so that the load of a shared machine falls on both alike; the best
    // run of each is the least disturbed.
    let with = Pipeline::new(&lex, gazetteer.as_ref(), None);
    let without = Pipeline::new(&lex, None, None);
    let (mut best_with, mut best_without) = (f64::MAX, f64::MAX);
    for round in 1..=rounds {
        let (_, a) = pass(&with);
        let (_, b) = pass(&without);
        best_with = best_with.min(a);
        best_without = best_without.min(b);
        eprintln!("round {round}/{rounds}: {:.2} MB/s with places, {:.2} without", megabytes / a, megabytes / b);
    }
    let (on, off) = (megabytes / best_with / cores as f64, megabytes / best_without / cores as f64);
    println!(
        "{megabytes:.1} MB of text ({} files repeated) on {cores} threads, best of {rounds}: {on:.2} MB/s per core with places, {off:.2} without; places cost {:.0}%",
        corpus.len(),
        100.0 * (1.0 - on / off)
    );
    Ok(0)
}
