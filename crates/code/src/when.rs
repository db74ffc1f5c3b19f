//! The event's own date: the time expression of its sentence nearest to the trigger,
//! resolved against the story's date ("on Sunday" in a story dated Monday 2 November
//! is 1 November), with how it was found.

use rustc_hash::FxHashSet as HashSet;

use dateline_core::{Date, Doc, Relative, Span, TimeExpr, Weekday};

/// The words that tell a sentence's times apart: which are background, which date the
/// telling rather than the event.
pub struct Words {
    /// Words before a date that make it background ("since 2020", "by 2030"): the
    /// lexicon's `date-background` class.
    background: HashSet<String>,
    /// Every form of the speech verbs (`say` class): "said on Tuesday" dates the saying.
    speech: HashSet<String>,
}

impl Words {
    pub fn new(lex: &dateline_dict::Lexicon) -> Words {
        let background = lex.class("date-background").map(str::to_lowercase).collect();
        let mut speech = HashSet::default();
        for lemma in lex.class("say").map(str::to_lowercase) {
            let irregular = lex.irregular_forms.get(&lemma).cloned().unwrap_or_default();
            speech.extend(dateline_dict::verb_forms(&lemma, &irregular));
        }
        Words { background, speech }
    }

    /// The word before token position `start` (lower case), if any.
    fn before(doc: &Doc, start: usize, back: usize) -> Option<&str> {
        let k = doc.tokens.partition_point(|x| x.span.start < start);
        k.checked_sub(back).and_then(|i| doc.tokens.get(i)).map(|t| doc.slice(t.span))
    }

    /// A time that does not date the event: the background of it ("since 2020"), the
    /// moment of a telling that follows the event ("arrested ... in 2020, officials said
    /// on Tuesday", when the event is not the saying), or the dateline's date (the
    /// story's own). `at`: where the trigger starts.
    fn not_the_event(&self, doc: &Doc, t: &TimeExpr, at: usize, trigger_is_speech: bool) -> bool {
        let low = |w: Option<&str>| w.map(str::to_lowercase);
        let prev = low(Words::before(doc, t.span.start, 1));
        if prev.as_ref().is_some_and(|w| self.background.contains(w)) {
            return true;
        }
        let told =
            [1, 2].iter().any(|&b| low(Words::before(doc, t.span.start, b)).is_some_and(|w| self.speech.contains(&w)));
        let in_dateline = doc.meta.dateline.as_ref().is_some_and(|d| d.span.contains(t.span));
        in_dateline || (told && !trigger_is_speech && t.span.start > at)
    }
}

/// The date of an event at token `head` of sentence `s`, how it was found, and the
/// words that gave it. `future`: the event is announced, so a weekday or a day of the
/// month is the next one, not the last. Times that do not date the event
/// ([`Words::not_the_event`]) are passed over.
pub fn event_date(
    doc: &Doc,
    s: usize,
    head: usize,
    future: bool,
    words: &Words,
) -> (Option<Date>, Option<String>, Option<Span>) {
    let span = doc.sentences[s].span;
    let trigger_is_speech =
        doc.tokens.get(head).is_some_and(|t| words.speech.contains(&doc.slice(t.span).to_lowercase()));
    let published = doc.meta.published.as_ref().map(|p| p.date).filter(|d| d.day.is_some());
    let at = doc.tokens.get(head).map(|t| t.span.start).unwrap_or(span.start);
    let distance = |t: &TimeExpr| if t.span.start >= at { t.span.start - at } else { at - t.span.end };
    let in_sentence = || doc.times_within(span).filter(|t| !words.not_the_event(doc, t, at, trigger_is_speech));
    // A day-level expression (a weekday, "yesterday", "March 3", a full date) first;
    // a year or month the story's own date does not fall in next ("in 2009").
    let day_level = in_sentence()
        .filter(|t| t.weekday.is_some() || t.relative.is_some() || t.day.is_some())
        .min_by_key(|t| distance(t));
    let period = || {
        in_sentence()
            .filter(|t| {
                t.weekday.is_none() && t.relative.is_none() && t.year.is_some() && t.year != published.map(|p| p.year)
            })
            .min_by_key(|t| distance(t))
    };
    let Some(t) = day_level.or_else(period) else {
        return (published, published.map(|p| format!("no date in the sentence: the story's date {p}")), None);
    };
    let words = doc.slice(t.span);
    let Some(reference) = published else {
        return match t.date() {
            Some(date) => (Some(date), Some(format!("dated by the sentence: \"{words}\"")), Some(t.span)),
            None => (None, Some(format!("\"{words}\" counts from the story's date, which is not known")), Some(t.span)),
        };
    };
    // "announced on Monday that he will withdraw": a time before the trigger dates the
    // announcement, not the act announced.
    let future = future && t.span.start >= at;
    match resolve(t, reference, future) {
        Some((date, how)) => (Some(date), Some(format!("dated by the sentence: \"{words}\"{how}")), Some(t.span)),
        None => (
            Some(reference),
            Some(format!("\"{words}\" could not be resolved: the story's date {reference}")),
            Some(t.span),
        ),
    }
}

