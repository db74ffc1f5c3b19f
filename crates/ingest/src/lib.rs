//! Readers: turn files, directories and standard input into [`Record`]s — text plus
//! whatever metadata the input carries — one at a time, streaming.
//!
//! Reading never panics and never stops at the first bad record: every problem is a
//! [`ReadError`] naming the input, the record (line, WARC offset, feed item) and the
//! reason, handed to the caller in order with the good records, and the reader goes
//! on with the next record.

mod detect;
mod jsonl;
mod text;
mod walk;

use std::fmt;
use std::io::{self, Read};
use std::path::PathBuf;

pub use detect::{detect_format, Format};
pub use walk::{expand_inputs, Input};

/// Records larger than this are refused (the default of `--max-doc-bytes`).
pub const DEFAULT_MAX_RECORD_BYTES: usize = 16 * 1024 * 1024;

/// One document as read, before any annotation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// JSON Lines `id`, else the file name (with `#n` for the n-th record of a container).
    pub id: String,
    pub text: String,
    pub format: &'static str,
    /// Where it came from: `path`, `path:line`, `path@offset`.
    pub origin: String,
    pub title: Option<String>,
    pub lead: Option<String>,
    /// A publication date as the input gives it (ISO 8601 preferred).
    pub date: Option<String>,
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
    #[error("{input}: binary data (a NUL byte at offset {offset}), not text")]
    Binary { input: String, offset: usize },
    #[error("{input}: invalid UTF-8 at byte {offset}{}", hint(.line))]
    Encoding { input: String, offset: usize, line: Option<usize> },
    #[error("{input}: empty, nothing to read")]
    Empty { input: String },
    #[error("{input}: line {line}: {reason}")]
    Record { input: String, line: usize, reason: String },
    #[error("{input}{}: {size} bytes, over the limit of {limit} bytes per record (--max-doc-bytes)", hint(.line))]
    TooLarge { input: String, line: Option<usize>, size: usize, limit: usize },
    #[error("{input}: {reason}")]
    Format { input: String, reason: String },
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
            | ReadError::Format { input, .. } => input,
        }
    }
}

/// How to read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Force a format instead of detecting it.
    pub format: Option<Format>,
    pub max_record_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { format: None, max_record_bytes: DEFAULT_MAX_RECORD_BYTES }
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
    // Peek at the start (decompressed when gzip) to detect the format.
    let (format, mut reader) = match detect::sniff(&name, &mut reader, opts.format) {
        Ok(x) => x,
        Err(source) => {
            let _ = sink(Err(ReadError::Io { input: name, source }));
            return;
        }
    };
    match format {
        Format::Jsonl => jsonl::read(&name, &mut reader, opts, sink),
        Format::Text => text::read(&name, &mut reader, opts, sink),
        other => {
            let _ = sink(Err(ReadError::Format {
                input: name,
                reason: format!("{} input is not supported by this build", other.name()),
            }));
        }
    }
}

/// Reads the whole of `reader` up to `limit` bytes; `Ok(Err(size))` when over.
pub(crate) fn read_bounded(reader: &mut dyn Read, limit: usize) -> io::Result<Result<Vec<u8>, usize>> {
    let mut buf = Vec::new();
    let n = reader.take(limit as u64 + 1).read_to_end(&mut buf)?;
    if n > limit {
        // Count the rest without keeping it, for the message.
        let rest = io::copy(reader, &mut io::sink())? as usize;
        return Ok(Err(n + rest));
    }
    Ok(Ok(buf))
}

/// Checks bytes are text: no NUL, valid UTF-8 (a leading BOM is dropped).
pub(crate) fn to_text(input: &str, bytes: Vec<u8>, line: Option<usize>) -> Result<String, ReadError> {
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(ReadError::Binary { input: input.to_string(), offset });
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

#[allow(dead_code)]
pub(crate) fn path_of(input: &Input) -> Option<PathBuf> {
    match input {
        Input::Path(p) => Some(p.clone()),
        Input::Stdin => None,
    }
}
