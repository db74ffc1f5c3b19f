//! `dateline`: turns news into event data.

mod store_cmd;
mod table;

use std::io::{self, BufWriter, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Result};
use clap::{Parser, Subcommand};
use dateline_core::Date;
use dateline_engine::explain::terminal_safe;
use dateline_engine::stream::{read_batches, Batching};
use dateline_engine::{Config, Document, Engine, PlaceIndex};
use dateline_ingest::{expand_inputs, read_input, Format, ReadOptions, Record};
use rayon::prelude::*;

/// mimalloc rather than the system's allocator: the pipeline allocates many small
/// objects on every core, and in `ingest` the writer thread frees what the coding
/// threads allocated (ARCHITECTURE.md, `crates/cli`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// How the engine is built.
#[derive(clap::Args, Clone)]
struct EngineArgs {
    /// Publication date for inputs that carry none (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    date: Option<Date>,
    /// A directory of dictionary files added on top of the built-in ones.
    #[arg(long = "dict", value_name = "DIR")]
    dicts: Vec<PathBuf>,
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

#[derive(clap::Args, Clone)]
struct ReadArgs {
    /// Files or directories to read; `-` for standard input.
    #[arg(default_value = "-")]
    paths: Vec<PathBuf>,
    /// Input format, instead of detecting it: text, jsonl, html, feed, warc.
    #[arg(long, value_parser = parse_format)]
    format: Option<Format>,
    /// Refuse records larger than this many bytes.
    #[arg(long, default_value_t = dateline_ingest::DEFAULT_MAX_RECORD_BYTES)]
    max_doc_bytes: usize,
    #[command(flatten)]
    engine: EngineArgs,
}

/// Which events or documents `query` returns.
#[derive(clap::Args, Clone, Default)]
struct FilterArgs {
    /// Dated on or after (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long)]
    from: Option<String>,
    /// Dated on or before (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long)]
    to: Option<String>,
    /// An actor code or its start, either side (RUS matches RUSGOV).
    #[arg(long)]
    actor: Option<String>,
    /// The source's actor code or its start.
    #[arg(long)]
    source: Option<String>,
    /// The target's actor code or its start.
    #[arg(long)]
    target: Option<String>,
    /// An ISO 3166 alpha-3 country of either side.
    #[arg(long)]
    country: Option<String>,
    /// A CAMEO event code, exactly (057).
    #[arg(long)]
    code: Option<String>,
    /// A CAMEO root code (05).
    #[arg(long)]
    root: Option<String>,
    /// A PLOVER event type (AGREE).
    #[arg(long)]
    plover: Option<String>,
    /// A quad class, 1 to 4.
    #[arg(long)]
    quad_class: Option<u8>,
    /// Where the event happened: a place name or an ISO3 country.
    #[arg(long)]
    place: Option<String>,
    /// Negated events only (`--negated false`: none of them).
    #[arg(long, num_args = 0..=1, default_missing_value = "true")]
    negated: Option<bool>,
    /// Hypothetical events only (or `false`: none).
    #[arg(long, num_args = 0..=1, default_missing_value = "true")]
    hypothetical: Option<bool>,
    /// Events announced for the future only (or `false`: none).
    #[arg(long, num_args = 0..=1, default_missing_value = "true")]
    future: Option<bool>,
    /// Full-text search over the stored texts (SQLite FTS5 syntax: words, "a phrase", OR, NOT, prefix*).
    #[arg(long)]
    text: Option<String>,
    /// Reported by this source (a site, a host, a wire agency).
    #[arg(long)]
    site: Option<String>,
    /// A language (documents).
    #[arg(long)]
    language: Option<String>,
    /// One story's events or documents.
    #[arg(long)]
    story: Option<i64>,
    /// One document's events.
    #[arg(long)]
    document: Option<i64>,
}

impl FilterArgs {
    fn events(&self) -> dateline_store::query::EventFilter {
        let f = self.clone();
        dateline_store::query::EventFilter {
            from: f.from,
            to: f.to,
            actor: f.actor,
            source: f.source,
            target: f.target,
            country: f.country,
            code: f.code,
            root: f.root,
            plover: f.plover,
            quad_class: f.quad_class,
            place: f.place,
            negated: f.negated,
            hypothetical: f.hypothetical,
            future: f.future,
            text: f.text,
            site: f.site,
            story: f.story,
            document: f.document,
        }
    }

