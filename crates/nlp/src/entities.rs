//! Mentions and entities: countries (names, adjectives, capitals), organisations
//! (from the dictionary and acronyms defined inline), people (by title, by role noun,
//! from the dictionary), and the later mentions that point back to them (surnames,
//! descriptions such as "the Kyrgyz foreign minister", pronouns).

use rustc_hash::FxHashMap as HashMap;

use dateline_core::{Doc, Entity, EntityKind, EntryRef, Mention, MentionKind, Span, Tag, TokenKind};
use dateline_dict::Lexicon;

use crate::index::{Index, PhraseKind};

/// Marks an agent mention whose dictionary entry is a title people carry.
const TITLE: &str = "title";

/// Name particles that may stand lower-case inside a person's name.
fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "bin"
            | "ibn"
            | "al"
            | "el"
            | "de"
            | "da"
            | "del"
            | "van"
            | "den"
            | "der"
            | "von"
            | "la"
            | "le"
            | "du"
            | "abu"
            | "bint"
            | "-"
    )
}

struct View<'a> {
    text: &'a str,
    doc: &'a Doc,
}

impl<'a> View<'a> {
    fn w(&self, i: usize) -> &'a str {
        self.doc.tokens.get(i).map(|t| &self.text[t.span.start..t.span.end]).unwrap_or("")
    }
    fn is_cap(&self, i: usize) -> bool {
        self.doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
            && self.w(i).starts_with(|c: char| c.is_uppercase())
    }
    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.doc.tokens[a].span.start, self.doc.tokens[b - 1].span.end)
    }
    fn same_sentence(&self, a: usize, b: usize) -> bool {
        match (self.doc.tokens.get(a), self.doc.tokens.get(b)) {
            (Some(x), Some(y)) => x.sentence == y.sentence,
            _ => false,
        }
    }
}

/// Dictionary phrases over the tokens, longest first, no overlaps.
fn dictionary_mentions(doc: &Doc, index: &Index, lex: &Lexicon) -> Vec<Mention> {
    let v = View { text: &doc.text, doc };
    let mut out = Vec::new();
    let mut lower = String::new();
    let n = doc.tokens.len();
    let mut i = 0;
    while i < n {
        if doc.tokens[i].kind != TokenKind::Word {
            i += 1;
            continue;
        }
        lower.clear();
        lower.push_str(v.w(i));
        lower.make_ascii_lowercase();
        let mut matched = None;
        for p in index.phrases_at(&lower) {
            let len = p.words.len();
            if i + len > n || !v.same_sentence(i, i + len - 1) {
                continue;
            }
            let ok = p.words.iter().enumerate().all(|(k, w)| {
                let t = v.w(i + k);
                if t.contains('\u{2019}') && t.replace('\u{2019}', "'") == *w {
                    return true;
                }
                if p.case_sensitive {
                    t == w
                        || (t.eq_ignore_ascii_case(w)
                            && t.chars().all(|c| !c.is_lowercase())
                            && t.len() > 3
                            && is_dateline_or_headline(doc, i))
                } else {
                    t.eq_ignore_ascii_case(w)
                }
            });
            if ok {
                matched = Some((p.kind, len));
                break;
            }
        }
        if let Some((kind, len)) = matched {
            let kind = match kind {
                PhraseKind::Person(p) => {
                    PhraseKind::Person(person_on(lex, p, doc.meta.published.as_ref().map(|p| p.date)))
                }
                k => k,
            };
            out.push(make_mention(kind, i, i + len, v.span(i, i + len), lex));
            i += len;
        } else {
            i += 1;
        }
    }
    out
}

/// The row of `people.txt` for the same person whose dates hold on `date` ("Ehud Barak"
/// is GOV as prime minister in 2000, MIL as chief of staff in 1993); else the row given.
fn person_on(lex: &Lexicon, p: usize, date: Option<dateline_core::Date>) -> usize {
    let Some(date) = date else { return p };
    let name = &lex.people[p].name;
    let holds = |q: &dateline_dict::Person| {
        let from = q.from.as_deref().and_then(dateline_core::Date::parse);
        let to = q.to.as_deref().and_then(dateline_core::Date::parse);
        from.is_none_or(|f| f.year < date.year || (f.year == date.year && f <= date))
            && to.is_none_or(|t| date.year < t.year || (t.year == date.year && date <= t))
    };
    if holds(&lex.people[p]) {
        return p;
    }
    lex.people.iter().position(|q| &q.name == name && holds(q)).unwrap_or(p)
}

