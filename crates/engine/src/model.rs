//! The output model: a coded document as the edge crates show it (JSON Lines from the
//! CLI, the server's JSON, the store's layers, the Python module's dicts). It is the one
//! place that names output fields; the stages produce plain [`dateline_core`] data and
//! [`Document::from_doc`] turns it into this.
//!
//! The fields `../shared/bin` scorers read are stable: `id`, `text`, `title`,
//! `dateline`, `published`, `entities`, `places`, `quotes`, `amounts`, `events` with
//! their sub-fields. A change to the model's shape bumps [`SCHEMA_VERSION`].

use dateline_core::{Actor as CoreActor, Doc, EntryRef};
use dateline_dict::Lexicon;
use serde::{Deserialize, Serialize};

/// The version of this model's shape. Readers of stored or exported documents check it.
pub const SCHEMA_VERSION: u32 = 1;

/// A UTF-8 byte range `[start, end)` into [`Document::text`].
pub type Span = [usize; 2];

fn span(s: dateline_core::Span) -> Span {
    [s.start, s.end]
}

/// Who coded a document: the versions that make a coding reproducible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Versions {
    /// dateline's own version (the crate version).
    pub dateline_version: String,
    /// The digest of the dictionary files in force ([`Lexicon::version`]).
    pub dict_version: String,
    /// The digest of the place index's description, or `None` without an index.
    pub place_index: Option<String>,
}

/// One coded document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Document {
    pub schema_version: u32,
    pub id: String,
    /// The text that was read (for a web page, the article body). Every span points here.
    pub text: String,
    pub format: String,
    /// Where the document came from: a path, `path:line`, `path#item`, `path@offset`.
    #[serde(default)]
    pub origin: String,
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<usize>>))]
    pub title_span: Option<Span>,
    pub lead: Option<String>,
    pub dateline: Option<Dateline>,
    /// The publication date, `YYYY-MM-DD` (or a shorter partial date).
    pub published: Option<String>,
    pub published_how: Option<PublishedHow>,
    pub url: Option<String>,
    pub site: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
    /// Why the document was kept but not coded (a language the coder does not read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_coded: Option<String>,
    #[serde(flatten)]
    pub versions: Versions,
    /// The document's tone, −100 to +100 ([`crate::tone`]); `None` with no words.
    #[serde(default)]
    pub tone: Option<f64>,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Vec<usize>>))]
    pub sentences: Vec<Span>,
    pub entities: Vec<Entity>,
    pub places: Vec<Place>,
    pub quotes: Vec<Quote>,
    pub amounts: Vec<Amount>,
    pub times: Vec<Time>,
    pub events: Vec<Event>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dateline {
    pub place: String,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub year: Option<i32>,
    pub source: Option<String>,
    pub country: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<usize>))]
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedHow {
    /// given, metadata, dateline or inferred; "none" when there is no date and the
    /// input says why.
    pub how: String,
    pub why: String,
}

/// A dictionary line that fired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Entry {
    pub file: String,
    pub line: usize,
    pub entry: String,
}

impl From<&EntryRef> for Entry {
    fn from(e: &EntryRef) -> Entry {
        Entry { file: e.file.clone(), line: e.line, entry: e.text.clone() }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Entity {
    pub name: String,
    /// person, organization, country, location or group.
    pub kind: String,
    pub country: Option<String>,
    pub title: Option<String>,
    pub role: Option<String>,
    pub actor: Option<String>,
    pub org: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Vec<usize>>))]
    pub mentions: Vec<Span>,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Place {
    pub name: String,
    pub geonames_id: Option<u64>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// city, admin1, region or country.
    pub precision: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Vec<usize>>))]
    pub mentions: Vec<Span>,
    /// The mentions that name the place without saying where something is: an
    /// adjective ("the Russian delegation"), a name inside a longer one ("The
    /// Washington Post"). They place no event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Vec<usize>>))]
    pub indirect: Vec<Span>,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    pub text: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<usize>))]
    pub span: Span,
    pub speaker: Option<String>,
    pub speaker_text: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<usize>>))]
    pub speaker_span: Option<Span>,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Amount {
    pub text: String,
    pub value: f64,
    pub unit: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<usize>))]
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Time {
    pub text: String,
    /// The date named, when it names a year at least.
    pub date: Option<String>,
    pub weekday: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<usize>))]
    pub span: Span,
}

