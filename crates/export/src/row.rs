//! One exported event: GDELT 2.0's event columns, typed, and dateline's own beside
//! them. Built from a stored event row ([`ExportEvent::from_stored`]) or from an event
//! of a coded document that was never stored ([`ExportEvent::from_document`], for the
//! Python module and Spark), so both write the same columns.

use dateline_engine::model::{Actor, Document, EventPlace};
use dateline_store::query::EventRow;
use serde::Serialize;

use crate::codes::Codes;

/// An actor's GDELT fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ExportActor {
    pub code: String,
    pub name: String,
    /// The CAMEO country code (ROM, not ROU).
    pub country_code: String,
    /// The CAMEO known-group code of an international or non-state actor (NAT of IGOWSTNAT).
    pub known_group_code: String,
    /// The CAMEO role: GOV, MIL, REB ...
    pub type1_code: String,
}

/// A place's GDELT fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ExportGeo {
    /// 1 country, 2 US state, 3 US city, 4 world city, 5 world state; 0 none (a region
    /// larger than a country, or nothing known).
    pub kind: i32,
    pub full_name: String,
    /// FIPS 10-4 (ISO3 where the place index's country table is absent).
    pub country_code: String,
    pub adm1_code: String,
    pub adm2_code: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub feature_id: String,
}

/// One exported event.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ExportEvent {
    pub global_event_id: i64,
    /// YYYYMMDD: the event's date; a month or a year alone gives its first day.
    pub sql_date: i32,
    pub month_year: i32,
    pub year: i32,
    pub fraction_date: f64,
    pub actor1: ExportActor,
    pub actor2: ExportActor,
    pub is_root_event: bool,
    pub event_code: String,
    pub event_base_code: String,
    pub event_root_code: String,
    pub quad_class: i32,
    pub goldstein_scale: f64,
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
    pub avg_tone: f64,
    pub actor1_geo: ExportGeo,
    pub actor2_geo: ExportGeo,
    pub action_geo: ExportGeo,
    /// YYYYMMDDHHMMSS: when the first report was stored (or coded).
    pub date_added: i64,
    pub source_url: String,
    // dateline's own, beyond GDELT's columns:
    /// The event's date as precisely as the text gives it (YYYY-MM-DD, YYYY-MM, YYYY).
    pub date: String,
    pub event_name: String,
    pub plover: String,
    pub negated: bool,
    pub hypothetical: bool,
    pub future: bool,
    pub story: i64,
    /// The first report's document: its store id, or the record's id.
    pub document: String,
    pub evidence: String,
}

/// Year, month and day of a date as the store writes them; `None` when it is not one.
fn ymd(date: &str) -> Option<(i32, u32, u32)> {
    let d = dateline_core::Date::parse(date)?;
    Some((d.year, u32::from(d.month.unwrap_or(1)), u32::from(d.day.unwrap_or(1))))
}

/// SQLDATE, MonthYear, Year, FractionDate of a date (GDELT's FractionDate: the year
/// plus the share of it gone, `(month - 1) * 30 + day` over 365, four places).
fn date_columns(date: &str) -> Option<(i32, i32, i32, f64)> {
    let (y, m, d) = ymd(date)?;
    let fraction = f64::from(y) + f64::from((m - 1) * 30 + d) / 365.0;
    Some((y * 10_000 + m as i32 * 100 + d as i32, y * 100 + m as i32, y, (fraction * 10_000.0).round() / 10_000.0))
}

/// `2024-06-18T10:15:02Z` as 20240618101502.
fn timestamp(iso: &str) -> i64 {
    iso.chars().filter(char::is_ascii_digit).take(14).collect::<String>().parse().unwrap_or(0)
}

