//! One trigger's event: the clause around it read for its source and target (with
//! passives, noun events, visits, groups and the story's two sides), its modality
//! (negation, intent, threat, demand, failure), its date, and the events it gives.

use dateline_core::{Doc, EntityKind, Event, Span, Tag};

use super::actors::Unit;
use super::triggers::{Trigger, Triggers};
use super::words::Ask;
use super::{
    actor, compound_tail, confidence, destination, in_prep_phrase, locative_place, moving, nearest_before, of_phrase,
    place_unit, subject_np, when, Coder, SUBJECT_REACH,
};

/// The sentence and trigger being coded, and the actor units of the sentence.
pub(super) struct Clause<'a> {
    pub doc: &'a Doc,
    pub s: usize,
    pub t: &'a Trigger,
    pub units: &'a [Unit],
    pub named: &'a [(usize, Span)],
    /// The classes of the document's tokens.
    pub ask: &'a Ask<'a>,
    /// The sentence's first token and the token after its last.
    sa: usize,
    sz: usize,
}

/// A party of the event and how it was found ("subject", "passive by-phrase").
type Party<'u> = Option<(&'u Unit, &'static str)>;

/// The words between the subject and the trigger, and after it, that change the event.
#[derive(Default)]
struct Modality {
    negated: bool,
    hypothetical: bool,
    future: bool,
    failed: bool,
    conditional: bool,
    /// "announced it would prohibit aid", "decided to expel": a decision taken.
    decided: bool,
}

impl<'a> Clause<'a> {
    pub fn new(
        doc: &'a Doc,
        s: usize,
        t: &'a Trigger,
        units: &'a [Unit],
        named: &'a [(usize, Span)],
        ask: &'a Ask<'a>,
    ) -> Clause<'a> {
        let (sa, sz) = doc.sentences[s].tokens;
        Clause { doc, s, t, units, named, ask, sa, sz }
    }

    fn w(&self, i: usize) -> &'a str {
        self.doc.tokens.get(i).map(|t| self.doc.slice(t.span)).unwrap_or("")
    }

    /// The sentence's first token.
    pub(super) fn sa(&self) -> usize {
        self.sa
    }

    /// The token after the sentence's last.
    pub(super) fn sz(&self) -> usize {
        self.sz
    }

    pub(super) fn lower(&self, i: usize) -> String {
        self.w(i).to_ascii_lowercase()
    }

    fn words(&self, words: &[usize]) -> String {
        words.iter().map(|&i| self.w(i)).collect::<Vec<_>>().join(" ")
    }

    fn violent(&self) -> bool {
        matches!(self.t.code.get(..2), Some("18" | "19" | "20"))
    }
}

