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
//! reading goes on. A framing error — a missing or bad `Content-Length`, a block not
//! followed by the two CRLFs that end a record (its `Content-Length` is short or long),
//! something else where a record should start — is an error naming the offset (in the
//! decompressed stream) and the bytes skipped: the reader scans on (in the buffer's
//! chunks, holding at most the broken record) for the next line that starts a record,
//! `WARC/1.0` or `WARC/1.1`, and goes on from there; a record whose length does not
//! match is never handed on. [`WarcStats`] counts the errors and the bytes skipped. A
//! truncated record ends the input with an error. A broken gzip member (corrupt, or cut
//! short) loses its record only: the gzip layer resumes at the next member, behind a
//! blank line, and this reader finds the record there (the break is noted on the next
//! page, and the broken record is a framing error).

use std::collections::BTreeMap;
use std::io::{self, BufRead, Read};

use crate::html::{page_record, PageSource};
use crate::{Flow, ReadError, ReadOptions, Record};

/// What a WARC file held.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WarcStats {
    /// WARC records whose header was read (pages, skipped, refused, and those with a
    /// framing error).
    pub records: u64,
    /// Pages handed on as records.
    pub pages: u64,
    /// Records skipped, by kind (`request`, `metadata`, `response: image/jpeg`, ...).
    pub skipped: BTreeMap<String, u64>,
    /// Records refused with an error (too large, unreadable payload).
    pub refused: u64,
    /// Framing errors (a bad or missing `Content-Length`, a block not followed by the
    /// end of its record, bytes where a record should start), each followed by a
    /// search for the next record.
    pub framing_errors: u64,
    /// Bytes passed over in those searches (from the broken record's start to the next one's).
    pub skipped_bytes: u64,
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
/// How much of the end of a record read past (not held) is kept, to look for the next
/// record in when its `Content-Length` turns out too long.
const KEEP_TAIL: usize = 64 * 1024;
/// What ends every record block.
const RECORD_END: &[u8] = b"\r\n\r\n";

/// Reads an (already decompressed) WARC stream, handing pages and errors to `sink`.
pub(crate) fn read(
    name: &str,
    reader: &mut dyn BufRead,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Result<Record, ReadError>) -> Flow,
) -> WarcStats {
    let mut w = Warc {
        r: Reader { inner: reader, back: Vec::new(), back_pos: 0, offset: 0 },
        name,
        file: crate::file_name(std::path::Path::new(name)),
        opts,
        stats: WarcStats::default(),
        pending: BTreeMap::new(),
        resumed: None,
        note: None,
    };
    loop {
        let next = match w.resumed.take() {
            Some(start) => w.r.fields(start).map(|h| Some((start, h))),
            None => w.r.header(),
        };
        let flow = match next {
            Ok(None) => break,
            Ok(Some((offset, header))) => w.record(offset, &header, sink),
            Err(Broken { offset, reason, resync: None }) => {
                let _ = sink(Err(w.err(offset, reason)));
                break;
            }
            Err(Broken { offset, reason, resync: Some(line_start) }) => {
                w.lost(offset, reason, Vec::new(), line_start, sink)
            }
        };
        if flow.is_break() {
            break;
        }
    }
    w.stats
}

/// The state of one WARC input being read.
struct Warc<'a, 'r> {
    r: Reader<'r>,
    name: &'a str,
    file: String,
    opts: &'a ReadOptions,
    stats: WarcStats,
    /// Records skipped since the last page, by kind.
    pending: BTreeMap<String, u64>,
    /// The offset of a record whose version line the resynchronisation has read.
    resumed: Option<u64>,
    /// A note for the next page: reading resumed before it.
    note: Option<String>,
}

impl Warc<'_, '_> {
    fn err(&self, offset: u64, reason: String) -> ReadError {
        ReadError::Warc { input: self.name.to_string(), offset, reason }
    }