/// Goldstein's scale has one decimal place; the model holds it as an `f32`.
fn tenths(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn known_group(code: &str) -> String {
    match code.get(..3) {
        Some("IGO" | "NGO" | "NGM" | "MNC" | "IMG" | "UIS") if code.len() >= 6 => code[code.len() - 3..].to_string(),
        _ => String::new(),
    }
}

fn actor(codes: &Codes, code: &str, country: Option<&str>, role: Option<&str>, name: Option<&str>) -> ExportActor {
    if code.is_empty() {
        return ExportActor::default();
    }
    ExportActor {
        code: code.to_string(),
        name: name
            .map(str::to_string)
            .or_else(|| country.and_then(|c| codes.country(c)).map(|c| c.name.to_uppercase()))
            .unwrap_or_default(),
        country_code: country.map(|c| codes.cameo(c)).unwrap_or_default(),
        known_group_code: known_group(code),
        type1_code: role.unwrap_or_default().to_string(),
    }
}

/// An actor's geography: its country, as GDELT places a national actor.
fn actor_geo(codes: &Codes, country: Option<&str>) -> ExportGeo {
    let Some(iso3) = country else { return ExportGeo::default() };
    let c = codes.country(iso3);
    let fips = codes.geo_code(iso3);
    ExportGeo {
        kind: 1,
        full_name: c.map(|c| c.name.clone()).unwrap_or_default(),
        adm1_code: fips.clone(),
        feature_id: fips.clone(),
        country_code: fips,
        adm2_code: String::new(),
        lat: c.and_then(|c| c.lat),
        lon: c.and_then(|c| c.lon),
    }
}

/// Where an event took place, as GDELT's ActionGeo fields.
fn action_geo(
    codes: &Codes,
    name: &str,
    country: Option<&str>,
    precision: &str,
    lat: Option<f64>,
    lon: Option<f64>,
) -> ExportGeo {
    let us = country == Some("USA");
    let kind = match precision {
        "country" => 1,
        "admin1" if us => 2,
        "admin1" => 5,
        "city" if us => 3,
        "city" => 4,
        _ => 0,
    };
    let code = country.map(|c| codes.geo_code(c)).unwrap_or_default();
    ExportGeo {
        kind,
        full_name: name.to_string(),
        adm1_code: code.clone(),
        feature_id: if kind == 1 { code.clone() } else { String::new() },
        country_code: code,
        adm2_code: String::new(),
        lat,
        lon,
    }
}

impl ExportEvent {
    /// An event of the store, aggregated across its reports.
    pub fn from_stored(codes: &Codes, e: &EventRow) -> ExportEvent {
        let date = e.date.clone().unwrap_or_default();
        let stored_day = e.ingested_at.get(..10).unwrap_or("");
        let (sql_date, month_year, year, fraction_date) =
            date_columns(&date).or_else(|| date_columns(stored_day)).unwrap_or_default();
        let place = match &e.place_name {
            Some(n) => action_geo(
                codes,
                n,
                e.place_country.as_deref(),
                e.place_precision.as_deref().unwrap_or(""),
                e.place_lat,
                e.place_lon,
            ),
            None => ExportGeo::default(),
        };
        ExportEvent {
            global_event_id: e.id,
            sql_date,
            month_year,
            year,
            fraction_date,
            actor1: actor(
                codes,
                &e.source_code,
                e.source_country.as_deref(),
                e.source_role.as_deref(),
                e.source_name.as_deref(),
            ),
            actor2: actor(
                codes,
                &e.target_code,
                e.target_country.as_deref(),
                e.target_role.as_deref(),
                e.target_name.as_deref(),
            ),
            is_root_event: e.is_root,
            event_code: e.code.clone(),
            event_base_code: e.base_code.clone(),
            event_root_code: e.root.clone(),
            quad_class: e.quad_class.unwrap_or(0) as i32,
            goldstein_scale: tenths(e.goldstein.unwrap_or(0.0)),
            num_mentions: e.num_mentions,
            num_sources: e.num_sources,
            num_articles: e.num_articles,
            avg_tone: e.avg_tone.unwrap_or(0.0),
            actor1_geo: actor_geo(codes, e.source_country.as_deref()),
            actor2_geo: actor_geo(codes, e.target_country.as_deref()),
            action_geo: place,
            date_added: timestamp(&e.ingested_at),
            source_url: e.url.clone().unwrap_or_else(|| e.origin.clone()),
            date,
            event_name: e.name.clone().unwrap_or_default(),
            plover: e.plover.clone().unwrap_or_default(),
            negated: e.negated,
            hypothetical: e.hypothetical,
            future: e.future,
            story: e.story,
            document: e.document.to_string(),
            evidence: e.evidence.clone(),
        }
    }

    /// Event `i` of a coded document that was not stored: one report, one article,
    /// one source; its id a stable hash of the document's id and the event's place, so
    /// that workers coding different parts of a corpus never give two events one id.
    /// `coded_at` is the YYYYMMDDHHMMSS to write as DATEADDED.
    pub fn from_document(codes: &Codes, d: &Document, i: usize, coded_at: i64) -> Option<ExportEvent> {
        let e = d.events.get(i)?;
        // As a stored event is dated by the day it was stored when nothing dates it.
        let coded_day = || {
            let s = coded_at.to_string();
            format!("{}-{}-{}", s.get(..4).unwrap_or(""), s.get(4..6).unwrap_or(""), s.get(6..8).unwrap_or(""))
        };
        let date = e.date.clone().or_else(|| d.published.clone()).unwrap_or_default();
        let (sql_date, month_year, year, fraction_date) =
            date_columns(&date).or_else(|| date_columns(&coded_day())).unwrap_or_default();
        let side = |a: &Option<Actor>| match a {
            Some(a) => actor(
                codes,
                &a.code,
                a.country.as_deref(),
                a.role.as_deref(),
                a.name.as_deref().or(a.org.as_deref()).or(a.group.as_deref()),
            ),
            None => ExportActor::default(),
        };
        let country = |a: &Option<Actor>| a.as_ref().and_then(|a| a.country.clone());
        Some(ExportEvent {
            global_event_id: stable_id(&d.id, i),
            sql_date,
            month_year,
            year,
            fraction_date,
            actor1: side(&e.source),
            actor2: side(&e.target),
            is_root_event: e.sentence <= 1,
            event_code: e.code.clone(),
            event_base_code: e.code.get(..3).unwrap_or(&e.code).to_string(),
            event_root_code: e.code.get(..2).unwrap_or(&e.code).to_string(),
            quad_class: e.quad_class.map(i32::from).unwrap_or(0),
            goldstein_scale: tenths(e.goldstein.map(f64::from).unwrap_or(0.0)),
            num_mentions: 1 + e.retold.len() as i64,
            num_sources: 1,
            num_articles: 1,
            avg_tone: d.tone.unwrap_or(0.0),
            actor1_geo: actor_geo(codes, country(&e.source).as_deref()),
            actor2_geo: actor_geo(codes, country(&e.target).as_deref()),
            action_geo: event_place(codes, e.place.as_ref()),
            date_added: coded_at,
            source_url: d.url.clone().unwrap_or_else(|| d.origin.clone()),
            date,
            event_name: e.name.clone().unwrap_or_default(),
            plover: e.plover.clone().unwrap_or_default(),
            negated: e.negated,
            hypothetical: e.hypothetical,
            future: e.future,
            story: 0,
            document: d.id.clone(),
            evidence: d.slice(e.span).to_string(),
        })
    }
}

fn event_place(codes: &Codes, p: Option<&EventPlace>) -> ExportGeo {
    match p {
        Some(p) => action_geo(codes, &p.name, p.country.as_deref(), &p.precision, p.lat, p.lon),
        None => ExportGeo::default(),
    }
}

/// A 63-bit id from a document's id and an event's index (FNV-1a, fixed).
pub fn stable_id(doc: &str, i: usize) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in doc.bytes().chain(std::iter::once(0)).chain((i as u64).to_le_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h >> 1) as i64
}

