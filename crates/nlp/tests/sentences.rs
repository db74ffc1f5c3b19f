//! Sentence boundaries and tags: what `sentences::split` and `sentences::tag` promise,
//! through the crate's public analyser.

mod common;
use common::*;
use dateline_core::Tag;

#[test]
fn full_stops_question_and_exclamation_marks_end_sentences() {
    let doc = analyzed("The council met. Did it vote? It did!");
    assert_eq!(sentences(&doc), ["The council met.", "Did it vote?", "It did!"]);
}

#[test]
fn a_title_abbreviation_does_not_end_a_sentence() {
    let doc = analyzed("Gen. Arlo Penn met Dr. Mira Sol on Monday. They spoke for an hour.");
    assert_eq!(sentences(&doc), ["Gen. Arlo Penn met Dr. Mira Sol on Monday.", "They spoke for an hour."]);
}

#[test]
fn dotted_abbreviations_do_not_end_a_sentence() {
    let doc = analyzed("The U.N. envoy and the U.S. delegation arrived at 9 a.m. on Friday. Talks began.");
    assert_eq!(sentences(&doc).len(), 2, "{:?}", sentences(&doc));
}

#[test]
fn decimals_do_not_end_a_sentence() {
    let doc = analyzed("Prices rose 2.5 percent in May. Wages did not.");
    assert_eq!(sentences(&doc), ["Prices rose 2.5 percent in May.", "Wages did not."]);
}

#[test]
fn a_full_stop_before_a_lower_case_word_does_not_end_a_sentence() {
    let doc = analyzed("The team won the semi. final in the capital. Fans cheered.");
    assert_eq!(sentences(&doc).len(), 2, "{:?}", sentences(&doc));
}

#[test]
fn a_closing_quotation_mark_stays_with_its_sentence() {
    let doc = analyzed("She said: \u{201C}We will stay.\u{201D} Then she left.");
    assert_eq!(sentences(&doc), ["She said: \u{201C}We will stay.\u{201D}", "Then she left."]);
    let doc = analyzed("He said: \"We will stay.\" Then he left.");
    assert_eq!(sentences(&doc), ["He said: \"We will stay.\"", "Then he left."]);
}

#[test]
fn a_closing_bracket_stays_with_its_sentence() {
    let doc = analyzed("The road is shut. (It reopens on Friday.) Drivers wait.");
    assert_eq!(sentences(&doc), ["The road is shut.", "(It reopens on Friday.)", "Drivers wait."]);
}

#[test]
fn a_blank_line_ends_a_sentence_without_a_full_stop() {
    let doc = analyzed("Floods close mountain pass\n\nHeavy rain shut the pass on Tuesday.");
    assert_eq!(sentences(&doc), ["Floods close mountain pass", "Heavy rain shut the pass on Tuesday."]);
}

#[test]
fn a_line_break_ends_a_line_that_does_not_run_on() {
    let doc = analyzed("Port strike enters third day\nDockers stayed out on Wednesday.");
    assert_eq!(sentences(&doc).len(), 2, "{:?}", sentences(&doc));
}

#[test]
fn a_line_break_before_a_lower_case_word_runs_on() {
    let doc = analyzed("The minister said the port\nwould reopen soon.");
    assert_eq!(sentences(&doc), ["The minister said the port\nwould reopen soon."]);
}

#[test]
fn an_ellipsis_does_not_make_sentences_of_full_stops() {
    let doc = analyzed("The talks stalled... Then the envoy left.");
    for s in sentences(&doc) {
        assert!(s.chars().any(char::is_alphanumeric), "a sentence of punctuation only: {:?}", sentences(&doc));
    }
}

#[test]
fn text_without_a_final_full_stop_is_one_sentence() {
    let doc = analyzed("Rescuers searched the rubble");
    assert_eq!(sentences(&doc), ["Rescuers searched the rubble"]);
}

#[test]
fn empty_and_blank_text_have_no_sentences() {
    assert!(analyzed("").sentences.is_empty());
    assert!(analyzed(" \n\n\t ").sentences.is_empty());
}

