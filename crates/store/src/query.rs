//! Reading the store: the filters shared by `dateline query`, the server and the
//! exports, and the rows they return.
//!
//! A filter is checked before it is used ([`EventFilter::check`]): a bad value is a
//! [`StoreError::Param`] naming the parameter. Statements are assembled from constant
//! fragments, each with its bound parameter; no input is ever part of the SQL.

use dateline_engine::Document;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::coding::Coding;
use crate::write::unpack_layers;
use crate::{Result, Store, StoreError};

/// Which events to return. Every field is optional; the given ones must all hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EventFilter {
    /// Events dated on or after this date (YYYY-MM-DD, YYYY-MM or YYYY).
    pub from: Option<String>,
    /// Events dated on or before this date (YYYY-MM-DD, YYYY-MM or YYYY; `2024` takes in all of 2024).
    pub to: Option<String>,
    /// An actor code or its start, on either side: `RUS` matches RUSGOV and RUSMIL.
    pub actor: Option<String>,
    /// The source's actor code or its start.
    pub source: Option<String>,
    /// The target's actor code or its start.
    pub target: Option<String>,
    /// An ISO 3166 alpha-3 country of either side.
    pub country: Option<String>,
    /// A CAMEO code, exactly ("057").
    pub code: Option<String>,
    /// A CAMEO root code ("05").
    pub root: Option<String>,
    /// A PLOVER event type ("AGREE").
    pub plover: Option<String>,
    /// A quad class, 1 to 4.
    pub quad_class: Option<u8>,
    /// Where the event took place: a place name or an ISO3 country.
    pub place: Option<String>,
    pub negated: Option<bool>,
    pub hypothetical: Option<bool>,
    pub future: Option<bool>,
    /// Full-text search (SQLite FTS5 syntax) over the texts of the reports.
    pub text: Option<String>,
    /// Reported by this source (a site, a host, a wire agency).
    pub site: Option<String>,
    pub story: Option<i64>,
    pub document: Option<i64>,
}

/// Which documents to return.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DocumentFilter {
    /// Published on or after this day.
    pub from: Option<String>,
    /// Published on or before this day.
    pub to: Option<String>,
    pub site: Option<String>,
    /// An ISO 639-1 language code.
    pub language: Option<String>,
    /// Full-text search (SQLite FTS5 syntax) over titles and texts.
    pub text: Option<String>,
    pub story: Option<i64>,
}

/// A page of results: at most `limit` rows after the row with id `after`, or after
/// skipping `offset` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub limit: usize,
    pub offset: usize,
    pub after: i64,
}

impl Default for Page {
    fn default() -> Page {
        Page { limit: 100, offset: 0, after: 0 }
    }
}

fn bad(param: &'static str, reason: impl Into<String>) -> StoreError {
    StoreError::Param { param, reason: reason.into() }
}

fn check_day(param: &'static str, v: &Option<String>) -> Result<()> {
    match v {
        Some(s) if !is_date(s) => Err(bad(param, format!("{s:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"))),
        _ => Ok(()),
    }
}

/// A date as the store writes them: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
fn is_date(s: &str) -> bool {
    dateline_core::Date::parse(s).is_some_and(|d| d.to_string() == s)
}

fn check_code(param: &'static str, v: &Option<String>, lengths: std::ops::RangeInclusive<usize>) -> Result<()> {
    match v {
        Some(s) if !(lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())) => {
            Err(bad(param, format!("{s:?} is not a CAMEO code of {}-{} digits", lengths.start(), lengths.end())))
        }
        _ => Ok(()),
    }
}

fn check_actor(param: &'static str, v: &Option<String>) -> Result<()> {
    match v {
        Some(s) if s.is_empty() || s.len() > 30 || !s.bytes().all(|b| b.is_ascii_alphanumeric()) => {
            Err(bad(param, format!("{s:?} is not a CAMEO actor code (letters and digits)")))
        }
        _ => Ok(()),
    }
}

