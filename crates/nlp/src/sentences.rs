//! Sentence boundaries and coarse part-of-speech tags over the token layer.

use dateline_core::{Doc, Sentence, Span, Tag, TokenKind};

use crate::index::Index;

/// Splits the tokens into sentences: at `.`, `!`, `?` (with a closing quotation mark
/// kept in the sentence), at blank lines, and at line ends that close a line which
/// does not run on (a headline, a dateline paragraph). Abbreviations keep their period
/// inside the token, so they never end a sentence here.
pub fn split(doc: &mut Doc) {
    let text = &doc.text;
    let toks = &mut doc.tokens;
    let mut sentences = Vec::new();
    let mut start = 0usize;
    let n = toks.len();
    let mut i = 0usize;
    while i < n {
        let t = toks[i];
        let s = &text[t.span.start..t.span.end];
        let mut end_here = false;
        if t.kind == TokenKind::Punct && matches!(s, "." | "!" | "?") {
            // Keep closing quotes and brackets with the sentence.
            while i + 1 < n && (toks[i + 1].kind == TokenKind::Quote || matches!(&text[toks[i + 1].span.start..toks[i + 1].span.end], ")" | "}")) && gap_has_no_space(text, toks[i].span.end, toks[i + 1].span.start) {
                i += 1;
            }
            // "... (2.5)" decimals are one token already; a period followed by a
            // lower-case word does not end a sentence ("approx. five").
            let next_lower = toks.get(i + 1).is_some_and(|nt| text[nt.span.start..].starts_with(|c: char| c.is_lowercase()));
            end_here = !next_lower;
        }
        if !end_here && i + 1 < n {
            let gap = &text[toks[i].span.end..toks[i + 1].span.start];
            let newlines = gap.matches('\n').count();
            if newlines >= 2 {
                end_here = true;
            } else if newlines == 1 {
                // A single line break ends a sentence unless the line runs on into a
                // lower-case continuation.
                let runs_on = text[toks[i + 1].span.start..].starts_with(|c: char| c.is_lowercase());
                end_here = !runs_on;
            }
        }
        if end_here || i + 1 == n {
            sentences.push((start, i + 1));
            start = i + 1;
        }
        i += 1;
    }
    for (si, &(a, b)) in sentences.iter().enumerate() {
        for t in &mut toks[a..b] {
            t.sentence = si as u32;
        }
        let span = Span::new(toks[a].span.start, toks[b - 1].span.end);
        doc.sentences.push(Sentence { span, tokens: (a, b) });
    }
}

fn gap_has_no_space(text: &str, a: usize, b: usize) -> bool {
    text.get(a..b).is_some_and(|g| !g.contains('\n'))
}

/// Tags each token with a coarse part of speech from the closed classes of the
/// lexicon, the verb forms of the dictionaries, capitalisation and suffixes.
pub fn tag(doc: &mut Doc, index: &Index) {
    let text = &doc.text;
    let sentences = &doc.sentences;
    let mut lower = String::new();
    let [adv, neg, modal, aux, det, pron, conj, prep, noun_verb] = ["adv", "neg", "modal", "aux", "det", "pron", "conj", "prep", "noun-verb"].map(|c| index.bit(c));
    for si in 0..sentences.len() {
        let (a, b) = sentences[si].tokens;
        for i in a..b {
            let t = doc.tokens[i];
            let s = &text[t.span.start..t.span.end];
            lower.clear();
            lower.push_str(s);
            lower.make_ascii_lowercase();
            let prev_tag = if i > a { doc.tokens[i - 1].tag } else { Tag::Punct };
            let first = i == a || prev_tag == Tag::Punct && matches!(&text[doc.tokens[i - 1].span.start..doc.tokens[i - 1].span.end], "\"" | "\u{201C}" | "(" | "\u{2014}" | "--" | ":");
            let capital = s.starts_with(|c: char| c.is_uppercase());
            let bits = index.bits(&lower);
            let tag = match t.kind {
                TokenKind::Number => Tag::Num,
                TokenKind::Punct | TokenKind::Quote | TokenKind::Symbol => Tag::Punct,
                TokenKind::Word => {
                    if capital && !first && !matches!(lower.as_str(), "i") {
                        Tag::Proper
                    } else if bits & adv != 0 {
                        Tag::Adv
                    } else if bits & neg != 0 && !matches!(lower.as_str(), "neither" | "nor" | "no") {
                        Tag::Neg
                    } else if bits & (modal | aux) != 0 {
                        Tag::Aux
                    } else if lower == "to" {
                        Tag::Part
                    } else if bits & det != 0 {
                        Tag::Det
                    } else if bits & pron != 0 {
                        Tag::Pron
                    } else if bits & conj != 0 {
                        Tag::Conj
                    } else if lower == "that" {
                        Tag::Part
                    } else if bits & prep != 0 {
                        Tag::Prep
                    } else if capital && first && !index.verb_lemma.contains_key(lower.as_str()) {
                        Tag::Proper
                    } else if bits & noun_verb != 0 && matches!(prev_tag, Tag::Det | Tag::Adj | Tag::Proper | Tag::Num) {
                        Tag::Noun
                    } else if index.verb_lemma.contains_key(lower.as_str()) {
                        Tag::Verb
                    } else if lower.ends_with("ly") && lower.len() > 4 {
                        Tag::Adv
                    } else if lower.ends_with("ed") && lower.len() > 4 {
                        Tag::Verb
                    } else {
                        Tag::Noun
                    }
                }
            };
            doc.tokens[i].tag = tag;
        }
    }
}