#[test]
fn sentences_tile_the_tokens_in_order() {
    let doc = analyzed("One. Two words here! \u{201C}Three,\u{201D} he said.\n\nFour");
    let mut next = 0;
    for (i, s) in doc.sentences.iter().enumerate() {
        assert_eq!(s.tokens.0, next, "sentence {i} starts where the last ended");
        assert!(s.tokens.1 > s.tokens.0, "sentence {i} is empty");
        for t in &doc.tokens[s.tokens.0..s.tokens.1] {
            assert_eq!(t.sentence as usize, i);
            assert!(s.span.contains(t.span));
        }
        next = s.tokens.1;
    }
    assert_eq!(next, doc.tokens.len());
    assert_layers_well_formed(&doc);
}

#[test]
fn an_overlong_sentence_is_split_and_the_document_says_so() {
    let text = "envoys met farmers in the valley and talked, ".repeat(120);
    let doc = analyzed(&text);
    assert!(doc.sentences.len() > 1);
    assert!(doc.sentences.iter().all(|s| s.tokens.1 - s.tokens.0 <= dateline_nlp_max()));
    assert!(doc.diagnostics.iter().any(|d| d.stage == "nlp"), "{:?}", doc.diagnostics);
}

/// The documented bound (sentences.rs: `MAX_SENTENCE_TOKENS`), which the crate does not export.
fn dateline_nlp_max() -> usize {
    400
}

#[test]
fn sentence_at_finds_the_sentence_of_a_byte() {
    let doc = analyzed("First one. Second one.");
    assert_eq!(doc.sentence_at(0), Some(0));
    assert_eq!(doc.sentence_at(12), Some(1));
    assert_eq!(doc.sentence_at(10), None, "the space between sentences is in none");
}

#[test]
fn closed_class_words_get_their_tags() {
    let doc = analyzed("The envoy will not sign the deal with them.");
    let tag = |w: &str| doc.tokens[token_index(&doc, w)].tag;
    assert_eq!(tag("The"), Tag::Det);
    assert_eq!(tag("will"), Tag::Aux);
    assert_eq!(tag("not"), Tag::Neg);
    assert_eq!(tag("sign"), Tag::Verb);
    assert_eq!(tag("with"), Tag::Prep);
    assert_eq!(tag("them"), Tag::Pron);
    assert_eq!(tag("."), Tag::Punct);
}

#[test]
fn a_capitalised_word_inside_a_sentence_is_proper() {
    let doc = analyzed("Farmers in Velmora protested.");
    assert_eq!(doc.tokens[token_index(&doc, "Velmora")].tag, Tag::Proper);
    // At the start of a sentence a known verb is not a name.
    let doc = analyzed("Protesters gathered. Signed agreements matter.");
    assert_ne!(doc.tokens[token_index(&doc, "Signed")].tag, Tag::Proper);
}

#[test]
fn numbers_are_tagged_num() {
    let doc = analyzed("About 4,000 people marched.");
    assert_eq!(doc.tokens[token_index(&doc, "4,000")].tag, Tag::Num);
}

#[test]
fn a_month_whose_name_is_its_abbreviation_ends_a_sentence() {
    // "Jan." is an abbreviation; "May." is the month May and a full stop.
    let doc = analyzed("Prices rose in May. Wages did not.");
    assert_eq!(sentences(&doc), ["Prices rose in May.", "Wages did not."]);
    let doc = analyzed("It opened on Jan. 5 in the capital.");
    assert_eq!(sentences(&doc).len(), 1, "{:?}", sentences(&doc));
}

#[test]
fn a_run_of_marks_ends_a_sentence_once() {
    let doc = analyzed("Did they really?! Nobody knew.");
    assert_eq!(sentences(&doc), ["Did they really?!", "Nobody knew."]);
    let doc = analyzed("The talks stalled... then resumed.");
    assert_eq!(sentences(&doc).len(), 1, "{:?}", sentences(&doc));
}
