//! Tokens: what `tokens::tokenize` promises (byte offsets, hyphens and clitics split,
//! dotted abbreviations whole), through the crate's public analyser.

mod common;
use common::*;
use dateline_core::TokenKind;

fn toks(text: &str) -> Vec<String> {
    tokens(&analyzed(text)).into_iter().map(str::to_string).collect()
}

#[test]
fn hyphenated_words_split_at_the_hyphen() {
    assert_eq!(toks("a Franco-German plan"), ["a", "Franco", "-", "German", "plan"]);
}

#[test]
fn possessive_and_contracted_clitics_split() {
    assert_eq!(toks("Varga's aides"), ["Varga", "'s", "aides"]);
    assert_eq!(toks("they're here"), ["they", "'re", "here"]);
    assert_eq!(toks("we've won"), ["we", "'ve", "won"]);
    assert_eq!(toks("she'll go"), ["she", "'ll", "go"]);
    assert_eq!(toks("won't stop"), ["wo", "n't", "stop"]);
}

#[test]
fn typographic_apostrophes_split_like_straight_ones() {
    assert_eq!(toks("Varga\u{2019}s aides"), ["Varga", "\u{2019}s", "aides"]);
    assert_eq!(toks("didn\u{2019}t sign"), ["did", "n\u{2019}t", "sign"]);
}

#[test]
fn an_internal_apostrophe_stays_in_a_name() {
    assert_eq!(toks("D'Souza and O'Neill"), ["D'Souza", "and", "O'Neill"]);
}

#[test]
fn dotted_and_listed_abbreviations_stay_whole() {
    assert_eq!(toks("U.S.A. and Sen. Ruiz"), ["U.S.A.", "and", "Sen.", "Ruiz"]);
    assert_eq!(toks("at 6 p.m. sharp"), ["at", "6", "p.m.", "sharp"]);
    assert_eq!(toks("Ada K. Moss"), ["Ada", "K.", "Moss"]);
}

#[test]
fn an_unlisted_word_before_a_full_stop_loses_it() {
    assert_eq!(toks("They left."), ["They", "left", "."]);
}

#[test]
fn thousands_separators_and_decimals_stay_in_the_number() {
    assert_eq!(toks("1,200.50 and 3.75"), ["1,200.50", "and", "3.75"]);
    // A comma or stop not followed by a digit is punctuation.
    assert_eq!(toks("In 2020, 40 died."), ["In", "2020", ",", "40", "died", "."]);
}

#[test]
fn a_number_with_a_scale_suffix_is_one_number_token() {
    let doc = analyzed("$12M");
    assert_eq!(tokens(&doc), ["$", "12M"]);
    assert_eq!(doc.tokens[0].kind, TokenKind::Symbol);
    assert_eq!(doc.tokens[1].kind, TokenKind::Number);
}

#[test]
fn quotation_marks_of_every_kind_are_quote_tokens() {
    for q in ["\"", "\u{201C}", "\u{201D}", "\u{00AB}", "\u{00BB}", "\u{201E}", "``", "''"] {
        let text = format!("{q}Stop{q}");
        let doc = analyzed(&text);
        assert_eq!(doc.tokens[0].kind, TokenKind::Quote, "{q}");
        assert_eq!(doc.slice(doc.tokens[0].span), q);
    }
}

#[test]
fn dashes_and_symbols() {
    let doc = analyzed("calm -- then \u{2014} 5% \u{20AC}3");
    assert_eq!(tokens(&doc), ["calm", "--", "then", "\u{2014}", "5", "%", "\u{20AC}", "3"]);
    assert_eq!(doc.tokens[1].kind, TokenKind::Punct);
    assert_eq!(doc.tokens[3].kind, TokenKind::Punct);
    assert_eq!(doc.tokens[5].kind, TokenKind::Symbol);
    assert_eq!(doc.tokens[6].kind, TokenKind::Symbol);
}

#[test]
fn letters_beyond_ascii_are_words_with_byte_offsets() {
    let text = "Zürich and Łódź signed";
    let doc = analyzed(text);
    assert_eq!(tokens(&doc), ["Zürich", "and", "Łódź", "signed"]);
    assert_eq!(doc.tokens[2].span.start, "Zürich and ".len());
    assert!(doc.tokens.iter().all(|t| t.kind == TokenKind::Word));
}

#[test]
fn whitespace_of_every_kind_separates_and_is_never_a_token() {
    let doc = analyzed("one\ttwo\u{00A0}three\u{3000}four\r\nfive");
    assert_eq!(tokens(&doc), ["one", "two", "three", "four", "five"]);
}

#[test]
fn a_stray_apostrophe_is_punctuation() {
    let doc = analyzed("' alone");
    assert_eq!(doc.tokens[0].kind, TokenKind::Punct);
}

#[test]
fn tokens_are_in_order_and_never_empty() {
    let doc = analyzed("\u{201C}Don\u{2019}t,\u{201D} said Gen. O'Hara -- 4,000.5 km\u{2026} ok?!");
    let mut last = 0;
    for t in &doc.tokens {
        assert!(t.span.start >= last && t.span.end > t.span.start, "{:?}", tokens(&doc));
        last = t.span.end;
    }
    assert_layers_well_formed(&doc);
}
