//! Choosing one reading per distinct name of a story, in named steps over a [`Story`]:
//! the cues each mention carries ([`Story::cues`]), what the relations between
//! mentions say ([`Story::relate`]), one reading per name in up to three rounds
//! ([`Story::rounds`]: the countries the story is about, nearness to the other places),
//! the readings left out rather than guessed ([`Story::abstain_outside`],
//! [`Story::abstain_strays`], [`Story::abstain_missing_areas`]), and the places the
//! chosen readings make ([`Story::places`]).

use dateline_core::{Doc, Place, Span};
use rustc_hash::FxHashMap as HashMap;

use super::{
    contains, describe, fast_km, prior, Cand, Mention, Noun, Reason, Rel, Run, Src, Tables, IN_COUNTY, NEAR_ENOUGH,
    SEAT_POPULATION, STRAY_AREA_POPULATION, STRAY_POPULATION,
};
use crate::store::Kind;

/// Country weights of one round: per country, and what each group gave.
struct Weights {
    w: Vec<f64>,
    contrib: Vec<Vec<(u16, f64)>>,
    top: f64,
}

/// What a round reads of the other groups' readings: the cities and subdivisions
/// chosen, and how many subdivisions of each country the story names.
struct Anchors {
    list: Vec<(usize, Cand)>,
    areas_named: HashMap<Option<u16>, f64>,
}

/// A group's best reading in a round and what supported it.
struct Best {
    choice: Option<usize>,
    /// (the story's evidence for it, the support of its country by the rest).
    support: (f64, f64),
    near: f64,
}

/// The story's mentions and what the resolver has found of them so far.
pub(super) struct Story<'r, 'a> {
    run: &'r Run<'a>,
    doc: &'r Doc,
    ms: &'r [Mention],
    rels: &'r [(usize, usize, Rel)],
    dl_country: Option<u16>,
    debug: bool,
    /// Static bonuses per mention and reading, and why each was given.
    bonus: Vec<Vec<f64>>,
    why: Vec<Vec<Vec<Reason>>>,
    /// One group per distinct name: (normalised name, mentions).
    groups: Vec<(String, Vec<usize>)>,
    has_main: Vec<bool>,
    /// Per group and reading: the gain or loss of a town that shares its name with a
    /// much larger area, or of an area named after its city.
    dominance: Vec<Vec<f64>>,
    dateline_group: Vec<bool>,
    /// Per dateline group: its world-famous reading (see [`famous_reading`]).
    famous: Vec<Option<usize>>,
    choice: Vec<Option<usize>>,
    /// For each group's reading in the last round: the story's evidence for it (its own
    /// relations and cues, nearness to the other places) and the support of its country
    /// by the rest of the story.
    support: Vec<(f64, f64)>,
    support_near: Vec<f64>,
    last_contrib: Vec<Vec<(u16, f64)>>,
    /// The country weights of the last round.
    story_weights: Vec<f64>,
}

impl<'r, 'a> Story<'r, 'a> {
    pub(super) fn new(
        run: &'r Run<'a>,
        doc: &'r Doc,
        ms: &'r [Mention],
        rels: &'r [(usize, usize, Rel)],
        dl_country: Option<u16>,
    ) -> Story<'r, 'a> {
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        for (mi, m) in ms.iter().enumerate() {
            match groups.iter_mut().find(|(k, v)| *k == m.key && ms[v[0]].cands.len() == m.cands.len()) {
                Some((_, v)) => v.push(mi),
                None => groups.push((m.key.clone(), vec![mi])),
            }
        }
        let has_main = groups.iter().map(|(_, m)| ms[m[0]].cands.iter().any(|c| !c.alt)).collect();
        let dominance = groups.iter().map(|(_, members)| dominance(&ms[members[0]].cands)).collect();
        let dateline_group = groups.iter().map(|(_, m)| m.iter().any(|&mi| ms[mi].dateline)).collect();
        let famous = groups
            .iter()
            .zip(&dateline_group)
            .map(|((_, m), &dl)| if dl { famous_reading(&ms[m[0]].cands) } else { None })
            .collect();
        let n = groups.len();
        Story {
            run,
            doc,
            ms,
            rels,
            dl_country,
            debug: std::env::var_os("DATELINE_GEO_DEBUG").is_some(),
            bonus: ms.iter().map(|m| vec![0.0; m.cands.len()]).collect(),
            why: ms.iter().map(|m| vec![Vec::new(); m.cands.len()]).collect(),
            groups,
            has_main,
            dominance,
            dateline_group,
            famous,
            choice: vec![None; n],
            support: vec![(0.0, 0.0); n],
            support_near: vec![0.0; n],
            last_contrib: Vec::new(),
            story_weights: Vec::new(),
        }
    }

