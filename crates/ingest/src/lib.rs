//! Readers: turn files, directories and standard input into [`Record`]s — text plus
//! whatever metadata the input carries — one at a time, streaming.
//!
//! Reading never panics and never stops at the first bad record: every problem is a
//! [`ReadError`] naming the input, the record (line, WARC offset, feed item) and the
//! reason, handed to the caller in order with the good records, and the reader goes
//! on with the next record (in a WARC whose framing is broken, the next line that
//! starts a record is looked for).
//!
//! Formats: plain text and JSON Lines (`text`, `jsonl`), web pages (`html`: the
//! article body and metadata are extracted, see `html/`), feeds (`feed`: RSS, Atom,
//! JSON Feed, one record per item) and WARC archives (`warc`: one record per HTML
//! response; [`read_warc_with_stats`] also counts what was skipped). Gzip is looked
//! through for all of them; [`read_bytes`] reads input already in memory.

mod charset;
mod date;
mod detect;
mod feed;
mod gzip;
mod html;
mod jsonl;
mod lang;
mod stream;
mod text;
mod vocab;
mod walk;
mod warc;

use std::fmt;
use std::io::{self, BufRead, Read};
use std::sync::Arc;

pub use detect::{detect_format, Format};
pub use vocab::{Vocabulary, VocabularyError, VOCABULARY_FILES};
pub use walk::{expand_inputs, walk_inputs, Expanded, Input};
pub use warc::WarcStats;

/// Records larger than this are refused (the default of `--max-doc-bytes`).
pub const DEFAULT_MAX_RECORD_BYTES: usize = 16 * 1024 * 1024;

/// One document as read, before any annotation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// JSON Lines `id`; a feed item's id or link; for a web page the file name without
    /// `.gz` and `.html`; for a WARC page `file#n` (the n-th WARC record); else the file name.
    pub id: String,
    pub text: String,
    pub format: &'static str,
    /// Where it came from: `path`, `path:line` (JSON Lines), `path#n` (the n-th feed
    /// item), `path@offset` (a WARC record's offset in the decompressed archive).
    pub origin: String,
    pub title: Option<String>,
    pub lead: Option<String>,
    /// A publication date as the input gives it (ISO 8601 preferred; pages and feed
    /// items give `YYYY-MM-DD`, or nothing rather than a guess).
    pub date: Option<String>,
    /// For an extracted page: where its date was read (`json-ld datePublished`, ...),
    /// or why it has none.
    pub date_why: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub site: Option<String>,
    pub language: Option<String>,
    /// True when `text` is an article body extracted from markup (no wire header to parse).
    pub extracted: bool,
    /// Non-fatal problems met while reading this record.
    pub warnings: Vec<String>,
}

/// What went wrong with one input or one record of it.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{input}: cannot read: {source}")]
    Io { input: String, source: io::Error },
    #[error("{input}: binary data ({reason}), not text")]
    Binary { input: String, reason: String },
    #[error("{input}: invalid UTF-8 at byte {offset}{}", hint(.line))]
    Encoding { input: String, offset: usize, line: Option<usize> },
    #[error("{input}: empty, nothing to read")]
    Empty { input: String },
    #[error("{input}: line {line}: {reason}")]
    Record { input: String, line: usize, reason: String },
    /// A record over the size limit. `size` is known when the reader went on past it
    /// to the next record (a JSON Lines line); a single-document input is not read
    /// past the limit, so that an endless stream (`/dev/zero`, a pipe) ends there.
    #[error("{input}{}: {}", hint(.line), over(.size, .limit))]
    TooLarge { input: String, line: Option<usize>, size: Option<usize>, limit: usize },
    #[error("{input}: {reason}")]
    Format { input: String, reason: String },
    /// A feed item (numbered from 1) that cannot be read.
    #[error("{input}: item {item}: {reason}")]
    Item { input: String, item: usize, reason: String },
    /// A WARC record, by its byte offset in the (decompressed) archive.
    #[error("{input}: WARC record at offset {offset}: {reason}")]
    Warc { input: String, offset: u64, reason: String },
}

