//! Fuzzes the whole pipeline: any bytes, read as a story file (format sniffed from the
//! content), then every record read through the engine (nlp, places, coding, tone) and
//! written as its JSON model. Reading never fails: each record must give a document
//! whose every span lies on character boundaries of its text, never a panic or a hang.
#![no_main]

use std::ops::ControlFlow;
use std::sync::OnceLock;

use dateline_engine::{Config, Engine};
use dateline_ingest::{read_bytes, ReadOptions};
use libfuzzer_sys::fuzz_target;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| match Engine::new(&Config::default()) {
        Ok(e) => e,
        Err(e) => panic!("the built-in dictionaries do not load: {e}"),
    })
}

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions { max_record_bytes: 1 << 18, ..ReadOptions::default() };
    read_bytes("story", data, None, &opts, &mut |item| {
        if let Ok(record) = item {
            let doc = engine().process(record);
            for [start, end] in doc.entities.iter().flat_map(|e| e.mentions.iter().copied()) {
                assert!(start <= end && doc.text.is_char_boundary(start) && doc.text.is_char_boundary(end));
            }
            std::hint::black_box(serde_json::to_vec(&doc).map(|v| v.len()).unwrap_or(0));
        }
        ControlFlow::Continue(())
    });
});
