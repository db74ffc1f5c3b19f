//! dateline's embedded database (SQLite, WAL): coded documents kept once, reports of
//! the same story grouped, events aggregated across reports as GDELT aggregates them.
//!
//! - [`Store::open`] creates or opens a database; [`Store::open_read_only`] is for
//!   readers (the server) beside a writer.
//! - Ingest: [`prepare`] codes a record into a [`Prepared`] document (on any thread);
//!   [`Store::write_batch`] stores a batch in one transaction, so a killed ingest
//!   leaves whole documents or none, and the same command again resumes where it
//!   stopped: a document whose text is stored (same SHA-256) is not stored again.
//! - Codings: everything the coder wrote belongs to a coding (the dateline and
//!   dictionary versions); a re-coding is built beside the current one and replaces it
//!   in one transaction ([`coding`]).
//! - Reading: [`query`] holds the filters shared by `dateline query`, the server and
//!   the exports, and the rows they return.
//!
//! Every statement is a constant string with bound parameters: no SQL is built from
//! input.

mod bands;
pub mod coding;
pub mod explore;
pub mod minhash;
pub mod query;
mod write;

use std::path::Path;
use std::time::Duration;

use dateline_engine::{Document, Engine, Record};
use rusqlite::{Connection, OpenFlags, OptionalExtension};

pub use coding::CodingId;
pub use minhash::Signature;
pub use write::BatchReport;

/// The version of the database layout this dateline reads and writes.
pub const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = include_str!("schema.sql");

