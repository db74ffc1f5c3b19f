//! Amounts: a number, an optional scale word, and a unit ("25 kilometers", "$12M",
//! "70 million dollars", "4,000 troops", "15 percent").

use dateline_core::{Amount, Doc, Span, TokenKind};

use crate::index::Index;

/// The factor of a scale word ("million", "bn"; any case), from the lexicon's `scale-N` classes.
fn scale(index: &Index, w: &str) -> Option<f64> {
    index.scales.iter().find(|(s, _)| s.eq_ignore_ascii_case(w)).map(|(_, f)| *f)
}

/// The value of one word that is a number: digits ("1,200", "30") or a number word
/// ("twelve"); scale words ("hundred") are not numbers on their own.
pub(crate) fn number_value(index: &Index, lower: &str) -> Option<f64> {
    if lower.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        let digits: String = lower.chars().filter(|c| *c != ',').collect();
        return digits.parse().ok();
    }
    index.numbers.get(lower).copied().filter(|v| *v < 100.0)
}

pub fn find(doc: &mut Doc, index: &Index) {
    let text = &doc.text;
    let toks = &doc.tokens;
    let word = |i: usize| toks.get(i).map(|t| &text[t.span.start..t.span.end]).unwrap_or("");
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind != TokenKind::Number {
            i += 1;
            continue;
        }
        let raw = word(i);
        let digits: String =
            raw.chars().take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.').filter(|c| *c != ',').collect();
        let Ok(mut value) = digits.parse::<f64>() else {
            i += 1;
            continue;
        };
        let suffix =
            &raw[raw.len().min(raw.chars().take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.').count())..];
        if index.ordinal_suffixes.iter().any(|o| o == suffix) {
            i += 1;
            continue;
        }
        let sign = |k: usize| index.currency_signs.iter().find(|(s, _)| s == word(k)).map(|(_, u)| u);
        let start = if i > 0 && sign(i - 1).is_some() { i - 1 } else { i };
        let mut j = i + 1;
        if let Some(s) = scale(index, suffix) {
            value *= s;
        } else if let Some(s) = scale(index, word(j)) {
            value *= s;
            j += 1;
        }
        let mut unit = if start < i { sign(start).map(|u| (u.clone(), j)) } else { None };
        if unit.is_none() {
            // The unit may follow directly or after one modifier ("25,000 tons", "700 kg",
            // "four-day" is not a number token).
            'outer: for skip in 0..=1 {
                for (words, u) in &index.units {
                    let at = j + skip;
                    if words.iter().enumerate().all(|(k, w)| word(at + k).eq_ignore_ascii_case(w)) {
                        if skip == 1 && toks.get(j).is_none_or(|t| t.kind != TokenKind::Word) {
                            continue;
                        }
                        unit = Some((u.clone(), at + words.len()));
                        break 'outer;
                    }
                }
            }
        }
        match unit {
            Some((u, end)) if end > 0 && end <= toks.len() => {
                out.push(Amount { span: Span::new(toks[start].span.start, toks[end - 1].span.end), value, unit: u });
                i = end;
            }
            _ => i += 1,
        }
    }
    doc.amounts = out;
}
