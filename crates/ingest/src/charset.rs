//! Character encodings of web content: which one a page is in (byte-order mark, HTTP
//! header, `<meta>` declaration, else detection) and decoding it to UTF-8.

use encoding_rs::{Encoding, UTF_8};

/// Text decoded from bytes, and how its encoding was chosen.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    /// The encoding's name (`UTF-8`, `windows-1252`, ...).
    pub encoding: &'static str,
    /// Where the choice came from: `BOM`, `HTTP`, `meta`, `UTF-8` (valid as such) or `detected`.
    pub source: &'static str,
    /// Problems worth a warning on the record (malformed bytes, a wrong declaration).
    pub warnings: Vec<String>,
}

/// How far into a page a `<meta charset>` is looked for.
const PRESCAN_BYTES: usize = 4096;

/// Decodes a web page (or feed content): the BOM wins, then the HTTP charset, then a
/// `<meta charset>` or `http-equiv` declaration, then UTF-8 when the bytes are valid
/// UTF-8, then `chardetng`'s guess. A declared legacy encoding is overruled (with a
/// warning) when the bytes are valid UTF-8 with non-ASCII text, a common mislabel.
pub(crate) fn decode(bytes: &[u8], http_charset: Option<&str>) -> Decoded {
    let mut warnings = Vec::new();
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(enc, "BOM", bytes.get(bom_len..).unwrap_or(&[]), warnings);
    }
    let declared =
        http_charset.and_then(|l| label(l).map(|e| (e, "HTTP"))).or_else(|| meta_charset(bytes).map(|e| (e, "meta")));
    let utf8_ok = std::str::from_utf8(bytes).is_ok();
    match declared {
        Some((enc, source)) if enc != UTF_8 && utf8_ok && !bytes.is_ascii() && enc.is_ascii_compatible() => {
            warnings.push(format!("declared {} ({source}) but the bytes are UTF-8; read as UTF-8", enc.name()));
            finish(UTF_8, "UTF-8", bytes, warnings)
        }
        Some((enc, source)) => finish(enc, source, bytes, warnings),
        None if utf8_ok => finish(UTF_8, "UTF-8", bytes, warnings),
        None => {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            let enc = det.guess(None, chardetng::Utf8Detection::Allow);
            let mut d = finish(enc, "detected", bytes, warnings);
            if d.source == "detected" {
                d.warnings.push(format!("no charset declared; read as {} (detected)", d.encoding));
            }
            d
        }
    }
}

/// Decodes plain text: a byte-order mark wins, then UTF-8 when the bytes are valid
/// UTF-8, else `chardetng`'s guess (a Latin-1 or Windows-1252 file, a legacy Cyrillic
/// one), with a warning naming the encoding read.
pub(crate) fn decode_plain(bytes: &[u8]) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(enc, "BOM", bytes.get(bom_len..).unwrap_or(&[]), Vec::new());
    }
    if std::str::from_utf8(bytes).is_ok() {
        return finish(UTF_8, "UTF-8", bytes, Vec::new());
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    let mut d = finish(enc, "detected", bytes, Vec::new());
    let at = std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to());
    d.warnings.insert(0, format!("not UTF-8 (byte {at}); read as {} (detected)", d.encoding));
    d
}

fn finish(enc: &'static Encoding, source: &'static str, bytes: &[u8], mut warnings: Vec<String>) -> Decoded {
    let (text, used, had_errors) = enc.decode(bytes);
    if had_errors {
        warnings.push(format!("malformed {} bytes replaced with U+FFFD", used.name()));
    }
    Decoded { text: text.into_owned(), encoding: used.name(), source, warnings }
}

/// An encoding by its label; UTF-16 labels in markup mean UTF-8 (as browsers do), and
/// `x-user-defined` means windows-1252.
fn label(l: &str) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(l.trim().trim_matches(['"', '\'']).as_bytes())?;
    Some(if enc == encoding_rs::UTF_16BE || enc == encoding_rs::UTF_16LE {
        UTF_8
    } else if enc == encoding_rs::X_USER_DEFINED {
        encoding_rs::WINDOWS_1252
    } else {
        enc
    })
}

/// The `charset` parameter of a `Content-Type` value.
pub(crate) fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(['"', '\'']))
    })
}

/// The encoding a `<meta charset=...>` or `<meta http-equiv content="...; charset=...">`
/// in the first bytes declares (also `<?xml encoding="...">` for feeds and XHTML).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + i;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |k| start + k);
        let tag = &lower[start..end];
        if let Some(k) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[k + 7..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
                let len = rest.iter().take_while(|c| !matches!(c, b'"' | b'\'' | b';' | b' ' | b'/' | b'>')).count();
                if let Some(enc) = std::str::from_utf8(&rest[..len]).ok().and_then(label) {
                    return Some(enc);
                }
            }
        }
        from = end;
    }
    if lower.starts_with(b"<?xml") {
        let end = memchr::memchr(b'>', &lower).unwrap_or(lower.len());
        let decl = &lower[..end];
        if let Some(k) = memchr::memmem::find(decl, b"encoding") {
            let rest = trim_start(&decl[k + 8..]);
            let rest = trim_start(rest.strip_prefix(b"=")?);
            let q = *rest.first()?;
            let rest = rest.get(1..)?;
            let len = rest.iter().take_while(|&&c| c != q).count();
            return std::str::from_utf8(&rest[..len]).ok().and_then(label);
        }
    }
    None
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chooses_the_encoding() {
        // BOM.
        let d = decode(b"\xEF\xBB\xBF<p>caf\xC3\xA9", None);
        assert_eq!((d.text.as_str(), d.source), ("<p>café", "BOM"));
        // HTTP header beats meta.
        let d = decode(b"<meta charset=utf-8><p>caf\xE9", Some("ISO-8859-1"));
        assert_eq!((d.text.as_str(), d.encoding, d.source), ("<meta charset=utf-8><p>café", "windows-1252", "HTTP"));
        // meta charset and http-equiv.
        let d = decode(b"<meta charset=\"windows-1251\"><p>\xCF\xF0\xE8", None);
        assert_eq!((d.encoding, d.source), ("windows-1251", "meta"));
        assert!(d.text.ends_with("При"));
        let d = decode(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">", None);
        assert_eq!(d.encoding, "Shift_JIS");
        // Mislabelled UTF-8.
        let d = decode("<meta charset=iso-8859-1><p>café".as_bytes(), None);
        assert_eq!((d.text.ends_with("café"), d.encoding, d.warnings.len()), (true, "UTF-8", 1));
        // Undeclared legacy bytes are detected.
        let d = decode(b"<p>Le gar\xE7on a mang\xE9 une p\xEAche \xE0 la cr\xE8me, d\xE9j\xE0 pr\xEAt.</p>", None);
        assert_eq!(d.source, "detected");
        assert!(d.text.contains("garçon"), "{}", d.text);
    }

    #[test]
    fn content_type_charset() {
        assert_eq!(charset_param("text/html; charset=\"ISO-8859-1\""), Some("ISO-8859-1"));
        assert_eq!(charset_param("text/html"), None);
    }
}