    /// Reads the rest of the record whose header starts at `offset`.
    fn record(
        &mut self,
        offset: u64,
        header: &Header,
        sink: &mut dyn FnMut(Result<Record, ReadError>) -> Flow,
    ) -> Flow {
        self.stats.records += 1;
        let n = self.stats.records;
        let length = match header.get("content-length").map(|v| v.trim().parse::<u64>()) {
            Some(Ok(l)) => l,
            Some(Err(_)) => {
                let v = header.get("content-length").unwrap_or("");
                return self.lost(offset, format!("bad Content-Length {v:?}"), Vec::new(), true, sink);
            }
            None => return self.lost(offset, "no Content-Length".to_string(), Vec::new(), true, sink),
        };
        let kind = header.get("warc-type").unwrap_or("").trim().to_ascii_lowercase();
        if kind != "response" || length > self.opts.max_record_bytes as u64 {
            let tail = match self.r.skip(length) {
                Ok(t) => t,
                Err(cut) => return self.cut(offset, cut, false, sink),
            };
            let whole = tail.len() as u64 == length;
            let http = kind == "response" || kind == "request";
            let inner = if http { inner_record(&tail) } else { Ok(()) };
            if let Err(reason) = inner.and_then(|()| self.r.end(length)) {
                return self.lost(offset, reason, tail, whole, sink);
            }
            if kind == "response" {
                self.stats.refused += 1;
                let reason = format!(
                    "{length} bytes, over the limit of {} bytes per record (--max-doc-bytes); skipped",
                    self.opts.max_record_bytes
                );
                return sink(Err(self.err(offset, reason)));
            }
            let kind = if kind.is_empty() { "no WARC-Type".to_string() } else { kind };
            *self.pending.entry(kind.clone()).or_default() += 1;
            *self.stats.skipped.entry(kind).or_default() += 1;
            return Flow::Continue(());
        }
        let block = match self.r.block(length) {
            Ok(b) => b,
            Err(cut) => return self.cut(offset, cut, true, sink),
        };
        if let Err(reason) = inner_record(&block).and_then(|()| self.r.end(length)) {
            return self.lost(offset, reason, block, true, sink);
        }
        let item = match http_page(&block, self.opts.max_record_bytes) {
            Ok(Payload::Page { body, charset }) => Ok(self.page(offset, n, header, &body, charset.as_deref())),
            Ok(Payload::Skip(why)) => {
                let kind = format!("response: {why}");
                *self.pending.entry(kind.clone()).or_default() += 1;
                *self.stats.skipped.entry(kind).or_default() += 1;
                return Flow::Continue(());
            }
            Err(reason) => {
                self.stats.refused += 1;
                Err(self.err(offset, reason))
            }
        };
        sink(item)
    }

    /// The page in the `n`-th record, at `offset`.
    fn page(&mut self, offset: u64, n: u64, header: &Header, body: &[u8], charset: Option<&str>) -> Record {
        let url =
            header.get("warc-target-uri").map(|u| u.trim().trim_start_matches('<').trim_end_matches('>').to_string());
        let src = PageSource {
            id: format!("{}#{n}", self.file),
            origin: format!("{}@{offset}", self.name),
            http_charset: charset,
            url: url.as_deref(),
            fetched: header.get("warc-date").and_then(|d| crate::date::parse_date(d, &self.opts.vocabulary.dates)),
            vocab: &self.opts.vocabulary,
        };
        let mut rec = page_record(body, &src);
        rec.format = "warc";
        if let Some(d) = header.get("warc-date") {
            rec.warnings.push(format!("crawled {} (WARC-Date); that is not the publication date", d.trim()));
        }
        if !self.pending.is_empty() {
            let list: Vec<String> = self.pending.iter().map(|(k, v)| format!("{k} {v}")).collect();
            let total: u64 = self.pending.values().sum();
            rec.warnings.push(format!("{total} WARC record(s) skipped before this one ({})", list.join(", ")));
            self.pending.clear();
        }
        if let Some(note) = self.note.take() {
            rec.warnings.push(note);
        }
        self.stats.pages += 1;
        rec
    }

    /// A block that could not be read whole: unreadable input ends the reading; a block
    /// the input ends inside may only have had too long a `Content-Length`, so the next
    /// record is looked for in what was read of it (`whole`: all of it was kept).
    fn cut(
        &mut self,
        offset: u64,
        cut: Cut,
        whole: bool,
        sink: &mut dyn FnMut(Result<Record, ReadError>) -> Flow,
    ) -> Flow {
        match cut {
            Cut::Unreadable(reason) => {
                let _ = sink(Err(self.err(offset, reason)));
                Flow::Break(())
            }
            Cut::Short(reason, read) => {
                let whole = whole || read.len() < KEEP_TAIL;
                self.lost(offset, reason, read, whole, sink)
            }
        }
    }

