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

/// Name particles that may stand lower-case inside a person's name (`name-particle`,
/// as written), and the hyphen.
fn is_particle(index: &Index, w: &str) -> bool {
    w == "-" || index.bits(w).has(index.class.name_particle)
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
                // (A curly apostrophe is 2 bytes longer than the straight one it stands for:
                // a token no longer than the word has none to replace.)
                // (`contains` of a char outside ASCII builds a substring searcher: the
                // ASCII test first, as most tokens are.)
                if t.len() > w.len() && !t.is_ascii() && t.contains('\u{2019}') && t.replace('\u{2019}', "'") == *w {
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
    country_of(lex, iso3).map(|c| c.cameo.clone()).unwrap_or_else(|| iso3.to_string())
}

/// The first country of the lexicon with this ISO3 code. Compared byte by byte in line
/// (most rows differ at the first byte): a string comparison per row called `memcmp`
/// for each of the ~250 rows.
fn country_of<'l>(lex: &'l Lexicon, iso3: &str) -> Option<&'l dateline_dict::Country> {
    let key = iso3.as_bytes();
    lex.countries.iter().find(|c| c.iso3.len() == key.len() && c.iso3.bytes().zip(key).all(|(a, b)| a == *b))
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
    /// The entity of a country mention, with the mention added to it.
    fn country(&mut self, m: &Mention) -> usize {
        let lex = self.lex;
        let iso = m.country.clone().unwrap_or_default();
        let name = country_of(lex, &iso).map(|c| c.names[0].clone()).unwrap_or_else(|| iso.clone());
        let cameo = m.cameo.clone();
        let e = self.entity(format!("country:{iso}"), || Entity {
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
        self.add_mention(e, m.span, m.entry.as_ref());
        e
    }
    /// The entity of an organisation mention, with the mention added to it.
    fn org(&mut self, m: &Mention) -> usize {
        let lex = self.lex;
        let acr = m.org.clone().unwrap_or_default();
        let known = lex.orgs.iter().find(|o| o.acronym == acr);
        let e = self.entity(format!("org:{acr}"), || Entity {
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
        self.add_mention(e, m.span, m.entry.as_ref());
        e
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
pub fn find(doc: &mut Doc, index: &Index, lex: &Lexicon) {
    let mut f = Finder::new(doc, index, lex);
    f.drop_names_of_waters();
    f.drop_lower_case_titles();
    f.define_acronyms();
    f.repeat_acronyms();
    f.people();
    f.repeat_names();
    f.descriptions();
    f.pronouns();
    f.places_and_orgs();
    f.person_actors();
    let (mentions, entities) = f.finish();
    doc.mentions = mentions;
    doc.entities = entities;
}

/// What the steps of `find` share: the document, the mentions found so far and the
/// entities they point to.
struct Finder<'a> {
    doc: &'a Doc,
    index: &'a Index,
    lex: &'a Lexicon,
    v: View<'a>,
    /// The number of tokens.
    n: usize,
    mentions: Vec<Mention>,
    b: Builder<'a>,
    /// Acronyms defined inline ("Revolutionary United Front (RUF)"), with their entity.
    acronyms: Vec<(String, usize)>,
    /// The person last named with a title, whom "his counterpart" is set against.
    last_titled: Option<usize>,
}

impl<'a> Finder<'a> {
    /// Starts from the dictionary's phrases.
    fn new(doc: &'a Doc, index: &'a Index, lex: &'a Lexicon) -> Self {
        Finder {
            doc,
            index,
            lex,
            v: View { text: &doc.text, doc },
            n: doc.tokens.len(),
            mentions: dictionary_mentions(doc, index, lex),
            b: Builder { lex, entities: Vec::new(), by_key: HashMap::default() },
            acronyms: Vec::new(),
            last_titled: None,
        }
    }

    /// Which tokens the mentions so far cover.
    fn covered(&self) -> Vec<bool> {
        let mut map = vec![false; self.doc.tokens.len()];
        for m in &self.mentions {
            for k in m.tokens.0..m.tokens.1.min(map.len()) {
                map[k] = true;
            }
        }
        map
    }

    /// "South China Sea", "Gulf of Mexico", "Bay of Bengal": a country's name inside the
    /// name of a sea, gulf or strait is no country.
    fn drop_names_of_waters(&mut self) {
        let (v, index) = (&self.v, self.index);
        let water = |i: usize| {
            v.w(i).starts_with(|c: char| c.is_uppercase()) && index.bits(&v.w(i).to_lowercase()).has(index.class.water)
        };
        self.mentions.retain(|m| {
            let place = matches!(m.kind, MentionKind::Country | MentionKind::Demonym | MentionKind::Capital);
            !(place && (water(m.tokens.1) || (m.tokens.0 >= 2 && v.w(m.tokens.0 - 1) == "of" && water(m.tokens.0 - 2))))
        });
    }

    /// A title written in lower case ("general strike", "an official visit") is a title
    /// only in a description of a person ("the Kyrgyz foreign minister").
    fn drop_lower_case_titles(&mut self) {
        let titles: Vec<bool> = (0..self.mentions.len()).map(|k| self.stays(k)).collect();
        let mut keep = titles.into_iter();
        self.mentions.retain(|_| keep.next().unwrap_or(true));
    }

    /// Whether mention `k` stays: it is no title in lower case, or one that describes a
    /// person or holds an office of a named place.
    fn stays(&self, k: usize) -> bool {
        let (doc, index, mentions) = (self.doc, self.index, &self.mentions);
        let m = &mentions[k];
        let is_title = m.kind == MentionKind::Agent && m.code.as_deref() == Some(TITLE);
        let lower = doc.text[m.span.start..m.span.end].starts_with(|c: char| c.is_lowercase());
        let described = k > 0 && matches!(mentions[k - 1].kind, MentionKind::Demonym | MentionKind::Country) && {
            // Right after the country, or after one or two lower-case modifiers
            // ("the Kenyan assistant minister") when it modifies nothing after it.
            let gap = mentions[k - 1].tokens.1..m.tokens.0;
            let modifiers = gap.len() <= 2
                && gap.clone().all(|t| {
                    doc.tokens.get(t).is_some_and(|t| matches!(t.tag, Tag::Adj | Tag::Noun))
                        && doc
                            .tokens
                            .get(t)
                            .is_some_and(|t| doc.text[t.span.start..t.span.end].starts_with(|c: char| c.is_lowercase()))
                });
            gap.is_empty() || (modifiers && !modifies_next(doc, index, m))
        };
        // ... or in an office of a named place: "the governor of the Tyumen region",
        // "the mayor of Kandahar".
        let word = |i: usize| self.v.w(i);
        let after = if word(m.tokens.1 + 1).eq_ignore_ascii_case("the") { m.tokens.1 + 2 } else { m.tokens.1 + 1 };
        let office_of = word(m.tokens.1) == "of"
            && word(after).starts_with(|c: char| c.is_uppercase())
            && doc.tokens.get(after).is_some_and(|t| t.tag == Tag::Proper && doc.time_at(t.span).is_none());
        !(is_title && lower && !described && !office_of && !heads_description(doc, index, m))
    }

    /// Inline acronym definitions: "Collective Security Treaty Organization /CSTO/",
    /// "Revolutionary United Front (RUF)".
    fn define_acronyms(&mut self) {
        for i in 1..self.n.saturating_sub(2) {
            if let Some((a, acr)) = self.acronym_at(i) {
                self.define_acronym(a, i, acr);
            }
        }
    }

    /// An acronym in brackets or slashes opening at token `i`, and the first token of the
    /// name it stands for.
    fn acronym_at(&self, i: usize) -> Option<(usize, &'a str)> {
        let v = &self.v;
        let open = v.w(i);
        let close_ok = matches!((open, v.w(i + 2)), ("(", ")") | ("/", "/"));
        let acr = v.w(i + 1);
        if !close_ok || acr.len() < 2 || acr.len() > 10 || !acr.chars().all(|c| c.is_ascii_uppercase() || c == '&') {
            return None;
        }
        // The name: capitalised words (with the `acronym-link` words: of/for/the/and) ending right before.
        let mut a = i;
        while a > 0 && v.same_sentence(a - 1, i) {
            let w = v.w(a - 1);
            if v.is_cap(a - 1) || ((w == "-" || self.index.bits(w).has(self.index.class.acronym_link)) && a - 1 > 0) {
                a -= 1;
            } else {
                break;
            }
        }
        while a < i && !v.is_cap(a) {
            a += 1;
        }
        if a >= i {
            return None;
        }
        let initials: String = (a..i).filter(|&k| v.is_cap(k)).filter_map(|k| v.w(k).chars().next()).collect();
        let first = acr.chars().next();
        let fits = initials.starts_with(first.unwrap_or(' ')) || initials.contains(acr) || subsequence(acr, &initials);
        if !fits {
            return None;
        }
        // An acronym that names a country ("PRC") is not an organisation.
        if self.mentions.iter().any(|m| m.tokens.0 == i + 1 && m.kind == MentionKind::Country) {
            return None;
        }
        Some((a, acr))
    }

    /// The organisation named by tokens `a..i` with its acronym `acr` after them: one
    /// entity, and a mention each for the name and the acronym, which replace the
    /// dictionary mentions inside.
    fn define_acronym(&mut self, a: usize, i: usize, acr: &str) {
        let (doc, lex, v) = (self.doc, self.lex, &self.v);
        // Drop a leading "The".
        let name_span = v.span(a, i);
        let name = doc.text[name_span.start..name_span.end].to_string();
        let known = lex.orgs.iter().find(|o| o.acronym.eq_ignore_ascii_case(acr) || o.names.contains(&name));
        let key = format!("org:{}", known.map(|o| o.acronym.as_str()).unwrap_or(acr));
        let e = self.b.entity(key, || Entity {
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
        self.b.add_mention(e, name_span, None);
        self.acronyms.push((acr.to_string(), e));
        // Replace dictionary mentions inside the name by the organisation.
        self.mentions.retain(|m| !(m.tokens.0 >= a && m.tokens.1 <= i + 2));
        let code = self.b.entities[e].actor.clone();
        let org = self.b.entities[e].org.clone();
        let country = self.b.entities[e].country.clone();
        self.mentions.push(Mention {
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
        self.mentions.push(Mention {
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

    /// Later bare acronyms of defined organisations.
    fn repeat_acronyms(&mut self) {
        let covered = self.covered();
        for i in 0..self.n {
            if covered[i] || self.acronyms.is_empty() {
                continue;
            }
            if let Some((_, e)) = self.acronyms.iter().find(|(a, _)| a == self.v.w(i)) {
                let ent = &self.b.entities[*e];
                self.mentions.push(Mention {
                    span: self.v.span(i, i + 1),
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
        self.mentions.sort_by_key(|m| m.tokens.0);
    }

    /// People: the dictionary's, and a title or role noun followed by a capitalised name.
    fn people(&mut self) {
        let covered = self.covered();
        let mut persons: Vec<Mention> = Vec::new();
        let mut mi = 0;
        while mi < self.mentions.len() {
            mi += 1;
            // (Cloned only when it may name a person.)
            match self.mentions[mi - 1].kind {
                MentionKind::Person => {
                    let m = self.mentions[mi - 1].clone();
                    persons.push(self.dictionary_person(mi - 1, &m));
                }
                MentionKind::Agent => {
                    let m = self.mentions[mi - 1].clone();
                    persons.extend(self.titled_person(&m, &covered));
                }
                _ => {}
            }
        }
        // Person mentions replace the agent mention and name tokens they cover (the
        // country adjective before a title stays: it is the person's affiliation).
        for p in &persons {
            self.mentions.retain(|m| !(m.tokens.0 >= p.tokens.0 && m.tokens.1 <= p.tokens.1));
        }
        self.mentions.extend(persons);
        self.mentions.sort_by_key(|m| m.tokens.0);
    }

    /// A dictionary person, mention `k`, with the title right before the name if any.
    fn dictionary_person(&mut self, k: usize, m: &Mention) -> Mention {
        let (doc, index, lex) = (self.doc, self.index, self.lex);
        // (The line first: every row has the same file.)
        let pi = m.entry.as_ref().and_then(|e| lex.people.iter().position(|p| p.entry.line == e.line && p.entry == *e));
        // An alias ("Lavrov", "Gadhafi") names the person the dictionary line is about.
        let name =
            pi.map(|p| lex.people[p].name.clone()).unwrap_or_else(|| doc.text[m.span.start..m.span.end].to_string());
        // A title right before the name: "Foreign Minister Sergei Lavrov".
        let title = self.mentions[..k]
            .iter()
            .rev()
            .find(|x| x.tokens.1 == m.tokens.0 && x.kind == MentionKind::Agent)
            .and_then(|x| {
                let words = &doc.text[x.span.start..x.span.end];
                if x.code.as_deref() == Some("counterpart")
                    || index.bits(&words.to_lowercase()).has(index.class.counterpart)
                {
                    self.last_titled.and_then(|t| self.b.entities[t].title.clone())
                } else {
                    Some(title_case(self.index, words))
                }
            });
        let e = self.b.entity(format!("person:{name}"), || Entity {
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
        self.b.add_mention(e, m.span, m.entry.as_ref());
        if self.b.entities[e].title.is_some() {
            self.last_titled = Some(e);
        }
        let mut pm = m.clone();
        pm.entity = Some(e);
        pm
    }

    /// An agent noun `m` with a capitalised name right after it ("President Bush", "his
    /// Kyrgyz counterpart Ruslan Kazakbayev"): the person, or None when no name follows.
    fn titled_person(&mut self, m: &Mention, covered: &[bool]) -> Option<Mention> {
        let (doc, index) = (self.doc, self.index);
        let after = m.tokens.1;
        let end = self.name_end(after, covered);
        let title_words = &doc.text[m.span.start..m.span.end];
        let is_counterpart = m.code.as_deref() == Some("counterpart")
            || index.bits(&title_words.to_lowercase()).has(index.class.counterpart);
        if end == after {
            return None;
        }
        // A single capitalised word that starts a new clause ("the minister Sunday") is
        // not a name: weekdays and months are not names.
        if (after..end).all(|k| index.weekday(self.v.w(k)).is_some() || index.month(self.v.w(k)).is_some()) {
            return None;
        }
        let name_span = self.v.span(after, end);
        let name = doc.text[name_span.start..name_span.end].to_string();
        let (mut country, org) = self.affiliation(m);
        let (mut title, mut role) = (Some(title_words.to_string()), m.role.clone());
        if is_counterpart {
            if let Some(t) = self.last_titled {
                title = self.b.entities[t].title.clone();
                role = self.b.entities[t].role.clone();
            }
        }
        let title = title.map(|t| title_case(self.index, &t));
        // "President Bush": a titled surname the people dictionary knows.
        if country.is_none() && org.is_none() && !name.contains(' ') {
            if let Some(p) = self
                .lex
                .people
                .iter()
                .find(|p| p.name.rsplit(' ').next() == Some(name.as_str()) || p.aliases.contains(&name))
            {
                country = p.country.clone();
            }
        }
        let e = self.titled_entity(name, country, org, title.clone(), role);
        self.b.add_mention(e, name_span, m.entry.as_ref());
        if title.is_some() && !is_counterpart {
            self.last_titled = Some(e);
        } else if is_counterpart {
            self.last_titled = self.last_titled.or(Some(e));
        }
        Some(self.person_mention(e, m.tokens.0, end, m.entry.clone()))
    }

    /// A mention of person entity `e` over tokens `a..z`, with the entity's country,
    /// role and organisation.
    fn person_mention(&self, e: usize, a: usize, z: usize, entry: Option<EntryRef>) -> Mention {
        let ent = &self.b.entities[e];
        Mention {
            span: self.v.span(a, z),
            tokens: (a, z),
            kind: MentionKind::Person,
            cameo: None,
            country: ent.country.clone(),
            role: ent.role.clone(),
            org: ent.org.clone(),
            code: None,
            entity: Some(e),
            entry,
        }
    }

    /// The end of the capitalised name that starts at token `after` (`after` if none):
    /// at most five words, with particles ("bin", "de") inside but not at its end.
    fn name_end(&self, after: usize, covered: &[bool]) -> usize {
        let v = &self.v;
        let mut end = after;
        while end < self.n
            && v.same_sentence(after, end)
            && (v.is_cap(end) || (end > after && is_particle(self.index, v.w(end)) && v.is_cap(end + 1)))
            && !covered[end]
            && self.doc.tokens[end].tag != Tag::Punct
        {
            end += 1;
            if end - after >= 5 {
                break;
            }
        }
        // Trim a trailing particle.
        while end > after && is_particle(self.index, v.w(end - 1)) {
            end -= 1;
        }
        end
    }

    /// Affiliation: a country or organisation just before the title `m`, possibly with
    /// "'s" and adjectives between ("Lebanon's new President", "his Kyrgyz counterpart").
    fn affiliation(&self, m: &Mention) -> (Option<String>, Option<Mention>) {
        let (doc, v) = (self.doc, &self.v);
        let mut country = None;
        let mut org = None;
        let mut k = m.tokens.0;
        let mut steps = 0;
        while k > 0 && steps < 4 && v.same_sentence(k - 1, m.tokens.0) {
            let prev = k - 1;
            if let Some(pm) = self.mentions.iter().find(|x| {
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
        (country, org)
    }

    /// The entity of a person named after a title; a person met before without a
    /// country takes this one's.
    fn titled_entity(
        &mut self,
        name: String,
        country: Option<String>,
        org: Option<Mention>,
        title: Option<String>,
        role: Option<String>,
    ) -> usize {
        let key = format!("person:{name}");
        let existing = self.b.by_key.get(&key).copied();
        let e = self.b.entity(key, || Entity {
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
        if existing.is_some() && self.b.entities[e].country.is_none() {
            self.b.entities[e].country = country.clone();
        }
        e
    }

    /// Later mentions: a person's surname or full name standing alone.
    fn repeat_names(&mut self) {
        let person_names: Vec<(String, usize)> = self
            .b
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
        let covered = self.covered();
        for i in 0..self.n {
            if covered[i] || !self.v.is_cap(i) || person_names.is_empty() {
                continue;
            }
            let w = self.v.w(i);
            if let Some((_, e)) = person_names.iter().find(|(nm, _)| nm == w) {
                // Only after the person was introduced.
                let first = self.b.entities[*e].mentions.first().map(|s| s.start).unwrap_or(usize::MAX);
                if self.doc.tokens[i].span.start > first {
                    extra.push((i, *e));
                }
            }
        }
        for (i, e) in extra {
            self.add_person_mention(e, i, i + 1);
        }
        self.mentions.sort_by_key(|m| m.tokens.0);
    }

    /// Descriptions: "the Kyrgyz foreign minister" names the Kyrgyz person with that title.
    fn descriptions(&mut self) {
        for (a, z, e) in self.described_people() {
            self.mentions.retain(|m| !(m.tokens.0 >= a && m.tokens.1 <= z));
            self.add_person_mention(e, a, z);
        }
        self.mentions.sort_by_key(|m| m.tokens.0);
    }

    /// The tokens `a..z` of each description after a demonym and the one person named
    /// before whom it fits.
    fn described_people(&self) -> Vec<(usize, usize, usize)> {
        let (doc, mentions) = (self.doc, &self.mentions);
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
            let hits: Vec<usize> = self
                .b
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
                let first = self.b.entities[e].mentions.first().map(|s| s.start).unwrap_or(usize::MAX);
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
        desc
    }

    /// A mention of person `e` over tokens `a..z`, on the entity and in the list.
    fn add_person_mention(&mut self, e: usize, a: usize, z: usize) {
        self.b.add_mention(e, self.v.span(a, z), None);
        let m = self.person_mention(e, a, z, None);
        self.mentions.push(m);
    }

    /// Pronouns: he/she -> the most recent person mentioned before.
    fn pronouns(&mut self) {
        let (doc, index, v) = (self.doc, self.index, &self.v);
        let mut pron = Vec::new();
        let covered = self.covered();
        for i in 0..self.n {
            if doc.tokens[i].tag != Tag::Pron && doc.tokens[i].tag != Tag::Det {
                continue;
            }
            let lw = v.w(i).to_ascii_lowercase();
            let bits = index.bits(&lw);
            let personal = bits.has(index.class.pron_he) || bits.has(index.class.pron_she);
            if !personal || covered[i] {
                continue;
            }
            let pos = doc.tokens[i].span.start;
            let ante = self
                .mentions
                .iter()
                .rev()
                .find(|m| m.kind == MentionKind::Person && m.span.end <= pos)
                .and_then(|m| m.entity);
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
                let ent = &self.b.entities[e];
                p.country = ent.country.clone();
                p.role = ent.role.clone();
                p.org = ent.org.clone();
            }
        }
        self.mentions.extend(pron);
        self.mentions.sort_by_key(|m| m.tokens.0);
    }

    /// Countries and organisations named in the text are entities too.
    fn places_and_orgs(&mut self) {
        for m in &mut self.mentions {
            match m.kind {
                MentionKind::Country => m.entity = Some(self.b.country(m)),
                MentionKind::Org if m.entity.is_none() => m.entity = Some(self.b.org(m)),
                _ => {}
            }
        }
    }

    /// Actor codes of people: their organisation's, else country and role.
    fn person_actors(&mut self) {
        let (b, lex) = (&mut self.b, self.lex);
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
    }

    /// The mentions and the entities, each entity's mentions in order and once.
    fn finish(self) -> (Vec<Mention>, Vec<Entity>) {
        let mut entities = self.b.entities;
        for e in &mut entities {
            e.mentions.sort();
            e.mentions.dedup();
        }
        (self.mentions, entities)
    }
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
            || index.bits(&doc.text[t.span.start..t.span.end].to_lowercase()).has(index.class.noun_verb)
    })
}

fn subsequence(needle: &str, hay: &str) -> bool {
    let mut it = hay.chars();
    needle.chars().all(|c| it.any(|h| h == c))
}

/// Each word capitalised but the `title-lower` words ("Minister of Defence").
fn title_case(index: &Index, s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) if !index.bits(w).has(index.class.title_lower) => {
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
