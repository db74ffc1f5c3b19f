//! The gazetteer index on disk and in memory.
//!
//! A directory (by default `data/gazetteer/`) of four files written by
//! [`crate::build::build_index`]:
//!
//! | file | content |
//! |---|---|
//! | `names.fst` | an `fst` map: normalised name ([`crate::norm`]) -> `(start << 24) \| count` into `postings.bin` |
//! | `postings.bin` | little-endian `u32`: place index (bits 0-29), bit 31 = the name is an alternate name, bit 30 = an abbreviation only read after a comma ("Buffalo, N.Y.") |
//! | `places.bin` | a 16-byte header (`DLGZ`, format version, place count) then one 36-byte record per place, best first within a name |
//! | `strings.bin` | the places' main names, UTF-8, end to end |
//! | `meta.txt` | `key = value` lines: source, counts, attribution |
//!
//! Record: `geonames_id u32, lat f32, lon f32, population u32, name_offset u32,
//! admin1 u32 (place index, u32::MAX = none), name_len u16, radius_km u16,
//! country [u8; 3] (ISO 3166 alpha-3, zeros = none), kind u8, admin2 u32 (place
//! index of the second-level subdivision, u32::MAX = none)`, all little-endian.
//! The files are read whole into memory (no unsafe mapping): about 60 MB.

use std::path::{Path, PathBuf};

use crate::GeoError;

pub(crate) const MAGIC: &[u8; 4] = b"DLGZ";
pub(crate) const FORMAT: u32 = 2;
pub(crate) const HEADER: usize = 16;
pub(crate) const RECORD: usize = 36;
pub(crate) const NO_ADMIN: u32 = u32::MAX;
pub(crate) const ALT_BIT: u32 = 1 << 31;
pub(crate) const ABBREV_BIT: u32 = 1 << 30;
pub(crate) const INDEX_MASK: u32 = (1 << 30) - 1;

/// What kind of place a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A populated place (GeoNames feature class P).
    City = 0,
    /// A first-level subdivision: state, province, region.
    Admin1 = 1,
    Country = 2,
    /// A continent, a region larger or other than a country, a sea.
    Region = 3,
    /// A second-level subdivision: county, parish, district (GeoNames ADM2).
    Admin2 = 4,
}

impl Kind {
    fn from_u8(b: u8) -> Kind {
        match b {
            1 => Kind::Admin1,
            2 => Kind::Country,
            3 => Kind::Region,
            4 => Kind::Admin2,
            _ => Kind::City,
        }
    }
}

/// One place of the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    /// Position in the table.
    pub index: u32,
    /// GeoNames id; 0 when the entry does not come from GeoNames.
    pub geonames_id: u32,
    pub lat: f32,
    pub lon: f32,
    /// Population (for an admin area: of its known places).
    pub population: u32,
    /// Index of the first-level subdivision the place lies in.
    pub admin1: Option<u32>,
    /// Index of the second-level subdivision (county) a populated place lies in.
    pub admin2: Option<u32>,
    /// Rough radius of an area, in km (0 for a populated place).
    pub radius_km: u16,
    pub(crate) country: [u8; 3],
    pub kind: Kind,
    name_off: u32,
    name_len: u16,
}

impl Entry {
    /// ISO 3166 alpha-3 code of the country.
    pub fn country(&self) -> Option<&str> {
        if self.country[0] == 0 {
            return None;
        }
        std::str::from_utf8(&self.country).ok()
    }
}

/// A place a name may stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub index: u32,
    /// Reached by an alternate name rather than the main one.
    pub alternate: bool,
    /// Reached by an abbreviation that only counts after a comma ("Calif.", "NY").
    pub abbrev: bool,
}

impl Hit {
    pub(crate) fn from_raw(v: u32) -> Hit {
        Hit { index: v & INDEX_MASK, alternate: v & ALT_BIT != 0, abbrev: v & ABBREV_BIT != 0 }
    }
}

/// The loaded gazetteer.
pub struct Gazetteer {
    names: fst::Map<Vec<u8>>,
    postings: Vec<u32>,
    places: Vec<u8>,
    strings: String,
    count: u32,
    dir: PathBuf,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("dir", &self.dir)
            .field("places", &self.count)
            .field("names", &self.names.len())
            .finish()
    }
}

fn read(dir: &Path, name: &str) -> Result<Vec<u8>, GeoError> {
    let path = dir.join(name);
    std::fs::read(&path).map_err(|source| GeoError::Io { path, source })
}

fn bad(dir: &Path, name: &str, reason: impl Into<String>) -> GeoError {
    GeoError::Format { path: dir.join(name), reason: reason.into() }
}

