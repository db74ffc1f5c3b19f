//! Reading what can be read of a feed that is not well-formed XML: first with every
//! bare `&` escaped (the commonest fault), then item by item, each item parsed on its
//! own inside the feed's opening tags, so that one broken or cut-off item costs that
//! item only and is reported with its position. A JSON Feed that is not valid JSON is
//! read item by item up to the first item that is not.

use std::borrow::Cow;

use feed_rs::model::{Entry, Feed};
use memchr::memmem;

/// A bad item: its position in the feed and why it could not be read.
#[derive(Debug)]
pub(super) struct BadItem {
    pub offset: usize,
    pub line: usize,
    pub reason: String,
}

/// What was recovered of a broken feed.
pub(super) struct Recovered {
    /// The feed's own metadata (title, language), when its header could be read.
    pub feed: Option<Feed>,
    /// Every item in feed order, read or not.
    pub items: Vec<Result<Entry, BadItem>>,
    /// What was done, for the records' warnings.
    pub note: String,
}

/// Recovers the items of a feed `parse` refused; `None` when there is no item to find.
pub(super) fn recover(bytes: &[u8], parse: &dyn Fn(&[u8]) -> Result<Feed, String>) -> Option<Recovered> {
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
        return recover_json(bytes, parse);
    }
    let (fixed, amps) = escape_ampersands(bytes);
    if amps > 0 {
        if let Ok(feed) = parse(&fixed) {
            let items = feed.entries.iter().cloned().map(Ok).collect();
            let note = format!("the feed is not well-formed XML: {amps} bare '&' read as text");
            return Some(Recovered { feed: Some(feed), items, note });
        }
    }
    let spans = item_spans(bytes);
    let first = spans.first()?.0;
    let header = &bytes[..first];
    let (open, closers) = open_elements(header);
    let feed = parse(&[&escape_ampersands(header).0[..], closers.as_bytes()].concat()).ok();
    let mut lines = LineCounter::default();
    let items = spans
        .iter()
        .map(|&(start, end)| {
            let line = lines.line_at(bytes, start);
            let bad = |reason: String| BadItem { offset: start, line, reason };
            let Some(end) = end else {
                return Err(bad("cut off: the feed ends inside this item".to_string()));
            };
            let item = escape_ampersands(&bytes[start..end]).0;
            let doc = [open.as_bytes(), &item[..], closers.as_bytes()].concat();
            match parse(&doc) {
                Ok(f) if f.entries.len() == 1 => f.entries.into_iter().next().ok_or_else(|| bad("no item".to_string())),
                Ok(_) => Err(bad("not one item".to_string())),
                Err(e) => Err(bad(e)),
            }
        })
        .collect::<Vec<_>>();
    let bad = items.iter().filter(|i| i.is_err()).count();
    let note =
        format!("the feed is not well-formed XML; read item by item ({bad} of {} items unreadable)", items.len());
    Some(Recovered { feed, items, note })
}

/// A JSON Feed read item by item from its `"items"` array, up to the first item that
/// is not JSON (after which no next item can be found reliably).
fn recover_json(bytes: &[u8], parse: &dyn Fn(&[u8]) -> Result<Feed, String>) -> Option<Recovered> {
    let key = memmem::find(bytes, b"\"items\"")?;
    let mut pos = key + 7;
    let skip_ws = |b: &[u8], mut p: usize| {
        while b.get(p).is_some_and(u8::is_ascii_whitespace) {
            p += 1;
        }
        p
    };
    pos = skip_ws(bytes, pos);
    pos = skip_ws(bytes, pos + usize::from(bytes.get(pos) == Some(&b':')));
    if bytes.get(pos) != Some(&b'[') {
        return None;
    }
    pos += 1;
    let mut items = Vec::new();
    let mut lines = LineCounter::default();
    loop {
        pos = skip_ws(bytes, pos);
        match bytes.get(pos) {
            Some(b',') => {
                pos += 1;
                continue;
            }
            Some(b']') | None => break,
            Some(_) => {}
        }
        let line = lines.line_at(bytes, pos);
        let mut values = serde_json::Deserializer::from_slice(&bytes[pos..]).into_iter::<serde_json::Value>();
        let bad = |reason: String| BadItem { offset: pos, line, reason };
        match values.next() {
            Some(Ok(item)) => {
                let doc =
                    serde_json::json!({"version": "https://jsonfeed.org/version/1.1", "title": "", "items": [item]});
                let entry = parse(doc.to_string().as_bytes())
                    .and_then(|f| f.entries.into_iter().next().ok_or_else(|| "no item".to_string()));
                items.push(entry.map_err(bad));
                pos += values.byte_offset();
            }
            Some(Err(e)) => {
                let why = if e.is_eof() {
                    "cut off: the feed ends inside this item".to_string()
                } else {
                    format!("not JSON ({e}); the rest of the feed is not read")
                };
                items.push(Err(bad(why)));
                break;
            }
            None => break,
        }
    }
    if items.is_empty() {
        return None;
    }
    let bad = items.iter().filter(|i| i.is_err()).count();
    let note = format!("the feed is not valid JSON; read item by item ({bad} of {} items unreadable)", items.len());
    Some(Recovered { feed: None, items, note })
}

