//! Dates and periods the text names, and the publication date: given, or inferred
//! from the dateline's month and day, weekday words and the years the story mentions.

use dateline_core::{weekday, Date, Doc, Published, Relative, Span, TimeExpr, TokenKind, Weekday};

use crate::index::Index;

fn year_of(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// A day of the month written in digits ("9", "31").
fn day_of(s: &str) -> Option<u8> {
    s.parse::<u8>().ok().filter(|d| (1..=31).contains(d))
}

/// Finds month-day(-year), month-year, bare years and weekday names.
pub fn find(doc: &mut Doc, index: &Index) {
    let text = &doc.text;
    let toks = &doc.tokens;
    let word = |i: usize| toks.get(i).map(|t| &text[t.span.start..t.span.end]).unwrap_or("");
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let w = word(i);
        // Day Month [Year] ("9 November 2004", "3 May"), as British and European copy writes it.
        let day_before = i.checked_sub(1).filter(|&k| toks[k].kind == TokenKind::Number).and_then(|k| day_of(word(k)));
        let digits_after = word(i + 1).bytes().all(|b| b.is_ascii_digit()) && !word(i + 1).is_empty();
        if let Some(m) = index.month(w).filter(|_| w != "May" || digits_after || day_before.is_some()) {
            // Month Day[, Year] | Month Year | Day Month [Year]
            let mut end = i + 1;
            let mut date = None;
            let mut start = i;
            if let Some(d) = day_of(word(i + 1)).filter(|_| day_before.is_none()) {
                end = i + 2;
                let mut y = None;
                if word(i + 2) == "," {
                    if let Some(yy) = year_of(word(i + 3)) {
                        y = Some(yy);
                        end = i + 4;
                    }
                }
                date = Some((y, Some(m), Some(d)));
            } else if let Some(d) = day_before {
                start = i - 1;
                let y = year_of(word(i + 1));
                end = if y.is_some() { i + 2 } else { i + 1 };
                date = Some((y, Some(m), Some(d)));
            } else if let Some(y) = year_of(word(i + 1)) {
                end = i + 2;
                date = Some((Some(y), Some(m), None));
            }
            if let Some((year, month, day)) = date {
                out.push(TimeExpr {
                    year,
                    month,
                    day,
                    ..TimeExpr::undated(Span::new(toks[start].span.start, toks[end - 1].span.end))
                });
                i = end;
                continue;
            }
        }
        if toks[i].kind == TokenKind::Number {
            if let Some(y) = year_of(w) {
                // Not a count: "2000 troops" has a unit after it; "in 2009" and "2009," are years.
                let next = word(i + 1);
                let unit_after =
                    index.units.iter().any(|(u, _)| u.first().is_some_and(|f| f.eq_ignore_ascii_case(next)));
                if !unit_after {
                    out.push(TimeExpr { year: Some(y), ..TimeExpr::undated(toks[i].span) });
                }
            }
        }
        if let Some(wd) = index.weekday(w) {
            out.push(TimeExpr { weekday: Some(Weekday::ALL[wd]), ..TimeExpr::undated(toks[i].span) });
        }
        if let Some((t, end)) = relative(doc, index, i) {
            // "N days ago" reads back from "ago": a number already taken as a day of the
            // month before it ("May 3 days ago") belongs to the count, so the layer stays
            // in text order without overlaps.
            while out.last().is_some_and(|p: &TimeExpr| p.span.end > t.span.start) {
                out.pop();
            }
            out.push(t);
            i = end;
            continue;
        }
        i += 1;
    }
    doc.times = out;
}

