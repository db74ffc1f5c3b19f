//! Mentions and entities: countries (names, adjectives, capitals), organisations (from
//! the dictionary and defined inline), people (by title, from the dictionary), and the
//! later mentions that point back to them (surnames, descriptions, pronouns).

mod common;
use common::*;
use dateline_core::{Doc, Entity, EntityKind, MentionKind};

fn entity<'a>(doc: &'a Doc, name: &str) -> &'a Entity {
    doc.entities.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no entity {name:?}: {:?}", names(doc)))
}

fn names(doc: &Doc) -> Vec<String> {
    doc.entities.iter().map(|e| format!("{} ({})", e.name, e.kind.as_str())).collect()
}

fn mention_kinds(doc: &Doc) -> Vec<(String, MentionKind)> {
    doc.mentions.iter().map(|m| (doc.slice(m.span).to_string(), m.kind)).collect()
}

fn mentions_of<'a>(doc: &'a Doc, e: &Entity) -> Vec<&'a str> {
    e.mentions.iter().map(|s| doc.slice(*s)).collect()
}

#[test]
fn a_country_name_is_a_country_entity_with_its_codes() {
    let doc = analyzed("Kenya closed its border on Monday.");
    let e = entity(&doc, "Kenya");
    assert_eq!(e.kind, EntityKind::Country);
    assert_eq!(e.country.as_deref(), Some("KEN"));
    assert_eq!(e.actor.as_deref(), Some("KEN"));
    assert!(!e.entries.is_empty(), "the dictionary line that named it");
}

#[test]
fn every_mention_of_a_country_joins_one_entity() {
    let doc = analyzed("Kenya protested. Officials said Kenya would respond.");
    let e = entity(&doc, "Kenya");
    assert_eq!(mentions_of(&doc, e), ["Kenya", "Kenya"]);
    assert_eq!(doc.entities.iter().filter(|e| e.kind == EntityKind::Country).count(), 1);
}

#[test]
fn an_adjective_is_a_demonym_mention_of_its_country() {
    let doc = analyzed("Ugandan farmers blocked the road.");
    let m = doc
        .mentions
        .iter()
        .find(|m| doc.slice(m.span) == "Ugandan")
        .unwrap_or_else(|| panic!("{:?}", mention_kinds(&doc)));
    assert_eq!(m.kind, MentionKind::Demonym);
    assert_eq!(m.country.as_deref(), Some("UGA"));
}

#[test]
fn a_capital_stands_for_the_government() {
    let doc = analyzed("Nairobi rejected the claim.");
    let m = &doc.mentions[0];
    assert_eq!((doc.slice(m.span), m.kind), ("Nairobi", MentionKind::Capital));
    assert_eq!(m.country.as_deref(), Some("KEN"));
    assert_eq!(m.role.as_deref(), Some("GOV"));
}

#[test]
fn a_country_inside_the_name_of_a_sea_or_gulf_is_no_country() {
    let doc = analyzed("Ships crossed the South China Sea and the Gulf of Mexico.");
    assert!(
        doc.mentions.iter().all(|m| !matches!(m.kind, MentionKind::Country | MentionKind::Capital)),
        "{:?}",
        mention_kinds(&doc)
    );
}

#[test]
fn a_dictionary_organisation_by_acronym_and_by_name_is_one_entity() {
    let doc = analyzed("The North Atlantic Treaty Organization met in Oslo. NATO said little.");
    let orgs: Vec<&Entity> = doc.entities.iter().filter(|e| e.kind == EntityKind::Organization).collect();
    assert_eq!(orgs.len(), 1, "{:?}", names(&doc));
    assert_eq!(orgs[0].org.as_deref(), Some("NATO"));
    assert_eq!(orgs[0].actor.as_deref(), Some("IGOWSTNAT"));
    assert_eq!(orgs[0].mentions.len(), 2);
}

#[test]
fn an_acronym_defined_inline_names_an_organisation_and_its_later_uses() {
    let doc = analyzed(
        "Skippers said the Coastal Fishers Union (CFU) called a strike. The CFU said boats would stay in port.",
    );
    let e = entity(&doc, "Coastal Fishers Union");
    assert_eq!(e.kind, EntityKind::Organization);
    assert_eq!(e.org.as_deref(), Some("CFU"));
    assert_eq!(e.actor, None, "an organisation the dictionaries do not know has no actor code");
    let i = doc.entities.iter().position(|x| x.name == e.name);
    let of_entity: Vec<&str> = doc.mentions.iter().filter(|m| m.entity == i).map(|m| doc.slice(m.span)).collect();
    assert_eq!(of_entity, ["Coastal Fishers Union", "CFU", "CFU"]);
}