impl Gazetteer {
    /// Where the index is looked for: `$DATELINE_DATA/gazetteer` when the variable is
    /// set, else `data/gazetteer` under the current directory when it exists, else
    /// `../../data/gazetteer` from the executable (a `target/release` build of the
    /// repository). The directory returned may not exist.
    pub fn default_dir() -> PathBuf {
        if let Some(d) = std::env::var_os("DATELINE_DATA").filter(|d| !d.is_empty()) {
            return PathBuf::from(d).join("gazetteer");
        }
        let local = PathBuf::from("data").join("gazetteer");
        if local.join("names.fst").is_file() {
            return local;
        }
        if let Some(exe_dir) = std::env::current_exe().ok().and_then(|e| e.parent().map(Path::to_path_buf)) {
            let near = exe_dir.join("..").join("..").join("data").join("gazetteer");
            if near.join("names.fst").is_file() {
                return near;
            }
        }
        local
    }

    /// Opens the index in [`Gazetteer::default_dir`]; `Ok(None)` when it is not there.
    pub fn open_default() -> Result<Option<Gazetteer>, GeoError> {
        let dir = Gazetteer::default_dir();
        if !dir.join("names.fst").is_file() {
            return Ok(None);
        }
        Gazetteer::open(&dir).map(Some)
    }

    /// Loads the index written by [`crate::build::build_index`] in `dir`.
    pub fn open(dir: &Path) -> Result<Gazetteer, GeoError> {
        let fst_bytes = read(dir, "names.fst")?;
        let names = fst::Map::new(fst_bytes).map_err(|e| bad(dir, "names.fst", e.to_string()))?;
        let raw = read(dir, "postings.bin")?;
        if raw.len() % 4 != 0 {
            return Err(bad(dir, "postings.bin", "length is not a multiple of 4"));
        }
        let postings: Vec<u32> = raw.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        drop(raw);
        let places = read(dir, "places.bin")?;
        if places.len() < HEADER || &places[0..4] != MAGIC {
            return Err(bad(dir, "places.bin", "not a dateline gazetteer table"));
        }
        let format = u32::from_le_bytes([places[4], places[5], places[6], places[7]]);
        if format != FORMAT {
            return Err(bad(
                dir,
                "places.bin",
                format!("format {format}, this dateline reads format {FORMAT}: run scripts/setup-gazetteer.sh again"),
            ));
        }
        let count = u32::from_le_bytes([places[8], places[9], places[10], places[11]]);
        if places.len() != HEADER + count as usize * RECORD {
            return Err(bad(dir, "places.bin", "truncated"));
        }
        let strings = String::from_utf8(read(dir, "strings.bin")?).map_err(|_| bad(dir, "strings.bin", "not UTF-8"))?;
        let g = Gazetteer { names, postings, places, strings, count, dir: dir.to_path_buf() };
        // Every posting must name a place; every place's name must be in the strings.
        if g.postings.iter().any(|p| p & INDEX_MASK >= count) {
            return Err(bad(dir, "postings.bin", "a posting points past the place table"));
        }
        Ok(g)
    }

    /// The directory the index was read from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.count as usize
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Number of distinct names.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// The place at `index`.
    pub fn entry(&self, index: u32) -> Option<Entry> {
        if index >= self.count {
            return None;
        }
        let at = HEADER + index as usize * RECORD;
        let r = self.places.get(at..at + RECORD)?;
        let u32_at = |o: usize| u32::from_le_bytes([r[o], r[o + 1], r[o + 2], r[o + 3]]);
        let u16_at = |o: usize| u16::from_le_bytes([r[o], r[o + 1]]);
        let admin = u32_at(20);
        let admin2 = u32_at(32);
        Some(Entry {
            index,
            geonames_id: u32_at(0),
            lat: f32::from_bits(u32_at(4)),
            lon: f32::from_bits(u32_at(8)),
            population: u32_at(12),
            name_off: u32_at(16),
            admin1: (admin != NO_ADMIN).then_some(admin),
            admin2: (admin2 != NO_ADMIN).then_some(admin2),
            name_len: u16_at(24),
            radius_km: u16_at(26),
            country: [r[28], r[29], r[30]],
            kind: Kind::from_u8(r[31]),
        })
    }

    /// The main name of a place.
    pub fn name(&self, e: &Entry) -> &str {
        let s = e.name_off as usize;
        self.strings.get(s..s + e.name_len as usize).unwrap_or("")
    }

    /// The places a whole name may stand for, best first (any spelling: the name is
    /// normalised).
    pub fn lookup(&self, name: &str) -> Vec<Hit> {
        let key = crate::norm::normalize(name);
        self.names.get(key.as_bytes()).map(|v| self.hits(v).collect()).unwrap_or_default()
    }

