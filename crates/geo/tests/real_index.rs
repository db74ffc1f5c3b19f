//! Tests against the real gazetteer index (scripts/setup-gazetteer.sh) and the nlp
//! stage. Each skips, saying so, when the index is not set up.

use std::path::PathBuf;

use dateline_core::{Doc, Precision};
use dateline_dict::Lexicon;
use dateline_geo::{km, Gazetteer, Geocoder};

fn gazetteer() -> Option<std::sync::Arc<Gazetteer>> {
    let mut dir = Gazetteer::default_dir();
    if !dir.join("names.fst").is_file() {
        // Tests run in crates/geo: look in the workspace's data/.
        dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/gazetteer");
    }
    if !dir.join("names.fst").is_file() {
        println!("skipped: no gazetteer index (run scripts/setup-gazetteer.sh)");
        return None;
    }
    match Gazetteer::open(&dir) {
        Ok(g) => Some(std::sync::Arc::new(g)),
        Err(e) => panic!("the gazetteer index at {} does not open: {e}", dir.display()),
    }
}

fn lexicon() -> Lexicon {
    Lexicon::builtin().unwrap_or_else(|e| panic!("dictionaries: {e}"))
}

fn geoparse(text: &str, lex: &Lexicon, g: &std::sync::Arc<Gazetteer>) -> Doc {
    let mut d = Doc::new("t", text);
    dateline_nlp::analyze(&mut d, lex);
    Geocoder::new(lex, Some(std::sync::Arc::clone(g))).annotate(&mut d);
    d
}

fn at(d: &Doc, name: &str) -> Option<(f64, f64, String)> {
    let p = d.places.iter().find(|p| p.name == name)?;
    Some((p.lat?, p.lon?, p.country.clone().unwrap_or_default()))
}

#[test]
fn reference_story() {
    let Some(g) = gazetteer() else { return };
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed/article.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("skipped: no reference story at {}", path.display());
        return;
    };
    let lex = lexicon();
    let d = geoparse(&text, &lex, &g);
    let kant = at(&d, "Kant");
    assert!(kant.as_ref().is_some_and(|(la, lo, c)| km(*la, *lo, 42.89, 74.85) < 25.0 && c == "KGZ"), "{:?}", d.places);
    let bishkek = at(&d, "Bishkek");
    assert!(
        bishkek.as_ref().is_some_and(|(la, lo, c)| km(*la, *lo, 42.87, 74.59) < 25.0 && c == "KGZ"),
        "{:?}",
        d.places
    );
    assert!(d.places.iter().any(|p| p.name == "Kyrgyzstan" && p.precision == Precision::Country));
    assert!(d.places.iter().any(|p| p.name == "Russia" && p.precision == Precision::Country));
    assert_eq!(d.meta.dateline.as_ref().and_then(|dl| dl.country.as_deref()), Some("KGZ"));
}

#[test]
fn well_known_readings() {
    let Some(g) = gazetteer() else { return };
    let lex = lexicon();
    let cases = [
        ("An earthquake destroyed much of Bam, Iran, in 2003.", "Bam", "IRN"),
        ("The fire started near Santa Ana, Calif., on Sunday.", "Santa Ana", "USA"),
        ("Snow closed roads in Buffalo, N.Y., overnight.", "Buffalo", "USA"),
        ("Farmers in Pandi, Bulacan culled hogs.", "Pandi", "PHL"),
        ("The outbreak spread from Nairobi to Kisumu in western Kenya.", "Kisumu", "KEN"),
        ("Shelling hit villages in southern Lebanon.", "Lebanon", "LBN"),
    ];
    for (text, name, country) in cases {
        let d = geoparse(text, &lex, &g);
        let got = at(&d, name);
        assert!(got.as_ref().is_some_and(|(_, _, c)| c == country), "{text}: {name} -> {got:?}; places {:?}", d.places);
    }
}

#[test]
fn loads_fast() {
    let Some(_) = gazetteer() else { return };
    let t = std::time::Instant::now();
    let g = gazetteer();
    assert!(g.is_some_and(|g| g.len() > 200_000));
    // Generous for a debug build on a busy machine; the release figure is in README.md.
    assert!(t.elapsed().as_secs_f64() < 5.0);
}

#[test]
fn states_listed_or_named_as_states() {
    let Some(g) = gazetteer() else { return };
    let lex = lexicon();
    let state = |text: &str| {
        let d = geoparse(text, &lex, &g);
        d.places.iter().find(|p| p.name == "Washington").map(|p| (p.precision, p.admin1.clone()))
    };
    // Listed with other states; an area word after the name.
    let listed = state("Cases were reported in Utah, Washington and Wisconsin on Monday.");
    assert_eq!(listed.map(|p| p.0), Some(Precision::Admin1));
    let farm = state("The cow came from a Washington state farm, officials said.");
    assert_eq!(farm.map(|p| p.0), Some(Precision::Admin1));
    // Alone, the capital.
    let capital = state("Officials in Washington said the talks would resume.");
    assert_eq!(capital.map(|p| p.0), Some(Precision::City));
}

#[test]
fn country_centres_on_the_land_people_mean() {
    let Some(g) = gazetteer() else { return };
    let lex = lexicon();
    let d = geoparse("The virus spread across the United States.", &lex, &g);
    // The centroid of the 48 contiguous states, not a point pulled toward Alaska.
    let us = at(&d, "United States");
    assert!(us.as_ref().is_some_and(|(la, lo, _)| km(*la, *lo, 39.8, -98.6) < 100.0), "{us:?}");
}

#[test]
fn local_datelines_and_state_abbreviations() {
    let Some(g) = gazetteer() else { return };
    let lex = lexicon();
    let name_at = |d: &Doc, word: &str| {
        let start = d.text.find(word)?;
        d.places.iter().find(|p| p.mentions.iter().any(|m| m.start == start)).map(|p| p.name.clone())
    };
    // The abbreviation's period ends the sentence: the next word starts no longer name.
    let d = geoparse("The homes are on Creek Lane in Gainesville, Va. There will be forty of them.", &lex, &g);
    assert_eq!(name_at(&d, "Va."), Some("Virginia".into()), "{:?}", d.places);
    // The state in a local station's dateline, before its call letters.
    let d = geoparse("LA CROSSE, Wis. (WXYZ) -- The county board met on Monday to vote on the budget.", &lex, &g);
    assert_eq!(name_at(&d, "Wis."), Some("Wisconsin".into()), "{:?}", d.places);
}