fn check_iso3(param: &'static str, v: &Option<String>) -> Result<()> {
    match v {
        Some(s) if !(s.len() == 3 && s.bytes().all(|b| b.is_ascii_alphabetic())) => {
            Err(bad(param, format!("{s:?} is not an ISO 3166 alpha-3 code")))
        }
        _ => Ok(()),
    }
}

impl EventFilter {
    /// Checks every given value; the error names the first bad parameter.
    pub fn check(&self) -> Result<()> {
        check_day("from", &self.from)?;
        check_day("to", &self.to)?;
        for (p, v) in [("actor", &self.actor), ("source", &self.source), ("target", &self.target)] {
            check_actor(p, v)?;
        }
        check_iso3("country", &self.country)?;
        check_code("code", &self.code, 2..=4)?;
        check_code("root", &self.root, 2..=2)?;
        if let Some(q) = self.quad_class.filter(|q| !(1..=4).contains(q)) {
            return Err(bad("quad_class", format!("{q} is not a quad class (1 to 4)")));
        }
        if self.text.as_deref().is_some_and(|t| t.trim().is_empty()) {
            return Err(bad("text", "an empty search"));
        }
        Ok(())
    }
}

impl DocumentFilter {
    pub fn check(&self) -> Result<()> {
        check_day("from", &self.from)?;
        check_day("to", &self.to)?;
        if self.text.as_deref().is_some_and(|t| t.trim().is_empty()) {
            return Err(bad("text", "an empty search"));
        }
        Ok(())
    }
}

/// A statement assembled from constant fragments and their bound values.
#[derive(Clone)]
pub(crate) struct Sql {
    pub(crate) text: String,
    pub(crate) values: Vec<Value>,
}

impl Sql {
    /// `head`'s first parameter is the coding, so fragments may name it `?1`.
    pub(crate) fn new(head: &'static str, coding: i64) -> Sql {
        Sql { text: head.to_string(), values: vec![Value::Integer(coding)] }
    }

    /// Adds `fragment` (with one `?` per value) when `v` is given.
    pub(crate) fn and<T: Into<Value> + Clone>(&mut self, fragment: &'static str, v: &Option<T>, times: usize) {
        if let Some(v) = v {
            self.text.push_str(" AND ");
            self.text.push_str(fragment);
            self.values.extend(std::iter::repeat_n(v.clone().into(), times));
        }
    }

    pub(crate) fn tail(&mut self, fragment: &'static str, values: impl IntoIterator<Item = Value>) {
        self.text.push(' ');
        self.text.push_str(fragment);
        self.values.extend(values);
    }
}

/// An event aggregated across reports, with its first report's evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventRow {
    pub id: i64,
    pub story: i64,
    pub date: Option<String>,
    pub code: String,
    pub name: Option<String>,
    pub root: String,
    pub base_code: String,
    pub plover: Option<String>,
    pub quad_class: Option<i64>,
    pub goldstein: Option<f64>,
    pub source_code: String,
    pub source_country: Option<String>,
    pub source_role: Option<String>,
    pub source_name: Option<String>,
    pub target_code: String,
    pub target_country: Option<String>,
    pub target_role: Option<String>,
    pub target_name: Option<String>,
    pub place_name: Option<String>,
    pub place_country: Option<String>,
    pub place_lat: Option<f64>,
    pub place_lon: Option<f64>,
    pub place_precision: Option<String>,
    pub negated: bool,
    pub hypothetical: bool,
    pub future: bool,
    pub is_root: bool,
    pub num_mentions: i64,
    pub num_articles: i64,
    pub num_sources: i64,
    pub avg_tone: Option<f64>,
    /// The first report: its document, URL, origin (file, line), when it was stored,
    /// and the sentence that tells the event.
    pub document: i64,
    pub url: Option<String>,
    pub origin: String,
    pub ingested_at: String,
    pub evidence: String,
}

