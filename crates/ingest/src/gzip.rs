//! Gzip looked through member by member, past breaks.
//!
//! A `.warc.gz` file is a chain of gzip members, one per record, so that a reader can
//! start at any of them. When a member is broken (corrupt or cut short) the members
//! after it are still whole: [`Members`] gives what the broken member decoded, then
//! looks for the next member start (`1f 8b 08`) in the compressed bytes and goes on
//! from there. A candidate that does not decode (the three bytes occur by chance in
//! compressed data) is passed over. Where it resumed, the decompressed stream carries a
//! blank line (`\r\n\r\n`), so that what follows starts a line (a WARC record start is
//! looked for at a line's start) and is never glued to the broken member's last bytes.
//! Each break is a note on the next record: where it broke and why, where reading
//! resumed, how many compressed bytes were passed over. A stream broken before it gave
//! anything, with no member after the break, is an error, as a file that only looks
//! like gzip should be.

use std::io::{self, BufRead, Read};

use flate2::bufread::GzDecoder;

use crate::stream::Notes;

/// How a gzip member starts: the magic and the deflate method.
const MEMBER_START: [u8; 3] = [0x1f, 0x8b, 0x08];
/// What the decompressed stream carries where reading resumed after a break.
const RESUMED: &[u8] = b"\r\n\r\n";

/// A member's compressed bytes kept, to look for the next member start inside it
/// when it breaks (a member cut short runs on into the next one); past this, the
/// search starts where the decoder stopped.
const KEEP_MEMBER: usize = 1 << 20;

/// The compressed input, with the offset of its next byte, bytes put back, and the
/// bytes of the current member (up to [`KEEP_MEMBER`]).
struct Counted<R> {
    inner: R,
    back: Vec<u8>,
    offset: u64,
    kept: Vec<u8>,
    keeping: bool,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(buf.len());
        buf[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if !self.back.is_empty() {
            return Ok(&self.back);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.offset += amt as u64;
        if self.keeping {
            self.keep(amt);
        }
        if self.back.is_empty() {
            self.inner.consume(amt);
        } else {
            self.back.drain(..amt.min(self.back.len()));
        }
    }
}

impl<R: BufRead> Counted<R> {
    /// Keeps the next `amt` bytes (those being consumed) of the current member.
    fn keep(&mut self, amt: usize) {
        let src = if self.back.is_empty() { self.inner.fill_buf().unwrap_or(&[]) } else { &self.back };
        if self.kept.len() + amt > KEEP_MEMBER || src.len() < amt {
            self.keeping = false;
            self.kept = Vec::new();
            return;
        }
        self.kept.extend_from_slice(&src[..amt]);
    }

    /// A member starts at the next byte: keep its bytes.
    fn start_member(&mut self) {
        self.kept.clear();
        self.keeping = true;
    }

    /// The current member broke: read again from its second byte when it was kept,
    /// else go on from here.
    fn rewind_member(&mut self) {
        self.keeping = false;
        let kept = std::mem::take(&mut self.kept);
        if kept.len() > 1 {
            self.offset -= kept.len() as u64 - 1;
            let back = std::mem::take(&mut self.back);
            self.back = [&kept[1..], &back[..]].concat();
        }
    }
}

impl<R: BufRead> Counted<R> {
    /// Reads up to the next member start and puts its three bytes back: false at the end.
    fn seek_member(&mut self) -> io::Result<bool> {
        let mut matched = 0;
        loop {
            let buf = match self.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                return Ok(false);
            }
            let mut used = 0;
            for &b in buf {
                used += 1;
                matched = match b {
                    _ if b == MEMBER_START[matched] => matched + 1,
                    _ if b == MEMBER_START[0] => 1,
                    _ => 0,
                };
                if matched == MEMBER_START.len() {
                    break;
                }
            }
            self.consume(used);
            if matched == MEMBER_START.len() {
                self.offset -= MEMBER_START.len() as u64;
                let rest = std::mem::take(&mut self.back);
                self.back = [&MEMBER_START[..], &rest[..]].concat();
                return Ok(true);
            }
        }
    }
}

/// Where the stream is: inside a member, between members, or at its end.
enum State<R> {
    Member(Box<GzDecoder<Counted<R>>>),
    Between(Counted<R>),
    Done,
}

/// A break being passed over: the decompressed bytes given before it, the compressed
/// offset where the broken member's decoder stopped, and why it broke.
struct Break {
    produced: u64,
    at: u64,
    why: String,
}

