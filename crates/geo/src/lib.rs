//! Places: a gazetteer built from GeoNames, toponyms found and resolved in context,
//! and where each event happened.
//!
//! - [`Gazetteer`]: the index under `data/gazetteer/` (built by
//!   `scripts/setup-gazetteer.sh` with [`build::build_index`]), loaded in well under a
//!   second. Without it dateline still knows countries and large regions.
//! - [`annotate`] (or [`Geocoder::annotate`] for many documents) fills
//!   [`dateline_core::Doc::places`] after the nlp stage, and the dateline's country.
//! - [`place_events`] sets each event's place after the event coder.
//!
//! Place data: GeoNames (geonames.org), CC BY 4.0; ISO 3166 data from the keshvar crate.

mod admin2;
pub mod build;
mod countries;
mod events;
pub mod norm;
mod regions;
mod resolve;
mod store;
mod tables;
#[cfg(test)]
mod testutil;

use std::path::PathBuf;

pub use build::{build_index, BuildStats};
pub use events::place_events;
pub use resolve::Geocoder;
pub use store::{Entry, Gazetteer, Hit, Kind};

/// A problem with the gazetteer files.
#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: {reason}")]
    Format { path: PathBuf, reason: String },
}

/// The message to print once when the gazetteer index is not set up.
pub fn missing_index_note(dir: &std::path::Path) -> String {
    format!(
        "no gazetteer index at {} (run scripts/setup-gazetteer.sh): places are resolved to countries and large regions only",
        dir.display()
    )
}

/// Great-circle distance in km.
pub fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    6371.0 * 2.0 * a.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    #[test]
    fn km_bishkek_kant() {
        let d = super::km(42.87, 74.59, 42.89106, 74.85077);
        assert!((20.0..23.0).contains(&d), "{d}");
    }
}
