//! Sentence boundaries and coarse part-of-speech tags over the token layer.

use dateline_core::{Doc, Sentence, Span, Tag, TokenKind};

use crate::index::Index;

/// The longest sentence the later stages read, in tokens. The clause analysis of the
/// coder reads back and forth within a sentence, so its cost grows with the square of
/// a sentence's length; a "sentence" longer than this (a list, a transcript without
/// punctuation, a hostile page) is split, at a clause mark in the second half of the
/// window where there is one, and the document's diagnostics say so. News sentences
/// stay far below it (the longest in the benchmark sets have under 300 tokens).
pub const MAX_SENTENCE_TOKENS: usize = 400;

/// Splits the tokens into sentences: at `.`, `!`, `?` (with a closing quotation mark
/// kept in the sentence), at blank lines, and at line ends that close a line which
/// does not run on (a headline, a dateline paragraph). Abbreviations keep their period
/// inside the token, so they never end a sentence here. A sentence never runs past
/// [`MAX_SENTENCE_TOKENS`].
pub fn split(doc: &mut Doc) {
    let text = &doc.text;
    let toks = &doc.tokens;
    let mut sentences = Vec::new();
    let (mut forced, mut forced_count) = (None, 0usize);
    let mut start = 0usize;
    let n = toks.len();
    let mut i = 0usize;
    while i < n {
        let t = toks[i];
        let s = &text[t.span.start..t.span.end];
        let mut end_here = false;
        if t.kind == TokenKind::Punct && matches!(s, "." | "!" | "?") {
            // A run of marks ("...", "?!") ends a sentence once, at its last mark.
            while i + 1 < n
                && toks[i + 1].span.start == toks[i].span.end
                && matches!(&text[toks[i + 1].span.start..toks[i + 1].span.end], "." | "!" | "?")
            {
                i += 1;
            }
            // Keep closing quotes and brackets with the sentence.
            while i + 1 < n
                && (toks[i + 1].kind == TokenKind::Quote
                    || matches!(&text[toks[i + 1].span.start..toks[i + 1].span.end], ")" | "}"))
                && gap_has_no_space(text, toks[i].span.end, toks[i + 1].span.start)
            {
                i += 1;
            }
            // "... (2.5)" decimals are one token already; a period followed by a
            // lower-case word does not end a sentence ("approx. five").
            let next_lower =
                toks.get(i + 1).is_some_and(|nt| text[nt.span.start..].starts_with(|c: char| c.is_lowercase()));
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
        } else if i + 1 - start >= MAX_SENTENCE_TOKENS {
            let cut = clause_cut(text, toks, start, i + 1);
            sentences.push((start, cut));
            forced.get_or_insert(toks[cut - 1].span.end);
            forced_count += 1;
            start = cut;
        }
        i += 1;
    }
    if let Some(at) = forced {
        doc.warn(
            "nlp",
            format!("{forced_count} sentence(s) ran past {MAX_SENTENCE_TOKENS} tokens and were split (at a comma or semicolon where one was near), the first at byte {at}; an event whose words fall on both sides of a split is not coded"),
        );
    }
    let toks = &mut doc.tokens;
    for (si, &(a, b)) in sentences.iter().enumerate() {
        for t in &mut toks[a..b] {
            t.sentence = si as u32;
        }
        let span = Span::new(toks[a].span.start, toks[b - 1].span.end);
        doc.sentences.push(Sentence { span, tokens: (a, b) });
    }
}

