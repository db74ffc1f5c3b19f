//! Amounts: a number, an optional scale word, and a unit ("25 kilometers", "$12M",
//! "70 million dollars", "4,000 troops", "15 percent").

use dateline_core::{Amount, Doc, Span, TokenKind};

use crate::index::Index;

fn scale(w: &str) -> Option<f64> {
    Some(match w.to_ascii_lowercase().as_str() {
        "thousand" => 1e3,
        "million" | "m" | "mln" => 1e6,
        "billion" | "bn" | "b" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => return None,
    })
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
        if suffix == "th" || suffix == "st" || suffix == "nd" || suffix == "rd" {
            i += 1;
            continue;
        }
        let start = if i > 0 && matches!(word(i - 1), "$" | "€" | "£") { i - 1 } else { i };
        let mut j = i + 1;
        if let Some(s) = scale(suffix) {
            value *= s;
        } else if let Some(s) = scale(word(j)) {
            value *= s;
            j += 1;
        }
        let mut unit = match word(start) {
            "$" => Some(("usd".to_string(), j)),
            "€" => Some(("eur".to_string(), j)),
            "£" => Some(("gbp".to_string(), j)),
            _ => None,
        };
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