/// Line numbers of increasing offsets, counted once.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    line: usize,
}

impl LineCounter {
    fn line_at(&mut self, bytes: &[u8], offset: usize) -> usize {
        self.line += memchr::memchr_iter(b'\n', &bytes[self.offset..offset]).count();
        self.offset = offset;
        self.line + 1
    }
}

/// `&` that starts no entity or character reference, written `&amp;` (outside CDATA
/// sections, where `&` is plain text); the count of them.
pub(super) fn escape_ampersands(b: &[u8]) -> (Cow<'_, [u8]>, usize) {
    if memchr::memchr(b'&', b).is_none() {
        return (Cow::Borrowed(b), 0);
    }
    let mut out = Vec::with_capacity(b.len() + 64);
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"<![CDATA[") {
            let end = memmem::find(&b[i..], b"]]>").map_or(b.len(), |k| i + k + 3);
            out.extend_from_slice(&b[i..end]);
            i = end;
            continue;
        }
        if b[i] == b'&' && !is_reference(&b[i + 1..]) {
            out.extend_from_slice(b"&amp;");
            n += 1;
        } else {
            out.push(b[i]);
        }
        i += 1;
    }
    (Cow::Owned(out), n)
}

/// Whether `rest` (after a `&`) is `name;`, `#digits;` or `#xhex;`.
fn is_reference(rest: &[u8]) -> bool {
    let body_len = rest.iter().take(32).position(|&c| c == b';');
    let Some(len) = body_len.filter(|&l| l > 0) else { return false };
    let body = &rest[..len];
    match body {
        [b'#', b'x' | b'X', hex @ ..] => !hex.is_empty() && hex.iter().all(u8::is_ascii_hexdigit),
        [b'#', dec @ ..] => !dec.is_empty() && dec.iter().all(u8::is_ascii_digit),
        [first, more @ ..] => {
            (first.is_ascii_alphabetic() || *first == b'_')
                && more.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_'))
        }
        [] => false,
    }
}

/// Where `<![CDATA[` or `<!--` at `at` ends, if one starts there.
fn skip_markup(b: &[u8], at: usize) -> Option<usize> {
    let rest = &b[at..];
    let (close, open_len): (&[u8], usize) = if rest.starts_with(b"<![CDATA[") {
        (b"]]>", 9)
    } else if rest.starts_with(b"<!--") {
        (b"-->", 4)
    } else {
        return None;
    };
    Some(memmem::find(&rest[open_len..], close).map_or(b.len(), |k| at + open_len + k + close.len()))
}

/// The name of the item element (`item`, RSS; `entry`, Atom) starting at `at`.
fn item_tag(b: &[u8], at: usize) -> Option<&'static str> {
    let rest = &b[at + 1..];
    ["item", "entry"].into_iter().find(|t| {
        rest.starts_with(t.as_bytes()) && matches!(rest.get(t.len()), Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/'))
    })
}

