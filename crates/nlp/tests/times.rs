//! Time expressions and the publication date: what `times::find` and
//! `times::infer_published` promise, through the crate's public analyser.

mod common;
use common::*;
use dateline_core::{Date, Doc, Relative, Weekday};

/// A date as written: year, month and day, each only when the words name it.
type Ymd = (Option<i32>, Option<u8>, Option<u8>);

/// (words, date as written, weekday, relative).
fn times(doc: &Doc) -> Vec<(String, Ymd, Option<Weekday>, Option<Relative>)> {
    doc.times.iter().map(|t| (doc.slice(t.span).to_string(), (t.year, t.month, t.day), t.weekday, t.relative)).collect()
}

fn one(text: &str) -> (String, Ymd, Option<Weekday>, Option<Relative>) {
    let doc = analyzed(text);
    let t = times(&doc);
    assert_eq!(t.len(), 1, "{text}: {t:?}");
    t[0].clone()
}

fn md(m: u8, d: u8) -> Ymd {
    (None, Some(m), Some(d))
}

fn ymd(y: i32, m: u8, d: u8) -> Ymd {
    (Some(y), Some(m), Some(d))
}

fn ym(y: i32, m: u8) -> Ymd {
    (Some(y), Some(m), None)
}

fn year(y: i32) -> Ymd {
    (Some(y), None, None)
}

#[test]
fn month_and_day_without_a_year() {
    let t = one("They met on March 3 in the capital.");
    assert_eq!((t.0.as_str(), t.1), ("March 3", md(3, 3)));
}

#[test]
fn month_day_and_year() {
    let t = one("They met on March 3, 2024 in the capital.");
    assert_eq!((t.0.as_str(), t.1), ("March 3, 2024", ymd(2024, 3, 3)));
}

#[test]
fn abbreviated_months() {
    let t = one("It opened on Jan. 5 this time.");
    assert_eq!((t.0.as_str(), t.1), ("Jan. 5", md(1, 5)));
    let t = one("It opened on Sept 9.");
    assert_eq!(t.1, md(9, 9));
}

#[test]
fn month_and_year() {
    let t = one("The plant closed in July 2010.");
    assert_eq!((t.0.as_str(), t.1), ("July 2010", ym(2010, 7)));
}

#[test]
fn a_bare_year() {
    let t = one("The plant closed in 2009.");
    assert_eq!((t.0.as_str(), t.1), ("2009", year(2009)));
}

#[test]
fn numbers_outside_the_years_read_are_no_years() {
    let doc = analyzed("Room 1850 and 2150 and 12345 are closed.");
    assert!(doc.times.is_empty(), "{:?}", times(&doc));
}

#[test]
fn may_is_a_month_only_before_a_day() {
    assert_eq!(one("It began on May 4.").1, md(5, 4));
    let doc = analyzed("May officials agree? They May decide.");
    assert!(doc.times.is_empty(), "{:?}", times(&doc));
}

#[test]
fn a_day_after_the_month_out_of_range_is_no_day() {
    let doc = analyzed("In March 45 people left.");
    assert!(times(&doc).iter().all(|t| t.1 .2.is_none()), "{:?}", times(&doc));
}

#[test]
fn weekdays_are_relative_to_publication() {
    let t = one("Rebels attacked on Thursday.");
    assert_eq!((t.0.as_str(), t.2, t.3), ("Thursday", Some(Weekday::Thursday), None));
    assert_eq!(t.1 .0, None);
}

#[test]
fn yesterday_today_and_tomorrow() {
    assert_eq!(one("They left yesterday.").3, Some(Relative::Days(-1)));
    assert_eq!(one("They leave today.").3, Some(Relative::Days(0)));
    assert_eq!(one("They leave tomorrow.").3, Some(Relative::Days(1)));
}

#[test]
fn last_next_and_this_period() {
    assert_eq!(one("Talks ended last week.").3, Some(Relative::Weeks(-1)));
    assert_eq!(one("Talks resume next month.").3, Some(Relative::Months(1)));
    assert_eq!(one("Talks resume this year.").3, Some(Relative::Years(0)));
    assert_eq!(one("Talks ended in the past week.").3, Some(Relative::Weeks(-1)));
    assert_eq!(one("Talks resume in the coming week.").3, Some(Relative::Weeks(1)));
}

#[test]
fn a_plural_unit_after_last_is_not_one_period() {
    // "last weeks" is no period of one week.
    let doc = analyzed("In the last weeks the talks stalled.");
    assert!(times(&doc).iter().all(|t| t.3.is_none()), "{:?}", times(&doc));
}

