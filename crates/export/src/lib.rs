//! dateline's exports: the files event-data users already load.
//!
//! - `gdelt-events`: GDELT 2.0's events table, 61 tab-separated columns, no header.
//! - `gdelt-mentions`: GDELT 2.0's mentions table, 16 columns, every report of every
//!   event with its character offsets.
//! - `csv`: one row per event with a header: GDELT's columns, then readable ones.
//! - `jsonl`: the full model of each document that tells a selected event.
//! - `parquet`: a directory of `events.parquet`, `mentions.parquet` and
//!   `documents.parquet`, typed columns.
//!
//! Every export streams: rows are read from the store a chunk at a time by id and
//! written before the next chunk, so memory does not grow with the database. The
//! filters are the store's ([`EventFilter`]), as `dateline query` takes them.

pub mod codes;
pub mod gdelt;
pub mod row;
pub mod table;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use dateline_store::query::{EventFilter, Page};
use dateline_store::{Store, StoreError};
use parquet::arrow::ArrowWriter;

pub use codes::Codes;
pub use row::{document_events, now_stamp, ExportEvent};

/// Rows read from the store at a time.
const CHUNK: usize = 2_000;

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    GdeltEvents,
    GdeltMentions,
    Csv,
    Jsonl,
    Parquet,
}

impl Format {
    pub fn from_name(s: &str) -> Option<Format> {
        Some(match s {
            "gdelt-events" => Format::GdeltEvents,
            "gdelt-mentions" => Format::GdeltMentions,
            "csv" => Format::Csv,
            "jsonl" => Format::Jsonl,
            "parquet" => Format::Parquet,
            _ => return None,
        })
    }
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("writing {path}: {source}")]
    Write { path: String, source: std::io::Error },
    #[error("writing {path}: {source}")]
    Parquet { path: String, source: parquet::errors::ParquetError },
    #[error("building the table for {path}: {source}")]
    Arrow { path: String, source: arrow_schema::ArrowError },
    #[error("parquet is a directory of files, not one stream")]
    NotAStream,
    #[error("writing {path}: {source}")]
    Csv { path: String, source: csv::Error },
}

/// How many rows of each table were written.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub events: u64,
    pub mentions: u64,
    pub documents: u64,
}

/// Writes `format` to `out` (a file; for `parquet` a directory; `-` is standard
/// output for the text formats), the events matching `filter`. `progress` is called
/// with the number of rows written so far.
pub fn export(
    store: &Store,
    codes: &Codes,
    format: Format,
    filter: &EventFilter,
    out: &Path,
    progress: &mut dyn FnMut(u64),
) -> Result<Written, ExportError> {
    filter.check()?;
    match format {
        Format::Parquet => parquet_dir(store, codes, filter, out, progress),
        _ => {
            let path = out.display().to_string();
            let sink: Box<dyn Write> = if path == "-" {
                Box::new(std::io::stdout().lock())
            } else {
                Box::new(File::create(out).map_err(|source| ExportError::Write { path: path.clone(), source })?)
            };
            let mut w = BufWriter::with_capacity(1 << 20, sink);
            let written = export_to(store, codes, format, filter, &mut w, &path, progress)?;
            w.flush().map_err(|source| ExportError::Write { path, source })?;
            Ok(written)
        }
    }
}

/// Writes a text format (every one but `parquet`) to `w`, named `name` in errors: the
/// server streams its downloads through this. `parquet` is refused here, as a
/// directory of files is not one stream.
pub fn export_to(
    store: &Store,
    codes: &Codes,
    format: Format,
    filter: &EventFilter,
    w: &mut dyn Write,
    name: &str,
    progress: &mut dyn FnMut(u64),
) -> Result<Written, ExportError> {
    filter.check()?;
    match format {
        Format::GdeltEvents => gdelt_events(store, codes, filter, w, name, progress),
        Format::GdeltMentions => gdelt_mentions(store, filter, w, name, progress),
        Format::Csv => csv_events(store, codes, filter, w, name, progress),
        Format::Jsonl => jsonl_documents(store, filter, w, name, progress),
        Format::Parquet => Err(ExportError::NotAStream),
    }
}

/// Calls `f` with each chunk of the events matching `filter`, in id order.
fn for_each_events(
    store: &Store,
    filter: &EventFilter,
    mut f: impl FnMut(&[dateline_store::query::EventRow]) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let mut after = 0;
    loop {
        let rows = store.events(filter, Page { limit: CHUNK, offset: 0, after })?;
        let Some(last) = rows.last() else { return Ok(()) };
        after = last.id;
        f(&rows)?;
    }
}