/// One side of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Actor {
    /// The CAMEO actor code: RUSGOV, KGZ, IGOWSTNAT.
    pub code: String,
    pub country: Option<String>,
    pub role: Option<String>,
    /// International organisations (IGOs, NGOs) by acronym.
    pub org: Option<String>,
    /// Any other named group (a party, an armed group).
    pub group: Option<String>,
    /// The entity's name when the actor is a named entity.
    pub name: Option<String>,
    pub text: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<usize>))]
    pub span: Span,
    /// The clause role that made it this side: subject, object, passive-by, domestic, ...
    pub via: String,
    pub entry: Option<Entry>,
}

/// Where an event took place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventPlace {
    pub name: String,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub precision: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Event {
    /// The CAMEO code ("057").
    pub code: String,
    pub name: Option<String>,
    pub root: Option<String>,
    pub plover: Option<String>,
    pub mode: Option<String>,
    pub goldstein: Option<f32>,
    pub quad_class: Option<u8>,
    pub source: Option<Actor>,
    pub target: Option<Actor>,
    pub negated: bool,
    pub hypothetical: bool,
    pub future: bool,
    pub date: Option<String>,
    pub date_why: Option<String>,
    /// The words that dated the event ("on Sunday"), when its sentence dates it.
    #[serde(default)]
    pub date_text: Option<String>,
    /// People killed, wounded, arrested ... in the event, as its sentence counts them.
    #[serde(default)]
    pub counts: Vec<Count>,
    pub place: Option<EventPlace>,
    pub place_why: Option<String>,
    pub symmetric: bool,
    /// Other sentences that tell the same event in the same words.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Vec<usize>>))]
    pub retold: Vec<Span>,
    /// The sentence index (from 0).
    pub sentence: usize,
    /// The sentence's text: the evidence.
    pub evidence: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<usize>))]
    pub span: Span,
    pub words: Vec<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Vec<usize>>))]
    pub word_spans: Vec<Span>,
    /// The pattern line that fired.
    pub rule: Entry,
    pub confidence: f64,
    pub reasons: Vec<String>,
    /// The tone of the event's sentence ([`crate::tone`]).
    #[serde(default)]
    pub tone: Option<f64>,
}

/// A number of people an event touched, with the words it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Count {
    /// killed, wounded, arrested, displaced, kidnapped or missing.
    pub kind: String,
    pub value: f64,
    /// "at least 15", "about 300": a bound or an estimate.
    pub approximate: bool,
    /// The words the count was read from, the number through the casualty word.
    pub text: String,
    /// The number's own words ("Twelve").
    pub number: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<usize>))]
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Diagnostic {
    pub stage: String,
    pub message: String,
}

fn international(code: &str) -> bool {
    code.starts_with("IGO") || code.starts_with("NGO")
}

fn entity_name(doc: &Doc, e: Option<usize>) -> Option<String> {
    e.and_then(|e| doc.entities.get(e)).map(|e| e.name.clone())
}

impl Actor {
    fn from_core(doc: &Doc, a: &CoreActor) -> Actor {
        let intl = international(&a.code);
        Actor {
            code: a.code.clone(),
            country: a.country.clone(),
            role: a.role.clone(),
            org: a.org.clone().filter(|_| intl),
            group: a.org.clone().filter(|_| !intl),
            name: entity_name(doc, a.entity),
            text: doc.slice(a.span).to_string(),
            span: span(a.span),
            via: a.via.to_string(),
            entry: a.entry.as_ref().map(Entry::from),
        }
    }
}

