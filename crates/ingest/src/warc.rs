//! WARC archives (`.warc`, `.warc.gz`; gzip is looked through before this reader):
//! streamed record by record, never held whole.
//!
//! A `response` record whose HTTP payload is an HTML page (status 2xx) becomes a
//! [`Record`] through the HTML extractor, with `url` the `WARC-Target-URI` (unless the
//! page names a canonical URL), `origin` `path@offset`, id `file#n` (the n-th WARC
//! record of the file) and a warning giving the crawl date (`WARC-Date`), which is
//! *not* a publication date. Every other record — `warcinfo`, `request`, `metadata`,
//! `revisit`, non-HTML or non-2xx responses — is skipped and counted: the counts since
//! the last page are put on the next page as a warning, and [`WarcStats`] has the totals.
//!
//! A record over `max_record_bytes` is skipped (read past, not held) with an error and
//! reading goes on. A missing or bad `Content-Length`, a truncated record or a broken
//! gzip stream is an error naming the record's offset (in the decompressed stream),
//! after which the input is left: the next record cannot be found reliably.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Read};

use crate::html::{page_record, PageSource};
use crate::{Flow, ReadError, ReadOptions, Record};

/// What a WARC file held.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WarcStats {
    /// WARC records read (pages, skipped and refused).
    pub records: u64,
    /// Pages handed on as records.
    pub pages: u64,
    /// Records skipped, by kind (`request`, `metadata`, `response: image/jpeg`, ...).
    pub skipped: BTreeMap<String, u64>,
    /// Records refused with an error (too large, unreadable payload).
    pub refused: u64,
}

impl WarcStats {
    /// The number of records skipped.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }
}

/// A WARC header line longer than this is an error.
const MAX_HEADER_LINE: usize = 64 * 1024;
/// A WARC header block longer than this is an error.
const MAX_HEADER_BYTES: usize = 1024 * 1024;

/// Reads an (already decompressed) WARC stream, handing pages and errors to `sink`.
pub(crate) fn read(
    name: &str,
    reader: &mut dyn BufRead,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Result<Record, ReadError>) -> Flow,
) -> WarcStats {
    let mut r = Reader { inner: reader, offset: 0 };
    let mut stats = WarcStats::default();
    let mut pending: BTreeMap<String, u64> = BTreeMap::new();
    let file = crate::file_name(std::path::Path::new(name));
    let err = |offset: u64, reason: String| ReadError::Warc { input: name.to_string(), offset, reason };
    loop {
        let (offset, header) = match r.header() {
            Ok(None) => break,
            Ok(Some(h)) => h,
            Err((offset, reason)) => {
                let _ = sink(Err(err(offset, reason)));
                break;
            }
        };
        stats.records += 1;
        let n = stats.records;
        let length = match header.get("content-length").map(|v| v.trim().parse::<u64>()) {
            Some(Ok(l)) => l,
            Some(Err(_)) => {
                let v = header.get("content-length").unwrap_or("");
                let _ = sink(Err(err(offset, format!("bad Content-Length {v:?}"))));
                break;
            }
            None => {
                let _ = sink(Err(err(offset, "no Content-Length".to_string())));
                break;
            }
        };
        let kind = header.get("warc-type").unwrap_or("").trim().to_ascii_lowercase();
        if kind != "response" || length > opts.max_record_bytes as u64 {
            if let Err(reason) = r.skip(length) {
                let _ = sink(Err(err(offset, reason)));
                break;
            }
            if kind == "response" {
                stats.refused += 1;
                let reason = format!(
                    "{length} bytes, over the limit of {} bytes per record (--max-doc-bytes); skipped",
                    opts.max_record_bytes
                );
                if sink(Err(err(offset, reason))).is_break() {
                    break;
                }
            } else {
                let kind = if kind.is_empty() { "no WARC-Type".to_string() } else { kind };
                *pending.entry(kind.clone()).or_default() += 1;
                *stats.skipped.entry(kind).or_default() += 1;
            }
            continue;
        }
        let block = match r.block(length) {
            Ok(b) => b,
            Err(reason) => {
                let _ = sink(Err(err(offset, reason)));
                break;
            }
        };
        let item = match http_page(&block, opts.max_record_bytes) {
            Ok(Payload::Page { body, charset }) => {
                let url = header
                    .get("warc-target-uri")
                    .map(|u| u.trim().trim_start_matches('<').trim_end_matches('>').to_string());
                let src = PageSource {
                    id: format!("{file}#{n}"),
                    origin: format!("{name}@{offset}"),
                    http_charset: charset.as_deref(),
                    url: url.as_deref(),
                    fetched: header.get("warc-date").and_then(crate::date::parse_date),
                };
                let mut rec = page_record(&body, &src);
                rec.format = "warc";
                if let Some(d) = header.get("warc-date") {
                    rec.warnings.push(format!("crawled {} (WARC-Date); that is not the publication date", d.trim()));
                }
                if !pending.is_empty() {
                    let list: Vec<String> = pending.iter().map(|(k, v)| format!("{k} {v}")).collect();
                    let total: u64 = pending.values().sum();
                    rec.warnings.push(format!("{total} WARC record(s) skipped before this one ({})", list.join(", ")));
                    pending.clear();
                }
                stats.pages += 1;
                Ok(rec)
            }
            Ok(Payload::Skip(why)) => {
                let kind = format!("response: {why}");
                *pending.entry(kind.clone()).or_default() += 1;
                *stats.skipped.entry(kind).or_default() += 1;
                continue;
            }
            Err(reason) => {
                stats.refused += 1;
                Err(err(offset, reason))
            }
        };
        if sink(item).is_break() {
            break;
        }
    }
    stats
}