fn tsv_line(w: &mut (impl Write + ?Sized), fields: &[String], path: &str) -> Result<(), ExportError> {
    let line = fields.join("\t");
    w.write_all(line.as_bytes())
        .and_then(|_| w.write_all(b"\n"))
        .map_err(|source| ExportError::Write { path: path.to_string(), source })
}

fn gdelt_events(
    store: &Store,
    codes: &Codes,
    filter: &EventFilter,
    w: &mut dyn Write,
    path: &str,
    progress: &mut dyn FnMut(u64),
) -> Result<Written, ExportError> {
    let mut n = 0;
    for_each_events(store, filter, |rows| {
        for r in rows {
            tsv_line(w, &gdelt::event_fields(&ExportEvent::from_stored(codes, r)), path)?;
        }
        n += rows.len() as u64;
        progress(n);
        Ok(())
    })?;
    Ok(Written { events: n, ..Written::default() })
}

/// The mentions of the events matching `filter`, in id order, a chunk at a time; the
/// document text is read once for the run of mentions of one document.
fn for_each_mention(
    store: &Store,
    filter: &EventFilter,
    mut f: impl FnMut(&dateline_store::query::MentionRow, &gdelt::CharOffsets<'_>) -> Result<(), ExportError>,
) -> Result<u64, ExportError> {
    let (mut after, mut n) = (0, 0);
    let mut text: (i64, String) = (-1, String::new());
    loop {
        let rows = store.mentions(filter, Page { limit: CHUNK, offset: 0, after })?;
        let Some(last) = rows.last() else { return Ok(n) };
        after = last.id;
        for m in &rows {
            if text.0 != m.document {
                text = (m.document, store.document_text(m.document)?.unwrap_or_default());
            }
            f(m, &gdelt::CharOffsets::new(&text.1))?;
            n += 1;
        }
    }
}

fn gdelt_mentions(
    store: &Store,
    filter: &EventFilter,
    w: &mut dyn Write,
    path: &str,
    progress: &mut dyn FnMut(u64),
) -> Result<Written, ExportError> {
    let mut n = 0;
    let mentions = for_each_mention(store, filter, |m, text| {
        tsv_line(w, &gdelt::mention_fields(m, gdelt::stamp(&m.event_added).parse().unwrap_or(0), text), path)?;
        n += 1;
        if n % CHUNK as u64 == 0 {
            progress(n);
        }
        Ok(())
    })?;
    progress(mentions);
    Ok(Written { mentions, ..Written::default() })
}

fn csv_events(
    store: &Store,
    codes: &Codes,
    filter: &EventFilter,
    w: &mut dyn Write,
    path: &str,
    progress: &mut dyn FnMut(u64),
) -> Result<Written, ExportError> {
    let mut out = csv::Writer::from_writer(w);
    let err = |source| ExportError::Csv { path: path.to_string(), source };
    out.write_record(table::event_columns().iter().map(|(n, _)| *n)).map_err(err)?;
    let mut n = 0;
    for_each_events(store, filter, |rows| {
        for r in rows {
            out.write_record(table::event_row(&ExportEvent::from_stored(codes, r))).map_err(err)?;
        }
        n += rows.len() as u64;
        progress(n);
        Ok(())
    })?;
    out.flush().map_err(|source| ExportError::Write { path: path.to_string(), source })?;
    Ok(Written { events: n, ..Written::default() })
}

/// The documents that tell the selected events (every document with no filter), each
/// as its full output model, in id order.
fn jsonl_documents(
    store: &Store,
    filter: &EventFilter,
    w: &mut dyn Write,
    path: &str,
    progress: &mut dyn FnMut(u64),
) -> Result<Written, ExportError> {
    let mut n = 0;
    let mut write = |id: i64| -> Result<(), ExportError> {
        if let Some(d) = store.document(id)? {
            let line = serde_json::to_vec(&d).unwrap_or_default();
            w.write_all(&line)
                .and_then(|_| w.write_all(b"\n"))
                .map_err(|source| ExportError::Write { path: path.to_string(), source })?;
            n += 1;
            progress(n);
        }
        Ok(())
    };
    if *filter == EventFilter::default() {
        let mut after = 0;
        loop {
            let ids = store.document_ids(after, CHUNK)?;
            let Some(&last) = ids.last() else { break };
            after = last;
            ids.into_iter().try_for_each(&mut write)?;
        }
    } else {
        // A document's mentions are stored together, so its id repeats only in a run.
        let mut last = -1;
        let mut ids = Vec::new();
        for_each_mention(store, filter, |m, _| {
            if m.document != last {
                last = m.document;
                ids.push(m.document);
            }
            Ok(())
        })?;
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().try_for_each(&mut write)?;
    }
    Ok(Written { documents: n, ..Written::default() })
}

/// A Parquet file written a record batch at a time.
struct Table {
    path: String,
    columns: Vec<(&'static str, table::Col)>,
    writer: ArrowWriter<File>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn create(dir: &Path, name: &str, columns: Vec<(&'static str, table::Col)>) -> Result<Table, ExportError> {
        let p = dir.join(name);
        let path = p.display().to_string();
        let file = File::create(&p).map_err(|source| ExportError::Write { path: path.clone(), source })?;
        let writer = ArrowWriter::try_new(file, table::schema(&columns), None)
            .map_err(|source| ExportError::Parquet { path: path.clone(), source })?;
        Ok(Table { path, columns, writer, rows: Vec::new() })
    }

    fn push(&mut self, row: Vec<String>) -> Result<(), ExportError> {
        self.rows.push(row);
        if self.rows.len() >= CHUNK {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), ExportError> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let batch = table::batch(&self.columns, &self.rows)
            .map_err(|source| ExportError::Arrow { path: self.path.clone(), source })?;
        self.writer.write(&batch).map_err(|source| ExportError::Parquet { path: self.path.clone(), source })?;
        self.rows.clear();
        Ok(())
    }

    fn close(mut self) -> Result<(), ExportError> {
        self.flush()?;
        self.writer.close().map_err(|source| ExportError::Parquet { path: self.path.clone(), source })?;
        Ok(())
    }
}

fn parquet_dir(
    store: &Store,
    codes: &Codes,
    filter: &EventFilter,
    dir: &Path,
    progress: &mut dyn FnMut(u64),
) -> Result<Written, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Write { path: dir.display().to_string(), source })?;
    let mut written = Written::default();
    let mut events = Table::create(dir, "events.parquet", table::event_columns())?;
    for_each_events(store, filter, |rows| {
        for r in rows {
            events.push(table::event_row(&ExportEvent::from_stored(codes, r)))?;
        }
        written.events += rows.len() as u64;
        progress(written.events);
        Ok(())
    })?;
    events.close()?;
    let mut mentions = Table::create(dir, "mentions.parquet", table::mention_columns())?;
    let mut docs = Vec::new();
    written.mentions = for_each_mention(store, filter, |m, text| {
        let mut row = gdelt::mention_fields(m, gdelt::stamp(&m.event_added).parse().unwrap_or(0), text);
        row.extend([m.document.to_string(), m.evidence.clone()]);
        if docs.last() != Some(&m.document) {
            docs.push(m.document);
        }
        mentions.push(row)
    })?;
    mentions.close()?;
    docs.sort_unstable();
    docs.dedup();
    written.documents = documents_table(store, dir, &docs)?;
    Ok(written)
}

fn documents_table(store: &Store, dir: &Path, ids: &[i64]) -> Result<u64, ExportError> {
    let mut t = Table::create(dir, "documents.parquet", table::document_columns())?;
    let (mut n, mut after) = (0, 0);
    loop {
        let rows = store.documents(&Default::default(), Page { limit: CHUNK, offset: 0, after })?;
        let Some(last) = rows.last() else { break };
        after = last.id;
        for d in rows.into_iter().filter(|d| ids.binary_search(&d.id).is_ok()) {
            let opt = |x: Option<String>| x.unwrap_or_default();
            let f = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
            t.push(vec![
                d.id.to_string(),
                d.record_id,
                d.story.to_string(),
                f(d.similarity),
                opt(d.title),
                opt(d.published),
                opt(d.url),
                opt(d.source_name),
                opt(d.language),
                d.format,
                d.origin,
                d.bytes.to_string(),
                d.events.to_string(),
                f(d.tone),
                opt(d.not_coded),
                d.ingested_at,
            ])?;
            n += 1;
        }
    }
    t.close()?;
    Ok(n)
}
