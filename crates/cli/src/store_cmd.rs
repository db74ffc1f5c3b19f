//! The commands over the database: `ingest`, `recode`, `status`, `query`, `export`, `serve`.

use std::collections::{BTreeMap, HashSet};
use std::io::{self, BufWriter, Write};
use std::ops::ControlFlow;
use std::path::Path;

use anyhow::{bail, Context, Result};
use dateline_core::Date;
use dateline_engine::explain::terminal_safe;
use dateline_engine::stream::{read_batches, Batching};
use dateline_ingest::{expand_inputs, ReadError};
use dateline_store::query::{DocumentFilter, EventFilter, Page};
use dateline_store::{content_hash, prepare, BatchReport, Coded, Store};
use rayon::prelude::*;
use serde::Serialize;

use crate::{engine, progress_bar, set_threads, table, EngineArgs, ReadArgs};

/// The kind of a refusal, for the summary.
fn refusal_kind(e: &ReadError) -> &'static str {
    match e {
        ReadError::Io { .. } => "cannot read",
        ReadError::Binary { .. } => "binary",
        ReadError::Encoding { .. } => "encoding",
        ReadError::Empty { .. } => "empty",
        ReadError::Record { .. } => "bad record",
        ReadError::TooLarge { .. } => "too large",
        ReadError::Format { .. } => "bad format",
        ReadError::Item { .. } => "bad feed item",
        ReadError::Warc { .. } => "bad WARC record",
    }
}

#[derive(Default)]
struct Tally {
    read: usize,
    bytes: usize,
    stored: BatchReport,
    refused: BTreeMap<&'static str, usize>,
}

impl Tally {
    fn refused(&self) -> usize {
        self.refused.values().sum()
    }

    fn line(&self) -> String {
        format!(
            "{} new, {} stored already, {} near-duplicates, {} refused, {:.1} MB",
            self.stored.new,
            self.stored.already_stored,
            self.stored.near_duplicates,
            self.refused(),
            self.bytes as f64 / (1 << 20) as f64
        )
    }
}

/// `dateline ingest`: reads, codes and stores; a document whose text is stored already
/// is neither coded nor stored again, so the same command after a kill resumes.
pub fn ingest(db: &Path, read: &ReadArgs) -> Result<i32> {
    set_threads(read.engine.threads);
    let engine = engine(&read.engine.config())?;
    let store = Store::open(db)?;
    let coding = store.coding_for_ingest(engine.versions())?;
    if !coding.matches(engine.versions()) {
        eprintln!(
            "dateline: note: {} was coded with dictionaries {} (dateline {}); new documents are coded with {}: `dateline recode --db {}` codes them all alike",
            db.display(),
            coding.dict_version,
            coding.dateline_version,
            engine.versions().dict_version,
            db.display()
        );
    }
    let (inputs, errors) = expand_inputs(&read.paths);
    let mut tally = Tally::default();
    for e in &errors {
        *tally.refused.entry(refusal_kind(e)).or_default() += 1;
        eprintln!("dateline: {}", terminal_safe(&e.to_string()));
    }
    crate::hint_if_reading_a_terminal(&read.paths);
    let progress = progress_bar("{spinner} {pos} read: {msg} [{elapsed}]");
    // The writer stores batch n while the workers code batch n + 1; it alone writes, in
    // input order, so the database is the same whatever the timing.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<dateline_store::Prepared>>(1);
    let reader = Store::open_read_only(db)?;
    let written = std::thread::scope(|scope| {
        let coding = &coding;
        let writer = std::thread::Builder::new().name("dateline-writer".into()).spawn_scoped(
            scope,
            move || -> Result<BatchReport, dateline_store::StoreError> {
                let mut report = BatchReport::default();
                for batch in rx {
                    report += store.write_batch(coding, &batch)?;
                }
                store.checkpoint()?;
                Ok(report)
            },
        );
        match writer {
            Ok(writer) => {
                code_batches(&engine, &reader, inputs, read, &mut tally, &progress, tx);
                writer.join().unwrap_or_else(|_| Err(dateline_store::StoreError::ReadOnly))
            }
            Err(e) => Err(dateline_store::StoreError::Io(e)),
        }
    });
    progress.finish_and_clear();
    match written {
        Ok(report) => tally.stored += report,
        Err(e) => return Err(e).with_context(|| format!("writing to {}", db.display())),
    }
    println!("{}: read {} documents: {}", db.display(), tally.read, tally.line());
    if !tally.refused.is_empty() {
        let kinds: Vec<String> = tally.refused.iter().map(|(k, n)| format!("{k} {n}")).collect();
        println!("refused {} (listed above): {}", tally.refused(), kinds.join(", "));
        return Ok(1);
    }
    Ok(0)
}

