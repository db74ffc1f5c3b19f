//! What every input goes through before its format's reader: gzip is read member by
//! member, past broken ones (`crate::gzip`), UTF-16 with a byte-order mark is decoded to
//! UTF-8, binary content is told from text, and control characters are kept out of
//! the records' text. Notes about the stream (how it was decoded, where it broke) go
//! on the records read from it.

use std::cell::RefCell;
use std::io::{self, BufRead, Read};
use std::rc::Rc;

use encoding_rs::Encoding;

use crate::Record;

/// Notes about a stream, shared by the readers it is wrapped in and the sink.
#[derive(Debug, Default, Clone)]
pub(crate) struct Notes(Rc<RefCell<NoteState>>);

#[derive(Debug, Default)]
struct NoteState {
    /// How the stream was decoded: put on every record read from it.
    encoding: Option<String>,
    /// Where the stream broke (and resumed): put on the next record, else reported at the end.
    broken: Vec<String>,
}

impl Notes {
    pub(crate) fn set_encoding(&self, note: String) {
        self.0.borrow_mut().encoding = Some(note);
    }

    pub(crate) fn set_broken(&self, note: String) {
        self.0.borrow_mut().broken.push(note);
    }

    /// Adds the notes that concern `rec` to its warnings.
    pub(crate) fn attach(&self, rec: &mut Record) {
        let mut st = self.0.borrow_mut();
        if let Some(e) = &st.encoding {
            rec.warnings.push(e.clone());
        }
        rec.warnings.append(&mut st.broken);
    }

    /// The breaks no record came after to carry them.
    pub(crate) fn take_broken(&self) -> Option<String> {
        let broken = std::mem::take(&mut self.0.borrow_mut().broken);
        (!broken.is_empty()).then(|| broken.join("; "))
    }
}

/// The UTF-16 encoding a byte-order mark at the start of `head` announces.
pub(crate) fn utf16_bom(head: &[u8]) -> Option<&'static Encoding> {
    match Encoding::for_bom(head) {
        Some((enc, _)) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => Some(enc),
        _ => None,
    }
}

/// Decodes a UTF-16 stream (its byte-order mark dropped) to UTF-8 as it is read.
pub(crate) struct Utf16Reader<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    output: Vec<u8>,
    pos: usize,
    eof: bool,
}

impl<R: Read> Utf16Reader<R> {
    pub(crate) fn new(inner: R, enc: &'static Encoding) -> Utf16Reader<R> {
        Utf16Reader {
            inner,
            decoder: enc.new_decoder_with_bom_removal(),
            input: vec![0; 16 * 1024],
            output: Vec::new(),
            pos: 0,
            eof: false,
        }
    }