fn over(size: &Option<usize>, limit: &usize) -> String {
    match size {
        Some(size) => format!("{size} bytes, over the limit of {limit} bytes per record (--max-doc-bytes)"),
        None => format!("over {limit} bytes, the limit per record (--max-doc-bytes); not read further"),
    }
}

fn hint(line: &Option<usize>) -> String {
    match line {
        Some(l) => format!(" (line {l})"),
        None => String::new(),
    }
}

impl ReadError {
    /// The input the error is about.
    pub fn input(&self) -> &str {
        match self {
            ReadError::Io { input, .. }
            | ReadError::Binary { input, .. }
            | ReadError::Encoding { input, .. }
            | ReadError::Empty { input }
            | ReadError::Record { input, .. }
            | ReadError::TooLarge { input, .. }
            | ReadError::Format { input, .. }
            | ReadError::Item { input, .. }
            | ReadError::Warc { input, .. } => input,
        }
    }
}

impl Record {
    /// A record a program hands over (the Python module, Spark): read as a JSON Lines
    /// record with these fields is, so both code it alike. Empty `date` and `url` are
    /// none; the language is identified from the text.
    pub fn from_fields(id: String, text: String, date: Option<String>, url: Option<String>, origin: String) -> Record {
        let given = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        Record {
            id,
            format: "jsonl",
            origin,
            date: given(date),
            url: given(url),
            language: lang::detect(&text),
            text,
            ..Record::default()
        }
    }
}

/// How to read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Force a format instead of detecting it.
    pub format: Option<Format>,
    pub max_record_bytes: usize,
    /// The words pages and dates are read by: the built-in ones, or those of the
    /// engine (with a `--dict` overlay).
    pub vocabulary: Arc<Vocabulary>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { format: None, max_record_bytes: DEFAULT_MAX_RECORD_BYTES, vocabulary: Vocabulary::builtin() }
    }
}

/// What the sink says after each item: go on, or stop reading this input.
pub type Flow = std::ops::ControlFlow<()>;

/// Reads one input, handing each record or error to `sink` in input order.
pub fn read_input(input: &Input, opts: &ReadOptions, sink: &mut dyn FnMut(Result<Record, ReadError>) -> Flow) {
    let name = input.name();
    let reader: Box<dyn Read> = match input.open() {
        Ok(r) => r,
        Err(source) => {
            let _ = sink(Err(ReadError::Io { input: name, source }));
            return;
        }
    };
    let mut reader = io::BufReader::with_capacity(64 * 1024, reader);
    read_stream(&name, &mut reader, opts.format, opts, sink);
}

/// Reads an input already in memory, as [`read_input`] reads a file called `name`
/// (the name gives the record ids and may tell the format): for tests, fuzzing and
/// callers that fetched the bytes themselves. `format` (else `opts.format`) forces a
/// format instead of detecting it; gzip is looked through.
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
    format: Option<Format>,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Result<Record, ReadError>) -> Flow,
) {
    let mut reader: &[u8] = bytes;
    read_stream(name, &mut reader, format.or(opts.format), opts, sink);
}

