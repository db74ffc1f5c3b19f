//! Name normalisation, shared by the index builder and the lookups, so that a name
//! written in the text and a name in the gazetteer meet on the same key.
//!
//! Lower case, diacritics removed ("Zaïre" -> "zaire"), apostrophes and periods
//! dropped ("U.S." -> "us", "Côte d'Ivoire" -> "cote divoire"), every other run of
//! non-alphanumeric characters (spaces, hyphens, commas) -> one space.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The normalised key of a whole name.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_normalized(s, &mut out);
    out
}

fn is_dropped(c: char) -> bool {
    matches!(c, '\'' | '.' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{02BB}' | '`' | '\u{00B4}')
}

/// Appends the normalised form of `s` to `out` (no leading or trailing space of its
/// own). Returns whether anything was appended. Allocates only when `out` grows.
pub fn push_normalized(s: &str, out: &mut String) -> bool {
    let start = out.len();
    let mut pending_space = false;
    let emit = |out: &mut String, c: char, pending: &mut bool| {
        if *pending && out.len() > start {
            out.push(' ');
        }
        *pending = false;
        out.push(c);
    };
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                emit(out, c.to_ascii_lowercase(), &mut pending_space);
            } else if !is_dropped(c) {
                pending_space = true;
            }
            continue;
        }
        if is_dropped(c) {
            continue;
        }
        let special: Option<&str> = match c {
            'ß' => Some("ss"),
            'æ' | 'Æ' => Some("ae"),
            'œ' | 'Œ' => Some("oe"),
            'ø' | 'Ø' => Some("o"),
            'đ' | 'Đ' | 'ð' | 'Ð' => Some("d"),
            'ł' | 'Ł' => Some("l"),
            'ı' => Some("i"),
            'þ' | 'Þ' => Some("th"),
            'ħ' | 'Ħ' => Some("h"),
            _ => None,
        };
        if let Some(rep) = special {
            for r in rep.chars() {
                emit(out, r, &mut pending_space);
            }
            continue;
        }
        if !c.is_alphanumeric() {
            if !is_combining_mark(c) {
                pending_space = true;
            }
            continue;
        }
        for d in std::iter::once(c).nfd() {
            if is_combining_mark(d) {
                continue;
            }
            for l in d.to_lowercase() {
                emit(out, l, &mut pending_space);
            }
        }
    }
    out.len() > start
}

/// True when the name is written in the Latin script (with digits, spaces and
/// punctuation): the names an English news story can contain.
pub fn is_latin(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_ascii()
            || matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x0300..=0x036F)
            || (!c.is_alphabetic() && !c.is_numeric())
    }) && s.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(normalize("Zaïre"), "zaire");
        assert_eq!(normalize("U.S."), "us");
        assert_eq!(normalize("Côte d'Ivoire"), "cote divoire");
        assert_eq!(normalize("Côte d\u{2019}Ivoire"), "cote divoire");
        assert_eq!(normalize("Saxony-Anhalt"), "saxony anhalt");
        assert_eq!(normalize("  St. Louis, "), "st louis");
        assert_eq!(normalize("Østfold"), "ostfold");
        assert_eq!(normalize("Bình Phước"), "binh phuoc");
        assert_eq!(normalize("Düsseldorf"), "dusseldorf");
        assert_eq!(normalize("ŁÓDŹ"), "lodz");
        assert_eq!(normalize("Queen Anne's County"), "queen annes county");
        assert_eq!(normalize("São Tomé"), "sao tome");
    }

    #[test]
    fn push_reports_and_appends() {
        let mut s = String::from("new");
        s.push(' ');
        assert!(push_normalized("York", &mut s));
        assert_eq!(s, "new york");
        assert!(!push_normalized("'", &mut s));
    }

    #[test]
    fn latin() {
        assert!(is_latin("Bishkek"));
        assert!(is_latin("Bișkek"));
        assert!(!is_latin("Бишкек"));
        assert!(!is_latin("比什凯克"));
        assert!(!is_latin("--"));
    }
}
