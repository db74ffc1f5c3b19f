//! Actors and CAMEO events.
//!
//! For each sentence the coder finds event triggers with the patterns of
//! `dict/verbs.txt`, then reads the clause around each trigger for its source
//! (the subject; the `by` phrase of a passive; a possessor of a noun event) and
//! target (the object or a `with`/`to`/`against`/`on` phrase), composes actor codes
//! from the mention layer, and marks negation, modality and the event's own date.
//! Every event carries the pattern line that fired, the words it matched and the
//! chain of reasons.

mod actors;
mod clauses;
mod coding;
mod counts;
mod pronouns;
mod reported;
mod triggers;
mod when;
mod words;

use std::sync::Arc;

use dateline_core::{Actor, Date, Doc, Event, PlaceMentions, Span, Tag, TokenKind};
use dateline_dict::Lexicon;

use actors::Unit;

/// An event's date, how it was found, and the words that gave it.
type When = (Option<Date>, Option<String>, Option<dateline_core::Span>);
use triggers::{Trigger, Triggers};

/// The coding stage, ready to run on many documents (it is `Sync`).
pub struct Coder {
    lex: Arc<Lexicon>,
    triggers: Triggers,
    counter: counts::Counter,
    /// The words that tell which of a sentence's times date its event.
    when: when::Words,
    /// The small word classes the clause analysis keys on.
    words: words::Words,
    /// Subject pronouns read as the previous sentence's actor.
    pronouns: pronouns::Pronouns,
}

/// How far (in tokens) a target may stand from the trigger's last word.
const TARGET_REACH: usize = 20;
/// How far (in tokens) a subject may stand before the trigger.
const SUBJECT_REACH: usize = 18;

impl Coder {
    pub fn new(lex: Arc<Lexicon>) -> Coder {
        Coder {
            triggers: Triggers::new(&lex),
            counter: counts::Counter::new(&lex),
            when: when::Words::new(&lex),
            words: words::Words::new(&lex),
            pronouns: pronouns::Pronouns::new(&lex),
            lex,
        }
    }

    /// Adds the events layer to a document that has its nlp layers.
    pub fn code(&self, doc: &mut Doc) {
        debug_assert!(doc.mentions.windows(2).all(|w| w[0].tokens.0 <= w[1].tokens.0), "mentions out of token order");
        let mut events = Vec::new();
        let mut dyad: Option<(Unit, Unit)> = None;
        let places = PlaceMentions::new(&doc.places);
        let ask = self.words.ask(doc);
        // The sources of the previous sentence's events: what a subject pronoun refers to.
        let mut antecedents: Vec<Unit> = Vec::new();
        for s in 0..doc.sentences.len() {
            let named = places.within(doc.sentences[s].span);
            let mut all_units = actors::units(doc, s, &self.lex, &ask, &named);
            self.pronouns.resolve(doc, s, &antecedents, &mut all_units);
            let sentence_start = events.len();
            let side = clauses::side_clauses(doc, s, &ask);
            let found = self.chain(doc, &ask, s, self.triggers.find(doc, s, &self.lex), &all_units, &side);
            let mut last_subject: Option<dateline_core::Span> = None;
            for t in found {
                let before = events.len();
                // An event of the main clause is read among the main clause's actors:
                // not the ones of a relative or background clause ("who visited Moscow").
                let hidden =
                    !clauses::inside(&side, t.head) && all_units.iter().any(|u| clauses::aside(&side, u.tokens.0));
                let main: Vec<Unit>;
                let units: &[Unit] = match hidden {
                    true => {
                        main = all_units.iter().filter(|u| !clauses::aside(&side, u.tokens.0)).cloned().collect();
                        &main
                    }
                    false => &all_units,
                };
                self.code_trigger(
                    &coding::Clause::new(doc, s, &t, units, &named, &ask),
                    if t.conjoined { last_subject } else { None },
                    &mut dyad,
                    &mut events,
                );
                if let Some(e) = events.get(before) {
                    // The grammatical subject carries over: the target of a passive
                    // ("was indicted by the court and will resign").
                    let subject = match e.target.as_ref() {
                        Some(a) if a.via == "passive subject" => Some(a),
                        _ => e.source.as_ref(),
                    };
                    last_subject = subject.map(|a| a.span);
                }
                if t.silent {
                    events.truncate(before);
                }
            }
            let sources: Vec<Span> =
                events[sentence_start..].iter().filter_map(|e| e.source.as_ref()).map(|a| a.span).collect();
            antecedents = all_units.iter().filter(|u| sources.contains(&u.span)).cloned().collect();
        }
        self.add_counts(doc, &mut events);
        // The most consequential events first (by the magnitude of their Goldstein
        // score: a signed treaty before a word of praise), ties in text order.
        let weight =
            |e: &Event| self.lex.codes.get(&e.code).map(|c| -(c.goldstein.abs() * 10.0).round() as i32).unwrap_or(0);
        events.sort_by_key(|e| (weight(e), e.sentence, e.words.first().map(|w| w.start).unwrap_or(e.span.start)));
        // Two matches coding the same dyad with the same root in one sentence are one
        // event ("established ties with and opened an embassy in Tehran"); a symmetric
        // event is the same whichever side is named first.
        let mut once = rustc_hash::FxHashSet::default();
        let party = |a: &Option<Actor>| {
            a.as_ref().map(|a| a.country.clone().or_else(|| a.org.clone()).unwrap_or_else(|| a.code.clone()))
        };
        // A symmetric event also stands for the same root either way: "visited Tehran
        // and met Iranian President ..." is one consultation.
        events.retain(|e| {
            let (a, b) = (party(&e.source), party(&e.target));
            let root = e.code.get(..2).unwrap_or("").to_string();
            let (s, r) = (e.sentence, root);
            let seen = once.contains(&(s, r.clone(), a.clone(), b.clone()))
                || (e.symmetric && once.contains(&(s, r.clone(), b.clone(), a.clone())));
            if !seen {
                once.insert((s, r.clone(), a.clone(), b.clone()));
                if e.symmetric {
                    once.insert((s, r, b, a));
                }
            }
            !seen
        });
        // An event with no target says less than one of the same root and source with a
        // target in the same sentence ("praised Haiti's efforts and said it was a partner").
        let targeted: rustc_hash::FxHashSet<_> = events
            .iter()
            .filter(|e| e.target.is_some())
            .map(|e| (e.sentence, e.code.get(..2).unwrap_or("").to_string(), party(&e.source)))
            .collect();
        events.retain(|e| {
            e.target.is_some()
                || !targeted.contains(&(e.sentence, e.code.get(..2).unwrap_or("").to_string(), party(&e.source)))
        });
        // The same event told twice in the same words (a lead repeated in the body) is
        // one event with several tellings.
        let mut first: rustc_hash::FxHashMap<_, usize> = rustc_hash::FxHashMap::default();
        let mut kept: Vec<Event> = Vec::with_capacity(events.len());
        for e in events {
            let key = (
                e.code.clone(),
                e.source.as_ref().map(|a| a.code.clone()),
                e.target.as_ref().map(|a| a.code.clone()),
                doc.slice(e.span).trim_end_matches('.').to_string(),
                e.negated,
            );
            match first.get(&key) {
                Some(&j) => kept[j].retold.push(e.span),
                None => {
                    first.insert(key, kept.len());
                    kept.push(e);
                }
            }
        }
        let events = kept;
        doc.events = events;
    }

    /// The counts of people each event's sentence states ("Twelve people were killed
    /// and 30 wounded"), on every event of that sentence.
    fn add_counts(&self, doc: &Doc, events: &mut [Event]) {
        let mut memo: Vec<(usize, Vec<dateline_core::Count>)> = Vec::new();
        for e in events.iter_mut() {
            let counts = match memo.iter().find(|(s, _)| *s == e.sentence) {
                Some((_, c)) => c.clone(),
                None => {
                    let c = self.counter.find(doc, e.sentence);
                    memo.push((e.sentence, c.clone()));
                    c
                }
            };
            if !counts.is_empty() {
                e.reasons.push(format!("counts in the sentence: {}", counts::describe(doc, &counts)));
                e.counts = counts;
            }
        }
    }