/// A WARC record header: field names lowercased, first value kept.
struct Header(Vec<(String, String)>);

impl Header {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// The input with the offset of the next byte.
struct Reader<'r> {
    inner: &'r mut dyn BufRead,
    offset: u64,
}

impl Reader<'_> {
    /// Reads one line (up to `MAX_HEADER_LINE` bytes); `Ok(None)` at the end.
    fn line(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<()>> {
        buf.clear();
        let n = (&mut *self.inner).take(MAX_HEADER_LINE as u64 + 1).read_until(b'\n', buf)?;
        self.offset += n as u64;
        if n == 0 {
            return Ok(None);
        }
        if buf.len() > MAX_HEADER_LINE {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("a header line over {MAX_HEADER_LINE} bytes"),
            ));
        }
        Ok(Some(()))
    }

    /// Reads the next record's header: its offset and fields; `Ok(None)` at the end.
    fn header(&mut self) -> Result<Option<(u64, Header)>, (u64, String)> {
        let mut buf = Vec::new();
        // Blank lines between records.
        let start = loop {
            let at = self.offset;
            match self.line(&mut buf) {
                Ok(None) => return Ok(None),
                Ok(Some(())) if buf.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Some(())) => break at,
                Err(e) => return Err((at, format!("cannot read: {e}"))),
            }
        };
        if !buf.starts_with(b"WARC/") {
            let shown: String = String::from_utf8_lossy(&buf).chars().take(40).collect();
            return Err((start, format!("expected a WARC version line, found {:?}", shown.trim_end())));
        }
        let mut fields = Vec::new();
        loop {
            match self.line(&mut buf) {
                Ok(None) => return Err((start, "truncated: the input ends inside the record header".to_string())),
                Ok(Some(())) => {}
                Err(e) => return Err((start, format!("cannot read the record header: {e}"))),
            }
            if self.offset - start > MAX_HEADER_BYTES as u64 {
                return Err((start, format!("a record header over {MAX_HEADER_BYTES} bytes")));
            }
            let line = String::from_utf8_lossy(&buf);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                fields.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        Ok(Some((start, Header(fields))))
    }

    /// Reads a record block of `len` bytes (the caller has checked it against the limit).
    fn block(&mut self, len: u64) -> Result<Vec<u8>, String> {
        let mut buf = Vec::new();
        let n =
            (&mut *self.inner).take(len).read_to_end(&mut buf).map_err(|e| format!("cannot read the record: {e}"))?;
        self.offset += n as u64;
        if (n as u64) < len {
            return Err(format!("truncated: Content-Length is {len} bytes but the input ends after {n}"));
        }
        Ok(buf)
    }

    /// Reads past a record block of `len` bytes without keeping it.
    fn skip(&mut self, len: u64) -> Result<(), String> {
        let n = io::copy(&mut (&mut *self.inner).take(len), &mut io::sink())
            .map_err(|e| format!("cannot read the record: {e}"))?;
        self.offset += n;
        if n < len {
            return Err(format!("truncated: Content-Length is {len} bytes but the input ends after {n}"));
        }
        Ok(())
    }
}