#[test]
fn last_and_next_weekday() {
    let t = one("They met last Sunday.");
    assert_eq!((t.0.as_str(), t.2, t.3), ("last Sunday", Some(Weekday::Sunday), Some(Relative::LastWeekday)));
    let t = one("They meet next Friday.");
    assert_eq!((t.0.as_str(), t.2, t.3), ("next Friday", Some(Weekday::Friday), Some(Relative::NextWeekday)));
}

#[test]
fn this_weekday_is_the_bare_weekday() {
    let doc = analyzed("They meet this Friday.");
    let t = times(&doc);
    assert!(t.iter().any(|x| x.0 == "Friday" && x.3.is_none()), "{t:?}");
}

#[test]
fn a_count_of_periods_ago() {
    let t = one("Troops left three days ago.");
    assert_eq!((t.0.as_str(), t.3), ("three days", Some(Relative::Days(-3))));
    assert_eq!(one("Troops left 2 weeks ago.").3, Some(Relative::Weeks(-2)));
    assert_eq!(one("The dam broke five years ago.").3, Some(Relative::Years(-5)));
}

#[test]
fn an_implausible_count_ago_is_no_time() {
    let doc = analyzed("It happened 5000 years ago.");
    assert!(times(&doc).iter().all(|t| t.3.is_none()), "{:?}", times(&doc));
}

#[test]
fn times_are_in_text_order_and_do_not_overlap() {
    for text in [
        "On Monday, March 3, 2024, three days ago, last week and in 2009 they met.",
        "It began on May 3 days ago.",
        "It ended March 2020 two years ago, on Friday last Friday.",
    ] {
        let doc = analyzed(text);
        assert_layers_well_formed(&doc);
    }
}

#[test]
fn time_at_finds_the_expression_containing_a_span() {
    let doc = analyzed("They met on March 3, 2024 and again last week.");
    let span = doc.times[0].span;
    assert_eq!(
        doc.time_at(dateline_core::Span::new(span.start, span.start + 5)).map(|t| doc.slice(t.span)),
        Some("March 3, 2024")
    );
    assert!(doc.time_at(dateline_core::Span::new(0, 4)).is_none());
}

/// A wire-copy dateline gives the month and day; a weekday in the body and the latest
/// year the story names fix the year.
#[test]
fn the_publication_date_is_inferred_from_dateline_weekday_and_years() {
    let doc = analyzed("NAIROBI, March 3 (Wire) - Talks began on Tuesday, the first since 2015.");
    let p = doc.meta.published.as_ref().unwrap_or_else(|| panic!("no date inferred"));
    assert_eq!((p.date, p.how), (Date::ymd(2015, 3, 3), "inferred"));
    assert!(p.why.contains("Tuesday"), "{}", p.why);
}

#[test]
fn a_later_month_of_the_latest_year_puts_the_dateline_in_the_year_after() {
    let doc = analyzed("NAIROBI, Jan. 5 (Wire) - The floods of December 2019 are over, officials said.");
    let p = doc.meta.published.as_ref().unwrap_or_else(|| panic!("no date inferred"));
    assert_eq!(p.date, Date::ymd(2020, 1, 5));
}

#[test]
fn a_dateline_with_its_year_gives_the_date() {
    let doc = analyzed("LONDON, Jan. 3, 2024 /Wire/ -- Shares fell.");
    let p = doc.meta.published.as_ref().unwrap_or_else(|| panic!("no date from the dateline"));
    assert_eq!((p.date, p.how), (Date::ymd(2024, 1, 3), "dateline"));
}

#[test]
fn a_given_publication_date_is_kept() {
    let doc = analyzed_on("NAIROBI, March 3 (Wire) - Talks began on Tuesday in 2015.", "2016-03-03");
    let p = doc.meta.published.as_ref().unwrap_or_else(|| panic!("date lost"));
    assert_eq!((p.date, p.how), (Date::ymd(2016, 3, 3), "given"));
}

#[test]
fn without_a_dateline_nothing_is_inferred() {
    let doc = analyzed("Talks began on Tuesday, the first since 2015.");
    assert!(doc.meta.published.is_none());
}

#[test]
fn day_month_year_as_british_and_european_copy_writes_it() {
    let t = one("The court ruled on 9 November 2004 in the capital.");
    assert_eq!((t.0.as_str(), t.1), ("9 November 2004", ymd(2004, 11, 9)));
    let t = one("The court ruled on 9 November.");
    assert_eq!((t.0.as_str(), t.1), ("9 November", md(11, 9)));
    let t = one("The court ruled on 21 May 2019.");
    assert_eq!(t.1, ymd(2019, 5, 21));
    let t = one("It sat on 3 May.");
    assert_eq!(t.1, md(5, 3));
}

#[test]
fn a_count_before_a_month_is_no_day() {
    // A number over 31 is no day.
    let t = one("Some 40 March 2020 marchers came.");
    assert_eq!(t.1 .2, None, "{t:?}");
}