/// Now, in UTC, as GDELT writes DATEADDED (YYYYMMDDHHMMSS).
pub fn now_stamp() -> i64 {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let day = dateline_core::Date::ymd(1970, 1, 1).add_days(secs.div_euclid(86_400));
    let (y, m, d) = day
        .map_or((1970, 1, 1), |d| (i64::from(d.year), i64::from(d.month.unwrap_or(1)), i64::from(d.day.unwrap_or(1))));
    let t = secs.rem_euclid(86_400);
    ((y * 100 + m) * 100 + d) * 1_000_000 + (t / 3600) * 10_000 + (t / 60 % 60) * 100 + t % 60
}

/// The events of a coded document, exported.
pub fn document_events(codes: &Codes, d: &Document, coded_at: i64) -> Vec<ExportEvent> {
    (0..d.events.len()).filter_map(|i| ExportEvent::from_document(codes, d, i, coded_at)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_gdelt_writes_them() {
        assert_eq!(date_columns("2012-04-05"), Some((20_120_405, 201_204, 2012, 2012.2603)));
        assert_eq!(date_columns("2020").map(|d| d.0), Some(20_200_101));
        assert_eq!(date_columns("2018-01").map(|d| d.0), Some(20_180_101));
        assert_eq!(date_columns("soon"), None);
        assert_eq!(timestamp("2024-06-18T10:15:02Z"), 20_240_618_101_502);
    }

    #[test]
    fn known_groups_from_actor_codes() {
        assert_eq!(known_group("IGOWSTNAT"), "NAT");
        assert_eq!(known_group("IGOUNO"), "UNO");
        assert_eq!(known_group("RUSGOV"), "");
        assert_eq!(known_group("NGO"), "");
    }

    #[test]
    fn ids_are_stable_and_distinct() {
        assert_eq!(stable_id("a", 0), stable_id("a", 0));
        assert_ne!(stable_id("a", 0), stable_id("a", 1));
        assert_ne!(stable_id("a1", 0), stable_id("a", 10));
        assert!(stable_id("x", 3) >= 0);
    }

    #[test]
    fn now_is_a_timestamp() {
        let n = now_stamp().to_string();
        assert_eq!(n.len(), 14);
        assert!(n.as_str() > "20260101000000");
    }
}