    /// An event of `code` at trigger `t` with its evidence; actors, flags and reasons unset.
    fn event(&self, doc: &Doc, s: usize, t: &Trigger, code: &str, when: &When) -> Event {
        // The pattern's own PLOVER type holds while the code is the pattern's.
        let plover = t.plover.as_deref().filter(|_| code == t.code).or_else(|| self.lex.plover(code));
        Event {
            code: code.to_string(),
            plover: plover.map(str::to_string),
            mode: triggers::mode_of(code),
            source: None,
            target: None,
            negated: false,
            hypothetical: false,
            future: false,
            date: when.0,
            date_why: when.1.clone(),
            date_span: when.2,
            counts: Vec::new(),
            sentence: s,
            span: doc.sentences[s].span,
            words: t.words.iter().map(|&i| doc.tokens[i].span).collect(),
            rule: t.rule.clone(),
            confidence: 0.5,
            reasons: Vec::new(),
            place: None,
            place_why: None,
            symmetric: false,
            retold: Vec::new(),
        }
    }

    /// One event per chain of verbs: a trigger in the infinitive or participle
    /// complement of an earlier one, with no new actor between them, is part of the
    /// earlier event ("agreed to provide aid", "threatened to ban") and is dropped.
    /// Conjoined verbs ("expelled ... and downgraded ...") stay separate events.
    fn chain(
        &self,
        doc: &Doc,
        ask: &words::Ask,
        s: usize,
        found: Vec<Trigger>,
        units: &[Unit],
        side: &[clauses::Side],
    ) -> Vec<Trigger> {
        let sz = doc.sentences[s].tokens.1;
        let w = |i: usize| doc.tokens.get(i).map(|t| doc.slice(t.span).to_ascii_lowercase()).unwrap_or_default();
        // An act told in a side clause (relative, "where", condition, background) is not
        // the sentence's event when the main clause names one.
        // (A noun under a light verb is the main clause's event too: "announced a
        // suspension of air links ..., one day after a jet shot down a helicopter".)
        let light_noun =
            |t: &Trigger| t.noun && (t.head.saturating_sub(6)..t.head).any(|k| self.triggers.is_light(&w(k)));
        let main_verb = found.iter().any(|t| (!t.noun || light_noun(t)) && !clauses::inside(side, t.head));
        let found: Vec<Trigger> =
            if main_verb { found.into_iter().filter(|t| !clauses::inside(side, t.head)).collect() } else { found };
        // A verb head inside an actor's words is a noun there ("Swedish aid workers").
        let found: Vec<Trigger> = found
            .into_iter()
            .filter(|t| t.noun || !units.iter().any(|u| u.tokens.0 < t.head && t.head + 1 < u.tokens.1))
            .collect();
        let mut keep: Vec<Trigger> = Vec::new();
        let any_verb = found.iter().any(|t| !t.noun);
        // A violent noun event as the subject of a generic violent verb names the act:
        // "a roadside bombing near Samarra killed a soldier" is a bombing.
        let violent = |c: &str| c.starts_with("18") || c.starts_with("19");
        let mut found = found;
        for i in 0..found.len() {
            if found[i].noun || !violent(&found[i].code) || !found[i].code.ends_with('0') {
                continue;
            }
            let head = found[i].head;
            let subject = found[..i].iter().rev().find(|n| {
                n.noun
                    && violent(&n.code)
                    && n.head + 10 >= head
                    && !units
                        .iter()
                        .any(|u| !u.weak && u.tokens.0 > n.head && u.tokens.1 <= head && !in_prep_phrase(doc, u, ask))
            });
            if let Some(n) = subject.cloned() {
                found[i].code = n.code.clone();
                found[i].subject_event = Some(Box::new(n));
            }
        }
        for t in found {
            // A sentence that reports an act with a verb reports it there: its nouns
            // name what the act is about ("during the talks, the parties discussed").
            // A noun under a light verb is that clause's event ("announced a suspension of
            // air links") whatever other verbs the sentence has.
            let light = t.noun && (t.head.saturating_sub(6)..t.head).any(|k| self.triggers.is_light(&w(k)));
            // A noun event that names its own agent and patient ("the arrest of two
            // reporters by Turkish police") reports a done act beside the verb's.
            let agented = t.noun && coding::agent_after(doc, units, t.head, sz).is_some();
            if t.noun && any_verb && !light && !agented {
                continue;
            }
            // After the first verb event, a later verb is a new event only when it is
            // conjoined with it ("expelled ... and downgraded"); else it stands in the
            // first one's complement ("demanded that X refuse", "unless Y accepted").
            if !t.noun && keep.iter().any(|a| !a.noun) {
                let mut k = t.head;
                while k > 0 && matches!(doc.tokens[k - 1].tag, Tag::Aux | Tag::Adv | Tag::Neg) {
                    k -= 1;
                }
                let before = k.saturating_sub(1);
                if w(before) != ";" && !self.words.verb_link.at(ask, before) {
                    // "issued a declaration demanding that ...", "made a statement
                    // condemning ...": the statement's content is the event, and its
                    // subject is the statement's.
                    if let Some(a) = keep.last_mut().filter(|a| {
                        !a.noun
                            && a.code.starts_with("01")
                            && !t.code.starts_with("01")
                            && t.head <= a.words.last().copied().unwrap_or(a.head) + 3
                    }) {
                        a.silent = true;
                        let mut t = t;
                        t.conjoined = true;
                        keep.push(t);
                    }
                    continue;
                }
            }
            let mut t = t;
            if !t.noun && keep.iter().any(|a| !a.noun) {
                // No subject of its own between the conjunction and the verb: it shares one.
                let mut k = t.head;
                while k > 0 && matches!(doc.tokens[k - 1].tag, Tag::Aux | Tag::Adv | Tag::Neg) {
                    k -= 1;
                }
                t.conjoined = matches!(w(k.saturating_sub(1)).as_str(), "and" | "but");
            }
            let governed = keep.iter().any(|a| {
                let a_end = a.words.last().copied().unwrap_or(a.head);
                if t.head <= a.head || t.head > a_end + 8 {
                    return false;
                }
                let between_actor = units.iter().any(|u| u.tokens.0 > a_end && u.tokens.1 <= t.head && !u.weak);
                let prev = w(t.head.saturating_sub(1));
                let prev2 = w(t.head.saturating_sub(2));
                let infinitive = prev == "to" || (prev2 == "to" && doc.tokens[t.head - 1].tag == Tag::Adv);
                let participle = w(t.head).ends_with("ing") && !t.noun;
                let conjoined = prev == "and" || prev2 == "and";
                !conjoined && (infinitive || (participle && !between_actor))
            });
            if !governed {
                keep.push(t);
            }
        }
        keep
    }