impl Event {
    fn from_core(doc: &Doc, lex: &Lexicon, e: &dateline_core::Event) -> Event {
        let info = lex.codes.get(&e.code);
        Event {
            code: e.code.clone(),
            name: info.map(|c| c.name.clone()),
            root: e.code.get(..2).map(str::to_string),
            plover: e.plover.clone(),
            mode: e.mode.clone(),
            goldstein: info.map(|c| c.goldstein),
            quad_class: info.map(|c| c.quad),
            source: e.source.as_ref().map(|a| Actor::from_core(doc, a)),
            target: e.target.as_ref().map(|a| Actor::from_core(doc, a)),
            negated: e.negated,
            hypothetical: e.hypothetical,
            future: e.future,
            date: e.date.map(|d| d.to_string()),
            date_why: e.date_why.clone(),
            date_text: e.date_span.map(|d| doc.slice(d).to_string()),
            counts: e
                .counts
                .iter()
                .map(|c| Count {
                    kind: c.kind.as_str().to_string(),
                    value: c.value,
                    approximate: c.approximate,
                    text: doc.slice(c.span).to_string(),
                    number: doc.slice(c.number).to_string(),
                    span: span(c.span),
                })
                .collect(),
            place: e.place.and_then(|p| doc.places.get(p)).map(|p| EventPlace {
                name: p.name.clone(),
                country: p.country.clone(),
                lat: p.lat,
                lon: p.lon,
                precision: p.precision.as_str().to_string(),
            }),
            place_why: e.place_why.clone(),
            symmetric: e.symmetric,
            retold: e.retold.iter().map(|s| span(*s)).collect(),
            sentence: e.sentence,
            evidence: doc.slice(e.span).to_string(),
            span: span(e.span),
            words: e.words.iter().map(|w| doc.slice(*w).to_string()).collect(),
            word_spans: e.words.iter().map(|w| span(*w)).collect(),
            rule: Entry::from(&e.rule),
            confidence: (f64::from(e.confidence) * 100.0).round() / 100.0,
            reasons: e.reasons.clone(),
            tone: None,
        }
    }
}

impl Document {
    /// The output form of a coded document.
    pub fn from_doc(doc: &Doc, lex: &Lexicon, versions: &Versions) -> Document {
        let meta = &doc.meta;
        Document {
            schema_version: SCHEMA_VERSION,
            id: doc.id.clone(),
            text: doc.text.clone(),
            format: meta.format.to_string(),
            origin: meta.origin.clone(),
            title: meta.title.clone(),
            title_span: meta.title_span.map(span),
            lead: meta.lead.clone(),
            dateline: meta.dateline.as_ref().map(|d| Dateline {
                place: d.place.clone(),
                month: d.month,
                day: d.day,
                year: d.year,
                source: d.source.clone(),
                country: d.country.clone(),
                span: span(d.span),
            }),
            published: meta.published.as_ref().map(|p| p.date.to_string()),
            published_how: match &meta.published {
                Some(p) => Some(PublishedHow { how: p.how.to_string(), why: p.why.clone() }),
                // No date: why not, when the input says (`how` is "none").
                None => {
                    meta.no_published.as_ref().map(|why| PublishedHow { how: "none".to_string(), why: why.clone() })
                }
            },
            url: meta.url.clone(),
            site: meta.site.clone(),
            author: meta.author.clone(),
            language: meta.language.clone(),
            not_coded: meta.not_coded.clone(),
            versions: versions.clone(),
            tone: None,
            sentences: doc.sentences.iter().map(|s| span(s.span)).collect(),
            entities: doc.entities.iter().map(entity).collect(),
            places: doc.places.iter().map(place).collect(),
            quotes: doc.quotes.iter().map(|q| quote(doc, q)).collect(),
            amounts: doc
                .amounts
                .iter()
                .map(|a| Amount {
                    text: doc.slice(a.span).to_string(),
                    value: a.value,
                    unit: a.unit.clone(),
                    span: span(a.span),
                })
                .collect(),
            times: doc.times.iter().map(|t| time(doc, t)).collect(),
            events: doc.events.iter().map(|e| Event::from_core(doc, lex, e)).collect(),
            diagnostics: doc
                .diagnostics
                .iter()
                .map(|d| Diagnostic { stage: d.stage.to_string(), message: d.message.clone() })
                .collect(),
        }
    }