impl Coder {
    /// Codes trigger `t` of sentence `s` into `events`; `dyad` is the story's two sides
    /// so far ("the parties").
    pub(super) fn code_trigger(
        &self,
        cx: &Clause,
        shared_subject: Option<Span>,
        dyad: &mut Option<(Unit, Unit)>,
        events: &mut Vec<Event>,
    ) {
        let (doc, t) = (cx.doc, cx.t);
        let mut reasons = vec![format!(
            "pattern {}:{} `{}` matched \"{}\"",
            t.rule.file,
            t.rule.line,
            t.rule.text,
            cx.words(&t.words)
        )];
        if let Some(n) = &t.subject_event {
            reasons.push(format!(
                "coded {}: its subject \"{}\" names the act (pattern {}:{} `{}`)",
                n.code,
                cx.words(&n.words),
                n.rule.file,
                n.rule.line,
                n.rule.text
            ));
        }
        let (passive, verb) = self.passive(cx);
        let (source, target) = self.parties(cx, shared_subject, passive, verb);
        // Violence with no perpetrator named ("a roadside bombing near Samarra killed a
        // soldier", "a journalist was killed in Beirut"): the place it happened stands
        // for the source, as PLOVER codes it.
        // So does a state's act told in the passive with no agent ("was arrested in
        // Lima", "was put under investigation in Italy"): the state of the place did it.
        let state_act = passive && matches!(t.code.get(..2), Some("09" | "11" | "16" | "17"));
        let located: Option<Unit> = if (cx.violent() || state_act) && source.is_none() {
            place_unit(doc, cx.units, cx.named, &self.lex, cx.ask)
        } else {
            None
        };
        let (mut source_via, mut target_via) = (source.map(|s| s.1).unwrap_or(""), target.map(|t| t.1).unwrap_or(""));
        // The story's two sides as they were before this event.
        let known_dyad = dyad.clone();
        let (mut sources, mut targets, target) = self.sides(cx, source, target, known_dyad.as_ref(), &mut reasons);
        // A bare noun event with no target is a mention of an event, not a report of one.
        if t.noun && target.is_none() && source_via == "noun modifier" {
            return;
        }
        let ousted = self.ousted_member(cx, &sources, &targets);
        if ousted.is_none()
            && t.words.len() == 1
            && t.code.starts_with("16")
            && self.triggers.is_oust_member(&cx.lower(t.head))
        {
            // A bare "suspended" that puts no member out of a group ("suspended the
            // operation") names no reduction of relations.
            return;
        }
        match self.visit(cx, &sources, &targets, target_via, &mut reasons) {
            Some(Visit::Arrival) => return,
            Some(Visit::To(d)) => {
                targets = vec![d];
                target_via = "destination";
            }
            Some(Visit::Dateline(src, iso3)) => {
                return self.emit_dateline_visit(doc, cx.s, t, src, iso3, reasons, events)
            }
            None => {}
        }
        if sources.is_empty() && !targets.is_empty() {
            if let Some(u) = located.as_ref() {
                sources.push(u);
                source_via = "the place of the event";
                reasons.push(format!(
                    "no perpetrator named: the place of the event, {} \"{}\", stands for the source",
                    u.actor_code(),
                    doc.slice(u.span)
                ));
            }
        }
        if sources.is_empty() {
            if (passive || cx.violent()) && !targets.is_empty() && !t.code.starts_with('0') {
                self.emit_unknown_source(cx, &targets, reasons, events);
            }
            return;
        }
        let (mut pairs, symmetric) = self.pairs(cx, &sources, &mut targets, &mut reasons);
        let from = source
            .map(|(u, _)| u.tokens.1)
            .filter(|&e| e <= t.head)
            .unwrap_or_else(|| t.head.saturating_sub(4).max(cx.sa));
        let mut m = self.modality(cx, from);
        // "Russia said Sudan must return the helicopter": the speaker demands it.
        // "Belgrade must allow monitors, the German minister said": the modal is the
        // trigger itself (`must:a` in verbs.txt), and it is an event only as a demand.
        let (modal_head, demand_by) = self.demand(cx, from, source);
        if modal_head && demand_by.is_none() {
            return;
        }
        let mut code = t.code.clone();
        if target_via == "destination" && !code.starts_with("042") && purpose_of_stay(cx, &self.triggers).is_some() {
            reasons.push(format!("coded 042, not {code}: a stay abroad for talks is a visit"));
            code = "042".into();
        }
        if let (Some(speaker), Some((obliged_party, _))) = (demand_by, source) {
            reasons.push(format!(
                "coded 100, not {code}: {} says {} must act, a demand",
                speaker.actor_code(),
                obliged_party.actor_code()
            ));
            code = "100".into();
            let obliged: Vec<&Unit> = if sources.iter().any(|s| std::ptr::eq(*s, obliged_party)) {
                sources.clone()
            } else {
                vec![obliged_party]
            };
            pairs = obliged.iter().map(|o| (speaker, Some(*o))).collect();
            sources = vec![speaker];
            targets = obliged;
        }
        if let Some(member) = ousted.filter(|_| code != "100") {
            reasons.push(format!(
                "coded 160, not {code}: an organisation puts a member, {} \"{}\", out of the group (SANCTION, expel)",
                member.actor_code(),
                doc.slice(member.span)
            ));
            code = "160".into();
        }
        code = self.recode(code, &sources, &targets, &mut m, &mut reasons);
        let bare_verb = !cx.t.noun && cx.t.words.len() == 1;
        if code.starts_with("141") && bare_verb && sources.iter().all(|s| state_actor(doc, s)) {
            // PLOVER: diplomatic protests are DISAPPROVE; PROTEST presumes people in the
            // street ("Lithuania protested against the exercises"), as does a state that
            // stages a demonstration (a pattern of more words, kept).
            reasons.push(format!("coded 114, not {code}: a state's protest is a diplomatic complaint"));
            code = "114".into();
        }
        if let Some(guest) = self.guest(cx, &targets).filter(|_| code != "043") {
            reasons.push(format!(
                "coded 043, not {code}: \"{}\" receives an official, {} \"{}\", as a guest",
                cx.w(t.head),
                guest.actor_code(),
                doc.slice(guest.span)
            ));
            code = "043".into();
        }
        // The event's own date: a year or month the sentence names.
        let when = when::event_date(doc, cx.s, t.head, m.future, &self.when);
        if let (Some(why), Some(_)) = (&when.1, when.2) {
            reasons.push(why.clone());
        }
        let domestic = self.domestic(cx, &pairs, &code);
        if let (Some(d), Some(p)) = (domestic.as_ref(), pairs.first_mut()) {
            p.1 = Some(d);
        }
        let vias = (source_via, target_via, domestic.as_ref());
        for (src, tgt) in pairs {
            let mut e = self.event(doc, cx.s, t, &code, &when);
            e.reasons = pair_reasons(cx, &reasons, src, tgt, vias);
            e.source = Some(actor(src, source_via));
            e.target = tgt.map(|u| actor(u, target_label(u, vias)));
            (e.negated, e.hypothetical, e.future) = (m.negated, m.hypothetical, m.future);
            e.symmetric = symmetric || (tgt.is_some() && self.lex.is_symmetric(&code));
            e.confidence = confidence(t, src, tgt, m.negated || m.hypothetical);
            events.push(e);
            if let Some(tg) = tgt {
                if src.country.is_some() && tg.country.is_some() && src.country != tg.country && !src.group_ref {
                    *dyad = Some((src.clone(), tg.clone()));
                }
            }
        }
    }

