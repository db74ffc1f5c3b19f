//! Fuzzes plain-text reading with detection: any bytes, with no format forced (so the
//! format is sniffed from content), gzip and UTF-16 looked through, legacy encodings
//! detected, must give records or errors, never a panic or a hang, and no record's
//! text may hold a control character other than tab and line breaks.
#![no_main]

use std::ops::ControlFlow;

use dateline_ingest::{read_bytes, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions { max_record_bytes: 1 << 20, ..ReadOptions::default() };
    for name in ["story.txt", "story"] {
        read_bytes(name, data, None, &opts, &mut |item| {
            if let Ok(record) = item {
                assert!(!record.text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')));
                std::hint::black_box((record.text.len(), record.language));
            }
            ControlFlow::Continue(())
        });
    }
});