/// What a `response` record holds.
enum Payload {
    /// An HTML page: the body (transfer and content encodings undone) and the charset
    /// its `Content-Type` declared.
    Page { body: Vec<u8>, charset: Option<String> },
    /// Not a page, and why.
    Skip(String),
}

/// Reads the HTTP response in a `response` block.
fn http_page(block: &[u8], limit: usize) -> Result<Payload, String> {
    let Some((head_len, sep)) = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|i| (i, 2)))
    else {
        return Ok(Payload::Skip("no HTTP header".to_string()));
    };
    let head = String::from_utf8_lossy(&block[..head_len]);
    let body = &block[head_len + sep..];
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    if !status_line.starts_with("HTTP/") {
        return Ok(Payload::Skip("no HTTP status line".to_string()));
    }
    let status: u16 = status_line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    if !(200..300).contains(&status) {
        return Ok(Payload::Skip(format!("HTTP status {status}")));
    }
    let field = |name: &str| {
        head.lines().skip(1).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    };
    let content_type = field("content-type").unwrap_or_default();
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let mut body = body.to_vec();
    if field("transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
        body = dechunk(&body).ok_or("a broken chunked HTTP body")?;
    }
    match field("content-encoding").map(|e| e.trim().to_ascii_lowercase()).as_deref() {
        None | Some("") | Some("identity") => {}
        Some("gzip") | Some("x-gzip") => body = inflate(flate2::read::MultiGzDecoder::new(&body[..]), limit)?,
        Some("deflate") => body = inflate(flate2::read::ZlibDecoder::new(&body[..]), limit)?,
        Some(other) => return Ok(Payload::Skip(format!("content encoding {other}"))),
    }
    let html = if mime.is_empty() {
        crate::detect::detect_format("", &body[..body.len().min(2048)]) == crate::Format::Html
    } else {
        mime.contains("html")
    };
    if !html {
        return Ok(Payload::Skip(if mime.is_empty() { "not HTML".to_string() } else { mime }));
    }
    if crate::stream::binary_reason(&body).is_some() {
        return Ok(Payload::Skip(format!("{mime}, binary content")));
    }
    let charset = crate::charset::charset_param(&content_type).map(str::to_string);
    Ok(Payload::Page { body, charset })
}

/// Undoes a content encoding, refusing more than `limit` bytes.
fn inflate(mut r: impl Read, limit: usize) -> Result<Vec<u8>, String> {
    match crate::read_bounded(&mut r, limit) {
        Ok(Some(b)) => Ok(b),
        Ok(None) => Err(format!("the page decompresses to over {limit} bytes, the limit per record (--max-doc-bytes)")),
        Err(e) => Err(format!("a broken compressed HTTP body: {e}")),
    }
}

