//! Fuzzes the warc reader: any bytes, read as Warc, must give records or errors, never
//! a panic, a hang or an unbounded allocation. A small record limit keeps runs fast.
#![no_main]

use std::ops::ControlFlow;

use dateline_ingest::{read_bytes, Format, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions { max_record_bytes: 1 << 20, ..ReadOptions::default() };
    read_bytes("crawl.warc", data, Some(Format::Warc), &opts, &mut |item| {
        if let Ok(record) = item {
            // Touch what a caller would read.
            std::hint::black_box((record.text.len(), record.id.len(), record.date));
        }
        ControlFlow::Continue(())
    });
});
