//! Toponyms in context: find place names among the capitalised words of a story and
//! resolve each to one place.
//!
//! 1. **Find.** From each capitalised word the longest run of words (capitalised, or
//!    connectors such as "of", "de", "and") whose normalised form is a name in the
//!    gazetteer or among the built-in country and region names. Words inside a person's
//!    or an organisation's mention are skipped. A name that is only a small populated
//!    place needs a sign: a locative word before it ("in", "near"), a comma relation
//!    ("Bam, Iran"), "the town of", a dateline; common words ("Police", "Reading")
//!    need a strong sign.
//! 2. **Read the relations.** "X, Y" (X lies in Y), "the Kyrgyz town of X" (X in
//!    Kyrgyzstan), "X, 25 kilometers east of Y" (X near Y), "X in Y", "X Province".
//! 3. **Resolve**, one reading per distinct name per story: the reading with the best
//!    score of prior (population, kind of place, main name or alternate), countries
//!    the story is about (named countries, the dateline, the places already resolved),
//!    the subdivisions it names, closeness to the other places, and the relations.
//!    Three rounds, each using the readings of the last.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;

use dateline_core::{Doc, EntityKind, Place, Precision, Span, TokenKind};
use dateline_dict::Lexicon;

use crate::norm::{normalize, push_normalized};
use crate::store::{Gazetteer, Kind};
use crate::{countries, km, regions, tables};

mod choose;
mod scan;

/// Longest place name, in tokens.
const MAX_TOKENS: usize = 8;
/// Readings considered per name.
const MAX_CANDS: usize = 40;
/// A town under this population abroad, with nothing in the story pointing to it, is
/// left unresolved (see `Run::go`).
const STRAY_POPULATION: u64 = 100_000;
/// The same for a province abroad under this population.
const STRAY_AREA_POPULATION: u64 = 5_000_000;
/// Nearness to the story's other places (2.0 at the place, falling by e for every
/// 150 km) that counts as pointing to a reading: within about 200 km.
const NEAR_ENOUGH: f64 = 0.5;
/// An area ("X County") the index lacks is read as the town X only when X is at least
/// this large (the area's seat, named after it).
const SEAT_POPULATION: u64 = 50_000;
/// A name inside a longer proper name ("The Washington Post") is read as a place only
/// when it is a country, a subdivision, a region or a city at least this large.
const EMBEDDED_POPULATION: u64 = 100_000;
/// What lying in a county the story names adds to a town's reading (lying in a
/// subdivision it names adds 2.5).
const IN_COUNTY: f64 = 4.5;

/// A country as the resolver uses it.
#[derive(Debug, Clone)]
struct CountryRow {
    iso3: String,
    name: String,
    lat: f64,
    lon: f64,
    radius_km: f64,
    population: u64,
    geonames_id: Option<u64>,
    /// Normalised names of its capital (and metonyms) from the dictionaries.
    capitals: Vec<String>,
}

/// What the resolver builds once from the dictionaries and the gazetteer.
struct Tables {
    countries: Vec<CountryRow>,
    by_iso3: HashMap<[u8; 3], u16>,
    /// Built-in names (countries, and regions when there is no index) -> postings.
    names: fst::Map<Vec<u8>>,
    postings: Vec<u32>,
    /// Lower-case adjective or demonym -> country.
    adjectives: HashMap<String, u16>,
    /// Lower-case adjective (singular: "Russian", not "Russians"), or a word that
    /// stands for a place (`stands-for` in `dict/geo.txt`: "European", "EU"), or a
    /// building that stands for a government ("Kremlin") -> the place it names ("the
    /// Russian delegation" names Russia; the Kremlin is in Moscow) and whether it names
    /// it only indirectly (an adjective). Up to three words.
    modifiers: HashMap<String, (Cand, bool)>,
    common: HashSet<String>,
    preps: HashSet<String>,
    units_km: HashSet<String>,
    units_mile: HashSet<String>,
    orgheads: HashSet<String>,
    /// Capitalised words that may stand next to a place's name without making it part
    /// of a longer name: titles ("U.S. President"), months, weekdays.
    after_name: HashSet<String>,
    /// Words capitalised only because they open a sentence (determiners, pronouns,
    /// prepositions, conjunctions, subordinators, adverbs: not auxiliaries, which may
    /// be first names).
    function: HashSet<String>,
    /// `list-conj`: conjunctions that join places into a list ("X, Y and Z").
    list_conj: HashSet<String>,
}

const TAG_COUNTRY: u32 = 0;
const ALT: u32 = 1 << 31;
const TAG_REGION: u32 = 1;

fn iso_key(s: &str) -> Option<[u8; 3]> {
    let b = s.as_bytes();
    (b.len() == 3).then(|| [b[0], b[1], b[2]])
}