/// Joins the chunks of a chunked HTTP body.
fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let eol = memchr::memchr(b'\n', b)?;
        let size_line = std::str::from_utf8(&b[..eol]).ok()?;
        let size = usize::from_str_radix(size_line.split(';').next()?.trim(), 16).ok()?;
        b = &b[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(..size)?);
        b = &b[size..];
        b = b.strip_prefix(b"\r\n").or_else(|| b.strip_prefix(b"\n")).unwrap_or(b);
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::ops::ControlFlow;

    use super::WarcStats;
    use crate::{read_bytes, ReadError, ReadOptions, Record};

    /// News-style pages of our own invention: (url, headline, paragraphs).
    fn stories() -> Vec<(String, String, Vec<String>)> {
        let places = ["Northport", "Lake Vessel", "Granite Bay"];
        places
            .iter()
            .enumerate()
            .map(|(i, place)| {
                let url = format!("https://news.example.org/2021/03/{:02}/story-{i}", i + 10);
                let headline = format!("Council in {place} approves new harbour plan");
                let paras = vec![
                    format!("The town council of {place} voted on Monday to approve a plan for the old harbour, ending a debate that had run for two years, the mayor said."),
                    format!("Under the plan, the harbour in {place} will be dredged and its piers rebuilt, at a cost the council put at four million, to be shared with the regional government."),
                ];
                (url, headline, paras)
            })
            .collect()
    }

    fn page_html(headline: &str, paras: &[String]) -> String {
        format!(
            "<!DOCTYPE html><html lang=\"en\"><head><title>{headline} - Example Gazette</title></head><body>\
             <nav><a href=\"/\">Home</a> <a href=\"/local\">Local</a></nav><article><h1>{headline}</h1><p>{}</p><p>{}</p></article>\
             <footer>Example Gazette</footer></body></html>",
            paras[0], paras[1]
        )
    }

    /// One WARC record.
    fn record(kind: &str, uri: &str, block: &[u8], length: Option<&str>) -> Vec<u8> {
        let len = length.map(str::to_string).unwrap_or_else(|| block.len().to_string());
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2021-04-01T12:00:00Z\r\n\
             WARC-Record-ID: <urn:uuid:0000>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {len}\r\n\r\n"
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn http(content_type: &str, body: &[u8]) -> Vec<u8> {
        let mut out =
            format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", body.len())
                .into_bytes();
        out.extend_from_slice(body);
        out
    }

    /// A crawl: warcinfo, then per story a request and a response, plus an image.
    fn fixture() -> Vec<Vec<u8>> {
        let mut recs = vec![record("warcinfo", "", b"software: test\r\n", None)];
        for (url, headline, paras) in stories() {
            recs.push(record("request", &url, b"GET / HTTP/1.1\r\nHost: news.example.org\r\n\r\n", None));
            recs.push(record(
                "response",
                &url,
                &http("text/html; charset=utf-8", page_html(&headline, &paras).as_bytes()),
                None,
            ));
        }
        recs.push(record("response", "https://news.example.org/logo.png", &http("image/png", b"\x89PNG...."), None));
        recs
    }

    /// Gzips each record as its own member, as `.warc.gz` files do.
    fn gzip_members(recs: &[Vec<u8>]) -> Vec<u8> {
        let mut out = Vec::new();
        for r in recs {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            let _ = gz.write_all(r);
            out.extend(gz.finish().unwrap_or_default());
        }
        out
    }

    fn run(name: &str, bytes: &[u8], limit: usize) -> Vec<Result<Record, ReadError>> {
        let mut out = Vec::new();
        let opts = ReadOptions { format: None, max_record_bytes: limit };
        read_bytes(name, bytes, None, &opts, &mut |r| {
            out.push(r);
            ControlFlow::Continue(())
        });
        out
    }

    fn check_pages(out: &[Result<Record, ReadError>]) {
        let stories = stories();
        assert_eq!(out.len(), stories.len(), "{out:?}");
        for (r, (url, headline, paras)) in out.iter().zip(&stories) {
            let r = r.as_ref().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(r.url.as_deref(), Some(url.as_str()));
            assert_eq!(r.text, paras.join("\n\n"));
            assert_eq!(r.title.as_deref(), Some(headline.as_str()));
            assert_eq!(r.format, "warc");
            // The crawl date is noted, and not taken for the publication date (the URL gives that).
            assert!(r.warnings.iter().any(|w| w.contains("crawled 2021-04-01T12:00:00Z")));
            assert_ne!(r.date.as_deref(), Some("2021-04-01"));
        }
    }

    #[test]
    fn pages_from_a_plain_and_a_gzipped_warc() {
        let recs = fixture();
        let out = run("crawl.warc", &recs.concat(), 1 << 20);
        check_pages(&out);
        let first = out[0].as_ref().ok();
        assert_eq!(first.map(|r| r.id.as_str()), Some("crawl.warc#3"));
        assert!(first.is_some_and(|r| r
            .warnings
            .iter()
            .any(|w| w.contains("2 WARC record(s) skipped before this one (request 1, warcinfo 1)"))));
        assert_eq!(out[1].as_ref().ok().map(|r| r.date.as_deref()), Some(Some("2021-03-11")));
        check_pages(&run("crawl.warc.gz", &gzip_members(&recs), 1 << 20));
    }

    #[test]
    fn stats_count_skipped_records() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("crawl.warc.gz");
        std::fs::write(&path, gzip_members(&fixture())).unwrap_or_else(|e| panic!("{e}"));
        let mut pages = 0;
        let stats = crate::read_warc_with_stats(&crate::Input::Path(path), &ReadOptions::default(), &mut |r| {
            pages += usize::from(r.is_ok());
            ControlFlow::Continue(())
        });
        assert_eq!(pages, 3);
        assert_eq!((stats.records, stats.pages, stats.skipped_total(), stats.refused), (8, 3, 5, 0));
        let expect: WarcStats = WarcStats {
            records: 8,
            pages: 3,
            skipped: [("request".to_string(), 3), ("response: image/png".to_string(), 1), ("warcinfo".to_string(), 1)]
                .into_iter()
                .collect(),
            refused: 0,
        };
        assert_eq!(stats, expect);
    }

    #[test]
    fn bad_content_length_stops_the_input() {
        let mut recs = fixture();
        let (url, headline, paras) = &stories()[0];
        recs.insert(3, record("response", url, &http("text/html", page_html(headline, paras).as_bytes()), Some("12x")));
        let out = run("bad.warc", &recs.concat(), 1 << 20);
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(out[0].is_ok());
        let e = out[1].as_ref().err().map(|e| e.to_string()).unwrap_or_default();
        let offset: usize = recs[..3].iter().map(Vec::len).sum();
        assert_eq!(e, format!("bad.warc: WARC record at offset {offset}: bad Content-Length \"12x\""));
    }

    #[test]
    fn overlong_content_length_is_truncation() {
        let (url, headline, paras) = &stories()[0];
        let rec = record("response", url, &http("text/html", page_html(headline, paras).as_bytes()), Some("999999"));
        let out = run("t.warc", &rec, 1 << 20);
        assert_eq!(out.len(), 1);
        let e = out[0].as_ref().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.starts_with("t.warc: WARC record at offset 0: truncated: Content-Length is 999999 bytes"), "{e}");
    }

    #[test]
    fn truncated_gzip_is_an_error_with_offset() {
        let recs = fixture();
        let gz = gzip_members(&recs);
        let out = run("t.warc.gz", &gz[..gz.len() - 40], 1 << 20);
        let errors: Vec<String> = out.iter().filter_map(|r| r.as_ref().err()).map(|e| e.to_string()).collect();
        assert!(errors[0].starts_with("t.warc.gz: WARC record at offset "), "{errors:?}");
        assert!(errors.iter().any(|e| e.contains("gzip data breaks")), "{errors:?}");
        assert_eq!(out.iter().filter(|r| r.is_ok()).count(), 3);
    }

    #[test]
    fn oversized_records_are_skipped_with_an_error() {
        let recs = fixture();
        let out = run("s.warc", &recs.concat(), 300);
        // Each page's response is over 300 bytes: three errors, reading goes on.
        assert_eq!(out.len(), 3, "{out:?}");
        for r in &out {
            let e = r.as_ref().err().map(|e| e.to_string()).unwrap_or_default();
            assert!(e.contains("over the limit of 300 bytes per record"), "{e}");
        }
    }

    #[test]
    fn http_encodings() {
        let (url, headline, paras) = &stories()[1];
        let html = page_html(headline, paras);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let _ = gz.write_all(html.as_bytes());
        let body = gz.finish().unwrap_or_default();
        let mut block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n", body.len()).into_bytes();
        block.extend_from_slice(&body);
        block.extend_from_slice(b"\r\n0\r\n\r\n");
        let out = run("e.warc", &record("response", url, &block, None), 1 << 20);
        assert_eq!(out[0].as_ref().ok().map(|r| r.text.as_str()), Some(paras.join("\n\n").as_str()));
        // Not a WARC at all.
        let out = run("x.warc", b"GET / HTTP/1.1\r\n", 1 << 20);
        let e = out[0].as_ref().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("offset 0: expected a WARC version line"), "{e}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        #[test]
        fn never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..1500)) {
            let mut b = b"WARC/1.0\r\n".to_vec();
            b.extend_from_slice(&bytes);
            let _ = run("p.warc", &b, 1 << 16);
        }

        #[test]
        fn never_panics_truncated(cut in 0usize..4000, gz in proptest::prelude::any::<bool>()) {
            let recs = fixture();
            let bytes = if gz { gzip_members(&recs) } else { recs.concat() };
            let end = cut.min(bytes.len());
            let _ = run("p.warc", &bytes[..end], 1 << 16);
        }
    }
}