    /// Decodes the next chunk into `output`; false at the end.
    fn refill(&mut self) -> io::Result<bool> {
        while !self.eof {
            let n = match self.inner.read(&mut self.input) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            self.eof = n == 0;
            let room = self.decoder.max_utf8_buffer_length(n).unwrap_or(4 * n + 16);
            self.output.clear();
            self.output.resize(room, 0);
            // Malformed units become U+FFFD; the decoder keeps a split pair for the next chunk.
            let (_, _, written, _) = self.decoder.decode_to_utf8(&self.input[..n], &mut self.output, self.eof);
            self.output.truncate(written);
            self.pos = 0;
            if written > 0 {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

impl<R: Read> Read for Utf16Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos == self.output.len() && !self.refill()? {
            return Ok(0);
        }
        let n = buf.len().min(self.output.len() - self.pos);
        buf[..n].copy_from_slice(&self.output[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// How far into an input a NUL byte means binary content.
pub(crate) const SNIFF_BYTES: usize = 8 * 1024;

/// How far into an input the share of control bytes is measured (binary data shows
/// its controls in any window; stray ones further on are cleaned from the text).
const RATIO_BYTES: usize = 256 * 1024;

/// Why `bytes` are binary, not text: a NUL byte near the start, or control bytes
/// (other than tab, line breaks, form feed and escape, which coloured terminal logs
/// are full of) making up more than 1% of the first [`RATIO_BYTES`], as in compressed
/// or executable data. Text with a stray control character is text.
pub(crate) fn binary_reason(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if let Some(offset) = memchr::memchr(0, head) {
        // ASCII text as UTF-16: every other byte NUL, the others not.
        let parity = offset % 2;
        let utf16 = head.len() >= 8
            && head.iter().skip(parity).step_by(2).take(64).all(|&b| b == 0)
            && head.iter().skip(1 - parity).step_by(2).take(64).all(|&b| b != 0);
        let hint = if utf16 { "; UTF-16 without a byte-order mark?" } else { "" };
        return Some(format!("a NUL byte at offset {offset}{hint}"));
    }
    let window = &bytes[..bytes.len().min(RATIO_BYTES)];
    let controls = count_controls(window, [0x0C, 0x1B]);
    (controls >= 8 && controls * 100 > window.len())
        .then(|| format!("{controls} control bytes in the first {}", window.len()))
}

/// The number of C0 control bytes other than tab, line breaks and the two `allowed`,
/// and of DEL bytes. Branch-free over fixed chunks, so that it runs at vector speed
/// (it reads every byte of every page).
fn count_controls(bytes: &[u8], allowed: [u8; 2]) -> usize {
    let mut total = 0usize;
    for chunk in bytes.chunks(128) {
        let mut n = 0u8;
        for &b in chunk {
            let c0 = u8::from(b < 0x20)
                & u8::from(b != b'\t')
                & u8::from(b != b'\n')
                & u8::from(b != b'\r')
                & u8::from(b != allowed[0])
                & u8::from(b != allowed[1]);
            n += c0 | u8::from(b == 0x7F);
        }
        total += usize::from(n);
    }
    total
}

/// A character that must not reach output text: C0 controls other than tab and line
/// breaks, DEL, and C1 controls (U+0080 to U+009F; some terminals read U+009B as an
/// escape).
fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Replaces control characters in `s` with spaces (so that words stay apart and
/// lengths stay close); returns how many there were.
pub(crate) fn clean_controls(s: &mut String) -> usize {
    // Fast path: no C0 control but tab and line breaks, no DEL, no C1 control (0xC2
    // followed by 0x80 to 0x9F in UTF-8).
    let b = s.as_bytes();
    let c1 = memchr::memchr_iter(0xC2, b).any(|i| b.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)));
    if !c1 && count_controls(b, [b'\t', b'\t']) == 0 {
        return 0;
    }
    let n = s.chars().filter(|&c| is_control(c)).count();
    if n > 0 {
        *s = s.chars().map(|c| if is_control(c) { ' ' } else { c }).collect();
    }
    n
}

/// Cleans every text field of a record, with a warning when anything was replaced.
pub(crate) fn clean_record(rec: &mut Record) {
    let mut n = clean_controls(&mut rec.text);
    for f in
        [&mut rec.title, &mut rec.lead, &mut rec.author, &mut rec.site, &mut rec.url, &mut rec.date, &mut rec.language]
            .into_iter()
            .flatten()
    {
        n += clean_controls(f);
    }
    n += clean_controls(&mut rec.id);
    if n > 0 {
        rec.warnings.push(format!("{n} control character(s) (NUL, escape and the like) replaced with spaces"));
    }
}

/// A buffered reader over `r` that reads gzip member by member, past broken ones (see
/// [`crate::gzip::Members`]).
pub(crate) fn gunzip<'a>(r: &'a mut dyn BufRead, notes: &Notes) -> Box<dyn BufRead + 'a> {
    Box::new(io::BufReader::with_capacity(64 * 1024, crate::gzip::Members::new(r, notes.clone())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        let _ = e.write_all(data);
        e.finish().unwrap_or_default()
    }

    fn read_all(r: &mut dyn Read) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        r.read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn gzip_with_trailing_garbage_keeps_what_decoded() {
        let mut bytes = gz(b"The envoy arrived on Monday.");
        bytes.extend_from_slice(b"\x00\x00garbage after the member");
        let notes = Notes::default();
        let mut src: &[u8] = &bytes;
        let mut r = gunzip(&mut src, &notes);
        let out = read_all(&mut r).unwrap_or_default();
        assert_eq!(out, b"The envoy arrived on Monday.");
        let broken = notes.take_broken().unwrap_or_default();
        assert!(broken.contains("breaks after 28 decompressed bytes"), "{broken}");
    }

    #[test]
    fn gzip_truncated_keeps_what_decoded_and_broken_from_the_start_is_an_error() {
        let text = "The delegation left the valley. ".repeat(2000);
        let bytes = gz(text.as_bytes());
        let notes = Notes::default();
        let mut src: &[u8] = &bytes[..bytes.len() / 2];
        let out = read_all(&mut gunzip(&mut src, &notes)).unwrap_or_default();
        assert!(!out.is_empty() && text.as_bytes().starts_with(&out));
        assert!(notes.take_broken().is_some());
        let notes = Notes::default();
        let mut src: &[u8] = b"\x1f\x8b\x08\xffnot gzip at all";
        assert!(read_all(&mut gunzip(&mut src, &notes)).is_err());
    }

    #[test]
    fn utf16_with_a_bom_is_decoded() {
        for (bom, le) in [(&[0xFF, 0xFE], true), (&[0xFE, 0xFF], false)] {
            let mut bytes = bom.to_vec();
            for u in "Caf\u{e9} owners met in Lyon.\n\u{1F600}".encode_utf16() {
                bytes.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            let enc = utf16_bom(&bytes);
            assert!(enc.is_some());
            let mut r = Utf16Reader::new(&bytes[..], enc.unwrap_or(encoding_rs::UTF_16LE));
            let out = read_all(&mut r).unwrap_or_default();
            assert_eq!(String::from_utf8_lossy(&out), "Caf\u{e9} owners met in Lyon.\n\u{1F600}");
        }
    }

    #[test]
    fn binary_is_told_from_text() {
        assert!(binary_reason(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").is_some_and(|r| r.contains("NUL byte at offset 8")));
        let mut compressed = vec![b'a'; 200];
        compressed.extend((0u8..=255).cycle().skip(1).take(3000).filter(|&b| b != 0));
        assert!(binary_reason(&compressed).is_some_and(|r| r.contains("control bytes")));
        assert_eq!(binary_reason("Plain text\twith a tab,\r\nlines and a stray \x1b.".as_bytes()), None);
        let utf16: Vec<u8> = "Hello there, world".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(binary_reason(&utf16).is_some_and(|r| r.contains("UTF-16")));
    }

    #[test]
    fn controls_never_reach_the_text() {
        let mut s = "A\u{0}B\u{1b}[2JC\u{9b}D\u{7f}E\tF\nG".to_string();
        assert_eq!(clean_controls(&mut s), 4);
        assert_eq!(s, "A B [2JC D E\tF\nG");
        let mut plain = "caf\u{e9} \u{2014} na\u{ef}ve".to_string();
        assert_eq!(clean_controls(&mut plain), 0);
    }

    proptest::proptest! {
        /// Wherever a gzip stream is cut, and whatever follows a whole one, what is
        /// read is a prefix of what was compressed. (Garbage after a cut is read as
        /// compressed data until the decoder finds it is not: no prefix promised.)
        #[test]
        fn broken_gzip_gives_a_prefix(cut in 0usize..4000, tail in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64)) {
            let text = "The delegation of Borduria left the valley on Monday. ".repeat(300);
            let mut bytes = gz(text.as_bytes());
            if cut < bytes.len() {
                bytes.truncate(cut.max(11));
            } else {
                bytes.extend_from_slice(&tail);
            }
            let notes = Notes::default();
            let mut src: &[u8] = &bytes;
            let read = read_all(&mut gunzip(&mut src, &notes));
            if let Ok(out) = read {
                proptest::prop_assert!(text.as_bytes().starts_with(&out));
            }
        }

        #[test]
        fn cleaning_leaves_no_control(s in "\\PC{0,40}[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}]{0,5}\\PC{0,40}") {
            let mut t = s.clone();
            clean_controls(&mut t);
            proptest::prop_assert!(!t.chars().any(is_control));
            proptest::prop_assert_eq!(t.chars().count(), s.chars().count());
        }

        #[test]
        fn utf16_decoding_round_trips(s in "\\PC{0,200}", chunk in 1usize..40) {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
            // A reader that hands out few bytes at a time splits surrogate pairs.
            struct Slow<'a>(&'a [u8], usize);
            impl Read for Slow<'_> {
                fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                    let n = buf.len().min(self.1).min(self.0.len());
                    buf[..n].copy_from_slice(&self.0[..n]);
                    self.0 = &self.0[n..];
                    Ok(n)
                }
            }
            let mut r = Utf16Reader::new(Slow(&bytes, chunk), encoding_rs::UTF_16LE);
            let out = read_all(&mut r).unwrap_or_default();
            proptest::prop_assert_eq!(String::from_utf8_lossy(&out), s);
        }
    }
}
