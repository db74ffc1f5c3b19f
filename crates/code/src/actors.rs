//! Actor units: the noun phrases that can be the source or target of an event,
//! composed from the mention layer ("Russian" + "Foreign Minister Sergei Lavrov",
//! "Kyrgyz" + "authorities", "Poland's" + "parliament", "Russian and Kyrgyz" +
//! "ministers"), with conjoined units grouped ("Germany and France").

use dateline_core::{Doc, EntryRef, Mention, MentionKind, Span, Tag};
use dateline_dict::Lexicon;

use crate::words::Ask;

/// One actor phrase in a sentence.
#[derive(Debug, Clone)]
pub struct Unit {
    pub tokens: (usize, usize),
    pub span: Span,
    /// CAMEO country code (for the actor code).
    pub cameo: Option<String>,
    /// ISO3 (for output).
    pub country: Option<String>,
    pub role: Option<String>,
    pub org: Option<String>,
    /// A full actor code given by the dictionary (organisations).
    pub code: Option<String>,
    pub entity: Option<usize>,
    pub entries: Vec<EntryRef>,
    /// A country adjective on a thing, not an actor ("the Russian base"): a last resort.
    pub weak: bool,
    /// Units joined by "and" share a group number.
    pub group: usize,
    /// "the parties": stands for the story's two sides.
    pub group_ref: bool,
    /// Where the country came from when it was not in the phrase.
    pub country_from: Option<&'static str>,
    /// A capital or seat of government, which is also a place ("in Kabul").
    pub place: bool,
    /// Named after a quantity noun and "of" ("thousands of Nigerians"): the head of
    /// its noun phrase in all but form, so no prepositional object.
    pub partitive: bool,
}

impl Unit {
    /// The CAMEO actor code: country + role, or the organisation's code.
    pub fn actor_code(&self) -> String {
        // A role that is a whole actor code (a UN official's IGOUNO).
        if let Some(r) = self.role.as_deref().filter(|r| r.len() > 3) {
            return r.to_string();
        }
        if let Some(c) = &self.code {
            if self.cameo.is_none() || self.entity.is_some() && self.role.is_none() {
                return c.clone();
            }
        }
        let code = format!("{}{}", self.cameo.as_deref().unwrap_or(""), self.role.as_deref().unwrap_or(""));
        match (&self.org, code.is_empty()) {
            // An organisation the dictionaries do not know: its acronym.
            (Some(o), true) => o.to_uppercase(),
            _ => code,
        }
    }

    /// No armed party and no place: officials, diplomats, civilians, journalists. Force
    /// against them by anyone but an army is assault (18x), not fighting (19x).
    pub fn unarmed(&self) -> bool {
        let armed = |r: &str| {
            // not vocabulary: CAMEO role codes
            matches!(r, "MIL" | "COP" | "REB" | "SEP" | "UAF" | "INS" | "PKO" | "SPY" | "CRM" | "IGO" | "PRM" | "RAD")
        };
        // An armed group's people are armed ("al-Qaeda leaders", "Hamas officials").
        let armed_group = self.code.as_deref().is_some_and(|c| c.starts_with("IMG") || c.get(3..6).is_some_and(armed));
        !self.place && !self.weak && !armed_group && self.role.as_deref().is_some_and(|r| !armed(r))
    }

    /// What identifies the unit as a party (for self-reference checks).
    pub fn key(&self) -> (Option<&str>, Option<&str>) {
        (self.country.as_deref(), self.org.as_deref())
    }
}

fn from_mention(m: &Mention, lex: &Lexicon) -> Unit {
    let cameo = m.cameo.clone().or_else(|| m.country.as_deref().map(|c| dateline_nlp::cameo_of(lex, c)));
    Unit {
        tokens: m.tokens,
        span: m.span,
        cameo,
        country: m.country.clone(),
        role: m.role.clone(),
        org: m.org.clone(),
        code: m.code.clone().filter(|c| c != "counterpart" && c != "title"),
        entity: m.entity,
        entries: m.entry.iter().cloned().collect(),
        weak: false,
        group: 0,
        group_ref: m.kind == MentionKind::GroupRef,
        country_from: None,
        place: m.kind == MentionKind::Capital,
        partitive: false,
    }
}