    /// The speaker of a trailing attribution after `head`: "..., the German foreign
    /// minister told reporters", "..., said the Albanian prime minister".
    fn trailing_speaker<'u>(&self, doc: &Doc, units: &'u [Unit], head: usize, sz: usize) -> Option<&'u Unit> {
        let say = |k: usize| self.triggers.is_say(&doc.slice(doc.tokens[k].span).to_ascii_lowercase());
        let comma =
            (head + 1..sz).find(|&k| doc.slice(doc.tokens[k].span) == "," && (k + 1..sz.min(k + 10)).any(say))?;
        let verb = (comma + 1..sz.min(comma + 10)).find(|&k| say(k))?;
        let before = units.iter().rev().find(|u| u.tokens.0 > comma && u.tokens.1 <= verb && !u.weak);
        before.or_else(|| units.iter().find(|u| u.tokens.0 > verb && u.tokens.0 <= verb + 4 && !u.weak))
    }

    #[allow(clippy::too_many_arguments)]
    fn emit_dateline_visit(
        &self,
        doc: &Doc,
        s: usize,
        t: &Trigger,
        src: &Unit,
        iso3: String,
        reasons: Vec<String>,
        events: &mut Vec<Event>,
    ) {
        let cameo = dateline_nlp::cameo_of(&self.lex, &iso3);
        let dl_span = doc.meta.dateline.as_ref().map(|d| d.place_span).unwrap_or_default();
        let when = when::event_date(doc, s, t.head, false, &self.when);
        let mut e = self.event(doc, s, t, &t.code, &when);
        e.source = Some(actor(src, "possessor"));
        e.target = Some(Actor {
            code: cameo,
            country: Some(iso3),
            role: None,
            org: None,
            entity: None,
            span: dl_span,
            entry: None,
            via: "dateline",
        });
        e.confidence = 0.6;
        e.reasons = reasons;
        events.push(e);
    }

    /// The first actor after the trigger, before the clause ends: the object, or a
    /// with/to/against/on phrase. Adjectives on things ("a Russian base") only when
    /// nothing else is there.
    fn find_target<'u>(
        &self,
        doc: &Doc,
        ask: &words::Ask,
        units: &'u [Unit],
        source: Option<&Unit>,
        words: &[usize],
        (from, sz): (usize, usize),
    ) -> Option<(&'u Unit, &'static str)> {
        let w = |i: usize| doc.tokens.get(i).map(|t| doc.slice(t.span)).unwrap_or("");
        let last = words.last().copied().unwrap_or(from);
        let end = (last + TARGET_REACH).min(sz);
        // The clause ends at a semicolon, at a comma followed by a speech verb, or at a
        // comma opening an adverbial clause ("..., as authorities in Croatia ...").
        let mut stop = end;
        for k in from + 1..end {
            if w(k) == ";" || (doc.tokens[k].kind == TokenKind::Quote) {
                stop = k;
                break;
            }
            let opens_clause = |j: usize| self.words.clause_break.at(ask, j);
            // ", Defence Minister Pierre Joxe said": a name of any length, then a speech verb.
            let attribution = |k: usize| {
                let mut j = k + 1;
                while j < sz
                    && j <= k + 8
                    && matches!(doc.tokens[j].tag, Tag::Proper | Tag::Noun | Tag::Adj | Tag::Det | Tag::Num)
                    && !self.triggers.is_say(&w(j).to_ascii_lowercase())
                {
                    j += 1;
                }
                j < sz && self.triggers.is_say(&w(j).to_ascii_lowercase())
            };
            if w(k) == ","
                && ((k + 1..(k + 4).min(sz)).any(|j| self.triggers.is_say(&w(j).to_ascii_lowercase()))
                    || attribution(k)
                    || doc.tokens.get(k + 1).is_some_and(|t| t.tag == Tag::Verb)
                    || opens_clause(k + 1))
            {
                stop = k;
                break;
            }
        }
        let same = |u: &Unit| {
            source.is_some_and(|s| {
                std::ptr::eq(s, u)
                    || (s.entity.is_some() && s.entity == u.entity)
                    || (s.key() == u.key() && s.role == u.role)
            })
        };
        let cands: Vec<&Unit> = units
            .iter()
            .filter(|u| {
                u.tokens.0 > from
                    && u.tokens.0 < stop
                    && !same(u)
                    && !(words.iter().any(|&k| u.tokens.0 <= k && k < u.tokens.1)
                        && (u.country_from.is_some() || (u.cameo.is_none() && u.code.is_none())))
            })
            .collect();
        // (A pattern word that is a unit with no country of its own — "sent troops",
        // "dispatched inspectors" — is the source's means, not the target; "expelled
        // Russian diplomats" names its target.)
        let via = |u: &Unit| -> &'static str {
            for p in [u.tokens.0.saturating_sub(1), u.tokens.0.saturating_sub(2)] {
                if let Some(&(name, _)) = self.words.target_phrases.iter().find(|(_, c)| c.at(ask, p)) {
                    return name;
                }
            }
            "object"
        };
        // A country adjective in the object's own noun phrase names the target: the
        // party the thing belongs to ("rejected an Indian proposal", "agreed to US
        // mediation", "attacked a Syrian village").
        // (Not an agent noun used as a modifier, whose country was only inferred:
        // "suspended military cooperation with Fiji".)
        if let Some(u) = cands.first().filter(|u| u.weak && u.country_from.is_none()) {
            // (The pattern's own words are the verb's: "fired on a Japanese tanker".)
            // (So is the noun phrase of an "against" phrase after them: "lodged a protest
            // against the Croatian decision on refugees".)
            let against = via(u) == "against-phrase";
            let object_np = (from + 1..u.tokens.0).all(|k| {
                matches!(doc.tokens[k].tag, Tag::Det | Tag::Adj | Tag::Num | Tag::Adv)
                    || w(k).eq_ignore_ascii_case("to")
                    || words.contains(&k)
                    || (against && doc.tokens[k].tag == Tag::Prep && k + 2 >= u.tokens.0)
            });
            if object_np {
                return Some((u, "object modifier"));
            }
        }
        // A bare place in a locative phrase ("blocked streets in Hong Kong") is where the
        // act happened; a party after it that the act is aimed at is the target: one
        // with a role ("in defiance of Chinese authorities"), a country or a people
        // ("against Israel", "on behalf of Palestinians"), not another place.
        let located_only = |u: &Unit| (u.role.is_none() || u.place) && u.org.is_none() && via(u) == "in-phrase";
        if let Some(u) = cands.iter().find(|u| !u.weak).filter(|u| located_only(u)) {
            let aimed = |f: &Unit| {
                // not vocabulary: class names
                matches!(via(f), "against-phrase" | "on-phrase" | "to-phrase")
                    || (f.tokens.0 > 0 && w(f.tokens.0 - 1).eq_ignore_ascii_case("of"))
            };
            if let Some(f) = cands.iter().find(|f| {
                f.tokens.0 > u.tokens.0
                    && !f.weak
                    && !f.place
                    && f.country.is_some()
                    && f.country != u.country
                    && aimed(f)
            }) {
                return Some((f, via(f)));
            }
        }
        if let Some(u) = cands.iter().find(|u| !u.weak) {
            // The source's own forces ("mobilized army reservists for a war against
            // Iraq") are the means; a foreign party after them is the target.
            // So is an object whose country the sentence only lent it ("extradited three
            // drug traffickers to the United States").
            let own = source.is_some_and(|s| {
                s.country.is_some()
                    && s.country == u.country
                    && (u.role.is_none() || s.role == u.role || matches!(u.role.as_deref(), Some("MIL" | "COP")))
            });
            if own {
                if let Some(f) = cands.iter().find(|f| {
                    f.tokens.0 > u.tokens.0
                        && !f.weak
                        && f.country.is_some()
                        && f.country != u.country
                        // not vocabulary: class names
                        && matches!(via(f), "against-phrase" | "on-phrase" | "with-phrase" | "to-phrase")
                }) {
                    return Some((f, via(f)));
                }
            }
            // So is an object whose country the sentence only lent it, handed on to
            // another party right after it ("extradited three drug traffickers to the
            // United States").
            let lent =
                source.is_some_and(|s| s.country.is_some() && s.country == u.country) && u.country_from.is_some();
            if let Some(f) = cands.iter().find(|f| {
                lent && f.tokens.0 > u.tokens.1
                    && f.tokens.0 <= u.tokens.1 + 2
                    && !f.weak
                    && f.country.is_some()
                    && f.country != u.country
                    && via(f) == "to-phrase"
            }) {
                return Some((f, via(f)));
            }
            return Some((u, via(u)));
        }
        cands.first().map(|u| (*u, "modifier"))
    }
}

/// The noun phrase right before the verb group of `head`, as token bounds `(b, k)`:
/// `k` starts the verb group (auxiliaries, adverbs, negation), `b` the run of nouns,
/// adjectives, names and numbers before it (`b == k` when there is none).
fn subject_np(doc: &Doc, head: usize, sa: usize) -> (usize, usize) {
    let mut k = head;
    while k > sa && matches!(doc.tokens[k - 1].tag, Tag::Aux | Tag::Adv | Tag::Neg) {
        k -= 1;
    }
    let mut b = k;
    while b > sa && matches!(doc.tokens[b - 1].tag, Tag::Noun | Tag::Adj | Tag::Proper | Tag::Num) {
        b -= 1;
    }
    (b, k)
}

