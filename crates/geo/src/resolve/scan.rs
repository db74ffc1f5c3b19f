//! The scan for place names: each capitalised word that starts the longest name the
//! indexes know becomes a mention when its context does not make it part of something
//! else (a person's name, a longer proper name, a hyphenated word) and the signs of a
//! place are strong enough for how common the name is.

use dateline_core::{Doc, Span, TokenKind};
use rustc_hash::FxHashMap as HashMap;

use super::{is_admin_suffix, is_cap, Cand, FirstWalks, Mention, Noun, Run, Src, EMBEDDED_POPULATION};
use crate::norm::normalize;
use crate::store::Kind;
use crate::tables;

/// What the scan keeps from one name to the next.
#[derive(Default)]
pub(super) struct Scan {
    buf: String,
    memo: FirstWalks,
    /// A name met again in the story reads its readings from the first meeting.
    cands: HashMap<(Option<u64>, Option<u64>), Vec<Cand>>,
}

/// A name the indexes know at tokens `i..end`, with its readings and what they say.
struct Name<'d> {
    i: usize,
    end: usize,
    span: Span,
    surface: &'d str,
    lower: String,
    cands: Vec<Cand>,
    /// In the dateline's place.
    dateline: bool,
    /// After a comma that follows another place ("Buffalo, N.Y.").
    after_comma: bool,
    /// Four letters or fewer, all capitals.
    acronym: bool,
    has_country: bool,
    /// A country, region or first-level subdivision that is not an alternate name.
    has_strong: bool,
    has_area: bool,
    /// Known well enough to be read inside a longer proper name.
    well_known: bool,
    /// The sentence is written in title case.
    title: bool,
}

/// The words around a name: a capitalised word after it in the same sentence, an area
/// word after it ("Nyanza Province", "Washington state").
struct After {
    next_cap: bool,
    area_suffix: bool,
    area_word: bool,
}