/// The mention layer points the acronym's uses at the organisation, but the entity's own
/// `mentions` (what the output's `entities[].mentions` shows) hold only the name: a
/// dictionary organisation lists every use, an inline-defined one only its definition.
/// Reported; entities.rs is being refactored.
#[test]
#[ignore = "bug: an inline-defined organisation's entity lists only its name, not its acronym's uses"]
fn an_inline_defined_organisation_lists_every_mention() {
    let doc = analyzed(
        "Skippers said the Coastal Fishers Union (CFU) called a strike. The CFU said boats would stay in port.",
    );
    assert_eq!(mentions_of(&doc, entity(&doc, "Coastal Fishers Union")), ["Coastal Fishers Union", "CFU", "CFU"]);
}

/// entities.rs says "Drop a leading \"The\"" before naming an inline-defined
/// organisation, but nothing drops it: at the start of a sentence the capitalised "The"
/// is taken into the name ("The Coastal Fishers Union"), so the same organisation gets
/// another name than it gets mid-sentence. Reported; entities.rs is being refactored.
#[test]
#[ignore = "bug: a sentence-initial \"The\" stays in an inline-defined organisation's name"]
fn a_leading_the_is_not_part_of_an_inline_defined_name() {
    let doc = analyzed("The Coastal Fishers Union (CFU) called a strike.");
    entity(&doc, "Coastal Fishers Union");
}

/// The name of an inline-defined organisation is read back over every capitalised word
/// before it, so a sentence-initial adverbial ("On Monday the ...") becomes part of the
/// name. Reported; entities.rs is being refactored.
#[test]
#[ignore = "bug: capitalised words before an inline-defined organisation join its name"]
fn words_before_the_article_are_not_part_of_an_inline_defined_name() {
    let doc = analyzed("On Monday the Coastal Fishers Union (CFU) called a strike.");
    entity(&doc, "Coastal Fishers Union");
}

#[test]
fn an_acronym_that_does_not_fit_the_name_defines_nothing() {
    let doc = analyzed("Residents of Harbour Town (XQZ) complained.");
    assert!(doc.entities.iter().all(|e| e.org.as_deref() != Some("XQZ")), "{:?}", names(&doc));
}

#[test]
fn a_title_before_a_capitalised_name_makes_a_person() {
    let doc = analyzed("Foreign Minister Ilse Marrow arrived on Tuesday.");
    let e = entity(&doc, "Ilse Marrow");
    assert_eq!(e.kind, EntityKind::Person);
    assert_eq!(e.title.as_deref(), Some("Foreign Minister"));
    assert_eq!(e.role.as_deref(), Some("GOV"));
}

#[test]
fn a_country_adjective_before_the_title_gives_the_persons_country_and_actor() {
    let doc = analyzed("Kenyan Foreign Minister Ilse Marrow arrived on Tuesday.");
    let e = entity(&doc, "Ilse Marrow");
    assert_eq!(e.country.as_deref(), Some("KEN"));
    assert_eq!(e.actor.as_deref(), Some("KENGOV"));
}

#[test]
fn a_possessive_country_before_the_title_gives_the_persons_country() {
    let doc = analyzed("Uganda's new Trade Minister Obed Lando resigned.");
    assert_eq!(entity(&doc, "Obed Lando").country.as_deref(), Some("UGA"));
}

#[test]
fn a_surname_alone_later_is_the_same_person() {
    let doc = analyzed("Kenyan Foreign Minister Ilse Marrow arrived on Tuesday. Marrow met farmers.");
    let e = entity(&doc, "Ilse Marrow");
    assert_eq!(mentions_of(&doc, e), ["Ilse Marrow", "Marrow"]);
    assert_eq!(doc.entities.iter().filter(|e| e.kind == EntityKind::Person).count(), 1);
}

#[test]
fn a_surname_before_the_person_is_introduced_is_not_joined() {
    let doc = analyzed("Marrow was quiet. Later, Foreign Minister Ilse Marrow spoke.");
    let e = entity(&doc, "Ilse Marrow");
    assert_eq!(mentions_of(&doc, e), ["Ilse Marrow"]);
}