fn is_dateline_or_headline(doc: &Doc, tok: usize) -> bool {
    let pos = doc.tokens[tok].span.start;
    pos < doc.meta.body_start || doc.meta.dateline.as_ref().is_some_and(|d| d.span.contains(Span::new(pos, pos)))
}

fn make_mention(kind: PhraseKind, a: usize, b: usize, span: Span, lex: &Lexicon) -> Mention {
    let mut m = Mention {
        span,
        tokens: (a, b),
        kind: MentionKind::Agent,
        cameo: None,
        country: None,
        role: None,
        org: None,
        code: None,
        entity: None,
        entry: None,
    };
    match kind {
        PhraseKind::Country(c) | PhraseKind::Demonym(c) | PhraseKind::Capital(c) => {
            let c = &lex.countries[c];
            m.kind = match kind {
                PhraseKind::Country(_) => MentionKind::Country,
                PhraseKind::Demonym(_) => MentionKind::Demonym,
                _ => MentionKind::Capital,
            };
            m.cameo = Some(c.cameo.clone());
            m.country = Some(c.iso3.clone());
            if m.kind == MentionKind::Capital {
                m.role = Some("GOV".into());
            }
            m.entry = Some(c.entry.clone());
        }
        PhraseKind::Org(o) => {
            let o = &lex.orgs[o];
            m.kind = MentionKind::Org;
            m.org = Some(o.acronym.clone());
            m.code = Some(o.cameo.clone());
            m.country = o.country.clone();
            m.entry = Some(o.entry.clone());
        }
        PhraseKind::Agent(ag) => {
            let ag = &lex.agents[ag];
            m.kind = MentionKind::Agent;
            m.role = Some(ag.role.clone());
            m.entry = Some(ag.entry.clone());
            if ag.is_title {
                m.code = Some(TITLE.into());
            }
        }
        PhraseKind::Person(p) => {
            let p = &lex.people[p];
            m.kind = MentionKind::Person;
            m.country = p.country.clone();
            m.role = p.role.clone();
            m.entry = Some(p.entry.clone());
        }
        PhraseKind::GroupRef => {
            m.kind = MentionKind::GroupRef;
        }
        PhraseKind::Counterpart => {
            m.kind = MentionKind::Agent;
            m.code = Some("counterpart".into());
        }
    }
    m
}

/// The CAMEO country code for an ISO3 code.
pub fn cameo_of(lex: &Lexicon, iso3: &str) -> String {
    lex.countries.iter().find(|c| c.iso3 == iso3).map(|c| c.cameo.clone()).unwrap_or_else(|| iso3.to_string())
}

struct Builder<'a> {
    lex: &'a Lexicon,
    entities: Vec<Entity>,
    by_key: HashMap<String, usize>,
}

impl Builder<'_> {
    fn entity(&mut self, key: String, make: impl FnOnce() -> Entity) -> usize {
        if let Some(&i) = self.by_key.get(&key) {
            return i;
        }
        self.entities.push(make());
        let i = self.entities.len() - 1;
        self.by_key.insert(key, i);
        i
    }
    fn add_mention(&mut self, e: usize, span: Span, entry: Option<&EntryRef>) {
        let ent = &mut self.entities[e];
        // Duplicates go when the mentions are sorted at the end (a `contains` here
        // would grow with the square of an entity's mentions).
        ent.mentions.push(span);
        if let Some(entry) = entry {
            if !ent.entries.contains(entry) {
                ent.entries.push(entry.clone());
            }
        }
    }
    fn actor(&self, country: Option<&str>, role: Option<&str>) -> Option<String> {
        let c = country.map(|c| cameo_of(self.lex, c));
        match (c, role) {
            (Some(c), Some(r)) => Some(format!("{c}{r}")),
            (Some(c), None) => Some(c),
            (None, Some(r)) => Some(r.to_string()),
            (None, None) => None,
        }
    }
}