/// Builds the units of sentence `s`; `named` holds the place mentions inside it
/// ([`dateline_core::PlaceMentions::within`]).
pub fn units(doc: &Doc, s: usize, lex: &Lexicon, words: &Ask, named: &[(usize, Span)]) -> Vec<Unit> {
    let cx = Sentence::new(doc, s, lex, words);
    let mut out = cx.phrases();
    cx.locate_agents(&mut out, named);
    cx.place_ethnic_groups(&mut out);
    cx.mark_partitives(&mut out);
    // A unit that names no country, role or known organisation is no actor: a name
    // the dictionaries do not know, even with an acronym defined in the text
    // ("Esfahan Uranium Conversion Facilities (UCF)"), says nothing of who acts.
    out.retain(|u| u.cameo.is_some() || u.role.is_some() || u.code.is_some() || u.group_ref);
    cx.group_conjoined(&mut out);
    out
}

/// A country as CAMEO and ISO3 codes.
type CountryCodes = (Option<String>, Option<String>);

/// What the steps of [`units`] share: the sentence's tokens and its mentions.
struct Sentence<'a> {
    doc: &'a Doc,
    lex: &'a Lexicon,
    words: &'a Ask<'a>,
    /// The sentence's first token and the token after its last.
    a: usize,
    /// The mentions of the sentence, outside the dateline, stances left out.
    ms: Vec<&'a Mention>,
    /// The countries, capitals and demonyms among them ("ethnic Albanians" left out).
    places: Vec<&'a Mention>,
}