/// Where to end an over-long sentence of tokens `a..b`: after the last clause mark
/// (`,` `;` `:` or a dash) in the second half, else at `b`.
fn clause_cut(text: &str, toks: &[dateline_core::Token], a: usize, b: usize) -> usize {
    let mid = a + (b - a) / 2;
    (mid..b)
        .rev()
        .find(|&k| {
            toks[k].kind == TokenKind::Punct
                && matches!(
                    &text[toks[k].span.start..toks[k].span.end],
                    "," | ";" | ":" | "\u{2014}" | "\u{2013}" | "--"
                )
        })
        .map_or(b, |k| k + 1)
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
    let [adv, neg, modal, aux, det, pron, conj, prep, noun_verb] =
        // not vocabulary: class names
        ["adv", "neg", "modal", "aux", "det", "pron", "conj", "prep", "noun-verb"].map(|c| index.bit(c));
    for si in 0..sentences.len() {
        let (a, b) = sentences[si].tokens;
        for i in a..b {
            let t = doc.tokens[i];
            let s = &text[t.span.start..t.span.end];
            lower.clear();
            lower.push_str(s);
            lower.make_ascii_lowercase();
            let prev_tag = if i > a { doc.tokens[i - 1].tag } else { Tag::Punct };
            let first = i == a
                || prev_tag == Tag::Punct
                    && matches!(
                        &text[doc.tokens[i - 1].span.start..doc.tokens[i - 1].span.end],
                        "\"" | "\u{201C}" | "(" | "\u{2014}" | "--" | ":"
                    );
            let capital = s.starts_with(|c: char| c.is_uppercase());
            let bits = index.bits(&lower);
            let tag = match t.kind {
                TokenKind::Number => Tag::Num,
                TokenKind::Punct | TokenKind::Quote | TokenKind::Symbol => Tag::Punct,
                TokenKind::Word => {
                    if capital && !first && !matches!(lower.as_str(), "i") {
                        Tag::Proper
                    } else if bits.has(adv) {
                        Tag::Adv
                    } else if bits.has(neg) && !bits.has(index.class.neg_other) {
                        Tag::Neg
                    } else if bits.has_any(&[modal, aux]) {
                        Tag::Aux
                    } else if lower == "to" {
                        Tag::Part
                    } else if bits.has(det) {
                        Tag::Det
                    } else if bits.has(pron) {
                        Tag::Pron
                    } else if bits.has(conj) {
                        Tag::Conj
                    } else if lower == "that" {
                        Tag::Part
                    } else if bits.has(prep) {
                        Tag::Prep
                    } else if capital && first && !index.verb_lemma.contains_key(lower.as_str()) {
                        Tag::Proper
                    } else if bits.has(noun_verb)
                        && matches!(prev_tag, Tag::Det | Tag::Adj | Tag::Proper | Tag::Num)
                        && !(prev_tag == Tag::Proper && verb_after_place_subject(doc, index, (a, b), i, &lower))
                    {
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

/// A noun-verb right after a place name that opens the clause ("Moscow cut gas supplies
/// to ...", "Israel strikes army posts ...", "Egypt and Jordan cut ties") is the clause's
/// verb, not the head of a compound ("the Moscow talks", "Iran talks collapsed"): the name
/// (a country or capital of the lexicon) starts the sentence or follows a conjunction or
/// comma, and what follows reads as the verb's object, not as the compound's verb.
fn verb_after_place_subject(doc: &Doc, index: &Index, (a, b): (usize, usize), i: usize, lower: &str) -> bool {
    let text = &doc.text;
    let mut j = i;
    while j > a && doc.tokens[j - 1].tag == Tag::Proper {
        j -= 1;
    }
    if j == i || i - j > 3 {
        return false;
    }
    let opens = j == a
        || matches!(doc.tokens[j - 1].tag, Tag::Conj | Tag::Punct)
        || (j - 1 == a && doc.tokens[j - 1].tag == Tag::Det);
    if !opens {
        return false;
    }
    let (start, end) = (doc.tokens[j].span.start, doc.tokens[i - 1].span.end);
    let name = text[start..end].to_lowercase();
    if index.country_by_name(&name).is_none() && index.country_by_capital(&name).is_none() {
        return false;
    }
    let Some(next) = doc.tokens.get(i + 1).filter(|_| i + 1 < b) else {
        return false;
    };
    let w = &text[next.span.start..next.span.end];
    match next.kind {
        TokenKind::Number => return true,
        TokenKind::Word => {}
        _ => return false,
    }
    if w.starts_with(|c: char| c.is_uppercase()) {
        return true;
    }
    let wl = w.to_lowercase();
    let bits = index.bits(&wl);
    // not vocabulary: class names
    let [det, pron, prep, adv, neg, modal, aux, conj] =
        ["det", "pron", "prep", "adv", "neg", "modal", "aux", "conj"].map(|c| index.bit(c));
    if bits.has_any(&[det, pron]) {
        return true;
    }
    if bits.has_any(&[prep, adv, neg, modal, aux, conj]) || wl == "to" || wl == "that" || wl.ends_with("ed") {
        return false;
    }
    if bits.has(index.class.noun_verb) || !index.verb_lemma.contains_key(wl.as_str()) {
        return true;
    }
    // A verb form next: "strikes targets" (both in -s: a verb and its plural object)
    // reads as the verb; "talks resume", "aid reaches" as a compound and its verb.
    wl.ends_with('s') && lower.ends_with('s')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzed(text: &str) -> Doc {
        let lex = crate::tests::lexicon();
        let mut doc = Doc::new("t", text);
        crate::analyze(&mut doc, &lex);
        doc
    }

    #[test]
    fn an_endless_sentence_is_split_and_said() {
        let clause = "the envoy of Borduria met farmers in the valley, and ";
        let text = clause.repeat(200);
        let doc = analyzed(&text);
        assert!(doc.sentences.len() > 1);
        for s in &doc.sentences {
            assert!(s.tokens.1 - s.tokens.0 <= MAX_SENTENCE_TOKENS);
        }
        // Cut after a comma: every piece but the last ends with one.
        let first = doc.sentences[0];
        assert!(doc.slice(first.span).ends_with(','), "{}", doc.slice(first.span));
        assert!(
            doc.diagnostics.iter().any(|d| d.stage == "nlp" && d.message.contains("split")),
            "{:?}",
            doc.diagnostics
        );
        // No comma at all: cut at the bound.
        let doc = analyzed(&"word ".repeat(1000));
        assert_eq!(doc.sentences[0].tokens.1 - doc.sentences[0].tokens.0, MAX_SENTENCE_TOKENS);
    }

    #[test]
    fn ordinary_sentences_are_not_split() {
        let doc = analyzed("The envoy met farmers. They talked, and left.\n\nA new paragraph.");
        assert_eq!(doc.sentences.len(), 3);
        assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    }

    fn tag_of(text: &str, word: &str) -> Tag {
        let doc = analyzed(text);
        let t = doc.tokens.iter().find(|t| doc.slice(t.span) == word);
        t.map_or(Tag::Punct, |t| t.tag)
    }

    #[test]
    fn a_noun_verb_after_a_place_subject_is_the_verb() {
        // The verb of the clause, with its object after it.
        assert_eq!(tag_of("Lisbon cut fuel shipments to Angola in March.", "cut"), Tag::Verb);
        assert_eq!(tag_of("Chile bans Bolivian trucks from its ports.", "bans"), Tag::Verb);
        assert_eq!(tag_of("Peru and Ecuador cut their tariffs on rice.", "cut"), Tag::Verb);
        assert_eq!(tag_of("Portugal strikes 3 camps, officials say.", "strikes"), Tag::Verb);
        // The head of a compound: its verb follows, or a preposition, or a determiner and
        // a name that do not open the clause.
        assert_eq!(tag_of("Lisbon talks collapsed on Friday.", "talks"), Tag::Noun);
        assert_eq!(tag_of("Chile talks resume in Lima.", "talks"), Tag::Noun);
        assert_eq!(tag_of("Peru aid reaches the flooded towns.", "aid"), Tag::Noun);
        assert_eq!(tag_of("Portugal strikes on shipping ended.", "strikes"), Tag::Noun);
        assert_eq!(tag_of("The farmers heard the Lisbon talks went well.", "talks"), Tag::Noun);
        // Not a place: a person or a demonym keeps the compound reading.
        assert_eq!(tag_of("Chilean strikes hit copper output.", "strikes"), Tag::Noun);
    }
}