/// Finds mentions and entities; fills `doc.mentions` and `doc.entities`.
#[allow(clippy::too_many_lines)] // Issue #15: still to be split into named steps.
pub fn find(doc: &mut Doc, index: &Index, lex: &Lexicon) {
    let mut mentions = dictionary_mentions(doc, index, lex);
    // "South China Sea", "Gulf of Mexico", "Bay of Bengal": a country's name inside the
    // name of a sea, gulf or strait is no country.
    let word = |i: usize| doc.tokens.get(i).map(|t| &doc.text[t.span.start..t.span.end]).unwrap_or("");
    let water =
        |i: usize| word(i).starts_with(|c: char| c.is_uppercase()) && index.in_class("water", &word(i).to_lowercase());
    mentions.retain(|m| {
        let place = matches!(m.kind, MentionKind::Country | MentionKind::Demonym | MentionKind::Capital);
        !(place && (water(m.tokens.1) || (m.tokens.0 >= 2 && word(m.tokens.0 - 1) == "of" && water(m.tokens.0 - 2))))
    });
    // A title written in lower case ("general strike", "an official visit") is a title
    // only in a description of a person ("the Kyrgyz foreign minister").
    let titles: Vec<bool> = mentions
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let is_title = m.kind == MentionKind::Agent && m.code.as_deref() == Some(TITLE);
            let lower = doc.text[m.span.start..m.span.end].starts_with(|c: char| c.is_lowercase());
            let described = k > 0 && matches!(mentions[k - 1].kind, MentionKind::Demonym | MentionKind::Country) && {
                // Right after the country, or after one or two lower-case modifiers
                // ("the Kenyan assistant minister") when it modifies nothing after it.
                let gap = mentions[k - 1].tokens.1..m.tokens.0;
                let modifiers = gap.len() <= 2
                    && gap.clone().all(|t| {
                        doc.tokens.get(t).is_some_and(|t| matches!(t.tag, Tag::Adj | Tag::Noun))
                            && doc.tokens.get(t).is_some_and(|t| {
                                doc.text[t.span.start..t.span.end].starts_with(|c: char| c.is_lowercase())
                            })
                    });
                gap.is_empty() || (modifiers && !modifies_next(doc, index, m))
            };
            // ... or in an office of a named place: "the governor of the Tyumen region",
            // "the mayor of Kandahar".
            let word = |i: usize| doc.tokens.get(i).map(|t| &doc.text[t.span.start..t.span.end]).unwrap_or("");
            let after = if word(m.tokens.1 + 1).eq_ignore_ascii_case("the") { m.tokens.1 + 2 } else { m.tokens.1 + 1 };
            let office_of = word(m.tokens.1) == "of"
                && word(after).starts_with(|c: char| c.is_uppercase())
                && doc.tokens.get(after).is_some_and(|t| t.tag == Tag::Proper && doc.time_at(t.span).is_none());
            !(is_title && lower && !described && !office_of && !heads_description(doc, index, m))
        })
        .collect();
    let mut keep = titles.into_iter();
    mentions.retain(|_| keep.next().unwrap_or(true));
    let mut b = Builder { lex, entities: Vec::new(), by_key: HashMap::default() };
    let v = View { text: &doc.text, doc };
    let cover_map = |mentions: &[Mention]| {
        let mut map = vec![false; doc.tokens.len()];
        for m in mentions {
            for k in m.tokens.0..m.tokens.1.min(map.len()) {
                map[k] = true;
            }
        }
        map
    };

    // Inline acronym definitions: "Collective Security Treaty Organization /CSTO/",
    // "Revolutionary United Front (RUF)".
    let n = doc.tokens.len();
    let mut acronyms: Vec<(String, usize)> = Vec::new();
    for i in 1..n.saturating_sub(2) {
        let open = v.w(i);
        let close_ok = matches!((open, v.w(i + 2)), ("(", ")") | ("/", "/"));
        let acr = v.w(i + 1);
        if !close_ok || acr.len() < 2 || acr.len() > 10 || !acr.chars().all(|c| c.is_ascii_uppercase() || c == '&') {
            continue;
        }
        // The name: capitalised words (with of/for/the/and/on/in) ending right before.
        let mut a = i;
        while a > 0 && v.same_sentence(a - 1, i) {
            let w = v.w(a - 1);
            if v.is_cap(a - 1)
                || (matches!(w, "of" | "for" | "the" | "and" | "on" | "in" | "-" | "'s" | "de") && a - 1 > 0)
            {
                a -= 1;
            } else {
                break;
            }
        }
        while a < i && !v.is_cap(a) {
            a += 1;
        }
        if a >= i {
            continue;
        }
        let initials: String = (a..i).filter(|&k| v.is_cap(k)).filter_map(|k| v.w(k).chars().next()).collect();
        let first = acr.chars().next();
        let fits = initials.starts_with(first.unwrap_or(' ')) || initials.contains(acr) || subsequence(acr, &initials);
        if !fits {
            continue;
        }
        // Drop a leading "The".
        let name_span = v.span(a, i);
        let name = doc.text[name_span.start..name_span.end].to_string();
        let known = lex.orgs.iter().find(|o| o.acronym.eq_ignore_ascii_case(acr) || o.names.contains(&name));
        // An acronym that names a country ("PRC") is not an organisation.
        if mentions.iter().any(|m| m.tokens.0 == i + 1 && m.kind == MentionKind::Country) {
            continue;
        }
        let key = format!("org:{}", known.map(|o| o.acronym.as_str()).unwrap_or(acr));
        let e = b.entity(key, || Entity {
            name: name.clone(),
            kind: EntityKind::Organization,
            country: known.and_then(|o| o.country.clone()),
            title: None,
            role: None,
            actor: known.map(|o| o.cameo.clone()),
            org: Some(known.map(|o| o.acronym.clone()).unwrap_or_else(|| acr.to_string())),
            mentions: Vec::new(),
            entries: known.map(|o| vec![o.entry.clone()]).unwrap_or_default(),
        });
        b.add_mention(e, name_span, None);
        acronyms.push((acr.to_string(), e));
        // Replace dictionary mentions inside the name by the organisation.
        mentions.retain(|m| !(m.tokens.0 >= a && m.tokens.1 <= i + 2));
        let code = b.entities[e].actor.clone();
        let org = b.entities[e].org.clone();
        let country = b.entities[e].country.clone();
        mentions.push(Mention {
            span: name_span,
            tokens: (a, i),
            kind: MentionKind::Org,
            cameo: None,
            country: country.clone(),
            role: None,
            org: org.clone(),
            code: code.clone(),
            entity: Some(e),
            entry: None,
        });
        mentions.push(Mention {
            span: v.span(i + 1, i + 2),
            tokens: (i + 1, i + 2),
            kind: MentionKind::Org,
            cameo: None,
            country,
            role: None,
            org,
            code,
            entity: Some(e),
            entry: None,
        });
    }
    // Later bare acronyms of defined organisations.
    let covered = cover_map(&mentions);
    for i in 0..n {
        if covered[i] || acronyms.is_empty() {
            continue;
        }
        if let Some((_, e)) = acronyms.iter().find(|(a, _)| a == v.w(i)) {
            let ent = &b.entities[*e];
            mentions.push(Mention {
                span: v.span(i, i + 1),
                tokens: (i, i + 1),
                kind: MentionKind::Org,
                cameo: None,
                country: ent.country.clone(),
                role: None,
                org: ent.org.clone(),
                code: ent.actor.clone(),
                entity: Some(*e),
                entry: None,
            });
        }
    }
    mentions.sort_by_key(|m| m.tokens.0);

    // People: a title or role noun followed by a capitalised name.
    let covered = cover_map(&mentions);
    let mut persons: Vec<Mention> = Vec::new();
    let mut last_titled: Option<usize> = None;
    let mut mi = 0;
    while mi < mentions.len() {
        let m = mentions[mi].clone();
        mi += 1;
        if m.kind != MentionKind::Agent && !(m.kind == MentionKind::Person) {
            continue;
        }
        if m.kind == MentionKind::Person {
            // A dictionary person.
            let pi = lex.people.iter().position(|p| Some(&p.entry) == m.entry.as_ref());
            // An alias ("Lavrov", "Gadhafi") names the person the dictionary line is about.
            let name = pi
                .map(|p| lex.people[p].name.clone())
                .unwrap_or_else(|| doc.text[m.span.start..m.span.end].to_string());
            // A title right before the name: "Foreign Minister Sergei Lavrov".
            let title = mentions[..mi - 1]
                .iter()
                .rev()
                .find(|x| x.tokens.1 == m.tokens.0 && x.kind == MentionKind::Agent)
                .and_then(|x| {
                    let words = &doc.text[x.span.start..x.span.end];
                    if x.code.as_deref() == Some("counterpart") || index.in_class("counterpart", &words.to_lowercase())
                    {
                        last_titled.and_then(|t| b.entities[t].title.clone())
                    } else {
                        Some(title_case(words))
                    }
                });
            let e = b.entity(format!("person:{name}"), || Entity {
                name: name.clone(),
                kind: EntityKind::Person,
                country: m.country.clone(),
                title: title.clone(),
                role: m.role.clone(),
                actor: None,
                org: None,
                mentions: Vec::new(),
                entries: Vec::new(),
            });
            b.add_mention(e, m.span, m.entry.as_ref());
            if b.entities[e].title.is_some() {
                last_titled = Some(e);
            }
            let mut pm = m.clone();
            pm.entity = Some(e);
            persons.push(pm);
            continue;
        }
        // Agent noun: is a name right after it?
        let after = m.tokens.1;
        let mut end = after;
        while end < n
            && v.same_sentence(after, end)
            && (v.is_cap(end) || (end > after && is_particle(v.w(end)) && v.is_cap(end + 1)))
            && !covered[end]
            && doc.tokens[end].tag != Tag::Punct
        {
            end += 1;
            if end - after >= 5 {
                break;
            }
        }
        // Trim a trailing particle.
        while end > after && is_particle(v.w(end - 1)) {
            end -= 1;
        }
        let title_words = &doc.text[m.span.start..m.span.end];
        let is_counterpart =
            m.code.as_deref() == Some("counterpart") || index.in_class("counterpart", &title_words.to_lowercase());
        if end == after {
            continue;
        }
        // A single capitalised word that starts a new clause ("the minister Sunday") is
        // not a name: weekdays and months are not names.
        if (after..end).all(|k| index.weekday(v.w(k)).is_some() || index.month(v.w(k)).is_some()) {
            continue;
        }
        let name_span = v.span(after, end);
        let name = doc.text[name_span.start..name_span.end].to_string();
        // Affiliation: a country or organisation just before the title, possibly with
        // "'s" and adjectives between ("Lebanon's new President", "his Kyrgyz counterpart").
        let mut country = None;
        let mut org = None;
        let mut k = m.tokens.0;
        let mut steps = 0;
        while k > 0 && steps < 4 && v.same_sentence(k - 1, m.tokens.0) {
            let prev = k - 1;
            if let Some(pm) = mentions.iter().find(|x| {
                x.tokens.1 == k
                    && matches!(
                        x.kind,
                        MentionKind::Demonym | MentionKind::Country | MentionKind::Org | MentionKind::Capital
                    )
            }) {
                if pm.kind == MentionKind::Org {
                    org = Some(pm.clone());
                } else {
                    country = pm.country.clone();
                }
                break;
            }
            let w = v.w(prev);
            if w == "'s"
                || matches!(doc.tokens[prev].tag, Tag::Adj | Tag::Det)
                || (doc.tokens[prev].tag == Tag::Noun && steps == 0 && w.chars().all(|c| c.is_lowercase()))
            {
                k = prev;
                steps += 1;
                continue;
            }
            break;
        }
        let (mut title, mut role) = (Some(title_words.to_string()), m.role.clone());
        if is_counterpart {
            if let Some(t) = last_titled {
                title = b.entities[t].title.clone();
                role = b.entities[t].role.clone();
            }
        }
        let title = title.map(|t| title_case(&t));
        // "President Bush": a titled surname the people dictionary knows.
        if country.is_none() && org.is_none() && !name.contains(' ') {
            if let Some(p) = lex
                .people
                .iter()
                .find(|p| p.name.rsplit(' ').next() == Some(name.as_str()) || p.aliases.contains(&name))
            {
                country = p.country.clone();
            }
        }
        let key = format!("person:{name}");
        let existing = b.by_key.get(&key).copied();
        let e = b.entity(key, || Entity {
            name: name.clone(),
            kind: EntityKind::Person,
            country: country.clone().or_else(|| org.as_ref().and_then(|o| o.country.clone())),
            title: title.clone(),
            role: role.clone(),
            actor: None,
            org: org.as_ref().and_then(|o| o.org.clone()),
            mentions: Vec::new(),
            entries: Vec::new(),
        });
        if existing.is_some() && b.entities[e].country.is_none() {
            b.entities[e].country = country.clone();
        }
        b.add_mention(e, name_span, m.entry.as_ref());
        if title.is_some() && !is_counterpart {
            last_titled = Some(e);
        } else if is_counterpart {
            last_titled = last_titled.or(Some(e));
        }
        persons.push(Mention {
            span: v.span(m.tokens.0, end),
            tokens: (m.tokens.0, end),
            kind: MentionKind::Person,
            cameo: None,
            country: b.entities[e].country.clone(),
            role: b.entities[e].role.clone(),
            org: b.entities[e].org.clone(),
            code: None,
            entity: Some(e),
            entry: m.entry.clone(),
        });
    }
    // Person mentions replace the agent mention and name tokens they cover (the
    // country adjective before a title stays: it is the person's affiliation).
    for p in &persons {
        mentions.retain(|m| !(m.tokens.0 >= p.tokens.0 && m.tokens.1 <= p.tokens.1));
    }
    mentions.extend(persons);
    mentions.sort_by_key(|m| m.tokens.0);

    // Later mentions: a person's surname or full name standing alone.
    let person_names: Vec<(String, usize)> = b
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Person)
        .flat_map(|(i, e)| {
            let last = e.name.split_whitespace().last().unwrap_or("").to_string();
            [(e.name.clone(), i), (last, i)]
        })
        .collect();
    let mut extra = Vec::new();
    let covered = cover_map(&mentions);
    for i in 0..n {
        if covered[i] || !v.is_cap(i) || person_names.is_empty() {
            continue;
        }
        let w = v.w(i);
        if let Some((_, e)) = person_names.iter().find(|(nm, _)| nm == w) {
            // Only after the person was introduced.
            let first = b.entities[*e].mentions.first().map(|s| s.start).unwrap_or(usize::MAX);
            if doc.tokens[i].span.start > first {
                extra.push((i, *e));
            }
        }
    }
    for (i, e) in extra {
        let span = v.span(i, i + 1);
        b.add_mention(e, span, None);
        let ent = &b.entities[e];
        mentions.push(Mention {
            span,
            tokens: (i, i + 1),
            kind: MentionKind::Person,
            cameo: None,
            country: ent.country.clone(),
            role: ent.role.clone(),
            org: ent.org.clone(),
            code: None,
            entity: Some(e),
            entry: None,
        });
    }
    mentions.sort_by_key(|m| m.tokens.0);

    // Descriptions: "the Kyrgyz foreign minister" names the Kyrgyz person with that title.
    let mut desc: Vec<(usize, usize, usize)> = Vec::new();
    for (k, m) in mentions.iter().enumerate() {
        if m.kind != MentionKind::Agent || k == 0 {
            continue;
        }
        let prev = &mentions[k - 1];
        if prev.kind != MentionKind::Demonym || prev.tokens.1 != m.tokens.0 {
            continue;
        }
        let noun = doc.text[m.span.start..m.span.end].to_lowercase();
        let hits: Vec<usize> = b
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.kind == EntityKind::Person
                    && e.country == prev.country
                    && e.title.as_deref().is_some_and(|t| t.to_lowercase() == noun)
            })
            .map(|(i, _)| i)
            .collect();
        if let [e] = hits[..] {
            let first = b.entities[e].mentions.first().map(|s| s.start).unwrap_or(usize::MAX);
            if m.span.start > first {
                let start = if prev.tokens.0 > 0 && doc.tokens[prev.tokens.0 - 1].tag == Tag::Det {
                    prev.tokens.0 - 1
                } else {
                    prev.tokens.0
                };
                desc.push((start, m.tokens.1, e));
            }
        }
    }
    for (a, z, e) in desc {
        mentions.retain(|m| !(m.tokens.0 >= a && m.tokens.1 <= z));
        let span = v.span(a, z);
        b.add_mention(e, span, None);
        let ent = &b.entities[e];
        mentions.push(Mention {
            span,
            tokens: (a, z),
            kind: MentionKind::Person,
            cameo: None,
            country: ent.country.clone(),
            role: ent.role.clone(),
            org: ent.org.clone(),
            code: None,
            entity: Some(e),
            entry: None,
        });
    }
    mentions.sort_by_key(|m| m.tokens.0);

    // Pronouns: he/she -> the most recent person mentioned before.
    let mut pron = Vec::new();
    let covered = cover_map(&mentions);
    for i in 0..n {
        if doc.tokens[i].tag != Tag::Pron && doc.tokens[i].tag != Tag::Det {
            continue;
        }
        let lw = v.w(i).to_ascii_lowercase();
        let personal = index.in_class("pron-he", &lw) || index.in_class("pron-she", &lw);
        if !personal || covered[i] {
            continue;
        }
        let pos = doc.tokens[i].span.start;
        let ante =
            mentions.iter().rev().find(|m| m.kind == MentionKind::Person && m.span.end <= pos).and_then(|m| m.entity);
        pron.push(Mention {
            span: v.span(i, i + 1),
            tokens: (i, i + 1),
            kind: MentionKind::Pronoun,
            cameo: None,
            country: None,
            role: None,
            org: None,
            code: None,
            entity: ante,
            entry: None,
        });
    }
    for p in &mut pron {
        if let Some(e) = p.entity {
            let ent = &b.entities[e];
            p.country = ent.country.clone();
            p.role = ent.role.clone();
            p.org = ent.org.clone();
        }
    }
    mentions.extend(pron);
    mentions.sort_by_key(|m| m.tokens.0);

    // Countries and organisations named in the text are entities too.
    for m in &mut mentions {
        match m.kind {
            MentionKind::Country => {
                let iso = m.country.clone().unwrap_or_default();
                let name = lex
                    .countries
                    .iter()
                    .find(|c| c.iso3 == iso)
                    .map(|c| c.names[0].clone())
                    .unwrap_or_else(|| iso.clone());
                let cameo = m.cameo.clone();
                let e = b.entity(format!("country:{iso}"), || Entity {
                    name,
                    kind: EntityKind::Country,
                    country: Some(iso.clone()),
                    title: None,
                    role: None,
                    actor: cameo,
                    org: None,
                    mentions: Vec::new(),
                    entries: Vec::new(),
                });
                b.add_mention(e, m.span, m.entry.as_ref());
                m.entity = Some(e);
            }
            MentionKind::Org if m.entity.is_none() => {
                let acr = m.org.clone().unwrap_or_default();
                let known = lex.orgs.iter().find(|o| o.acronym == acr);
                let e = b.entity(format!("org:{acr}"), || Entity {
                    name: known
                        .and_then(|o| o.names.iter().find(|n| n.contains(' ')).or(o.names.first()))
                        .cloned()
                        .unwrap_or_else(|| acr.clone()),
                    kind: EntityKind::Organization,
                    country: m.country.clone(),
                    title: None,
                    role: None,
                    actor: m.code.clone(),
                    org: Some(acr.clone()),
                    mentions: Vec::new(),
                    entries: Vec::new(),
                });
                b.add_mention(e, m.span, m.entry.as_ref());
                m.entity = Some(e);
            }
            _ => {}
        }
    }
    // Actor codes of people.
    for i in 0..b.entities.len() {
        if b.entities[i].kind == EntityKind::Person && b.entities[i].actor.is_none() {
            let e = &b.entities[i];
            let code = match (&e.org, &e.country) {
                (Some(o), None) => lex.orgs.iter().find(|x| &x.acronym == o).map(|x| x.cameo.clone()),
                _ => b.actor(e.country.as_deref(), e.role.as_deref()),
            };
            b.entities[i].actor = code;
        }
    }
    for e in &mut b.entities {
        e.mentions.sort();
        e.mentions.dedup();
    }
    doc.mentions = mentions;
    doc.entities = b.entities;
}