/// A time expression as a date, counted from `reference` (a full date) where it has
/// no year of its own, with the reasoning ("" when the words give the date whole).
fn resolve(t: &TimeExpr, reference: Date, future: bool) -> Option<(Date, String)> {
    let on = |d: Date| {
        format!(
            ", counted from the story's date {reference} ({})",
            reference.weekday().map(Weekday::name).unwrap_or("?")
        ) + &format!(": {d}")
    };
    if let Some(rel) = t.relative {
        let date = match rel {
            Relative::Days(n) => reference.add_days(n as i64)?,
            Relative::Weeks(n) => reference.add_days(7 * n as i64)?,
            Relative::Months(n) => reference.add_months(n)?,
            Relative::Years(n) => Date::year(reference.year + n),
            Relative::LastWeekday => weekday_from(reference, t.weekday?, -1, false)?,
            Relative::NextWeekday => weekday_from(reference, t.weekday?, 1, false)?,
        };
        let about = if matches!(rel, Relative::Weeks(_)) { " (about: the week around it)" } else { "" };
        return Some((date, on(date) + about));
    }
    if let Some(wd) = t.weekday {
        let date = if future { weekday_from(reference, wd, 1, false)? } else { weekday_from(reference, wd, -1, true)? };
        let which = if future {
            "the next"
        } else if date == reference {
            "the story's own day, a"
        } else {
            "the last"
        };
        return Some((date, format!("{}; {which} {}", on(date), wd.name())));
    }
    if let Some(date) = t.date() {
        return Some((date, String::new()));
    }
    // A month and day with no year: in the story's year, unless that falls after the
    // story's date for a past event (or before it for an announced one).
    let (m, d) = (t.month?, t.day?);
    let this = Date::ymd(reference.year, m, d);
    let date = match (future, this > reference) {
        (false, true) => Date::ymd(reference.year - 1, m, d),
        (true, false) if this < reference => Date::ymd(reference.year + 1, m, d),
        _ => this,
    };
    date.is_valid().then(|| (date, on(date)))
}

/// The weekday `wd` nearest `from` in direction `step` (-1 back, 1 ahead), `from`
/// itself when `same_day` allows it.
fn weekday_from(from: Date, wd: Weekday, step: i64, same_day: bool) -> Option<Date> {
    let start = if same_day { 0 } else { 1 };
    (start..=7).map(|n| from.add_days(step * n)).find(|d| d.and_then(|d| d.weekday()) == Some(wd)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A time expression of a weekday, a relative time or a month and day (no year).
    fn t(weekday: Option<Weekday>, relative: Option<Relative>, month_day: Option<(u8, u8)>) -> TimeExpr {
        let (month, day) = month_day.unzip();
        TimeExpr { weekday, relative, month, day, ..TimeExpr::undated(Span::new(0, 1)) }
    }

    #[test]
    fn weekdays_count_back_from_the_story() {
        // A story dated Monday 2 November 2015 that says "on Sunday": 1 November.
        let monday = Date::ymd(2015, 11, 2);
        let sunday = t(Some(Weekday::Sunday), None, None);
        assert_eq!(resolve(&sunday, monday, false).map(|r| r.0), Some(Date::ymd(2015, 11, 1)));
        // "will meet on Sunday": the next one.
        assert_eq!(resolve(&sunday, monday, true).map(|r| r.0), Some(Date::ymd(2015, 11, 8)));
        // "on Monday" in a Monday story: that day.
        assert_eq!(resolve(&t(Some(Weekday::Monday), None, None), monday, false).map(|r| r.0), Some(monday));
        // "last Monday": the week before.
        assert_eq!(
            resolve(&t(Some(Weekday::Monday), Some(Relative::LastWeekday), None), monday, false).map(|r| r.0),
            Some(Date::ymd(2015, 10, 26))
        );
    }

    #[test]
    fn relative_days_and_dates_without_a_year() {
        let d = Date::ymd(2000, 1, 5);
        assert_eq!(
            resolve(&t(None, Some(Relative::Days(-1)), None), d, false).map(|r| r.0),
            Some(Date::ymd(2000, 1, 4))
        );
        assert_eq!(
            resolve(&t(None, Some(Relative::Weeks(-1)), None), d, false).map(|r| r.0),
            Some(Date::ymd(1999, 12, 29))
        );
        assert_eq!(
            resolve(&t(None, Some(Relative::Months(-1)), None), d, false).map(|r| r.0),
            Some(Date::ym(1999, 12))
        );
        // "on December 28" in a story of 5 January: the year before.
        assert_eq!(resolve(&t(None, None, Some((12, 28))), d, false).map(|r| r.0), Some(Date::ymd(1999, 12, 28)));
        // "on March 3" in a story of 5 January: this year when it is announced.
        assert_eq!(resolve(&t(None, None, Some((3, 3))), d, true).map(|r| r.0), Some(Date::ymd(2000, 3, 3)));
        let why = resolve(&t(None, Some(Relative::Days(-1)), None), d, false).map(|r| r.1).unwrap_or_default();
        assert!(why.contains("2000-01-05") && why.contains("2000-01-04"), "{why}");
    }
}
