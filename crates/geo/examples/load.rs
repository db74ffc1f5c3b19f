//! Loads the gazetteer and looks up a few names: for measuring load time and memory
//! (`/usr/bin/time -v cargo run --release -p dateline-geo --example load`).

use dateline_geo::Gazetteer;

fn main() {
    let t = std::time::Instant::now();
    let dir = std::env::args().nth(1).map(std::path::PathBuf::from).unwrap_or_else(Gazetteer::default_dir);
    match Gazetteer::open(&dir) {
        Ok(g) => {
            let load = t.elapsed();
            let n: usize = ["Bishkek", "Kant", "Santa Ana", "Springfield"].iter().map(|n| g.lookup(n).len()).sum();
            println!("{g:?}: loaded in {:.0} ms; {n} readings for 4 names", load.as_secs_f64() * 1e3);
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
