//! Storing coded documents: one transaction per batch, documents in input order.
//!
//! Each new document is placed in a story (the stored story whose first report its
//! MinHash signature is nearest, at or above [`crate::minhash::THRESHOLD`], else a new
//! story), stored with its text and metadata, indexed for full-text search, and its
//! coding is written: the layers, and each event as a mention of an event row keyed
//! by story, code, actors, place and flags, whose counts are then brought up to date.

use dateline_engine::model::{Actor, Event};
use dateline_engine::Document;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use crate::bands::BandFilter;
use crate::coding::{now, Coding, CodingId};
use crate::minhash::{Signature, THRESHOLD};
use crate::{Coded, Prepared, Result, Store, StoreError};

/// Stories compared in full with a new report: those that share the most bands with it.
const CANDIDATES: usize = 16;

/// Stories read per band key: the most recent ones. A key that many stories share comes
/// from phrases common to unrelated reports ("said on Tuesday"); reading all of them would
/// make each new report cost more as the database grows (a corpus of reports that share
/// sentences took 30 times longer per MB at 159 MB than at 8). A republished report whose
/// only shared keys are that common is not grouped; it is stored all the same.
pub const BAND_DEPTH: i64 = 64;

/// What a batch did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BatchReport {
    /// Documents stored.
    pub new: usize,
    /// Documents whose text was stored already (not stored again).
    pub already_stored: usize,
    /// New documents that joined a stored story (a near-duplicate of its first report).
    pub near_duplicates: usize,
    /// Event mentions written.
    pub mentions: usize,
}

impl std::ops::AddAssign for BatchReport {
    fn add_assign(&mut self, o: BatchReport) {
        self.new += o.new;
        self.already_stored += o.already_stored;
        self.near_duplicates += o.near_duplicates;
        self.mentions += o.mentions;
    }
}

