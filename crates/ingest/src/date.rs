//! Reading calendar dates out of the forms web pages and feeds write them in, as
//! `YYYY-MM-DD`. Only the date as written is kept: no time-zone shift is applied, so
//! `2019-11-19T23:30:00-05:00` is 2019-11-19, the day the publisher printed.

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ymd {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Ymd {
    /// A valid date between 1900 and 2100, or `None`.
    pub(crate) fn new(year: u32, month: u32, day: u32) -> Option<Ymd> {
        if !(1900..=2100).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        #[allow(clippy::manual_is_multiple_of)] // the workspace's MSRV predates is_multiple_of
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (day <= days).then_some(Ymd { year: year as u16, month: month as u8, day: day as u8 })
    }

    /// Days since 1970-01-01 (negative before), for comparing dates.
    pub(crate) fn days(self) -> i64 {
        let (y, m, d) = (i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (the inverse of [`Ymd::days`]).
    pub(crate) fn from_days(days: i64) -> Option<Ymd> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Ymd::new(u32::try_from(y).ok()?, m as u32, d as u32)
    }

    /// `YYYY-MM-DD`.
    pub(crate) fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Reads a date written as ISO 8601 / RFC 3339 (`2019-11-19`, `2019-11-19T10:00Z`,
/// `2019/11/19`, `20191119`), RFC 2822 (`Tue, 19 Nov 2019 10:00:00 GMT`) or
/// `Nov 19, 2019`. Anything else is `None`.
pub(crate) fn parse_date(s: &str, v: &Dates) -> Option<Ymd> {
    let s = s.trim();
    numeric(s).or_else(|| rfc2822(s, v)).or_else(|| month_first(s, v))
}

/// The days (as [`Ymd::days`]) a timestamp with a stated offset can fall on for a
/// reader anywhere on Earth (UTC-12 to UTC+14): `2025-12-19T22:02Z` is the 19th or the
/// 20th, never the 18th. `None` without a time and an offset (`Z`, `+05:30`, `-0700`):
/// then the day as written is all that is known.
pub(crate) fn days_in_zones(s: &str) -> Option<(i64, i64)> {
    let s = s.trim();
    let b = s.as_bytes();
    let day = numeric(s.get(..10)?)?.days();
    if !matches!(b.get(10), Some(b'T' | b' ')) || b.get(13) != Some(&b':') {
        return None;
    }
    let minutes = i64::from(digits(b, 11, 2)?) * 60 + i64::from(digits(b, 14, 2)?);
    // Seconds and their fraction, if any, then the offset.
    let mut i = 16;
    while b.get(i).is_some_and(|c| c.is_ascii_digit() || *c == b':' || *c == b'.') {
        i += 1;
    }
    let offset = match b.get(i) {
        Some(b'Z' | b'z') => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let hours = i64::from(digits(b, i + 1, 2)?);
            let mins = if b.get(i + 3) == Some(&b':') { digits(b, i + 4, 2) } else { digits(b, i + 3, 2) };
            let off = hours * 60 + i64::from(mins.unwrap_or(0));
            if sign == b'-' {
                -off
            } else {
                off
            }
        }
        _ => return None,
    };
    let utc = day * 1440 + minutes - offset;
    Some(((utc - 12 * 60).div_euclid(1440), (utc + 14 * 60).div_euclid(1440)))
}

/// `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD` or `YYYYMMDD`, then a non-digit or the end.
fn numeric(s: &str) -> Option<Ymd> {
    let b = s.as_bytes();
    let year = digits(b, 0, 4)?;
    match b.get(4) {
        Some(&sep) if sep == b'-' || sep == b'/' || sep == b'.' => {
            let mlen = count_digits(b, 5);
            let month = digits(b, 5, mlen.clamp(1, 2))?;
            let dpos = 5 + mlen;
            if b.get(dpos) != Some(&sep) {
                return None;
            }
            let dlen = count_digits(b, dpos + 1);
            if !(1..=2).contains(&dlen) {
                return None;
            }
            let day = digits(b, dpos + 1, dlen)?;
            Ymd::new(year, month, day)
        }
        Some(c) if c.is_ascii_digit() => {
            if count_digits(b, 0) != 8 {
                return None;
            }
            Ymd::new(year, digits(b, 4, 2)?, digits(b, 6, 2)?)
        }
        _ => None,
    }
}

/// `[Day,] D Mon YYYY ...`.
fn rfc2822(s: &str, v: &Dates) -> Option<Ymd> {
    let s = match s.find(',') {
        Some(i) if i <= 10 && s[..i].chars().all(|c| c.is_ascii_alphabetic()) => &s[i + 1..],
        _ => s,
    };
    let mut words = s.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty());
    let day: u32 = words.next()?.parse().ok()?;
    let month = month_number(words.next()?, v)?;
    let year = year_of(words.next()?)?;
    Ymd::new(year, month, day)
}

/// `Mon D, YYYY` / `Month D YYYY`.
fn month_first(s: &str, v: &Dates) -> Option<Ymd> {
    let mut words = s.split(|c: char| c.is_whitespace() || c == ',' || c == '.').filter(|w| !w.is_empty());
    let month = month_number(words.next()?, v)?;
    let day: u32 = words.next()?.trim_end_matches(|c: char| c.is_ascii_alphabetic()).parse().ok()?;
    let year = year_of(words.next()?)?;
    Ymd::new(year, month, day)
}

/// A four-digit year, or a two-digit one as RFC 822 allows (`19` is 2019).
fn year_of(w: &str) -> Option<u32> {
    let y: u32 = w.parse().ok()?;
    match w.len() {
        4 => Some(y),
        2 => Some(if y < 70 { 2000 + y } else { 1900 + y }),
        _ => None,
    }
}

/// The month of an RFC 2822 month abbreviation (or a full English month name, read
/// by its first letters, as the date formats of the web write them): the
/// `month-abbrev` words of `dict/dates.txt`, in ASCII.
fn month_number(w: &str, v: &Dates) -> Option<u32> {
    if !w.is_ascii() {
        return None;
    }
    v.abbrevs
        .iter()
        .find(|(a, _)| w.len() >= a.len().max(3) && w.as_bytes()[..a.len()].eq_ignore_ascii_case(a.as_bytes()))
        .map(|&(_, m)| u32::from(m))
}

fn count_digits(b: &[u8], from: usize) -> usize {
    b.get(from..).map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count())
}

fn digits(b: &[u8], from: usize, len: usize) -> Option<u32> {
    let d = b.get(from..from + len)?;
    if !d.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(d.iter().fold(0u32, |acc, c| acc * 10 + u32::from(c - b'0')))
}

/// A date written in a URL path: `/2019/11/19/`, `/2019-11-19`, `/20191119/`.
pub(crate) fn date_in_url(url: &str) -> Option<Ymd> {
    let path = match url.find("://") {
        Some(i) => url[i + 3..].find('/').map_or("", |j| &url[i + 3 + j..]),
        None => url,
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let b = path.as_bytes();
    for (i, _) in path.match_indices('/') {
        let start = i + 1;
        if count_digits(b, start) == 4 {
            let year = digits(b, start, 4)?;
            let sep = b.get(start + 4).copied();
            if sep == Some(b'/') || sep == Some(b'-') || sep == Some(b'_') {
                let sep = sep.unwrap_or(b'/');
                let mlen = count_digits(b, start + 5);
                if (1..=2).contains(&mlen) && b.get(start + 5 + mlen) == Some(&sep) {
                    let dpos = start + 6 + mlen;
                    let dlen = count_digits(b, dpos);
                    if (1..=2).contains(&dlen) && b.get(dpos + dlen).is_none_or(|c| !c.is_ascii_alphanumeric()) {
                        if let (Some(m), Some(d)) = (digits(b, start + 5, mlen), digits(b, dpos, dlen)) {
                            if let Some(ymd) = Ymd::new(year, m, d).filter(|_| year >= 1995) {
                                return Some(ymd);
                            }
                        }
                    }
                }
            }
        } else if count_digits(b, start) == 8 && b.get(start + 8).is_none_or(|c| !c.is_ascii_alphanumeric()) {
            if let (Some(y), Some(m), Some(d)) = (digits(b, start, 4), digits(b, start + 4, 2), digits(b, start + 6, 2))
            {
                if let Some(ymd) = Ymd::new(y, m, d).filter(|_| y >= 1995) {
                    return Some(ymd);
                }
            }
        }
    }
    None
}

/// The month a word of running text names (`November`, `Nov.`, `Sept`, `März`,
/// `janeiro`): a `month` word of `dict/dates.txt` or a whole `month-abbrev`, case aside.
fn month_word(w: &str, v: &Dates) -> Option<u32> {
    let w = w.trim_end_matches('.');
    // Lowercasing can shrink a word at most threefold (KELVIN SIGN to `k`): longer
    // words name no month, and need no lowercase copy.
    if w.is_empty() || w.len() > 3 * v.longest {
        return None;
    }
    let mut buf = [0u8; 32];
    let lower: std::borrow::Cow<'_, str> = if w.is_ascii() && w.len() <= buf.len() {
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        std::borrow::Cow::Borrowed(std::str::from_utf8(b).unwrap_or(w))
    } else {
        std::borrow::Cow::Owned(w.to_lowercase())
    };
    let lower = lower.as_ref();
    if let Some(&m) = v.names.get(lower) {
        return Some(u32::from(m));
    }
    v.abbrevs.iter().find(|(a, _)| a == lower).map(|&(_, m)| u32::from(m))
}

/// The words dates are read by (`dict/dates.txt`), looked up without copying.
#[derive(Debug, Clone, Default)]
pub(crate) struct Dates {
    /// `month` words, lowercase: the month (1-12).
    names: std::collections::HashMap<String, u8>,
    /// The byte length of the longest `month` or `month-abbrev` word.
    longest: usize,
    /// `month-abbrev` words, lowercase ASCII, and their month.
    abbrevs: Vec<(String, u8)>,
    /// English ordinal suffixes (`th`).
    pub ordinals: Vec<String>,
    /// Words joining a date's parts (`de`).
    pub joiners: Vec<String>,
    /// Words after a time of day (`pm`).
    pub meridiem: Vec<String>,
    /// `<meta>` keys of the publication date, most specific first.
    pub published_keys: Vec<String>,
    /// `<meta>` keys of the modification date.
    pub modified_keys: Vec<String>,
    /// Parts of a key, class or id that name the publication date ...
    pub published_names: Vec<String>,
    /// ... unless one of these, naming another date, is there too.
    pub other_date_names: Vec<String>,
    /// Parts of a class or id that mark a date as a modification.
    pub modified_names: Vec<String>,
    /// Parts of a `<time>` class that mark it as the publication time.
    pub published_time_names: Vec<String>,
}

impl Dates {
    /// Adds a line `class | words` of `dates.txt`; an error says what is wrong with it.
    pub(crate) fn add_line(&mut self, class: &str, list: &str) -> Result<(), String> {
        let words = || list.split(';').map(str::trim).filter(|s| !s.is_empty());
        let month =
            |arg: &str| -> Result<u8, String> {
                arg.trim().parse::<u8>().ok().filter(|m| (1..=12).contains(m)).ok_or_else(|| {
                    format!("`{class}` needs a month number from 1 to 12 after it (`month 9 | september`)")
                })
            };
        let (name, arg) = class.split_once(' ').unwrap_or((class, ""));
        let target = match name {
            "month" => {
                let m = month(arg)?;
                for w in words() {
                    let w = w.to_lowercase();
                    self.longest = self.longest.max(w.len());
                    self.names.entry(w).or_insert(m);
                }
                return Ok(());
            }
            "month-abbrev" => {
                let m = month(arg)?;
                for w in words() {
                    if !w.is_ascii() {
                        return Err(format!("month abbreviation `{w}` is not ASCII"));
                    }
                    self.longest = self.longest.max(w.len());
                    self.abbrevs.push((w.to_ascii_lowercase(), m));
                }
                return Ok(());
            }
            "ordinal" => &mut self.ordinals,
            "joiner" => &mut self.joiners,
            "meridiem" => &mut self.meridiem,
            "published-key" => &mut self.published_keys,
            "modified-key" => &mut self.modified_keys,
            "published-name" => &mut self.published_names,
            "other-date-name" => &mut self.other_date_names,
            "modified-name" => &mut self.modified_names,
            "published-time-name" => &mut self.published_time_names,
            other => return Err(format!("unknown class `{other}`")),
        };
        if !arg.is_empty() {
            return Err(format!("`{name}` takes no argument"));
        }
        for w in words().map(str::to_lowercase) {
            if !target.contains(&w) {
                target.push(w);
            }
        }
        Ok(())
    }
}

/// Which comes first in a numeric date written with slashes or dots (`05/10/2018`): by
/// the page's locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum DayOrder {
    /// Not known: a numeric date is read only when its order is plain (`25/09/2018`).
    #[default]
    Unknown,
    /// `25/09/2018`, `25.09.2018`.
    DayFirst,
    /// `09/25/2018`, `09.25.2018` (the United States).
    MonthFirst,
}