    /// Passive: a form of "be" right before a verb head ("was attacked by"); and the
    /// verb to read (an adverb head, "were sexually abused", is read by the verb after it).
    fn passive(&self, cx: &Clause) -> (bool, usize) {
        let (doc, t, head) = (cx.doc, cx.t, cx.t.head);
        let verb = match t.words.get(1) {
            Some(&v) if doc.tokens[head].tag == Tag::Adv => v,
            _ => head,
        };
        if t.noun || head <= cx.sa {
            return (false, verb);
        }
        let mut k = head;
        let mut found = false;
        while k > cx.sa {
            k -= 1;
            if self.words.passive_aux.at(cx.ask, k) {
                found = true;
                break;
            }
            if !matches!(doc.tokens[k].tag, Tag::Adv | Tag::Neg) {
                break;
            }
        }
        let v = cx.w(verb);
        let participle = found && (v.ends_with("ed") || v.ends_with('n') || v.ends_with('t'));
        (participle && !(self.triggers.is_stative(&v.to_ascii_lowercase()) && cx.w(verb + 1) != "by"), verb)
    }

    /// The source and target as the clause names them.
    fn parties<'u>(
        &self,
        cx: &Clause<'u>,
        shared_subject: Option<Span>,
        passive: bool,
        verb: usize,
    ) -> (Party<'u>, Party<'u>) {
        let (t, head, units) = (cx.t, cx.t.head, cx.units);
        let mut source = self.source(cx, shared_subject, passive);
        let mut target = if passive {
            // The grammatical subject is the target; "by X" is the source.
            if let Some(by) = (verb + 1..cx.sz.min(verb + 8)).find(|&k| cx.w(k) == "by") {
                source = units
                    .iter()
                    .find(|u| u.tokens.0 > by && u.tokens.0 <= by + 3 && !u.weak)
                    .map(|u| (u, "passive by-phrase"));
            }
            nearest_before(units, head, cx.sa, SUBJECT_REACH, cx.doc, cx.ask).map(|u| (u, "passive subject"))
        } else {
            self.find_target(cx.doc, cx.ask, units, source.map(|s| s.0), &t.words, (head, cx.sz))
        };
        // A verbal act about another's act named by a noun with its own agent ("the
        // detention of three reporters by Algerian police was condemned by Paris",
        // "Greece denounced the arrest of two journalists by Turkish police"): the
        // agent of that act is the one the words are aimed at, not its patient.
        let verbal = matches!(t.code.get(..2).and_then(|r| r.parse::<u8>().ok()), Some(1..=13));
        if verbal && !t.noun {
            let (from, to) = if passive { (cx.sa, head) } else { (head + 1, cx.sz) };
            if let Some(a) = acted_by(cx, from, to).filter(|a| source.is_none_or(|(s, _)| s.key() != a.key())) {
                target = Some((a, "agent of the act it is about"));
            }
        }
        // Forces moved toward a foreign place ("deployed troops along the Somali
        // border"): the mobilisation is aimed at that place's country (PLOVER MOBILIZE's
        // recipient), not at the source's own forces that are its means.
        if let (true, Some((s, _)), Some((g, _))) = (t.code.starts_with("15"), source, target) {
            if s.country.is_some() && g.country == s.country && !passive {
                if let Some(f) = toward(cx, s, g, cx.ask) {
                    target = Some((f, "place moved toward"));
                }
            }
        }
        // A noun event with no actor before it: "talks between X and Y".
        if source.is_none() && t.noun {
            if let Some(k) = (head + 1..cx.sz.min(head + 3)).find(|&k| cx.w(k) == "between") {
                let after: Vec<&Unit> = units.iter().filter(|u| u.tokens.0 > k && !u.weak).take(2).collect();
                if after.len() == 2 {
                    source = Some((after[0], "between-phrase"));
                    target = Some((after[1], "between-phrase"));
                }
            }
        }
        // "A Turkish official said the talks with Greek diplomats were productive": the
        // speaker took part in the meeting it reports.
        if source.is_none() && target.is_some() {
            source = self.reporter(cx).map(|u| (u, "speaker reporting it"));
        }
        if let Some((_, judged)) = self.judgement(cx).then(|| self.judged(cx)).flatten() {
            target = judged.map(|u| (u, "what is judged"));
        }
        (source, target)
    }

    /// The source before the passive's by-phrase is read: the subject shared with a
    /// conjoined verb; for a noun event its possessor, modifier or of-phrase; the
    /// subject of the verb (or of the light verb governing the noun); the affiliation
    /// of a weapon that did violence.
    fn source<'u>(&self, cx: &Clause<'u>, shared_subject: Option<Span>, passive: bool) -> Party<'u> {
        let (doc, t, head, units) = (cx.doc, cx.t, cx.t.head, cx.units);
        if let Some((speaker, _)) = self.judgement(cx).then(|| self.judged(cx)).flatten() {
            // "X said the arrest ... was unacceptable": the speaker judges, not the subject.
            return Some((speaker, "speaker of the judgement"));
        }
        let mut source: Party<'u> = shared_subject
            .and_then(|sp| units.iter().find(|u| u.span == sp))
            .map(|u| (u, "subject of the conjoined verb"));
        if t.noun {
            source = noun_source(cx, source);
        }
        if source.is_none() && !passive {
            // A noun event takes the subject of a light verb governing it ("held talks",
            // "launched an offensive"); a bare noun elsewhere takes no subject.
            let subject_from = if t.noun {
                (head.saturating_sub(6).max(cx.sa)..head)
                    .rev()
                    .find(|&k| self.triggers.is_light(&cx.lower(k)))
                    .or_else(|| purpose_of_stay(cx, &self.triggers))
            } else {
                Some(head)
            };
            if let Some(from) = subject_from {
                source = nearest_before(units, from, cx.sa, SUBJECT_REACH, doc, cx.ask).map(|u| (u, "subject"));
            }
        }
        // "a Serbian army jet shot down ...", "Russian drones hit ...": the affiliation
        // of the weapon that did it is the source.
        if source.is_none() && !passive && !t.noun && cx.violent() {
            let (b, k) = subject_np(doc, head, cx.sa);
            source = units
                .iter()
                .rev()
                .find(|u| u.tokens.0 >= b && u.tokens.1 <= k && !in_prep_phrase(doc, u, cx.ask))
                .map(|u| (u, "subject modifier"));
        }
        source
    }

    /// The units on each side: groups expanded to their members, "the parties" to the
    /// story's two sides (then the clause's target is what they talk about, not a
    /// party); and the target as it stands after that.
    fn sides<'u>(
        &self,
        cx: &Clause<'u>,
        source: Party<'u>,
        mut target: Party<'u>,
        dyad: Option<&'u (Unit, Unit)>,
        reasons: &mut Vec<String>,
    ) -> (Vec<&'u Unit>, Vec<&'u Unit>, Party<'u>) {
        let (units, mut sources, mut targets) = (cx.units, Vec::new(), Vec::new());
        if let Some((u, _)) = source {
            if u.group_ref {
                if let Some((a, b)) = dyad {
                    sources.push(a);
                    targets.push(b);
                    target = None;
                    reasons.push(format!(
                        "\"{}\" refers to the story's two sides, {} and {}",
                        cx.doc.slice(u.span),
                        a.actor_code(),
                        b.actor_code()
                    ));
                }
            } else if u.group != 0 {
                sources.extend(units.iter().filter(|x| x.group == u.group));
            } else {
                sources.push(u);
            }
        }
        if let Some((u, _)) = target {
            if u.group != 0 {
                // Not the speaker after a comma ("... in Liberia, Defence Minister Pierre Joxe said").
                let speaker = |x: &Unit| self.triggers.is_say(&cx.lower(x.tokens.1));
                // Nor a member that holds the pattern's own word ("withdraw inspectors and
                // aid workers from Iraq": the inspectors are the source's means).
                let means = |x: &Unit| {
                    x.country_from.is_some() && cx.t.words.iter().any(|&k| x.tokens.0 <= k && k < x.tokens.1)
                };
                targets.extend(units.iter().filter(|x| {
                    x.group == u.group
                        && !sources.iter().any(|s| std::ptr::eq(*s, *x))
                        && (std::ptr::eq(*x, u) || (!speaker(x) && !means(x)))
                }));
            } else if !u.group_ref {
                targets.push(u);
            }
        }
        (sources, targets, target)
    }

    /// The visit rules: a visit's destination is the place it names ("arrived in
    /// Jakarta", "flew to Kiev"): that country is the target, as PLOVER codes a visit;
    /// an arrival is a visit only for officials, not for troops or refugees; a visit
    /// with no destination named is to the place the story is datelined.
    fn visit<'u>(
        &self,
        cx: &Clause<'u>,
        sources: &[&'u Unit],
        targets: &[&'u Unit],
        target_via: &str,
        reasons: &mut Vec<String>,
    ) -> Option<Visit<'u>> {
        let (doc, mut code) = (cx.doc, cx.t.code.as_str());
        let src = *sources.first()?;
        if purpose_of_stay(cx, &self.triggers).is_some() {
            code = "042";
        }
        if code == "042" && src.role.as_deref().is_some_and(|r| !self.triggers.can_visit(r)) && src.entity.is_none() {
            return Some(Visit::Arrival);
        }
        // The host is the country visited: its place beats what the talks are about
        // ("arrived in Canberra for talks on East Timor"), not a party met ("with").
        let named_host = |u: &Unit| u.org.is_some() || (target_via == "with-phrase" && u.country != src.country);
        if code == "042" && !targets.iter().any(|u| named_host(u)) {
            if let Some(d) = destination(doc, cx.units, src, cx.ask) {
                if !targets.iter().any(|u| u.country == d.country) {
                    reasons.push(format!("a visit to {}: its destination \"{}\"", d.actor_code(), doc.slice(d.span)));
                    return Some(Visit::To(d));
                }
            }
        }
        let dl = doc.meta.dateline.as_ref()?;
        if targets.is_empty()
            && code.len() >= 3
            && matches!(&code[..3], "042" | "043")
            && dl.country.is_some()
            && dl.country != src.country
        {
            let iso3 = dl.country.clone().unwrap_or_default();
            reasons.push(format!("a visit with no destination named: the dateline's country {iso3}"));
            return Some(Visit::Dateline(src, iso3));
        }
        None
    }

    /// The state an organisation suspends or expels ("the OAS suspended Honduras", "the
    /// Commonwealth expelled Fiji"): PLOVER's SANCTION in its expel mode, "expel an
    /// entity from a group, organization", not the deportation of people.
    fn ousted_member<'u>(&self, cx: &Clause, sources: &[&Unit], targets: &[&'u Unit]) -> Option<&'u Unit> {
        if !self.triggers.is_oust_member(&cx.lower(cx.t.head)) || !sources.iter().any(|u| u.org.is_some()) {
            return None;
        }
        targets.iter().copied().find(|u| {
            u.country.is_some()
                && u.org.is_none()
                && !matches!(u.role.as_deref(), Some(r) if r != "GOV")
                && !locative_place(cx.doc, u, cx.ask)
        })
    }

    /// A passive with no agent ("three civilians were killed in a bombing"): the
    /// victims are known, the perpetrator is not.
    fn emit_unknown_source(&self, cx: &Clause, targets: &[&Unit], mut reasons: Vec<String>, events: &mut Vec<Event>) {
        let (doc, t) = (cx.doc, cx.t);
        let when = when::event_date(doc, cx.s, t.head, false, &self.when);
        let code = if t.code.starts_with("19") && targets.iter().any(|u| u.unarmed()) {
            reasons.push(format!("coded 180, not {}: the target is unarmed", t.code));
            "180".to_string()
        } else {
            t.code.clone()
        };
        for tg in targets {
            let mut r = reasons.clone();
            r.push("passive with no agent named: the source is unknown".into());
            r.push(format!("target {} \"{}\" (passive subject)", tg.actor_code(), doc.slice(tg.span)));
            let mut e = self.event(doc, cx.s, t, &code, &when);
            e.target = Some(actor(tg, "passive subject"));
            e.confidence = 0.4;
            e.reasons = r;
            events.push(e);
        }
    }

    /// The (source, target) pairs the event is coded for, and whether it is coded once
    /// either way (a symmetric event between conjoined actors).
    fn pairs<'u>(
        &self,
        cx: &Clause,
        sources: &[&'u Unit],
        targets: &mut Vec<&'u Unit>,
        reasons: &mut Vec<String>,
    ) -> (Vec<(&'u Unit, Option<&'u Unit>)>, bool) {
        // Conjoined actors that act together somewhere ("pledged to work together to end
        // the fighting in Libya", "held joint manoeuvres off the coast of Cyprus") act on
        // each other: the place is where, not whom.
        if sources.len() >= 2 && !targets.is_empty() && targets.iter().all(|u| locative_place(cx.doc, u, cx.ask)) {
            reasons.push(format!(
                "conjoined actors; \"{}\" is where they act, not a party",
                cx.doc.slice(targets[0].span)
            ));
            targets.clear();
        }
        let mut pairs: Vec<(&Unit, Option<&Unit>)> = Vec::new();
        if targets.is_empty() && sources.len() >= 2 {
            // A compound subject with no target: each side is the other's target.
            // Symmetric events (meet, sign, cooperate) are coded once, either way.
            let symmetric = self.lex.is_symmetric(&cx.t.code);
            for i in 0..sources.len() {
                for j in i + 1..sources.len() {
                    pairs.push((sources[i], Some(sources[j])));
                }
            }
            reasons.push(
                if symmetric {
                    "conjoined actors, a symmetric event: coded once, either way"
                } else {
                    "conjoined actors with no other target: coded between each other"
                }
                .into(),
            );
            return (pairs, symmetric);
        }
        if targets.is_empty() {
            return (vec![(sources[0], None)], false);
        }
        // A compound subject does not act on its own members ("Hungarian and Romanian
        // officials agreed that their countries ...").
        let own: Vec<Option<&str>> =
            if sources.len() > 1 { sources.iter().map(|s| s.country.as_deref()).collect() } else { Vec::new() };
        for s in sources {
            for tg in targets.iter() {
                if (s.key() != tg.key() || s.role != tg.role)
                    && !(tg.country.is_some() && own.contains(&tg.country.as_deref()))
                {
                    pairs.push((s, Some(tg)));
                }
            }
        }
        if pairs.is_empty() && sources.len() >= 2 {
            for i in 1..sources.len() {
                pairs.push((sources[0], Some(sources[i])));
            }
        }
        (pairs, false)
    }

    /// Modality, negation, tense: the words between the subject (from token `from`)
    /// and the trigger; a condition after it; a decision before it.
    fn modality(&self, cx: &Clause, from: usize) -> Modality {
        let (doc, head) = (cx.doc, cx.t.head);
        let mut m = Modality::default();
        let aside = aside_between(doc, from, head);
        for k in (from..head).filter(|k| !aside.is_some_and(|(a, b)| (a..=b).contains(k))) {
            let x = cx.lower(k);
            m.negated |= doc.tokens[k].tag == Tag::Neg;
            m.hypothetical |= self.triggers.is_hypo(&x) && !compound_tail(doc, k);
            m.future |= self.words.future_modal.at(cx.ask, k);
            m.failed |= self.triggers.is_fail(&x);
        }
        m.conditional = (head..cx.sz).any(|k| self.words.condition.at(cx.ask, k));
        m.decided = (cx.sa..head).any(|k| self.triggers.is_decide(&cx.lower(k)));
        m
    }

    /// Whether the trigger is itself an obligation ("must"), and who demands the act
    /// of the source when an obligation governs it: the speaker of a reporting verb
    /// before the source, or of a trailing attribution.
    fn demand<'u>(&self, cx: &Clause<'u>, from: usize, source: Party<'u>) -> (bool, Option<&'u Unit>) {
        let (head, units, sa) = (cx.t.head, cx.units, cx.sa);
        let modal_head = self.triggers.is_oblige(&cx.lower(head));
        let obliged = modal_head || (from..head).any(|k| self.triggers.is_oblige(&cx.lower(k)));
        let Some((src, _)) = source.filter(|_| obliged) else { return (modal_head, None) };
        let before = (sa..src.tokens.0)
            .rev()
            .find(|&k| self.triggers.is_say(&cx.lower(k)))
            .and_then(|say| nearest_before(units, say, sa, SUBJECT_REACH, cx.doc, cx.ask));
        let by = before
            .or_else(|| self.trailing_speaker(cx.doc, units, head, cx.sz))
            .filter(|u| u.key() != src.key() || u.role != src.role);
        (modal_head, by)
    }

    /// The official a verb of hosting takes as its direct object ("welcomed the Malaysian
    /// prime minister"): a guest, so the event is a hosted visit. Not one that only
    /// owns the object ("welcomed the president's decision") or stands inside it
    /// ("welcomed the election of a new president").
    fn guest<'u>(&self, cx: &Clause, targets: &[&'u Unit]) -> Option<&'u Unit> {
        let head = cx.t.head;
        if cx.t.noun || !self.triggers.is_host(&cx.lower(head)) {
            return None;
        }
        let u = *targets.first()?;
        let official = u.role.as_deref().is_some_and(|r| self.triggers.can_visit(r)) && !u.place && !u.weak;
        let direct = u.tokens.0 > head
            && (head + 1..u.tokens.0).all(|k| {
                matches!(cx.doc.tokens[k].tag, Tag::Det | Tag::Adj | Tag::Num) || cx.lower(k).ends_with("ing")
            });
        let owner = self.words.possessive.at_exact(cx.ask, u.tokens.1);
        (official && direct && !owner).then_some(u)
    }

    /// What the parties and the modality make of the code (CAMEO's own distinctions):
    /// force against civilians is assault (18), not fighting (19); a cooperative act
    /// announced for the future is an intent (03); one refused or failed is a rejection
    /// (12); a hostile act announced for the future is a threat (13).
    fn recode(
        &self,
        mut code: String,
        sources: &[&Unit],
        targets: &[&Unit],
        m: &mut Modality,
        reasons: &mut Vec<String>,
    ) -> String {
        let military = |u: &&Unit| u.role.as_deref().is_some_and(|r| matches!(r, "MIL" | "SPY"));
        if code.starts_with("19") && !sources.iter().any(military) && targets.iter().any(|u| u.unarmed()) {
            reasons.push(format!("coded 180, not {code}: the target is unarmed"));
            code = "180".into();
        }
        let root: u32 = code.get(..2).and_then(|r| r.parse().ok()).unwrap_or(0);
        let modal = m.future || m.hypothetical || m.conditional;
        let recode = if (3..=8).contains(&root) && ((m.negated && modal) || m.failed) {
            Some(("120", "a cooperative act refused or failed: a rejection"))
        } else if (4..=8).contains(&root) && modal && !m.negated {
            let intent = match root {
                4 => "036",
                6 => "031",
                7 => "033",
                8 => "035",
                _ => "030",
            };
            Some((intent, "a cooperative act announced, not done: an intent"))
        } else if matches!(root, 12 | 14 | 15 | 16 | 17 | 18 | 19 | 20)
            && modal
            && !m.negated
            && !(m.decided && !m.conditional)
        {
            Some((if root >= 18 || root == 15 { "138" } else { "130" }, "a hostile act announced, not done: a threat"))
        } else {
            None
        };
        if let Some((c, why)) = recode {
            reasons.push(format!("coded {c}, not {code}: {why}"));
            code = c.to_string();
            m.negated = false;
        }
        if m.negated {
            reasons.push("negated: a negation stands between the subject and the verb".into());
        }
        if m.hypothetical {
            reasons.push("hypothetical: a modal or intention verb governs the event".into());
        }
        code
    }

    /// No other party named: the event is domestic, its target the source's own
    /// country (PLOVER and CAMEO code it so).
    fn domestic(&self, cx: &Clause, pairs: &[(&Unit, Option<&Unit>)], code: &str) -> Option<Unit> {
        let other_party =
            |src: &Unit| cx.units.iter().any(|u| !u.weak && u.country.is_some() && u.country != src.country);
        let [(src, None)] = pairs else { return None };
        if src.country.is_none() || src.org.is_some() || self.lex.is_symmetric(code) || other_party(src) {
            return None;
        }
        Some(Unit {
            role: None,
            code: None,
            entity: None,
            entries: Vec::new(),
            group: 0,
            group_ref: false,
            weak: false,
            country_from: Some("the source's own country: no other party is named"),
            ..(*src).clone()
        })
    }
}

