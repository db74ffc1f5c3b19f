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
    fn parse_and_show() {
        assert_eq!(Date::parse("2012-04-05").map(|d| d.to_string()), Some("2012-04-05".into()));
        assert_eq!(Date::parse("2012-04-05T10:00:00Z"), Some(Date::ymd(2012, 4, 5)));
        assert_eq!(Date::parse("2011-02-29"), None);
        assert_eq!(Date::parse("x"), None);
        assert_eq!(Date::parse("2010-07"), Some(Date::ym(2010, 7)));
    }
}