impl Tables {
    fn new(lex: &Lexicon, gaz: Option<&Gazetteer>) -> Tables {
        // Countries: keshvar's table, named and completed by the dictionaries and the index.
        let mut countries: Vec<CountryRow> = Vec::new();
        let mut names: Vec<(String, u32)> = Vec::new();
        let gaz_countries: HashMap<String, (String, u64, u32, f64, f64)> = gaz
            .map(|g| {
                g.entries_of(Kind::Country)
                    .filter_map(|e| {
                        Some((
                            e.country()?.to_string(),
                            (g.name(&e).to_string(), e.population as u64, e.geonames_id, e.lat as f64, e.lon as f64),
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        for k in countries::keshvar_countries() {
            let lexc = lex.countries.iter().find(|c| c.iso3 == k.iso3);
            let gc = gaz_countries.get(&k.iso3);
            let name = gc
                .map(|g| g.0.clone())
                .or_else(|| lexc.and_then(|c| c.names.first().cloned()))
                .unwrap_or_else(|| k.name.clone());
            let idx = countries.len() as u32;
            let mut all: Vec<String> = vec![name.clone()];
            all.extend(k.names.iter().cloned());
            let main: HashSet<String> = all.iter().map(|n| normalize(n)).collect();
            if let Some(c) = lexc {
                all.extend(c.names.iter().cloned());
            }
            for n in all {
                let key = normalize(&n);
                // Names only the dictionaries give ("Northern Ireland" for the United
                // Kingdom) are alternate names: a subdivision by that name comes first.
                let alt = if main.contains(&key) { 0 } else { ALT };
                names.push((key, (TAG_COUNTRY << 16) | idx | alt));
            }
            countries.push(CountryRow {
                iso3: k.iso3.clone(),
                name,
                lat: gc.map(|g| g.3).unwrap_or(k.lat),
                lon: gc.map(|g| g.4).unwrap_or(k.lon),
                radius_km: k.radius_km as f64,
                population: gc.map(|g| g.1).filter(|p| *p > 0).unwrap_or(k.population),
                geonames_id: gc.map(|g| g.2 as u64).filter(|id| *id > 0),
                capitals: lexc.map(|c| c.capitals.iter().map(|n| normalize(n)).collect()).unwrap_or_default(),
            });
        }
        let by_iso3: HashMap<[u8; 3], u16> =
            countries.iter().enumerate().filter_map(|(i, c)| Some((iso_key(&c.iso3)?, i as u16))).collect();
        for (iso, list) in &tables::words().country_aliases {
            let Some(&ci) = iso_key(iso).and_then(|k| by_iso3.get(&k)) else { continue };
            for n in list {
                names.push((normalize(n), (TAG_COUNTRY << 16) | ci as u32));
            }
        }
        if gaz.is_none() {
            for (ri, r) in regions::regions().iter().enumerate() {
                for n in &r.names {
                    names.push((normalize(n), (TAG_REGION << 16) | ri as u32));
                }
            }
        }
        names.retain(|(k, _)| !k.is_empty());
        names.sort();
        names.dedup_by(|b, a| a.0 == b.0 && (a.1 & !ALT) == (b.1 & !ALT));
        let mut postings = Vec::new();
        let mut builder = fst::MapBuilder::memory();
        let mut i = 0;
        while i < names.len() {
            let key = names[i].0.clone();
            let start = postings.len() as u64;
            while i < names.len() && names[i].0 == key {
                postings.push(names[i].1);
                i += 1;
            }
            let n = postings.len() as u64 - start;
            // Keys are sorted and distinct: insert cannot fail.
            let _ = builder.insert(key.as_bytes(), (start << 24) | n);
        }
        let names = builder.into_map();

        let mut adjectives = HashMap::default();
        for c in &lex.countries {
            let Some(&ci) = iso_key(&c.iso3).and_then(|k| by_iso3.get(&k)) else { continue };
            for a in &c.adjectives {
                adjectives.insert(a.to_lowercase(), ci);
            }
        }
        let modifiers = modifier_table(lex, gaz, &countries, &by_iso3, &names, &postings);
        let mut common: HashSet<String> = tables::words().common.iter().cloned().collect();
        // not vocabulary: class names
        for class in ["det", "pron", "prep", "conj", "aux", "modal", "neg", "sub", "month", "weekday", "say"] {
            common.extend(lex.class(class).map(str::to_lowercase));
        }
        let set = |class: &str| lex.class(class).map(str::to_lowercase).collect::<HashSet<String>>();
        let mut preps = set("prep");
        preps.extend(tables::words().locative.iter().cloned());
        let mut after_name: HashSet<String> = lex.agents.iter().map(|a| a.noun.to_lowercase()).collect();
        // not vocabulary: class names
        for class in ["month", "weekday", "det", "prep", "conj", "pron"] {
            after_name.extend(lex.class(class).map(str::to_lowercase));
        }
        after_name.extend(tables::words().after_name.iter().map(|w| w.to_lowercase()));
        let mut function = HashSet::default();
        // Not auxiliaries or modals: "Will Steele", "May Sydney..." may be a first name.
        // not vocabulary: class names
        for class in ["det", "pron", "prep", "conj", "sub", "adv"] {
            function.extend(lex.class(class).map(str::to_lowercase));
        }
        let mut units_km = set("unit-km");
        units_km.extend(tables::words().units_km.iter().map(|w| w.to_lowercase()));
        let mut units_mile = set("unit-mile");
        units_mile.extend(tables::words().units_mile.iter().map(|w| w.to_lowercase()));
        Tables {
            countries,
            by_iso3,
            names,
            postings,
            adjectives,
            modifiers,
            common,
            preps,
            units_km,
            units_mile,
            orgheads: set("orghead"),
            after_name,
            function,
            list_conj: set("list-conj"),
        }
    }
}

/// Resolves places in documents. Build once ([`Geocoder::new`]) and reuse: it holds
/// the tables made from the dictionaries.
pub struct Geocoder {
    tables: Tables,
    gaz: Option<Arc<Gazetteer>>,
}

impl Geocoder {
    pub fn new(lex: &Lexicon, gaz: Option<Arc<Gazetteer>>) -> Geocoder {
        Geocoder { tables: Tables::new(lex, gaz.as_deref()), gaz }
    }

    /// The place index, when there is one.
    pub fn gazetteer(&self) -> Option<&Gazetteer> {
        self.gaz.as_deref()
    }

    /// Finds and resolves the places of `doc` (after the nlp stage): fills
    /// `doc.places` and the dateline's country.
    pub fn annotate(&self, doc: &mut Doc) {
        Run::new(self, doc).go(doc);
    }
}

// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq)]
enum Src {
    Gaz(u32),
    Country(u16),
    Region(u16),
}

#[derive(Debug, Clone, Copy)]
struct Cand {
    src: Src,
    kind: Kind,
    lat: f64,
    lon: f64,
    country: Option<u16>,
    population: u64,
    admin1: Option<u32>,
    /// The county a populated place lies in.
    admin2: Option<u32>,
    radius: f64,
    alt: bool,
    abbrev: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Noun {
    City,
    Area,
}

#[derive(Debug)]
struct Mention {
    span: Span,
    tokens: (usize, usize),
    key: String,
    cands: Vec<Cand>,
    dateline: bool,
    /// "Nyanza Province": an area word follows.
    area_suffix: bool,
    /// "Washington state", "Kaduna state": an area word in lower case follows (not
    /// part of the name).
    area_word: bool,
    /// "the town of X", "the province of X".
    noun: Option<Noun>,
    /// "the Kyrgyz town of X".
    adj_country: Option<u16>,
    /// Part of a longer proper name: "The Washington Post", "Council of Europe". Read
    /// as the place, but it says nothing of where the story is.
    embedded: bool,
}

/// Why a reading gained: rendered for the chosen readings only.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Reason {
    /// "the Kyrgyz town of" before mention .0.
    Adjective(usize),
    DatelineCountry,
    Capital,
    LiesIn(usize),
    Holds(usize),
    Near(usize, u32),
    IsNear(usize),
    /// Listed beside subdivisions of the same country ("Utah, Washington and Wisconsin").
    Listed(usize),
    /// The state the dateline names by its abbreviation (mention .0).
    DatelineState(usize),
}

impl Reason {
    fn render(&self, doc: &Doc, ms: &[Mention]) -> String {
        let name = |k: usize| ms.get(k).map(|m| doc.slice(m.span)).unwrap_or("");
        match *self {
            Reason::Adjective(k) => {
                let cue = ms.get(k).and_then(|m| {
                    let a = m.tokens.0.checked_sub(3)?;
                    Some(Span::new(doc.tokens.get(a)?.span.start, doc.tokens.get(m.tokens.0 - 1)?.span.end))
                });
                format!("\"{}\" names the country", cue.map(|c| doc.slice(c)).unwrap_or(""))
            }
            Reason::DatelineCountry => "in the dateline's country".into(),
            Reason::Capital => "a capital".into(),
            Reason::LiesIn(k) => format!("lies in {}", name(k)),
            Reason::Holds(k) => format!("holds {}", name(k)),
            Reason::Near(k, d) => format!("about {d} km from {}", name(k)),
            Reason::IsNear(k) => format!("{} is near", name(k)),
            Reason::Listed(k) => format!("listed with {}", name(k)),
            Reason::DatelineState(k) => format!("the dateline's {}", name(k)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Rel {
    /// a lies in b ("a, b"); strong.
    Within,
    /// a lies in b ("a in b"); weaker.
    In,
    /// a is about this many km from b.
    Near(f64),
}

/// A walk down an `fst` byte by byte. Holds the decoded node it stands on, so each
/// byte decodes one node and reading the value decodes none.
struct Walker<'f> {
    fst: &'f fst::raw::Fst<Vec<u8>>,
    node: fst::raw::Node<'f>,
    out: fst::raw::Output,
    alive: bool,
}

impl<'f> Walker<'f> {
    fn new(fst: &'f fst::raw::Fst<Vec<u8>>) -> Walker<'f> {
        Walker { fst, node: fst.root(), out: fst::raw::Output::zero(), alive: true }
    }

    fn feed(&mut self, bytes: &[u8]) {
        if !self.alive {
            return;
        }
        for &b in bytes {
            match self.node.find_input(b) {
                Some(i) => {
                    let t = self.node.transition(i);
                    self.out = self.out.cat(t.out);
                    self.node = self.fst.node(t.addr);
                }
                None => {
                    self.alive = false;
                    return;
                }
            }
        }
    }

    fn value(&self) -> Option<u64> {
        (self.alive && self.node.is_final()).then(|| self.out.cat(self.node.final_output()).value())
    }

    /// Where the walk stands, to resume it later with [`Walker::resume`].
    fn mark(&self) -> (fst::raw::CompiledAddr, fst::raw::Output, bool) {
        (self.node.addr(), self.out, self.alive)
    }

    fn resume(
        fst: &'f fst::raw::Fst<Vec<u8>>,
        (addr, out, alive): (fst::raw::CompiledAddr, fst::raw::Output, bool),
    ) -> Walker<'f> {
        Walker { fst, node: fst.node(addr), out, alive }
    }
}

/// Walks after a story's first word of a name, by the word's normalised form: a word
/// met again (names repeat within a story) resumes where its first walk ended.
type WalkMark = (fst::raw::CompiledAddr, fst::raw::Output, bool);
type FirstWalks = HashMap<String, (Option<WalkMark>, WalkMark)>;

struct Run<'a> {
    geo: &'a Geocoder,
    /// Lower-case token texts.
    lower: String,
    lower_at: Vec<(u32, u32)>,
    /// Byte spans of person mentions.
    excluded: Vec<Span>,
    /// Byte spans of organisation mentions: only a country's name is read in them
    /// ("the U.S. Army", "SOS Children's Villages Sudan").
    org_spans: Vec<Span>,
    /// Token index -> country of a country entity mention covering it ("Kyrgyz").
    entity_country: HashMap<usize, u16>,
    sentence_start: Vec<bool>,
    title_case_sentence: Vec<bool>,
}

/// "d'Ivoire", "l'Aquila".
fn is_elision(s: &str) -> bool {
    let mut c = s.chars();
    matches!((c.next(), c.next(), c.next()), (Some(a), Some('\'' | '\u{2019}'), Some(_)) if a.is_alphabetic())
}

/// A word for a kind of area after a name ("County", "provinces"), singular or plural.
fn is_admin_suffix(w: &str) -> bool {
    let list = &tables::words().admin_suffixes;
    tables::has(list, w)
        || w.strip_suffix("ies").is_some_and(|stem| list.iter().any(|x| x.strip_suffix('y') == Some(stem)))
        || w.strip_suffix('s').is_some_and(|stem| tables::has(list, stem))
}

fn is_cap(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

impl<'a> Run<'a> {
    fn new(geo: &'a Geocoder, doc: &Doc) -> Run<'a> {
        let mut lower = String::with_capacity(doc.text.len() + 16);
        let mut lower_at = Vec::with_capacity(doc.tokens.len());
        for t in &doc.tokens {
            let s = doc.slice(t.span);
            let a = lower.len() as u32;
            if s.is_ascii() {
                lower.extend(s.bytes().map(|b| b.to_ascii_lowercase() as char));
            } else {
                lower.extend(s.chars().flat_map(char::to_lowercase));
            }
            lower_at.push((a, lower.len() as u32));
        }
        let mut excluded = Vec::new();
        let mut org_spans = Vec::new();
        let mut entity_country = HashMap::default();
        for e in &doc.entities {
            match e.kind {
                EntityKind::Person => excluded.extend(e.mentions.iter().copied()),
                EntityKind::Organization => org_spans.extend(e.mentions.iter().copied()),
                EntityKind::Country | EntityKind::Group => {
                    let Some(ci) = e.country.as_deref().and_then(iso_key).and_then(|k| geo.tables.by_iso3.get(&k))
                    else {
                        continue;
                    };
                    for m in &e.mentions {
                        let first = doc.tokens.partition_point(|t| t.span.start < m.start);
                        for (ti, t) in doc.tokens.iter().enumerate().skip(first) {
                            if t.span.start >= m.end {
                                break;
                            }
                            entity_country.insert(ti, *ci);
                        }
                    }
                }
                EntityKind::Location => {}
            }
        }
        excluded.sort_by_key(|s| s.start);
        org_spans.sort_by_key(|s| s.start);
        let mut sentence_start = vec![false; doc.tokens.len()];
        let mut title_case_sentence = vec![false; doc.tokens.len()];
        if doc.sentences.is_empty() {
            if let Some(s) = sentence_start.first_mut() {
                *s = true;
            }
        }
        for s in &doc.sentences {
            let (a, b) = s.tokens;
            if let Some(x) = sentence_start.get_mut(a) {
                *x = true;
            }
            let (mut words, mut caps) = (0usize, 0usize);
            for t in doc.tokens.get(a..b.min(doc.tokens.len())).unwrap_or(&[]) {
                if t.kind == TokenKind::Word {
                    words += 1;
                    caps += usize::from(is_cap(doc.slice(t.span)));
                }
            }
            let title = words >= 3 && caps * 10 >= words * 7;
            for x in title_case_sentence.iter_mut().take(b.min(doc.tokens.len())).skip(a) {
                *x = title;
            }
        }
        Run { geo, lower, lower_at, excluded, org_spans, entity_country, sentence_start, title_case_sentence }
    }

    fn t(&self) -> &Tables {
        &self.geo.tables
    }

    fn is_excluded(&self, span: Span) -> bool {
        let i = self.excluded.partition_point(|s| s.end <= span.start);
        self.excluded.get(i).is_some_and(|s| s.start < span.end)
    }

    fn in_org(&self, span: Span) -> bool {
        let i = self.org_spans.partition_point(|s| s.end <= span.start);
        self.org_spans.get(i).is_some_and(|s| s.start < span.end)
    }

    fn word(&self, i: usize) -> &str {
        self.lower_at.get(i).and_then(|&(a, b)| self.lower.get(a as usize..b as usize)).unwrap_or("")
    }

    /// Token `i` starts a sentence (or follows an opening quote or bracket).
    fn starts_sentence(&self, doc: &Doc, i: usize) -> bool {
        if self.sentence_start.get(i).copied().unwrap_or(false) || i == 0 {
            return true;
        }
        let p = &doc.tokens[i - 1];
        p.kind == TokenKind::Quote || matches!(doc.slice(p.span), "(" | "[" | "\u{2014}" | "--" | ":" | "-")
    }

    fn same_sentence(doc: &Doc, a: usize, b: usize) -> bool {
        match (doc.tokens.get(a), doc.tokens.get(b)) {
            (Some(x), Some(y)) => x.sentence == y.sentence,
            _ => false,
        }
    }

    fn cands_from(&self, gaz_value: Option<u64>, builtin_value: Option<u64>) -> Vec<Cand> {
        let t = self.t();
        let mut out: Vec<Cand> = builtin_value.map(|v| builtin_cands(&t.countries, &t.postings, v)).unwrap_or_default();
        if let (Some(g), Some(v)) = (self.geo.gazetteer(), gaz_value) {
            for h in g.hits(v) {
                if out.len() >= MAX_CANDS {
                    break;
                }
                // Countries come from the built-in table (same countries, more names).
                out.extend(gaz_cand(g, h, &t.by_iso3).filter(|c| c.kind != Kind::Country));
            }
        }
        out
    }

    /// The longest place name starting at token `i`: (end token, gazetteer value, built-in value).
    fn longest_at(
        &self,
        doc: &Doc,
        i: usize,
        buf: &mut String,
        memo: &mut FirstWalks,
    ) -> Option<(usize, Option<u64>, Option<u64>)> {
        let toks = &doc.tokens;
        let (gfst, bfst) = (self.geo.gazetteer().map(|g| g.fst()), self.t().names.as_fst());
        let mut gw = gfst.map(Walker::new);
        let mut bw = Walker::new(bfst);
        let mut best = None;
        let mut pending_space = false;
        let mut j = i;
        while j < toks.len() && j < i + MAX_TOKENS {
            let tok = &toks[j];
            let s = doc.slice(tok.span);
            if j > i {
                if toks[j].sentence != toks[i].sentence {
                    break;
                }
                let gap = doc.text.get(toks[j - 1].span.end..tok.span.start).unwrap_or(" ");
                if gap.contains('\n') {
                    break;
                }
                if matches!(s, "-" | "\u{2013}" | "/") && gap.is_empty() {
                    pending_space = true;
                    j += 1;
                    continue;
                }
                let elision = is_elision(s);
                let ok = match tok.kind {
                    TokenKind::Word => {
                        is_cap(s)
                            || pending_space
                            || elision
                            || tables::has(&tables::words().connectors, self.word(j))
                            || s.starts_with('\'')
                            || s.starts_with('\u{2019}')
                    }
                    TokenKind::Punct => matches!(s, "'" | "\u{2019}" | "." | "&"),
                    _ => false,
                };
                if !ok {
                    break;
                }
                if pending_space || !gap.is_empty() {
                    if let Some(w) = gw.as_mut() {
                        w.feed(b" ");
                    }
                    bw.feed(b" ");
                }
            } else if tok.kind != TokenKind::Word || !is_cap(s) {
                return None;
            }
            pending_space = false;
            buf.clear();
            push_normalized(s, buf);
            let first = if j == i { memo.get(buf.as_str()).copied() } else { None };
            if let Some((g, b)) = first {
                gw = gfst.zip(g).map(|(f, m)| Walker::resume(f, m));
                bw = Walker::resume(bfst, b);
            } else {
                if let Some(w) = gw.as_mut() {
                    w.feed(buf.as_bytes());
                }
                bw.feed(buf.as_bytes());
                if j == i {
                    memo.insert(buf.clone(), (gw.as_ref().map(Walker::mark), bw.mark()));
                }
            }
            let alive = gw.as_ref().is_some_and(|w| w.alive) || bw.alive;
            if !alive {
                break;
            }
            let elision = is_elision(s);
            if tok.kind == TokenKind::Word && (is_cap(s) || (j > i && (elision || doc.slice(toks[j - 1].span) == "-")))
            {
                let gv = gw.as_ref().and_then(Walker::value);
                let bv = bw.value();
                if gv.is_some() || bv.is_some() {
                    best = Some((j + 1, gv, bv));
                }
            }
            j += 1;
        }
        best
    }

    /// Adjectives that name a place ("the Russian delegation", "European airlines",
    /// "Turkish-backed"), and buildings that stand for a government ("the Kremlin"),
    /// outside the names found: (span, the place, whether it names it indirectly). A
    /// word of a person's own name is none ("Dane Smith"); the adjective before a title
    /// is ("Russian President Vladimir Putin").
    fn modifiers(&self, doc: &Doc, ms: &[Mention]) -> Vec<(Span, Cand, bool)> {
        let toks = &doc.tokens;
        let mods = &self.t().modifiers;
        let mut covered = vec![false; toks.len()];
        for m in ms {
            for c in covered.iter_mut().take(m.tokens.1.min(toks.len())).skip(m.tokens.0) {
                *c = true;
            }
        }
        let mut out = Vec::new();
        let mut key = String::new();
        let mut i = 0;
        while i < toks.len() {
            // Every name tried starts with token `i`: a covered or lower-case word starts none.
            if covered[i] || toks[i].kind != TokenKind::Word || !is_cap(doc.slice(toks[i].span)) {
                i += 1;
                continue;
            }
            let found = (1..=3).rev().find_map(|n| {
                let words = toks.get(i..i + n)?;
                if covered[i..i + n].iter().any(|&c| c)
                    || !words.iter().all(|t| t.kind == TokenKind::Word && is_cap(doc.slice(t.span)))
                {
                    return None;
                }
                if words.windows(2).any(|w| doc.text.get(w[0].span.end..w[1].span.start) != Some(" ")) {
                    return None;
                }
                key.clear();
                for k in i..i + n {
                    if k > i {
                        key.push(' ');
                    }
                    key.push_str(self.word(k));
                }
                mods.get(key.as_str())
                    .map(|&(c, indirect)| (n, Span::new(words[0].span.start, words[n - 1].span.end), c, indirect))
            });
            match found {
                // "French Quarter", "American South": the adjective starts another place's name.
                Some((n, span, c, indirect))
                    if !self.in_person_name(doc, span) && !(indirect && self.starts_other_place(doc, i + n)) =>
                {
                    out.push((span, c, indirect));
                    i += n;
                }
                _ => i += 1,
            }
        }
        out
    }

    /// Token `i` is a capitalised word for a kind of place or a direction: the words
    /// before it start another place's name ("French Quarter", "American South").
    fn starts_other_place(&self, doc: &Doc, i: usize) -> bool {
        let w = self.word(i);
        doc.tokens.get(i).is_some_and(|t| is_cap(doc.slice(t.span)))
            && (tables::has(&tables::words().features, w) || tables::has(&tables::words().directions, w))
    }

    /// `span` is a word of a person's own name (not of a title before it).
    fn in_person_name(&self, doc: &Doc, span: Span) -> bool {
        if !self.is_excluded(span) {
            return false;
        }
        let w = doc.slice(span);
        doc.entities.iter().filter(|e| e.kind == EntityKind::Person).any(|e| {
            e.mentions.iter().any(|m| m.start < span.end && span.start < m.end)
                && e.name.split_whitespace().any(|x| x == w)
        })
    }

    /// Relations between mentions: (a, b, what).
    fn relations(&self, doc: &Doc, ms: &[Mention]) -> Vec<(usize, usize, Rel)> {
        let toks = &doc.tokens;
        let mut rels = Vec::new();
        let at_token: HashMap<usize, usize> = ms.iter().enumerate().map(|(k, m)| (m.tokens.0, k)).collect();
        // A place followed by ", Z", "and Z" or "or Z": one of a list.
        let continues_list = |k: usize| {
            let e = ms[k].tokens.1;
            let sep = toks.get(e).map(|t| doc.slice(t.span)).unwrap_or("");
            // "X, Y, and Z": a comma before the conjunction.
            let conj = &self.geo.tables.list_conj;
            let oxford = sep == "," && conj.contains(self.word(e + 1)) && at_token.contains_key(&(e + 2));
            (matches!(sep, "," | ";") || conj.contains(sep)) && at_token.contains_key(&(e + 1)) || oxford
        };
        for (a, m) in ms.iter().enumerate() {
            let e = m.tokens.1;
            // "X, Y" and "X in Y"; not in a list of places ("Georgia, Oklahoma, Pennsylvania").
            let listed = a > 0 && ms[a - 1].tokens.1 + 1 == m.tokens.0 && continues_list(a - 1);
            if toks.get(e).is_some_and(|t| matches!(doc.slice(t.span), ",")) && !listed {
                if let Some(&b) = at_token.get(&(e + 1)) {
                    let a_country = m.cands.iter().any(|c| matches!(c.kind, Kind::Country | Kind::Region) && !c.alt);
                    if !continues_list(b) && !a_country {
                        rels.push((a, b, Rel::Within));
                    }
                }
            }
            if matches!(self.word(e), "in" | "of") {
                if let Some(&b) = at_token.get(&(e + 1)) {
                    rels.push((a, b, Rel::In));
                }
            }
            // Over an area the index lacks: "Austin, in Scott County, Indiana".
            if self.word(e) == "," {
                let mut k = e + 1;
                if self.word(k) == "in" {
                    k += 1;
                }
                let from = k;
                let mut area = false;
                if let Some(&c) = at_token.get(&k) {
                    // Read as a town of that name ("Scott" of "Scott County").
                    if ms[c].area_suffix {
                        k = ms[c].tokens.1;
                        area = true;
                    }
                } else {
                    while k < toks.len()
                        && k < from + 4
                        && toks[k].kind == TokenKind::Word
                        && is_cap(doc.slice(toks[k].span))
                        && !at_token.contains_key(&k)
                    {
                        k += 1;
                    }
                    area = k > from + 1 && is_admin_suffix(self.word(k - 1));
                }
                if area && self.word(k) == "," && Self::same_sentence(doc, e, k) {
                    if let Some(&b) = at_token.get(&(k + 1)) {
                        if !continues_list(b) {
                            rels.push((a, b, Rel::Within));
                        }
                    }
                }
            }
        }
        // "N km east of Y": the place before the distance lies near Y.
        for (b, m) in ms.iter().enumerate() {
            let s = m.tokens.0;
            if s < 3 || self.word(s - 1) != "of" || !tables::has(&tables::words().directions, self.word(s - 2)) {
                continue;
            }
            // Look back over "25 kilometers (15 miles)" for a number and unit.
            let mut dist = None;
            let mut k = s - 2;
            let mut steps = 0;
            while k > 0 && steps < 8 {
                k -= 1;
                steps += 1;
                let w = self.word(k);
                let f = if self.t().units_km.contains(w) {
                    Some(1.0)
                } else if self.t().units_mile.contains(w) {
                    Some(1.609)
                } else {
                    None
                };
                if let (Some(f), Some(n)) =
                    (f, k.checked_sub(1).and_then(|p| self.word(p).replace(',', "").parse::<f64>().ok()))
                {
                    dist = Some(n * f);
                    k -= 1;
                    break;
                }
            }
            let Some(d) = dist else { continue };
            // The nearest place mention before the distance, in the same sentence.
            if let Some(a) = (0..b).rev().find(|&a| {
                ms[a].tokens.1 <= k && Self::same_sentence(doc, ms[a].tokens.0, s) && k - ms[a].tokens.1 <= 6
            }) {
                rels.push((a, b, Rel::Near(d)));
            }
        }
        rels
    }

    /// Finds the story's place names and resolves each (see [`choose::Story`]).
    fn go(&self, doc: &mut Doc) {
        let ms = self.find(doc);
        let mods = self.modifiers(doc, &ms);
        doc.places.clear();
        if ms.is_empty() && mods.is_empty() {
            return;
        }
        let rels = self.relations(doc, &ms);
        if std::env::var_os("DATELINE_GEO_DEBUG").is_some() {
            for &(a, b, rel) in &rels {
                eprintln!("  rel {:?} {:?} {:?}", ms[a].key, rel, ms[b].key);
            }
        }
        let t = self.t();
        let dl_country = doc
            .meta
            .dateline
            .as_ref()
            .and_then(|d| d.country.as_deref())
            .and_then(iso_key)
            .and_then(|k| t.by_iso3.get(&k).copied());
        let mut story = choose::Story::new(self, doc, &ms, &rels, dl_country);
        story.cues();
        story.relate();
        story.rounds();
        story.abstain_outside();
        story.abstain_strays();
        story.abstain_missing_areas();
        let (places, dateline_country) = story.places(mods);
        doc.places = places;
        if let (Some(dl), Some(c)) = (doc.meta.dateline.as_mut(), dateline_country) {
            dl.country = Some(c);
        }
    }

    fn place_of(&self, c: &Cand) -> Place {
        let t = self.t();
        let country = c.country.and_then(|i| t.countries.get(i as usize)).map(|r| r.iso3.clone());
        let (name, geonames_id, admin1) = match c.src {
            Src::Country(i) => {
                let r = &t.countries[i as usize];
                (r.name.clone(), r.geonames_id, None)
            }
            Src::Region(i) => {
                (regions::regions().get(i as usize).map(|r| r.names[0].clone()).unwrap_or_default(), None, None)
            }
            Src::Gaz(i) => {
                let g = self.geo.gazetteer();
                let e = g.and_then(|g| g.entry(i));
                let name = match (g, e) {
                    (Some(g), Some(e)) => g.name(&e).to_string(),
                    _ => String::new(),
                };
                let admin1 = match (g, e) {
                    (Some(g), Some(e)) if e.kind == Kind::Admin1 => Some(g.name(&e).to_string()),
                    (Some(g), Some(e)) => e.admin1.and_then(|a| g.entry(a)).map(|a| g.name(&a).to_string()),
                    _ => None,
                };
                (name, e.map(|e| e.geonames_id as u64).filter(|id| *id > 0), admin1)
            }
        };
        let precision = match c.kind {
            Kind::City => Precision::City,
            Kind::Admin1 => Precision::Admin1,
            Kind::Admin2 => Precision::Admin2,
            Kind::Country => Precision::Country,
            Kind::Region => Precision::Region,
        };
        Place {
            name,
            geonames_id,
            country,
            admin1,
            lat: Some(round5(c.lat)),
            lon: Some(round5(c.lon)),
            precision,
            mentions: Vec::new(),
            indirect: Vec::new(),
            why: String::new(),
        }
    }
}

/// The readings of a built-in name (countries, and regions without the index).
fn builtin_cands(countries: &[CountryRow], postings: &[u32], v: u64) -> Vec<Cand> {
    let (start, n) = ((v >> 24) as usize, (v & 0xFF_FFFF) as usize);
    let mut out = Vec::new();
    for &p in postings.get(start..start + n).unwrap_or(&[]) {
        let idx = (p & 0xFFFF) as u16;
        let c = match (p & !ALT) >> 16 {
            TAG_COUNTRY => countries.get(idx as usize).map(|c| country_cand(idx, c)),
            _ => regions::regions().get(idx as usize).map(|r| Cand {
                src: Src::Region(idx),
                kind: Kind::Region,
                lat: r.lat,
                lon: r.lon,
                country: None,
                population: 0,
                admin1: None,
                admin2: None,
                radius: r.radius_km as f64,
                alt: false,
                abbrev: false,
            }),
        };
        out.extend(c.map(|c| Cand { alt: p & ALT != 0 && c.kind == Kind::Country, ..c }));
    }
    out
}

fn country_cand(idx: u16, c: &CountryRow) -> Cand {
    Cand {
        src: Src::Country(idx),
        kind: Kind::Country,
        lat: c.lat,
        lon: c.lon,
        country: Some(idx),
        population: c.population,
        admin1: None,
        admin2: None,
        radius: c.radius_km,
        alt: false,
        abbrev: false,
    }
}

fn gaz_cand(g: &Gazetteer, h: crate::store::Hit, by_iso3: &HashMap<[u8; 3], u16>) -> Option<Cand> {
    let e = g.entry(h.index)?;
    Some(Cand {
        src: Src::Gaz(h.index),
        kind: e.kind,
        lat: e.lat as f64,
        lon: e.lon as f64,
        country: iso_key_arr(e.country).and_then(|k| by_iso3.get(&k).copied()),
        population: e.population as u64,
        admin1: e.admin1,
        admin2: e.admin2,
        radius: e.radius_km as f64,
        alt: h.alternate,
        abbrev: h.abbrev,
    })
}

/// A form of a country's adjectives that names its people in the plural: another form
/// of the same country plus "s" or "es" ("Russians", "Britons"), or with "men" for
/// "man" ("Frenchmen").
fn is_plural_form(form: &str, forms: &[String]) -> bool {
    let other = |stem: &str| forms.iter().any(|f| f != form && f == stem);
    form.strip_suffix('s').is_some_and(other)
        || form.strip_suffix("es").is_some_and(other)
        || form.strip_suffix("men").is_some_and(|stem| other(&format!("{stem}man")))
}

/// The words that name a place when they modify a noun ("the Russian delegation",
/// "European airlines"): each country's adjectives but its plural demonyms, and the
/// `stands-for` words of `dict/geo.txt`, each read as its line's place (a country by the
/// built-in names; else the largest area or region the index has by that name).
fn modifier_table(
    lex: &Lexicon,
    gaz: Option<&Gazetteer>,
    countries: &[CountryRow],
    by_iso3: &HashMap<[u8; 3], u16>,
    names: &fst::Map<Vec<u8>>,
    postings: &[u32],
) -> HashMap<String, (Cand, bool)> {
    let mut out: HashMap<String, (Cand, bool)> = HashMap::default();
    for c in &lex.countries {
        let Some(&ci) = iso_key(&c.iso3).and_then(|k| by_iso3.get(&k)) else { continue };
        let Some(row) = countries.get(ci as usize) else { continue };
        for a in c.adjectives.iter().filter(|a| !is_plural_form(a, &c.adjectives)) {
            out.insert(a.to_lowercase(), (country_cand(ci, row), true));
        }
        if let Some(g) = gaz {
            for (b, capital) in government_buildings(g, by_iso3, ci, &c.capitals) {
                out.insert(b.to_lowercase(), (capital, false));
            }
        }
    }
    for (place, words) in &tables::words().stands_for {
        let key = normalize(place);
        let mut cands = names.get(key.as_bytes()).map(|v| builtin_cands(countries, postings, v)).unwrap_or_default();
        if let Some(g) = gaz {
            cands.extend(
                g.fst_get(&key)
                    .into_iter()
                    .flat_map(|v| g.hits(v))
                    .filter_map(|h| gaz_cand(g, h, by_iso3))
                    .filter(|c| !matches!(c.kind, Kind::City | Kind::Country)),
            );
        }
        let best = cands.into_iter().filter(|c| !c.alt).max_by(|a, b| prior(a).total_cmp(&prior(b)));
        let Some(best) = best else { continue };
        for w in words {
            out.insert(w.to_lowercase(), (best, true));
        }
    }
    out
}

/// The largest populated place of country `ci` the index has by `name`.
fn largest_city(g: &Gazetteer, by_iso3: &HashMap<[u8; 3], u16>, ci: u16, name: &str) -> Option<Cand> {
    let v = g.fst_get(&normalize(name))?;
    g.hits(v)
        .filter_map(|h| gaz_cand(g, h, by_iso3))
        .filter(|c| c.kind == Kind::City && c.country == Some(ci))
        .max_by_key(|c| c.population)
}

/// The entries after the first of a country's capitals (`countries.txt`) that are
/// buildings of its government ("Kremlin", "White House"), each with the capital's
/// reading: those the index knows as no town of that country at least a tenth the
/// capital's size (a second capital such as Amsterdam is read as itself).
fn government_buildings<'l>(
    g: &Gazetteer,
    by_iso3: &HashMap<[u8; 3], u16>,
    ci: u16,
    capitals: &'l [String],
) -> Vec<(&'l str, Cand)> {
    let Some(capital) = capitals.first().and_then(|c| largest_city(g, by_iso3, ci, c)) else { return Vec::new() };
    capitals
        .iter()
        .skip(1)
        .filter(|b| largest_city(g, by_iso3, ci, b).is_none_or(|c| c.population * 10 < capital.population))
        .map(|b| (b.as_str(), capital))
        .collect()
}

/// Distance in km, equirectangular: good to a few per cent below 2,000 km, and
/// cheap (used for closeness to the other places, pair by pair).
fn fast_km(a: &Cand, b: &Cand) -> f64 {
    let mut dlon = (a.lon - b.lon).abs();
    if dlon > 180.0 {
        dlon = 360.0 - dlon;
    }
    let x = dlon.to_radians() * ((a.lat + b.lat) / 2.0).to_radians().cos();
    let y = (a.lat - b.lat).to_radians();
    6371.0 * (x * x + y * y).sqrt()
}

fn round5(x: f64) -> f64 {
    (x * 100_000.0).round() / 100_000.0
}

fn iso_key_arr(k: [u8; 3]) -> Option<[u8; 3]> {
    (k[0] != 0).then_some(k)
}

fn describe(c: &Cand) -> String {
    let kind = match c.kind {
        Kind::City => "populated place",
        Kind::Admin1 => "subdivision",
        Kind::Admin2 => "county or district",
        Kind::Country => "country",
        Kind::Region => "region",
    };
    if c.population > 0 && c.kind != Kind::Region {
        format!("chose the {kind} (population {}){}", c.population, if c.alt { ", by an alternate name" } else { "" })
    } else {
        format!("chose the {kind}")
    }
}

/// How likely a reading is before the story is read.
fn prior(c: &Cand) -> f64 {
    let lp = (c.population as f64 + 10.0).log10();
    let base = match c.kind {
        Kind::City => 1.1 * lp + if c.population >= 1_000_000 { 1.0 } else { 0.0 },
        Kind::Admin1 => 1.1 * lp + 0.3,
        // A county is less often meant than a town of the same size and name.
        Kind::Admin2 => 1.1 * lp - 0.5,
        Kind::Country => 11.0,
        Kind::Region => 9.0,
    };
    base - if c.alt && c.kind != Kind::Country { 1.5 } else { 0.0 }
}

/// Place `c` lies in area `y`.
fn contains(y: &Cand, c: &Cand) -> bool {
    if c.src == y.src {
        return false;
    }
    match y.kind {
        Kind::Country => {
            c.kind != Kind::Country && c.kind != Kind::Region && c.country.is_some() && c.country == y.country
        }
        Kind::Admin1 => {
            if !matches!(c.kind, Kind::City | Kind::Admin1 | Kind::Admin2) {
                return false;
            }
            // The circle around a subdivision's centre stands in for its outline: a
            // place linked to another subdivision (the links are not always at the
            // level a story names: Ipswich is linked to England, not Suffolk) must lie
            // well inside it, an unlinked one anywhere in it.
            let reach = match (y.src, c.admin1) {
                (Src::Gaz(yi), Some(a)) if yi == a => return true,
                (_, Some(_)) => y.radius * 0.8,
                (_, None) => y.radius * 1.2 + 10.0,
            };
            c.country == y.country && km(c.lat, c.lon, y.lat, y.lon) <= reach
        }
        Kind::Region => c.kind != Kind::Region && km(c.lat, c.lon, y.lat, y.lon) <= y.radius,
        // A county: the places linked to it, or unlinked ones within its reach.
        Kind::Admin2 => match (y.src, c.admin2) {
            (Src::Gaz(yi), Some(a)) => yi == a,
            _ => {
                c.kind == Kind::City
                    && c.country == y.country
                    && km(c.lat, c.lon, y.lat, y.lon) <= y.radius * 1.2 + 10.0
            }
        },
        // A part of a larger city: "Queens, New York", "Brooklyn, New York". The
        // index holds cities as points; a city's extent grows with the square root of
        // its population (30 km for the largest).
        Kind::City => {
            let reach = (0.3 * (y.population as f64 / 1000.0).sqrt()).min(30.0) + 2.0;
            c.kind == Kind::City
                && c.country == y.country
                && y.population >= 2 * c.population
                && km(c.lat, c.lon, y.lat, y.lon) <= reach
        }
    }
}

impl Gazetteer {
    pub(crate) fn fst_get(&self, key: &str) -> Option<u64> {
        let mut w = Walker::new(self.fst());
        w.feed(key.as_bytes());
        w.value()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{doc, fixture_gazetteer, lexicon};
    use dateline_core::{Dateline, Entity};

    fn place<'d>(d: &'d Doc, name: &str) -> Option<&'d Place> {
        d.places.iter().find(|p| p.name == name)
    }

    /// The place a mention with this wording was read as.
    fn read_as<'d>(d: &'d Doc, words: &str) -> Option<&'d Place> {
        d.places.iter().find(|p| p.mentions.iter().any(|m| d.slice(*m) == words))
    }

    fn near(p: Option<&Place>, lat: f64, lon: f64, within_km: f64) -> bool {
        p.is_some_and(|p| match (p.lat, p.lon) {
            (Some(a), Some(b)) => km(a, b, lat, lon) <= within_km,
            _ => false,
        })
    }

    const SEED: &str = "BISHKEK, April 5 (Itar-Tass) \u{2014} Russian Foreign Minister Sergei Lavrov said the Russian military base in the Kyrgyz town of Kant has no secret purpose. The Russian air base in Kant, 25 kilometers east of Bishkek, has been an Air Force component. Russia and Kyrgyzstan signed an agreement.";

    fn seed_doc() -> Doc {
        let mut d = doc(SEED);
        d.meta.dateline =
            Some(Dateline { place: "BISHKEK".into(), place_span: Span::new(0, 7), ..Dateline::default() });
        d.entities.push(Entity {
            name: "Sergei Lavrov".into(),
            kind: EntityKind::Person,
            country: Some("RUS".into()),
            title: None,
            role: None,
            actor: None,
            org: None,
            mentions: vec![Span::new(SEED.find("Sergei").unwrap_or(0), SEED.find(" said").unwrap_or(0))],
            entries: vec![],
        });
        d
    }

    #[test]
    fn seed_story_resolves_kant_and_bishkek() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        let mut d = seed_doc();
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        let kant = place(&d, "Kant");
        assert!(near(kant, 42.89, 74.85, 5.0), "{:?}", d.places);
        assert_eq!(kant.map(|p| p.mentions.len()), Some(2));
        assert_eq!(kant.and_then(|p| p.country.as_deref()), Some("KGZ"));
        assert_eq!(kant.map(|p| p.precision), Some(Precision::City));
        let bishkek = place(&d, "Bishkek");
        assert!(near(bishkek, 42.87, 74.59, 5.0), "{:?}", d.places);
        // The dateline is one of Bishkek's mentions, and gives the dateline its country.
        assert!(bishkek.is_some_and(|p| p.mentions.contains(&Span::new(0, 7))));
        assert_eq!(d.meta.dateline.as_ref().and_then(|dl| dl.country.as_deref()), Some("KGZ"));
        let kg = place(&d, "Kyrgyzstan");
        assert_eq!(kg.map(|p| p.precision), Some(Precision::Country));
        assert!(place(&d, "Russia").is_some());
        // Every mention points at the name.
        for p in &d.places {
            for m in &p.mentions {
                assert!(!d.slice(*m).is_empty());
            }
        }
        assert!(kant.is_some_and(|p| p.why.contains("Kyrgyz town of")), "{:?}", kant.map(|p| &p.why));
    }

    #[test]
    fn comma_relation_picks_the_country() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        let mut d = doc("The earthquake struck Bam, Cameroon on Friday.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(place(&d, "Bam").and_then(|p| p.country.as_deref()), Some("CMR"), "{:?}", d.places);
        let mut d = doc("The earthquake struck Bam, Iran on Friday.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(place(&d, "Bam").and_then(|p| p.country.as_deref()), Some("IRN"));
    }

    #[test]
    fn state_abbreviations_after_a_comma() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        let mut d = doc("Officials in Buffalo, N.Y. said the plant in Santa Ana, Calif. would close.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(place(&d, "Buffalo").and_then(|p| p.country.as_deref()), Some("USA"), "{:?}", d.places);
        assert_eq!(place(&d, "Santa Ana").and_then(|p| p.country.as_deref()), Some("USA"));
        assert_eq!(place(&d, "Santa Ana").and_then(|p| p.admin1.as_deref()), Some("California"));
        // "Calif." is read as California only after a comma.
        let mut d = doc("Calif. is sunny.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert!(place(&d, "California").is_none());
    }

    /// The place a mention starting at this byte was read as.
    fn read_at(d: &Doc, start: usize) -> Option<&Place> {
        d.places.iter().find(|p| p.mentions.iter().any(|m| m.start == start))
    }

    /// A local story's dateline: the town, a comma, the state's abbreviation.
    fn datelined(text: &str, place: &str) -> Doc {
        let mut d = doc(text);
        let start = text.find(place).unwrap_or(0);
        d.meta.dateline = Some(Dateline {
            place: place.into(),
            place_span: Span::new(start, start + place.len()),
            ..Dateline::default()
        });
        d
    }

    #[test]
    fn the_state_in_a_dateline() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        // The nlp stage took the abbreviation before the station's call letters for an
        // organisation's name: it is the state.
        let text = "WAUSAU, Wis. (WKBT) -- The county board met on Monday.";
        let mut d = datelined(text, "WAUSAU");
        let wis = text.find("Wis.").unwrap_or(0);
        d.entities.push(Entity {
            name: "Wis.".into(),
            kind: EntityKind::Organization,
            country: None,
            title: None,
            role: None,
            actor: None,
            org: None,
            mentions: vec![Span::new(wis, wis + 4)],
            entries: vec![],
        });
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(read_at(&d, wis).map(|p| p.name.as_str()), Some("Wisconsin"), "{:?}", d.places);
        assert_eq!(read_as(&d, "WAUSAU").and_then(|p| p.admin1.as_deref()), Some("Wisconsin"));
        // A base the index does not hold: the state is still read, and is the dateline's.
        let text = "CAMP HALE, Wash. -- The team trained in Lakewood before the storm.";
        let mut d = datelined(text, "CAMP HALE");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        let wash = text.find("Wash.").unwrap_or(0);
        assert_eq!(read_at(&d, wash).map(|p| p.name.as_str()), Some("Washington"), "{:?}", d.places);
        assert_eq!(d.meta.dateline.as_ref().and_then(|dl| dl.country.as_deref()), Some("USA"));
        // Elsewhere, a word after a comma is no state.
        let text = "The team trained hard, Wash. said nothing.";
        let mut d = doc(text);
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert!(read_at(&d, text.find("Wash.").unwrap_or(0)).is_none(), "{:?}", d.places);
    }

    #[test]
    fn the_dateline_state_named_in_full() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        // The story's own state, named by the dateline: "Washington" is the state.
        let text = "CAMP HALE, Wash. -- The team has served across Washington for ten years.";
        let mut d = datelined(text, "CAMP HALE");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        let wa = read_as(&d, "Washington");
        assert_eq!(wa.map(|p| p.precision), Some(Precision::Admin1), "{:?}", d.places);
        assert!(wa.is_some_and(|p| p.mentions.len() == 2), "{:?}", d.places);
        // Without such a dateline the capital stays the capital.
        let mut d = doc("The team has served in Washington for ten years.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(read_as(&d, "Washington").map(|p| p.precision), Some(Precision::City), "{:?}", d.places);
    }

    #[test]
    fn a_town_named_with_its_state_is_read_there_though_a_famous_namesake_outweighs_it() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        // The dateline's country taken from the famous namesake (as a capital's name
        // once gave it) weighs for Paris, France: the state named beside it decides.
        let text = "PARIS, Texas -- Crews cleared roads in and around Paris on Tuesday.";
        let mut d = datelined(text, "PARIS");
        if let Some(dl) = d.meta.dateline.as_mut() {
            dl.country = Some("FRA".into());
        }
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        let at = text.find("Paris on").unwrap_or(0);
        assert_eq!(read_at(&d, at).and_then(|p| p.admin1.as_deref()), Some("Texas"), "{:?}", d.places);
    }

    #[test]
    fn a_common_word_is_a_town_of_the_state_the_story_named() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        let text = "MANCHESTER, N.H. -- The state health department in Concord backed the plan.";
        let mut d = datelined(text, "MANCHESTER");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        let at = text.find("Concord").unwrap_or(0);
        assert_eq!(read_at(&d, at).and_then(|p| p.admin1.as_deref()), Some("New Hampshire"), "{:?}", d.places);
        // With no state of one of its towns named, the word is only a word.
        let text = "The two sides met in Concord on Monday.";
        let mut d = doc(text);
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert!(read_at(&d, text.find("Concord").unwrap_or(0)).is_none(), "{:?}", d.places);
    }

    #[test]
    fn a_road_named_after_a_town_is_not_the_town() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        let text = "A horse farm off Paris Pike was sold for $41 million.";
        let mut d = doc(text);
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert!(read_at(&d, text.find("Paris").unwrap_or(0)).is_none(), "{:?}", d.places);
    }

    #[test]
    fn people_and_common_words_are_not_places() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        let text = "Police said Jack London spoke.";
        let mut d = doc(text);
        d.entities.push(Entity {
            name: "Jack London".into(),
            kind: EntityKind::Person,
            country: None,
            title: None,
            role: None,
            actor: None,
            org: None,
            mentions: vec![Span::new(12, 23)],
            entries: vec![],
        });
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert!(d.places.is_empty(), "{:?}", d.places);
        let mut d = doc("He grew up in the town of Police, Poland.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(place(&d, "Police").and_then(|p| p.country.as_deref()), Some("POL"), "{:?}", d.places);
    }

    #[test]
    fn story_context_decides() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        let mut d = doc("Idaho farmers met in Moscow on Monday. The University of Idaho is in Moscow, Idaho.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(place(&d, "Moscow").and_then(|p| p.country.as_deref()), Some("USA"), "{:?}", d.places);
        let mut d = doc("Talks in Moscow ended. Russia said more talks would follow.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(place(&d, "Moscow").and_then(|p| p.country.as_deref()), Some("RUS"));
        // One reading per name: both mentions on one place.
        let mut d = doc("London is large. Visitors come to London.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(place(&d, "London").map(|p| p.mentions.len()), Some(2));
        assert_eq!(place(&d, "London").and_then(|p| p.country.as_deref()), Some("GBR"));
    }

    #[test]
    fn no_reading_rather_than_a_namesake_abroad() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        // A street the index lacks, in a London story: not the Australian town.
        let mut d = doc("Police in London said the two men met at a bar in Piccadilly. Britain asked Russia for help.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert!(place(&d, "Piccadilly").is_none(), "{:?}", d.places);
        assert_eq!(place(&d, "London").and_then(|p| p.country.as_deref()), Some("GBR"));
        // A cue of the kind of place ("the town of") does not say where it is.
        let mut d = doc("Police in London said the men met in the town of Piccadilly. Britain asked Russia for help.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert!(place(&d, "Piccadilly").is_none(), "{:?}", d.places);
        // The story names the state, and the only Stroud is elsewhere.
        let mut d = doc("The truck was stopped near Stroud, California, on Sunday.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert!(place(&d, "Stroud").is_none(), "{:?}", d.places);
        // A county the index lacks is not a small town of that name far away.
        let mut d = doc("Health officials in Scott County and in Buffalo, New York reported cases.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert!(d.places.iter().all(|p| p.name != "Scott"), "{:?}", d.places);
    }

    #[test]
    fn names_after_a_sentence_opener_and_area_acronyms() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        // "While" opens the sentence: "Sydney" is not part of a longer name.
        let mut d = doc("Racing was cancelled. While Sydney's carnival was called off, Melbourne's went ahead.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(place(&d, "Sydney").and_then(|p| p.country.as_deref()), Some("AUS"), "{:?}", d.places);
        // A subdivision's acronym keeps its capitals at the start of a sentence or
        // after a bracket.
        let mut d = doc("Horses were confined in New South Wales (NSW) on Monday. NSW and Victoria extended the ban.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        let nsw = place(&d, "New South Wales");
        assert_eq!(nsw.map(|p| p.mentions.len()), Some(3), "{:?}", d.places);
    }

    #[test]
    fn over_an_area_the_index_lacks_to_the_state() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        let mut d = doc("The outbreak began in Moscow, in Latah County, Idaho, last month.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(read_as(&d, "Moscow").and_then(|p| p.geonames_id), Some(5601538), "{:?}", d.places);
    }

    #[test]
    fn several_states_named_say_less_of_each() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        // A national story that names two states: Boston is the large city, not the
        // village in one of the states named.
        let mut d = doc("Flu spread across the United States. The mayor of Boston declared an emergency. Officials in California urged shots. The governor of New York declared an emergency on Saturday.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(read_as(&d, "Boston").and_then(|p| p.geonames_id), Some(4930956), "{:?}", d.places);
        // A local story that names one state: its village.
        let mut d = doc("The mayor of Boston declared an emergency. The governor of New York sent help.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(read_as(&d, "Boston").and_then(|p| p.geonames_id), Some(5108186), "{:?}", d.places);
    }

    #[test]
    fn near_the_dateline_town() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        // The story names the state and its dateline is 50 km away: the small town.
        let text =
            "SPRINGFIELD, Ill. - Officials in Illinois said farmers near Jacksonville asked for more polling places.";
        let mut d = doc(text);
        d.meta.dateline =
            Some(Dateline { place: "SPRINGFIELD".into(), place_span: Span::new(0, 11), ..Dateline::default() });
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(read_as(&d, "Jacksonville").and_then(|p| p.geonames_id), Some(4897543), "{:?}", d.places);
        // Without either, the large city.
        let mut d = doc("Officials said farmers near Jacksonville asked for more polling places.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(read_as(&d, "Jacksonville").and_then(|p| p.geonames_id), Some(4160021), "{:?}", d.places);
    }

    #[test]
    fn names_before_a_plural_kind_of_area_are_areas() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        // Counties the index lacks: not the village of Floyd, Virginia.
        let mut d = doc("The governor of Kentucky sent the National Guard to Floyd and Scott counties on Monday.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert!(d.places.iter().all(|p| p.name != "Floyd" && p.name != "Scott"), "{:?}", d.places);
    }

    #[test]
    fn a_city_listed_with_a_city() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        let mut d =
            doc("Two passengers arrived from New York and Toronto on June 3. Russia and Turkey reported cases.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(read_as(&d, "New York").and_then(|p| p.geonames_id), Some(5128581), "{:?}", d.places);
    }

    #[test]
    fn a_borough_and_its_city() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        let mut d = doc("Eight students at a school in Queens, New York have fallen ill.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(read_as(&d, "New York").and_then(|p| p.geonames_id), Some(5128581), "{:?}", d.places);
        // A town in the state is in the state.
        let mut d = doc("Snow fell on Buffalo, New York overnight.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(read_as(&d, "New York").and_then(|p| p.geonames_id), Some(5128638), "{:?}", d.places);
    }

    #[test]
    fn regions_and_directions() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        let mut d = doc("Fighting went on in southern Lebanon and across the Middle East.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(place(&d, "Lebanon").map(|p| p.precision), Some(Precision::Country), "{:?}", d.places);
        assert_eq!(place(&d, "Middle East").map(|p| p.precision), Some(Precision::Region));
    }

    #[test]
    fn adjectives_name_their_country_plural_demonyms_do_not() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        let text = "The Russian delegation left early. Russians queued for bread. Turkish-backed fighters and European airlines were named.";
        let mut d = doc(text);
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        let russia = place(&d, "Russia");
        assert_eq!(
            russia.map(|p| p.mentions.iter().map(|m| d.slice(*m)).collect::<Vec<_>>()),
            Some(vec!["Russian"]),
            "{:?}",
            d.places
        );
        // An adjective says whose, not where: it is marked, and places no event.
        assert!(russia.is_some_and(|p| p.indirect == p.mentions));
        assert!(read_as(&d, "Turkish").is_some_and(|p| p.country.as_deref() == Some("TUR")));
        assert!(read_as(&d, "European").is_some_and(|p| p.name == "Europe"));
        // An adjective that starts another place's name is not the country.
        let mut d = doc("They walked through the French Quarter at night.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert!(read_as(&d, "French").is_none(), "{:?}", d.places);
    }

    #[test]
    fn a_government_building_is_in_its_capital() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        let mut d = doc("The Kremlin said the talks would go on.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        let p = read_as(&d, "Kremlin");
        assert!(
            p.is_some_and(|p| p.name == "Moscow" && p.country.as_deref() == Some("RUS") && p.indirect.is_empty()),
            "{:?}",
            d.places
        );
    }

    #[test]
    fn names_inside_longer_names() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        // A well-known place at the head of an organisation's name is read, and marked.
        let mut d = doc("A critic for the London Review of Books praised the novel.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        let p = read_as(&d, "London");
        assert!(p.is_some_and(|p| p.country.as_deref() == Some("GBR") && p.indirect.len() == 1), "{:?}", d.places);
        // Not a street, a harbour or a river named after it, nor a small town.
        let mut d = doc("Crowds gathered at Boston Harbor and on Floyd Avenue before the Kant Society met.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert!(d.places.is_empty(), "{:?}", d.places);
        // A country after a word that opens the sentence is the country.
        let mut d = doc("Neighbouring Iran closed its border.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert!(read_as(&d, "Iran").is_some_and(|p| p.indirect.is_empty()), "{:?}", d.places);
    }

    #[test]
    fn a_famous_dateline_city_is_not_moved_by_a_bare_country() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        let dateline = |d: &mut Doc| {
            d.meta.dateline =
                Some(Dateline { place: "GENEVA".into(), place_span: Span::new(0, 6), ..Dateline::default() })
        };
        // "U.S." names only a country: the agency's Geneva is the Swiss city.
        let mut d =
            doc("GENEVA - The relief agency asked donors for 300 million U.S. dollars to feed families in the camps.");
        dateline(&mut d);
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(read_as(&d, "GENEVA").and_then(|p| p.country.as_deref()), Some("CHE"), "{:?}", d.places);
        // The story's own state names the namesake.
        let mut d = doc("GENEVA - Farmers from across Illinois brought their cattle to the county fair on Saturday.");
        dateline(&mut d);
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(read_as(&d, "GENEVA").and_then(|p| p.geonames_id), Some(4893591), "{:?}", d.places);
        // Not a dateline: the rest of the story decides as before.
        let mut d = doc("Officials in Geneva said the U.S. team arrived.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert!(read_as(&d, "Geneva").is_some(), "{:?}", d.places);
    }

    #[test]
    fn the_only_place_of_a_story_is_not_a_stray() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        // A province abroad that is the story's only place: no other country makes it a
        // namesake of something the index lacks.
        let mut d = doc(
            "Hotel rents stay high in Ladakh because there are few hotels. The government of Ladakh fixed the rents.",
        );
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert!(read_as(&d, "Ladakh").is_some_and(|p| p.country.as_deref() == Some("IND")), "{:?}", d.places);
    }

    #[test]
    fn the_dateline_is_read_whole() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        let text = "EAST LONDON, May 2 - Dock workers struck on Friday.";
        let mut d = doc(text);
        d.meta.dateline =
            Some(Dateline { place: "EAST LONDON".into(), place_span: Span::new(0, 11), ..Dateline::default() });
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert!(read_as(&d, "LONDON").is_none(), "{:?}", d.places);
    }

    #[test]
    fn counties_and_the_towns_in_them() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        let mut d = doc("Voters in Lamar County went to the polls. In Paris the lines were long.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        let county = read_as(&d, "Lamar County");
        assert!(
            county.is_some_and(|p| p.precision == Precision::Admin2 && p.admin1.as_deref() == Some("Texas")),
            "{:?}",
            d.places
        );
        assert!(near(read_as(&d, "Paris"), 33.66, -95.56, 5.0), "{:?}", d.places);
        let mut d = doc("Paris is the capital of France.");
        Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
        assert_eq!(read_as(&d, "Paris").and_then(|p| p.country.as_deref()), Some("FRA"));
        // "Saint" and "St." are one name, not a name and an alternate.
        assert!(g.lookup("St. Petersburg").iter().any(|h| !h.alternate));
    }

    #[test]
    fn without_gazetteer_countries_only() {
        let lex = lexicon();
        let mut d = seed_doc();
        Geocoder::new(&lex, None).annotate(&mut d);
        assert!(place(&d, "Kant").is_none());
        let kg = place(&d, "Kyrgyzstan");
        assert!(near(kg, 41.2, 74.8, 200.0), "{:?}", d.places);
        assert!(place(&d, "Russia")
            .is_some_and(|p| p.precision == Precision::Country && p.country.as_deref() == Some("RUS")));
    }

    #[test]
    fn empty_and_odd_documents() {
        let lex = lexicon();
        let g = fixture_gazetteer();
        for text in ["", "   ", "\u{2014}", "U.S.", "Kant", "A, B, C, D.", "Côte d\u{2019}Ivoire, Zaïre"] {
            let mut d = doc(text);
            Geocoder::new(&lex, Some(g.clone())).annotate(&mut d);
            for p in &d.places {
                assert!(p.mentions.iter().all(|m| m.end <= text.len()));
            }
        }
    }
}
