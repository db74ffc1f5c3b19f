//! The country facts GDELT's columns need and dateline's layers do not carry: a
//! country's CAMEO code and name (from the dictionaries), its FIPS 10-4 code (GDELT's
//! geography fields use FIPS; from `countries.tsv` beside the place index, written at
//! set-up from GeoNames' country table) and its centre (from the place index).

use std::collections::HashMap;
use std::path::Path;

use dateline_dict::Lexicon;
use dateline_geo::{Gazetteer, Kind};

/// One country's codes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Country {
    pub cameo: String,
    pub name: String,
    /// FIPS 10-4, when the place index's country table gives it.
    pub fips: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// Country facts by ISO 3166 alpha-3 code.
#[derive(Debug, Clone, Default)]
pub struct Codes {
    countries: HashMap<String, Country>,
}

impl Codes {
    /// From the dictionaries, and the place index when there is one.
    pub fn new(lex: &Lexicon, gaz: Option<&Gazetteer>) -> Codes {
        let mut countries: HashMap<String, Country> = lex
            .countries
            .iter()
            .map(|c| {
                (
                    c.iso3.clone(),
                    Country {
                        cameo: c.cameo.clone(),
                        name: c.names.first().cloned().unwrap_or_default(),
                        ..Country::default()
                    },
                )
            })
            .collect();
        if let Some(g) = gaz {
            for e in g.entries_of(Kind::Country) {
                if let Some(c) = e.country().and_then(|iso3| countries.get_mut(iso3)) {
                    c.lat = Some(f64::from(e.lat));
                    c.lon = Some(f64::from(e.lon));
                }
            }
            for (iso3, fips) in read_fips(&g.dir().join("countries.tsv")) {
                if let Some(c) = countries.get_mut(&iso3) {
                    c.fips = Some(fips);
                }
            }
        }
        Codes { countries }
    }

    pub fn country(&self, iso3: &str) -> Option<&Country> {
        self.countries.get(iso3)
    }

    /// The code GDELT's geography fields write for a country: FIPS 10-4 when known,
    /// else the ISO3 code.
    pub fn geo_code(&self, iso3: &str) -> String {
        self.country(iso3).and_then(|c| c.fips.clone()).unwrap_or_else(|| iso3.to_string())
    }

    /// The CAMEO country code of an ISO3 code (ROM for ROU), the ISO3 code itself when
    /// the dictionaries do not know it.
    pub fn cameo(&self, iso3: &str) -> String {
        self.country(iso3).map(|c| c.cameo.clone()).unwrap_or_else(|| iso3.to_string())
    }
}

/// `iso3 \t iso2 \t fips \t name` lines; `#` lines are comments.
fn read_fips(path: &Path) -> Vec<(String, String)> {
    let Ok(text) = std::fs::read_to_string(path) else { return Vec::new() };
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            match f.as_slice() {
                [iso3, _, fips, ..] if !fips.is_empty() => Some((iso3.to_string(), fips.to_string())),
                _ => None,
            }
        })
        .collect()
}
