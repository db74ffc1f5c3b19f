//! Query strings: parsed into typed structs, and every error names its parameter.
//!
//! The structs list their fields in full (no `serde(flatten)`, which would read
//! numbers as strings), and refuse unknown parameters, so a misspelt filter is a 400
//! rather than a silently wider result.

use dateline_store::explore::SplitBy;
use dateline_store::query::{DocumentFilter, EventFilter, Page};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::ApiError;

/// Parses a query string (`None`: no `?` in the URL) into `T`.
pub fn parse<T: DeserializeOwned>(query: Option<&str>) -> Result<T, ApiError> {
    let raw = query.unwrap_or("");
    let de = serde_urlencoded::Deserializer::new(form_urlencoded_parse(raw));
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        let param =
            if path.is_empty() || path == "." { unknown_field(&inner).unwrap_or_else(|| "query".into()) } else { path };
        ApiError::bad_param(param, inner)
    })
}

fn form_urlencoded_parse(raw: &str) -> form_urlencoded::Parse<'_> {
    form_urlencoded::parse(raw.as_bytes())
}

/// The parameter an "unknown field `x`, expected ..." message names.
fn unknown_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split('`').next().map(str::to_string)
}

/// The page the client asked for, capped at `max`.
fn page(limit: Option<usize>, offset: Option<usize>, after: Option<i64>, default: usize, max: usize) -> Page {
    Page { limit: limit.unwrap_or(default).min(max), offset: offset.unwrap_or(0), after: after.unwrap_or(0) }
}

/// Declares a query struct with the event filter's fields and some more.
macro_rules! event_query {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Default, Deserialize, IntoParams)]
        #[serde(default, deny_unknown_fields)]
        #[into_params(parameter_in = Query)]
        pub struct $name {
            /// Events dated on or after this day (YYYY-MM-DD, YYYY-MM or YYYY).
            pub from: Option<String>,
            /// Events dated on or before this day (YYYY-MM-DD, YYYY-MM or YYYY).
            pub to: Option<String>,
            /// A CAMEO actor code or its start, on either side (`RUS` takes in RUSGOV).
            pub actor: Option<String>,
            /// The source's actor code or its start.
            pub source: Option<String>,
            /// The target's actor code or its start.
            pub target: Option<String>,
            /// An ISO 3166 alpha-3 country of either side.
            pub country: Option<String>,
            /// A CAMEO event code, exactly ("057").
            pub code: Option<String>,
            /// A CAMEO root code ("05").
            pub root: Option<String>,
            /// A PLOVER event type ("AGREE").
            pub plover: Option<String>,
            /// A quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
            pub quad_class: Option<u8>,
            /// Where the event took place: a place name or an ISO3 country.
            pub place: Option<String>,
            /// Only negated events (`true`) or only affirmed ones (`false`).
            pub negated: Option<bool>,
            /// Only hypothetical (conditional) events, or only real ones.
            pub hypothetical: Option<bool>,
            /// Only future (announced) events, or only past and present ones.
            pub future: Option<bool>,
            /// Full-text search (SQLite FTS5 syntax) over the reports' texts.
            pub text: Option<String>,
            /// Reported by this source (a site, a host, a wire agency).
            pub site: Option<String>,
            /// Events of this story.
            pub story: Option<i64>,
            /// Events told by this document.
            pub document: Option<i64>,
            $($(#[$fmeta])* pub $field: $ty,)*
        }

        impl $name {
            /// The event filter, checked: a bad value names its parameter.
            pub fn filter(&self) -> Result<EventFilter, ApiError> {
                let f = EventFilter {
                    from: self.from.clone(),
                    to: self.to.clone(),
                    actor: self.actor.clone(),
                    source: self.source.clone(),
                    target: self.target.clone(),
                    country: self.country.clone(),
                    code: self.code.clone(),
                    root: self.root.clone(),
                    plover: self.plover.clone(),
                    quad_class: self.quad_class,
                    place: self.place.clone(),
                    negated: self.negated,
                    hypothetical: self.hypothetical,
                    future: self.future,
                    text: self.text.clone(),
                    site: self.site.clone(),
                    story: self.story,
                    document: self.document,
                };
                f.check()?;
                Ok(f)
            }
        }
    };
}

