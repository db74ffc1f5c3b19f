use std::io::{self, BufRead};

use crate::stream::Notes;

/// The input formats dateline reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Jsonl,
    Html,
    Feed,
    Warc,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
            Format::Feed => "feed",
            Format::Warc => "warc",
        }
    }

    /// Parses a `--format` value.
    pub fn from_name(s: &str) -> Option<Format> {
        // not vocabulary: format names of the command line
        Some(match s.to_ascii_lowercase().as_str() {
            "text" | "txt" => Format::Text,
            "jsonl" | "ndjson" | "json-lines" => Format::Jsonl,
            "html" | "htm" => Format::Html,
            "feed" | "rss" | "atom" | "json-feed" => Format::Feed,
            "warc" => Format::Warc,
            _ => return None,
        })
    }
}

/// Detects a format from the file name (a trailing `.gz` is looked through) and the
/// first bytes of content.
pub fn detect_format(name: &str, head: &[u8]) -> Format {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    let ext = base.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    // not vocabulary: file name extensions
    match ext {
        "jsonl" | "ndjson" => return Format::Jsonl,
        "html" | "htm" | "xhtml" => return Format::Html,
        "rss" | "atom" => return Format::Feed,
        "warc" => return Format::Warc,
        "txt" | "text" => return Format::Text,
        _ => {}
    }
    let head_str = String::from_utf8_lossy(&head[..head.len().min(2048)]);
    let trimmed = head_str.trim_start_matches('\u{feff}').trim_start();
    let low = trimmed.to_ascii_lowercase();
    if low.starts_with("warc/") {
        Format::Warc
    } else if low.starts_with("<!doctype html") || low.starts_with("<html") {
        Format::Html
    } else if low.starts_with("<?xml") || low.starts_with("<rss") || low.starts_with("<feed") || low.starts_with("<rdf")
    {
        if low.contains("<rss") || low.contains("<feed") || low.contains("<rdf") {
            Format::Feed
        } else if low.contains("<html") {
            Format::Html
        } else {
            Format::Feed
        }
    } else if low.starts_with('{') {
        if low.contains("\"version\"") && low.contains("jsonfeed.org") {
            Format::Feed
        } else {
            Format::Jsonl
        }
    } else if low.starts_with('<')
        && (low.contains("<head") || low.contains("<body") || low.contains("<div") || low.contains("<p"))
    {
        Format::Html
    } else {
        Format::Text
    }
}

/// Opens the stream (gunzipping when it starts with the gzip magic, decoding UTF-16
/// when it starts with a UTF-16 byte-order mark) and detects its format. `notes`
/// collects what the records should say about the stream.
pub(crate) fn sniff<'a>(
    name: &str,
    reader: &'a mut dyn BufRead,
    forced: Option<Format>,
    notes: &Notes,
) -> io::Result<(Format, Box<dyn BufRead + 'a>)> {
    let head = reader.fill_buf()?;
    let gz = head.starts_with(&[0x1f, 0x8b]);
    let mut stream: Box<dyn BufRead + 'a> = if gz { crate::stream::gunzip(reader, notes) } else { Box::new(reader) };
    let utf16 = stream.fill_buf().ok().and_then(crate::stream::utf16_bom);
    if let Some(enc) = utf16 {
        notes.set_encoding(format!("read as {} (byte-order mark)", enc.name()));
        stream = Box::new(io::BufReader::with_capacity(64 * 1024, crate::stream::Utf16Reader::new(stream, enc)));
    }
    let format = match forced {
        Some(f) => f,
        None => {
            let head = match stream.fill_buf() {
                Ok(h) => h.to_vec(),
                // A corrupt gzip header: let the reader report it with context.
                Err(_) => Vec::new(),
            };
            detect_format(name, &head)
        }
    };
    Ok((format, stream))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn by_extension_and_content() {
        assert_eq!(detect_format("a.jsonl", b"x"), Format::Jsonl);
        assert_eq!(detect_format("a.html.gz", b""), Format::Html);
        assert_eq!(detect_format("a.warc.gz", b""), Format::Warc);
        assert_eq!(detect_format("story", b"BISHKEK, April 5 (Itar-Tass) -"), Format::Text);
        assert_eq!(detect_format("x", b"  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(detect_format("x", b"<?xml version=\"1.0\"?><rss version=\"2.0\">"), Format::Feed);
        assert_eq!(detect_format("x", b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(detect_format("x", b"{\"id\": 1}"), Format::Jsonl);
    }
}
