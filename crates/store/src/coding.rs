//! Codings: which dateline and dictionaries coded the stored documents.
//!
//! Exactly one coding is `current` once anything is stored; queries read it alone. A
//! re-coding (`dateline recode`) is a `building` coding filled beside it, document by
//! document in batches; when every document is coded, one transaction makes it current
//! and removes the old one. A re-coding killed half-way leaves the old coding current
//! and untouched, and the same command resumes the building one.

use dateline_engine::{Record, Versions};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use crate::{Result, Store};

/// A coding's id.
pub type CodingId = i64;

/// A coding, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Coding {
    pub id: CodingId,
    pub state: String,
    pub dateline_version: String,
    pub dict_version: String,
    pub place_index: Option<String>,
    pub started_at: String,
}

impl Coding {
    /// Whether `v` codes as this coding did.
    pub fn matches(&self, v: &Versions) -> bool {
        self.dateline_version == v.dateline_version
            && self.dict_version == v.dict_version
            && self.place_index == v.place_index
    }
}

/// A stored document as the record it was read from, for re-coding.
#[derive(Debug, Clone)]
pub struct StoredRecord {
    pub id: i64,
    pub record: Record,
    pub default_date: Option<String>,
}

/// The current time, for the `*_at` columns (UTC, ISO 8601, seconds).
pub(crate) fn now() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The `&'static` format name of a stored format string.
fn format_name(s: &str) -> &'static str {
    dateline_ingest::Format::from_name(s).map(|f| f.name()).unwrap_or("text")
}

impl Store {
    fn coding_in_state(&self, state: &str) -> Result<Option<Coding>> {
        let mut st = self.conn().prepare_cached(
            "SELECT id, state, dateline_version, dict_version, place_index, started_at FROM codings WHERE state = ?1 ORDER BY id DESC LIMIT 1",
        )?;
        let row = st
            .query_row([state], |r| {
                Ok(Coding {
                    id: r.get(0)?,
                    state: r.get(1)?,
                    dateline_version: r.get(2)?,
                    dict_version: r.get(3)?,
                    place_index: r.get(4)?,
                    started_at: r.get(5)?,
                })
            })
            .optional()?;
        Ok(row)
    }

    /// The coding queries read; `None` in an empty database.
    pub fn current_coding(&self) -> Result<Option<Coding>> {
        self.coding_in_state("current")
    }

    /// A re-coding under way, if any.
    pub fn building_coding(&self) -> Result<Option<Coding>> {
        self.coding_in_state("building")
    }

    fn insert_coding(&self, state: &str, v: &Versions) -> Result<Coding> {
        self.conn().execute(
            "INSERT INTO codings (state, dateline_version, dict_version, place_index, started_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![state, v.dateline_version, v.dict_version, v.place_index, now()],
        )?;
        let id = self.conn().last_insert_rowid();
        Ok(Coding {
            id,
            state: state.to_string(),
            dateline_version: v.dateline_version.clone(),
            dict_version: v.dict_version.clone(),
            place_index: v.place_index.clone(),
            started_at: now(),
        })
    }

    /// The coding new documents are stored in: the current one (created with `v` in an
    /// empty database). Documents record their own versions, so a database ingested
    /// with other dictionaries says so in `status` until it is re-coded.
    pub fn coding_for_ingest(&self, v: &Versions) -> Result<Coding> {
        self.writable()?;
        match self.current_coding()? {
            Some(c) => Ok(c),
            None => self.insert_coding("current", v),
        }
    }

    /// Starts a re-coding with `v`, or resumes the one under way with the same
    /// versions (one under way with other versions is dropped first).
    pub fn begin_recode(&self, v: &Versions) -> Result<Coding> {
        self.writable()?;
        if let Some(b) = self.building_coding()? {
            if b.matches(v) {
                return Ok(b);
            }
            let tx = self.conn().unchecked_transaction()?;
            delete_coding(&tx, b.id)?;
            tx.commit()?;
        }
        self.insert_coding("building", v)
    }

