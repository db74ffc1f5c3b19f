//! Regions that are not countries or subdivisions (`dict/regions.txt`).

use std::sync::OnceLock;

pub use crate::tables::RegionLine as Region;

/// The regions of `dict/regions.txt`, parsed on first use. The file is ours and
/// tested (`tables::tests::builtin_files_parse`); were it not to parse, there would be
/// no regions rather than a panic.
pub fn regions() -> &'static [Region] {
    static TABLE: OnceLock<Vec<Region>> = OnceLock::new();
    TABLE.get_or_init(|| crate::tables::parse_regions(crate::tables::REGIONS).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_region_is_there() {
        assert!(super::regions().len() > 80);
        assert!(super::regions().iter().any(|r| r.names.iter().any(|n| n == "Horn of Africa")));
    }
}