    fn t(&self) -> &'r Tables {
        &self.run.geo.tables
    }

    /// Neighbours in a list of places: "X, Y and Z".
    fn listed_with(&self, k: usize, l: usize) -> bool {
        let (ms, doc) = (self.ms, self.doc);
        let (a, b) = if k < l { (k, l) } else { (l, k) };
        ms[a].tokens.1 + 1 == ms[b].tokens.0
            && doc.tokens.get(ms[a].tokens.1).is_some_and(|t| matches!(doc.slice(t.span), "," | "and" | "or" | ";"))
    }

    fn subdivision_of(&self, k: usize, country: Option<u16>) -> bool {
        self.ms[k].cands.iter().any(|y| y.kind == Kind::Admin1 && !y.alt && !y.abbrev && y.country == country)
    }

    /// A name that can only be a city of some size ("Toronto").
    fn only_city(&self, k: usize) -> bool {
        let cs = &self.ms[k].cands;
        cs.iter().any(|y| y.kind == Kind::City && !y.alt && y.population >= 100_000)
            && !cs.iter().any(|y| y.kind != Kind::City && !y.alt)
    }

    /// The cues each mention carries for its readings: listed beside a subdivision or a
    /// city, a country's adjective before it, the dateline, an area word, a place noun,
    /// a capital's name.
    pub(super) fn cues(&mut self) {
        for mi in 0..self.ms.len() {
            let neighbours: Vec<usize> = [mi.checked_sub(1), Some(mi + 1)]
                .into_iter()
                .flatten()
                .filter(|&k| k < self.ms.len() && self.listed_with(mi, k))
                .collect();
            for ci in 0..self.ms[mi].cands.len() {
                let (b, w) = self.mention_cues(mi, ci, &neighbours);
                self.bonus[mi][ci] += b;
                self.why[mi][ci].extend(w);
            }
        }
    }

    /// [`Story::cues`] for mention `mi`'s reading `ci`.
    fn mention_cues(&self, mi: usize, ci: usize, neighbours: &[usize]) -> (f64, Vec<Reason>) {
        let t = self.t();
        let m = &self.ms[mi];
        let c = &m.cands[ci];
        let mut b = 0.0;
        let mut w = Vec::new();
        if c.kind == Kind::Admin1 && !c.alt {
            if let Some(&k) = neighbours.iter().find(|&&k| self.subdivision_of(k, c.country)) {
                b += 3.0;
                w.push(Reason::Listed(k));
            }
        }
        // "from New York and Toronto": a city among cities.
        if c.kind == Kind::City {
            if let Some(&k) = neighbours.iter().find(|&&k| self.only_city(k)) {
                b += 2.0;
                w.push(Reason::Listed(k));
            }
        }
        if let (Some(ac), Some(cc)) = (m.adj_country, c.country) {
            if ac == cc && c.kind != Kind::Country {
                b += 6.0;
                w.push(Reason::Adjective(mi));
            }
        }
        // A story datelined "OLYMPIA, Wash." that speaks of "Washington" means the state:
        // one place, named twice.
        if c.kind == Kind::Admin1 && !c.abbrev && !m.dateline {
            let state = self.ms.iter().position(|x| x.dateline && x.cands.iter().any(|y| y.abbrev && y.src == c.src));
            if let Some(k) = state {
                b += DATELINE_STATE;
                w.push(Reason::DatelineState(k));
            }
        }
        if m.dateline {
            if let (Some(dc), Some(cc)) = (self.dl_country, c.country) {
                if dc == cc {
                    b += 5.0;
                    w.push(Reason::DatelineCountry);
                }
            }
            if c.kind == Kind::City {
                b += 1.0;
            }
        }
        if m.area_suffix || m.area_word {
            b += if matches!(c.kind, Kind::Admin1 | Kind::Admin2) { 4.0 } else { -1.0 };
        }
        match (m.noun, c.kind) {
            (Some(Noun::City), Kind::City) => b += 1.5,
            (Some(Noun::Area), Kind::Admin1 | Kind::Admin2 | Kind::Region) => b += 2.0,
            _ => {}
        }
        if c.kind == Kind::City {
            if let Some(cc) = c.country {
                if t.countries[cc as usize].capitals.contains(&m.key) {
                    b += 1.5;
                    w.push(Reason::Capital);
                }
            }
        }
        (b, w)
    }

    /// What the relations between mentions say: "X, Y" and "X in Y" (X lies in Y),
    /// "X, 25 km east of Y" (X near Y); both readings gain.
    pub(super) fn relate(&mut self) {
        let ms = self.ms;
        for &(a, b, rel) in self.rels {
            let (ma, mb) = (&ms[a], &ms[b]);
            for (ci, c) in ma.cands.iter().enumerate() {
                for (yi, y) in mb.cands.iter().enumerate() {
                    let ok = match rel {
                        Rel::Within | Rel::In => contains(y, c),
                        Rel::Near(d) => y.kind == Kind::City && crate::km(c.lat, c.lon, y.lat, y.lon) <= d * 1.5 + 30.0,
                    };
                    if !ok {
                        continue;
                    }
                    let (ba, bb) = match rel {
                        Rel::Within => (7.0, 3.0),
                        Rel::In => (3.5, 1.5),
                        Rel::Near(_) => (7.0, 1.0),
                    };
                    let ra = match rel {
                        Rel::Near(d) => Reason::Near(b, d as u32),
                        _ => Reason::LiesIn(b),
                    };
                    if !self.why[a][ci].contains(&ra) {
                        self.bonus[a][ci] += ba;
                        self.why[a][ci].push(ra);
                    }
                    let rb = match rel {
                        Rel::Near(_) => Reason::IsNear(a),
                        _ => Reason::Holds(a),
                    };
                    if !self.why[b][yi].contains(&rb) {
                        self.bonus[b][yi] += bb;
                        self.why[b][yi].push(rb);
                    }
                }
            }
        }
    }

    /// One reading per group, in up to three rounds, each reading the choices of the
    /// last: a reading that reproduces itself is final.
    pub(super) fn rounds(&mut self) {
        for round in 0..3 {
            let weights = self.country_weights();
            self.story_weights.clone_from(&weights.w);
            self.last_contrib.clone_from(&weights.contrib);
            let anchors = self.anchors(round);
            let mut next_choice = self.choice.clone();
            for gi in 0..self.groups.len() {
                let best = self.best_reading(gi, round, &weights, &anchors);
                next_choice[gi] = best.choice;
                self.support[gi] = best.support;
                self.support_near[gi] = best.near;
            }
            let settled = round > 0 && next_choice == self.choice;
            self.choice = next_choice;
            if settled {
                break;
            }
        }
    }

    /// Country weights from the readings so far (a group not yet read gives its country
    /// when all its readings share one), the dateline's country and the countries of
    /// the entities.
    fn country_weights(&self) -> Weights {
        let ms = self.ms;
        let mut w = vec![0.0f64; self.t().countries.len()];
        let mut contrib: Vec<Vec<(u16, f64)>> = vec![Vec::new(); self.groups.len()];
        for (gi, (_, members)) in self.groups.iter().enumerate() {
            let cands = &ms[members[0]].cands;
            let country = match self.choice[gi] {
                Some(ci) => cands[ci].country.map(|c| (c, cands[ci].kind)),
                None => {
                    let mut cs = cands
                        .iter()
                        .filter(|c| !c.alt || c.kind == Kind::Country)
                        .filter_map(|c| c.country.map(|x| (x, c.kind)));
                    let firstc = cs.next();
                    match firstc {
                        Some(f) if cs.all(|(x, _)| x == f.0) => Some(f),
                        _ => None,
                    }
                }
            };
            if let Some((c, kind)) = country {
                let per = if kind == Kind::Country { 1.0 } else { 0.5 };
                let v = per * members.iter().filter(|&&mi| !ms[mi].embedded).count() as f64;
                w[c as usize] += v;
                contrib[gi].push((c, v));
            }
        }
        if let Some(dc) = self.dl_country {
            w[dc as usize] += 2.0;
        }
        for (&_ti, &c) in &self.run.entity_country {
            w[c as usize] += 0.1;
        }
        let top = w.iter().cloned().fold(0.0, f64::max);
        Weights { w, contrib, top }
    }

    /// Readings of other groups that are cities or subdivisions (none in the first
    /// round), and how many subdivisions of each country they name: a story that names
    /// several is about more than one of them, and each says less of where its other
    /// places lie.
    fn anchors(&self, round: usize) -> Anchors {
        let list: Vec<(usize, Cand)> = if round == 0 {
            Vec::new()
        } else {
            self.choice
                .iter()
                .enumerate()
                .filter_map(|(gi, c)| c.map(|ci| (gi, self.ms[self.groups[gi].1[0]].cands[ci])))
                .filter(|(_, c)| matches!(c.kind, Kind::City | Kind::Admin1 | Kind::Admin2))
                .collect()
        };
        let mut areas_named: HashMap<Option<u16>, f64> = HashMap::default();
        let mut seen: Vec<Src> = Vec::new();
        for (_, a) in &list {
            if a.kind == Kind::Admin1 && !seen.contains(&a.src) {
                seen.push(a.src);
                *areas_named.entry(a.country).or_default() += 1.0;
            }
        }
        Anchors { list, areas_named }
    }

    /// The best reading of group `gi` in this round: prior, dominance, the mentions'
    /// evidence, the support of its country, nearness to the other places.
    fn best_reading(&self, gi: usize, round: usize, weights: &Weights, anchors: &Anchors) -> Best {
        let members = &self.groups[gi].1;
        let m0 = &self.ms[members[0]];
        let mut best: Option<(f64, usize)> = None;
        let mut best_support = (0.0, 0.0);
        let mut best_near = 0.0;
        for (ci, c) in m0.cands.iter().enumerate() {
            let mut s = prior(c) + self.dominance[gi].get(ci).copied().unwrap_or(0.0);
            let mut evidence = 0.0;
            let mut wc = 0.0;
            for &mi in members {
                evidence += self.bonus[mi].get(ci).copied().unwrap_or(0.0).min(12.0);
            }
            s += evidence;
            // A dateline that names a world-famous city is that city unless the story's
            // own places point to a namesake: naming the namesake's country ("U.S.
            // dollars") does not.
            let namesake_of_famous = matches!(self.famous[gi], Some(f) if f != ci);
            if let Some(cc) = c.country.filter(|_| !namesake_of_famous) {
                let own: f64 = weights.contrib[gi].iter().filter(|(x, _)| *x == cc).map(|(_, v)| v).sum();
                wc = (weights.w[cc as usize] - own).max(0.0);
                s += 3.0 * wc / (wc + 1.0);
                if wc > 0.0 && (weights.w[cc as usize] - weights.top).abs() < 1e-9 {
                    s += 1.0;
                }
            }
            let near = self.nearness(gi, c, anchors);
            s += near;
            evidence += near;
            if c.alt && self.has_main[gi] && c.kind == Kind::City {
                s -= 1.5;
            }
            if self.debug && round > 0 {
                eprintln!(
                    "  {:?} {:?} {} pop {} alt {} -> {:.2}",
                    m0.key,
                    c.kind,
                    c.country.map(|x| self.t().countries[x as usize].iso3.as_str()).unwrap_or("-"),
                    c.population,
                    c.alt,
                    s
                );
            }
            if !matches!(best, Some((b, _)) if b >= s) {
                best = Some((s, ci));
                best_support = (evidence, wc);
                best_near = near;
            }
        }
        Best { choice: best.map(|(_, ci)| ci), support: best_support, near: best_near }
    }

    /// Nearness of reading `c` of group `gi` to the other places: lying in a
    /// subdivision (or county) the story names and lying close to a town it names both
    /// count, the stronger more. The dateline's town, where the reporter is, counts
    /// most.
    fn nearness(&self, gi: usize, c: &Cand, anchors: &Anchors) -> f64 {
        let m0 = &self.ms[self.groups[gi].1[0]];
        let (mut in_area, mut close) = (0.0f64, 0.0f64);
        for (agi, a) in &anchors.list {
            if *agi == gi {
                continue;
            }
            // A county is small: lying in one the story names says more.
            if a.kind == Kind::Admin2 && matches!((a.src, c.admin2), (Src::Gaz(ai), Some(ca)) if ai == ca) {
                in_area = in_area.max(IN_COUNTY);
            }
            if a.kind == Kind::Admin1 {
                if let (Src::Gaz(ai), Some(ca)) = (a.src, c.admin1) {
                    if ai == ca {
                        let n = anchors.areas_named.get(&a.country).copied().unwrap_or(1.0)
                            - f64::from(u8::from(m0.cands.iter().any(|x| x.src == a.src)));
                        in_area = in_area.max(2.5 / n.max(1.0));
                    }
                }
            }
            let pair = matches!(
                (a.kind, c.kind),
                (Kind::City | Kind::Admin2, Kind::City | Kind::Admin1 | Kind::Admin2)
                    | (Kind::Admin1, Kind::Admin1 | Kind::Admin2)
            );
            if pair {
                let d = (fast_km(c, a) - a.radius - c.radius).max(0.0);
                if d < 1500.0 {
                    let weight = if a.kind == Kind::City && c.kind == Kind::City && self.dateline_group[*agi] {
                        3.0
                    } else {
                        2.0
                    };
                    close = close.max(weight * (-d / 150.0).exp());
                }
            }
        }
        in_area.max(close) + 0.5 * in_area.min(close)
    }

    /// "Bradford, Ontario" when no Bradford lies in Ontario: the town is not in the
    /// gazetteer, and a namesake elsewhere is not it. When one does ("Paris, Texas"
    /// outweighed by the famous Paris), the reading inside is the one the story gave.
    pub(super) fn abstain_outside(&mut self) {
        let group_of: HashMap<usize, usize> =
            self.groups.iter().enumerate().flat_map(|(gi, (_, m))| m.iter().map(move |&mi| (mi, gi))).collect();
        for &(a, b, rel) in self.rels {
            if rel != Rel::Within {
                continue;
            }
            let (Some(&ga), Some(&gb)) = (group_of.get(&a), group_of.get(&b)) else { continue };
            let (Some(ca), Some(cb)) = (self.choice[ga], self.choice[gb]) else { continue };
            let (x, y) = (self.ms[a].cands[ca], self.ms[b].cands[cb]);
            if x.kind == Kind::City
                && matches!(y.kind, Kind::Admin1 | Kind::Admin2 | Kind::Country)
                && !contains(&y, &x)
            {
                let inside = self.best_inside(a, &y);
                if self.debug {
                    eprintln!("  {:?} not in {:?}: inside {inside:?}", self.groups[ga].0, self.groups[gb].0);
                }
                self.choice[ga] = inside;
            }
        }
    }

    /// Mention `a`'s city reading that lies in `y` with the most in its favour.
    fn best_inside(&self, a: usize, y: &Cand) -> Option<usize> {
        let cands = &self.ms[a].cands;
        let inside = (0..cands.len()).filter(|&ci| cands[ci].kind == Kind::City && contains(y, &cands[ci]));
        inside.max_by(|&i, &j| self.bonus[a][i].total_cmp(&self.bonus[a][j]).then(j.cmp(&i)))
    }

    /// No reading rather than a wrong one: a small town abroad that nothing in the
    /// story points to (no relation, cue or nearby place, its country not named) in a
    /// story about other countries is a namesake of a place the gazetteer lacks
    /// ("Piccadilly" in a London story is not the Australian town).
    pub(super) fn abstain_strays(&mut self) {
        let t = self.t();
        let story_top = self.story_weights.iter().copied().fold(0.0, f64::max);
        // The weight of the story outside a country is `story_top` unless the country
        // is the (first) heaviest: then the heaviest of the others. Found once, not by
        // a pass over every country for each name.
        let top_at = self.story_weights.iter().position(|&v| v == story_top);
        let second = self
            .story_weights
            .iter()
            .enumerate()
            .filter(|&(x, _)| Some(x) != top_at)
            .map(|(_, &v)| v)
            .fold(0.0, f64::max);
        for gi in 0..self.groups.len() {
            let Some(ci) = self.choice[gi] else { continue };
            let members = &self.groups[gi].1;
            let c = self.ms[members[0]].cands[ci];
            let (evidence, wc) = self.support[gi];
            // Less what names now left unread gave the country ("Bradford, Ontario").
            let dropped: f64 = self
                .choice
                .iter()
                .zip(&self.last_contrib)
                .filter(|(ch, _)| ch.is_none())
                .flat_map(|(_, v)| v.iter())
                .filter(|(x, _)| Some(*x) == c.country)
                .map(|(_, v)| v)
                .sum();
            let wc = wc - dropped;
            // Cues of a kind of place ("the town of") are not cues of where it is.
            let located =
                members.iter().any(|&mi| !self.why[mi][ci].is_empty()) || self.support_near[gi] >= NEAR_ENOUGH;
            let dateline = members.iter().any(|&mi| self.ms[mi].dateline);
            // How much the story is about another country than this reading's: a
            // province that is the story's only place is not a stray ("the government
            // of Gilgit-Baltistan"); a small town is (a word or a person's name that is
            // also a town's).
            let elsewhere = match top_at {
                Some(x) if c.country.is_some_and(|c| usize::from(c) == x) => second,
                _ => story_top,
            };
            if self.debug {
                eprintln!(
                    "  support {:?}: evidence {evidence:.2} country {wc:.2} located {located} elsewhere {elsewhere:.2}",
                    self.groups[gi].0
                );
            }
            let stray_town = c.kind == Kind::City
                && c.population < STRAY_POPULATION
                && (evidence < NEAR_ENOUGH || !located)
                && story_top >= 0.5;
            // The same for a province abroad ("Western" in a list of Kenya's provinces
            // is not Uganda's Western Region).
            // Only a smaller province or one named by a plain word: a famous one is
            // meant even when the story is about elsewhere ("California").
            let plain = t.common.contains(self.groups[gi].0.as_str());
            // A county abroad, whatever its size.
            let stray_area = (c.kind == Kind::Admin1 && (c.population < STRAY_AREA_POPULATION || plain)
                || c.kind == Kind::Admin2)
                && !located
                && elsewhere >= 1.0;
            if (stray_town || stray_area) && wc <= 0.0 && !dateline {
                if self.debug {
                    eprintln!(
                        "  abstain {:?}: a town of {} abroad, nothing in the story points to it",
                        self.groups[gi].0, c.population
                    );
                }
                self.choice[gi] = None;
            }
        }
    }

    /// "Scott County" when the index has no such area: not a town of Scott that nothing
    /// in the story places near. A district named after the large town that is its
    /// seat ("Kisumu District"), or after a town in the state the story names ("Monroe
    /// County, Michigan"), is read as that town.
    pub(super) fn abstain_missing_areas(&mut self) {
        for gi in 0..self.groups.len() {
            let Some(ci) = self.choice[gi] else { continue };
            let members = &self.groups[gi].1;
            let c = self.ms[members[0]].cands[ci];
            let area = members.iter().all(|&mi| self.ms[mi].area_suffix || self.ms[mi].area_word);
            let related = members.iter().any(|&mi| !self.why[mi][ci].is_empty());
            if c.kind == Kind::City
                && c.population < SEAT_POPULATION
                && area
                && (self.support[gi].0 <= 0.0 || !related && self.support_near[gi] < NEAR_ENOUGH)
            {
                if self.debug {
                    eprintln!("  abstain {:?}: an area, and the index has only a town of that name", self.groups[gi].0);
                }
                self.choice[gi] = None;
            }
        }
    }

    /// The places the chosen readings make, one per distinct reading, with the
    /// modifiers' places ("the Russian delegation") added; and the dateline's country
    /// when its place was read.
    pub(super) fn places(&self, mods: Vec<(Span, Cand, bool)>) -> (Vec<Place>, Option<String>) {
        let mut places: Vec<Place> = Vec::new();
        let mut keys: Vec<Src> = Vec::new();
        let mut dateline_country = None;
        for gi in 0..self.groups.len() {
            let Some(ci) = self.choice[gi] else { continue };
            let c = self.ms[self.groups[gi].1[0]].cands[ci];
            let idx = match keys.iter().position(|k| *k == c.src) {
                Some(p) => p,
                None => {
                    keys.push(c.src);
                    places.push(self.run.place_of(&c));
                    places.len() - 1
                }
            };
            self.add_group(&mut places[idx], gi, ci);
            if self.groups[gi].1.iter().any(|&mi| self.ms[mi].dateline) {
                if let Some(cc) = c.country {
                    dateline_country = Some(self.t().countries[cc as usize].iso3.clone());
                }
            }
        }
        for (span, c, indirect) in mods {
            let idx = match keys.iter().position(|k| *k == c.src) {
                Some(p) => p,
                None => {
                    keys.push(c.src);
                    let mut p = self.run.place_of(&c);
                    p.why = format!("{}: \"{}\" stands for it", describe(&c), self.doc.slice(span));
                    places.push(p);
                    places.len() - 1
                }
            };
            places[idx].mentions.push(span);
            if indirect {
                places[idx].indirect.push(span);
            }
        }
        for p in &mut places {
            p.mentions.sort_by_key(|s| s.start);
            p.mentions.dedup();
            p.indirect.sort_by_key(|s| s.start);
        }
        places.sort_by_key(|p| p.mentions.first().map(|s| s.start).unwrap_or(usize::MAX));
        (places, dateline_country)
    }

    /// Group `gi`'s mentions on its place `p` (read as reading `ci`), and why it was
    /// chosen when `p` has no reason yet.
    fn add_group(&self, p: &mut Place, gi: usize, ci: usize) {
        let (doc, ms) = (self.doc, self.ms);
        let members = &self.groups[gi].1;
        let m0 = &ms[members[0]];
        let c = m0.cands[ci];
        let mut spans: Vec<Span> = members.iter().map(|&mi| ms[mi].span).collect();
        let mut reasons: Vec<String> = Vec::new();
        for &mi in members {
            for r in &self.why[mi][ci] {
                let r = r.render(doc, ms);
                if !reasons.contains(&r) {
                    reasons.push(r);
                }
            }
        }
        let same_name = m0.cands.len();
        p.indirect.extend(members.iter().filter(|&&mi| ms[mi].embedded).map(|&mi| ms[mi].span));
        p.mentions.append(&mut spans);
        let mut w = if same_name > 1 {
            format!("{} places named \"{}\"; ", same_name, doc.slice(m0.span))
        } else {
            String::new()
        };
        w.push_str(&describe(&c));
        if !reasons.is_empty() {
            w.push_str(": ");
            w.push_str(&reasons.join("; "));
        }
        if p.why.is_empty() {
            p.why = w;
        }
    }
}