    /// A framing error at `offset`: the bytes `back` (read since, and not part of any
    /// record) are put back, the next record start is looked for from there (`line_start`:
    /// whether they start a line), and the error is reported with what was skipped.
    fn lost(
        &mut self,
        offset: u64,
        reason: String,
        back: Vec<u8>,
        line_start: bool,
        sink: &mut dyn FnMut(Result<Record, ReadError>) -> Flow,
    ) -> Flow {
        self.stats.framing_errors += 1;
        self.r.unread(back);
        match self.r.resync(line_start) {
            Ok(Some(start)) => {
                let skipped = start.saturating_sub(offset);
                self.stats.skipped_bytes += skipped;
                self.resumed = Some(start);
                self.note = Some(format!(
                    "reading resumed at offset {start} after a framing error at offset {offset} ({skipped} bytes skipped)"
                ));
                sink(Err(self
                    .err(offset, format!("{reason}; {skipped} bytes skipped to the next record, at offset {start}"))))
            }
            Ok(None) => {
                let skipped = self.r.offset.saturating_sub(offset);
                self.stats.skipped_bytes += skipped;
                let reason = format!("{reason}; no WARC record after it ({skipped} bytes to the end skipped)");
                let _ = sink(Err(self.err(offset, reason)));
                Flow::Break(())
            }
            Err(e) => {
                let _ = sink(Err(self.err(offset, format!("{reason}; then cannot read: {e}"))));
                Flow::Break(())
            }
        }
    }
}

/// An HTTP message (a `request` or `response` block) with a record start inside it, after
/// a blank line, took in the next record: its `Content-Length` runs on to where a later
/// record happens to end.
fn inner_record(block: &[u8]) -> Result<(), String> {
    for i in memchr::memmem::find_iter(block, b"\r\n\r\nWARC/1.") {
        if matches!(block.get(i + 11..i + 14), Some(b"0\r\n" | b"1\r\n")) {
            return Err(format!(
                "Content-Length does not match the record: a record starts inside it, {} bytes from the end",
                block.len() - i - 4
            ));
        }
    }
    Ok(())
}

/// A WARC record header: field names lowercased, first value kept.
struct Header(Vec<(String, String)>);

impl Header {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// Why a record header could not be read: where, why, and whether the next record can
/// be looked for (`Some(line_start)`: whether the next byte starts a line) or the input
/// ends here (`None`: it is over, or unreadable).
struct Broken {
    offset: u64,
    reason: String,
    resync: Option<bool>,
}

/// Why a record block could not be read whole.
enum Cut {
    /// The input could not be read.
    Unreadable(String),
    /// The input ends inside the block: why, and what was read of it (all, or its end).
    Short(String, Vec<u8>),
}

/// The input with the offset of the next byte, and bytes put back to be read again.
struct Reader<'r> {
    inner: &'r mut dyn BufRead,
    back: Vec<u8>,
    back_pos: usize,
    offset: u64,
}