/// A page of events is chosen first, on the index alone (the filter's conditions and the
/// page follow this head, then [`EVENT_PAGE_TAIL`]); only its rows are then joined to
/// their first report's evidence ([`EVENT_SELECT`]). Joined before the page is cut, every
/// matching event's evidence would be read and sliced from its document's text.
const EVENT_PAGE_HEAD: &str = "WITH page AS (SELECT e.id FROM events e WHERE e.coding_id = ?";
const EVENT_PAGE_TAIL: &str = "AND e.id > ? ORDER BY e.id LIMIT ? OFFSET ?)";

const EVENT_SELECT: &str = "SELECT e.id, e.story_id, e.date, e.code, e.name, e.root, e.base_code, e.plover, e.quad_class, e.goldstein,
        e.source_code, e.source_country, e.source_role, e.source_name, e.target_code, e.target_country, e.target_role, e.target_name,
        e.place_name, e.place_country, e.place_lat, e.place_lon, e.place_precision, e.negated, e.hypothetical, e.future, e.is_root,
        e.num_mentions, e.num_articles, e.num_sources, CASE WHEN e.tone_n > 0 THEN round(e.tone_sum / e.tone_n, 2) END, m.document_id, d.url,
        d.origin, d.ingested_at, CAST(substr(CAST(d.text AS BLOB), m.start + 1, m.end - m.start) AS TEXT)
     FROM page JOIN events e ON e.id = page.id
     JOIN mentions m ON m.id = (SELECT min(id) FROM mentions WHERE event_id = e.id)
     JOIN documents d ON d.id = m.document_id
     ORDER BY e.id";

fn event_row(r: &Row<'_>) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        id: r.get(0)?,
        story: r.get(1)?,
        date: r.get(2)?,
        code: r.get(3)?,
        name: r.get(4)?,
        root: r.get(5)?,
        base_code: r.get(6)?,
        plover: r.get(7)?,
        quad_class: r.get(8)?,
        goldstein: r.get(9)?,
        source_code: r.get(10)?,
        source_country: r.get(11)?,
        source_role: r.get(12)?,
        source_name: r.get(13)?,
        target_code: r.get(14)?,
        target_country: r.get(15)?,
        target_role: r.get(16)?,
        target_name: r.get(17)?,
        place_name: r.get(18)?,
        place_country: r.get(19)?,
        place_lat: r.get(20)?,
        place_lon: r.get(21)?,
        place_precision: r.get(22)?,
        negated: r.get(23)?,
        hypothetical: r.get(24)?,
        future: r.get(25)?,
        is_root: r.get(26)?,
        num_mentions: r.get(27)?,
        num_articles: r.get(28)?,
        num_sources: r.get(29)?,
        avg_tone: r.get(30)?,
        document: r.get(31)?,
        url: r.get(32)?,
        origin: r.get(33)?,
        ingested_at: r.get(34)?,
        evidence: r.get::<_, Option<String>>(35)?.unwrap_or_default(),
    })
}

/// A stored document, without its text and layers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentRow {
    pub id: i64,
    pub record_id: String,
    pub story: i64,
    /// Similarity to its story's first report; `None` for that report.
    pub similarity: Option<f64>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub source_name: Option<String>,
    pub language: Option<String>,
    pub format: String,
    pub origin: String,
    pub bytes: i64,
    pub events: i64,
    pub tone: Option<f64>,
    pub not_coded: Option<String>,
    pub ingested_at: String,
}

const DOCUMENT_SELECT: &str = "SELECT d.id, d.record_id, d.story_id, d.similarity, d.title, c.published, d.url, d.source_name, d.language, d.format,
        d.origin, d.bytes, (SELECT count(*) FROM mentions m WHERE m.coding_id = c.coding_id AND m.document_id = d.id), c.tone, c.not_coded, d.ingested_at
     FROM documents d JOIN coded c ON c.document_id = d.id
     WHERE c.coding_id = ?";

fn concat_document_by_id() -> String {
    format!("{DOCUMENT_SELECT} AND d.id = ?2")
}