impl DayOrder {
    /// The order of a locale tag (`en-US`, `en_GB`, `de`, `fr-CA`): month first in the
    /// United States, day first elsewhere, unknown for English without a region.
    pub(crate) fn of_locale(tag: &str) -> DayOrder {
        let mut parts = tag.trim().split(['-', '_']);
        let lang = parts.next().unwrap_or("").to_ascii_lowercase();
        let region = parts.next().map(str::to_ascii_uppercase);
        match (lang.as_str(), region.as_deref()) {
            ("", _) => DayOrder::Unknown,
            (_, Some("US")) => DayOrder::MonthFirst,
            (_, Some(r)) if r.len() == 2 => DayOrder::DayFirst,
            ("en", _) => DayOrder::Unknown,
            (l, _) if l.len() == 2 || l.len() == 3 => DayOrder::DayFirst,
            _ => DayOrder::Unknown,
        }
    }
}

/// A date written in running text, anywhere in `s`, at the start of a word:
/// `2018-08-25`, `25. September 2018`, `22 de janeiro de 2018`, `November 18th, 2019`,
/// `Monday, 18 Nov 2019`, and numeric dates with dots or slashes only when the order is
/// plain (`25.09.2018`, `25/09/2018`, never `05/10/2018`). Returns the byte range of
/// the date and the date.
pub(crate) fn date_in_text(s: &str, v: &Dates) -> Option<(usize, usize, Ymd)> {
    date_in_text_ordered(s, DayOrder::Unknown, v)
}