#[test]
fn a_personal_pronoun_points_to_the_last_person_named() {
    let doc = analyzed("Foreign Minister Ilse Marrow arrived. She met Trade Minister Obed Lando, and he thanked her.");
    let marrow = doc.entities.iter().position(|e| e.name == "Ilse Marrow");
    let lando = doc.entities.iter().position(|e| e.name == "Obed Lando");
    let pron = |w: &str| {
        doc.mentions.iter().find(|m| m.kind == MentionKind::Pronoun && doc.slice(m.span) == w).and_then(|m| m.entity)
    };
    assert_eq!(pron("She"), marrow);
    assert_eq!(pron("he"), lando);
}

#[test]
fn a_description_names_the_person_with_that_country_and_title() {
    let doc = analyzed("Kenyan Foreign Minister Ilse Marrow arrived. Later the Kenyan foreign minister left.");
    let e = entity(&doc, "Ilse Marrow");
    assert!(mentions_of(&doc, e).contains(&"the Kenyan foreign minister"), "{:?}", mentions_of(&doc, e));
}

#[test]
fn a_counterpart_takes_the_title_of_the_last_titled_person() {
    let doc = analyzed("Kenyan Foreign Minister Ilse Marrow met her Ugandan counterpart Obed Lando.");
    let e = entity(&doc, "Obed Lando");
    assert_eq!(e.title.as_deref(), Some("Foreign Minister"));
    assert_eq!(e.country.as_deref(), Some("UGA"));
    assert_eq!(e.actor.as_deref(), Some("UGAGOV"));
}

#[test]
fn name_particles_stay_inside_a_name() {
    let doc = analyzed("Defence Minister Omar bin Talal spoke.");
    entity(&doc, "Omar bin Talal");
}

#[test]
fn a_weekday_or_month_after_a_title_is_no_name() {
    let doc = analyzed("The minister Sunday denied it. The Spokesman March rally was small.");
    assert!(doc.entities.iter().all(|e| e.kind != EntityKind::Person), "{:?}", names(&doc));
}

#[test]
fn a_lower_case_title_on_a_thing_is_no_actor() {
    let doc = analyzed("The general strike closed the port.");
    assert!(doc.mentions.iter().all(|m| doc.slice(m.span) != "general"), "{:?}", mention_kinds(&doc));
}

#[test]
fn an_agent_noun_is_a_mention_with_its_role() {
    let doc = analyzed("Riot police dispersed the crowd.");
    let m = doc
        .mentions
        .iter()
        .find(|m| m.kind == MentionKind::Agent)
        .unwrap_or_else(|| panic!("{:?}", mention_kinds(&doc)));
    assert_eq!(doc.slice(m.span), "Riot police");
    assert_eq!(m.role.as_deref(), Some("COP"));
}

#[test]
fn the_longer_agent_noun_wins() {
    let doc = analyzed("The rebel spokesman denied it.");
    let m = doc
        .mentions
        .iter()
        .find(|m| m.kind == MentionKind::Agent)
        .unwrap_or_else(|| panic!("{:?}", mention_kinds(&doc)));
    assert_eq!(doc.slice(m.span), "rebel spokesman");
    assert_eq!(m.role.as_deref(), Some("REB"));
}

#[test]
fn mentions_are_in_token_order_and_entities_point_back() {
    let doc = analyzed("Kenyan Foreign Minister Ilse Marrow met NATO envoys in Nairobi. She said Kenya agreed.");
    assert!(doc.mentions.windows(2).all(|w| w[0].tokens.0 <= w[1].tokens.0));
    for m in &doc.mentions {
        if let Some(e) = m.entity {
            assert!(e < doc.entities.len());
        }
    }
    for e in &doc.entities {
        assert!(e.mentions.windows(2).all(|w| w[0] < w[1]), "sorted, no duplicates: {}", e.name);
    }
    assert_layers_well_formed(&doc);
}

#[test]
fn cameo_of_maps_iso3_to_cameo_country_codes() {
    let lex = dateline_dict::Lexicon::builtin().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dateline_nlp::cameo_of(&lex, "ROU"), "ROM");
    assert_eq!(dateline_nlp::cameo_of(&lex, "KEN"), "KEN");
    assert_eq!(dateline_nlp::cameo_of(&lex, "ZZZ"), "ZZZ", "an unknown code is kept");
}
