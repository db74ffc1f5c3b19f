//! The geo stage's vocabulary, read from `dict/` (embedded at build time): regions
//! that are not countries or subdivisions (`dict/regions.txt`) and the words place
//! names are read by (`dict/geo.txt`: country aliases, US state abbreviations, common
//! words, connectors, place nouns, area suffixes, locatives, directions). The code
//! holds the mechanism only; `dict/README.md` documents the formats.

use std::sync::OnceLock;

/// `dict/regions.txt`: `names | lat | lon | radius_km`.
pub const REGIONS: &str = include_str!("../../../dict/regions.txt");
/// `dict/geo.txt`: `class | words`.
pub const GEO: &str = include_str!("../../../dict/geo.txt");

/// The words of `dict/geo.txt`, by class.
#[derive(Debug, Default)]
pub struct Words {
    /// (ISO3, names) per `alias` line.
    pub country_aliases: Vec<(String, Vec<String>)>,
    /// (state code, abbreviations) per `state` line.
    pub state_abbreviations: Vec<(String, Vec<String>)>,
    pub common: Vec<String>,
    pub connectors: Vec<String>,
    pub place_nouns: Vec<String>,
    pub admin_suffixes: Vec<String>,
    pub locative: Vec<String>,
    pub directions: Vec<String>,
    /// Place nouns that name a town rather than an area ("the port of X").
    pub town_nouns: Vec<String>,
    /// Adjectives of a part of a country ("southern Lebanon").
    pub part_adjectives: Vec<String>,
    /// Capitalised words that may follow a place's name without joining it ("U.S. President").
    pub after_name: Vec<String>,
    pub units_km: Vec<String>,
    pub units_mile: Vec<String>,
    /// Words after a name that make it another place's ("Oxford Road"), lower case.
    pub features: Vec<String>,
    /// Words that start another place's name before a country's ("New Guinea"), lower case.
    pub name_prefixes: Vec<String>,
    /// (place name, words) per `stands-for` line: adjectives and other words that name a
    /// place that is not a country ("European", "Kurdish", "EU").
    pub stands_for: Vec<(String, Vec<String>)>,
    /// (word, abbreviations) per `name-abbrev` line: "Saint" and "St.", "St".
    pub name_abbrevs: Vec<(String, Vec<String>)>,
}

/// A line of a dictionary file that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("dict/{file}:{line}: {reason}")]
pub struct LineError {
    pub file: &'static str,
    pub line: usize,
    pub reason: String,
}

/// The entries of a dictionary text: (line number, entry) without comments and blank
/// lines.
fn entries(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let l = match l.find(" # ") {
            Some(p) => &l[..p],
            None => l,
        };
        let l = l.trim();
        (!l.is_empty() && !l.starts_with('#')).then_some((i + 1, l))
    })
}

fn list(field: &str) -> Vec<String> {
    field.split(';').map(str::trim).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Parses `dict/geo.txt`.
pub fn parse_words(text: &str) -> Result<Words, LineError> {
    let mut w = Words::default();
    for (line, l) in entries(text) {
        let err = |reason: &str| LineError { file: "geo.txt", line, reason: reason.to_string() };
        let Some((class, words)) = l.split_once('|') else { return Err(err("expected `class | words`")) };
        let words = list(words);
        let mut class = class.split_whitespace();
        let (kind, arg) = (class.next().unwrap_or(""), class.next());
        match (kind, arg) {
            ("alias", Some(iso3)) => w.country_aliases.push((iso3.to_string(), words)),
            ("state", Some(code)) => w.state_abbreviations.push((code.to_string(), words)),
            ("name-abbrev", Some(word)) => w.name_abbrevs.push((word.to_string(), words)),
            ("common", None) => w.common.extend(words.into_iter().map(|x| x.to_lowercase())),
            ("connector", None) => w.connectors.extend(words),
            ("place-noun", None) => w.place_nouns.extend(words),
            ("admin-suffix", None) => w.admin_suffixes.extend(words),
            ("locative", None) => w.locative.extend(words),
            ("direction", None) => w.directions.extend(words),
            ("town-noun", None) => w.town_nouns.extend(words),
            ("part-adjective", None) => w.part_adjectives.extend(words),
            ("after-name", None) => w.after_name.extend(words),
            ("unit-km", None) => w.units_km.extend(words),
            ("unit-mile", None) => w.units_mile.extend(words),
            ("feature", None) => w.features.extend(words.into_iter().map(|x| x.to_lowercase())),
            ("name-prefix", None) => w.name_prefixes.extend(words.into_iter().map(|x| x.to_lowercase())),
            ("stands-for", Some(_)) => {
                let place = class.collect::<Vec<_>>();
                let name = std::iter::once(arg.unwrap_or("")).chain(place).collect::<Vec<_>>().join(" ");
                w.stands_for.push((name, words));
            }
            _ => return Err(err("unknown class (alias ISO3, state CODE, stands-for PLACE, name-abbrev WORD, common, connector, place-noun, town-noun, admin-suffix, locative, direction, part-adjective, after-name, feature, name-prefix, unit-km, unit-mile)")),
        }
    }
    Ok(w)
}

/// The built-in words, parsed on first use. The file is ours and tested
/// (`builtin_files_parse`), so a line that did not parse would leave its class short,
/// never panic.
pub fn words() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| parse_words(GEO).unwrap_or_default())
}