fn document_row(r: &Row<'_>) -> rusqlite::Result<DocumentRow> {
    Ok(DocumentRow {
        id: r.get(0)?,
        record_id: r.get(1)?,
        story: r.get(2)?,
        similarity: r.get(3)?,
        title: r.get(4)?,
        published: r.get(5)?,
        url: r.get(6)?,
        source_name: r.get(7)?,
        language: r.get(8)?,
        format: r.get(9)?,
        origin: r.get(10)?,
        bytes: r.get(11)?,
        events: r.get(12)?,
        tone: r.get(13)?,
        not_coded: r.get(14)?,
        ingested_at: r.get(15)?,
    })
}

/// One report of an event, with its offsets (UTF-8 bytes into the document's text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MentionRow {
    pub id: i64,
    pub event: i64,
    pub document: i64,
    pub record_id: String,
    pub url: Option<String>,
    pub source_name: Option<String>,
    pub published: Option<String>,
    pub ingested_at: String,
    pub sentence: i64,
    pub span: [i64; 2],
    pub action_span: [i64; 2],
    pub source_span: Option<[i64; 2]>,
    pub target_span: Option<[i64; 2]>,
    pub source_via: Option<String>,
    pub target_via: Option<String>,
    pub evidence: String,
    pub date: Option<String>,
    pub date_why: Option<String>,
    pub mode: Option<String>,
    pub symmetric: bool,
    pub retold: i64,
    pub confidence: f64,
    pub rule_file: String,
    pub rule_line: i64,
    pub rule_entry: String,
    pub doc_bytes: i64,
    pub doc_tone: Option<f64>,
    /// When the event's first report was stored.
    pub event_added: String,
}

macro_rules! mention_select {
    () => {
        "SELECT m.id, m.event_id, m.document_id, d.record_id, d.url, d.source_name, c.published, d.ingested_at, m.sentence,
        m.start, m.end, m.action_start, m.action_end, m.source_start, m.source_end, m.target_start, m.target_end, m.source_via, m.target_via,
        CAST(substr(CAST(d.text AS BLOB), m.start + 1, m.end - m.start) AS TEXT),
        m.date, m.date_why, m.mode, m.symmetric, m.retold, m.confidence, m.rule_file, m.rule_line, m.rule_entry, d.bytes, c.tone,
        (SELECT d1.ingested_at FROM mentions m1 JOIN documents d1 ON d1.id = m1.document_id
          WHERE m1.id = (SELECT min(id) FROM mentions WHERE event_id = m.event_id))
     FROM mentions m JOIN documents d ON d.id = m.document_id
     JOIN coded c ON c.coding_id = m.coding_id AND c.document_id = m.document_id"
    };
}

/// Mentions of the events of a filter: the filter's conditions follow, then `)`.
const MENTION_FILTERED: &str = concat!(
    mention_select!(),
    " WHERE m.coding_id = ? AND m.event_id IN (SELECT e.id FROM events e WHERE e.coding_id = ?"
);
const MENTIONS_OF_EVENT: &str = concat!(mention_select!(), " WHERE m.event_id = ?1 ORDER BY m.id");

fn pair(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<[i64; 2]>> {
    Ok(match (r.get::<_, Option<i64>>(i)?, r.get::<_, Option<i64>>(i + 1)?) {
        (Some(a), Some(b)) => Some([a, b]),
        _ => None,
    })
}

fn mention_row(r: &Row<'_>) -> rusqlite::Result<MentionRow> {
    Ok(MentionRow {
        id: r.get(0)?,
        event: r.get(1)?,
        document: r.get(2)?,
        record_id: r.get(3)?,
        url: r.get(4)?,
        source_name: r.get(5)?,
        published: r.get(6)?,
        ingested_at: r.get(7)?,
        sentence: r.get(8)?,
        span: [r.get(9)?, r.get(10)?],
        action_span: [r.get(11)?, r.get(12)?],
        source_span: pair(r, 13)?,
        target_span: pair(r, 15)?,
        source_via: r.get(17)?,
        target_via: r.get(18)?,
        evidence: r.get::<_, Option<String>>(19)?.unwrap_or_default(),
        date: r.get(20)?,
        date_why: r.get(21)?,
        mode: r.get(22)?,
        symmetric: r.get(23)?,
        retold: r.get(24)?,
        confidence: r.get(25)?,
        rule_file: r.get(26)?,
        rule_line: r.get(27)?,
        rule_entry: r.get(28)?,
        doc_bytes: r.get(29)?,
        doc_tone: r.get(30)?,
        event_added: r.get::<_, Option<String>>(31)?.unwrap_or_default(),
    })
}

/// What the database holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Status {
    pub schema_version: i64,
    pub documents: i64,
    pub stories: i64,
    /// Documents that joined a story another report started.
    pub near_duplicates: i64,
    pub events: i64,
    pub mentions: i64,
    pub entities: i64,
    pub places: i64,
    pub quotes: i64,
    pub amounts: i64,
    pub sentences: i64,
    pub text_bytes: i64,
    pub coding: Option<Coding>,
    /// A re-coding under way, and how many documents it has coded.
    pub building: Option<Coding>,
    pub building_done: i64,
    /// Dictionary versions of the current coding's documents, with their counts.
    pub dict_versions: Vec<(String, i64)>,
    pub dateline_versions: Vec<(String, i64)>,
}

