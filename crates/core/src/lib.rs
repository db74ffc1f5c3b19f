//! The document model that flows through every dateline stage.
//!
//! A [`Doc`] holds the text of one news story exactly once. Every stage adds a
//! *layer* (sentences, tokens, entities, quotes, amounts, times, places,
//! events) whose items point back into that text by UTF-8 byte range
//! ([`Span`]). No stage copies or re-tokenises the text: later stages read the
//! layers earlier stages wrote.
//!
//! This crate knows nothing of JSON, files or dictionaries: it is plain data.

mod date;
mod span;

pub use date::{days_in_month, weekday, Date, Weekday};
pub use span::Span;

/// One document: the text and its annotation layers.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// The input record's id (JSON Lines `id`, else the file name).
    pub id: String,
    /// The text that was read. For a web page, the extracted article body.
    pub text: String,
    /// What is known about the document as a whole.
    pub meta: Meta,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    /// Words that name an actor, a place or a person: the raw material of entities and
    /// actors. In token order (by first token): later stages look a sentence's up by
    /// binary search.
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub amounts: Vec<Amount>,
    /// In text order, not overlapping.
    pub times: Vec<TimeExpr>,
    pub places: Vec<Place>,
    pub events: Vec<Event>,
    /// Problems met while reading or annotating that did not stop the work.
    pub diagnostics: Vec<Diagnostic>,
}

impl Doc {
    /// A new document with only its text; every layer empty.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Doc {
        Doc { id: id.into(), text: text.into(), ..Doc::default() }
    }

    /// The text a span covers. Spans are produced by the stages and always
    /// fall on character boundaries; an out-of-range span yields "".
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        match self.sentences.get(i) {
            Some(s) => self.tokens.get(s.tokens.0..s.tokens.1).unwrap_or(&[]),
            None => &[],
        }
    }

    /// Index of the sentence containing byte `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        (i < self.sentences.len() && self.sentences[i].span.start <= pos).then_some(i)
    }

    /// The time expression that contains `span`, if any: a binary search, as the
    /// times are in text order and do not overlap.
    pub fn time_at(&self, span: Span) -> Option<&TimeExpr> {
        let i = self.times.partition_point(|t| t.span.start <= span.start);
        i.checked_sub(1).map(|i| &self.times[i]).filter(|t| t.span.contains(span))
    }

    /// The time expressions inside `span`, in text order.
    pub fn times_within(&self, span: Span) -> impl Iterator<Item = &TimeExpr> {
        let from = self.times.partition_point(|t| t.span.start < span.start);
        self.times[from..].iter().take_while(move |t| t.span.start < span.end).filter(move |t| span.contains(t.span))
    }

    /// The mentions starting within tokens `a..=z`: a binary search, as the mention
    /// layer is in token order (a scan of the whole layer per sentence or per token
    /// grows with the square of the document's length).
    pub fn mentions_from(&self, a: usize, z: usize) -> &[Mention] {
        let ms = &self.mentions;
        let from = ms.partition_point(|m| m.tokens.0 < a);
        let to = ms.partition_point(|m| m.tokens.0 <= z);
        &ms[from..to.max(from)]
    }

    /// The mentions of the sentence token `j` stands in.
    pub fn sentence_mentions_of_token(&self, j: usize) -> &[Mention] {
        match self.tokens.get(j).and_then(|t| self.sentences.get(t.sentence as usize)) {
            Some(s) => self.mentions_from(s.tokens.0, s.tokens.1.saturating_sub(1)),
            None => &[],
        }
    }

    /// Adds a diagnostic.
    pub fn warn(&mut self, stage: &'static str, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic { stage, message: message.into(), span: None });
    }
}