/// What went wrong with the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot open the database: {source}")]
    Open { path: String, source: rusqlite::Error },
    #[error("{path}: not a dateline database")]
    Foreign { path: String },
    #[error("{path}: database schema version {found}; this dateline reads version {SCHEMA_VERSION}")]
    Schema { path: String, found: String },
    #[error("database: {0}")]
    Sql(rusqlite::Error),
    /// A query ran past the deadline set with [`Store::set_deadline`].
    #[error("the query took longer than the time allowed")]
    TimedOut,
    #[error("document {id}: its stored layers are damaged: {reason}")]
    Damaged { id: i64, reason: String },
    /// A query parameter that cannot be used: which one, and why.
    #[error("{param}: {reason}")]
    Param { param: &'static str, reason: String },
    #[error("the database is read-only here")]
    ReadOnly,
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        match e {
            rusqlite::Error::SqliteFailure(err, _) if err.code == rusqlite::ErrorCode::OperationInterrupted => {
                StoreError::TimedOut
            }
            e => StoreError::Sql(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// When the statements of a connection must stop; shared with its progress handler.
type Deadline = std::sync::Arc<std::sync::Mutex<Option<std::time::Instant>>>;

/// An open database.
pub struct Store {
    conn: Connection,
    read_only: bool,
    deadline: Deadline,
    /// The writer's filter of stored band keys, filled at its first batch.
    bands: std::cell::RefCell<Option<bands::BandFilter>>,
}

impl Store {
    /// Opens `path` for reading and writing, creating the database when absent.
    pub fn open(path: &Path) -> Result<Store> {
        let name = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| StoreError::Open { path: name.clone(), source })?;
        conn.busy_timeout(Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        tune(&conn, WRITER_MMAP_MB)?;
        let store = Store { conn, read_only: false, deadline: Deadline::default(), bands: Default::default() };
        store.check_or_create(&name)?;
        Ok(store)
    }

    /// Opens an existing database for reading only (writers may work beside it).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let name = path.display().to_string();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let mut conn = Connection::open_with_flags(path, flags)
            .map_err(|source| StoreError::Open { path: name.clone(), source })?;
        conn.busy_timeout(Duration::from_secs(5))?;
        tune(&conn, MMAP_MB)?;
        let deadline = Deadline::default();
        let watched = deadline.clone();
        let past = move || watched.lock().is_ok_and(|d| d.is_some_and(|d| std::time::Instant::now() >= d));
        conn.progress_handler(PROGRESS_OPS, Some(past))?;
        let store = Store { conn, read_only: true, deadline, bands: Default::default() };
        match store.schema_version(&name)? {
            Some(_) => Ok(store),
            None => Err(StoreError::Foreign { path: name }),
        }
    }

    /// The schema version stored in `meta`, `None` in an empty database; an error for
    /// another program's database or another version.
    fn schema_version(&self, name: &str) -> Result<Option<i64>> {
        let tables: i64 =
            self.conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table'", [], |r| r.get(0))?;
        if tables == 0 {
            return Ok(None);
        }
        let has_meta: i64 = self.conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
            [],
            |r| r.get(0),
        )?;
        if has_meta == 0 {
            return Err(StoreError::Foreign { path: name.to_string() });
        }
        let found: Option<String> =
            self.conn.query_row("SELECT value FROM meta WHERE key = 'schema_version'", [], |r| r.get(0)).optional()?;
        match found {
            Some(v) if v == SCHEMA_VERSION.to_string() => Ok(Some(SCHEMA_VERSION)),
            Some(v) => Err(StoreError::Schema { path: name.to_string(), found: v }),
            None => Err(StoreError::Foreign { path: name.to_string() }),
        }
    }

    fn check_or_create(&self, name: &str) -> Result<()> {
        if self.schema_version(name)?.is_some() {
            return Ok(());
        }
        let tx = self.conn.unchecked_transaction()?;
        tx.execute_batch(SCHEMA)?;
        tx.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?1)", [SCHEMA_VERSION.to_string()])?;
        tx.commit()?;
        Ok(())
    }

    /// The stored document with this text hash, if any.
    pub fn document_with_hash(&self, hash: &str) -> Result<Option<i64>> {
        let mut st = self.conn.prepare_cached("SELECT id FROM documents WHERE content_hash = ?1")?;
        Ok(st.query_row([hash], |r| r.get(0)).optional()?)
    }

    /// Moves the write-ahead log into the database and empties it (after a run of
    /// writes, so the database is one file again).
    pub fn checkpoint(&self) -> Result<()> {
        self.writable()?;
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Stops every statement of this (read-only) connection that runs past `at` with
    /// [`StoreError::TimedOut`]; `None` lifts the limit. Writers are never stopped.
    pub fn set_deadline(&self, at: Option<std::time::Instant>) {
        if let Ok(mut d) = self.deadline.lock() {
            *d = at;
        }
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    fn writable(&self) -> Result<()> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        Ok(())
    }
}

/// Page cache and memory map, so that index lookups in a large database stay in
/// memory: at most [`CACHE_MB`] of cache per connection (a fixed bound, whatever the
/// size of the database) and a map of up to `mmap_mb` the kernel pages in and out.
fn tune(conn: &Connection, mmap_mb: i64) -> Result<()> {
    conn.pragma_update(None, "cache_size", -(CACHE_MB * 1024))?;
    conn.pragma_update(None, "mmap_size", mmap_mb << 20)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(())
}

/// SQLite virtual-machine steps between two looks at a reader's deadline.
const PROGRESS_OPS: i32 = 1_000;

/// The page cache of a connection, in MB.
pub const CACHE_MB: i64 = 64;
/// The memory map of a reading connection, in MB.
pub const MMAP_MB: i64 = 256;
/// The memory map of the writing connection, in MB: none. The writer reads little (the
/// band keys and signatures of candidate stories, event keys) and its page cache holds
/// that; a map would add the database's pages it touches to the process's resident
/// memory (256 MB of the 695 MB peak of a 1 GB ingest), for no measured gain in speed.
pub const WRITER_MMAP_MB: i64 = 0;

/// The SHA-256 of a record's text: what makes two records the same document.
pub fn content_hash(text: &str) -> String {
    dateline_dict::sha256_hex(text.as_bytes())
}

/// A coded document ready to store, with what the record said that the output model
/// does not keep (so that a re-coding reads the record as the first coding did).
#[derive(Debug, Clone)]
pub struct Prepared {
    pub coded: Coded,
    pub hash: String,
    pub signature: Option<Signature>,
    /// The date the input gave, as given.
    pub given_date: Option<String>,
    /// The `--date` in force for records without one.
    pub default_date: Option<String>,
    pub extracted: bool,
    pub warnings: Vec<String>,
}

/// Codes `rec` with `engine` into a document ready to store; `hash` is its
/// [`content_hash`].
pub fn prepare(engine: &Engine, rec: Record, hash: String, default_date: Option<String>) -> Prepared {
    let signature = Signature::of(&rec.text);
    let (given_date, extracted, warnings) = (rec.date.clone(), rec.extracted, rec.warnings.clone());
    let coded = Coded::new(engine.process(rec));
    Prepared { coded, hash, signature, given_date, default_date, extracted, warnings }
}

/// A coded document and its layers packed as the store keeps them (packed on the
/// coding threads, so the writer only writes). `document` keeps its text and every
/// span, but not the fields that copy slices of the text (evidence, words).
#[derive(Debug, Clone)]
pub struct Coded {
    pub document: Document,
    pub layers: Vec<u8>,
}

impl Coded {
    pub fn new(mut document: Document) -> Coded {
        let layers = write::pack_layers(&mut document);
        Coded { document, layers }
    }
}

#[cfg(test)]
mod tests;
