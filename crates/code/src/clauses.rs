//! Side clauses: the parts of a sentence that tell something other than its event —
//! relative clauses (", who visited Moscow last year,", "a helicopter that was
//! captured"), "where" clauses, conditions ("unless the president resigns") and
//! background clauses with a verb of their own (", as authorities cracked down on",
//! "one day after a jet shot down"). An act named there is not the sentence's event
//! when the sentence names one outside them, and the actors named there are not the
//! main verb's subject or object.
//!
//! The words are grammatical glue the clause analysis keys on, like "by" for passives.

use dateline_core::{Doc, Tag};

use crate::words::Ask;

/// What a word may open.
#[derive(PartialEq)]
enum Opener {
    /// "who", "which", "where": a relative clause, after a comma or a noun.
    Relative,
    /// "that" after a noun and before a verb.
    That,
    /// "if", "unless": a condition, anywhere.
    Condition,
    /// "after", "as", "when" ...: background, when a clause (subject and verb) follows.
    Background,
}

fn opener(ask: &Ask, w: &str, k: usize) -> Option<Opener> {
    if w.eq_ignore_ascii_case("that") {
        return Some(Opener::That);
    }
    if ask.relative.at(ask, k) {
        Some(Opener::Relative)
    } else if ask.condition.at(ask, k) {
        Some(Opener::Condition)
    } else if ask.background.at(ask, k) {
        Some(Opener::Background)
    } else {
        None
    }
}

/// A side clause: token range `[start, end)`, and whether it is a condition ("unless
/// Israel rescinds ..."), whose actors stay in view as the party a threat is aimed at.
#[derive(Debug, Clone, Copy)]
pub struct Side {
    pub start: usize,
    pub end: usize,
    pub condition: bool,
}

/// The side clauses of sentence `s`.
pub fn side_clauses(doc: &Doc, s: usize, ask: &Ask) -> Vec<Side> {
    let (a, z) = doc.sentences[s].tokens;
    let word = |i: usize| doc.slice(doc.tokens[i].span);
    let tag = |i: usize| doc.tokens[i].tag;
    let mut out: Vec<Side> = Vec::new();
    for k in a..z {
        let w = word(k);
        let Some(kind) = opener(ask, w, k) else { continue };
        if out.last().is_some_and(|c| k < c.end) {
            continue;
        }
        let (relative, that, condition) = (kind == Opener::Relative, kind == Opener::That, kind == Opener::Condition);
        let after_noun = k > a && matches!(tag(k - 1), Tag::Noun | Tag::Proper);
        let after_comma = k == a || word(k - 1) == ",";
        let end = (k + 1..z).find(|&j| matches!(word(j), "," | ";" | ":")).unwrap_or(z);
        let opens = if relative {
            after_comma || after_noun
        } else if that {
            // "a helicopter that was captured": a relative "that" stands after a noun and
            // before its verb; "said that" and "that Sudan must" are not relative.
            after_noun && k + 1 < z && matches!(tag(k + 1), Tag::Aux | Tag::Verb | Tag::Adv | Tag::Neg)
        } else if condition {
            true
        } else {
            // "as" only opens a clause after a comma ("such as", "as part of" do not).
            (!w.eq_ignore_ascii_case("as") || after_comma) && subject_before_verb(doc, k + 1, end)
        };
        if opens && end > k + 1 {
            out.push(Side { start: k, end, condition });
        }
    }
    out
}

/// A clause, not a phrase: some word before its first verb ("after a jet shot down",
/// not "after talking").
fn subject_before_verb(doc: &Doc, from: usize, end: usize) -> bool {
    match (from..end).find(|&j| matches!(doc.tokens[j].tag, Tag::Verb | Tag::Aux)) {
        Some(v) => v > from,
        None => false,
    }
}

/// Whether token `k` stands inside one of `side`.
pub fn inside(side: &[Side], k: usize) -> bool {
    side.iter().any(|c| c.start <= k && k < c.end)
}

/// Whether token `k` stands inside a side clause that is not a condition.
pub fn aside(side: &[Side], k: usize) -> bool {
    side.iter().any(|c| !c.condition && c.start <= k && k < c.end)
}