/// Detects the format of a stream (looking through gzip and UTF-16) and hands it to
/// its reader. Binary content is refused whatever its name (a WARC archive's pages
/// are looked at one by one); every record's text is cleaned of control characters
/// and carries the notes about the stream (its encoding, where its gzip data broke).
fn read_stream(
    name: &str,
    reader: &mut dyn BufRead,
    forced: Option<Format>,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Result<Record, ReadError>) -> Flow,
) {
    let notes = stream::Notes::default();
    // Peek at the start (decompressed when gzip) to detect the format.
    let (format, mut reader) = match detect::sniff(name, reader, forced, &notes) {
        Ok(x) => x,
        Err(source) => {
            let _ = sink(Err(ReadError::Io { input: name.to_string(), source }));
            return;
        }
    };
    if format != Format::Warc {
        let head = reader.fill_buf().unwrap_or(&[]);
        if let Some(reason) = stream::binary_reason(head) {
            let _ = sink(Err(ReadError::Binary { input: name.to_string(), reason }));
            return;
        }
    }
    let mut sink = |item: Result<Record, ReadError>| {
        sink(item.map(|mut rec| {
            stream::clean_record(&mut rec);
            notes.attach(&mut rec);
            rec
        }))
    };
    match format {
        Format::Jsonl => jsonl::read(name, &mut reader, opts, &mut sink),
        Format::Text => text::read(name, &mut reader, opts, &mut sink),
        Format::Html => html::read(name, &mut reader, opts, &mut sink),
        Format::Feed => feed::read(name, &mut reader, opts, &mut sink),
        Format::Warc => {
            warc::read(name, &mut reader, opts, &mut sink);
        }
    }
    if let Some(reason) = notes.take_broken() {
        let _ = sink(Err(ReadError::Format { input: name.to_string(), reason }));
    }
}

/// Reads a WARC archive (gzip looked through) as [`read_input`] does, and returns what
/// it held: pages, and records skipped by kind. (Through `read_input` the skipped
/// records show only as a warning on the next page.)
pub fn read_warc_with_stats(
    input: &Input,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Result<Record, ReadError>) -> Flow,
) -> WarcStats {
    let name = input.name();
    let reader = match input.open() {
        Ok(r) => r,
        Err(source) => {
            let _ = sink(Err(ReadError::Io { input: name, source }));
            return WarcStats::default();
        }
    };
    let mut reader = io::BufReader::with_capacity(64 * 1024, reader);
    let notes = stream::Notes::default();
    let stats = match detect::sniff(&name, &mut reader, Some(Format::Warc), &notes) {
        Ok((_, mut stream)) => {
            let stats = warc::read(&name, &mut stream, opts, sink);
            if let Some(reason) = notes.take_broken() {
                let _ = sink(Err(ReadError::Format { input: name.clone(), reason }));
            }
            stats
        }
        Err(source) => {
            let _ = sink(Err(ReadError::Io { input: name.clone(), source }));
            WarcStats::default()
        }
    };
    stats
}

/// Reads the whole of `reader` up to `limit` bytes; `Ok(None)` when there is more.
/// Nothing past the limit is read (an endless stream ends here).
pub(crate) fn read_bounded(reader: &mut dyn Read, limit: usize) -> io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    let n = reader.take(limit as u64 + 1).read_to_end(&mut buf)?;
    Ok((n <= limit).then_some(buf))
}

/// Reads a whole single-document input within the record size limit.
pub(crate) fn read_whole(name: &str, reader: &mut dyn Read, opts: &ReadOptions) -> Result<Vec<u8>, ReadError> {
    match read_bounded(reader, opts.max_record_bytes) {
        Ok(Some(b)) => Ok(b),
        Ok(None) => {
            Err(ReadError::TooLarge { input: name.to_string(), line: None, size: None, limit: opts.max_record_bytes })
        }
        Err(source) => Err(ReadError::Io { input: name.to_string(), source }),
    }
}

/// Checks bytes are text: no NUL, valid UTF-8 (a leading BOM is dropped).
pub(crate) fn to_text(input: &str, bytes: Vec<u8>, line: Option<usize>) -> Result<String, ReadError> {
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(ReadError::Binary { input: input.to_string(), reason: format!("a NUL byte at offset {offset}") });
    }
    let bytes = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) { bytes[3..].to_vec() } else { bytes };
    String::from_utf8(bytes).map_err(|e| ReadError::Encoding {
        input: input.to_string(),
        offset: e.utf8_error().valid_up_to(),
        line,
    })
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The file name of a path, for record ids.
pub(crate) fn file_name(path: &std::path::Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}