impl<'a> Sentence<'a> {
    fn new(doc: &'a Doc, s: usize, lex: &'a Lexicon, words: &'a Ask<'a>) -> Sentence<'a> {
        let (a, z) = doc.sentences[s].tokens;
        let mut cx = Sentence { doc, lex, words, a, ms: Vec::new(), places: Vec::new() };
        // The dateline (place, agency) names where and by whom the story was filed: no actors there.
        let dateline = doc.meta.dateline.as_ref().map(|d| d.span).unwrap_or_default();
        cx.ms = doc
            .mentions_from(a, z)
            .iter()
            .filter(|m| m.tokens.0 >= a && m.tokens.1 <= z && !dateline.overlaps(m.span) && !cx.stance(m))
            .collect();
        let ethnic = |m: &Mention| m.tokens.0 > 0 && cx.w(m.tokens.0 - 1).eq_ignore_ascii_case("ethnic");
        cx.places = cx
            .ms
            .iter()
            .copied()
            .filter(|m| {
                matches!(m.kind, MentionKind::Country | MentionKind::Capital | MentionKind::Demonym) && !ethnic(m)
            })
            .collect();
        cx
    }

    fn w(&self, i: usize) -> &'a str {
        self.doc.tokens.get(i).map(|t| self.doc.slice(t.span)).unwrap_or("")
    }

    fn tag(&self, i: usize) -> Tag {
        self.doc.tokens.get(i).map(|t| t.tag).unwrap_or(Tag::Other)
    }

    /// "anti-Syria journalist", "pro-Russian separatists": a stance toward a country,
    /// not the actor's country.
    fn stance(&self, m: &Mention) -> bool {
        matches!(m.kind, MentionKind::Country | MentionKind::Demonym | MentionKind::Capital)
            && m.tokens.0 >= 2
            && self.w(m.tokens.0 - 1) == "-"
            && matches!(self.w(m.tokens.0 - 2).to_ascii_lowercase().as_str(), "anti" | "pro")
    }

    /// Whether a mention starts at token `i`.
    fn mention_at(&self, i: usize) -> bool {
        self.ms.iter().any(|x| x.tokens.0 == i)
    }

    /// The units the mentions compose, in order.
    fn phrases(&self) -> Vec<Unit> {
        let ms = &self.ms;
        let mut out: Vec<Unit> = Vec::new();
        let mut k = 0;
        while k < ms.len() {
            let m = ms[k];
            k = match m.kind {
                MentionKind::Demonym | MentionKind::Country | MentionKind::Capital => self.country_phrase(k, &mut out),
                MentionKind::Agent if m.code.as_deref() == Some("counterpart") => k + 1,
                // "Arab League Secretary General Chadli Klibi", "UN peacekeepers": the
                // person or agent acts for the organisation named before it.
                // So do they with modifiers between ("UN human rights investigators", "the
                // EU's election observers").
                MentionKind::Org if m.code.is_some() && ms.get(k + 1).is_some_and(|n| self.org_head(m, n)) => {
                    let n = ms[k + 1];
                    let mut u = from_mention(m, self.lex);
                    u.tokens = (m.tokens.0, n.tokens.1);
                    u.span = m.span.cover(n.span);
                    u.entity = n.entity.or(u.entity);
                    u.entries.extend(n.entry.iter().cloned());
                    out.push(u);
                    k + 2
                }
                _ => {
                    let mut u = from_mention(m, self.lex);
                    // "military facilities", "police station": an agent noun on a thing.
                    if m.kind == MentionKind::Agent && self.tag(m.tokens.1) == Tag::Noun && !self.mention_at(m.tokens.1)
                    {
                        u.weak = true;
                    }
                    out.push(u);
                    k + 1
                }
            };
        }
        out
    }

    /// Whether person or agent `n` acts for organisation `m` named before it: right after
    /// it, or after "'s" and up to two lower-case modifiers.
    fn org_head(&self, m: &Mention, n: &Mention) -> bool {
        if !matches!(n.kind, MentionKind::Person | MentionKind::Agent) || n.country.is_some() || n.tokens.0 < m.tokens.1
        {
            return false;
        }
        let gap = m.tokens.1..n.tokens.0;
        gap.is_empty()
            || (gap.len() <= 3
                && (m.tokens.1..n.tokens.0).all(|t| {
                    self.w(t) == "'s"
                        || (matches!(self.tag(t), Tag::Noun | Tag::Adj)
                            && self.w(t).starts_with(|c: char| c.is_lowercase()))
                }))
    }

    /// The unit(s) of a country, capital or demonym at mention `k` and what follows it
    /// (conjoined demonyms, a person, a head noun); the index of the next mention.
    fn country_phrase(&self, k: usize, out: &mut Vec<Unit>) -> usize {
        let (ms, m) = (&self.ms, self.ms[k]);
        // Collect conjoined modifiers: "Russian and Kyrgyz", "US and British".
        let mut mods = vec![m];
        let mut j = k + 1;
        while j < ms.len()
            && m.kind == MentionKind::Demonym
            && ms[j].kind == m.kind
            && self.joined_modifiers(mods[mods.len() - 1], ms[j])
        {
            mods.push(ms[j]);
            j += 1;
        }
        let last = mods[mods.len() - 1];
        // "Bulgarian President Todor Zhivkov": the person carries the country.
        if mods.len() == 1
            && j < ms.len()
            && ms[j].tokens.0 == last.tokens.1
            && matches!(ms[j].kind, MentionKind::Person)
        {
            let mut u = from_mention(ms[j], self.lex);
            if u.country.is_none() {
                u.country = m.country.clone();
                u.cameo = m.cameo.clone();
            }
            u.tokens = (m.tokens.0, ms[j].tokens.1);
            u.span = m.span.cover(ms[j].span);
            out.push(u);
            return j + 1;
        }
        // A head noun: an agent right after (allowing "'s" and up to two modifiers).
        let head = ms.get(j).copied().filter(|h| h.kind == MentionKind::Agent && self.modifies(last, h));
        if head.is_some() {
            j += 1;
        }
        let group = out.len() + 1;
        for md in &mods {
            let mut u = from_mention(md, self.lex);
            match head {
                Some(h) => self.headed(&mut u, md, h),
                None => u.weak = self.modifier_of_a_thing(md),
            }
            if mods.len() > 1 {
                u.group = group;
            }
            out.push(u);
        }
        j
    }

    /// "Russian and Kyrgyz", "US, British": two demonyms joined as modifiers of one head.
    fn joined_modifiers(&self, prev: &Mention, next: &Mention) -> bool {
        let gap: Vec<&str> = (prev.tokens.1..next.tokens.0).map(|i| self.w(i)).collect();
        self.words.modifier_join.is(&gap)
    }

    /// Whether agent `h` is the head noun of modifier `last` ("'s" and up to two
    /// modifiers between them).
    fn modifies(&self, last: &Mention, h: &Mention) -> bool {
        let between: Vec<usize> = (last.tokens.1..h.tokens.0).collect();
        between.len() <= 3
            && between.iter().all(|&t| {
                self.w(t) == "'s"
                    || matches!(self.tag(t), Tag::Adj | Tag::Noun | Tag::Proper | Tag::Adv)
                    || self.w(t) == "-"
            })
    }

    /// A modifier with its head noun: the head's role and span. An agent noun used as a
    /// modifier itself ("military base", "police station") makes the phrase a thing.
    fn headed(&self, u: &mut Unit, md: &Mention, h: &Mention) {
        u.weak = self.tag(h.tokens.1) == Tag::Noun && !self.mention_at(h.tokens.1);
        u.role = h.role.clone().or(u.role.take());
        u.tokens = (md.tokens.0, h.tokens.1);
        u.span = md.span.cover(h.span);
        u.entries.extend(h.entry.iter().cloned());
    }

    /// A country's name or adjective with no head noun, on a thing rather than an actor.
    fn modifier_of_a_thing(&self, md: &Mention) -> bool {
        let next = md.tokens.1;
        // A time phrase after the name is not a thing it modifies ("between Iran and
        // Iraq last week").
        if self.doc.tokens.get(next).is_some_and(|t| self.doc.time_at(t.span).is_some()) {
            return false;
        }
        if md.kind != MentionKind::Demonym {
            // "Gaza truce", "Iran deal": a name used as a modifier of a thing.
            return self.tag(next) == Tag::Noun && !self.mention_at(next);
        }
        // "Russian base": an adjective on a thing. "Israelis", "the Afghans" (a demonym
        // used as a noun) is an actor.
        let noun_after = matches!(self.tag(next), Tag::Noun | Tag::Proper | Tag::Adj) && self.w(next) != "'s";
        let plural = self.doc.slice(md.span).ends_with('s');
        noun_after && !plural || self.w(next) == "-"
    }

    /// "in southern Egypt", "near Kabul", "off Somalia", "off the coast of Yemen": a
    /// country or capital in a locative phrase, also as the "of" of a noun that names a
    /// part of a place (`place-noun`).
    fn locative(&self, m: &Mention) -> bool {
        let skip = |mut k: usize| {
            let start = k;
            while k > self.a
                && (self.words.region_adj.at(self.words, k - 1) || self.w(k - 1).eq_ignore_ascii_case("the"))
                && start - k < 2
            {
                k -= 1;
            }
            k
        };
        let mut k = skip(m.tokens.0);
        if k > self.a + 1 && self.w(k - 1) == "of" && self.words.place_noun.at(self.words, k - 2) {
            k = skip(k - 2);
        }
        m.kind != MentionKind::Demonym && k > self.a && self.words.actor_locative.at(self.words, k - 1)
    }

    /// Agents with no country ("police", "rebels"): international when their role is;
    /// else the place they are said to be in ("demonstrators in Baghdad"), the country
    /// the sentence names, the group or town it names, or the dateline's country.
    fn locate_agents(&self, out: &mut [Unit], named: &[(usize, Span)]) {
        for i in 0..out.len() {
            let u = &out[i];
            if u.country.is_some() || u.org.is_some() || u.role.as_deref().is_none_or(|r| r.len() > 3) || u.group_ref {
                continue;
            }
            // "the alliance's warplanes", "the rebels' commander": the possessor's.
            if let Some(p) = self.possessor(&out[..i], u).cloned() {
                let u = &mut out[i];
                (u.cameo, u.country, u.org) = (p.cameo, p.country, p.org);
                u.code = p.code.filter(|c| c.starts_with("IGO") || c.starts_with("NGO"));
                u.country_from = Some("its possessor");
                continue;
            }
            let u = &mut out[i];
            // Peacekeepers, inspectors, the international community: international actors
            // (PLOVER's IGO), not the country they are in.
            if let Some(r) = u.role.as_deref().filter(|r| matches!(*r, "PKO" | "IGO")) {
                u.code = Some(if r == "IGO" { "IGO".to_string() } else { format!("IGO{r}") });
                u.country_from = Some("an international actor: no country of its own");
                continue;
            }
            if let Some(((cameo, country), from)) = self.agent_country(u, named) {
                u.cameo = cameo;
                u.country = country;
                u.country_from = Some(from);
            }
        }
    }

    /// The unit that owns agent `u` through "'s" (up to two modifiers between).
    fn possessor<'u>(&self, before: &'u [Unit], u: &Unit) -> Option<&'u Unit> {
        let mut k = u.tokens.0;
        while k > self.a
            && k + 2 > u.tokens.0
            && matches!(self.tag(k - 1), Tag::Adj | Tag::Noun)
            && self.w(k - 1) != "'s"
        {
            k -= 1;
        }
        if k <= self.a || self.w(k - 1) != "'s" && self.w(k - 1) != "'" {
            return None;
        }
        before
            .iter()
            .rev()
            .find(|p| p.tokens.1 == k - 1 && (p.country.is_some() || p.org.is_some() || p.code.is_some()))
    }

    /// The country an agent without one takes (CAMEO code, ISO3), and where it came from.
    fn agent_country(&self, u: &Unit, named: &[(usize, Span)]) -> Option<(CountryCodes, &'static str)> {
        let near = self.places.iter().find(|m| {
            m.tokens.0 >= u.tokens.1
                && m.tokens.0 <= u.tokens.1 + 3
                && self.words.agent_place_prep.at_exact(self.words, m.tokens.0 - 1)
        });
        // A group of one country named in the sentence ("UNITA"), a town or province
        // the place index knows ("Sindh province").
        let group = self.ms.iter().find(|m| m.kind == MentionKind::Org && m.country.is_some());
        let town = named.iter().map(|&(i, _)| &self.doc.places[i]).find(|p| p.country.is_some());
        let iso = |c: &str| (Some(dateline_nlp::cameo_of(self.lex, c)), Some(c.to_string()));
        let located = self.places.iter().find(|m| self.locative(m));
        let (found, from) = match (near.or(located), self.places.first(), group, town) {
            (Some(m), ..) => (
                Some((m.cameo.clone(), m.country.clone())),
                if near.is_some() { "the place named after it" } else { "the place the sentence locates the act in" },
            ),
            (None, Some(m), ..) => (Some((m.cameo.clone(), m.country.clone())), "the country the sentence names"),
            (None, None, Some(m), _) => (m.country.as_deref().map(iso), "the country of the group the sentence names"),
            (None, None, None, Some(p)) => (p.country.as_deref().map(iso), "the place the sentence names"),
            _ => match self.doc.meta.dateline.as_ref().and_then(|d| d.country.clone()) {
                Some(c) => (Some(iso(&c)), "the dateline's country"),
                None => (None, ""),
            },
        };
        found.map(|f| (f, from))
    }

    /// "Ethnic Albanians", "ethnic Serb civilians": an ethnic group is coded by the
    /// country it lives in, the other country the sentence places it in.
    fn place_ethnic_groups(&self, out: &mut [Unit]) {
        for u in out.iter_mut() {
            if u.tokens.0 == 0 || !self.w(u.tokens.0 - 1).eq_ignore_ascii_case("ethnic") || u.country.is_none() {
                continue;
            }
            let own = u.country.clone();
            if let Some(m) =
                self.places.iter().find(|m| m.kind != MentionKind::Demonym && m.country.is_some() && m.country != own)
            {
                u.cameo = m.cameo.clone();
                u.country = m.country.clone();
                u.country_from = Some("the country the sentence places the ethnic group in");
            }
        }
    }

    /// "Thousands of Nigerians", "a group of Moroccan diplomats": a quantity noun that
    /// is not itself inside a prepositional phrase lends the unit after "of" its place
    /// in the clause.
    fn mark_partitives(&self, out: &mut [Unit]) {
        let lower = |i: usize| self.w(i).to_ascii_lowercase();
        for u in out.iter_mut() {
            let k = u.tokens.0;
            if k < self.a + 2 || lower(k - 1) != "of" || !self.lex.class("quantity").any(|q| q == lower(k - 2)) {
                continue;
            }
            let mut b = k - 2;
            while b > self.a && matches!(self.tag(b - 1), Tag::Det | Tag::Num | Tag::Adj) {
                b -= 1;
            }
            if b == self.a || !matches!(self.tag(b - 1), Tag::Prep | Tag::Part) {
                u.partitive = true;
            }
        }
    }

    /// Conjoined units: "X and Y", "X, Y and Z" → one group.
    fn group_conjoined(&self, out: &mut [Unit]) {
        let mut next_group = out.len() + 1000;
        for i in 1..out.len() {
            let gap: Vec<&str> = (out[i - 1].tokens.1..out[i].tokens.0).map(|t| self.w(t)).collect();
            let joined = self.words.actor_join.is(&gap);
            if joined && !out[i - 1].weak && !out[i].weak {
                let g = if out[i - 1].group != 0 {
                    out[i - 1].group
                } else {
                    next_group += 1;
                    next_group
                };
                out[i - 1].group = g;
                out[i].group = g;
            }
        }
    }
}