/// A gzip stream read member by member, resuming after broken members (see the module).
pub(crate) struct Members<R> {
    state: State<R>,
    /// Decompressed bytes given so far (the blank lines of resumption included).
    produced: u64,
    /// Whether the current member has given anything yet.
    member_gave: bool,
    /// The compressed offset where the current member starts.
    member_start: u64,
    /// The break being passed over, until a member after it gives something.
    broken: Option<Break>,
    /// Bytes to give before reading on: the blank line marking a resumption and the
    /// first bytes of the member after it.
    pending: Vec<u8>,
    notes: Notes,
    /// An error before any output, given again to every later read (the stream is
    /// peeked at more than once).
    failed: Option<(io::ErrorKind, String)>,
}

impl<R: BufRead> Members<R> {
    pub(crate) fn new(inner: R, notes: Notes) -> Members<R> {
        let input = Counted { inner, back: Vec::new(), offset: 0, kept: Vec::new(), keeping: true };
        Members {
            state: State::Member(Box::new(GzDecoder::new(input))),
            produced: 0,
            member_gave: false,
            member_start: 0,
            broken: None,
            pending: Vec::new(),
            notes,
            failed: None,
        }
    }

    /// The member that started at `start` broke (`why`): look for the next one, from
    /// its second byte.
    fn on_break(&mut self, mut input: Counted<R>, start: u64, why: String) -> io::Result<()> {
        if self.broken.is_none() {
            self.broken = Some(Break { produced: self.produced, at: start, why });
        }
        input.rewind_member();
        if input.offset <= start {
            // Nothing kept: pass the member's first byte, so that the search moves on.
            input.consume(1);
        }
        self.next_member(input)
    }

    /// Starts the member at the next member start of `input`, or ends the stream.
    fn next_member(&mut self, mut input: Counted<R>) -> io::Result<()> {
        if input.seek_member()? {
            self.member_gave = false;
            self.member_start = input.offset;
            input.start_member();
            self.state = State::Member(Box::new(GzDecoder::new(input)));
            return Ok(());
        }
        self.state = State::Done;
        let Some(b) = self.broken.take() else { return Ok(()) };
        if self.produced == 0 {
            self.failed = Some((io::ErrorKind::InvalidData, b.why.clone()));
            return Err(io::Error::new(io::ErrorKind::InvalidData, b.why));
        }
        self.notes.set_broken(format!(
            "the gzip data breaks after {} decompressed bytes ({}); what came before is read, no gzip member \
             follows, the rest is not",
            b.produced, b.why
        ));
        Ok(())
    }

    /// A member gave its first bytes, `first`: a break before it is over. Whether they
    /// are given now (else they are pending behind the mark of the resumption).
    fn resumed(&mut self, start: u64, first: &[u8]) -> bool {
        self.member_gave = true;
        let Some(b) = self.broken.take() else { return true };
        let skipped = start.saturating_sub(b.at);
        self.notes.set_broken(format!(
            "the gzip data breaks after {} decompressed bytes ({}); reading resumed at the next gzip member, at \
             compressed offset {start} ({skipped} compressed bytes passed over)",
            b.produced, b.why
        ));
        if b.produced == 0 {
            return true;
        }
        self.pending = [RESUMED, first].concat();
        false
    }