/// Reads the inputs in batches, leaves out documents stored already (or met in the
/// last batches), codes the rest on all cores and hands each batch to the writer.
fn code_batches(
    engine: &dateline_engine::Engine,
    store: &Store,
    inputs: Vec<dateline_ingest::Input>,
    read: &ReadArgs,
    tally: &mut Tally,
    progress: &indicatif::ProgressBar,
    writer: std::sync::mpsc::SyncSender<Vec<dateline_store::Prepared>>,
) {
    let default_date = engine.default_date().map(|d| d.to_string());
    // Hashes of the batches that may not be committed yet.
    let mut recent: std::collections::VecDeque<HashSet<String>> = std::collections::VecDeque::new();
    // Large transactions: an index page changed by many documents is written once per batch.
    let batching = Batching { max_records: 2048, ..Batching::default() };
    read_batches(inputs, read.read_options(engine), &batching, |batch| {
        let mut fresh = Vec::with_capacity(batch.len());
        let mut seen = HashSet::new();
        for item in batch {
            match item {
                Ok(rec) => {
                    tally.read += 1;
                    tally.bytes += rec.text.len();
                    let hash = content_hash(&rec.text);
                    let stored = recent.iter().any(|s| s.contains(&hash))
                        || store.document_with_hash(&hash).ok().flatten().is_some();
                    if stored || !seen.insert(hash.clone()) {
                        tally.stored.already_stored += 1;
                    } else {
                        fresh.push((rec, hash));
                    }
                }
                Err(e) => {
                    *tally.refused.entry(refusal_kind(&e)).or_default() += 1;
                    progress.suspend(|| eprintln!("dateline: refused: {}", terminal_safe(&e.to_string())));
                }
            }
        }
        recent.push_back(seen);
        if recent.len() > 3 {
            recent.pop_front();
        }
        let prepared: Vec<_> =
            fresh.into_par_iter().map(|(r, h)| prepare(engine, r, h, default_date.clone())).collect();
        progress.set_position(tally.read as u64);
        progress.set_message(tally.line());
        if writer.send(prepared).is_err() {
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    });
}

/// `dateline recode`: re-codes every stored document with the dictionaries in force,
/// beside the current coding, which it replaces only once every document is coded.
pub fn recode(db: &Path, args: &EngineArgs, force: bool) -> Result<i32> {
    set_threads(args.threads);
    let engine = engine(&args.config())?;
    let store = Store::open(db)?;
    let status = store.status()?;
    let Some(current) = status.coding.clone() else {
        println!("{}: nothing stored yet", db.display());
        return Ok(0);
    };
    let uniform = status.dict_versions.len() <= 1 && status.dateline_versions.len() <= 1;
    if current.matches(engine.versions()) && uniform && !force {
        println!(
            "{}: already coded with these dictionaries ({}); --force re-codes anyway",
            db.display(),
            current.dict_version
        );
        return Ok(0);
    }
    let versions = if force && current.matches(engine.versions()) {
        // A forced re-coding with the same versions still needs a coding of its own.
        let mut v = engine.versions().clone();
        v.dict_version.push_str("+recoded");
        v
    } else {
        engine.versions().clone()
    };
    let building = store.begin_recode(&versions)?;
    let (done, all) = store.coding_progress(building.id)?;
    let progress = progress_bar("{spinner} {pos} re-coded: {msg} [{elapsed}]");
    progress.set_position(done as u64);
    progress.set_message(format!("of {all}"));
    loop {
        let mut after = 0;
        loop {
            let batch = store.uncoded(building.id, after, 256)?;
            let Some(last) = batch.last().map(|s| s.id) else { break };
            after = last;
            let coded: Vec<_> = batch
                .into_par_iter()
                .map(|s| {
                    let default = s.default_date.as_deref().and_then(Date::parse).or(engine.default_date());
                    (s.id, Coded::new(engine.document(&engine.run_with_default(s.record, default))))
                })
                .collect();
            progress.inc(coded.len() as u64);
            store.write_recoded(building.id, &coded)?;
        }
        if store.finish_recode(building.id)? {
            break;
        }
    }
    progress.finish_and_clear();
    let after = store.status()?;
    println!(
        "{}: re-coded {} documents with dictionaries {} (was {}): {} events, {} mentions (were {} and {})",
        db.display(),
        after.documents,
        versions.dict_version,
        current.dict_version,
        after.events,
        after.mentions,
        status.events,
        status.mentions
    );
    Ok(0)
}

/// `dateline status`.
pub fn status(db: &Path, json: bool) -> Result<i32> {
    if !db.exists() {
        bail!("{}: no such database", db.display());
    }
    let store = Store::open_read_only(db)?;
    let s = store.status()?;
    if json {
        println!("{}", serde_json::to_string_pretty(&s)?);
        return Ok(0);
    }
    println!("{} (schema {})", db.display(), s.schema_version);
    println!("  documents  {:>9}  ({:.1} MB of text)", s.documents, s.text_bytes as f64 / (1 << 20) as f64);
    println!("  stories    {:>9}  ({} reports joined a story another report started)", s.stories, s.near_duplicates);
    println!("  events     {:>9}  from {} mentions", s.events, s.mentions);
    println!("  entities   {:>9}", s.entities);
    println!("  places     {:>9}", s.places);
    println!("  quotes     {:>9}", s.quotes);
    println!("  amounts    {:>9}", s.amounts);
    if let Some(c) = &s.coding {
        println!(
            "  coding     #{} by dateline {}, dictionaries {}, since {}",
            c.id, c.dateline_version, c.dict_version, c.started_at
        );
    }
    if s.dict_versions.len() > 1 {
        let v: Vec<String> = s.dict_versions.iter().map(|(v, n)| format!("{v} ({n})")).collect();
        println!("  documents coded with dictionaries {}", v.join(", "));
    }
    if let Some(b) = &s.building {
        println!(
            "  re-coding  #{} under way: {} of {} documents (dictionaries {})",
            b.id, s.building_done, s.documents, b.dict_version
        );
    }
    Ok(0)
}

/// What `dateline query` lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    Events,
    Documents,
    Mentions,
}