/// A title written in lower case that heads a description of a person: after a
/// determiner or a possessive, with at most two modifiers between ("the president",
/// "a former minister", "the vice minister", "Kenya's president"), and not itself a
/// modifier of the noun after it ("a general strike", "the general public").
fn heads_description(doc: &Doc, index: &Index, m: &Mention) -> bool {
    let word = |i: usize| doc.tokens.get(i).map(|t| &doc.text[t.span.start..t.span.end]).unwrap_or("");
    if modifies_next(doc, index, m) {
        return false;
    }
    let mut k = m.tokens.0;
    let mut steps = 0;
    while k > 0 && steps <= 2 && doc.tokens[k - 1].sentence == doc.tokens[m.tokens.0].sentence {
        let prev = &doc.tokens[k - 1];
        if prev.tag == Tag::Det || word(k - 1) == "'s" {
            return true;
        }
        let modifier = matches!(prev.tag, Tag::Adj | Tag::Noun) && word(k - 1).starts_with(|c: char| c.is_lowercase());
        if !modifier {
            return false;
        }
        k -= 1;
        steps += 1;
    }
    false
}

/// Whether title mention `m` modifies the noun after it ("a general strike").
fn modifies_next(doc: &Doc, index: &Index, m: &Mention) -> bool {
    let next = m.tokens.1;
    let sentence = doc.tokens.get(m.tokens.0).map(|t| t.sentence);
    doc.tokens.get(next).filter(|t| Some(t.sentence) == sentence && t.kind == TokenKind::Word).is_some_and(|t| {
        matches!(t.tag, Tag::Noun | Tag::Adj)
            || index.in_class("noun-verb", &doc.text[t.span.start..t.span.end].to_lowercase())
    })
}