/// A time counted from the story's date at token `i`: "yesterday", "last week", "next
/// Sunday", "three days ago". Returns it and the token after it. A weekday after
/// "last"/"next" replaces the bare weekday found at the same token.
fn relative(doc: &Doc, index: &Index, i: usize) -> Option<(TimeExpr, usize)> {
    let toks = &doc.tokens;
    let text = |k: usize| toks.get(k).map(|t| &doc.text[t.span.start..t.span.end]).unwrap_or("");
    // Most tokens are none of these words: their first letter and length say so before
    // a lookup of the word's classes (on a lower-case copy kept on the stack).
    let first = text(i);
    let (mask, letters, lengths) = &index.relative_start;
    let letter = first.bytes().next().map(|b| b.to_ascii_lowercase().wrapping_sub(b'a')).filter(|l| *l < 26)?;
    if letters & (1 << letter) == 0 || first.len() >= 64 || lengths & (1 << first.len()) == 0 {
        return None;
    }
    let bits = with_lower(first, |w| index.bits(w));
    if !bits.intersects(mask) {
        return None;
    }
    let lower = |k: usize| text(k).to_ascii_lowercase();
    let w = lower(i);
    let span = |a: usize, b: usize| Span::new(toks[a].span.start, toks[b].span.end);
    let day = |n: i32| Some(TimeExpr { relative: Some(Relative::Days(n)), ..TimeExpr::undated(toks[i].span) });
    if bits.has(index.bit("yesterday")) {
        return Some((day(-1)?, i + 1));
    }
    if bits.has(index.bit("today")) {
        return Some((day(0)?, i + 1));
    }
    if bits.has(index.bit("tomorrow")) {
        return Some((day(1)?, i + 1));
    }
    let unit = |k: usize| -> Option<fn(i32) -> Relative> {
        let u = lower(k);
        let u = u.as_str();
        if index.in_class("unit-day", u) {
            Some(Relative::Days)
        } else if index.in_class("unit-week", u) {
            Some(Relative::Weeks)
        } else if index.in_class("unit-month", u) {
            Some(Relative::Months)
        } else if index.in_class("unit-year", u) {
            Some(Relative::Years)
        } else {
            None
        }
    };
    let sign = if index.in_class("period-last", &w) {
        -1
    } else if index.in_class("period-next", &w) {
        1
    } else if index.in_class("period-this", &w) {
        0
    } else {
        2
    };
    if sign != 2 && i + 1 < toks.len() {
        let next = &doc.text[toks[i + 1].span.start..toks[i + 1].span.end];
        if let Some(wd) = index.weekday(next).filter(|_| sign != 0) {
            let rel = if sign < 0 { Relative::LastWeekday } else { Relative::NextWeekday };
            return Some((
                TimeExpr { weekday: Some(Weekday::ALL[wd]), relative: Some(rel), ..TimeExpr::undated(span(i, i + 1)) },
                i + 2,
            ));
        }
        if let Some(f) = unit(i + 1).filter(|_| !lower(i + 1).ends_with('s')) {
            return Some((TimeExpr { relative: Some(f(sign)), ..TimeExpr::undated(span(i, i + 1)) }, i + 2));
        }
    }
    // "three days ago", "2 weeks ago": read back from "ago".
    if bits.has(index.bit("ago")) && i >= 2 {
        if let (Some(n), Some(f)) = (crate::amounts::number_value(index, &lower(i - 2)), unit(i - 1)) {
            let n = i32::try_from(n as i64).ok().filter(|n| (1..=400).contains(n))?;
            return Some((TimeExpr { relative: Some(f(-n)), ..TimeExpr::undated(span(i - 2, i - 1)) }, i + 1));
        }
    }
    None
}

/// `f` of the lower-case form of `w`, copied on the stack when short and ASCII.
fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 24];
    match buf.get_mut(..w.len()) {
        Some(b) if w.is_ascii() => {
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            f(std::str::from_utf8(b).unwrap_or(""))
        }
        _ => f(&w.to_lowercase()),
    }
}

