//! Tokens with byte offsets. Hyphenated words are split at the hyphen (so
//! "Russian-Kyrgyz" names two countries), clitics are split ("Lavrov's" -> "Lavrov" "'s",
//! "didn't" -> "did" "n't"), dotted abbreviations stay whole ("U.S.", "Jan.").

use dateline_core::{Span, Tag, Token, TokenKind};

use crate::index::Index;

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// Splits `text` into tokens (sentence index 0, tag Other: later passes fill them).
pub fn tokenize(text: &str, index: &Index) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    let push = |out: &mut Vec<Token>, s: usize, e: usize, kind: TokenKind| {
        out.push(Token { span: Span::new(s, e), kind, tag: Tag::Other, sentence: 0 });
    };
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            // A run of letters and digits, with internal apostrophes (O'Brien) kept.
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    chars.next();
                } else if (d == '.' || d == ',')
                    && c.is_ascii_digit()
                    && bytes.get(j + 1).is_some_and(u8::is_ascii_digit)
                {
                    // 4,000 and 2.5
                    end = j + 1;
                    chars.next();
                } else if is_apostrophe(d) {
                    // Internal apostrophe followed by a letter, but not the clitics 's / n't / 're / 've / 'll / 'd.
                    let rest = &text[j + d.len_utf8()..];
                    let clitic = index.clitics.iter().any(|cl| {
                        rest.starts_with(cl) && !rest[cl.len()..].chars().next().is_some_and(char::is_alphanumeric)
                    });
                    let nt = text[i..j].ends_with(['n', 'N'])
                        && (rest.starts_with('t') || rest.starts_with('T'))
                        && !rest[1..].chars().next().is_some_and(char::is_alphanumeric);
                    if !clitic && !nt && rest.chars().next().is_some_and(char::is_alphabetic) {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            let word = &text[i..end];
            // n't: split "didn't" into "did" + "n't".
            if (word.ends_with('n') || word.ends_with('N')) && word.len() > 2 {
                let after = &text[end..];
                if let Some(a) = after.chars().next().filter(|a| is_apostrophe(*a)) {
                    let rest = &after[a.len_utf8()..];
                    if (rest.starts_with('t') || rest.starts_with('T'))
                        && !rest[1..].chars().next().is_some_and(char::is_alphanumeric)
                    {
                        let n_at = end - 1;
                        let kind = kind_of(&text[i..n_at]);
                        push(&mut out, i, n_at, kind);
                        let clitic_end = end + a.len_utf8() + 1;
                        push(&mut out, n_at, clitic_end, TokenKind::Word);
                        // consume the apostrophe and the t
                        chars.next();
                        chars.next();
                        continue;
                    }
                }
            }
            // Dotted abbreviations: U.S., U.N., a.m., and listed ones: Mr., Jan., Gen.
            if bytes.get(end) == Some(&b'.') {
                let mut e2 = end;
                // letter(.letter)+. pattern
                if word.chars().count() == 1 {
                    let mut k = end;
                    loop {
                        // expect '.' then a single letter then '.'
                        if bytes.get(k) != Some(&b'.') {
                            break;
                        }
                        let next = text[k + 1..].chars().next();
                        match next {
                            Some(l)
                                if l.is_alphabetic()
                                    && !text[k + 1 + l.len_utf8()..]
                                        .chars()
                                        .next()
                                        .is_some_and(char::is_alphanumeric) =>
                            {
                                k += 1 + l.len_utf8();
                            }
                            _ => break,
                        }
                    }
                    if k > end && bytes.get(k) == Some(&b'.') {
                        e2 = k + 1;
                    } else if word.chars().next().is_some_and(char::is_uppercase) {
                        // A single initial: "J." in "John J. Smith".
                        e2 = end + 1;
                    }
                }
                if e2 == end && index.is_abbrev(&text[i..end + 1]) {
                    e2 = end + 1;
                }
                if e2 > end {
                    while chars.peek().is_some_and(|&(j, _)| j < e2) {
                        chars.next();
                    }
                    push(&mut out, i, e2, TokenKind::Word);
                    continue;
                }
            }
            let kind = kind_of(&text[i..end]);
            push(&mut out, i, end, kind);
            continue;
        }
        if is_apostrophe(c) {
            // Clitics: 's 're 've 'll 'd 'm
            let rest = &text[i + c.len_utf8()..];
            let prev_is_word = out.last().is_some_and(|t: &Token| t.span.end == i && t.kind != TokenKind::Punct);
            if prev_is_word {
                if let Some(cl) = index.clitics.iter().find(|cl| {
                    rest.starts_with(cl.as_str()) && !rest[cl.len()..].chars().next().is_some_and(char::is_alphanumeric)
                }) {
                    let e = i + c.len_utf8() + cl.len();
                    while chars.peek().is_some_and(|&(j, _)| j < e) {
                        chars.next();
                    }
                    push(&mut out, i, e, TokenKind::Word);
                    continue;
                }
                // Plural possessive: "Workers' Party"
            }
            // `` and '' as quotation marks
            if chars.peek().is_some_and(|&(_, d)| d == c) && c == '\'' {
                chars.next();
                push(&mut out, i, i + 2, TokenKind::Quote);
                continue;
            }
            push(&mut out, i, i + c.len_utf8(), TokenKind::Punct);
            continue;
        }
        if c == '`' && chars.peek().is_some_and(|&(_, d)| d == '`') {
            chars.next();
            push(&mut out, i, i + 2, TokenKind::Quote);
            continue;
        }
        if is_quote(c) {
            push(&mut out, i, i + c.len_utf8(), TokenKind::Quote);
            continue;
        }
        if c == '-' && chars.peek().is_some_and(|&(_, d)| d == '-') {
            chars.next();
            push(&mut out, i, i + 2, TokenKind::Punct);
            continue;
        }
        let kind = if c.is_ascii_punctuation() || matches!(c, '\u{2014}' | '\u{2013}' | '\u{2026}') {
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
        let kind = if matches!(c, '$' | '€' | '£' | '%') { TokenKind::Symbol } else { kind };
        push(&mut out, i, i + c.len_utf8(), kind);
    }
    out
}

