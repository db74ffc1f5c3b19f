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

/// Relative words: open a clause after a comma or a noun.
const RELATIVE: &[&str] = &["who", "which", "whose", "whom", "where"];
/// Conditions: open a clause anywhere.
const CONDITION: &[&str] = &["if", "unless"];
/// Background: open a clause when a verb follows before the clause ends.
const BACKGROUND: &[&str] = &["after", "before", "since", "while", "when", "because", "although", "though", "whereas", "until", "as"];

/// A side clause: token range `[start, end)`, and whether it is a condition ("unless
/// Israel rescinds ..."), whose actors stay in view as the party a threat is aimed at.
#[derive(Debug, Clone, Copy)]
pub struct Side {
    pub start: usize,
    pub end: usize,
    pub condition: bool,
}

/// The side clauses of sentence `s`.
pub fn side_clauses(doc: &Doc, s: usize) -> Vec<Side> {
    let (a, z) = doc.sentences[s].tokens;
    let lower = |i: usize| doc.slice(doc.tokens[i].span).to_ascii_lowercase();
    let tag = |i: usize| doc.tokens[i].tag;
    let mut out: Vec<Side> = Vec::new();
    for k in a..z {
        if out.last().is_some_and(|c| k < c.end) {
            continue;
        }
        let w = lower(k);
        let prev = if k > a { lower(k - 1) } else { String::new() };
        let after_noun = k > a && matches!(tag(k - 1), Tag::Noun | Tag::Proper);
        let after_comma = prev == "," || k == a;
        let end = (k + 1..z).find(|&j| matches!(doc.slice(doc.tokens[j].span), "," | ";" | ":")).unwrap_or(z);
        let has_verb = (k + 1..end).any(|j| matches!(tag(j), Tag::Verb | Tag::Aux));
        let opens = if RELATIVE.contains(&w.as_str()) {
            after_comma || after_noun
        } else if w == "that" {
            // "a helicopter that was captured": a relative "that" stands after a noun and
            // before its verb; "said that" and "that Sudan must" are not relative.
            after_noun && k + 1 < z && matches!(tag(k + 1), Tag::Aux | Tag::Verb | Tag::Adv | Tag::Neg)
        } else if CONDITION.contains(&w.as_str()) {
            true
        } else if BACKGROUND.contains(&w.as_str()) {
            // "as" only opens a clause after a comma ("such as", "as part of" do not).
            (w != "as" || after_comma) && has_verb && subject_before_verb(doc, k + 1, end)
        } else {
            false
        };
        if opens && end > k + 1 {
            out.push(Side { start: k, end, condition: CONDITION.contains(&w.as_str()) });
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
