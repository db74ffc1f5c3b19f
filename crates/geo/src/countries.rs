//! Countries as the keshvar crate knows them: ISO codes, names, centre, extent,
//! population. Built once per process.

use std::sync::OnceLock;

use crate::km;
use crate::norm::is_latin;

/// One country.
#[derive(Debug, Clone)]
pub struct KCountry {
    pub iso2: String,
    pub iso3: String,
    /// ISO short name.
    pub name: String,
    /// Other names in the Latin script (not the names of its own subdivisions:
    /// keshvar lists "England" among the United Kingdom's).
    pub names: Vec<String>,
    pub lat: f64,
    pub lon: f64,
    pub radius_km: u32,
    pub population: u64,
}

/// All countries, built on first use.
pub fn keshvar_countries() -> &'static [KCountry] {
    static TABLE: OnceLock<Vec<KCountry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut out = Vec::new();
        for c in keshvar::CountryIterator::new() {
            let g = c.geo();
            let b = g.bounds();
            let (ne, sw) = (b.northeast(), b.southwest());
            let mut radius = km(sw.latitude(), sw.longitude(), ne.latitude(), ne.longitude()) / 2.0;
            if ne.longitude() < sw.longitude() || !radius.is_finite() {
                radius = 1500.0; // spans the antimeridian
            }
            let subs: Vec<&str> = c.subdivisions().values().map(|s| s.name()).collect();
            let mut names: Vec<String> = Vec::new();
            for n in std::iter::once(c.iso_short_name()).chain(c.unofficial_name_list().iter().copied()) {
                let n = n.trim();
                if is_latin(n) && !subs.contains(&n) && !names.iter().any(|m| m == n) {
                    names.push(n.to_string());
                }
            }
            out.push(KCountry {
                iso2: c.alpha2().to_string(),
                iso3: c.alpha3().to_string(),
                name: c.iso_short_name().to_string(),
                names,
                lat: g.latitude(),
                lon: g.longitude(),
                radius_km: radius.clamp(10.0, 5000.0) as u32,
                population: c.maybe_population().unwrap_or(0),
            });
        }
        out
    })
}

/// The country with ISO 3166 alpha-3 code `iso3`.
pub fn by_iso3(iso3: &str) -> Option<&'static KCountry> {
    keshvar_countries().iter().find(|c| c.iso3 == iso3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kyrgyzstan_is_there() {
        let k = by_iso3("KGZ");
        assert!(k.is_some());
        let k = k.map(|k| (k.iso2.as_str(), k.lat.round() as i32, k.lon.round() as i32));
        assert_eq!(k, Some(("KG", 41, 75)));
        assert!(keshvar_countries().len() >= 240);
        let gb = by_iso3("GBR").map(|c| c.names.clone()).unwrap_or_default();
        assert!(!gb.iter().any(|n| n == "England"), "{gb:?}");
    }
}