fn subsequence(needle: &str, hay: &str) -> bool {
    let mut it = hay.chars();
    needle.chars().all(|c| it.any(|h| h == c))
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) if !matches!(w, "of" | "for" | "the" | "and") => {
                    f.to_uppercase().collect::<String>() + c.as_str()
                }
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use dateline_core::{Doc, MentionKind};

    fn agents(text: &str) -> Vec<(String, Option<String>)> {
        let lex = crate::tests::lexicon();
        let mut doc = Doc::new("t", text);
        crate::analyze(&mut doc, &lex);
        doc.mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Agent)
            .map(|m| (doc.slice(m.span).to_string(), m.role.clone()))
            .collect()
    }

    #[test]
    fn a_lower_case_title_holds_an_office_of_a_named_place() {
        // "the mayor of Kandahar": an office of a named place is a person's title.
        let a = agents("Gunmen shot the mayor of Kandahar on Monday.");
        assert!(a.iter().any(|(w, r)| w == "mayor" && r.as_deref() == Some("GOV")), "{a:?}");
        let a = agents("Rebels wounded the deputy governor of the Tyumen region.");
        assert!(a.iter().any(|(w, r)| w == "deputy governor" && r.as_deref() == Some("GOV")), "{a:?}");
        // A lower-case title word on a thing stays no actor, even before "of" and a day.
        let a = agents("The general strike of Friday closed the port.");
        assert!(a.iter().all(|(w, _)| !w.eq_ignore_ascii_case("general")), "{a:?}");
    }

    #[test]
    fn a_lower_case_title_heads_a_description_of_a_person() {
        // After a determiner or a possessive, with modifiers between, a title is a person.
        let a = agents("Police detained the former minister at his home.");
        assert!(a.iter().any(|(w, r)| w.contains("minister") && r.as_deref() == Some("GOV")), "{a:?}");
        let a = agents("Ghana's president flew home on Sunday.");
        assert!(a.iter().any(|(w, r)| w.contains("president") && r.as_deref() == Some("GOV")), "{a:?}");
        // After a country's adjective and a lower-case modifier.
        let a = agents("The Kenyan assistant minister flew to Kampala on Monday.");
        assert!(a.iter().any(|(w, r)| w.contains("minister") && r.as_deref() == Some("GOV")), "{a:?}");
        // Not as the modifier of the noun after it.
        let a = agents("Unions called a general strike for Monday.");
        assert!(a.iter().all(|(w, _)| !w.eq_ignore_ascii_case("general")), "{a:?}");
        let a = agents("Kenyan trade unions called a national general strike for Monday.");
        assert!(a.iter().all(|(w, _)| !w.eq_ignore_ascii_case("general")), "{a:?}");
    }
}