impl Store {
    /// Stores a batch of new documents in `coding`, in one transaction.
    pub fn write_batch(&self, coding: &Coding, docs: &[Prepared]) -> Result<BatchReport> {
        self.writable()?;
        let tx = self.conn().unchecked_transaction()?;
        let mut report = BatchReport::default();
        let mut indexed = Vec::with_capacity(docs.len());
        let mut slot = self.bands.borrow_mut();
        let filter = match slot.take() {
            Some(f) if f.is_current(&tx)? => f,
            _ => BandFilter::load(&tx)?,
        };
        let filter = slot.insert(filter);
        for p in docs {
            let stored: Option<i64> = tx
                .prepare_cached("SELECT id FROM documents WHERE content_hash = ?1")?
                .query_row([&p.hash], |r| r.get(0))
                .optional()?;
            if stored.is_some() {
                report.already_stored += 1;
                continue;
            }
            let (story, similarity) = assign_story(&tx, filter, p.signature.as_ref())?;
            report.near_duplicates += usize::from(similarity.is_some());
            let id = insert_document(&tx, p, story, similarity)?;
            report.mentions += write_coded(&tx, coding.id, id, story, &p.coded)?;
            report.new += 1;
            indexed.push((id, p));
        }
        // Indexed last: the full-text index keeps a batch's terms in memory and
        // writes them once, unless a later statement of the transaction makes it flush.
        let mut fts = tx.prepare_cached("INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?;
        for (id, p) in indexed {
            fts.execute(params![id, p.coded.document.title, p.coded.document.text])?;
        }
        drop(fts);
        tx.commit()?;
        Ok(report)
    }

    /// Stores the re-coding of stored documents (`(document id, its new coding)`) in
    /// the building `coding`, in one transaction.
    pub fn write_recoded(&self, coding: CodingId, docs: &[(i64, Coded)]) -> Result<usize> {
        self.writable()?;
        let tx = self.conn().unchecked_transaction()?;
        let mut mentions = 0;
        for (id, doc) in docs {
            let story: i64 = tx.query_row("SELECT story_id FROM documents WHERE id = ?1", [id], |r| r.get(0))?;
            mentions += write_coded(&tx, coding, *id, story, doc)?;
        }
        tx.commit()?;
        Ok(mentions)
    }
}

/// The story a document with this signature belongs to: the best stored story at or
/// above the threshold, else a new one. `(story, similarity to its first report)`,
/// the similarity `None` for a new story.
fn assign_story(tx: &Transaction<'_>, filter: &mut BandFilter, sig: Option<&Signature>) -> Result<(i64, Option<f64>)> {
    let Some(sig) = sig else {
        tx.prepare_cached("INSERT INTO stories (signature, documents) VALUES (NULL, 1)")?.execute([])?;
        return Ok((tx.last_insert_rowid(), None));
    };
    let bands = sig.bands();
    if let Some((story, s)) = nearest_story(tx, filter, sig, &bands)? {
        tx.prepare_cached("UPDATE stories SET documents = documents + 1 WHERE id = ?1")?.execute([story])?;
        return Ok((story, Some(s)));
    }
    tx.prepare_cached("INSERT INTO stories (signature, documents) VALUES (?1, 1)")?.execute([sig.to_bytes()])?;
    let story = tx.last_insert_rowid();
    let mut ins = tx.prepare_cached("INSERT OR IGNORE INTO story_bands (band, story_id) VALUES (?1, ?2)")?;
    for band in bands {
        ins.execute(params![band, story])?;
        filter.insert(band);
    }
    Ok((story, None))
}

/// The stored story nearest `sig` at or above the threshold, with its similarity.
/// The stories sharing the most bands are the most similar; the best few are compared
/// in full (a report near many stories is compared with the nearest). Only the bands
/// the filter says may be stored are looked up.
fn nearest_story(
    tx: &Transaction<'_>,
    filter: &BandFilter,
    sig: &Signature,
    bands: &[i64],
) -> Result<Option<(i64, f64)>> {
    let mut seen: Vec<i64> = Vec::new();
    let mut st =
        tx.prepare_cached("SELECT story_id FROM story_bands WHERE band = ?1 ORDER BY story_id DESC LIMIT ?2")?;
    for &band in bands.iter().filter(|&&b| filter.may_hold(b)) {
        let mut rows = st.query(params![band, BAND_DEPTH])?;
        while let Some(row) = rows.next()? {
            seen.push(row.get(0)?);
        }
    }
    let mut hits = shared_bands(seen);
    hits.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut best: Option<(i64, f64)> = None;
    let mut st = tx.prepare_cached("SELECT signature FROM stories WHERE id = ?1")?;
    for (story, _) in hits.into_iter().take(CANDIDATES) {
        let bytes: Option<Vec<u8>> = st.query_row([story], |r| r.get(0))?;
        let Some(other) = bytes.as_deref().and_then(Signature::from_bytes) else { continue };
        let s = sig.similarity(&other);
        if s >= THRESHOLD && best.is_none_or(|(_, b)| s > b) {
            best = Some((story, s));
        }
    }
    Ok(best)
}

/// Each story in `seen` (a story id per band it shares) with how many bands it shares.
fn shared_bands(mut seen: Vec<i64>) -> Vec<(i64, u32)> {
    seen.sort_unstable();
    let mut hits: Vec<(i64, u32)> = Vec::new();
    for story in seen {
        match hits.last_mut() {
            Some((s, n)) if *s == story => *n += 1,
            _ => hits.push((story, 1)),
        }
    }
    hits
}

/// Where a report comes from, for `NumSources`: its site, else its URL's host, else the
/// wire agency of its dateline.
fn source_name(d: &Document) -> Option<String> {
    if let Some(site) = d.site.as_deref().filter(|s| !s.trim().is_empty()) {
        return Some(site.trim().to_string());
    }
    let host = d
        .url
        .as_deref()
        .and_then(|u| u.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.split(['/', '?', '#']).next());
    if let Some(h) = host.filter(|h| !h.is_empty()) {
        return Some(h.trim_start_matches("www.").to_ascii_lowercase());
    }
    d.dateline.as_ref().and_then(|dl| dl.source.clone())
}

fn insert_document(tx: &Transaction<'_>, p: &Prepared, story: i64, similarity: Option<f64>) -> Result<i64> {
    let d = &p.coded.document;
    let warnings = serde_json::to_string(&p.warnings).unwrap_or_else(|_| "[]".into());
    tx.prepare_cached(
        "INSERT INTO documents (content_hash, record_id, origin, format, title, lead, url, site, author, language, source_name,
                                given_date, default_date, extracted, warnings, text, bytes, story_id, similarity, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )?
    .execute(params![
        p.hash,
        d.id,
        d.origin,
        d.format,
        d.title,
        d.lead,
        d.url,
        d.site,
        d.author,
        d.language,
        source_name(d),
        p.given_date,
        p.default_date,
        p.extracted,
        warnings,
        d.text,
        d.text.len() as i64,
        story,
        similarity,
        now()
    ])?;
    Ok(tx.last_insert_rowid())
}

/// The layers of a coded document as stored: the output model without its text and
/// the fields that copy slices of it, as JSON, LZ4-compressed. `d` keeps its text but
/// loses those copies (the writer needs only spans and codes).
pub(crate) fn pack_layers(d: &mut Document) -> Vec<u8> {
    let text = std::mem::take(&mut d.text);
    d.clear_text_copies();
    let json = serde_json::to_vec(&*d).unwrap_or_default();
    d.text = text;
    lz4_flex::compress_prepend_size(&json)
}

/// A stored document's output model, its text and the copies of it put back.
pub(crate) fn unpack_layers(id: i64, blob: &[u8], text: String) -> Result<Document> {
    let json =
        lz4_flex::decompress_size_prepended(blob).map_err(|e| StoreError::Damaged { id, reason: e.to_string() })?;
    let mut d: Document =
        serde_json::from_slice(&json).map_err(|e| StoreError::Damaged { id, reason: e.to_string() })?;
    d.text = text;
    d.fill_text_copies();
    Ok(d)
}

/// Writes one document's coding: its row in `coded`, its layers, its event mentions.
/// Returns the number of mentions written.
fn write_coded(tx: &Transaction<'_>, coding: CodingId, doc: i64, story: i64, coded: &Coded) -> Result<usize> {
    let d = &coded.document;
    let how = d.published_how.as_ref().map(|h| h.how.clone());
    tx.prepare_cached(
        "INSERT INTO coded (coding_id, document_id, published, published_how, dateline_place, not_coded, tone, dateline_version, dict_version, sentences, layers)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        coding,
        doc,
        d.published,
        how,
        d.dateline.as_ref().map(|dl| dl.place.clone()),
        d.not_coded,
        d.tone,
        d.versions.dateline_version,
        d.versions.dict_version,
        d.sentences.len() as i64,
        coded.layers
    ])?;
    write_layers(tx, coding, doc, d)?;
    // Each new report adds to the counts of the events it tells: its mentions, one
    // article, its source when no earlier report of the event came from it, its tone.
    let mut counts: std::collections::BTreeMap<i64, i64> = std::collections::BTreeMap::new();
    for (i, e) in d.events.iter().enumerate() {
        let event = upsert_event(tx, coding, story, d, e)?;
        insert_mention(tx, coding, doc, i, event, e)?;
        *counts.entry(event).or_default() += 1 + e.retold.len() as i64;
    }
    let source = source_name(d).unwrap_or_else(|| format!("#{doc}"));
    let mut add_source = tx.prepare_cached("INSERT OR IGNORE INTO event_sources (event_id, source) VALUES (?1, ?2)")?;
    let mut add = tx.prepare_cached(
        "UPDATE events SET num_mentions = num_mentions + ?2, num_articles = num_articles + 1, num_sources = num_sources + ?3,
                           tone_sum = tone_sum + ?4, tone_n = tone_n + ?5
         WHERE id = ?1",
    )?;
    for (event, mentions) in counts {
        let new_source = add_source.execute(params![event, source])? as i64;
        add.execute(params![event, mentions, new_source, d.tone.unwrap_or(0.0), i64::from(d.tone.is_some())])?;
    }
    Ok(d.events.len())
}

