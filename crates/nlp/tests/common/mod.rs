//! Shared helpers for the nlp crate's tests: one analyser built from the built-in
//! dictionaries, and readable views of a document's layers.
#![allow(dead_code)]

use std::sync::{Arc, OnceLock};

use dateline_core::{Date, Doc, Published};
use dateline_dict::Lexicon;
use dateline_nlp::Analyzer;

/// The analyser over the built-in dictionaries, built once per test binary.
pub fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| {
        let lex = Lexicon::builtin().unwrap_or_else(|e| panic!("built-in dictionaries: {e}"));
        Analyzer::new(Arc::new(lex))
    })
}

/// `text` with every nlp layer.
pub fn analyzed(text: &str) -> Doc {
    let mut doc = Doc::new("t", text);
    analyzer().analyze(&mut doc);
    doc
}

/// `text` published on `date` (YYYY-MM-DD), with every nlp layer.
pub fn analyzed_on(text: &str, date: &str) -> Doc {
    let mut doc = Doc::new("t", text);
    let date = Date::parse(date).unwrap_or_else(|| panic!("bad test date {date}"));
    doc.meta.published = Some(Published { date, how: "given", why: "test".into() });
    analyzer().analyze(&mut doc);
    doc
}

/// The text of each sentence.
pub fn sentences(doc: &Doc) -> Vec<&str> {
    doc.sentences.iter().map(|s| doc.slice(s.span)).collect()
}

/// The text of each token.
pub fn tokens(doc: &Doc) -> Vec<&str> {
    doc.tokens.iter().map(|t| doc.slice(t.span)).collect()
}

/// The index of the token whose text is `word` (the first one).
pub fn token_index(doc: &Doc, word: &str) -> usize {
    doc.tokens
        .iter()
        .position(|t| doc.slice(t.span) == word)
        .unwrap_or_else(|| panic!("no token {word:?} in {:?}", tokens(doc)))
}

/// Every layer's spans lie in the text, on character boundaries, and in order where the
/// layer promises an order.
pub fn assert_layers_well_formed(doc: &Doc) {
    let ok = |s: dateline_core::Span| s.start <= s.end && doc.text.get(s.start..s.end).is_some();
    for t in &doc.tokens {
        assert!(ok(t.span) && !t.span.is_empty(), "token {:?}", t.span);
    }
    for s in &doc.sentences {
        assert!(ok(s.span), "sentence {:?}", s.span);
    }
    for m in &doc.mentions {
        assert!(ok(m.span), "mention {:?}", m.span);
    }
    for q in &doc.quotes {
        assert!(ok(q.span), "quote {:?}", q.span);
        assert!(q.speaker_span.is_none_or(ok));
        assert!(q.speaker.is_none_or(|e| e < doc.entities.len()));
    }
    for a in &doc.amounts {
        assert!(ok(a.span), "amount {:?}", a.span);
    }
    for w in doc.times.windows(2) {
        assert!(
            w[0].span.end <= w[1].span.start,
            "times overlap or are out of order: {:?} {:?}",
            doc.slice(w[0].span),
            doc.slice(w[1].span)
        );
    }
    for t in &doc.times {
        assert!(ok(t.span), "time {:?}", t.span);
    }
    for e in &doc.entities {
        assert!(e.mentions.iter().all(|m| ok(*m)), "entity {}", e.name);
    }
}
