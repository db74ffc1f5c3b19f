//! Amounts: a number, an optional scale word or suffix, and a unit (currencies by
//! symbol or word, units from the dictionaries), through the crate's public analyser.

mod common;
use common::*;

fn amounts(text: &str) -> Vec<(String, f64, String)> {
    let doc = analyzed(text);
    doc.amounts.iter().map(|a| (doc.slice(a.span).to_string(), a.value, a.unit.clone())).collect()
}

fn one(text: &str) -> (String, f64, String) {
    let a = amounts(text);
    assert_eq!(a.len(), 1, "{text}: {a:?}");
    a[0].clone()
}

#[test]
fn a_currency_symbol_before_the_number() {
    assert_eq!(one("It costs $300 a month."), ("$300".into(), 300.0, "usd".into()));
    assert_eq!(one("a fine of \u{20AC}45 for each"), ("\u{20AC}45".into(), 45.0, "eur".into()));
    assert_eq!(one("a \u{00A3}7 ticket"), ("\u{00A3}7".into(), 7.0, "gbp".into()));
}

#[test]
fn a_scale_word_multiplies() {
    assert_eq!(one("a $4.5 billion loan"), ("$4.5 billion".into(), 4.5e9, "usd".into()));
    assert_eq!(one("\u{00A3}2 million was raised"), ("\u{00A3}2 million".into(), 2e6, "gbp".into()));
}

#[test]
fn a_scale_suffix_multiplies() {
    assert_eq!(one("a $12M grant"), ("$12M".into(), 12e6, "usd".into()));
    assert_eq!(one("a $1.2bn plant"), ("$1.2bn".into(), 1.2e9, "usd".into()));
}

#[test]
fn a_currency_word_after_the_number() {
    assert_eq!(one("70 million dollars in aid"), ("70 million dollars".into(), 7e7, "usd".into()));
    assert_eq!(one("500 US dollars each"), ("500 US dollars".into(), 500.0, "usd".into()));
    assert_eq!(one("300 rubles a day"), ("300 rubles".into(), 300.0, "rub".into()));
}

#[test]
fn thousands_separators_and_decimals_give_the_value() {
    assert_eq!(one("some 4,000 troops"), ("4,000 troops".into(), 4000.0, "troops".into()));
    assert_eq!(one("1,250.5 kilometres"), ("1,250.5 kilometres".into(), 1250.5, "km".into()));
}

#[test]
fn percentages_by_word_and_by_sign() {
    assert_eq!(one("up 15 percent"), ("15 percent".into(), 15.0, "percent".into()));
    assert_eq!(one("up 15 per cent"), ("15 per cent".into(), 15.0, "percent".into()));
    assert_eq!(one("up 15% on the year"), ("15%".into(), 15.0, "percent".into()));
}

#[test]
fn one_modifier_may_stand_between_number_and_unit() {
    assert_eq!(one("25,000 metric tons of grain"), ("25,000 metric tons".into(), 25000.0, "ton".into()));
    assert_eq!(one("700 armed fighters"), ("700 armed fighters".into(), 700.0, "troops".into()));
}

#[test]
fn people_counted_are_amounts() {
    assert_eq!(one("about 300 protesters gathered"), ("300 protesters".into(), 300.0, "people".into()));
}

#[test]
fn a_number_with_no_unit_is_no_amount() {
    assert!(amounts("Route 66 was closed for 3 of them.").is_empty());
}

#[test]
fn ordinals_are_no_amounts() {
    assert!(amounts("on the 5th day, the 2nd people's congress").is_empty());
}

#[test]
fn number_words_are_not_read_as_amounts() {
    // Only digits start an amount; "twelve people" is a count the coder reads.
    assert!(amounts("twelve people").is_empty());
}

#[test]
fn two_amounts_in_a_sentence_are_both_found_in_order() {
    let a = amounts("The strike cost $3 million and idled 2,000 workers.");
    assert_eq!(a, [("$3 million".into(), 3e6, "usd".into()), ("2,000 workers".into(), 2000.0, "people".into())]);
}

#[test]
fn a_year_before_a_unit_is_an_amount_and_no_year() {
    let doc = analyzed("Some 2000 troops crossed.");
    assert_eq!(doc.amounts.len(), 1);
    assert!(doc.times.is_empty(), "{:?}", doc.times.iter().map(|t| doc.slice(t.span)).collect::<Vec<_>>());
}

#[test]
fn a_unit_across_a_sentence_end_is_not_joined() {
    // "5." ends the sentence; "Troops" starts the next one.
    let a = amounts("The score was 5. Troops left.");
    assert!(a.is_empty(), "{a:?}");
}

#[test]
fn a_user_dictionary_adds_a_scale_and_a_currency_sign() {
    let mut lex = dateline_dict::Lexicon::builtin().unwrap_or_else(|e| panic!("built-in dictionaries: {e}"));
    let user = "scale-1e5 | lakh\ncurrency-sign | ₹\nunit-inr | rupees; ₹\n";
    lex.add_file("user/lexicon.txt", "lexicon.txt", user).unwrap_or_else(|e| panic!("user lexicon: {e}"));
    let analyzer = dateline_nlp::Analyzer::new(std::sync::Arc::new(lex));
    let mut doc = dateline_core::Doc::new("t", "The fund paid ₹4 lakh to each family.");
    analyzer.analyze(&mut doc);
    let a: Vec<(&str, f64, &str)> = doc.amounts.iter().map(|a| (doc.slice(a.span), a.value, a.unit.as_str())).collect();
    assert_eq!(a, [("₹4 lakh", 400_000.0, "inr")]);
}