/// An event with every report of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventDetail {
    #[serde(flatten)]
    pub event: EventRow,
    pub mentions: Vec<MentionRow>,
}

impl Store {
    fn coding_id(&self) -> Result<Option<i64>> {
        Ok(self.current_coding()?.map(|c| c.id))
    }

    fn count(&self, sql: &str, coding: i64) -> Result<i64> {
        Ok(self.conn().prepare_cached(sql)?.query_row([coding], |r| r.get(0))?)
    }

    /// Counts, versions and codings.
    pub fn status(&self) -> Result<Status> {
        let coding = self.current_coding()?;
        let cid = coding.as_ref().map(|c| c.id).unwrap_or(-1);
        let building = self.building_coding()?;
        let building_done = match &building {
            Some(b) => self.count("SELECT count(*) FROM coded WHERE coding_id = ?1", b.id)?,
            None => 0,
        };
        let versions = |col: &'static str| -> Result<Vec<(String, i64)>> {
            let sql = match col {
                "dict" => "SELECT dict_version, count(*) FROM coded WHERE coding_id = ?1 GROUP BY dict_version ORDER BY 2 DESC",
                _ => "SELECT dateline_version, count(*) FROM coded WHERE coding_id = ?1 GROUP BY dateline_version ORDER BY 2 DESC",
            };
            let mut st = self.conn().prepare_cached(sql)?;
            let rows = st.query_map([cid], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        };
        let documents = self.count("SELECT count(*) FROM documents WHERE ?1 = ?1", cid)?;
        let stories = self.count("SELECT count(*) FROM stories WHERE ?1 = ?1", cid)?;
        Ok(Status {
            schema_version: crate::SCHEMA_VERSION,
            documents,
            stories,
            near_duplicates: self
                .count("SELECT count(*) FROM documents WHERE similarity IS NOT NULL AND ?1 = ?1", cid)?,
            events: self.count("SELECT count(*) FROM events WHERE coding_id = ?1", cid)?,
            mentions: self.count("SELECT count(*) FROM mentions WHERE coding_id = ?1", cid)?,
            entities: self.count("SELECT count(*) FROM entities WHERE coding_id = ?1", cid)?,
            places: self.count("SELECT count(*) FROM places WHERE coding_id = ?1", cid)?,
            quotes: self.count("SELECT count(*) FROM quotes WHERE coding_id = ?1", cid)?,
            amounts: self.count("SELECT count(*) FROM amounts WHERE coding_id = ?1", cid)?,
            sentences: self.count("SELECT coalesce(sum(sentences), 0) FROM coded WHERE coding_id = ?1", cid)?,
            text_bytes: self.count("SELECT coalesce(sum(bytes), 0) FROM documents WHERE ?1 = ?1", cid)?,
            dict_versions: versions("dict")?,
            dateline_versions: versions("dateline")?,
            coding,
            building,
            building_done,
        })
    }