    fn documents(&self) -> dateline_store::query::DocumentFilter {
        let f = self.clone();
        dateline_store::query::DocumentFilter {
            from: f.from,
            to: f.to,
            site: f.site,
            language: f.language,
            text: f.text,
            story: f.story,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Read, code and store news in a database (SQLite); the same command again stores
    /// only what is new, and resumes an ingest that was stopped.
    Ingest {
        /// The database file (created when absent).
        #[arg(long)]
        db: PathBuf,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Re-code every stored document with the dictionaries in force (after a dictionary
    /// change); the old coding stays in use until the new one is complete.
    Recode {
        #[arg(long)]
        db: PathBuf,
        #[command(flatten)]
        engine: EngineArgs,
        /// Re-code even when the documents were coded with these dictionaries.
        #[arg(long)]
        force: bool,
    },
    /// What a database holds: counts, codings, dictionary versions.
    Status {
        #[arg(long)]
        db: PathBuf,
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// Events, documents or event mentions from a database, filtered.
    Query {
        #[arg(long)]
        db: PathBuf,
        /// What to list.
        #[arg(value_enum, default_value = "events")]
        what: store_cmd::What,
        #[command(flatten)]
        filter: FilterArgs,
        /// Output: JSON Lines, CSV with a header, or a table for people.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: store_cmd::OutFormat,
        /// At most this many rows.
        #[arg(long)]
        limit: Option<usize>,
        /// Skip this many rows first.
        #[arg(long, default_value_t = 0)]
        offset: usize,
    },
    /// Write the stored events in the formats event-data tools load: GDELT 2.0 events
    /// or mentions tables, CSV, JSON Lines (the full model), Parquet (a directory).
    Export {
        #[arg(long)]
        db: PathBuf,
        /// gdelt-events, gdelt-mentions, csv, jsonl or parquet.
        #[arg(long, value_parser = parse_export_format)]
        format: dateline_export::Format,
        /// The file to write (`-`: standard output); for parquet, a directory.
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        filter: FilterArgs,
        #[command(flatten)]
        engine: EngineArgs,
    },
    /// Serve the explorer (a web page) and its JSON API over a database, read-only, on
    /// 127.0.0.1 unless another address is named; Ctrl-C stops it.
    Serve {
        #[arg(long)]
        db: PathBuf,
        /// The address to listen on (port 0: any free port).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Country outlines for the map (GeoJSON); by default the basemap beside the place index.
        #[arg(long)]
        basemap: Option<PathBuf>,
        /// How long one query may run, in seconds.
        #[arg(long, default_value_t = 10)]
        query_seconds: u64,
        #[command(flatten)]
        engine: EngineArgs,
    },
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
        /// Text files or directories to use as the corpus (default: the demo stories in examples/).
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

fn parse_export_format(s: &str) -> Result<dateline_export::Format, String> {
    dateline_export::Format::from_name(s)
        .ok_or_else(|| format!("unknown format {s:?}; one of gdelt-events, gdelt-mentions, csv, jsonl, parquet"))
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::from_name(s).ok_or_else(|| format!("unknown format {s:?}; one of text, jsonl, html, feed, warc"))
}

impl EngineArgs {
    fn config(&self) -> Config {
        let place_index = match (&self.gazetteer, self.no_gazetteer) {
            (_, true) => PlaceIndex::Off,
            (Some(d), false) => PlaceIndex::Dir(d.clone()),
            (None, false) => PlaceIndex::Default,
        };
        Config { dicts: self.dicts.clone(), place_index, default_date: self.date }
    }
}

impl ReadArgs {
    fn read_options(&self, engine: &Engine) -> ReadOptions {
        engine.read_options(self.format, self.max_doc_bytes)
    }
}

/// Builds the engine and tells the user, once, what they should know about it.
fn engine(config: &Config) -> Result<Engine> {
    let engine = Engine::new(config)?;
    for note in engine.notes() {
        eprintln!("dateline: note: {note}");
    }
    Ok(engine)
}

fn set_threads(threads: Option<usize>) {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global().ok();
    }
}

/// A progress line on stderr for people; nothing when stderr is not a terminal.
fn progress_bar(template: &str) -> indicatif::ProgressBar {
    if !io::IsTerminal::is_terminal(&io::stderr()) {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template(template)
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar
}

/// On a terminal, standard input read by default waits for typing: say so.
fn hint_if_reading_a_terminal(paths: &[PathBuf]) {
    if paths.iter().any(|p| p.as_os_str() == "-") && io::IsTerminal::is_terminal(&io::stdin()) {
        eprintln!("dateline: reading a story from standard input (end with Ctrl-D); give files or folders to read those instead (dateline extract --help)");
    }
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
        Command::Extract { read, pretty } => extract(&read, |doc, out| {
            if pretty {
                serde_json::to_writer_pretty(&mut *out, doc)?;
            } else {
                serde_json::to_writer(&mut *out, doc)?;
            }
            out.push(b'\n');
            Ok(())
        }),
        Command::Explain { read } => extract(&read, |doc, out| {
            let mut s = String::new();
            dateline_engine::explain::explain(doc, &mut s);
            out.extend_from_slice(s.as_bytes());
            Ok(())
        }),
        Command::CheckDict { dicts } => {
            let engine = engine(&Config { dicts, place_index: PlaceIndex::Off, default_date: None })?;
            let lex = engine.lexicon();
            println!(
                "ok: {} event codes, {} verb patterns, {} countries, {} organisations, {} agent nouns, {} people",
                lex.codes.len(),
                lex.verbs.len(),
                lex.countries.len(),
                lex.orgs.len(),
                lex.agents.len(),
                lex.people.len()
            );
            println!("dictionary version {}", engine.versions().dict_version);
            Ok(0)
        }
        Command::Ingest { db, read } => store_cmd::ingest(&db, &read),
        Command::Recode { db, engine, force } => store_cmd::recode(&db, &engine, force),
        Command::Status { db, json } => store_cmd::status(&db, json),
        Command::Serve { db, addr, basemap, query_seconds, engine } => {
            store_cmd::serve(&db, addr, basemap.as_deref(), query_seconds, &engine)
        }
        Command::Export { db, format, out, filter, engine } => {
            store_cmd::export(&db, format, &out, &filter.events(), &engine)
        }
        Command::Query { db, what, filter, format, limit, offset } => {
            let page = dateline_store::query::Page { limit: limit.unwrap_or(usize::MAX), offset, after: 0 };
            store_cmd::query(&db, what, &filter.events(), &filter.documents(), page, format)
        }
        Command::Bench { paths, mb, threads, no_gazetteer, compare, rounds } => {
            bench(&paths, mb, threads, no_gazetteer, compare.then_some(rounds.max(1)))
        }
    }
}

/// Reads every input, codes the records in parallel batches, and writes the rendered
/// documents in input order. Errors go to stderr, naming input, record and reason;
/// the exit status is 1 when any record failed.
fn extract(read: &ReadArgs, render: impl Fn(&Document, &mut Vec<u8>) -> Result<()> + Sync) -> Result<i32> {
    set_threads(read.engine.threads);
    let engine = engine(&read.engine.config())?;
    let dateline_ingest::Expanded { inputs, errors, skipped } = dateline_ingest::walk_inputs(&read.paths);
    let mut failed = errors.len();
    for e in &errors {
        eprintln!("dateline: {}", terminal_safe(&e.to_string()));
    }
    for s in &skipped {
        eprintln!("dateline: note: {}", terminal_safe(s));
    }
    hint_if_reading_a_terminal(&read.paths);
    let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    let progress = progress_bar("{spinner} {pos} documents, {msg} [{elapsed}]");
    let mut bytes_read = 0usize;
    let mut write_err: Option<io::Error> = None;
    read_batches(inputs, read.read_options(&engine), &Batching::default(), |batch| {
        let mut records = Vec::with_capacity(batch.len());
        for item in batch {
            match item {
                Ok(rec) => records.push(rec),
                Err(e) => {
                    failed += 1;
                    progress.suspend(|| eprintln!("dateline: {}", terminal_safe(&e.to_string())));
                }
            }
        }
        bytes_read += records.iter().map(|r| r.text.len()).sum::<usize>();
        progress.inc(records.len() as u64);
        progress.set_message(format!("{:.1} MB", bytes_read as f64 / (1 << 20) as f64));
        let rendered: Vec<Vec<u8>> = records
            .into_par_iter()
            .map(|rec| {
                let doc = engine.process(rec);
                let mut buf = Vec::with_capacity(doc.text.len() * 3);
                if let Err(e) = render(&doc, &mut buf) {
                    buf = format!("{{\"id\": {:?}, \"error\": {:?}}}\n", doc.id, e.to_string()).into_bytes();
                }
                buf
            })
            .collect();
        let written = rendered.iter().try_for_each(|r| out.write_all(r)).and_then(|_| out.flush());
        match written {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                write_err = Some(e);
                ControlFlow::Break(())
            }
        }
    });
    progress.finish_and_clear();
    if let Some(e) = write_err {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return Ok(0);
        }
        bail!("writing the output (standard output): {e}");
    }
    if failed > 0 {
        eprintln!("dateline: {failed} input(s) or record(s) could not be read (see above)");
        return Ok(1);
    }
    Ok(0)
}

/// The bench corpus when none is named: the demo stories of the checkout dateline was
/// built from (`examples/` here, else beside the sources).
fn default_bench_corpus() -> Result<Vec<PathBuf>> {
    let here = PathBuf::from("examples");
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    match [here, built].into_iter().find(|p| p.is_dir()) {
        Some(p) => Ok(vec![p]),
        None => bail!("no corpus to measure: give a folder of .txt stories (dateline bench DIR); the demo stories are in the repository's examples/"),
    }
}

/// The bench corpus, read as plain text and repeated to `mb` megabytes: (records, bytes, files).
fn bench_corpus(paths: &[PathBuf], mb: usize) -> Result<(Vec<Record>, usize, usize)> {
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
    Ok((docs, bytes, corpus.len()))
}

fn bench(
    paths: &[PathBuf],
    mb: usize,
    threads: Option<usize>,
    no_gazetteer: bool,
    compare: Option<usize>,
) -> Result<i32> {
    set_threads(threads);
    let paths = if paths.is_empty() { default_bench_corpus()? } else { paths.to_vec() };
    let (docs, bytes, files) = bench_corpus(&paths, mb)?;
    let cores = rayon::current_num_threads();
    let megabytes = bytes as f64 / (1 << 20) as f64;
    // One timed pass over the corpus: (events, seconds).
    let pass = |engine: &Engine| {
        let docs = docs.clone();
        let t = Instant::now();
        let events: usize = docs.into_par_iter().map(|r| engine.run(r).events.len()).sum();
        (events, t.elapsed().as_secs_f64())
    };
    let place_index = if no_gazetteer { PlaceIndex::Off } else { PlaceIndex::Default };
    let with = engine(&Config { place_index, ..Config::default() })?;
    let Some(rounds) = compare else {
        let (events, secs) = pass(&with);
        let mbs = megabytes / secs;
        println!(
            "{megabytes:.1} MB of text ({files} files repeated), {events} events, gazetteer {}, {secs:.2} s on {cores} threads: {mbs:.2} MB/s, {:.2} MB/s per core",
            if with.has_place_index() { "on" } else { "off" },
            mbs / cores as f64
        );
        return Ok(0);
    };
    if !with.has_place_index() {
        bail!("--compare needs the place index (run scripts/setup-gazetteer.sh)");
    }
    // Interleaved, so that the load of a shared machine falls on both alike; the best
    // run of each is the least disturbed.
    let without = engine(&Config { place_index: PlaceIndex::Off, ..Config::default() })?;
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
        "{megabytes:.1} MB of text ({files} files repeated) on {cores} threads, best of {rounds}: {on:.2} MB/s per core with places, {off:.2} without; places cost {:.0}%",
        100.0 * (1.0 - on / off)
    );
    Ok(0)
}