fn nearest_before<'u>(
    units: &'u [Unit],
    head: usize,
    sa: usize,
    reach: usize,
    doc: &Doc,
    words: &words::Ask,
) -> Option<&'u Unit> {
    let lo = head.saturating_sub(reach).max(sa);
    // The word right before the verb group: a common noun that is no actor is the
    // subject ("the base meets ..."), and then the event has no actor source.
    let (b, k) = subject_np(doc, head, sa);
    if k > sa && doc.tokens[k - 1].tag == Tag::Noun {
        let in_unit = units.iter().any(|u| !u.weak && u.tokens.0 < k && k <= u.tokens.1);
        let is_time = doc.time_at(doc.tokens[k - 1].span).is_some();
        let article = b > sa && words.article.at(words, b - 1);
        // A named actor inside the subject's noun phrase is the actor ("the Islamic
        // Jihad movement rejected").
        if !in_unit && !is_time {
            if let Some(u) = units
                .iter()
                .rev()
                .find(|u| u.tokens.0 >= b && u.tokens.1 <= k && !u.weak && !in_prep_phrase(doc, u, words))
            {
                return Some(u);
            }
        }
        if !in_unit && !is_time && article {
            return None;
        }
        // No article: an actor modifying the subject noun is the actor ("Israeli army
        // bulldozers demolished", "Russian drones hit").
        if !in_unit && !is_time {
            if let Some(u) =
                units.iter().rev().find(|u| u.tokens.0 >= b && u.tokens.1 <= k && !in_prep_phrase(doc, u, words))
            {
                return Some(u);
            }
        }
    }
    // Prefer a strong unit; an adjective on a thing only as a last resort.
    units.iter().rev().find(|u| u.tokens.1 <= head && u.tokens.0 >= lo && !u.weak && !in_prep_phrase(doc, u, words))
}

/// Where the sentence says an event happened, as a stand-in actor: a country or
/// capital in a locative phrase ("in Baghdad", "near Kabul"), else a place the place
/// index found in the sentence (`named`: its place mentions), else the dateline's country.
fn place_unit(doc: &Doc, units: &[Unit], named: &[(usize, Span)], lex: &Lexicon, words: &words::Ask) -> Option<Unit> {
    let locative = |k: usize| k > 0 && words.event_locative.at(words, k - 1);
    let stand_in = |span: dateline_core::Span, tokens: (usize, usize), iso: &str, why: &'static str| Unit {
        tokens,
        span,
        cameo: Some(dateline_nlp::cameo_of(lex, iso)),
        country: Some(iso.to_string()),
        role: None,
        org: None,
        code: None,
        entity: None,
        entries: Vec::new(),
        weak: false,
        group: 0,
        group_ref: false,
        country_from: Some(why),
        place: true,
        partitive: false,
    };
    if let Some(u) =
        units.iter().find(|u| u.country.is_some() && u.role.is_none() && u.org.is_none() && locative(u.tokens.0))
    {
        return Some(stand_in(u.span, u.tokens, u.country.as_deref()?, "the place the sentence names"));
    }
    // Places the index found, not "anti-Syria": one after a locative word first.
    let named: Vec<(&dateline_core::Place, dateline_core::Span, usize)> = named
        .iter()
        .map(|&(i, m)| (&doc.places[i], m))
        // An adjective says whose, not where ("the Sudanese army").
        .filter(|(p, m)| p.country.is_some() && !p.indirect.contains(m))
        .map(|(p, m)| (p, m, doc.tokens.partition_point(|t| t.span.start < m.start)))
        .filter(|&(_, _, k)| k == 0 || doc.tokens.get(k - 1).is_none_or(|t| doc.slice(t.span) != "-"))
        .collect();
    let near_locative = |k: usize| (k.saturating_sub(4)..k).any(|j| locative(j + 1));
    if let Some(&(p, m, k)) = named.iter().find(|&&(_, _, k)| near_locative(k)).or(named.first()) {
        return Some(stand_in(m, (k, k + 1), p.country.as_deref()?, "the place the sentence names"));
    }
    let dl = doc.meta.dateline.as_ref()?;
    Some(stand_in(dl.place_span, (0, 0), dl.country.as_deref()?, "the dateline's place"))
}

/// Acts of moving, whose noun names the mover after "of" ("a deployment of Chinese
/// warships", "the withdrawal of Syrian troops", "the visit of a Chinese delegation").
fn moving(code: &str) -> bool {
    matches!(code.get(..2), Some("14" | "15" | "04")) || code.starts_with("087")
}

/// The actor after "of" right after a noun event ("deployment of (the) Chinese warships").
fn of_phrase<'u>(doc: &Doc, units: &'u [Unit], head: usize) -> Option<&'u Unit> {
    let of = head + 1;
    if !doc.tokens.get(of).is_some_and(|t| doc.slice(t.span).eq_ignore_ascii_case("of")) {
        return None;
    }
    units.iter().find(|u| {
        !u.weak
            && u.tokens.0 > of
            && u.tokens.0 <= of + 3
            && (of + 1..u.tokens.0).all(|k| matches!(doc.tokens[k].tag, Tag::Det | Tag::Adj | Tag::Num))
    })
}

/// Where a visit goes: a country or capital after "in", "to", "into" or "at" (a
/// determiner between) that is not the visitor's own country.
fn destination<'u>(doc: &Doc, units: &'u [Unit], visitor: &Unit, words: &words::Ask) -> Option<&'u Unit> {
    let the = |i: usize| doc.tokens.get(i).is_some_and(|t| doc.slice(t.span).eq_ignore_ascii_case("the"));
    let towards = |k: usize| {
        k > 0
            && (words.destination_prep.at(words, k - 1)
                || (k > 1 && the(k - 1) && words.destination_prep.at(words, k - 2)))
    };
    // A capital is a place here, not its government.
    units.iter().find(|u| {
        u.country.is_some()
            && u.country != visitor.country
            && (u.role.is_none() || u.place)
            && u.org.is_none()
            && !u.weak
            && towards(u.tokens.0)
    })
}

/// A bare country or capital reached through a locative preposition ("the fighting in
/// Libya", "off the coast of Cyprus"): where an act happens, not whom it touches.
fn locative_place(doc: &Doc, u: &Unit, words: &words::Ask) -> bool {
    let the = |i: usize| doc.tokens.get(i).is_some_and(|t| doc.slice(t.span).eq_ignore_ascii_case("the"));
    let k = u.tokens.0;
    let loc = |p: usize| words.place_prep.at(words, p);
    u.role.is_none() && u.org.is_none() && k > 0 && (loc(k - 1) || (k > 1 && the(k - 1) && loc(k - 2)))
}

/// The second half of a hyphenated compound ("long-threatened"): an adjective.
fn compound_tail(doc: &Doc, k: usize) -> bool {
    k >= 2
        && doc.slice(doc.tokens[k - 1].span) == "-"
        && doc.tokens[k - 1].span.end == doc.tokens[k].span.start
        && doc.tokens[k - 2].span.end == doc.tokens[k - 1].span.start
}

/// "refugees in Hungary", "a town near Kabul": a unit inside a locative phrase is not a subject.
fn in_prep_phrase(doc: &Doc, u: &Unit, words: &words::Ask) -> bool {
    let k = u.tokens.0;
    if k == 0 || u.partitive {
        return false;
    }
    let prev = doc.slice(doc.tokens[k - 1].span);
    let prev2 = if k >= 2 { doc.slice(doc.tokens[k - 2].span) } else { "" };
    let (prev_the, by) = (prev.eq_ignore_ascii_case("the"), |w: &str| w.eq_ignore_ascii_case("by"));
    let loc = |p: usize| words.phrase_prep.at(words, p);
    // An agent after "by" ("the arrest of two journalists by Turkish police drew
    // protests") is a passive's or a noun's, never a later verb's subject.
    let agent = by(prev) || (prev_the && by(prev2));
    agent || ((loc(k - 1) || (prev_the && k >= 2 && loc(k - 2))) && (u.role.is_none() || u.place) && u.org.is_none())
}