    /// Events matching `f`, in the order they were first stored.
    pub fn events(&self, f: &EventFilter, page: Page) -> Result<Vec<EventRow>> {
        f.check()?;
        let Some(coding) = self.coding_id()? else { return Ok(Vec::new()) };
        let mut q = Sql::new(EVENT_PAGE_HEAD, coding);
        event_conditions(&mut q, f);
        q.tail(EVENT_PAGE_TAIL, [Value::Integer(page.after), limit(page.limit), Value::Integer(page.offset as i64)]);
        q.tail(EVENT_SELECT, []);
        self.rows(&q, event_row, f.text.is_some())
    }

    /// Documents matching `f`, in the order they were stored.
    pub fn documents(&self, f: &DocumentFilter, page: Page) -> Result<Vec<DocumentRow>> {
        f.check()?;
        let Some(coding) = self.coding_id()? else { return Ok(Vec::new()) };
        let mut q = Sql::new(DOCUMENT_SELECT, coding);
        q.and("c.published >= ?", &f.from, 1);
        q.and("c.published <= ? || '~'", &f.to, 1);
        q.and("d.source_name = ?", &f.site, 1);
        q.and("d.language = ?", &f.language, 1);
        q.and("d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)", &f.text, 1);
        q.and("d.story_id = ?", &f.story, 1);
        q.tail(
            "AND d.id > ? ORDER BY d.id LIMIT ? OFFSET ?",
            [Value::Integer(page.after), limit(page.limit), Value::Integer(page.offset as i64)],
        );
        self.rows(&q, document_row, f.text.is_some())
    }

    /// The reports of the events matching `f`, by id (`page.after` is a mention id).
    pub fn mentions(&self, f: &EventFilter, page: Page) -> Result<Vec<MentionRow>> {
        f.check()?;
        let Some(coding) = self.coding_id()? else { return Ok(Vec::new()) };
        let mut q = Sql::new(MENTION_FILTERED, coding);
        q.values.push(Value::Integer(coding));
        event_conditions(&mut q, f);
        q.tail(
            ") AND m.id > ? ORDER BY m.id LIMIT ? OFFSET ?",
            [Value::Integer(page.after), limit(page.limit), Value::Integer(page.offset as i64)],
        );
        self.rows(&q, mention_row, f.text.is_some())
    }

    /// One event with every report of it.
    pub fn event(&self, id: i64) -> Result<Option<EventDetail>> {
        let Some(event) = self
            .events(&EventFilter::default(), Page { limit: 1, offset: 0, after: id - 1 })?
            .into_iter()
            .find(|e| e.id == id)
        else {
            return Ok(None);
        };
        let mut st = self.conn().prepare_cached(MENTIONS_OF_EVENT)?;
        let mentions = st.query_map([id], mention_row)?.collect::<Result<Vec<_>, _>>()?;
        Ok(Some(EventDetail { event, mentions }))
    }

    /// A stored document's text.
    pub fn document_text(&self, id: i64) -> Result<Option<String>> {
        let mut st = self.conn().prepare_cached("SELECT text FROM documents WHERE id = ?1")?;
        Ok(st.query_row([id], |r| r.get(0)).optional()?)
    }