    /// How many documents `coding` has coded, and how many are stored.
    pub fn coding_progress(&self, coding: CodingId) -> Result<(i64, i64)> {
        let done = self.conn().query_row("SELECT count(*) FROM coded WHERE coding_id = ?1", [coding], |r| r.get(0))?;
        let all = self.conn().query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
        Ok((done, all))
    }

    /// Up to `limit` stored documents after id `after` that `coding` has not coded,
    /// in id order, as the records they were read from.
    pub fn uncoded(&self, coding: CodingId, after: i64, limit: usize) -> Result<Vec<StoredRecord>> {
        let mut st = self.conn().prepare_cached(
            "SELECT d.id, d.record_id, d.text, d.format, d.origin, d.title, d.lead, d.given_date, d.url, d.author, d.site, d.language,
                    d.extracted, d.warnings, d.default_date
             FROM documents d
             WHERE d.id > ?1 AND NOT EXISTS (SELECT 1 FROM coded c WHERE c.coding_id = ?2 AND c.document_id = d.id)
             ORDER BY d.id LIMIT ?3",
        )?;
        let rows = st.query_map(params![after, coding, limit as i64], |r| {
            let warnings: String = r.get(13)?;
            let format: String = r.get(3)?;
            Ok(StoredRecord {
                id: r.get(0)?,
                record: Record {
                    id: r.get(1)?,
                    text: r.get(2)?,
                    format: format_name(&format),
                    origin: r.get(4)?,
                    title: r.get(5)?,
                    lead: r.get(6)?,
                    date: r.get(7)?,
                    date_why: None,
                    url: r.get(8)?,
                    author: r.get(9)?,
                    site: r.get(10)?,
                    language: r.get(11)?,
                    extracted: r.get::<_, i64>(12)? != 0,
                    warnings: serde_json::from_str(&warnings).unwrap_or_default(),
                },
                default_date: r.get(14)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Makes the building `coding` current and removes the coding it replaces, in one
    /// transaction. `false` (and nothing changed) while some document is not coded yet.
    pub fn finish_recode(&self, coding: CodingId) -> Result<bool> {
        self.writable()?;
        let tx = self.conn().unchecked_transaction()?;
        let missing: i64 = tx.query_row(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM coded c WHERE c.coding_id = ?1 AND c.document_id = d.id)",
            [coding],
            |r| r.get(0),
        )?;
        if missing > 0 {
            return Ok(false);
        }
        let old: Vec<i64> = {
            let mut st = tx.prepare("SELECT id FROM codings WHERE state = 'current'")?;
            let ids = st.query_map([], |r| r.get(0))?.collect::<Result<Vec<i64>, _>>()?;
            ids
        };
        for id in old {
            delete_coding(&tx, id)?;
        }
        tx.execute("UPDATE codings SET state = 'current' WHERE id = ?1", [coding])?;
        tx.commit()?;
        Ok(true)
    }
}

/// Removes everything a coding wrote, and the coding.
fn delete_coding(tx: &Transaction<'_>, id: CodingId) -> Result<()> {
    for sql in [
        "DELETE FROM mentions WHERE coding_id = ?1",
        "DELETE FROM event_sources WHERE event_id IN (SELECT id FROM events WHERE coding_id = ?1)",
        "DELETE FROM events WHERE coding_id = ?1",
        "DELETE FROM entities WHERE coding_id = ?1",
        "DELETE FROM places WHERE coding_id = ?1",
        "DELETE FROM quotes WHERE coding_id = ?1",
        "DELETE FROM amounts WHERE coding_id = ?1",
        "DELETE FROM coded WHERE coding_id = ?1",
        "DELETE FROM codings WHERE id = ?1",
    ] {
        tx.execute(sql, [id])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_to_dates() {
        assert_eq!(super::civil_from_days(0), (1970, 1, 1));
        assert_eq!(super::civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(super::civil_from_days(11_016), (2000, 2, 29));
    }
}