    /// Gives the start of what is pending.
    fn give_pending(&mut self, buf: &mut [u8]) -> usize {
        let n = self.pending.len().min(buf.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        self.produced += n as u64;
        n
    }

    /// Reads from the current member, moving on at its end or break.
    fn step(&mut self, buf: &mut [u8]) -> io::Result<Option<usize>> {
        match std::mem::replace(&mut self.state, State::Done) {
            State::Done => Ok(Some(0)),
            State::Between(mut input) => {
                if input.fill_buf()?.is_empty() {
                    return Ok(Some(0));
                }
                let member = input.fill_buf()?.starts_with(&MEMBER_START[..2]);
                self.member_start = input.offset;
                input.start_member();
                match member {
                    true => self.state = State::Member(Box::new(GzDecoder::new(input))),
                    false => {
                        let why = "bytes after a member that do not start one".to_string();
                        self.on_break(input, self.member_start, why)?;
                    }
                }
                Ok(None)
            }
            State::Member(mut member) => {
                let start = self.member_start;
                match member.read(buf) {
                    Ok(0) if !buf.is_empty() => {
                        self.state = State::Between(member.into_inner());
                        Ok(None)
                    }
                    Ok(n) => {
                        self.state = State::Member(member);
                        if !self.member_gave && !self.resumed(start, &buf[..n]) {
                            return Ok(None);
                        }
                        self.produced += n as u64;
                        Ok(Some(n))
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                        self.state = State::Member(member);
                        Err(e)
                    }
                    Err(e) => {
                        self.on_break(member.into_inner(), start, e.to_string())?;
                        Ok(None)
                    }
                }
            }
        }
    }
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some((kind, msg)) = &self.failed {
            return Err(io::Error::new(*kind, msg.clone()));
        }
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            if !self.pending.is_empty() {
                return Ok(self.give_pending(buf));
            }
            if let Some(n) = self.step(buf)? {
                return Ok(n);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn member(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        let _ = e.write_all(data);
        e.finish().unwrap_or_default()
    }

    fn read(bytes: &[u8]) -> (io::Result<Vec<u8>>, Option<String>) {
        let notes = Notes::default();
        let mut r = Members::new(bytes, notes.clone());
        let mut out = Vec::new();
        let got = r.read_to_end(&mut out).map(|_| out);
        (got, notes.take_broken())
    }

    fn parts() -> [Vec<u8>; 3] {
        [
            "The envoy of Borduria arrived on Monday. ".repeat(40).into_bytes(),
            "Talks on the river dam broke off at noon. ".repeat(40).into_bytes(),
            "Syldavia recalled its ambassador. ".repeat(40).into_bytes(),
        ]
    }

    #[test]
    fn whole_members_are_read_one_after_another() {
        let p = parts();
        let bytes: Vec<u8> = p.iter().flat_map(|x| member(x)).collect();
        let (out, note) = read(&bytes);
        assert_eq!(out.ok(), Some(p.concat()));
        assert_eq!(note, None);
    }

    #[test]
    fn a_corrupt_member_is_passed_over_and_the_next_read() {
        let p = parts();
        let (a, mut b, c) = (member(&p[0]), member(&p[1]), member(&p[2]));
        let mid = b.len() / 2;
        b[mid..mid + 8].copy_from_slice(b"\xff\xff\xff\xff\xff\xff\xff\xff");
        let (out, note) = read(&[a.clone(), b, c].concat());
        let out = out.unwrap_or_default();
        assert!(out.starts_with(&p[0]), "the first member is read whole");
        assert!(out.ends_with(&[RESUMED, &p[2][..]].concat()), "the third follows a blank line");
        let note = note.unwrap_or_default();
        assert!(
            note.contains(&format!(
                "reading resumed at the next gzip member, at compressed offset {}",
                a.len() + member(&p[1]).len()
            )),
            "{note}"
        );
    }

    #[test]
    fn a_member_cut_short_does_not_take_the_next_with_it() {
        let p = parts();
        let (a, b, c) = (member(&p[0]), member(&p[1]), member(&p[2]));
        let cut = &b[..b.len() - 30];
        let (out, note) = read(&[&a[..], cut, &c[..]].concat());
        let out = out.unwrap_or_default();
        assert!(out.starts_with(&p[0]) && out.ends_with(&[RESUMED, &p[2][..]].concat()));
        assert!(note.is_some_and(|n| n.contains("passed over")));
    }

    #[test]
    fn a_break_at_the_end_keeps_what_came_before() {
        let p = parts();
        let bytes = [member(&p[0]), member(&p[1])].concat();
        let (out, note) = read(&bytes[..bytes.len() - 20]);
        let out = out.unwrap_or_default();
        assert!(out.starts_with(&p[0]) && p[1].starts_with(&out[p[0].len()..]));
        assert!(note.is_some_and(|n| n.contains("no gzip member follows")));
    }

    #[test]
    fn a_broken_first_member_with_a_whole_one_after_it_gives_that_one() {
        let p = parts();
        let mut a = member(&p[0]);
        a[12..20].copy_from_slice(b"\xff\xff\xff\xff\xff\xff\xff\xff");
        let (out, note) = read(&[a, member(&p[1])].concat());
        assert_eq!(out.ok(), Some(p[1].clone()));
        assert!(note.is_some());
    }

    #[test]
    fn not_gzip_after_the_magic_is_an_error() {
        let (out, _) = read(b"\x1f\x8b\x08\xffnot gzip at all");
        assert!(out.is_err());
    }

    proptest::proptest! {
        /// Whatever is done to the middle member, the first is read whole and first, the
        /// stream ends, and nothing panics.
        #[test]
        fn damage_in_the_middle_never_loses_the_first(at in 0usize..2000, len in 1usize..64, byte in 0u8..=255, cut in proptest::prelude::any::<bool>()) {
            let p = parts();
            let (a, mut b, c) = (member(&p[0]), member(&p[1]), member(&p[2]));
            let at = at % b.len();
            let end = (at + len).min(b.len());
            if cut {
                b.drain(at..end);
            } else {
                b[at..end].iter_mut().for_each(|x| *x = byte);
            }
            let (out, _) = read(&[a, b, c].concat());
            let out = out.unwrap_or_default();
            proptest::prop_assert!(out.starts_with(&p[0]));
        }
    }
}
