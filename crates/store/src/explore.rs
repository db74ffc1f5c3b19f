//! Summaries for the explorer and the API: stories, actors and their partners, the
//! network of who acts on whom, counts per day, event places. Each takes the same
//! [`EventFilter`] as [`Store::events`], so every view shows the same selection.
//!
//! The statements are built as in [`crate::query`]: a constant head ending in the
//! events' `WHERE`, the filter's constant fragments with bound values, a constant tail.

use std::collections::HashMap;

use rusqlite::types::Value;
use serde::Serialize;

use crate::query::{event_conditions, limit_value, EventFilter, Page, Sql};
use crate::{Result, Store};

/// A story: reports that tell the same story, with its first report's headline.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoryRow {
    pub id: i64,
    /// How many stored reports tell it.
    pub documents: i64,
    /// Its first report.
    pub document: i64,
    pub title: Option<String>,
    pub published: Option<String>,
    pub source_name: Option<String>,
    /// Events (aggregated across its reports) the filter selects.
    pub events: i64,
}

const STORIES: &str = "WITH sel AS (SELECT e.story_id AS story, count(*) AS n FROM events e WHERE e.coding_id = ?";
const STORIES_TAIL: &str = "GROUP BY e.story_id)
     SELECT s.id, s.documents, d.id, d.title, c.published, d.source_name, sel.n
     FROM sel JOIN stories s ON s.id = sel.story
     JOIN documents d ON d.id = (SELECT min(id) FROM documents WHERE story_id = s.id)
     LEFT JOIN coded c ON c.document_id = d.id AND c.coding_id = ?
     WHERE s.id > ? ORDER BY s.id LIMIT ? OFFSET ?";

/// An actor code with its events on each side and the partners it meets most.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActorRow {
    pub code: String,
    pub country: Option<String>,
    /// The name the events give it most often (an entity's name), if any.
    pub name: Option<String>,
    pub events: i64,
    pub as_source: i64,
    pub as_target: i64,
    /// The actors it acts with most, on either side, with their event counts.
    pub partners: Vec<Partner>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Partner {
    pub code: String,
    pub events: i64,
}

/// Both sides of each selected event, as (actor, partner, side, country, name).
const SIDES: &str =
    "WITH f AS (SELECT e.source_code AS s, e.target_code AS t, e.source_country AS sc, e.target_country AS tc,
        e.source_name AS sn, e.target_name AS tn FROM events e WHERE e.coding_id = ?";
const SIDES_TAIL: &str = "), sides AS (
        SELECT s AS actor, t AS partner, 1 AS src, sc AS country, sn AS name FROM f WHERE s <> ''
        UNION ALL SELECT t, s, 0, tc, tn FROM f WHERE t <> '')";
const ACTORS_TAIL: &str = "SELECT actor, max(country), count(*), sum(src), count(*) - sum(src)
     FROM sides GROUP BY actor ORDER BY 3 DESC, actor LIMIT ? OFFSET ?";
const NAMES_TAIL: &str =
    "SELECT actor, name, count(*) FROM sides WHERE name IS NOT NULL GROUP BY actor, name ORDER BY actor, 3 DESC, name";
const PARTNERS_TAIL: &str = "SELECT actor, partner, count(*) FROM sides WHERE partner <> '' GROUP BY actor, partner ORDER BY actor, 3 DESC, partner";

/// Partners listed per actor.
pub const TOP_PARTNERS: usize = 5;

/// An edge of the actor network: events from `source` to `target`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Edge {
    pub source: String,
    pub target: String,
    pub events: i64,
    /// The mean Goldstein value of those events (−10 conflict to +10 cooperation).
    pub goldstein: Option<f64>,
}

/// The heaviest edges of the selection, and how many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Network {
    pub edges: Vec<Edge>,
    /// Edges in the selection; more than `edges.len()` when the limit cut the rest.
    pub total_edges: i64,
}

const EDGES: &str =
    "WITH f AS (SELECT e.source_code AS s, e.target_code AS t, e.goldstein AS g FROM events e WHERE e.coding_id = ?";
const EDGES_TAIL: &str = "AND e.source_code <> '' AND e.target_code <> '' AND e.source_code <> e.target_code)
     SELECT s, t, count(*), round(avg(g), 2), (SELECT count(*) FROM (SELECT DISTINCT s, t FROM f))
     FROM f GROUP BY s, t ORDER BY 3 DESC, s, t LIMIT ?";