/// What the visit rules make of a visit.
enum Visit<'u> {
    /// An arrival of people who do not visit (troops, refugees): no event.
    Arrival,
    /// To the destination the sentence names.
    To(&'u Unit),
    /// By this source to the dateline's country (ISO3).
    Dateline(&'u Unit, String),
}

/// How the source and the target were found, and the domestic target when there is one.
type Vias<'u> = (&'static str, &'static str, Option<&'u Unit>);

/// A noun event's source: its possessor ("Lavrov's visit", "Israel's invasion") over
/// any other; else the one found so far, an actor right before it ("a Russian
/// attack", "U.S. air strikes"), or for an act of moving who moves after "of" ("a
/// deployment of Chinese warships"; "the arrest of X" names its target).
fn noun_source<'u>(cx: &Clause<'u>, source: Party<'u>) -> Party<'u> {
    let (head, units) = (cx.t.head, cx.units);
    if head >= 2 && cx.w(head - 1) == "'s" {
        if let Some(u) = units.iter().find(|u| u.tokens.1 == head - 1) {
            return Some((u, "possessor"));
        }
    }
    if source.is_some() {
        return source;
    }
    // (One word may stand between, "U.S. air strikes", but not a preposition: "in
    // Kathmandu for talks" is where, not who.)
    let modifier = |u: &&Unit| {
        u.tokens.1 == head
            || (u.tokens.1 + 1 == head && !matches!(cx.doc.tokens[u.tokens.1].tag, Tag::Prep | Tag::Conj | Tag::Punct))
    };
    if let Some(u) = units.iter().find(modifier) {
        return Some((u, "noun modifier"));
    }
    if let Some(u) = by_agent(cx) {
        return Some((u, "by-phrase"));
    }
    if moving(&cx.t.code) {
        return of_phrase(cx.doc, units, head).map(|u| (u, "of-phrase"));
    }
    None
}

