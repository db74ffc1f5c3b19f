//! GDELT 2.0's tables as GDELT ships them: tab-separated, no header, the events table's
//! 61 columns and the mentions table's 16, in GDELT's order.

use dateline_store::query::MentionRow;

use crate::row::{ExportActor, ExportEvent, ExportGeo};

/// The events table's column names, in order (the CSV export's header starts with them).
pub const EVENT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// The mentions table's column names, in order.
pub const MENTION_COLUMNS: [&str; 16] = [
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
];

/// A field as GDELT's files hold it: no tabs or line breaks inside.
pub fn clean(s: &str) -> String {
    if s.contains(['\t', '\n', '\r']) {
        s.replace(['\t', '\n', '\r'], " ")
    } else {
        s.to_string()
    }
}

/// A coordinate or a tone, to four places (GDELT's precision; a metre or so).
fn num(x: Option<f64>) -> String {
    x.map(|v| format!("{}", (v * 10_000.0).round() / 10_000.0)).unwrap_or_default()
}

fn actor_fields(a: &ExportActor, out: &mut Vec<String>) {
    out.extend([clean(&a.code), clean(&a.name), a.country_code.clone(), a.known_group_code.clone()]);
    out.extend([String::new(), String::new(), String::new()]);
    out.extend([a.type1_code.clone(), String::new(), String::new()]);
}

fn geo_fields(g: &ExportGeo, out: &mut Vec<String>) {
    out.push(g.kind.to_string());
    out.extend([clean(&g.full_name), g.country_code.clone(), g.adm1_code.clone(), g.adm2_code.clone()]);
    out.extend([num(g.lat), num(g.lon), g.feature_id.clone()]);
}

/// The 61 fields of an event, in GDELT's order.
pub fn event_fields(e: &ExportEvent) -> Vec<String> {
    let mut f = Vec::with_capacity(61);
    f.extend([
        e.global_event_id.to_string(),
        e.sql_date.to_string(),
        e.month_year.to_string(),
        e.year.to_string(),
        format!("{:.4}", e.fraction_date),
    ]);
    actor_fields(&e.actor1, &mut f);
    actor_fields(&e.actor2, &mut f);
    f.extend([
        u8::from(e.is_root_event).to_string(),
        e.event_code.clone(),
        e.event_base_code.clone(),
        e.event_root_code.clone(),
        e.quad_class.to_string(),
        format!("{}", e.goldstein_scale),
        e.num_mentions.to_string(),
        e.num_sources.to_string(),
        e.num_articles.to_string(),
        num(Some(e.avg_tone)),
    ]);
    geo_fields(&e.actor1_geo, &mut f);
    geo_fields(&e.actor2_geo, &mut f);
    geo_fields(&e.action_geo, &mut f);
    f.extend([e.date_added.to_string(), clean(&e.source_url)]);
    f
}

/// A mention's fields that need its document's text: byte offsets as character
/// offsets. A character starts at every byte that is not a UTF-8 continuation byte;
/// the count is kept every [`STEP`] bytes, so an offset costs at most `STEP` bytes of
/// counting however long the document.
pub struct CharOffsets<'t> {
    text: &'t str,
    /// Characters before byte `k * STEP`.
    marks: Vec<u32>,
}

const STEP: usize = 1024;

fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

impl<'t> CharOffsets<'t> {
    pub fn new(text: &'t str) -> CharOffsets<'t> {
        let mut marks = vec![0u32];
        let mut n = 0usize;
        for chunk in text.as_bytes().chunks(STEP) {
            n += char_starts(chunk);
            marks.push(n as u32);
        }
        CharOffsets { text, marks }
    }

    /// The character offset of byte `b`; -1 when it is not in the text or not at the
    /// start of a character.
    pub fn at(&self, b: Option<i64>) -> i64 {
        let Some(b) = b.and_then(|b| usize::try_from(b).ok()).filter(|&b| self.text.is_char_boundary(b)) else {
            return -1;
        };
        let k = b / STEP;
        let before = self.marks.get(k).copied().unwrap_or(0) as usize;
        (before + char_starts(&self.text.as_bytes()[k * STEP..b])) as i64
    }

    pub fn len(&self) -> i64 {
        self.at(Some(self.text.len() as i64))
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// `2024-06-18T10:15:02Z` as `20240618101502`.
pub fn stamp(iso: &str) -> String {
    iso.chars().filter(char::is_ascii_digit).take(14).collect()
}

/// The 16 fields of a mention, in GDELT's order. `event_added` is the event's
/// DATEADDED; `text` its document's text.
pub fn mention_fields(m: &MentionRow, event_added: i64, text: &CharOffsets<'_>) -> Vec<String> {
    let (kind, identifier) = match &m.url {
        Some(u) => ("1", u.clone()),
        // GDELT's CITATIONONLY: a source with no URL (a file, a print copy).
        None => ("2", m.record_id.clone()),
    };
    vec![
        m.event.to_string(),
        event_added.to_string(),
        stamp(&m.ingested_at),
        kind.to_string(),
        clean(m.source_name.as_deref().unwrap_or("")),
        clean(&identifier),
        (m.sentence + 1).to_string(),
        text.at(m.source_span.map(|s| s[0])).to_string(),
        text.at(m.target_span.map(|s| s[0])).to_string(),
        text.at(Some(m.action_span[0])).to_string(),
        "1".to_string(),
        ((m.confidence * 100.0).round() as i64).to_string(),
        text.len().to_string(),
        num(m.doc_tone),
        String::new(),
        String::new(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_offsets_from_byte_offsets() {
        let t = CharOffsets::new("Kyrgyz — Россия signed");
        assert_eq!(t.at(Some(0)), 0);
        assert_eq!(t.at(Some(7)), 7);
        // "—" is 3 bytes, each Cyrillic letter 2.
        assert_eq!(t.at(Some(11)), 9);
        assert_eq!(t.at(Some(24)), 16);
        assert_eq!(t.at(Some(8)), -1, "inside a character");
        assert_eq!(t.at(None), -1);
        assert_eq!(t.len(), 22);
    }

    #[test]
    fn character_offsets_past_the_marks() {
        let text = "é".repeat(3000) + "x";
        let t = CharOffsets::new(&text);
        assert_eq!(t.at(Some(6000)), 3000);
        assert_eq!(t.at(Some(2048)), 1024);
        assert_eq!(t.at(Some(2049)), -1);
        assert_eq!(t.len(), 3001);
        assert_eq!(t.at(Some(6002)), -1);
    }

    #[test]
    fn fields_hold_no_tabs() {
        assert_eq!(clean("a\tb\nc"), "a b c");
        let e = ExportEvent { event_code: "057".into(), source_url: "x\ty".into(), ..ExportEvent::default() };
        let f = event_fields(&e);
        assert_eq!(f.len(), 61);
        assert!(f.iter().all(|x| !x.contains('\t')));
    }
}