/// How the timeline splits each day's events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum SplitBy {
    /// By CAMEO root code ("05").
    Root,
    /// By quad class (1 verbal cooperation … 4 material conflict).
    Quad,
}

/// Events on one day with one key.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayCount {
    pub day: String,
    /// The root code or the quad class.
    pub key: String,
    pub events: i64,
}

/// Counts per day, and the selected events the timeline cannot place on a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Timeline {
    pub by: SplitBy,
    pub days: Vec<DayCount>,
    /// Events with no date or only a month or a year.
    pub undated: i64,
}

const DAYS_ROOT: &str = "WITH f AS (SELECT e.date AS day, e.root AS k FROM events e WHERE e.coding_id = ?";
const DAYS_QUAD: &str = "WITH f AS (SELECT e.date AS day, coalesce(CAST(e.quad_class AS TEXT), '') AS k FROM events e WHERE e.coding_id = ?";
const DAYS_TAIL: &str = ") SELECT day, k, count(*) FROM f WHERE length(day) = 10 GROUP BY day, k ORDER BY day, k";
const UNDATED: &str = "SELECT count(*) FROM events e WHERE e.coding_id = ?";
const UNDATED_TAIL: &str = "AND (e.date IS NULL OR length(e.date) <> 10)";

/// A place with the events that took place there.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceCount {
    pub name: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub precision: Option<String>,
    pub events: i64,
}

const PLACES: &str = "SELECT e.place_name, e.place_country, e.place_lat, e.place_lon, e.place_precision, count(*)
     FROM events e WHERE e.coding_id = ? AND e.place_lat IS NOT NULL AND e.place_lon IS NOT NULL";
const PLACES_TAIL: &str =
    "GROUP BY e.place_name, e.place_country, e.place_lat, e.place_lon ORDER BY 6 DESC, 1 LIMIT ? OFFSET ?";

/// An event a document tells, as the news list shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventCode {
    pub id: i64,
    pub code: String,
    pub name: Option<String>,
    pub quad_class: Option<i64>,
}

/// One row per code (its first event), weightiest first.
const TOP_EVENTS: &str = "SELECT min(e.id), e.code, e.name, e.quad_class, max(abs(coalesce(e.goldstein, 0))) AS g
     FROM mentions m JOIN events e ON e.id = m.event_id
     WHERE m.coding_id = ?1 AND m.document_id = ?2 GROUP BY e.code ORDER BY g DESC, 1 LIMIT ?3";

impl Store {
    /// The stories that tell the selected events, by id.
    pub fn stories(&self, f: &EventFilter, page: Page) -> Result<Vec<StoryRow>> {
        let Some((coding, mut q)) = self.filtered(STORIES, f)? else { return Ok(Vec::new()) };
        q.tail(
            STORIES_TAIL,
            [Value::Integer(coding), Value::Integer(page.after), limit_value(page.limit), limit_value(page.offset)],
        );
        self.rows(
            &q,
            |r| {
                Ok(StoryRow {
                    id: r.get(0)?,
                    documents: r.get(1)?,
                    document: r.get(2)?,
                    title: r.get(3)?,
                    published: r.get(4)?,
                    source_name: r.get(5)?,
                    events: r.get(6)?,
                })
            },
            f.text.is_some(),
        )
    }

    /// The actors of the selected events, most active first, with their partners.
    pub fn actors(&self, f: &EventFilter, page: Page) -> Result<Vec<ActorRow>> {
        let Some((_, mut q)) = self.filtered(SIDES, f)? else { return Ok(Vec::new()) };
        let (mut partners_q, mut names_q) = (q.clone(), q.clone());
        q.tail(SIDES_TAIL, []);
        q.tail(ACTORS_TAIL, [limit_value(page.limit), limit_value(page.offset)]);
        let mut actors = self.rows(
            &q,
            |r| {
                Ok(ActorRow {
                    code: r.get(0)?,
                    country: r.get(1)?,
                    events: r.get(2)?,
                    as_source: r.get(3)?,
                    as_target: r.get(4)?,
                    name: None,
                    partners: Vec::new(),
                })
            },
            f.text.is_some(),
        )?;
        partners_q.tail(SIDES_TAIL, []);
        partners_q.tail(PARTNERS_TAIL, []);
        names_q.tail(SIDES_TAIL, []);
        names_q.tail(NAMES_TAIL, []);
        let index: HashMap<String, usize> = actors.iter().enumerate().map(|(i, a)| (a.code.clone(), i)).collect();
        let triple = |r: &rusqlite::Row<'_>| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?));
        for (actor, partner, events) in self.rows(&partners_q, triple, f.text.is_some())? {
            if let Some(a) = index.get(&actor).map(|&i| &mut actors[i]) {
                if a.partners.len() < TOP_PARTNERS {
                    a.partners.push(Partner { code: partner, events });
                }
            }
        }
        // Rows come most frequent name first for each actor: the first one stays.
        for (actor, name, _) in self.rows(&names_q, triple, f.text.is_some())? {
            if let Some(a) = index.get(&actor).map(|&i| &mut actors[i]) {
                a.name.get_or_insert(name);
            }
        }
        Ok(actors)
    }