/// A consultation that is the purpose of a stay ("is in Baghdad for talks", "was in
/// Beijing for two days of talks"): the verb of being whose subject has come for it.
/// Its place is the visit's destination (see `Coder::visit`).
pub(super) fn purpose_of_stay(cx: &Clause, triggers: &Triggers) -> Option<usize> {
    let head = cx.t.head;
    if !cx.t.noun || !cx.t.code.starts_with("04") {
        return None;
    }
    let for_k = (head.saturating_sub(5).max(cx.sa)..head).rev().find(|&k| cx.lower(k) == "for")?;
    // "for talks", "for a round of talks" (a tagger may take "round" for a verb).
    let np = (for_k + 1..head)
        .all(|k| !matches!(cx.doc.tokens[k].tag, Tag::Aux | Tag::Punct | Tag::Conj | Tag::Pron | Tag::Part | Tag::Neg));
    let be = (for_k.saturating_sub(8).max(cx.sa)..for_k).rev().find(|&k| triggers.is_stay_be(&cx.lower(k)))?;
    // Only a place between the verb and "for": "was in Beijing (on Monday) for talks".
    let place = (be + 1..for_k).any(|k| triggers.is_stay_at(&cx.lower(k)));
    (np && place).then_some(be)
}

/// The agent of a noun event in a "by" phrase after it, across its own noun phrase and
/// "of" phrase ("an inquiry by Brazilian prosecutors", "the deployment of troops by
/// Chad", "the arrest of two journalists by Turkish police").
fn by_agent<'u>(cx: &Clause<'u>) -> Option<&'u Unit> {
    agent_after(cx.doc, cx.units, cx.t.head, cx.sz)
}

