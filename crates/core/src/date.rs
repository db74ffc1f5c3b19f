use std::fmt;

/// A calendar date, possibly partial: a year, a year and month, or a full day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    pub fn ymd(year: i32, month: u8, day: u8) -> Date {
        Date { year, month: Some(month), day: Some(day) }
    }
    pub fn ym(year: i32, month: u8) -> Date {
        Date { year, month: Some(month), day: None }
    }
    pub fn year(year: i32) -> Date {
        Date { year, month: None, day: None }
    }
    /// True when the day exists in the proleptic Gregorian calendar.
    pub fn is_valid(&self) -> bool {
        match (self.month, self.day) {
            (None, None) => true,
            (Some(m), None) => (1..=12).contains(&m),
            (Some(m), Some(d)) => (1..=12).contains(&m) && d >= 1 && d <= days_in_month(self.year, m),
            (None, Some(_)) => false,
        }
    }
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a longer ISO timestamp is cut to its date).
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let mut parts = s.get(..10.min(s.len()))?.split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month = match parts.next() {
            Some(m) => Some(m.parse::<u8>().ok()?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(d.get(..2.min(d.len()))?.parse::<u8>().ok()?),
            None => None,
        };
        let d = Date { year, month, day };
        (d.is_valid() && (1000..=9999).contains(&year)).then_some(d)
    }
}

impl Date {
    /// The day `n` days after this one (before, for negative `n`); None for a partial
    /// date or one outside years 1..=9999.
    pub fn add_days(&self, n: i64) -> Option<Date> {
        let (m, d) = (self.month?, self.day?);
        let (y, m, d) = civil_from_days(days_from_civil(self.year, m, d) + n);
        (1..=9999).contains(&y).then(|| Date::ymd(y, m, d))
    }
    /// The first day of the month `n` months after this date's month.
    pub fn add_months(&self, n: i32) -> Option<Date> {
        let m0 = self.year * 12 + self.month? as i32 - 1 + n;
        let (y, m) = (m0.div_euclid(12), m0.rem_euclid(12) as u8 + 1);
        (1..=9999).contains(&y).then(|| Date::ym(y, m))
    }
    /// The weekday of a full date.
    pub fn weekday(&self) -> Option<Weekday> {
        Some(weekday(self.year, self.month?, self.day?))
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm).
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = if m <= 2 { y as i64 - 1 } else { y as i64 };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y as i32, m, d)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in a month of a year (1-based month).
pub fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }
}

/// The weekday of a full date (Sakamoto's method).
pub fn weekday(year: i32, month: u8, day: u8) -> Weekday {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let m = (month.clamp(1, 12) - 1) as usize;
    let w = (y + y / 4 - y / 100 + y / 400 + T[m] + day as i32).rem_euclid(7);
    // 0 = Sunday
    Weekday::ALL[((w + 6) % 7) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn weekdays() {
        assert_eq!(weekday(2012, 4, 5), Weekday::Thursday);
        assert_eq!(weekday(2026, 11, 28), Weekday::Saturday);
        assert_eq!(weekday(2000, 1, 1), Weekday::Saturday);
    }
    #[test]
    fn day_arithmetic() {
        assert_eq!(Date::ymd(2015, 11, 2).add_days(-1), Some(Date::ymd(2015, 11, 1)));
        assert_eq!(Date::ymd(2000, 3, 1).add_days(-1), Some(Date::ymd(2000, 2, 29)));
        assert_eq!(Date::ymd(1999, 12, 31).add_days(1), Some(Date::ymd(2000, 1, 1)));
        assert_eq!(Date::ymd(2012, 4, 5).add_days(-7), Some(Date::ymd(2012, 3, 29)));
        assert_eq!(Date::ym(2012, 4).add_days(1), None);
        assert_eq!(Date::ymd(2000, 1, 15).add_months(-1), Some(Date::ym(1999, 12)));
        assert_eq!(Date::ymd(2015, 11, 2).weekday(), Some(Weekday::Monday));
    }
    #[test]
    fn parse_and_show() {
        assert_eq!(Date::parse("2012-04-05").map(|d| d.to_string()), Some("2012-04-05".into()));
        assert_eq!(Date::parse("2012-04-05T10:00:00Z"), Some(Date::ymd(2012, 4, 5)));
        assert_eq!(Date::parse("2011-02-29"), None);
        assert_eq!(Date::parse("x"), None);
        assert_eq!(Date::parse("2010-07"), Some(Date::ym(2010, 7)));
    }
}
