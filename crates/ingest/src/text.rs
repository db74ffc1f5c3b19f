use std::io::BufRead;

use crate::{read_whole, to_text, Flow, ReadError, ReadOptions, Record};

/// A plain-text file is one document.
pub(crate) fn read(
    name: &str,
    reader: &mut dyn BufRead,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Result<Record, ReadError>) -> Flow,
) {
    let bytes = match read_whole(name, reader, opts) {
        Ok(b) => b,
        Err(e) => {
            let _ = sink(Err(e));
            return;
        }
    };
    let text = match to_text(name, bytes, None) {
        Ok(t) => t,
        Err(e) => {
            let _ = sink(Err(e));
            return;
        }
    };
    if text.trim().is_empty() {
        let _ = sink(Err(ReadError::Empty {
            input: name.to_string(),
        }));
        return;
    }
    let id = std::path::Path::new(name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    let _ = sink(Ok(Record {
        id,
        text,
        format: "text",
        origin: name.to_string(),
        ..Record::default()
    }));
}