event_query!(
    /// The events filter with a page: `limit` (capped by the server, 500 by default),
    /// then `offset` rows skipped or the rows after id `after`.
    EventQuery {
        /// Rows per page (at most the server's cap).
        limit: Option<usize>,
        /// Rows to skip.
        offset: Option<usize>,
        /// Rows after this id (keyset paging, faster than `offset` deep in a result).
        after: Option<i64>,
    }
);

event_query!(
    /// The events filter, for a download of every matching event.
    DownloadQuery {}
);

event_query!(
    /// The events filter, and how to split each day.
    TimelineQuery {
        /// `root` (CAMEO root code, the default) or `quad` (quad class).
        by: Option<String>,
    }
);

impl EventQuery {
    pub fn page(&self, default: usize, max: usize) -> Page {
        page(self.limit, self.offset, self.after, default, max)
    }
}

impl TimelineQuery {
    pub fn split(&self) -> Result<SplitBy, ApiError> {
        match self.by.as_deref() {
            None | Some("root") => Ok(SplitBy::Root),
            Some("quad") => Ok(SplitBy::Quad),
            Some(other) => Err(ApiError::bad_param("by", format!("{other:?} is neither `root` nor `quad`"))),
        }
    }
}

/// The documents filter with a page.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DocumentQuery {
    /// Published on or after this day (YYYY-MM-DD, YYYY-MM or YYYY).
    pub from: Option<String>,
    /// Published on or before this day.
    pub to: Option<String>,
    /// From this source (a site, a host, a wire agency).
    pub site: Option<String>,
    /// An ISO 639-1 language code ("en").
    pub language: Option<String>,
    /// Full-text search (SQLite FTS5 syntax) over titles and texts.
    pub text: Option<String>,
    /// The reports of this story.
    pub story: Option<i64>,
    /// Rows per page (at most the server's cap).
    pub limit: Option<usize>,
    /// Rows to skip.
    pub offset: Option<usize>,
    /// Rows after this id.
    pub after: Option<i64>,
}

impl DocumentQuery {
    pub fn filter(&self) -> Result<DocumentFilter, ApiError> {
        let f = DocumentFilter {
            from: self.from.clone(),
            to: self.to.clone(),
            site: self.site.clone(),
            language: self.language.clone(),
            text: self.text.clone(),
            story: self.story,
        };
        f.check()?;
        Ok(f)
    }

    pub fn page(&self, default: usize, max: usize) -> Page {
        page(self.limit, self.offset, self.after, default, max)
    }
}

/// No parameters.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoQuery {}

/// An id in a path.
pub fn id(raw: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>().map_err(|_| ApiError::bad_param("id", format!("{raw:?} is not a number")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(q: &str) -> (String, String) {
        let e = parse::<EventQuery>(Some(q)).expect_err("a bad query");
        (e.param.unwrap_or_default(), e.message)
    }

    #[test]
    fn a_bad_number_names_its_parameter() {
        assert_eq!(err("limit=ten").0, "limit");
        assert_eq!(err("quad_class=9000").0, "quad_class");
        assert_eq!(err("negated=perhaps").0, "negated");
    }

    #[test]
    fn an_unknown_parameter_is_named() {
        let (param, message) = err("actr=RUS");
        assert_eq!(param, "actr");
        assert!(message.contains("unknown field"), "{message}");
    }

    #[test]
    fn a_bad_value_names_its_parameter() {
        let q = parse::<EventQuery>(Some("from=yesterday")).expect("parses");
        assert_eq!(q.filter().expect_err("not a date").param.as_deref(), Some("from"));
        let q = parse::<TimelineQuery>(Some("by=week")).expect("parses");
        assert_eq!(q.split().expect_err("not a split").param.as_deref(), Some("by"));
    }

    #[test]
    fn pages_are_capped() {
        let q = parse::<EventQuery>(Some("limit=100000&offset=20&actor=RUS&text=sign%20treaty")).expect("parses");
        assert_eq!(q.page(100, 500), Page { limit: 500, offset: 20, after: 0 });
        assert_eq!(q.text.as_deref(), Some("sign treaty"));
        assert_eq!(parse::<EventQuery>(None).expect("empty").page(100, 500).limit, 100);
    }
}