    /// The ids of the stored documents after `after`, at most `limit`, in order.
    pub fn document_ids(&self, after: i64, limit: usize) -> Result<Vec<i64>> {
        let mut st = self.conn().prepare_cached("SELECT id FROM documents WHERE id > ?1 ORDER BY id LIMIT ?2")?;
        let rows = st.query_map(rusqlite::params![after, i64::try_from(limit).unwrap_or(i64::MAX)], |r| r.get(0))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The stored document `id` without its text and layers, as [`Store::documents`] lists it.
    pub fn document_row(&self, id: i64) -> Result<Option<DocumentRow>> {
        let Some(coding) = self.coding_id()? else { return Ok(None) };
        let sql = concat_document_by_id();
        Ok(self.conn().prepare_cached(&sql)?.query_row([coding, id], document_row).optional()?)
    }

    /// A stored document as the output model: its text and every layer.
    pub fn document(&self, id: i64) -> Result<Option<Document>> {
        let Some(coding) = self.coding_id()? else { return Ok(None) };
        let mut st = self.conn().prepare_cached("SELECT d.text, c.layers FROM documents d JOIN coded c ON c.document_id = d.id AND c.coding_id = ?1 WHERE d.id = ?2")?;
        let row: Option<(String, Vec<u8>)> = st.query_row([coding, id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
        row.map(|(text, blob)| unpack_layers(id, &blob, text)).transpose()
    }

    /// Runs `q`. With a full-text search in it, an error of SQLite's (not of I/O or
    /// locking) is the search's syntax: the user's `text` parameter.
    pub(crate) fn rows<T>(
        &self,
        q: &Sql,
        f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
        search: bool,
    ) -> Result<Vec<T>> {
        let mut st = self.conn().prepare_cached(&q.text)?;
        let rows =
            st.query_map(params_from_iter(q.values.iter()), f).and_then(|rows| rows.collect::<Result<Vec<_>, _>>());
        rows.map_err(|e| match e {
            rusqlite::Error::SqliteFailure(err, msg) if search && err.code == rusqlite::ErrorCode::Unknown => {
                bad("text", format!("not a search the full-text index reads: {}", msg.unwrap_or_default()))
            }
            e => StoreError::from(e),
        })
    }
}

/// The conditions of `f` on the events aliased `e`.
pub(crate) fn event_conditions(q: &mut Sql, f: &EventFilter) {
    q.and("e.date >= ?", &f.from, 1);
    q.and("e.date <= ? || '~'", &f.to, 1);
    let prefix = "(substr(e.source_code, 1, length(?)) = ? OR substr(e.target_code, 1, length(?)) = ?)";
    q.and(prefix, &f.actor.as_deref().map(str::to_ascii_uppercase), 4);
    q.and("substr(e.source_code, 1, length(?)) = ?", &f.source.as_deref().map(str::to_ascii_uppercase), 2);
    q.and("substr(e.target_code, 1, length(?)) = ?", &f.target.as_deref().map(str::to_ascii_uppercase), 2);
    q.and("(e.source_country = ? OR e.target_country = ?)", &f.country.as_deref().map(str::to_ascii_uppercase), 2);
    q.and("e.code = ?", &f.code, 1);
    q.and("e.root = ?", &f.root, 1);
    q.and("e.plover = ?", &f.plover.as_deref().map(str::to_ascii_uppercase), 1);
    q.and("e.quad_class = ?", &f.quad_class.map(i64::from), 1);
    q.and("(e.place_name = ? COLLATE NOCASE OR e.place_country = upper(?))", &f.place, 2);
    q.and("e.negated = ?", &f.negated, 1);
    q.and("e.hypothetical = ?", &f.hypothetical, 1);
    q.and("e.future = ?", &f.future, 1);
    // The subqueries name the coding as `?1` (every statement binds it first: `Sql::new`)
    // rather than as `e.coding_id`: not correlated with `e`, SQLite runs each once, not
    // once per event (a correlated full-text search took minutes on 100,000 events).
    q.and("e.id IN (SELECT mm.event_id FROM mentions mm WHERE mm.coding_id = ?1 AND mm.document_id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))", &f.text, 1);
    q.and("e.id IN (SELECT mm.event_id FROM mentions mm JOIN documents dd ON dd.id = mm.document_id WHERE dd.source_name = ?)", &f.site, 1);
    q.and("e.story_id = ?", &f.story, 1);
    q.and(
        "e.id IN (SELECT mm.event_id FROM mentions mm WHERE mm.coding_id = ?1 AND mm.document_id = ?)",
        &f.document,
        1,
    );
}

fn limit(n: usize) -> Value {
    limit_value(n)
}

/// A count or offset as SQLite reads it (`usize::MAX`: no limit).
pub(crate) fn limit_value(n: usize) -> Value {
    Value::Integer(i64::try_from(n).unwrap_or(i64::MAX))
}