/// Where the document came from and what it is about, as a whole.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// The headline. Never page residue such as "All news".
    pub title: Option<String>,
    /// Where the headline stands in the text, when it stands there.
    pub title_span: Option<Span>,
    /// A standfirst or lead paragraph set apart from the body.
    pub lead: Option<String>,
    /// Byte offset where the story body starts (after headline, lead, residue).
    pub body_start: usize,
    pub dateline: Option<Dateline>,
    pub published: Option<Published>,
    /// Why the input gives no publication date, when it says (a web page that states
    /// none, or only relative to an unknown crawl time).
    pub no_published: Option<String>,
    pub url: Option<String>,
    pub site: Option<String>,
    pub author: Option<String>,
    /// ISO 639-1 code of the document's language when detected or given.
    pub language: Option<String>,
    /// The input format the document was read from ("text", "jsonl", "html", ...).
    pub format: &'static str,
    /// Where the document came from: a path, `path:line`, or a record URI.
    pub origin: String,
    /// The document is not in a language the coder reads; it is kept, not coded.
    pub not_coded: Option<String>,
}

/// A wire-copy dateline such as `BISHKEK, April 5 (Itar-Tass) —`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dateline {
    pub span: Span,
    /// The place as written (upper case in most wire copy).
    pub place: String,
    pub place_span: Span,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub year: Option<i32>,
    /// The agency or source: Itar-Tass, Reuters, AP, PRNewswire, TASS.
    pub source: Option<String>,
    /// ISO 3166 alpha-3 country of the place, when resolved.
    pub country: Option<String>,
}

/// A publication date and how it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    pub date: Date,
    /// "given" (by the caller or the record), "metadata" (from the page),
    /// or "inferred".
    pub how: &'static str,
    /// The reasoning, for people.
    pub why: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Token index range `[start, end)` in [`Doc::tokens`].
    pub tokens: (usize, usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    /// Opening or closing quotation mark.
    Quote,
    Symbol,
}

/// A coarse part of speech, enough for clause analysis of wire sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tag {
    #[default]
    Other,
    Noun,
    Proper,
    Verb,
    /// be, have, do, modals.
    Aux,
    Adj,
    Adv,
    Det,
    Prep,
    Conj,
    Pron,
    Num,
    Punct,
    /// "not", "never", "n't".
    Neg,
    /// "to" before a verb, "that" introducing a clause.
    Part,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    pub tag: Tag,
    pub sentence: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Person,
    Organization,
    Country,
    Location,
    /// A group of people named by role or nationality: "Kyrgyz authorities", "rebels".
    Group,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Country => "country",
            EntityKind::Location => "location",
            EntityKind::Group => "group",
        }
    }
}

/// A dictionary entry that fired: which file, which line, what it says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EntryRef {
    pub file: String,
    pub line: usize,
    pub text: String,
}

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// A country's name: "Kyrgyzstan".
    Country,
    /// A country's adjective or demonym: "Kyrgyz", "Russians".
    Demonym,
    /// A capital or government metonym: "Moscow", "the Kremlin".
    Capital,
    /// An organisation: "CSTO", "Collective Security Treaty Organization".
    Org,
    /// A word for a kind of actor: "minister", "rebels", "authorities".
    Agent,
    /// A named person, or a description resolved to one ("the Kyrgyz foreign minister").
    Person,
    /// "he", "they": resolved to an entity when possible.
    Pronoun,
    /// "the parties", "both sides": the two sides of the story's bilateral event.
    GroupRef,
}

/// Words that name an actor, a place or a person, found by the dictionaries.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub span: Span,
    /// Token index range `[start, end)`.
    pub tokens: (usize, usize),
    pub kind: MentionKind,
    /// CAMEO country code (ROM for Romania), for actor codes.
    pub cameo: Option<String>,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    /// CAMEO role: GOV, MIL, REB ...
    pub role: Option<String>,
    /// Organisation acronym.
    pub org: Option<String>,
    /// Full CAMEO actor code when the dictionary gives one (organisations, people).
    pub code: Option<String>,
    /// Index into [`Doc::entities`].
    pub entity: Option<usize>,
    pub entry: Option<EntryRef>,
}