/// One line of `dict/regions.txt`.
#[derive(Debug, Clone)]
pub struct RegionLine {
    pub names: Vec<String>,
    pub lat: f64,
    pub lon: f64,
    pub radius_km: u32,
}

/// Parses `dict/regions.txt`.
pub fn parse_regions(text: &str) -> Result<Vec<RegionLine>, LineError> {
    let mut out = Vec::new();
    for (line, l) in entries(text) {
        let err = |reason: &str| LineError { file: "regions.txt", line, reason: reason.to_string() };
        let f: Vec<&str> = l.split('|').map(str::trim).collect();
        let [names, lat, lon, r] = f[..] else { return Err(err("expected `names | lat | lon | radius_km`")) };
        let names = list(names);
        let (Ok(lat), Ok(lon), Ok(radius_km)) = (lat.parse::<f64>(), lon.parse::<f64>(), r.parse::<u32>()) else {
            return Err(err("lat, lon and radius_km must be numbers"));
        };
        if names.is_empty() || lat.abs() > 90.0 || lon.abs() > 180.0 {
            return Err(err("no name, or coordinates out of range"));
        }
        out.push(RegionLine { names, lat, lon, radius_km });
    }
    Ok(out)
}

/// Whether `word` is in `list`.
pub fn has(list: &[String], word: &str) -> bool {
    list.iter().any(|w| w == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_files_parse() {
        let w = parse_words(GEO);
        assert!(w.is_ok(), "{w:?}");
        let w = words();
        assert!(w.country_aliases.iter().any(|(c, n)| c == "USA" && n.iter().any(|x| x == "U.S.")));
        assert!(w.state_abbreviations.iter().any(|(c, n)| c == "NY" && n.iter().any(|x| x == "N.Y.")));
        assert!(has(&w.common, "police") && has(&w.connectors, "de") && has(&w.admin_suffixes, "province"));
        assert!(has(&w.place_nouns, "town") && has(&w.locative, "near") && has(&w.directions, "east"));
        assert!(has(&w.features, "road") && has(&w.name_prefixes, "new"));
        assert!(w.stands_for.iter().any(|(p, n)| p == "Europe" && n.iter().any(|x| x == "European")));
        let r = parse_regions(REGIONS);
        assert!(r.as_ref().is_ok_and(|r| r.len() > 80), "{r:?}");
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let e = parse_words("# c\n\nflavour | x\n").err();
        assert_eq!(e.map(|e| (e.file, e.line)), Some(("geo.txt", 3)));
        let e = parse_regions("Atlantis | north | 0 | 10\n").err();
        assert_eq!(e.map(|e| e.to_string().starts_with("dict/regions.txt:1:")), Some(true));
        let w = parse_words("stands-for Middle East | Middle Eastern\n");
        assert_eq!(w.map(|w| w.stands_for), Ok(vec![("Middle East".to_string(), vec!["Middle Eastern".to_string()])]));
        assert!(
            parse_regions("Sea of Tests; Test Sea | 10 | 20 | 30 # a comment\n").is_ok_and(|r| r[0].names.len() == 2)
        );
    }
}
