//! Which LSH band keys the database may hold: a fixed bitset the writer keeps, so that
//! a new report looks up only the bands some story may share with it.
//!
//! Most reports start a new story, and without the filter each one cost 48 index
//! lookups in `story_bands` that found nothing. A bit per key hash: a clear bit means
//! no stored story has the band (the lookup is skipped), a set bit means one may (the
//! lookup is made). False positives cost a lookup, never a missed story. The bitset is
//! [`BITS`] bits (8 MB) whatever the size of the database: with 100,000 stories
//! (4.8 M band keys) a lookup is made for 7% of the bands that are not stored, with a
//! million stories for 51%.
//!
//! The filter is filled from `story_bands` when the writer first needs it, and again
//! when another connection has committed since (SQLite's `data_version`), so a second
//! ingest writing to the same database is seen.

use rusqlite::Transaction;

use crate::Result;

/// Bits in the filter.
pub const BITS: usize = 1 << 26;

/// The band keys the database may hold.
pub(crate) struct BandFilter {
    words: Vec<u64>,
    /// `PRAGMA data_version` when the filter was filled: another connection's commit
    /// changes it.
    data_version: i64,
}

impl BandFilter {
    /// The filter of the stored bands, read in `tx`.
    pub(crate) fn load(tx: &Transaction<'_>) -> Result<BandFilter> {
        let mut f = BandFilter { words: vec![0; BITS / 64], data_version: data_version(tx)? };
        let mut st = tx.prepare("SELECT band FROM story_bands")?;
        let mut rows = st.query([])?;
        while let Some(row) = rows.next()? {
            f.insert(row.get(0)?);
        }
        Ok(f)
    }

    /// Whether the filter still tells the database's bands in `tx`: no other
    /// connection has committed since it was filled.
    pub(crate) fn is_current(&self, tx: &Transaction<'_>) -> Result<bool> {
        Ok(data_version(tx)? == self.data_version)
    }

    fn slot(band: i64) -> (usize, u64) {
        // Band keys are hashes already: their low bits are uniform.
        let bit = (band as u64 as usize) % BITS;
        (bit / 64, 1 << (bit % 64))
    }

    /// Whether a stored story may have `band`.
    pub(crate) fn may_hold(&self, band: i64) -> bool {
        let (w, m) = Self::slot(band);
        self.words[w] & m != 0
    }

    pub(crate) fn insert(&mut self, band: i64) {
        let (w, m) = Self::slot(band);
        self.words[w] |= m;
    }
}

fn data_version(tx: &Transaction<'_>) -> Result<i64> {
    Ok(tx.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}