/// A person, organisation, country or group named in the text, with all its mentions.
#[derive(Debug, Clone)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    /// "Foreign Minister", "President".
    pub title: Option<String>,
    /// CAMEO role code: GOV, MIL, REB, BUS ...
    pub role: Option<String>,
    /// The CAMEO actor code: RUSGOV, IGOWSTNAT.
    pub actor: Option<String>,
    /// An organisation's acronym: NATO, CSTO.
    pub org: Option<String>,
    pub mentions: Vec<Span>,
    /// The dictionary entries that identified it.
    pub entries: Vec<EntryRef>,
}

/// A quotation and who said it.
#[derive(Debug, Clone)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub span: Span,
    /// Index into [`Doc::entities`].
    pub speaker: Option<usize>,
    /// The words that name the speaker in the attribution ("Lavrov", "he").
    pub speaker_span: Option<Span>,
    /// Why the speaker was chosen.
    pub why: &'static str,
}

/// A number with a unit: "25 kilometers", "$12M", "4,000 troops".
#[derive(Debug, Clone)]
pub struct Amount {
    pub span: Span,
    pub value: f64,
    pub unit: String,
}

/// A date or period the text names: "In July 2010", "on Thursday", "2009",
/// "yesterday", "last week", "on March 3".
#[derive(Debug, Clone)]
pub struct TimeExpr {
    pub span: Span,
    /// The year the words name; none for "on March 3", a weekday or "yesterday", which
    /// are resolved against the story's date.
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// The expression is a weekday relative to publication ("on Thursday").
    pub weekday: Option<Weekday>,
    /// The expression counts from the story's date ("yesterday", "last week").
    pub relative: Option<Relative>,
}

impl TimeExpr {
    /// An expression that names no date of its own (a weekday, "yesterday").
    pub fn undated(span: Span) -> TimeExpr {
        TimeExpr { span, year: None, month: None, day: None, weekday: None, relative: None }
    }

    /// The date the words give on their own, when they name a year.
    pub fn date(&self) -> Option<Date> {
        Some(Date { year: self.year?, month: self.month, day: self.day })
    }
}

/// A time counted from the story's date: `n` periods (negative: back, positive: ahead).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    Days(i32),
    Weeks(i32),
    Months(i32),
    Years(i32),
    /// The weekday before the story's date, not the story's own ("last Sunday").
    LastWeekday,
    /// The weekday after the story's date ("next Sunday").
    NextWeekday,
}

/// What a count counts: the people killed, wounded, arrested ... in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CountKind {
    Killed,
    Wounded,
    Arrested,
    Displaced,
    Kidnapped,
    Missing,
}

impl CountKind {
    pub const ALL: [CountKind; 6] = [
        CountKind::Killed,
        CountKind::Wounded,
        CountKind::Arrested,
        CountKind::Displaced,
        CountKind::Kidnapped,
        CountKind::Missing,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            CountKind::Killed => "killed",
            CountKind::Wounded => "wounded",
            CountKind::Arrested => "arrested",
            CountKind::Displaced => "displaced",
            CountKind::Kidnapped => "kidnapped",
            CountKind::Missing => "missing",
        }
    }
}

/// A number of people an event touched ("Twelve people were killed and 30 wounded":
/// killed 12, wounded 30), with the words it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    pub kind: CountKind,
    pub value: f64,
    /// "at least 15", "more than 20", "about 300": the figure is a bound or estimate.
    pub approximate: bool,
    /// The words the count was read from: the number through the casualty word.
    pub span: Span,
    /// The number's own words ("Twelve", "30").
    pub number: Span,
}

/// How precisely a place is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    City,
    /// A county, parish or district.
    Admin2,
    Admin1,
    Region,
    Country,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::City => "city",
            Precision::Admin2 => "admin2",
            Precision::Admin1 => "admin1",
            Precision::Region => "region",
            Precision::Country => "country",
        }
    }
}