/// The items of a feed as byte ranges: `(start, Some(end))`, or `(start, None)` for an
/// item the input ends inside.
fn item_spans(b: &[u8]) -> Vec<(usize, Option<usize>)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(k) = memchr::memchr(b'<', &b[pos..]) {
        let at = pos + k;
        if let Some(end) = skip_markup(b, at) {
            pos = end;
            continue;
        }
        let Some(tag) = item_tag(b, at) else {
            pos = at + 1;
            continue;
        };
        match item_end(b, at, tag) {
            Some(end) => {
                out.push((at, Some(end)));
                pos = end;
            }
            None => {
                out.push((at, None));
                break;
            }
        }
    }
    out
}

/// The end of the item element starting at `at` (after its closing tag).
fn item_end(b: &[u8], at: usize, tag: &str) -> Option<usize> {
    let start_end = at + memchr::memchr(b'>', &b[at..])?;
    if b[start_end - 1] == b'/' {
        return Some(start_end + 1);
    }
    let mut pos = start_end + 1;
    while let Some(k) = memchr::memchr(b'<', &b[pos..]) {
        let i = pos + k;
        if let Some(end) = skip_markup(b, i) {
            pos = end;
            continue;
        }
        let rest = &b[i..];
        if rest.starts_with(b"</") && rest[2..].starts_with(tag.as_bytes()) {
            let after = &rest[2 + tag.len()..];
            let ws = after.iter().take_while(|c| c.is_ascii_whitespace()).count();
            if after.get(ws) == Some(&b'>') {
                return Some(i + 2 + tag.len() + ws + 1);
            }
        }
        pos = i + 1;
    }
    None
}

/// The elements still open at the end of `header`: their start tags (with the XML
/// declaration, so that namespaces and the encoding carry over) and their end tags.
fn open_elements(header: &[u8]) -> (String, String) {
    let mut stack: Vec<(String, &[u8])> = Vec::new();
    let mut decl: &[u8] = &[];
    let mut pos = 0;
    while let Some(k) = memchr::memchr(b'<', &header[pos..]) {
        let at = pos + k;
        if let Some(end) = skip_markup(header, at) {
            pos = end;
            continue;
        }
        let Some(close) = memchr::memchr(b'>', &header[at..]).map(|e| at + e + 1) else { break };
        let tag = &header[at..close];
        pos = close;
        if tag.starts_with(b"<?xml") {
            decl = tag;
        } else if tag.starts_with(b"</") {
            let name = tag_name(&tag[2..]);
            if let Some(i) = stack.iter().rposition(|(n, _)| *n == name) {
                stack.truncate(i);
            }
        } else if !tag.starts_with(b"<!") && !tag.starts_with(b"<?") && !tag.ends_with(b"/>") {
            stack.push((tag_name(&tag[1..]), tag));
        }
    }
    let open: Vec<u8> = [decl].into_iter().chain(stack.iter().map(|(_, t)| *t)).collect::<Vec<_>>().concat();
    let closers: String = stack.iter().rev().map(|(n, _)| format!("</{n}>")).collect();
    (String::from_utf8_lossy(&open).into_owned(), closers)
}

fn tag_name(after_lt: &[u8]) -> String {
    let n = after_lt.iter().take_while(|c| !c.is_ascii_whitespace() && !matches!(c, b'>' | b'/')).count();
    String::from_utf8_lossy(&after_lt[..n]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_ampersands_only() {
        let (s, n) = escape_ampersands(b"A & B &amp; C &#38; &#x26; &nbsp; &; <![CDATA[x & y]]> &zz");
        assert_eq!(
            String::from_utf8_lossy(&s),
            "A &amp; B &amp; C &#38; &#x26; &nbsp; &amp;; <![CDATA[x & y]]> &amp;zz"
        );
        assert_eq!(n, 3);
    }

    #[test]
    fn items_and_the_header_around_them() {
        let feed = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><!-- <item> --><item><title>A</title><description><![CDATA[</item>]]></description></item>\n<item ><title>B</title></item><item><title>C";
        let spans = item_spans(feed);
        assert_eq!(spans.len(), 3);
        assert_eq!(spans[2].1, None);
        let (open, close) = open_elements(&feed[..spans[0].0]);
        assert_eq!(open, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>");
        assert_eq!(close, "</channel></rss>");
    }
}
