//! Regions that are not countries or subdivisions ([`crate::tables::REGIONS`]).

use std::sync::OnceLock;

#[derive(Debug, Clone)]
pub struct Region {
    /// The first is the name shown.
    pub names: Vec<String>,
    pub lat: f64,
    pub lon: f64,
    pub radius_km: u32,
}

/// The regions table, parsed on first use. Lines that do not parse are skipped
/// (the table is ours and tested).
pub fn regions() -> &'static [Region] {
    static TABLE: OnceLock<Vec<Region>> = OnceLock::new();
    TABLE.get_or_init(|| crate::tables::REGIONS.lines().filter_map(parse).collect())
}

fn parse(line: &str) -> Option<Region> {
    let f: Vec<&str> = line.split('|').map(str::trim).collect();
    let [names, lat, lon, r] = f[..] else { return None };
    let names: Vec<String> = names.split(';').map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect();
    if names.is_empty() {
        return None;
    }
    Some(Region { names, lat: lat.parse().ok()?, lon: lon.parse().ok()?, radius_km: r.parse().ok()? })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_line_parses() {
        let lines = crate::tables::REGIONS.lines().filter(|l| !l.trim().is_empty()).count();
        assert_eq!(super::regions().len(), lines);
        assert!(super::regions().iter().all(|r| r.lat.abs() <= 90.0 && r.lon.abs() <= 180.0));
    }
}