impl Read for Reader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(buf.len());
        buf[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Reader<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.back_pos < self.back.len() {
            return Ok(&self.back[self.back_pos..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.offset += amt as u64;
        if self.back_pos < self.back.len() {
            self.back_pos = (self.back_pos + amt).min(self.back.len());
            if self.back_pos == self.back.len() {
                self.back.clear();
                self.back_pos = 0;
            }
        } else {
            self.inner.consume(amt);
        }
    }
}

impl Reader<'_> {
    /// Puts `bytes` (the last ones read) back, to be read again.
    fn unread(&mut self, mut bytes: Vec<u8>) {
        if bytes.is_empty() {
            return;
        }
        self.offset = self.offset.saturating_sub(bytes.len() as u64);
        bytes.extend_from_slice(&self.back[self.back_pos..]);
        self.back = bytes;
        self.back_pos = 0;
    }

    /// Reads one line (up to `MAX_HEADER_LINE` bytes) of the header at `start`; `Ok(None)` at the end.
    fn line(&mut self, buf: &mut Vec<u8>, start: u64) -> Result<Option<()>, Broken> {
        buf.clear();
        let n = match self.take(MAX_HEADER_LINE as u64 + 1).read_until(b'\n', buf) {
            Ok(n) => n,
            Err(e) => return Err(Broken { offset: start, reason: format!("cannot read: {e}"), resync: None }),
        };
        if n == 0 {
            return Ok(None);
        }
        if buf.len() > MAX_HEADER_LINE {
            let reason = format!("a header line over {MAX_HEADER_LINE} bytes");
            return Err(Broken { offset: start, reason, resync: Some(false) });
        }
        Ok(Some(()))
    }

    /// Reads the next record's header: its offset and fields; `Ok(None)` at the end.
    fn header(&mut self) -> Result<Option<(u64, Header)>, Broken> {
        let mut buf = Vec::new();
        // Blank lines between records.
        let start = loop {
            let at = self.offset;
            match self.line(&mut buf, at)? {
                None => return Ok(None),
                Some(()) if buf.iter().all(u8::is_ascii_whitespace) => continue,
                Some(()) => break at,
            }
        };
        if !buf.starts_with(b"WARC/") {
            let shown: String = String::from_utf8_lossy(&buf).chars().take(40).collect();
            let reason = format!("expected a WARC version line, found {:?}", shown.trim_end());
            return Err(Broken { offset: start, reason, resync: Some(buf.ends_with(b"\n")) });
        }
        self.fields(start).map(|h| Some((start, h)))
    }

    /// Reads the fields of the header at `start`, whose version line has been read.
    fn fields(&mut self, start: u64) -> Result<Header, Broken> {
        let mut buf = Vec::new();
        let mut fields = Vec::new();
        loop {
            if self.line(&mut buf, start)?.is_none() {
                let reason = "truncated: the input ends inside the record header".to_string();
                return Err(Broken { offset: start, reason, resync: None });
            }
            if self.offset - start > MAX_HEADER_BYTES as u64 {
                let reason = format!("a record header over {MAX_HEADER_BYTES} bytes");
                return Err(Broken { offset: start, reason, resync: Some(false) });
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
        Ok(Header(fields))
    }

    /// Reads a record block of `len` bytes (the caller has checked it against the limit).
    fn block(&mut self, len: u64) -> Result<Vec<u8>, Cut> {
        let mut buf = Vec::new();
        let n = self
            .take(len)
            .read_to_end(&mut buf)
            .map_err(|e| Cut::Unreadable(format!("cannot read the record: {e}")))?;
        if (n as u64) < len {
            return Err(Cut::Short(
                format!("truncated: Content-Length is {len} bytes but the input ends after {n}"),
                buf,
            ));
        }
        Ok(buf)
    }

    /// Reads past a record block of `len` bytes, keeping only its last [`KEEP_TAIL`] or so.
    fn skip(&mut self, len: u64) -> Result<Vec<u8>, Cut> {
        let mut tail = Vec::new();
        let mut left = len;
        while left > 0 {
            let buf = match self.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Cut::Unreadable(format!("cannot read the record: {e}"))),
            };
            if buf.is_empty() {
                let n = len - left;
                let reason = format!("truncated: Content-Length is {len} bytes but the input ends after {n}");
                return Err(Cut::Short(reason, tail));
            }
            let n = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
            tail.extend_from_slice(&buf[..n]);
            if tail.len() > 2 * KEEP_TAIL {
                tail.drain(..tail.len() - KEEP_TAIL);
            }
            self.consume(n);
            left -= n as u64;
        }
        Ok(tail)
    }

    /// Checks that a block of `len` bytes, just read, ends its record: two CRLFs follow
    /// (or as many of them as the input holds), or fewer line breaks and the next record.
    /// The bytes read past a mismatch are put back.
    fn end(&mut self, len: u64) -> Result<(), String> {
        // The end, and room to see that a record follows when the end is short.
        let mut after = Vec::with_capacity(RECORD_END.len() + 10);
        if let Err(e) = self.take(RECORD_END.len() as u64 + 10).read_to_end(&mut after) {
            return Err(format!("cannot read the end of the record: {e}"));
        }
        if after.starts_with(RECORD_END) || RECORD_END.starts_with(&after) {
            self.unread(after.split_off(after.len().min(RECORD_END.len())));
            return Ok(());
        }
        // Writers that end records with fewer line breaks, or none: the next record follows.
        let breaks = after.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        let rest = &after[breaks..];
        if rest.starts_with(b"WARC/") || (rest.len() < 5 && b"WARC/".starts_with(rest)) {
            let rest = after.split_off(breaks);
            self.unread(rest);
            return Ok(());
        }
        let shown: String = String::from_utf8_lossy(&after[..after.len().min(RECORD_END.len())]).into_owned();
        self.unread(after);
        Err(format!(
            "Content-Length does not match the record: {len} bytes are followed by {shown:?}, not by the two CRLFs that end a record"
        ))
    }

    /// Reads on to the next line that starts a record (`WARC/1.0` or `WARC/1.1` and a
    /// CRLF), in the buffer's chunks, and reads that version line; its offset, or
    /// `Ok(None)` at the end. `line_start`: whether the next byte starts a line.
    fn resync(&mut self, mut line_start: bool) -> io::Result<Option<u64>> {
        const START: &[u8] = b"WARC/1.?\r\n";
        let mut matched = 0usize;
        let mut start = 0u64;
        loop {
            let base = self.offset;
            let buf = match self.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                return Ok(None);
            }
            let len = buf.len();
            let mut i = 0;
            let mut found = false;
            while i < len {
                if matched == 0 && !line_start {
                    match memchr::memchr(b'\n', &buf[i..]) {
                        Some(j) => {
                            i += j + 1;
                            line_start = true;
                            continue;
                        }
                        None => {
                            i = len;
                            break;
                        }
                    }
                }
                let b = buf[i];
                i += 1;
                let ok = if START[matched] == b'?' { matches!(b, b'0' | b'1') } else { b == START[matched] };
                if !ok {
                    matched = 0;
                    line_start = b == b'\n';
                    continue;
                }
                if matched == 0 {
                    start = base + i as u64 - 1;
                }
                matched += 1;
                if matched == START.len() {
                    found = true;
                    break;
                }
            }
            self.consume(i);
            if found {
                return Ok(Some(start));
            }
        }
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
    // not vocabulary: HTTP content codings (RFC 9110)
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
        let opts = ReadOptions { format: None, max_record_bytes: limit, ..ReadOptions::default() };
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
            framing_errors: 0,
            skipped_bytes: 0,
        };
        assert_eq!(stats, expect);
    }

    /// Five response records, each a page (the stories again under other URLs), with the
    /// Content-Length of the one at `damaged` given as `length`.
    fn five_pages(damaged: usize, length: Option<&str>) -> Vec<Vec<u8>> {
        let stories = stories();
        (0..5)
            .map(|i| {
                let (url, headline, paras) = &stories[i % 3];
                let url = format!("{url}-{i}");
                let block = http("text/html; charset=utf-8", page_html(headline, paras).as_bytes());
                let length = if i == damaged { length } else { None };
                record("response", &url, &block, length)
            })
            .collect()
    }

    /// The length of the block of a record made by [`record`].
    fn block_len(rec: &[u8]) -> usize {
        let header = memchr::memmem::find(rec, b"\r\n\r\n").map_or(0, |i| i + 4);
        rec.len() - 4 - header
    }

    /// Reads `bytes` through a buffer of `chunk` bytes: pages and errors, and the stats.
    fn run_stats(bytes: &[u8], chunk: usize) -> (Vec<Result<Record, ReadError>>, WarcStats) {
        let mut out = Vec::new();
        let opts = ReadOptions { format: None, max_record_bytes: 1 << 20, ..ReadOptions::default() };
        let mut reader = std::io::BufReader::with_capacity(chunk, bytes);
        let stats = super::read("r.warc", &mut reader, &opts, &mut |r| {
            out.push(r);
            ControlFlow::Continue(())
        });
        (out, stats)
    }

    /// Every page handed on is one of [`five_pages`], whole; the URLs of those read.
    fn whole_pages(out: &[Result<Record, ReadError>]) -> Vec<String> {
        let stories = stories();
        let mut urls = Vec::new();
        for r in out.iter().filter_map(|r| r.as_ref().ok()) {
            let url = r.url.clone().unwrap_or_default();
            let i: usize = url.rsplit('-').next().and_then(|n| n.parse().ok()).unwrap_or(99);
            assert!(i < 5, "{url}");
            assert_eq!(r.text, stories[i % 3].2.join("\n\n"), "{url}");
            urls.push(url);
        }
        urls
    }

    fn errors(out: &[Result<Record, ReadError>]) -> Vec<String> {
        out.iter().filter_map(|r| r.as_ref().err()).map(|e| e.to_string()).collect()
    }

    #[test]
    fn bad_content_length_is_reported_and_reading_goes_on() {
        let recs = five_pages(2, Some("12x"));
        let at: usize = recs[..2].iter().map(Vec::len).sum();
        let next = at + recs[2].len();
        for chunk in [7, 64 * 1024] {
            let (out, stats) = run_stats(&recs.concat(), chunk);
            assert_eq!(whole_pages(&out).len(), 4, "{out:?}");
            assert_eq!(
                errors(&out),
                [format!(
                    "r.warc: WARC record at offset {at}: bad Content-Length \"12x\"; {} bytes skipped to the next record, at offset {next}",
                    recs[2].len()
                )]
            );
            assert!(out[2].is_err(), "the error comes in its place");
            assert_eq!((stats.records, stats.pages, stats.framing_errors), (5, 4, 1));
            assert_eq!(stats.skipped_bytes, recs[2].len() as u64);
            // The page after the gap says so.
            let after = out[3].as_ref().map(|r| r.warnings.join("; ")).unwrap_or_default();
            assert!(after.contains(&format!("reading resumed at offset {next} after a framing error at offset {at}")));
        }
        // No Content-Length at all: the same.
        let mut recs = five_pages(9, None);
        let text = String::from_utf8_lossy(&recs[1]).replace("Content-Length: ", "Content-Size: ");
        recs[1] = text.into_bytes();
        let (out, _) = run_stats(&recs.concat(), 1 << 16);
        assert_eq!(whole_pages(&out).len(), 4);
        assert!(errors(&out)[0].contains(": no Content-Length; "), "{out:?}");
    }

    #[test]
    fn a_content_length_short_or_long_never_passes_the_page_on() {
        for delta in [-100i64, 100, -1, 5, 2000, 1_000_000] {
            for damaged in [0, 2, 4] {
                let length = (block_len(&five_pages(9, None)[damaged]) as i64 + delta).to_string();
                let recs = five_pages(damaged, Some(&length));
                let at: usize = recs[..damaged].iter().map(Vec::len).sum();
                let (out, stats) = run_stats(&recs.concat(), 4096);
                let urls = whole_pages(&out);
                let errs = errors(&out);
                assert_eq!(errs.len(), 1, "{delta} {damaged}: {errs:?}");
                assert!(errs[0].starts_with(&format!("r.warc: WARC record at offset {at}: ")), "{errs:?}");
                assert!(!urls.iter().any(|u| u.ends_with(&format!("-{damaged}"))), "{delta}: {urls:?}");
                // The others are read, even when the length runs past the next record
                // or past the end (the next record is looked for in what was read).
                assert_eq!(urls.len(), 4, "{delta} {damaged}: {errs:?}");
                assert_eq!(stats.framing_errors, 1);
                // A length past the end of the input reads as a truncated record.
                let end = (at + recs[damaged].len() - 4) as i64 + delta;
                let why = if end > recs.concat().len() as i64 {
                    "truncated: "
                } else {
                    "Content-Length does not match the record: "
                };
                assert!(errs[0].contains(why), "{errs:?}");
            }
        }
    }

    #[test]
    fn garbage_between_records_is_skipped() {
        let mut recs = five_pages(9, None);
        let garbage =
            b"left over from a broken copy\r\n\x01\x02 and WARC/1.0 not at a line start\r\nWARC/1.0x\r\n".to_vec();
        recs.insert(2, garbage.clone());
        let at: usize = recs[..2].iter().map(Vec::len).sum();
        for chunk in [3, 10, 1 << 16] {
            let (out, stats) = run_stats(&recs.concat(), chunk);
            assert_eq!(whole_pages(&out).len(), 5, "{out:?}");
            let errs = errors(&out);
            assert_eq!(errs.len(), 1);
            assert!(
                errs[0].starts_with(&format!(
                    "r.warc: WARC record at offset {at}: expected a WARC version line, found \"left over"
                )),
                "{errs:?}"
            );
            assert!(errs[0].ends_with(&format!(
                "{} bytes skipped to the next record, at offset {}",
                garbage.len(),
                at + garbage.len()
            )));
            assert_eq!((stats.framing_errors, stats.skipped_bytes), (1, garbage.len() as u64));
        }
    }

    #[test]
    fn records_ended_by_other_line_breaks_are_read() {
        for end in ["\r\n", "\n", "\n\n", "", "\n\n\n\n\n\n\n\n"] {
            let recs: Vec<Vec<u8>> = five_pages(9, None)
                .into_iter()
                .map(|r| {
                    let mut r = r[..r.len() - 4].to_vec();
                    r.extend_from_slice(end.as_bytes());
                    r
                })
                .collect();
            let (out, _) = run_stats(&recs.concat(), 1 << 16);
            assert_eq!(whole_pages(&out).len(), 5, "{end:?}: {:?}", errors(&out));
        }
    }

    #[test]
    fn a_truncated_file_is_an_error_with_offset() {
        let recs = five_pages(9, None);
        let bytes = recs.concat();
        let at: usize = recs[..4].iter().map(Vec::len).sum();
        let (out, stats) = run_stats(&bytes[..bytes.len() - 200], 1 << 16);
        assert_eq!(whole_pages(&out).len(), 4);
        let errs = errors(&out);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].starts_with(&format!("r.warc: WARC record at offset {at}: truncated: Content-Length is ")));
        assert!(errs[0]
            .ends_with(&format!("; no WARC record after it ({} bytes to the end skipped)", bytes.len() - 200 - at)));
        assert_eq!(stats.skipped_bytes, (bytes.len() - 200 - at) as u64);
        // Cut inside a header.
        let (out, _) = run_stats(&bytes[..at + 30], 1 << 16);
        assert_eq!(
            errors(&out),
            [format!("r.warc: WARC record at offset {at}: truncated: the input ends inside the record header")]
        );
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
    fn a_broken_gzip_member_loses_its_record_only() {
        let recs = fixture();
        // The second story's response (records: warcinfo, then request and response per story).
        let members: Vec<Vec<u8>> = recs.iter().map(|r| gzip_members(std::slice::from_ref(r))).collect();
        for damage in [0, 1] {
            let mut ms = members.clone();
            let m = &mut ms[4];
            let mid = m.len() / 2;
            match damage {
                0 => m[mid..mid + 6].copy_from_slice(b"\xff\xff\xff\xff\xff\xff"),
                _ => m.truncate(mid),
            }
            let out = run("t.warc.gz", &ms.concat(), 1 << 20);
            let pages: Vec<&Record> = out.iter().filter_map(|r| r.as_ref().ok()).collect();
            let urls: Vec<_> = pages.iter().map(|r| r.url.clone().unwrap_or_default()).collect();
            let stories = stories();
            assert_eq!(urls, [stories[0].0.clone(), stories[2].0.clone()], "{out:?}");
            assert!(pages[1].warnings.iter().any(|w| w.contains("reading resumed at the next gzip member")), "{out:?}");
            assert!(out.iter().any(|r| r.is_err()), "the lost record is an error");
        }
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

        /// Whatever the Content-Length of one record says, every page handed on is whole,
        /// one error is given, and nothing after the next records is lost.
        #[test]
        fn a_wrong_length_never_passes_a_page_on(damaged in 0usize..5, delta in -1500i64..1500, chunk in 1usize..5000) {
            let base = five_pages(9, None);
            let block_len = block_len(&base[damaged]);
            let length = (block_len as i64 + delta).max(0).to_string();
            let recs = five_pages(damaged, Some(&length));
            let (out, stats) = run_stats(&recs.concat(), chunk);
            let urls = whole_pages(&out);
            proptest::prop_assert!(urls.len() >= 3, "{:?}", errors(&out));
            proptest::prop_assert!(errors(&out).len() <= 1);
            proptest::prop_assert!(stats.framing_errors <= 1);
        }
    }
}