/// [`date_in_text`], reading numeric dates in the given order.
pub(crate) fn date_in_text_ordered(s: &str, order: DayOrder, v: &Dates) -> Option<(usize, usize, Ymd)> {
    // Words: (start, end) byte offsets of runs of letters and digits.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                words.push((st, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        words.push((st, s.len()));
    }
    let word = |k: usize| words.get(k).map(|&(a, b)| &s[a..b]);
    // The separator between word k and word k+1.
    let gap = |k: usize| match (words.get(k), words.get(k + 1)) {
        (Some(&(_, a)), Some(&(b, _))) => Some(&s[a..b]),
        _ => None,
    };
    let number = |w: &str, max_len: usize| -> Option<u32> {
        (!w.is_empty() && w.len() <= max_len && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse().ok()).flatten()
    };
    let year = |w: &str| number(w, 4).filter(|_| w.len() == 4);
    // A day number, with an English ordinal ending (`18th`).
    let day = |w: &str| {
        let d = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &w[d.len()..];
        if !suffix.is_empty() && !v.ordinals.iter().any(|o| o == suffix) {
            return None;
        }
        number(d, 2)
    };
    // Skips a joining word (`22 de janeiro de 2018`).
    let skip_joiner = |k: usize| if word(k).is_some_and(|w| v.joiners.iter().any(|j| j == w)) { k + 1 } else { k };
    for k in 0..words.len() {
        let w = word(k).unwrap_or("");
        let start = words[k].0;
        let end_of = |k: usize| words.get(k).map_or(s.len(), |w| w.1);
        // Year first, numeric.
        if let (Some(y), Some(sep)) = (year(w), gap(k)) {
            if matches!(sep, "-" | "/" | ".") && gap(k + 1) == Some(sep) {
                // The day may run into a time (`2022-11-23T08:10+02:00`).
                fn day_of(x: &str) -> &str {
                    match x.split_once('T') {
                        Some((d, t)) if t.starts_with(|c: char| c.is_ascii_digit()) => d,
                        _ => x,
                    }
                }
                if let (Some(m), Some(d)) =
                    (word(k + 1).and_then(|x| number(x, 2)), word(k + 2).and_then(|x| number(day_of(x), 2)))
                {
                    if let Some(ymd) = Ymd::new(y, m, d) {
                        let end = words[k + 2].0 + word(k + 2).map_or(0, |x| day_of(x).len());
                        return Some((start, end, ymd));
                    }
                }
            }
            continue;
        }
        if let Some(d) = day(w) {
            let sep = gap(k).unwrap_or("");
            // Numeric, day or month first: `25.09.2018`, `09/25/2018`; by the order given
            // when both would do.
            if matches!(sep, "." | "/") && gap(k + 1) == Some(sep) && w.len() <= 2 {
                if let (Some(m), Some(y)) = (word(k + 1).and_then(|x| number(x, 2)), word(k + 2).and_then(year)) {
                    let ymd = match (sep, order) {
                        // `12.12.2025` reads the same either way.
                        _ if d > 12 || d == m => Ymd::new(y, m, d),
                        _ if m > 12 => Ymd::new(y, d, m),
                        (_, DayOrder::MonthFirst) => Ymd::new(y, d, m),
                        (_, DayOrder::DayFirst) => Ymd::new(y, m, d),
                        _ => None,
                    };
                    if let Some(ymd) = ymd {
                        return Some((start, end_of(k + 2), ymd));
                    }
                }
                continue;
            }
            // `25. September 2018`, `22 de janeiro de 2018`, `19 Nov 2019`.
            if sep.trim().is_empty() || sep.trim() == "." {
                let mk = skip_joiner(k + 1);
                if let Some(m) = word(mk).and_then(|w| month_word(w, v)) {
                    let yk = skip_joiner(mk + 1);
                    if gap(mk).is_some_and(|g| g.trim().trim_matches(['.', ',']).is_empty()) {
                        if let Some(ymd) = word(yk).and_then(year).and_then(|y| Ymd::new(y, m, d)) {
                            return Some((start, end_of(yk), ymd));
                        }
                    }
                }
            }
            continue;
        }
        // `November 18th, 2019`, `Nov. 18, 2019`.
        if let Some(m) = month_word(w, v) {
            if gap(k).is_some_and(|g| g.trim().trim_matches('.').is_empty()) {
                if let Some(d) = word(k + 1).and_then(day) {
                    if gap(k + 1).is_some_and(|g| g.trim().trim_matches(',').is_empty()) {
                        if let Some(ymd) = word(k + 2).and_then(year).and_then(|y| Ymd::new(y, m, d)) {
                            return Some((start, end_of(k + 2), ymd));
                        }
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates() -> &'static Dates {
        &crate::vocab::Vocabulary::builtin_ref().dates
    }

    fn iso(s: &str) -> Option<String> {
        parse_date(s, dates()).map(Ymd::iso)
    }

    #[test]
    fn forms() {
        assert_eq!(iso("2019-11-19T23:30:00-05:00").as_deref(), Some("2019-11-19"));
        assert_eq!(iso(" 2019/1/9 ").as_deref(), Some("2019-01-09"));
        assert_eq!(iso("20191119").as_deref(), Some("2019-11-19"));
        assert_eq!(iso("Tue, 19 Nov 2019 10:00:00 GMT").as_deref(), Some("2019-11-19"));
        assert_eq!(iso("19 November 2019").as_deref(), Some("2019-11-19"));
        assert_eq!(iso("November 19, 2019 10:00 AM").as_deref(), Some("2019-11-19"));
        assert_eq!(iso("Tue, 19 Nov 19 10:00 GMT").as_deref(), Some("2019-11-19"));
        for bad in
            ["", "2019-02-30", "2019-13-01", "yesterday", "1234567", "2019-11", "Nov 2019", "0000-00-00", "9999-99-99T"]
        {
            assert_eq!(iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn days_a_timestamp_falls_on_around_the_world() {
        let day = |s: &str| parse_date(s, dates()).map(Ymd::days).unwrap_or_default();
        let span = |s: &str| days_in_zones(s).map(|(a, b)| (a - day(&s[..10]), b - day(&s[..10])));
        assert_eq!(span("2025-12-19T22:02:58.705Z"), Some((0, 1)));
        assert_eq!(span("2025-12-19T01:00:00Z"), Some((-1, 0)));
        assert_eq!(span("2025-12-19T12:00Z"), Some((0, 1)));
        assert_eq!(span("2025-12-19T09:00:00Z"), Some((-1, 0)));
        assert_eq!(span("2025-12-19T11:00:00Z"), Some((-1, 1)));
        assert_eq!(span("2025-05-14T19:30:03-07:00"), Some((0, 1)));
        assert_eq!(span("2025-05-14 06:00:00+0530"), Some((-1, 0)));
        assert_eq!(days_in_zones("2025-05-14"), None);
        assert_eq!(days_in_zones("2025-05-14T10:00:00"), None);
        assert_eq!(days_in_zones("Dec 18, 2025"), None);
    }

    #[test]
    fn day_numbers() {
        let d = |s: &str| parse_date(s, dates()).map(Ymd::days);
        assert_eq!(d("1970-01-01"), Some(0));
        assert_eq!(d("2000-03-01").zip(d("2000-02-28")).map(|(a, b)| a - b), Some(2));
        assert_eq!(d("2020-01-01").zip(d("2019-12-31")).map(|(a, b)| a - b), Some(1));
    }

    #[test]
    fn days_back_to_dates() {
        for d in ["1970-01-01", "2000-02-29", "2019-12-31", "2024-03-01"] {
            let ymd = parse_date(d, dates());
            assert_eq!(ymd.and_then(|y| Ymd::from_days(y.days())), ymd, "{d}");
        }
    }

    #[test]
    fn urls() {
        let u = |s: &str| date_in_url(s).map(Ymd::iso);
        assert_eq!(u("https://x.com/2019/11/19/world/story.html").as_deref(), Some("2019-11-19"));
        assert_eq!(u("https://x.com/news/2019-11-19-story").as_deref(), Some("2019-11-19"));
        assert_eq!(u("https://x.com/a/20191119/story").as_deref(), Some("2019-11-19"));
        assert_eq!(u("https://x.com/2019/11/story").as_deref(), None);
        assert_eq!(u("https://x.com/story-2019").as_deref(), None);
        assert_eq!(u("https://x.com/id/12345678901").as_deref(), None);
    }

    #[test]
    fn numeric_dates_by_locale() {
        let t = |s: &str, o| date_in_text_ordered(s, o, dates()).map(|(_, _, d)| d.iso());
        assert_eq!(DayOrder::of_locale("en-US"), DayOrder::MonthFirst);
        assert_eq!(DayOrder::of_locale("en_GB"), DayOrder::DayFirst);
        assert_eq!(DayOrder::of_locale("de"), DayOrder::DayFirst);
        assert_eq!(DayOrder::of_locale("en"), DayOrder::Unknown);
        assert_eq!(DayOrder::of_locale(""), DayOrder::Unknown);
        let us = DayOrder::MonthFirst;
        let uk = DayOrder::DayFirst;
        assert_eq!(t("Posted 05/10/2018", us).as_deref(), Some("2018-05-10"));
        assert_eq!(t("Posted 05/10/2018", uk).as_deref(), Some("2018-10-05"));
        assert_eq!(t("Posted 05/10/2018", DayOrder::Unknown), None);
        assert_eq!(t("By A. Reporter 09.10.2024", us).as_deref(), Some("2024-09-10"));
        assert_eq!(t("Stand: 09.10.2024", DayOrder::Unknown), None);
        assert_eq!(t("Stand: 09.10.2024", uk).as_deref(), Some("2024-10-09"));
        // A plain order needs no locale.
        assert_eq!(t("Thu, 09/25/2025 - 11:38", uk).as_deref(), Some("2025-09-25"));
    }

    #[test]
    fn dates_in_running_text() {
        let t = |s: &str| date_in_text(s, dates()).map(|(a, b, d)| (s[a..b].to_string(), d.iso()));
        let iso = |s: &str| t(s).map(|x| x.1);
        assert_eq!(iso("publiziert am 25. September 2018").as_deref(), Some("2018-09-25"));
        assert_eq!(iso("veröffentlicht am 3. März 2019, 10:00").as_deref(), Some("2019-03-03"));
        assert_eq!(iso("segunda-feira, 22 de janeiro de 2018 às 0:13").as_deref(), Some("2018-01-22"));
        assert_eq!(iso("on Monday, November 18th, 2019 at 11:08 a.m.").as_deref(), Some("2019-11-18"));
        assert_eq!(iso("Published Nov. 5, 2019").as_deref(), Some("2019-11-05"));
        assert_eq!(iso("기사입력 :[ 2018-08-25 15:40 ]").as_deref(), Some("2018-08-25"));
        assert_eq!(iso("Stand: 25.09.2018").as_deref(), Some("2018-09-25"));
        assert_eq!(iso("posted 25/09/2018").as_deref(), Some("2018-09-25"));
        assert_eq!(iso("Sept 3 2017").as_deref(), Some("2017-09-03"));
        assert_eq!(iso("By the editors 07.07.2024").as_deref(), Some("2024-07-07"));
        assert_eq!(t("Ann Example 2021-04-09T16:45+01:00"), Some(("2021-04-09".to_string(), "2021-04-09".to_string())));
        assert_eq!(
            t("By Jane Doe, October 12, 2017 - 11:28"),
            Some(("October 12, 2017".to_string(), "2017-10-12".to_string()))
        );
        for none in
            ["05/10/2018", "May 2019", "in 2018", "Page 3 of 12, 2019 edition", "The 4 may 20 be", "2018-13-45", ""]
        {
            assert_eq!(iso(none), None, "{none}");
        }
    }
}
