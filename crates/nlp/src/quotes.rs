//! Quotations and their speakers: `"...," Lavrov said.`, `"...," he said.`,
//! `He said: "..."`, and a quotation inside reported speech
//! (`Kazakbayev said the visit is viewed as "the evidence of ..."`).

use dateline_core::{Doc, MentionKind, Quote, Span, TokenKind};

use crate::index::Index;

/// Quotations shorter than this many words are scare quotes, not quotations.
const MIN_WORDS: usize = 3;

fn opens(doc: &Doc, i: usize) -> Option<bool> {
    let t = doc.tokens[i];
    let s = doc.slice(t.span);
    match s {
        "\u{201C}" | "\u{201E}" | "\u{00AB}" | "``" => Some(true),
        "\u{201D}" | "\u{00BB}" | "''" => Some(false),
        "\"" => {
            let before = doc.text[..t.span.start].chars().next_back();
            let after = doc.text[t.span.end..].chars().next();
            let space_before = before.is_none_or(|c| c.is_whitespace() || "([{:—–-".contains(c));
            let space_after = after.is_none_or(|c| c.is_whitespace() || ",.;:!?)".contains(c));
            Some(space_before || !space_after)
        }
        _ => None,
    }
}

pub fn find(doc: &mut Doc, index: &Index) {
    let marks: Vec<(usize, bool)> = (0..doc.tokens.len())
        .filter(|&i| doc.tokens[i].kind == TokenKind::Quote)
        .filter_map(|i| opens(doc, i).map(|o| (i, o)))
        .collect();
    let mut quotes = Vec::new();
    let mut open: Option<usize> = None;
    for (i, is_open) in marks {
        match (open, is_open) {
            (None, true) => open = Some(i),
            (Some(_), true) => open = Some(i), // an unclosed quote: start again
            (Some(o), false) => {
                open = None;
                let (a, z) = (o + 1, i);
                if z <= a {
                    continue;
                }
                let words = (a..z).filter(|&k| doc.tokens[k].kind == TokenKind::Word).count();
                if words < MIN_WORDS {
                    continue;
                }
                let mut span = Span::new(doc.tokens[a].span.start, doc.tokens[z - 1].span.end);
                // Drop the comma that ends a quotation before its attribution.
                if doc.slice(doc.tokens[z - 1].span) == "," && z - 1 > a {
                    span.end = doc.tokens[z - 2].span.end;
                }
                let (speaker, speaker_span, why) = attribute(doc, index, o, i);
                quotes.push(Quote { span, speaker, speaker_span, why });
            }
            (None, false) => {}
        }
    }
    doc.quotes = quotes;
}

fn is_say(doc: &Doc, index: &Index, i: usize) -> bool {
    let w = doc.slice(doc.tokens[i].span).to_ascii_lowercase();
    index.verb_lemma.get(&w).is_some_and(|l| index.in_class("say", l))
}

/// The mention that names the speaker, by token position.
fn mention_at(doc: &Doc, i: usize) -> Option<usize> {
    doc.mentions.iter().position(|m| {
        m.tokens.0 <= i
            && i < m.tokens.1
            && matches!(
                m.kind,
                MentionKind::Person
                    | MentionKind::Pronoun
                    | MentionKind::Org
                    | MentionKind::Agent
                    | MentionKind::Country
                    | MentionKind::Capital
            )
    })
}

fn attribute(doc: &Doc, index: &Index, open: usize, close: usize) -> (Option<usize>, Option<Span>, &'static str) {
    let sent_close = doc.tokens[close].sentence;
    // After the closing mark: ', Lavrov said' or ', said Lavrov'.
    let mut k = close + 1;
    let limit = (close + 10).min(doc.tokens.len());
    while k < limit && doc.tokens[k].sentence == sent_close {
        if doc.tokens[k].kind == TokenKind::Quote {
            break;
        }
        if is_say(doc, index, k) {
            // subject before the verb, between the quote and it
            for j in (close + 1..k).rev() {
                if let Some(m) = mention_at(doc, j) {
                    let m = &doc.mentions[m];
                    return (m.entity, Some(m.span), "named after the quotation");
                }
            }
            for j in k + 1..(k + 6).min(doc.tokens.len()) {
                if let Some(m) = mention_at(doc, j) {
                    let m = &doc.mentions[m];
                    return (m.entity, Some(m.span), "named after the quotation");
                }
            }
        }
        k += 1;
    }
    // Before the opening mark, in the same sentence: 'X said: "...' or 'X said ... "...'.
    let sent_open = doc.tokens[open].sentence;
    let mut k = open;
    while k > 0 && doc.tokens[k - 1].sentence == sent_open {
        k -= 1;
        if is_say(doc, index, k) {
            for j in (doc.sentences[sent_open as usize].tokens.0..k).rev() {
                if let Some(m) = mention_at(doc, j) {
                    let m = &doc.mentions[m];
                    return (m.entity, Some(m.span), "the subject of the speech verb before the quotation");
                }
            }
        }
    }
    (None, None, "no attribution found")
}