    /// Who acts on whom: the `limit` heaviest directed edges of the selection.
    pub fn network(&self, f: &EventFilter, limit: usize) -> Result<Network> {
        let Some((_, mut q)) = self.filtered(EDGES, f)? else {
            return Ok(Network { edges: Vec::new(), total_edges: 0 });
        };
        q.tail(EDGES_TAIL, [limit_value(limit)]);
        let rows = self.rows(
            &q,
            |r| {
                let edge = Edge { source: r.get(0)?, target: r.get(1)?, events: r.get(2)?, goldstein: r.get(3)? };
                Ok((edge, r.get::<_, i64>(4)?))
            },
            f.text.is_some(),
        )?;
        let total_edges = rows.first().map_or(0, |(_, n)| *n);
        Ok(Network { edges: rows.into_iter().map(|(e, _)| e).collect(), total_edges })
    }

    /// The selected events per day, split by root code or quad class.
    pub fn timeline(&self, f: &EventFilter, by: SplitBy) -> Result<Timeline> {
        let head = match by {
            SplitBy::Root => DAYS_ROOT,
            SplitBy::Quad => DAYS_QUAD,
        };
        let Some((_, mut q)) = self.filtered(head, f)? else {
            return Ok(Timeline { by, days: Vec::new(), undated: 0 });
        };
        q.tail(DAYS_TAIL, []);
        let days =
            self.rows(&q, |r| Ok(DayCount { day: r.get(0)?, key: r.get(1)?, events: r.get(2)? }), f.text.is_some())?;
        let Some((_, mut u)) = self.filtered(UNDATED, f)? else { return Ok(Timeline { by, days, undated: 0 }) };
        u.tail(UNDATED_TAIL, []);
        let undated = self.rows(&u, |r| r.get::<_, i64>(0), f.text.is_some())?.first().copied().unwrap_or(0);
        Ok(Timeline { by, days, undated })
    }

    /// The places of the selected events that have coordinates, busiest first.
    pub fn event_places(&self, f: &EventFilter, page: Page) -> Result<Vec<PlaceCount>> {
        let Some((_, mut q)) = self.filtered(PLACES, f)? else { return Ok(Vec::new()) };
        q.tail(PLACES_TAIL, [limit_value(page.limit), limit_value(page.offset)]);
        self.rows(
            &q,
            |r| {
                Ok(PlaceCount {
                    name: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                    country: r.get(1)?,
                    lat: r.get(2)?,
                    lon: r.get(3)?,
                    precision: r.get(4)?,
                    events: r.get(5)?,
                })
            },
            f.text.is_some(),
        )
    }

    /// The `n` weightiest event codes (by the magnitude of their Goldstein value) that
    /// document `id` tells, in the current coding, each with its first event.
    pub fn top_events(&self, id: i64, n: usize) -> Result<Vec<EventCode>> {
        let Some(coding) = self.current_coding()?.map(|c| c.id) else { return Ok(Vec::new()) };
        let mut st = self.conn().prepare_cached(TOP_EVENTS)?;
        let rows = st.query_map(rusqlite::params![coding, id, limit_value(n)], |r| {
            Ok(EventCode { id: r.get(0)?, code: r.get(1)?, name: r.get(2)?, quad_class: r.get(3)? })
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    /// `head` (ending in the events' `WHERE e.coding_id = ?`) with the current coding
    /// and the conditions of `f`, once `f` is checked; `None` in an empty database.
    fn filtered(&self, head: &'static str, f: &EventFilter) -> Result<Option<(i64, Sql)>> {
        f.check()?;
        let Some(coding) = self.current_coding()?.map(|c| c.id) else { return Ok(None) };
        let mut q = Sql::new(head, coding);
        event_conditions(&mut q, f);
        Ok(Some((coding, q)))
    }
}