/// The agent in a "by" phrase after the noun at `head` (before token `sz`), across the
/// noun's own phrase and "of" phrase: see `by_agent`.
pub(super) fn agent_after<'u>(doc: &Doc, units: &'u [Unit], head: usize, sz: usize) -> Option<&'u Unit> {
    let lower = |k: usize| doc.tokens.get(k).map(|t| doc.slice(t.span).to_ascii_lowercase()).unwrap_or_default();
    let end = sz.min(head + 9);
    let by = (head + 1..end).find(|&k| lower(k) == "by")?;
    // (A word inside an actor is part of the noun phrase whatever its tag: "aid workers".)
    let np = (head + 1..by).all(|k| {
        matches!(doc.tokens[k].tag, Tag::Det | Tag::Adj | Tag::Num | Tag::Noun | Tag::Proper)
            || matches!(lower(k).as_str(), "of" | "-")
            || units.iter().any(|u| u.tokens.0 <= k && k < u.tokens.1)
    });
    if !np {
        return None;
    }
    units.iter().find(|u| {
        !u.weak
            && u.tokens.0 > by
            && u.tokens.0 <= by + 3
            && (by + 1..u.tokens.0).all(|k| matches!(doc.tokens[k].tag, Tag::Det | Tag::Adj | Tag::Num))
    })
}