fn kind_of(word: &str) -> TokenKind {
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        TokenKind::Number
    } else {
        TokenKind::Word
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Index;

    fn index() -> &'static Index {
        static INDEX: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
        INDEX.get_or_init(|| Index::new(&crate::tests::lexicon()))
    }

    fn toks(s: &str) -> Vec<String> {
        tokenize(s, index()).iter().map(|t| s[t.span.start..t.span.end].to_string()).collect()
    }

    #[test]
    fn words_clitics_abbreviations() {
        assert_eq!(toks("Lavrov's visit"), ["Lavrov", "'s", "visit"]);
        assert_eq!(toks("didn't sign"), ["did", "n't", "sign"]);
        assert_eq!(toks("the U.S. and Mr. Smith"), ["the", "U.S.", "and", "Mr.", "Smith"]);
        assert_eq!(toks("Russian-Kyrgyz talks"), ["Russian", "-", "Kyrgyz", "talks"]);
        assert_eq!(toks("4,000 troops, 2.5 km."), ["4,000", "troops", ",", "2.5", "km", "."]);
        assert_eq!(toks("\u{201C}Hi,\u{201D} he said"), ["\u{201C}", "Hi", ",", "\u{201D}", "he", "said"]);
        assert_eq!(toks("``Enough''"), ["``", "Enough", "''"]);
        assert_eq!(
            toks("April 5 (Itar-Tass) \u{2014} Russian"),
            ["April", "5", "(", "Itar", "-", "Tass", ")", "\u{2014}", "Russian"]
        );
        assert_eq!(toks("O'Brien and Jan. 3"), ["O'Brien", "and", "Jan.", "3"]);
        assert_eq!(toks("Workers' Party"), ["Workers", "'", "Party"]);
    }

    proptest::proptest! {
        #[test]
        fn spans_are_in_order_and_on_boundaries(s in "\\PC{0,200}") {
            let t = tokenize(&s, index());
            let mut last = 0;
            for tok in &t {
                proptest::prop_assert!(tok.span.start >= last);
                proptest::prop_assert!(tok.span.end > tok.span.start);
                proptest::prop_assert!(s.get(tok.span.start..tok.span.end).is_some());
                last = tok.span.end;
            }
        }
    }
}