fn actor(u: &Unit, via: &'static str) -> Actor {
    Actor {
        code: u.actor_code(),
        country: u.country.clone(),
        role: u.role.clone(),
        org: u.org.clone(),
        entity: u.entity,
        span: u.span,
        entry: u.entries.first().cloned(),
        via,
    }
}

fn confidence(t: &Trigger, src: &Unit, tgt: Option<&Unit>, modal: bool) -> f32 {
    let mut c = 0.45 + 0.08 * (t.weight.min(4) as f32);
    if tgt.is_some_and(|u| !u.weak) {
        c += 0.1;
    }
    if tgt.is_none() {
        c -= 0.1;
    }
    if src.weak {
        c -= 0.15;
    }
    if modal {
        c -= 0.1;
    }
    c.clamp(0.05, 0.95)
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use dateline_core::Doc;
    use dateline_dict::Lexicon;

    /// The stages, built once per test process.
    fn stages() -> &'static (dateline_nlp::Analyzer, super::Coder) {
        static STAGES: OnceLock<(dateline_nlp::Analyzer, super::Coder)> = OnceLock::new();
        STAGES.get_or_init(|| {
            let lex = std::sync::Arc::new(Lexicon::builtin().unwrap_or_else(|e| panic!("{e}")));
            (dateline_nlp::Analyzer::new(lex.clone()), super::Coder::new(lex))
        })
    }

    fn code(text: &str) -> Doc {
        let mut doc = Doc::new("t", text);
        let (nlp, coder) = stages();
        nlp.analyze(&mut doc);
        coder.code(&mut doc);
        doc
    }

    #[test]
    fn every_event_has_its_evidence() {
        let doc = code("MOSCOW, March 3. /TASS/. Russia and Belarus signed a border treaty on Friday. Police did not arrest the protesters.");
        assert!(!doc.events.is_empty());
        for e in &doc.events {
            assert!(doc.slice(e.span).len() > 10);
            assert!(!e.words.is_empty());
            assert!(e.rule.file.ends_with("verbs.txt") && e.rule.line > 0);
            assert!(!e.reasons.is_empty());
        }
        assert!(
            doc.events.iter().any(|e| e.negated && e.code.starts_with("17")),
            "{:?}",
            doc.events.iter().map(|e| &e.code).collect::<Vec<_>>()
        );
    }

    #[test]
    fn an_aside_between_subject_and_verb_lends_no_modality() {
        let codes = |text: &str| code(text).events.iter().map(|e| e.code.clone()).collect::<Vec<_>>();
        // The relative clause's "will" is not the main verb's: done, not announced.
        let done = codes("Portugal, which will chair the council next year, sent medical teams to Angola.");
        assert!(done.iter().any(|c| c.starts_with("07")), "{done:?}");
        // A modal outside the aside still governs the verb.
        let announced = codes("Portugal, its premier said on Monday, will send medical teams to Angola.");
        assert!(announced.iter().any(|c| c.starts_with("03")), "{announced:?}");
    }

    #[test]
    fn an_adjective_in_an_against_phrase_names_the_target() {
        // The owner of the thing protested against, not the topic after it.
        let doc = code("Chile lodged a complaint against the Peruvian ruling on Bolivian migrants.");
        let targets: Vec<_> = doc.events.iter().filter_map(|e| e.target.as_ref().map(|a| a.country.clone())).collect();
        assert_eq!(targets, vec![Some("PER".to_string())], "{targets:?}");
    }

    #[test]
    fn a_states_protest_is_a_complaint_and_a_crowds_a_demonstration() {
        let codes = |text: &str| code(text).events.iter().map(|e| e.code.clone()).collect::<Vec<_>>();
        let state = codes("Estonia protested against the Latvian border fence on Monday.");
        assert!(state.iter().any(|c| c == "114"), "{state:?}");
        let crowd = codes("Thousands of Estonians protested against the Latvian border fence on Monday.");
        assert!(crowd.iter().any(|c| c.starts_with("141")), "{crowd:?}");
    }

    #[test]
    fn conjoined_verbs_share_their_subject() {
        let doc = code("Britain expelled two Russian diplomats and accused Moscow of spying.");
        let sources: Vec<_> = doc.events.iter().filter_map(|e| e.source.as_ref().map(|a| a.code.clone())).collect();
        assert!(sources.len() >= 2 && sources.iter().all(|c| c.starts_with("GBR")), "{sources:?}");
    }

    /// An event as (code, PLOVER type, source country, target country).
    type Dyad = (String, Option<String>, Option<String>, Option<String>);

    fn dyads(doc: &Doc) -> Vec<Dyad> {
        doc.events
            .iter()
            .map(|e| {
                (
                    e.code.clone(),
                    e.plover.clone(),
                    e.source.as_ref().and_then(|a| a.country.clone()),
                    e.target.as_ref().and_then(|a| a.country.clone()),
                )
            })
            .collect()
    }

    #[test]
    fn an_adverb_head_is_a_verb_group() {
        // "physically attacked": a predicate with its subject and object, not a noun event.
        let doc = code("Ukrainian soldiers physically attacked Russian journalists near the border.");
        let d = dyads(&doc);
        assert!(
            d.iter()
                .any(|(c, _, s, t)| c.starts_with("182") && s.as_deref() == Some("UKR") && t.as_deref() == Some("RUS")),
            "{d:?}"
        );
        // And its passive reads the verb after the adverb.
        let doc = code("Russian journalists were physically attacked by Ukrainian soldiers.");
        let d = dyads(&doc);
        assert!(
            d.iter()
                .any(|(c, _, s, t)| c.starts_with("182") && s.as_deref() == Some("UKR") && t.as_deref() == Some("RUS")),
            "{d:?}"
        );
    }

    #[test]
    fn a_quantity_noun_lends_its_subject_place() {
        let doc = code("Thousands of Kenyans gathered on Tuesday to protest against the new fuel tax.");
        let d = dyads(&doc);
        assert!(d.iter().any(|(_, p, s, _)| p.as_deref() == Some("PROTEST") && s.as_deref() == Some("KEN")), "{d:?}");
        // Inside a prepositional phrase the quantity noun is no subject.
        let doc = code("The deaths of dozens of Kenyans angered Uganda.");
        assert!(
            doc.events.iter().all(|e| e.source.as_ref().and_then(|a| a.country.as_deref()) != Some("KEN")),
            "{:?}",
            dyads(&doc)
        );
    }

    #[test]
    fn a_day_or_adverb_may_split_a_verb_from_its_particle() {
        for text in [
            "Egypt called Thursday for talks with Israel.",
            "Egypt called again for talks with Israel.",
            "Egypt called on Sunday for talks with Israel.",
        ] {
            let doc = code(text);
            let d = dyads(&doc);
            assert!(
                d.iter().any(|(c, _, s, t)| c.starts_with("02")
                    && s.as_deref() == Some("EGY")
                    && t.as_deref() == Some("ISR")),
                "{text}: {d:?}"
            );
        }
    }

    #[test]
    fn a_party_aimed_at_beats_the_place_of_the_act() {
        let doc = code("Iran mobilized supporters in Lebanon on behalf of Palestinians.");
        let d = dyads(&doc);
        assert!(d.iter().any(|(_, _, s, t)| s.as_deref() == Some("IRN") && t.as_deref() == Some("PSE")), "{d:?}");
        let doc = code("Egypt staged demonstrations in Cairo against Israel.");
        let d = dyads(&doc);
        assert!(
            d.iter().any(|(_, p, s, t)| p.as_deref() == Some("PROTEST")
                && s.as_deref() == Some("EGY")
                && t.as_deref() == Some("ISR")),
            "{d:?}"
        );
    }

    #[test]
    fn a_blockade_is_coercion() {
        let doc = code("Turkey imposed a blockade on Armenia on Monday.");
        let d = dyads(&doc);
        assert!(
            d.iter().any(|(c, p, s, t)| c == "191"
                && p.as_deref() == Some("COERCE")
                && s.as_deref() == Some("TUR")
                && t.as_deref() == Some("ARM")),
            "{d:?}"
        );
    }

    /// A story dated `date`, coded.
    fn code_on(text: &str, date: &str) -> Doc {
        let mut doc = Doc::new("t", text);
        doc.meta.published = dateline_core::Date::parse(date).map(|date| dateline_core::Published {
            date,
            how: "given",
            why: String::new(),
        });
        let (nlp, coder) = stages();
        nlp.analyze(&mut doc);
        coder.code(&mut doc);
        doc
    }

    fn counts(doc: &Doc) -> Vec<(String, f64, bool, String)> {
        doc.events
            .iter()
            .flat_map(|e| e.counts.iter())
            .map(|c| (c.kind.as_str().to_string(), c.value, c.approximate, doc.slice(c.span).to_string()))
            .collect()
    }

    #[test]
    fn a_trailing_attribution_dates_the_telling_not_the_event() {
        let doc = code_on("Soldiers detained forty students in 2019, officials said on Friday.", "2024-05-06");
        let dates: Vec<String> = doc.events.iter().filter_map(|e| e.date.map(|d| d.to_string())).collect();
        assert_eq!(dates.first().map(String::as_str), Some("2019"), "{:?}", doc.events);
        // The saying itself is dated by its own time.
        let doc = code_on("The ministry said on Friday that it would expel three diplomats.", "2024-05-06");
        assert!(
            doc.events.iter().any(|e| e.date.map(|d| d.to_string()).as_deref() == Some("2024-05-03")),
            "{:?}",
            doc.events
        );
    }

    #[test]
    fn the_datelines_date_is_the_storys_not_the_events() {
        let doc = code_on("LIMA, May 6 (AP) - Police detained forty students in 2019, officials said.", "2024-05-06");
        let dates: Vec<String> = doc.events.iter().filter_map(|e| e.date.map(|d| d.to_string())).collect();
        assert_eq!(dates.first().map(String::as_str), Some("2019"), "{:?}", doc.events);
    }

    #[test]
    fn casualty_counts_with_their_words() {
        let doc =
            code("Twelve people were killed and 30 wounded when a car bomb exploded in a market in Karachi on Sunday.");
        let c = counts(&doc);
        assert!(c.contains(&("killed".into(), 12.0, false, "Twelve people were killed".into())), "{c:?}");
        assert!(c.contains(&("wounded".into(), 30.0, false, "30 wounded".into())), "{c:?}");
        let doc = code("A suicide bomber blew himself up at a bus station in Haifa on Monday, killing 11 people and wounding at least 40 others.");
        let c = counts(&doc);
        assert!(
            c.iter().any(|x| x.0 == "killed" && x.1 == 11.0 && !x.2)
                && c.iter().any(|x| x.0 == "wounded" && x.1 == 40.0 && x.2),
            "{c:?}"
        );
        let doc = code("Turkish police arrested 45 members of an outlawed leftist group in Ankara on Tuesday.");
        assert!(counts(&doc).iter().any(|x| x.0 == "arrested" && x.1 == 45.0), "{:?}", counts(&doc));
        let doc = code("Five hundred villagers were displaced by fighting between Sudanese troops and rebels.");
        assert!(counts(&doc).iter().any(|x| x.0 == "displaced" && x.1 == 500.0), "{:?}", counts(&doc));
        // A number of things is no count of people.
        let doc = code("Rebels seized three villages in northern Uganda on Friday.");
        assert!(counts(&doc).is_empty(), "{:?}", counts(&doc));
        // Counts are explained.
        let doc = code("Gunmen killed four Italian tourists near Luxor in Egypt.");
        assert!(
            doc.events.iter().any(|e| e.reasons.iter().any(|r| r.contains("killed 4"))),
            "{:?}",
            doc.events.iter().map(|e| &e.reasons).collect::<Vec<_>>()
        );
    }

    #[test]
    fn event_dates_count_from_the_story() {
        // Monday 2 November 2015.
        let date = |text: &str| {
            let doc = code_on(text, "2015-11-02");
            doc.events
                .first()
                .map(|e| (e.date.map(|d| d.to_string()).unwrap_or_default(), e.date_why.clone().unwrap_or_default()))
        };
        let (d, why) = date("Rebels attacked a police convoy in northern Mali on Sunday.").unwrap_or_default();
        assert_eq!(d, "2015-11-01", "{why}");
        assert!(why.contains("\"Sunday\"") && why.contains("2015-11-02"), "{why}");
        assert_eq!(date("Syrian troops withdrew from the town yesterday.").map(|x| x.0).as_deref(), Some("2015-11-01"));
        assert_eq!(
            date("Police arrested five students in Nairobi last week.").map(|x| x.0).as_deref(),
            Some("2015-10-26")
        );
        assert_eq!(date("Rebels attacked the airport three days ago.").map(|x| x.0).as_deref(), Some("2015-10-30"));
        assert_eq!(date("On March 3, rebels attacked a convoy in Darfur.").map(|x| x.0).as_deref(), Some("2015-03-03"));
        // An announced act on a weekday: the next one.
        assert_eq!(
            date("Kenya said it will expel the Sudanese envoy on Friday.").map(|x| x.0).as_deref(),
            Some("2015-11-06")
        );
        // No date in the sentence: the story's date, said so.
        let (d, why) = date("Rebels attacked a police convoy in northern Mali.").unwrap_or_default();
        assert!(d == "2015-11-02" && why.contains("no date in the sentence"), "{d} {why}");
    }

    #[test]
    fn a_side_clause_is_not_the_event() {
        let doc = code("The Bulgarian president, who visited Moscow last year, criticized the Russian decision to cut gas deliveries.");
        let d = dyads(&doc);
        assert!(d.iter().all(|(c, ..)| !c.starts_with("04")), "{d:?}");
        assert!(
            d.iter()
                .any(|(c, _, s, t)| c.starts_with("11") && s.as_deref() == Some("BGR") && t.as_deref() == Some("RUS")),
            "{d:?}"
        );
        let doc =
            code("Kenya signed a trade accord with Uganda in Kampala, where rebels attacked a convoy last month.");
        assert!(dyads(&doc).iter().all(|(c, ..)| !c.starts_with("19") && !c.starts_with("18")), "{:?}", dyads(&doc));
    }

    #[test]
    fn a_visit_goes_to_the_place_it_names() {
        let doc = code("The Danish foreign minister arrived in Hanoi on Sunday for talks on trade.");
        assert!(
            dyads(&doc)
                .iter()
                .any(|(c, _, s, t)| c == "042" && s.as_deref() == Some("DNK") && t.as_deref() == Some("VNM")),
            "{:?}",
            dyads(&doc)
        );
        // Troops arriving are no visit.
        let doc = code("Nigerian troops arrived in Freetown on Tuesday.");
        assert!(dyads(&doc).iter().all(|(c, ..)| c != "042"), "{:?}", dyads(&doc));
    }

    #[test]
    fn must_is_the_speakers_demand() {
        let doc = code("Damascus must pull its troops out of the valley, the French foreign minister said on Friday.");
        assert!(
            dyads(&doc).iter().any(|(_, p, s, t)| p.as_deref() == Some("DEMAND")
                && s.as_deref() == Some("FRA")
                && t.as_deref() == Some("SYR")),
            "{:?}",
            dyads(&doc)
        );
        // "Egypt said it must ...": no demand on itself.
        let doc = code("Egypt said it must protect its border.");
        assert!(dyads(&doc).iter().all(|(_, p, ..)| p.as_deref() != Some("DEMAND")), "{:?}", dyads(&doc));
    }

    #[test]
    fn peacekeepers_are_international_actors() {
        let doc = code("Peacekeepers exchanged fire with militiamen in the Liberian town of Gbarnga.");
        let e = doc.events.iter().find(|e| e.code.starts_with("19"));
        assert!(
            e.is_some_and(|e| e.source.as_ref().is_some_and(|a| a.code.starts_with("IGO") && a.country.is_none())),
            "{:?}",
            dyads(&doc)
        );
    }

    #[test]
    fn conjoined_actors_acting_somewhere_act_on_each_other() {
        let doc = code("Chilean and Peruvian warships held joint exercises off the coast of Ecuador on Monday.");
        assert!(
            dyads(&doc).iter().any(|(_, p, s, t)| p.as_deref() == Some("COOPERATE")
                && s.as_deref() == Some("CHL")
                && t.as_deref() == Some("PER")),
            "{:?}",
            dyads(&doc)
        );
    }

    #[test]
    fn a_resignation_is_a_retreat() {
        let doc = code("The Romanian interior minister resigned on Monday.");
        assert!(
            doc.events.iter().any(|e| e.code == "0831" && e.plover.as_deref() == Some("RETREAT")),
            "{:?}",
            dyads(&doc)
        );
        // Announced, it is an intent as CAMEO codes it.
        let doc = code("The Romanian interior minister will resign next week.");
        assert!(doc.events.iter().all(|e| e.plover.as_deref() != Some("RETREAT")), "{:?}", dyads(&doc));
    }

    #[test]
    fn force_against_the_unarmed_is_assault() {
        // A diplomat or an official is no fighting party: PLOVER's ASSAULT, not FIGHT.
        let doc = code("Gunmen shot dead a Japanese diplomat in Karachi on Friday.");
        assert!(doc.events.iter().any(|e| e.code.starts_with("18")), "{:?}", dyads(&doc));
        // Police are armed: fighting them stays FIGHT.
        let doc = code("Gunmen attacked a police station in Karachi on Friday.");
        assert!(doc.events.iter().any(|e| e.code.starts_with("19")), "{:?}", dyads(&doc));
    }

    #[test]
    fn an_organisations_agents_act_for_it() {
        // Modifiers between the organisation and its agent noun.
        let doc = code("UN weapons inspectors accused Iraqi officials of hiding documents.");
        assert!(
            doc.events
                .iter()
                .any(|e| e.code.starts_with("11") && e.source.as_ref().is_some_and(|a| a.code.starts_with("IGO"))),
            "{:?}",
            dyads(&doc)
        );
        // "NATO's helicopters": the possessor's forces.
        let doc = code("NATO's helicopters fired on Serbian positions near the border.");
        assert!(
            doc.events
                .iter()
                .any(|e| e.code.starts_with("19") && e.source.as_ref().is_some_and(|a| a.code.starts_with("IGO"))),
            "{:?}",
            dyads(&doc)
        );
    }

    #[test]
    fn a_state_act_in_the_passive_is_the_places_state() {
        let doc = code("The former defence minister was detained in Ecuador on Wednesday.");
        let ecu = |a: &Option<dateline_core::Actor>| a.as_ref().is_some_and(|a| a.code.starts_with("ECU"));
        assert!(
            doc.events.iter().any(|e| e.code.starts_with("17") && ecu(&e.source) && ecu(&e.target)),
            "{:?}",
            dyads(&doc)
        );
    }

    #[test]
    fn a_visit_goes_to_the_capital_not_the_topic() {
        let doc = code("The Japanese foreign minister arrived in Seoul on Friday for talks on North Korea.");
        assert!(
            dyads(&doc)
                .iter()
                .any(|(c, _, s, t)| c == "042" && s.as_deref() == Some("JPN") && t.as_deref() == Some("KOR")),
            "{:?}",
            dyads(&doc)
        );
    }

    #[test]
    fn an_opening_participle_is_an_adjective() {
        // "Striking miners": workers on strike, not an attack.
        let doc = code("Striking miners in Bolivia marched through the capital on Thursday.");
        let d = dyads(&doc);
        assert!(d.iter().all(|(c, ..)| !c.starts_with("18") && !c.starts_with("19")), "{d:?}");
        assert!(d.iter().any(|(_, p, s, _)| p.as_deref() == Some("PROTEST") && s.as_deref() == Some("BOL")), "{d:?}");
    }

    #[test]
    fn ceasefires_by_the_codebook() {
        // Declared: a verbal concession. Signed: a formal agreement.
        let doc = code("Separatist rebels in Senegal declared a unilateral truce on Sunday.");
        assert!(doc.events.iter().any(|e| e.plover.as_deref() == Some("CONCEDE")), "{:?}", dyads(&doc));
        let doc = code("Sudan and South Sudan signed a ceasefire agreement on Monday.");
        assert!(doc.events.iter().any(|e| e.plover.as_deref() == Some("SUPPORT")), "{:?}", dyads(&doc));
    }

    #[test]
    fn welcoming_a_visiting_official_is_hosting() {
        let doc = code("The Thai king welcomed the Malaysian prime minister at the royal palace on Friday.");
        assert!(
            dyads(&doc)
                .iter()
                .any(|(c, _, s, t)| c == "043" && s.as_deref() == Some("THA") && t.as_deref() == Some("MYS")),
            "{:?}",
            dyads(&doc)
        );
        // An official who owns what is welcomed, or stands inside it, is no guest.
        for text in [
            "Germany welcomed the Ukrainian president's decision to hold early elections.",
            "France welcomed the election of a new Lebanese president.",
        ] {
            let doc = code(text);
            assert!(dyads(&doc).iter().all(|(c, ..)| c != "043"), "{text}: {:?}", dyads(&doc));
        }
    }

    #[test]
    fn an_agent_off_a_coast_is_of_that_coasts_country() {
        let doc = code("Armed men boarded and seized a Turkish cargo ship off the coast of Libya on Friday.");
        assert!(has(&doc, "17", "LBY", "TUR"), "{:?}", dyads(&doc));
        let doc = code("Pirates fired on a Norwegian trawler off Somalia overnight.");
        assert!(
            dyads(&doc).iter().any(|(_, _, s, t)| s.as_deref() == Some("SOM") && t.as_deref() == Some("NOR")),
            "{:?}",
            dyads(&doc)
        );
    }

    #[test]
    fn a_mediation_begun_between_two_parties_consults_each() {
        let doc = code("Senegal's president began a mediation mission between Kenya and Tanzania on Monday.");
        assert!(has(&doc, "045", "SEN", "KEN") && has(&doc, "045", "SEN", "TZA"), "{:?}", dyads(&doc));
    }

    #[test]
    fn joint_raids_are_military_cooperation() {
        let doc = code("Malian and Nigerien troops launched joint raids on smugglers in the desert.");
        assert!(dyads(&doc).iter().any(|(_, p, _, _)| p.as_deref() == Some("COOPERATE")), "{:?}", dyads(&doc));
    }

    fn has(doc: &Doc, code: &str, src: &str, tgt: &str) -> bool {
        dyads(doc)
            .iter()
            .any(|(c, _, s, t)| c.starts_with(code) && s.as_deref() == Some(src) && t.as_deref() == Some(tgt))
    }

    #[test]
    fn a_stay_abroad_for_talks_is_a_visit() {
        let doc = code("The Indian foreign secretary was in Kathmandu on Monday for a round of talks on trade.");
        assert!(has(&doc, "042", "IND", "NPL"), "{:?}", dyads(&doc));
        let doc = code("Japan's trade minister is in Canberra for talks on beef tariffs.");
        assert!(has(&doc, "042", "JPN", "AUS"), "{:?}", dyads(&doc));
        // Troops stationed somewhere do not visit it.
        let doc = code("Nigerian troops were in Freetown for talks with the rebels.");
        assert!(dyads(&doc).iter().all(|(c, ..)| !c.starts_with("042")), "{:?}", dyads(&doc));
    }

    #[test]
    fn a_noun_event_takes_its_agent_from_a_by_phrase() {
        let doc = code("The detention of three Swedish aid workers by Ethiopian soldiers angered Stockholm.");
        assert!(has(&doc, "17", "ETH", "SWE"), "{:?}", dyads(&doc));
        let doc = code("The expulsion of two Iranian diplomats by the Dutch government was confirmed.");
        assert!(has(&doc, "16", "NLD", "IRN"), "{:?}", dyads(&doc));
    }

    #[test]
    fn an_organisation_suspending_a_member_reduces_relations() {
        let doc = code("The African Union suspended Mauritania after the military takeover.");
        let d = dyads(&doc);
        assert!(
            d.iter().any(|(c, p, s, t)| c == "160"
                && p.as_deref() == Some("SANCTION")
                && s.is_none()
                && t.as_deref() == Some("MRT")),
            "{d:?}"
        );
        // A state suspending an operation puts no member out: no event.
        let doc = code("Kenya suspended the vaccination campaign on Friday.");
        assert!(dyads(&doc).iter().all(|(c, ..)| !c.starts_with("16")), "{:?}", dyads(&doc));
        // A state expelling people is still a deportation.
        let doc = code("Libya expelled hundreds of Egyptian workers.");
        assert!(dyads(&doc).iter().all(|(c, ..)| c != "160"), "{:?}", dyads(&doc));
    }

    #[test]
    fn a_background_clause_gives_way_to_a_noun_event_under_a_light_verb() {
        let doc = code("Austria announced a suspension of arms exports to Turkey, two days after Turkish jets bombed a Syrian town.");
        let d = dyads(&doc);
        assert!(d.iter().any(|(c, ..)| c.starts_with("16")), "{d:?}");
        assert!(d.iter().all(|(c, ..)| !c.starts_with("19") && !c.starts_with("18")), "{d:?}");
    }

    #[test]
    fn a_noun_event_with_its_own_agent_stands_beside_the_verb() {
        // The detention is reported as done, and the protest about it too.
        let doc = code("The detention of a Maltese captain by Libyan police was denounced by Valletta on Friday.");
        let d = dyads(&doc);
        assert!(has(&doc, "17", "LBY", "MLT"), "{d:?}");
        // The protest is aimed at the agent of the act it is about, not at its patient.
        assert!(has(&doc, "11", "MLT", "LBY"), "{d:?}");
        let doc = code("Athens denounced the arrest of two Greek fishermen by Turkish police.");
        assert!(has(&doc, "11", "GRC", "TUR") && has(&doc, "17", "TUR", "GRC"), "{:?}", dyads(&doc));
        // A bare noun beside a verb is still what the verb is about, not an event.
        let doc = code("Hungary condemned the detention of the activists on Tuesday.");
        assert!(dyads(&doc).iter().all(|(c, ..)| !c.starts_with("17")), "{:?}", dyads(&doc));
    }

    #[test]
    fn forces_moved_toward_a_foreign_place_are_aimed_at_its_country() {
        let doc = code("Sudan deployed tanks and soldiers along the Chadian border on Thursday.");
        assert!(has(&doc, "15", "SDN", "TCD"), "{:?}", dyads(&doc));
        let doc = code("The deployment of 1,500 troops by Kenya near the Ugandan frontier alarmed Kampala.");
        assert!(has(&doc, "15", "KEN", "UGA"), "{:?}", dyads(&doc));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        #[test]
        fn any_text_codes_without_panicking(s in "(\\PC|[\"“”'’(),.;:\\- ]|Russia |Kyrgyz |said |signed |attacked |\n\n| by | not | will ){0,60}") {
            let doc = code(&s);
            for e in &doc.events {
                proptest::prop_assert!(doc.text.get(e.span.start..e.span.end).is_some());
            }
        }
    }

    fn has_type(d: &[Dyad], plover: &str, s: &str, t: &str) -> bool {
        d.iter().any(|(_, p, a, b)| p.as_deref() == Some(plover) && a.as_deref() == Some(s) && b.as_deref() == Some(t))
    }

    #[test]
    fn a_time_phrase_after_the_second_party_keeps_the_pair() {
        let d = dyads(&code("Norway mediated between Angola and Zambia last month."));
        assert!(has_type(&d, "CONSULT", "NOR", "AGO") && has_type(&d, "CONSULT", "NOR", "ZMB"), "{d:?}");
        let d = dyads(&code("Qatar hosted talks between Chad and Niger last week."));
        assert!(has_type(&d, "CONSULT", "QAT", "TCD") && has_type(&d, "CONSULT", "QAT", "NER"), "{d:?}");
    }

    #[test]
    fn a_subject_pronoun_stands_for_the_actor_before() {
        // "It": the state that acted in the sentence before.
        let d = dyads(&code("Peru expelled the Bolivian consul on Monday. It accused La Paz of backing smugglers."));
        assert!(has_type(&d, "DISAPPROVE", "PER", "BOL"), "{d:?}");
        // "He": the official described there (the nlp stage links it only to named people).
        let d =
            dyads(&code("The Danish defence minister arrived in Riga on Monday. He praised Latvia for its reforms."));
        assert!(has_type(&d, "SUPPORT", "DNK", "LVA"), "{d:?}");
        // Two states acted before: "it" is ambiguous and stands for neither.
        let doc = code("Chile and Peru signed a fishing accord. It criticised Bolivia for the delay.");
        assert!(!doc.events.iter().any(|e| e.source.as_ref().is_some_and(|a| doc.slice(a.span) == "It")));
        // An actor earlier in the same sentence is the pronoun's own.
        let doc =
            code("Peru expelled the Bolivian consul. Chile said on Monday it would recall its envoy from Bolivia.");
        assert!(!doc.events.iter().any(|e| e.source.as_ref().is_some_and(|a| doc.slice(a.span) == "it")));
        // A person is not "it", nor a state "he".
        let doc = code("Ghana recalled its envoy from Togo. He criticised the Togolese leader.");
        assert!(!doc.events.iter().any(|e| e.source.as_ref().is_some_and(|a| doc.slice(a.span) == "He")));
    }

    #[test]
    fn pursuit_of_armed_men_is_fighting_and_joint_raids_are_cooperation() {
        let d = dyads(&code("Rwandan troops chased Burundian rebels across the border on Friday."));
        assert!(has_type(&d, "FIGHT", "RWA", "BDI"), "{d:?}");
        // Pursuing a policy or talks is no force.
        let doc = code("Rwanda will pursue talks with Burundian rebels.");
        assert!(!doc.events.iter().any(|e| e.code.starts_with("19")), "{:?}", dyads(&doc));
        let d = dyads(&code("Peruvian and Colombian police carried out joint operations against drug gangs."));
        assert!(d.iter().any(|(c, p, ..)| c.starts_with("062") && p.as_deref() == Some("COOPERATE")), "{d:?}");
        assert!(!d.iter().any(|(c, ..)| c.starts_with("19")), "{d:?}");
    }

    #[test]
    fn a_judgement_in_reported_speech_is_the_speakers_disapproval() {
        // A long subject between the speech verb and the judgement.
        let d = dyads(&code(
            "Ankara said the seizure of two of its cargo ships by the Libyan coast guard was unjustified.",
        ));
        assert!(has_type(&d, "DISAPPROVE", "TUR", "LBY"), "{d:?}");
        let d = dyads(&code("Sweden said the Iranian treatment of the researcher was unacceptable."));
        assert!(has_type(&d, "DISAPPROVE", "SWE", "IRN"), "{d:?}");
        // "illegal" as an attribute judges nothing.
        let doc = code("Hungarian police detained illegal migrants near the border.");
        assert!(!doc.events.iter().any(|e| e.code.starts_with("11")), "{:?}", dyads(&doc));
    }

    #[test]
    fn a_meeting_reported_by_a_party_has_the_speaker_as_source() {
        let d = dyads(&code("A Polish diplomat said the talks with Lithuanian officials were useful."));
        assert!(has_type(&d, "CONSULT", "POL", "LTU"), "{d:?}");
        // Talks between two others are theirs, not the speaker's.
        let d = dyads(&code("Norway said the talks between Sudan and Chad were useful."));
        assert!(!d.iter().any(|(_, _, s, _)| s.as_deref() == Some("NOR")), "{d:?}");
    }
}