/// The agent of a noun phrase that opens at `from` (after determiners, adjectives and
/// numbers) and names an act with a "by" phrase before `to`: "the arrest of X by Y".
fn acted_by<'u>(cx: &Clause<'u>, from: usize, to: usize) -> Option<&'u Unit> {
    let head = (from..to).find(|&k| !matches!(cx.doc.tokens[k].tag, Tag::Det | Tag::Adj | Tag::Num))?;
    if cx.doc.tokens[head].tag != Tag::Noun || cx.lower(head + 1) != "of" {
        return None;
    }
    agent_after(cx.doc, cx.units, head, to).filter(|a| a.tokens.1 <= to)
}

/// A foreign country or place in a locative phrase after the moved forces `moved` of
/// `src` ("along the Somali border", "near Congo").
fn toward<'u>(cx: &Clause<'u>, src: &Unit, moved: &Unit, words: &Ask) -> Option<&'u Unit> {
    cx.units.iter().find(|f| {
        f.tokens.0 >= moved.tokens.1
            && f.tokens.0 < cx.sz
            && f.country.is_some()
            && f.country != src.country
            && locative_place(cx.doc, f, words)
    })
}

fn is_domestic(u: &Unit, vias: Vias) -> bool {
    vias.2.is_some_and(|d| std::ptr::eq(d, u))
}

