//! Events told inside reported speech, whose actor is the speaker:
//! - a judgement predicated of an act or a party ("Beijing said the detention of its
//!   fishermen by the Philippine navy was unacceptable"): the speaker disapproves of
//!   the act's agent or of the party the judged thing belongs to, however long the
//!   subject between them (a pattern's gap reaches six words);
//! - a meeting named by a noun as the subject of what a party says ("a Turkish official
//!   said the talks with Greek diplomats were productive"): the speaker took part.

use dateline_core::Tag;

use super::actors::Unit;
use super::coding::{agent_after, Clause};
use super::{nearest_before, Coder, SUBJECT_REACH};

impl Coder {
    /// Whether the trigger is a judgement said of the clause's subject with a form of
    /// "be" ("was unacceptable", `be:a {unacceptable,...}` in verbs.txt): its source is
    /// the speaker, not the subject.
    pub(super) fn judgement(&self, cx: &Clause) -> bool {
        cx.t.words.len() == 2
            && !cx.t.noun
            && matches!(cx.t.code.get(..2), Some("11" | "05"))
            && self.words.passive_aux.at(cx.ask, cx.t.head)
    }

    /// The speaker of the judgement at the trigger: the subject of a speech verb before
    /// it, else a trailing attribution ("..., the minister said"); and what is judged:
    /// the agent of a judged act, else the first party between the speech verb and the
    /// judgement that is not the speaker.
    pub(super) fn judged<'u>(&self, cx: &Clause<'u>) -> Option<(&'u Unit, Option<&'u Unit>)> {
        let (doc, head, sa, units) = (cx.doc, cx.t.head, cx.sa(), cx.units);
        let say = (sa..head).rev().find(|&k| self.triggers.is_say(&cx.lower(k)));
        let (speaker, from) = match say {
            Some(k) => (nearest_before(units, k, sa, SUBJECT_REACH, doc, cx.ask)?, k + 1),
            None => (self.trailing_speaker(doc, units, head, cx.sz())?, sa),
        };
        let other = |u: &&Unit| u.key() != speaker.key() || u.role != speaker.role;
        let noun = (from..head).find(|&k| !matches!(doc.tokens[k].tag, Tag::Det | Tag::Adj | Tag::Num));
        let agent = noun
            .filter(|&k| doc.tokens[k].tag == Tag::Noun)
            .and_then(|k| agent_after(doc, units, k, head))
            .filter(|a| a.tokens.1 <= head && !a.weak && other(a));
        // A party first; else a country adjective on the judged thing ("the Iranian verdict").
        let within = |u: &&Unit| u.tokens.0 >= from && u.tokens.1 <= head && other(u) && u.country.is_some();
        let judged = agent
            .or_else(|| units.iter().find(|u| !u.weak && within(u)))
            .or_else(|| units.iter().find(|u| u.weak && within(u)));
        Some((speaker, judged))
    }

    /// The speaker who reports a meeting named by a noun as the subject of what it
    /// says ("said (that) the talks with X were ..."): a party to it.
    pub(super) fn reporter<'u>(&self, cx: &Clause<'u>) -> Option<&'u Unit> {
        let (doc, head, sa) = (cx.doc, cx.t.head, cx.sa());
        if !cx.t.noun || !self.lex.is_symmetric(&cx.t.code) {
            return None;
        }
        let mut k = head;
        while k > sa && matches!(doc.tokens[k - 1].tag, Tag::Det | Tag::Adj | Tag::Num | Tag::Part) {
            k -= 1;
        }
        if k == sa || !self.triggers.is_say(&cx.lower(k - 1)) {
            return None;
        }
        nearest_before(cx.units, k - 1, sa, SUBJECT_REACH, doc, cx.ask)
    }
}