impl Run<'_> {
    pub(super) fn find(&self, doc: &Doc) -> Vec<Mention> {
        let mut scan = Scan::default();
        let mut out: Vec<Mention> = Vec::new();
        let mut i = 0;
        while i < doc.tokens.len() {
            i = match self.mention_at(doc, i, &out, &mut scan) {
                Ok(m) => {
                    let next = m.tokens.1;
                    out.push(m);
                    next
                }
                Err(next) => next,
            };
        }
        self.mark_listed_areas(&mut out);
        self.add_dateline_place(doc, &mut out);
        out
    }

    /// The mention that starts at token `i`, or the token to go on from.
    fn mention_at(&self, doc: &Doc, i: usize, out: &[Mention], scan: &mut Scan) -> Result<Mention, usize> {
        let name = self.name_at(doc, i, out, scan)?;
        let after = self.after(doc, &name);
        let embedded = self.embedding(doc, &name, &after).ok_or(name.end)?;
        if !self.free_before(doc, &name) {
            return Err(name.end);
        }
        let (noun, adj_country) = self.place_noun_before(i);
        let local = !self.starts_sentence(doc, i) && in_named_state(&name, out);
        if !self.accepted(doc, &name, &after, embedded, noun.is_some(), local) {
            return Err(name.end);
        }
        let (mut span, mut tokens) = (name.span, (i, name.end));
        if after.area_suffix {
            span = Span::new(span.start, doc.tokens[name.end].span.end);
            tokens = (i, name.end + 1);
        }
        let key = normalize(name.surface);
        Ok(Mention {
            span,
            tokens,
            key,
            cands: name.cands,
            dateline: name.dateline,
            area_suffix: after.area_suffix,
            area_word: after.area_word,
            noun,
            adj_country,
            embedded,
        })
    }

    /// The longest known name at token `i` with its readings, when the token can start
    /// one; else the token to go on from.
    fn name_at<'d>(&self, doc: &'d Doc, i: usize, out: &[Mention], scan: &mut Scan) -> Result<Name<'d>, usize> {
        let toks = &doc.tokens;
        let tok = &toks[i];
        if tok.kind != TokenKind::Word || !is_cap(doc.slice(tok.span)) {
            return Err(i + 1);
        }
        // A word in a person's name starts no place name (any name from here would
        // overlap the person's): no walk. Nor does a date ("MOSCOW, March 3": not the
        // town of March).
        if self.is_excluded(tok.span) || doc.time_at(tok.span).is_some() {
            return Err(i + 1);
        }
        let (end, gv, bv) = self.longest_at(doc, i, &mut scan.buf, &mut scan.memo).ok_or(i + 1)?;
        let span = Span::new(tok.span.start, toks[end - 1].span.end);
        let surface = doc.slice(span);
        let dl_span = doc.meta.dateline.as_ref().map(|d| d.place_span);
        let dateline = dl_span.is_some_and(|d| d.start < span.end && span.start < d.end);
        // In the dateline, only the whole place's name ("SOUTH WAZIRISTAN", not "SOUTH").
        if dl_span.is_some_and(|d| dateline && (span.start > d.start || span.end < d.end)) {
            return Err(end);
        }
        // Abbreviations only after a comma: "Buffalo, N.Y."; in a dateline also after a
        // place the index does not hold ("CAMP HALE, Wash."), and then the dateline's.
        let comma = i >= 2 && doc.slice(toks[i - 1].span) == ",";
        let dateline_state = comma && !dateline && dl_span.is_some_and(|d| toks[i - 2].span.end == d.end);
        let after_comma = comma && (dateline_state || out.last().is_some_and(|m| m.tokens.1 == i - 1));
        let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
        let all_caps = surface.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        // The cheap refusals first: no readings are decoded for a person's name.
        if self.is_excluded(span) || !(letters > 2 || all_caps || after_comma) {
            return Err(i + 1);
        }
        let mut cands = scan.cands.entry((gv, bv)).or_insert_with(|| self.cands_from(gv, bv)).clone();
        if !after_comma {
            cands.retain(|c| !c.abbrev);
        }
        let dateline = dateline || (dateline_state && cands.iter().any(|c| c.abbrev));
        if cands.is_empty() {
            return Err(i + 1);
        }
        Ok(self.describe(Name {
            i,
            end,
            span,
            surface,
            lower: surface.to_lowercase(),
            cands,
            dateline,
            after_comma,
            acronym: letters <= 4 && all_caps,
            has_country: false,
            has_strong: false,
            has_area: false,
            well_known: false,
            title: false,
        }))
    }

    /// Fills in what a name's readings say of it.
    fn describe<'d>(&self, mut n: Name<'d>) -> Name<'d> {
        let cands = &n.cands;
        n.has_strong = cands.iter().any(|c| matches!(c.kind, Kind::Country | Kind::Region | Kind::Admin1) && !c.alt);
        n.has_country = cands.iter().any(|c| c.kind == Kind::Country);
        n.has_area = cands.iter().any(|c| matches!(c.kind, Kind::Country | Kind::Region | Kind::Admin1));
        // A name inside a longer proper name is read only when it is a well-known
        // place: a country, a subdivision, a region, a county or a city of 100,000.
        // A county by its whole name ("Orange County Sanitation District") is as well known.
        let county = cands.iter().any(|c| c.kind == Kind::Admin2 && !c.alt) && is_admin_suffix(self.word(n.end - 1));
        n.well_known = n.has_strong
            || county
            || cands.iter().any(|c| c.kind == Kind::City && !c.alt && c.population >= EMBEDDED_POPULATION);
        n.title = self.title_case_sentence.get(n.i).copied().unwrap_or(false);
        n
    }

    fn after(&self, doc: &Doc, n: &Name) -> After {
        let (toks, next) = (&doc.tokens, n.end);
        let word_in_sentence = |cap: bool| {
            toks.get(next).is_some_and(|t| {
                t.kind == TokenKind::Word && is_cap(doc.slice(t.span)) == cap && Self::same_sentence(doc, next, n.i)
            })
        };
        // Part of a longer proper name: "Kenya Airways", "Queen Elizabeth Hospital"; not
        // after a state's abbreviation, whose period may end the sentence the nlp stage
        // ran on ("Gainesville, Va. There will be").
        let abbreviated = n.after_comma && n.surface.ends_with('.') && n.cands.iter().any(|c| c.abbrev);
        let next_cap = !abbreviated
            && word_in_sentence(true)
            && doc.text.get(toks[next - 1].span.end..toks[next].span.start).is_some_and(|g| g == " ");
        let area_suffix = next_cap && is_admin_suffix(self.word(next));
        let area_word = !next_cap && word_in_sentence(false) && is_admin_suffix(self.word(next));
        After { next_cap, area_suffix, area_word }
    }

    /// Whether the name is read inside a longer proper name (`Some(true)`), on its own
    /// (`Some(false)`), or not at all: a demonym, a government building, part of a
    /// hyphenated word or of a longer name that is not a well-known place's.
    fn embedding(&self, doc: &Doc, n: &Name, after: &After) -> Option<bool> {
        let t = self.t();
        let mut embedded = false;
        // A state's abbreviation after a town ("Wausau, Wis. (WSAW)") is the state, also
        // when the nlp stage took it for an organisation's name.
        let state_after_town = n.after_comma && n.cands.iter().any(|c| c.abbrev);
        if !n.has_country && !state_after_town && self.in_org(n.span) {
            if !n.well_known {
                return None;
            }
            embedded = true;
        }
        // A demonym is not a place ("Russian"); a building of a government is read by
        // the modifiers' pass ("White House").
        if t.modifiers.get(&n.lower).is_some_and(|m| !m.1) {
            return None;
        }
        if t.adjectives.contains_key(&n.lower)
            && !n.cands.iter().any(|c| matches!(c.kind, Kind::Country | Kind::Region))
        {
            return None;
        }
        if self.hyphenated(doc, n.i, n.end) && !n.has_country {
            return None;
        }
        let next = self.word(n.end);
        let next_common = t.after_name.contains(next);
        if after.next_cap
            && !after.area_suffix
            && !n.title
            && (t.orgheads.contains(next) || (!n.has_country && !next_common))
        {
            // Not when the longer name is another place's ("Oxford Road").
            if !n.well_known || tables::has(&tables::words().features, next) {
                return None;
            }
            embedded = true;
        }
        Some(embedded)
    }

    /// Part of a hyphenated name that is not a place ("Port-au-Prince" unknown).
    fn hyphenated(&self, doc: &Doc, i: usize, next: usize) -> bool {
        let toks = &doc.tokens;
        let dash = |k: usize| matches!(doc.slice(toks[k].span), "-" | "\u{2013}");
        let hyphen_next = toks.get(next).is_some_and(|n| dash(next) && n.span.start == toks[next - 1].span.end)
            && toks.get(next + 1).is_some_and(|n| n.kind == TokenKind::Word && n.span.start == toks[next].span.end);
        let hyphen_prev = i >= 2
            && dash(i - 1)
            && toks[i - 1].span.start == toks[i - 2].span.end
            && toks[i - 2].kind == TokenKind::Word
            && toks[i - 1].span.end == toks[i].span.start;
        hyphen_next || hyphen_prev
    }

    /// A capitalised word before the name makes it part of a longer name, unless it is
    /// a function word that opens the sentence ("While Sydney's carnival..."), a word
    /// that may stand before a name, or a direction before a country.
    fn free_before(&self, doc: &Doc, n: &Name) -> bool {
        let (t, toks, i) = (self.t(), &doc.tokens, n.i);
        let first = self.starts_sentence(doc, i);
        let prev_cap = !first && i > 0 && toks[i - 1].kind == TokenKind::Word && is_cap(doc.slice(toks[i - 1].span));
        let after_opener = prev_cap && self.starts_sentence(doc, i - 1) && t.function.contains(self.word(i - 1));
        if !prev_cap || after_opener {
            return true;
        }
        let prev = self.word(i - 1);
        let words = tables::words();
        let prev_ok = t.after_name.contains(prev)
            || (n.has_country && (tables::has(&words.directions, prev) || tables::has(&words.part_adjectives, prev)));
        if n.title || prev_ok || n.has_country && n.acronym {
            return true;
        }
        // A country after a capitalised word that opens the sentence is the country
        // ("Neighbouring Israel has ..."), but not in "New Guinea". One that ends a
        // longer name ("Air France") is left: see the README.
        let prefix = tables::has(&words.name_prefixes, prev);
        !prefix && self.starts_sentence(doc, i - 1) && n.cands.iter().any(|c| c.kind == Kind::Country && !c.alt)
    }

    /// "the town of X", "the Kyrgyz province of X": the kind of place the noun before
    /// the name says, and the country its adjective names.
    fn place_noun_before(&self, i: usize) -> (Option<Noun>, Option<u16>) {
        if i < 2 || self.word(i - 1) != "of" {
            return (None, None);
        }
        let n = self.word(i - 2);
        let n_sing = n
            .strip_suffix("ies")
            .map(|stem| format!("{stem}y"))
            .unwrap_or_else(|| n.strip_suffix('s').unwrap_or(n).to_string());
        let words = tables::words();
        let is = |list: &[String]| tables::has(list, n) || tables::has(list, &n_sing);
        if !is(&words.place_nouns) {
            return (None, None);
        }
        let noun = if is(&words.town_nouns) { Noun::City } else { Noun::Area };
        let adj_country = (i >= 3)
            .then(|| {
                self.t()
                    .adjectives
                    .get(self.word(i - 3))
                    .copied()
                    .or_else(|| self.entity_country.get(&(i - 3)).copied())
            })
            .flatten();
        (Some(noun), adj_country)
    }

    /// Whether the signs of a place (a preposition before, a place noun, the dateline,
    /// a comma and another name) are strong enough for how common and how large the
    /// name's readings are. `local`: a town of the name lies in a state the story has
    /// named ("in Concord" in a story from New Hampshire).
    fn accepted(&self, doc: &Doc, n: &Name, after: &After, embedded: bool, noun: bool, local: bool) -> bool {
        let (t, toks, next) = (self.t(), &doc.tokens, n.end);
        let locative = n.i > 0 && t.preps.contains(self.word(n.i - 1));
        let comma_next = toks.get(next).is_some_and(|x| doc.slice(x.span) == ",")
            && toks.get(next + 1).is_some_and(|x| is_cap(doc.slice(x.span)));
        let sign = locative || noun || n.dateline || n.after_comma || comma_next || after.area_suffix;
        let strong_sign = noun || n.dateline || n.after_comma || after.area_suffix;
        let max_pop = n.cands.iter().filter(|c| !c.alt).map(|c| c.population).max().unwrap_or(0);
        let max_pop_any = n.cands.iter().map(|c| c.population).max().unwrap_or(0);
        let common = n.end == n.i + 1 && t.common.contains(&n.lower) && !(n.acronym && n.has_country);
        if embedded {
            // Inside a longer name, a name of common words only is part of it ("South
            // West England").
            !n.surface.split_whitespace().all(|w| t.common.contains(&w.to_lowercase()))
        } else if common {
            strong_sign || (sign && (n.has_strong || local))
        } else if n.has_strong {
            true
        } else if (self.starts_sentence(doc, n.i) || n.title) && !(n.acronym && n.has_area) {
            // A capital that opens a sentence says nothing of a name; the capitals of a
            // subdivision's acronym do ("(NSW)", "NSW and Queensland...").
            sign || max_pop >= 100_000
        } else {
            sign || max_pop >= 1_000 || max_pop_any >= 50_000
        }
    }

    /// "Floyd and Pike counties": a plural kind of area after a list makes each name in
    /// the list an area.
    fn mark_listed_areas(&self, out: &mut [Mention]) {
        for k in (1..out.len()).rev() {
            let suffix_at = if out[k].area_suffix { out[k].tokens.1 - 1 } else { out[k].tokens.1 };
            let plural = (out[k].area_suffix || out[k].area_word)
                && !tables::has(&tables::words().admin_suffixes, self.word(suffix_at));
            if !plural {
                continue;
            }
            let mut j = k;
            while j > 0
                && out[j - 1].tokens.1 + 1 == out[j].tokens.0
                && matches!(self.word(out[j - 1].tokens.1), "," | "and" | "or")
            {
                j -= 1;
                out[j].area_word = true;
            }
        }
    }

    /// The dateline's place, when the scan did not reach it (not capitalised as a name,
    /// or written apart from the tokens).
    fn add_dateline_place(&self, doc: &Doc, out: &mut Vec<Mention>) {
        let Some(dl) = doc.meta.dateline.as_ref() else { return };
        if dl.place.is_empty() || out.iter().any(|m| m.dateline && m.span.start < dl.place_span.end) {
            return;
        }
        let key = normalize(&dl.place);
        let gv = self.geo.gazetteer().and_then(|g| g.fst_get(&key));
        let bv = self.t().names.get(key.as_bytes());
        let mut cands = self.cands_from(gv, bv);
        cands.retain(|c| !c.abbrev);
        if cands.is_empty() {
            return;
        }
        let first = doc.tokens.partition_point(|t| t.span.start < dl.place_span.start);
        let last = doc.tokens.partition_point(|t| t.span.start < dl.place_span.end);
        let m = Mention {
            span: dl.place_span,
            tokens: (first, last.max(first)),
            key,
            cands,
            dateline: true,
            area_suffix: false,
            area_word: false,
            noun: None,
            adj_country: None,
            embedded: false,
        };
        let at = out.partition_point(|x| x.span.start < m.span.start);
        out.insert(at, m);
    }
}

/// Whether a town of the name lies in a first-level subdivision named earlier in the
/// story (the dateline's "N.H.", "Texas").
fn in_named_state(n: &Name, out: &[Mention]) -> bool {
    let named = |a: u32| out.iter().any(|m| m.cands.iter().any(|y| y.kind == Kind::Admin1 && y.src == Src::Gaz(a)));
    n.cands.iter().any(|c| c.kind == Kind::City && !c.alt && c.admin1.is_some_and(named))
}