    /// The hits of an fst value.
    pub(crate) fn hits(&self, value: u64) -> impl Iterator<Item = Hit> + '_ {
        let start = (value >> 24) as usize;
        let n = (value & 0xFF_FFFF) as usize;
        self.postings.get(start..start + n).unwrap_or(&[]).iter().map(|&p| Hit::from_raw(p))
    }

    pub(crate) fn fst(&self) -> &fst::raw::Fst<Vec<u8>> {
        self.names.as_fst()
    }

    /// All entries of one kind (a linear scan; used once per [`crate::Geocoder`]).
    pub fn entries_of(&self, kind: Kind) -> impl Iterator<Item = Entry> + '_ {
        (0..self.count).filter_map(move |i| {
            let at = HEADER + i as usize * RECORD + 31;
            (self.places.get(at).copied() == Some(kind as u8)).then(|| self.entry(i)).flatten()
        })
    }
}

/// Writes the records of `places.bin`.
pub(crate) struct RecordWriter {
    pub buf: Vec<u8>,
    pub count: u32,
}

pub(crate) struct NewRecord<'a> {
    pub geonames_id: u32,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    pub name_off: u32,
    pub name_len: u16,
    pub admin1: Option<u32>,
    pub admin2: Option<u32>,
    pub radius_km: u32,
    pub country: Option<&'a str>,
    pub kind: Kind,
}

impl RecordWriter {
    pub fn new() -> RecordWriter {
        let mut buf = Vec::with_capacity(HEADER + 300_000 * RECORD);
        buf.extend_from_slice(MAGIC);
        buf.extend_from_slice(&FORMAT.to_le_bytes());
        buf.extend_from_slice(&0u32.to_le_bytes());
        buf.extend_from_slice(&0u32.to_le_bytes());
        RecordWriter { buf, count: 0 }
    }

    pub fn push(&mut self, r: &NewRecord<'_>) {
        let b = &mut self.buf;
        b.extend_from_slice(&r.geonames_id.to_le_bytes());
        b.extend_from_slice(&(r.lat as f32).to_bits().to_le_bytes());
        b.extend_from_slice(&(r.lon as f32).to_bits().to_le_bytes());
        b.extend_from_slice(&(r.population.min(u32::MAX as u64) as u32).to_le_bytes());
        b.extend_from_slice(&r.name_off.to_le_bytes());
        b.extend_from_slice(&r.admin1.unwrap_or(NO_ADMIN).to_le_bytes());
        b.extend_from_slice(&r.name_len.to_le_bytes());
        b.extend_from_slice(&(r.radius_km.min(u16::MAX as u32) as u16).to_le_bytes());
        let mut cc = [0u8; 3];
        if let Some(c) = r.country.filter(|c| c.len() == 3 && c.is_ascii()) {
            cc.copy_from_slice(c.as_bytes());
        }
        b.extend_from_slice(&cc);
        b.push(r.kind as u8);
        b.extend_from_slice(&r.admin2.unwrap_or(NO_ADMIN).to_le_bytes());
        self.count += 1;
    }

    pub fn finish(mut self) -> Vec<u8> {
        self.buf[8..12].copy_from_slice(&self.count.to_le_bytes());
        self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::temp_dir;

    #[test]
    fn missing_directory_is_an_io_error() {
        let d = temp_dir("missing").join("nothing");
        assert!(matches!(Gazetteer::open(&d), Err(GeoError::Io { .. })));
    }

    #[test]
    fn damaged_files_are_format_errors() {
        let g = crate::testutil::fixture_gazetteer();
        let d = temp_dir("damaged");
        for f in ["names.fst", "postings.bin", "places.bin", "strings.bin"] {
            let _ = std::fs::copy(g.dir().join(f), d.join(f));
        }
        assert!(Gazetteer::open(&d).is_ok());
        let places = std::fs::read(d.join("places.bin")).unwrap_or_default();
        let _ = std::fs::write(d.join("places.bin"), &places[..places.len() - 5]);
        assert!(matches!(Gazetteer::open(&d), Err(GeoError::Format { .. })));
        let mut bad = places.clone();
        bad[4] = 99;
        let _ = std::fs::write(d.join("places.bin"), &bad);
        assert!(Gazetteer::open(&d).map_err(|e| e.to_string()).err().is_some_and(|e| e.contains("setup-gazetteer")));
        let _ = std::fs::write(d.join("places.bin"), &places);
        let _ = std::fs::write(d.join("names.fst"), b"garbage");
        assert!(Gazetteer::open(&d).is_err());
    }

    #[test]
    fn entries_out_of_range_are_none() {
        let g = crate::testutil::fixture_gazetteer();
        assert!(g.entry(g.len() as u32).is_none());
        assert!(g.entry(u32::MAX).is_none());
    }

    #[test]
    fn default_dir_follows_dateline_data() {
        std::env::set_var("DATELINE_DATA", "/some/where");
        let d = Gazetteer::default_dir();
        std::env::remove_var("DATELINE_DATA");
        assert_eq!(d, std::path::PathBuf::from("/some/where/gazetteer"));
    }
}