/// Of a dateline's readings, the world-famous city: one of 100,000 people or more, at
/// least five times the size of every other town of that name ("GENEVA" is Geneva,
/// Switzerland, not Geneva, Illinois; "KANT" has no such reading).
fn famous_reading(cands: &[Cand]) -> Option<usize> {
    let towns = || cands.iter().enumerate().filter(|(_, c)| c.kind == Kind::City && !c.alt);
    let (fi, f) = towns().max_by_key(|(_, c)| c.population)?;
    let famous = f.population >= FAMOUS_POPULATION
        && towns().all(|(i, c)| i == fi || c.population.saturating_mul(FAMOUS_RATIO) <= f.population);
    famous.then_some(fi)
}

/// What the dateline's state, named by its abbreviation, gives the same state named
/// in full.
const DATELINE_STATE: f64 = 4.0;

/// The size of a world-famous city, and how many times larger than its namesakes.
const FAMOUS_POPULATION: u64 = 100_000;
const FAMOUS_RATIO: u64 = 5;

/// Per reading of a name: a town that shares its name with a much larger area is
/// rarely meant ("California"); an area named after the city that makes most of it is
/// the city ("Bishkek", "New York").
fn dominance(cands: &[Cand]) -> Vec<f64> {
    cands
        .iter()
        .map(|c| match c.kind {
            Kind::City => {
                let bigger = cands.iter().any(|a| {
                    matches!(a.kind, Kind::Admin1 | Kind::Country | Kind::Region)
                        && !a.alt
                        && (a.kind != Kind::Admin1 || a.population > 20 * c.population.max(1))
                });
                // The area is named after this city (New York City is "New York" in
                // the index's other names): no penalty for going by another name than
                // the area's.
                let namesake = c.alt
                    && cands.iter().any(|a| {
                        a.kind == Kind::Admin1 && !a.alt && contains(a, c) && c.population * 4 >= a.population
                    });
                if bigger && !c.alt {
                    -2.5
                } else if namesake {
                    1.5
                } else {
                    0.0
                }
            }
            Kind::Admin1 | Kind::Admin2 => {
                let city =
                    cands.iter().any(|x| x.kind == Kind::City && contains(c, x) && x.population * 4 >= c.population);
                if city {
                    -2.0
                } else {
                    0.0
                }
            }
            // "Northern Ireland" is a name of the United Kingdom in the dictionaries,
            // and a part of it.
            Kind::Country => {
                let part = c.alt && cands.iter().any(|x| x.kind == Kind::Admin1 && !x.alt && x.country == c.country);
                if part {
                    -4.0
                } else {
                    0.0
                }
            }
            _ => 0.0,
        })
        .collect()
}
