//! Quotations and their speakers: what `quotes::find` promises (the words without the
//! marks, scare quotes left out, the speaker from the attribution after or before).

mod common;
use common::*;
use dateline_core::Doc;

/// (quoted words, speaker entity name or the speaker's words, why).
fn quotes(doc: &Doc) -> Vec<(String, Option<String>, &'static str)> {
    doc.quotes
        .iter()
        .map(|q| {
            let speaker = q
                .speaker
                .map(|e| doc.entities[e].name.clone())
                .or_else(|| q.speaker_span.map(|s| doc.slice(s).to_string()));
            (doc.slice(q.span).to_string(), speaker, q.why)
        })
        .collect()
}

const INTRO: &str = "Trade Minister Obed Lando arrived on Monday. ";

#[test]
fn a_name_after_the_quotation_and_before_the_verb_is_the_speaker() {
    let doc = analyzed(&format!("{INTRO}\u{201C}We will not sign this deal,\u{201D} Lando said."));
    assert_eq!(
        quotes(&doc),
        [("We will not sign this deal".to_string(), Some("Obed Lando".to_string()), "named after the quotation")]
    );
}

#[test]
fn a_name_after_the_verb_is_the_speaker() {
    let doc = analyzed(&format!("{INTRO}\"We will not sign this deal,\" said Lando."));
    assert_eq!(quotes(&doc)[0].1.as_deref(), Some("Obed Lando"));
}

#[test]
fn the_comma_before_the_attribution_is_not_quoted() {
    let doc = analyzed(&format!("{INTRO}\"The port stays closed,\" Lando said."));
    assert_eq!(quotes(&doc)[0].0, "The port stays closed");
}

#[test]
fn a_pronoun_speaker_is_the_person_it_points_to() {
    let doc = analyzed(&format!("{INTRO}\"We came to listen today,\" he said."));
    let q = &doc.quotes[0];
    assert_eq!(q.speaker.map(|e| doc.entities[e].name.as_str()), Some("Obed Lando"));
    assert_eq!(q.speaker_span.map(|s| doc.slice(s)), Some("he"));
}

#[test]
fn a_speaker_before_a_colon_and_the_quotation() {
    let doc = analyzed(&format!("{INTRO}Lando said: \"The talks have failed completely.\""));
    let q = quotes(&doc);
    assert_eq!(q[0].0, "The talks have failed completely.");
    assert_eq!(q[0].1.as_deref(), Some("Obed Lando"));
    assert_eq!(q[0].2, "the subject of the speech verb before the quotation");
}

#[test]
fn a_quotation_inside_reported_speech_belongs_to_the_subject() {
    let doc = analyzed(&format!("{INTRO}Lando said the accord was \"a step toward lasting calm\" for the region."));
    let q = quotes(&doc);
    assert_eq!(q[0].0, "a step toward lasting calm");
    assert_eq!(q[0].1.as_deref(), Some("Obed Lando"));
}

#[test]
fn a_quotation_spanning_two_sentences_is_one_quotation() {
    let doc = analyzed(&format!("{INTRO}\"We came in peace. We leave in peace,\" Lando said."));
    let q = quotes(&doc);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "We came in peace. We leave in peace");
    assert_eq!(q[0].1.as_deref(), Some("Obed Lando"));
}

#[test]
fn scare_quotes_of_fewer_than_three_words_are_no_quotation() {
    let doc = analyzed("Officials called the raid a \"routine check\" and moved on.");
    assert!(doc.quotes.is_empty(), "{:?}", quotes(&doc));
}

#[test]
fn a_quotation_without_attribution_has_no_speaker() {
    let doc = analyzed("\"Nobody will forget this day,\" a banner read.");
    let q = quotes(&doc);
    assert_eq!(q.len(), 1);
    assert_eq!((q[0].1.as_deref(), q[0].2), (None, "no attribution found"));
}

#[test]
fn an_unclosed_quotation_starts_again_at_the_next_opening_mark() {
    // A paragraph that runs on without a closing mark, as wire copy does for a
    // quotation continued in the next paragraph.
    let doc = analyzed(&format!(
        "{INTRO}\u{201C}We came a long way.\n\n\u{201C}We will stay here for now,\u{201D} Lando said."
    ));
    let q = quotes(&doc);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "We will stay here for now");
}

#[test]
fn straight_quotes_open_and_close_by_the_spaces_around_them() {
    let doc = analyzed(&format!("{INTRO}Lando said \"the border stays open\", and left."));
    assert_eq!(quotes(&doc)[0].0, "the border stays open");
}

#[test]
fn guillemets_and_doubled_marks_are_quotation_marks() {
    let doc = analyzed(&format!("{INTRO}\u{00AB}We reject this plan outright,\u{00BB} Lando said."));
    assert_eq!(quotes(&doc)[0].0, "We reject this plan outright");
    let doc = analyzed(&format!("{INTRO}``We reject this plan outright,'' Lando said."));
    assert_eq!(quotes(&doc)[0].0, "We reject this plan outright");
}

#[test]
fn an_attribution_in_the_next_sentence_is_not_read() {
    let doc = analyzed(&format!("{INTRO}\"The water is rising fast.\" Lando said nothing more."));
    assert_eq!(quotes(&doc)[0].1, None, "{:?}", quotes(&doc));
}

#[test]
fn quotation_spans_lie_in_the_text() {
    let doc = analyzed(&format!(
        "{INTRO}\u{201C}\u{00C9}t\u{00E9} sans fin, vraiment,\u{201D} Lando said. \"Unclosed and lonely words"
    ));
    assert_layers_well_formed(&doc);
}