/// How `dateline query` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutFormat {
    Jsonl,
    Csv,
    Table,
}

/// `dateline query`.
pub fn query(
    db: &Path,
    what: What,
    events: &EventFilter,
    docs: &DocumentFilter,
    page: Page,
    format: OutFormat,
) -> Result<i32> {
    if !db.exists() {
        bail!("{}: no such database", db.display());
    }
    let store = Store::open_read_only(db)?;
    let mut out = BufWriter::new(io::stdout().lock());
    let written = match what {
        What::Events => write_rows(&mut out, &store.events(events, page)?, format, table::EVENT_COLUMNS),
        What::Documents => write_rows(&mut out, &store.documents(docs, page)?, format, table::DOCUMENT_COLUMNS),
        What::Mentions => write_rows(&mut out, &store.mentions(events, page)?, format, table::MENTION_COLUMNS),
    };
    match written.and_then(|_| out.flush().map_err(Into::into)) {
        Err(e) if e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) => Ok(0),
        Err(e) => Err(e.context("writing the output (standard output)")),
        Ok(()) => Ok(0),
    }
}

fn write_rows<T: Serialize>(out: &mut impl Write, rows: &[T], format: OutFormat, columns: &[&str]) -> Result<()> {
    match format {
        OutFormat::Jsonl => {
            for r in rows {
                serde_json::to_writer(&mut *out, r)?;
                out.write_all(b"\n")?;
            }
        }
        OutFormat::Csv => table::write_csv(out, rows)?,
        OutFormat::Table => table::write(out, rows, columns)?,
    }
    Ok(())
}

/// `dateline export`: the stored events matching `filter`, written as `format`.
pub fn export(
    db: &Path,
    format: dateline_export::Format,
    out: &Path,
    filter: &EventFilter,
    args: &EngineArgs,
) -> Result<i32> {
    let store = Store::open_read_only(db)?;
    let engine = engine(&args.config())?;
    let codes = dateline_export::Codes::new(engine.lexicon(), engine.gazetteer());
    let unit = if format == dateline_export::Format::GdeltMentions {
        "mentions"
    } else if format == dateline_export::Format::Jsonl {
        "documents"
    } else {
        "events"
    };
    let progress = progress_bar(&format!("{{spinner}} {{pos}} {unit} written [{{elapsed}}]"));
    let written = dateline_export::export(&store, &codes, format, filter, out, &mut |n| progress.set_position(n));
    progress.finish_and_clear();
    let w = written.with_context(|| format!("exporting {}", db.display()))?;
    if out.as_os_str() != "-" {
        eprintln!("{}: {} events, {} mentions, {} documents", out.display(), w.events, w.mentions, w.documents);
    }
    Ok(0)
}

/// `dateline serve`: the explorer and its API over `db`, read-only, until Ctrl-C. The
/// address bound is printed on standard output (`--addr 127.0.0.1:0` picks a port).
pub fn serve(
    db: &Path,
    addr: std::net::SocketAddr,
    basemap: Option<&Path>,
    query_seconds: u64,
    args: &EngineArgs,
) -> Result<i32> {
    let engine = engine(&args.config())?;
    let codes = dateline_export::Codes::new(engine.lexicon(), engine.gazetteer());
    let beside_index = engine.gazetteer().map(|g| g.dir().join(dateline_server::BASEMAP_FILE)).filter(|p| p.is_file());
    let basemap = basemap.map(Path::to_path_buf).or(beside_index);
    if basemap.is_none() {
        eprintln!("dateline: note: no basemap (country outlines) beside the place index; the map shows places on a bare grid (scripts/setup-gazetteer.sh writes one)");
    }
    let limits = dateline_server::Limits {
        query_time: std::time::Duration::from_secs(query_seconds.max(1)),
        ..Default::default()
    };
    let state = dateline_server::State::open(db, codes, basemap.as_deref(), limits)
        .with_context(|| format!("serving {}", db.display()))?;
    if !addr.ip().is_loopback() {
        eprintln!(
            "dateline: warning: listening on {addr}, reachable from other machines; the API has no authentication"
        );
    }
    dateline_server::run(addr, state, |bound| {
        println!("dateline: serving {} at http://{bound}/ (Ctrl-C stops)", terminal_safe(&db.display().to_string()));
        let _ = io::stdout().flush();
    })?;
    Ok(0)
}