fn write_layers(tx: &Transaction<'_>, coding: CodingId, doc: i64, d: &Document) -> Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO entities (coding_id, document_id, name, kind, country, title, role, actor, org, mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for e in &d.entities {
        st.execute(params![
            coding,
            doc,
            e.name,
            e.kind,
            e.country,
            e.title,
            e.role,
            e.actor,
            e.org,
            e.mentions.len() as i64
        ])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO places (coding_id, document_id, name, geonames_id, country, admin1, lat, lon, precision, mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for p in &d.places {
        st.execute(params![
            coding,
            doc,
            p.name,
            p.geonames_id.map(|g| g as i64),
            p.country,
            p.admin1,
            p.lat,
            p.lon,
            p.precision,
            p.mentions.len() as i64
        ])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO quotes (coding_id, document_id, start, end, speaker, speaker_start, speaker_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for q in &d.quotes {
        let (ss, se) = (q.speaker_span.map(|s| s[0] as i64), q.speaker_span.map(|s| s[1] as i64));
        st.execute(params![coding, doc, q.span[0] as i64, q.span[1] as i64, q.speaker, ss, se])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO amounts (coding_id, document_id, start, end, value, unit) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for a in &d.amounts {
        st.execute(params![coding, doc, a.span[0] as i64, a.span[1] as i64, a.value, a.unit])?;
    }
    Ok(())
}

fn code_of(a: &Option<Actor>) -> &str {
    a.as_ref().map(|a| a.code.as_str()).unwrap_or("")
}

/// The event row this mention belongs to (created when new): its id.
fn upsert_event(tx: &Transaction<'_>, coding: CodingId, story: i64, d: &Document, e: &Event) -> Result<i64> {
    let place_key =
        e.place.as_ref().map(|p| format!("{}|{}", p.name, p.country.as_deref().unwrap_or(""))).unwrap_or_default();
    let date = e.date.clone().or_else(|| d.published.clone());
    let (src, tgt) = (e.source.as_ref(), e.target.as_ref());
    let mut st = tx.prepare_cached(
        "INSERT INTO events (coding_id, story_id, code, root, base_code, name, plover, quad_class, goldstein,
                             source_code, source_country, source_role, source_name, target_code, target_country, target_role, target_name,
                             place_key, place_name, place_country, place_lat, place_lon, place_precision,
                             negated, hypothetical, future, date, is_root, num_mentions, num_articles, num_sources)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, 0, 0, 0)
         ON CONFLICT (coding_id, story_id, code, source_code, target_code, place_key, negated, hypothetical, future) DO UPDATE SET
            date = CASE WHEN excluded.date IS NOT NULL AND (events.date IS NULL OR excluded.date < events.date) THEN excluded.date ELSE events.date END,
            is_root = max(events.is_root, excluded.is_root)
         RETURNING id",
    )?;
    let id = st.query_row(
        params![
            coding,
            story,
            e.code,
            e.code.get(..2).unwrap_or(&e.code),
            e.code.get(..3).unwrap_or(&e.code),
            e.name,
            e.plover,
            e.quad_class,
            e.goldstein,
            code_of(&e.source),
            src.and_then(|a| a.country.clone()),
            src.and_then(|a| a.role.clone()),
            src.and_then(|a| a.name.clone().or_else(|| a.org.clone()).or_else(|| a.group.clone())),
            code_of(&e.target),
            tgt.and_then(|a| a.country.clone()),
            tgt.and_then(|a| a.role.clone()),
            tgt.and_then(|a| a.name.clone().or_else(|| a.org.clone()).or_else(|| a.group.clone())),
            place_key,
            e.place.as_ref().map(|p| p.name.clone()),
            e.place.as_ref().and_then(|p| p.country.clone()),
            e.place.as_ref().and_then(|p| p.lat),
            e.place.as_ref().and_then(|p| p.lon),
            e.place.as_ref().map(|p| p.precision.clone()),
            e.negated,
            e.hypothetical,
            e.future,
            date,
            e.sentence <= 1,
        ],
        |r| r.get(0),
    )?;
    Ok(id)
}

fn insert_mention(tx: &Transaction<'_>, coding: CodingId, doc: i64, idx: usize, event: i64, e: &Event) -> Result<()> {
    let action = e.word_spans.first().copied().unwrap_or(e.span);
    let side = |a: &Option<Actor>| {
        (a.as_ref().map(|a| a.span[0] as i64), a.as_ref().map(|a| a.span[1] as i64), a.as_ref().map(|a| a.via.clone()))
    };
    let (ss, se, sv) = side(&e.source);
    let (ts, te, tv) = side(&e.target);
    tx.prepare_cached(
        "INSERT INTO mentions (event_id, coding_id, document_id, idx, sentence, start, end, action_start, action_end,
                               source_start, source_end, source_via, target_start, target_end, target_via,
                               date, date_why, mode, symmetric, retold, confidence, rule_file, rule_line, rule_entry)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
    )?
    .execute(params![
        event,
        coding,
        doc,
        idx as i64,
        e.sentence as i64,
        e.span[0] as i64,
        e.span[1] as i64,
        action[0] as i64,
        action[1] as i64,
        ss,
        se,
        sv,
        ts,
        te,
        tv,
        e.date,
        e.date_why,
        e.mode,
        e.symmetric,
        e.retold.len() as i64,
        e.confidence,
        e.rule.file,
        e.rule.line as i64,
        e.rule.entry
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::shared_bands;

    #[test]
    fn stories_are_counted_by_the_bands_they_share() {
        assert_eq!(shared_bands(vec![7, 3, 7, 9, 7, 3]), vec![(3, 2), (7, 3), (9, 1)]);
        assert!(shared_bands(Vec::new()).is_empty());
    }
}