/// Sets `doc.meta.published` when it is not given: from a full dateline date, or
/// inferred from the dateline's month and day, weekday words and mentioned years.
pub fn infer_published(doc: &mut Doc, index: &Index) {
    if doc.meta.published.is_some() {
        return;
    }
    let Some(dl) = doc.meta.dateline.as_ref() else { return };
    let (Some(m), Some(d)) = (dl.month, dl.day) else { return };
    if let Some(y) = dl.year {
        let date = Date::ymd(y, m, d);
        if date.is_valid() {
            doc.meta.published = Some(Published { date, how: "dateline", why: format!("the dateline gives {date}") });
        }
        return;
    }
    let body = doc.meta.body_start;
    let years: Vec<i32> = doc.times.iter().filter(|t| t.weekday.is_none()).filter_map(|t| t.year).collect();
    let latest = years.iter().copied().max();
    let wd = doc
        .times
        .iter()
        .find(|t| t.span.start >= body && t.weekday.is_some() && t.relative.is_none())
        .and_then(|t| t.weekday.map(|w| (w, t.span)));
    let month_name = month_name(index, m);
    match (wd, latest) {
        (Some((wd, span)), Some(lo)) => {
            let word = doc.slice(span).to_string();
            // The first year from the latest one mentioned in which the date falls on that weekday.
            let candidates: Vec<i32> =
                (lo..lo + 30).filter(|&y| Date::ymd(y, m, d).is_valid() && weekday(y, m, d) == wd).collect();
            if let Some(&y) = candidates.first() {
                let date = Date::ymd(y, m, d);
                let others: Vec<String> = candidates.iter().skip(1).take(2).map(|y| y.to_string()).collect();
                doc.meta.published = Some(Published {
                    date,
                    how: "inferred",
                    why: format!(
                        "the dateline gives {month_name} {d}; '{word}' puts it on a {}; the latest year the story mentions is {lo}; {month_name} {d} was a {} in {y} (then {})",
                        wd.name(),
                        wd.name(),
                        others.join(", ")
                    ),
                });
            }
        }
        (None, Some(lo)) => {
            // Without a weekday the latest year mentioned is the best evidence; a story
            // mentioning a later month of that year must be from the year after.
            let later_month = doc.times.iter().any(|t| t.year == Some(lo) && t.month.is_some_and(|tm| tm > m));
            let y = if later_month { lo + 1 } else { lo };
            let date = Date::ymd(y, m, d);
            if date.is_valid() {
                doc.meta.published = Some(Published {
                    date,
                    how: "inferred",
                    why: format!("the dateline gives {month_name} {d}; no weekday is named; the latest year the story mentions is {lo}{}", if later_month { ", in a later month, so the year after" } else { "" }),
                });
            }
        }
        _ => {}
    }
}

/// The month's name for an explanation: the first of the lexicon's `month` class.
fn month_name(index: &Index, m: u8) -> &str {
    index.months.get(usize::from(m).wrapping_sub(1)).and_then(|f| f.first()).map_or("?", String::as_str)
}

#[cfg(test)]
mod tests {
    use dateline_core::{Doc, Relative, Weekday};

    fn times(text: &str) -> Vec<(String, Option<Relative>, Option<Weekday>)> {
        let lex = crate::tests::lexicon();
        let mut doc = Doc::new("t", text);
        crate::analyze(&mut doc, &lex);
        doc.times.iter().map(|t| (doc.slice(t.span).to_string(), t.relative, t.weekday)).collect()
    }

    #[test]
    fn relative_times() {
        let t = times("Rebels attacked yesterday. Talks ended last week. Troops left three days ago. They met last Sunday and meet again next Friday.");
        assert!(t.contains(&("yesterday".into(), Some(Relative::Days(-1)), None)), "{t:?}");
        assert!(t.contains(&("last week".into(), Some(Relative::Weeks(-1)), None)), "{t:?}");
        assert!(t.contains(&("three days".into(), Some(Relative::Days(-3)), None)), "{t:?}");
        assert!(t.contains(&("last Sunday".into(), Some(Relative::LastWeekday), Some(Weekday::Sunday))), "{t:?}");
        assert!(t.contains(&("next Friday".into(), Some(Relative::NextWeekday), Some(Weekday::Friday))), "{t:?}");
        // "last Sunday" is one expression, not also a bare "Sunday".
        assert_eq!(t.iter().filter(|x| x.0 == "Sunday").count(), 0, "{t:?}");
    }
}