/// A place named in the text, resolved to a gazetteer entry.
#[derive(Debug, Clone)]
pub struct Place {
    pub name: String,
    pub geonames_id: Option<u64>,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub precision: Precision,
    pub mentions: Vec<Span>,
    /// The mentions (of `mentions`) that name the place only as a modifier or part of
    /// another name: an adjective ("the Russian delegation"), a name inside an
    /// organisation's ("The Washington Post"). They say whose, not where: an event is
    /// not placed by them.
    pub indirect: Vec<Span>,
    /// Why this reading of the name was chosen.
    pub why: String,
}

/// Every place mention of a document with its place, in text order: the places a
/// sentence names are found by binary search, not by a scan of every place (which
/// grows with the square of the document's length).
#[derive(Debug, Clone, Default)]
pub struct PlaceMentions(Vec<(Span, usize)>);

impl PlaceMentions {
    pub fn new(places: &[Place]) -> PlaceMentions {
        let mut v: Vec<(Span, usize)> =
            places.iter().enumerate().flat_map(|(i, p)| p.mentions.iter().map(move |m| (*m, i))).collect();
        v.sort();
        PlaceMentions(v)
    }

    /// The mentions inside `span` as (place index, mention), ordered by place and then
    /// by position: the order a scan of `Doc::places` and their mentions meets them.
    pub fn within(&self, span: Span) -> Vec<(usize, Span)> {
        let from = self.0.partition_point(|(m, _)| m.start < span.start);
        let mut out: Vec<(usize, Span)> = self.0[from..]
            .iter()
            .take_while(|(m, _)| m.start < span.end)
            .filter(|(m, _)| span.contains(*m))
            .map(|&(m, i)| (i, m))
            .collect();
        out.sort();
        out
    }
}

/// One side of an event.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// CAMEO actor code: RUSGOV, KGZ, IGOWSTNAT.
    pub code: String,
    /// ISO 3166 alpha-3.
    pub country: Option<String>,
    pub role: Option<String>,
    /// An organisation's acronym.
    pub org: Option<String>,
    /// Index into [`Doc::entities`] when the actor is a named entity.
    pub entity: Option<usize>,
    /// The words that name the actor in the event's sentence.
    pub span: Span,
    /// The dictionary entry that gave the code.
    pub entry: Option<EntryRef>,
    /// The clause role: "subject", "object", "with-phrase", "passive-by", ...
    pub via: &'static str,
}

/// A coded event: who did what to whom, with its evidence.
#[derive(Debug, Clone)]
pub struct Event {
    /// CAMEO event code ("057").
    pub code: String,
    /// PLOVER event type ("AGREE").
    pub plover: Option<String>,
    pub mode: Option<String>,
    pub source: Option<Actor>,
    pub target: Option<Actor>,
    pub negated: bool,
    pub hypothetical: bool,
    pub future: bool,
    /// The event's own date, when the text dates it; else the publication date.
    pub date: Option<Date>,
    /// How the date was found: the words and the date they were resolved against.
    pub date_why: Option<String>,
    /// The words that dated the event ("on Sunday"), when the sentence dates it.
    pub date_span: Option<Span>,
    /// People killed, wounded, arrested ... in the event, as its sentence counts them.
    pub counts: Vec<Count>,
    pub sentence: usize,
    /// The sentence span (the evidence).
    pub span: Span,
    /// The words the pattern matched.
    pub words: Vec<Span>,
    /// The pattern that fired.
    pub rule: EntryRef,
    pub confidence: f32,
    /// The chain of reasons, for `explain`.
    pub reasons: Vec<String>,
    /// Index into [`Doc::places`] of where the event happened.
    pub place: Option<usize>,
    pub place_why: Option<String>,
    /// Symmetric events (meet, sign, cooperate) between two parties are coded once:
    /// source and target may be read either way.
    pub symmetric: bool,
    /// Other sentences that tell the same event in the same words (a lead repeated in
    /// the body): one event, several tellings.
    pub retold: Vec<Span>,
}

/// A problem met while reading or annotating, that did not stop the work.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub stage: &'static str,
    pub message: String,
    pub span: Option<Span>,
}
