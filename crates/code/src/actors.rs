//! Actor units: the noun phrases that can be the source or target of an event,
//! composed from the mention layer ("Russian" + "Foreign Minister Sergei Lavrov",
//! "Kyrgyz" + "authorities", "Poland's" + "parliament", "Russian and Kyrgyz" +
//! "ministers"), with conjoined units grouped ("Germany and France").

use dateline_core::{Doc, EntryRef, Mention, MentionKind, Span, Tag};
use dateline_dict::Lexicon;

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

    /// Civilians of any kind: force against them is assault (18x), not fighting (19x).
    pub fn civilian(&self) -> bool {
        self.role.as_deref().is_some_and(|r| matches!(r, "CVL" | "REF" | "MED" | "HLH" | "EDU" | "REL" | "LAB"))
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
pub fn units(doc: &Doc, s: usize, lex: &Lexicon, named: &[(usize, Span)]) -> Vec<Unit> {
    let (a, z) = doc.sentences[s].tokens;
    // The dateline (place, agency) names where and by whom the story was filed: no actors there.
    let dateline = doc.meta.dateline.as_ref().map(|d| d.span).unwrap_or_default();
    let w = |i: usize| doc.tokens.get(i).map(|t| doc.slice(t.span)).unwrap_or("");
    // "anti-Syria journalist", "pro-Russian separatists": a stance toward a country,
    // not the actor's country.
    let stance = |m: &Mention| {
        matches!(m.kind, MentionKind::Country | MentionKind::Demonym | MentionKind::Capital)
            && m.tokens.0 >= 2
            && w(m.tokens.0 - 1) == "-"
            && matches!(w(m.tokens.0 - 2).to_ascii_lowercase().as_str(), "anti" | "pro")
    };
    let ms: Vec<&Mention> = doc.mentions_from(a, z).iter().filter(|m| m.tokens.0 >= a && m.tokens.1 <= z && !dateline.overlaps(m.span) && !stance(m)).collect();
    let tag = |i: usize| doc.tokens.get(i).map(|t| t.tag).unwrap_or(Tag::Other);
    let mut out: Vec<Unit> = Vec::new();
    let mut k = 0;
    while k < ms.len() {
        let m = ms[k];
        match m.kind {
            MentionKind::Demonym | MentionKind::Country | MentionKind::Capital => {
                // Collect conjoined modifiers: "Russian and Kyrgyz", "US and British".
                let mut mods = vec![m];
                let mut j = k + 1;
                while j < ms.len() {
                    let gap: Vec<&str> = (mods[mods.len() - 1].tokens.1..ms[j].tokens.0).map(w).collect();
                    let joined = matches!(gap.as_slice(), ["and"] | [","] | [",", "and"] | ["-"]);
                    if joined && ms[j].kind == m.kind && m.kind == MentionKind::Demonym {
                        mods.push(ms[j]);
                        j += 1;
                    } else {
                        break;
                    }
                }
                let last = mods[mods.len() - 1];
                // "Bulgarian President Todor Zhivkov": the person carries the country.
                if mods.len() == 1 && j < ms.len() && ms[j].tokens.0 == last.tokens.1 && matches!(ms[j].kind, MentionKind::Person) {
                    let mut u = from_mention(ms[j], lex);
                    if u.country.is_none() {
                        u.country = m.country.clone();
                        u.cameo = m.cameo.clone();
                    }
                    u.tokens = (m.tokens.0, ms[j].tokens.1);
                    u.span = m.span.cover(ms[j].span);
                    out.push(u);
                    k = j + 1;
                    continue;
                }
                // A head noun: an agent right after (allowing "'s" and up to two modifiers).
                let mut head: Option<&Mention> = None;
                if j < ms.len() && ms[j].kind == MentionKind::Agent {
                    let between: Vec<usize> = (last.tokens.1..ms[j].tokens.0).collect();
                    let ok = between.len() <= 3 && between.iter().all(|&t| w(t) == "'s" || matches!(tag(t), Tag::Adj | Tag::Noun | Tag::Proper | Tag::Adv) || w(t) == "-");
                    if ok {
                        head = Some(ms[j]);
                        j += 1;
                    }
                }
                // An agent noun used as a modifier ("military base", "police station")
                // makes the phrase a thing, not an actor.
                let mut modifier = false;
                if let Some(h) = head {
                    modifier = tag(h.tokens.1) == Tag::Noun && !ms.iter().any(|x| x.tokens.0 == h.tokens.1);
                }
                let group = out.len() + 1;
                for md in &mods {
                    let mut u = from_mention(md, lex);
                    if let Some(h) = head {
                        u.weak = modifier;
                        u.role = h.role.clone().or(u.role);
                        u.tokens = (md.tokens.0, h.tokens.1);
                        u.span = md.span.cover(h.span);
                        u.entries.extend(h.entry.iter().cloned());
                    } else if md.kind != MentionKind::Demonym {
                        // "Gaza truce", "Iran deal": a name used as a modifier of a thing.
                        let next = md.tokens.1;
                        u.weak = tag(next) == Tag::Noun && !ms.iter().any(|x| x.tokens.0 == next);
                    } else if md.kind == MentionKind::Demonym {
                        // "Russian base": an adjective on a thing. "Israelis", "the Afghans"
                        // (a demonym used as a noun) is an actor.
                        let next = md.tokens.1;
                        let noun_after = matches!(tag(next), Tag::Noun | Tag::Proper | Tag::Adj) && w(next) != "'s";
                        let plural = doc.slice(md.span).ends_with('s');
                        u.weak = noun_after && !plural;
                        if w(next) == "-" {
                            u.weak = true;
                        }
                    }
                    if mods.len() > 1 {
                        u.group = group;
                    }
                    out.push(u);
                }
                k = j;
            }
            MentionKind::Agent if m.code.as_deref() == Some("counterpart") => k += 1,
            // "Arab League Secretary General Chadli Klibi", "UN peacekeepers": the
            // person or agent acts for the organisation named before it.
            MentionKind::Org if m.code.is_some() && ms.get(k + 1).is_some_and(|n| n.tokens.0 == m.tokens.1 && matches!(n.kind, MentionKind::Person | MentionKind::Agent) && n.country.is_none()) => {
                let n = ms[k + 1];
                let mut u = from_mention(m, lex);
                u.tokens = (m.tokens.0, n.tokens.1);
                u.span = m.span.cover(n.span);
                u.entity = n.entity.or(u.entity);
                u.entries.extend(n.entry.iter().cloned());
                out.push(u);
                k += 2;
            }
            _ => {
                let mut u = from_mention(m, lex);
                // "military facilities", "police station": an agent noun on a thing.
                if m.kind == MentionKind::Agent && tag(m.tokens.1) == Tag::Noun && !ms.iter().any(|x| x.tokens.0 == m.tokens.1) {
                    u.weak = true;
                }
                out.push(u);
                k += 1;
            }
        }
    }
    // Agents with no country ("police", "rebels"): the place they are said to be in
    // ("demonstrators in Baghdad"), else the country the sentence names, else the
    // dateline's country.
    let ethnic = |m: &Mention| m.tokens.0 > 0 && w(m.tokens.0 - 1).eq_ignore_ascii_case("ethnic");
    let places: Vec<&Mention> = ms.iter().copied().filter(|m| matches!(m.kind, MentionKind::Country | MentionKind::Capital | MentionKind::Demonym) && !ethnic(m)).collect();
    // "in southern Egypt", "near Kabul": a country or capital in a locative phrase.
    let region_adj: Vec<&str> = lex.class("region-adj").collect();
    let locative = |m: &&Mention| {
        let mut k = m.tokens.0;
        while k > a && (region_adj.contains(&w(k - 1).to_ascii_lowercase().as_str()) || w(k - 1).eq_ignore_ascii_case("the")) && m.tokens.0 - k < 2 {
            k -= 1;
        }
        m.kind != MentionKind::Demonym && k > a && matches!(w(k - 1).to_ascii_lowercase().as_str(), "in" | "near" | "at" | "outside" | "around" | "inside")
    };
    for u in out.iter_mut() {
        if u.country.is_some() || u.org.is_some() || u.role.as_deref().is_none_or(|r| r.len() > 3) || u.group_ref {
            continue;
        }
        // Peacekeepers, inspectors, the international community: international actors
        // (PLOVER's IGO), not the country they are in.
        if let Some(r) = u.role.as_deref().filter(|r| matches!(*r, "PKO" | "IGO")) {
            u.code = Some(if r == "IGO" { "IGO".to_string() } else { format!("IGO{r}") });
            u.country_from = Some("an international actor: no country of its own");
            continue;
        }
        let near = places.iter().find(|m| m.tokens.0 >= u.tokens.1 && m.tokens.0 <= u.tokens.1 + 3 && matches!(w(m.tokens.0 - 1), "in" | "of" | "from"));
        // A group of one country named in the sentence ("UNITA"), a town or province
        // the place index knows ("Sindh province").
        let group = ms.iter().find(|m| m.kind == MentionKind::Org && m.country.is_some());
        let town = named.iter().map(|&(i, _)| &doc.places[i]).find(|p| p.country.is_some());
        let iso = |c: &str| (Some(dateline_nlp::cameo_of(lex, c)), Some(c.to_string()));
        let located = places.iter().find(|m| locative(m));
        let (found, from) = match (near.or(located), places.first(), group, town) {
            (Some(m), ..) => (Some((m.cameo.clone(), m.country.clone())), if near.is_some() { "the place named after it" } else { "the place the sentence locates the act in" }),
            (None, Some(m), ..) => (Some((m.cameo.clone(), m.country.clone())), "the country the sentence names"),
            (None, None, Some(m), _) => (m.country.as_deref().map(iso), "the country of the group the sentence names"),
            (None, None, None, Some(p)) => (p.country.as_deref().map(iso), "the place the sentence names"),
            _ => match doc.meta.dateline.as_ref().and_then(|d| d.country.clone()) {
                Some(c) => (Some(iso(&c)), "the dateline's country"),
                None => (None, ""),
            },
        };
        if let Some((cameo, country)) = found {
            u.cameo = cameo;
            u.country = country;
            u.country_from = Some(from);
        }
    }
    // "Ethnic Albanians", "ethnic Serb civilians": an ethnic group is coded by the
    // country it lives in, the other country the sentence places it in.
    for i in 0..out.len() {
        let u = &out[i];
        if u.tokens.0 == 0 || !w(u.tokens.0 - 1).eq_ignore_ascii_case("ethnic") || u.country.is_none() {
            continue;
        }
        let own = u.country.clone();
        let home = places.iter().find(|m| m.kind != MentionKind::Demonym && m.country.is_some() && m.country != own);
        if let Some(m) = home {
            let u = &mut out[i];
            u.cameo = m.cameo.clone();
            u.country = m.country.clone();
            u.country_from = Some("the country the sentence places the ethnic group in");
        }
    }
    // "Thousands of Nigerians", "a group of Moroccan diplomats": a quantity noun that
    // is not itself inside a prepositional phrase lends the unit after "of" its place
    // in the clause.
    let lower = |i: usize| w(i).to_ascii_lowercase();
    for u in out.iter_mut() {
        let k = u.tokens.0;
        if k < a + 2 || lower(k - 1) != "of" || !lex.class("quantity").any(|q| q == lower(k - 2)) {
            continue;
        }
        let mut b = k - 2;
        while b > a && matches!(tag(b - 1), Tag::Det | Tag::Num | Tag::Adj) {
            b -= 1;
        }
        if b == a || !matches!(tag(b - 1), Tag::Prep | Tag::Part) {
            u.partitive = true;
        }
    }
    // A unit that names no country, role or known organisation is no actor: a name
    // the dictionaries do not know, even with an acronym defined in the text
    // ("Esfahan Uranium Conversion Facilities (UCF)"), says nothing of who acts.
    out.retain(|u| u.cameo.is_some() || u.role.is_some() || u.code.is_some() || u.group_ref);
    // Conjoined units: "X and Y", "X, Y and Z" → one group.
    let mut next_group = out.len() + 1000;
    for i in 1..out.len() {
        let gap: Vec<&str> = (out[i - 1].tokens.1..out[i].tokens.0).map(w).collect();
        let joined = matches!(gap.as_slice(), ["and"] | [","] | [",", "and"] | ["and", "the"] | ["and", "its"] | ["and", "his"]);
        if joined && !out[i - 1].weak && !out[i].weak {
            let g = if out[i - 1].group != 0 { out[i - 1].group } else {
                next_group += 1;
                next_group
            };
            out[i - 1].group = g;
            out[i].group = g;
        }
    }
    out
}