/// How the target was found, as the event's actor records it.
fn target_label(u: &Unit, vias: Vias) -> &'static str {
    if is_domestic(u, vias) {
        "domestic"
    } else if vias.1.is_empty() {
        "conjoined"
    } else {
        vias.1
    }
}

/// The reasons of one (source, target) pair's event: the shared ones, then its parties.
fn pair_reasons(cx: &Clause, reasons: &[String], src: &Unit, tgt: Option<&Unit>, vias: Vias) -> Vec<String> {
    let doc = cx.doc;
    let mut r = reasons.to_vec();
    r.push(format!(
        "source {} \"{}\" ({}){}",
        src.actor_code(),
        doc.slice(src.span),
        vias.0,
        src.country_from.map(|f| format!("; its country from {f}")).unwrap_or_default()
    ));
    if let Some(tg) = tgt {
        match tg.country_from.filter(|_| is_domestic(tg, vias)) {
            Some(why) => r.push(format!("target {}: {why}", tg.actor_code())),
            None => r.push(format!(
                "target {} \"{}\" ({})",
                tg.actor_code(),
                doc.slice(tg.span),
                if vias.1.is_empty() { "conjoined" } else { vias.1 }
            )),
        }
    }
    r
}

/// The comma-bounded aside between a subject and its verb ("Japan, which has long sought
/// closer ties, sent ..."; "Chile, it said on Monday, will ..."): its first and last
/// comma, when both stand in `from..head`. What it says (its tense, its modals, its
/// intention verbs) is not the main verb's modality.
fn aside_between(doc: &Doc, from: usize, head: usize) -> Option<(usize, usize)> {
    let comma = |k: &usize| doc.tokens[*k].tag == Tag::Punct && doc.slice(doc.tokens[*k].span) == ",";
    let first = (from..head).find(comma)?;
    let last = (first + 1..head).rev().find(comma)?;
    Some((first, last))
}

/// A state speaking as one: a country or capital named as such, or its government, not
/// its people ("thousands of Lithuanians").
fn state_actor(doc: &Doc, u: &Unit) -> bool {
    let country = u.entity.and_then(|e| doc.entities.get(e)).is_some_and(|e| e.kind == EntityKind::Country);
    let named = (u.role.is_none() && (country || u.place)) || u.role.as_deref() == Some("GOV");
    named && u.org.is_none() && !u.partitive && !u.weak
}