    /// The text a span covers ("" when out of range).
    pub fn slice(&self, s: Span) -> &str {
        self.text.get(s[0]..s[1]).unwrap_or("")
    }

    /// The fields that repeat a slice of the text (an event's evidence and words, an
    /// actor's, a quote's, an amount's or a time's text), emptied: what a store keeps
    /// beside the text. [`Document::fill_text_copies`] gives them back.
    pub fn clear_text_copies(&mut self) {
        let actors = |e: &mut Event| e.source.iter_mut().chain(e.target.iter_mut()).for_each(|a| a.text.clear());
        for e in &mut self.events {
            e.evidence.clear();
            e.words.clear();
            actors(e);
        }
        for q in &mut self.quotes {
            q.text.clear();
            q.speaker_text = None;
        }
        self.amounts.iter_mut().for_each(|a| a.text.clear());
        self.times.iter_mut().for_each(|t| t.text.clear());
    }

    /// Fills the fields [`Document::clear_text_copies`] emptied from the text.
    pub fn fill_text_copies(&mut self) {
        let text = std::mem::take(&mut self.text);
        let slice = |s: Span| text.get(s[0]..s[1]).unwrap_or("").to_string();
        for e in &mut self.events {
            e.evidence = slice(e.span);
            e.words = e.word_spans.iter().map(|w| slice(*w)).collect();
            for a in e.source.iter_mut().chain(e.target.iter_mut()) {
                a.text = slice(a.span);
            }
        }
        for q in &mut self.quotes {
            q.text = slice(q.span);
            q.speaker_text = q.speaker_span.map(slice);
        }
        self.amounts.iter_mut().for_each(|a| a.text = slice(a.span));
        self.times.iter_mut().for_each(|t| t.text = slice(t.span));
        self.text = text;
    }
}

fn entity(e: &dateline_core::Entity) -> Entity {
    Entity {
        name: e.name.clone(),
        kind: e.kind.as_str().to_string(),
        country: e.country.clone(),
        title: e.title.clone(),
        role: e.role.clone(),
        actor: e.actor.clone(),
        org: e.org.clone(),
        mentions: e.mentions.iter().map(|m| span(*m)).collect(),
        entries: e.entries.iter().map(Entry::from).collect(),
    }
}

fn place(p: &dateline_core::Place) -> Place {
    Place {
        name: p.name.clone(),
        geonames_id: p.geonames_id,
        country: p.country.clone(),
        admin1: p.admin1.clone(),
        lat: p.lat,
        lon: p.lon,
        precision: p.precision.as_str().to_string(),
        mentions: p.mentions.iter().map(|m| span(*m)).collect(),
        indirect: p.indirect.iter().map(|m| span(*m)).collect(),
        why: p.why.clone(),
    }
}

fn quote(doc: &Doc, q: &dateline_core::Quote) -> Quote {
    Quote {
        text: doc.slice(q.span).to_string(),
        span: span(q.span),
        speaker: entity_name(doc, q.speaker),
        speaker_text: q.speaker_span.map(|s| doc.slice(s).to_string()),
        speaker_span: q.speaker_span.map(span),
        why: q.why.to_string(),
    }
}

fn time(doc: &Doc, t: &dateline_core::TimeExpr) -> Time {
    Time {
        text: doc.slice(t.span).to_string(),
        date: t.date().map(|d| d.to_string()),
        weekday: t.weekday.map(|w| w.name().to_string()),
        span: span(t.span),
    }
}
