//! Decoding of HTML character references (`&amp;`, `&#8212;`, `&#x2014;`).

use std::borrow::Cow;

use super::entity_table::{ENTITIES, LEGACY};

/// Decodes the character references in `s`; borrows when there are none.
/// Unknown or malformed references are kept as written.
pub(crate) fn decode_entities(s: &str) -> Cow<'_, str> {
    let Some(first) = memchr::memchr(b'&', s.as_bytes()) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut rest = &s[first..];
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match reference(after) {
            Some((text, used)) => {
                out.push_str(text.as_ref());
                rest = after.get(used..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Reads one reference after a `&`: the text and the bytes used.
fn reference(s: &str) -> Option<(Cow<'static, str>, usize)> {
    let b = s.as_bytes();
    if b.first() == Some(&b'#') {
        let (hex, start) = match b.get(1) {
            Some(b'x') | Some(b'X') => (true, 2),
            _ => (false, 1),
        };
        let digits =
            b[start..].iter().take_while(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() }).count();
        if digits == 0 {
            return None;
        }
        let num = s.get(start..start + digits)?;
        let value = u32::from_str_radix(num, if hex { 16 } else { 10 }).unwrap_or(0xFFFD);
        let c = match value {
            0 => '\u{FFFD}',
            // Windows-1252 in the C1 range, as browsers read it.
            0x80..=0x9F => windows_1252_c1(value),
            v => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        let mut used = start + digits;
        if b.get(used) == Some(&b';') {
            used += 1;
        }
        return Some((Cow::Owned(c.to_string()), used));
    }
    let len = b.iter().take(32).take_while(|c| c.is_ascii_alphanumeric()).count();
    if len == 0 {
        return None;
    }
    let name = s.get(..len)?;
    if b.get(len) == Some(&b';') {
        if let Ok(i) = ENTITIES.binary_search_by(|(n, _)| (*n).cmp(name)) {
            return Some((Cow::Borrowed(ENTITIES[i].1), len + 1));
        }
    }
    // Legacy references without `;`: the longest known prefix.
    for l in (2..=len.min(6)).rev() {
        let prefix = s.get(..l)?;
        if LEGACY.binary_search(&prefix).is_ok() {
            if let Ok(i) = ENTITIES.binary_search_by(|(n, _)| (*n).cmp(prefix)) {
                return Some((Cow::Borrowed(ENTITIES[i].1), l));
            }
        }
    }
    None
}

fn windows_1252_c1(v: u32) -> char {
    const MAP: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ];
    MAP.get((v - 0x80) as usize).and_then(|&c| char::from_u32(c)).unwrap_or('\u{FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes() {
        assert_eq!(decode_entities("a &amp; b"), "a & b");
        assert_eq!(decode_entities("&lt;p&gt; &quot;x&quot; &nbsp;"), "<p> \"x\" \u{a0}");
        assert_eq!(decode_entities("&#8212;&#x2014;&#X2014;&#151;"), "————");
        assert_eq!(decode_entities("&rsquo;&hellip;&eacute;"), "’…é");
        assert_eq!(decode_entities("AT&T &unknown; & &#; &copy 2019"), "AT&T &unknown; & &#; © 2019");
        assert_eq!(decode_entities("&#99999999999;&#0;"), "\u{FFFD}\u{FFFD}");
        assert!(matches!(decode_entities("plain"), Cow::Borrowed(_)));
    }
}
