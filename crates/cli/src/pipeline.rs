//! The stages in order, over one record: read → nlp → geo (places) → code → geo (event places). Built once, shared by
//! all threads.

use dateline_core::{Date, Doc, Published};
use dateline_dict::Lexicon;
use dateline_ingest::Record;

pub struct Pipeline<'l> {
    nlp: dateline_nlp::Analyzer<'l>,
    geo: dateline_geo::Geocoder<'l>,
    coder: dateline_code::Coder<'l>,
    /// The publication date to use when a record has none (`--date`).
    pub default_date: Option<Date>,
}

impl<'l> Pipeline<'l> {
    pub fn new(lex: &'l Lexicon, gazetteer: Option<&'l dateline_geo::Gazetteer>, default_date: Option<Date>) -> Pipeline<'l> {
        Pipeline {
            nlp: dateline_nlp::Analyzer::new(lex),
            geo: dateline_geo::Geocoder::new(lex, gazetteer),
            coder: dateline_code::Coder::new(lex),
            default_date,
        }
    }

    /// Turns a record into a coded document.
    pub fn run(&self, rec: Record) -> Doc {
        let mut doc = Doc::new(rec.id, rec.text);
        doc.meta.format = rec.format;
        doc.meta.origin = rec.origin;
        doc.meta.title = rec.title;
        doc.meta.lead = rec.lead;
        doc.meta.url = rec.url;
        doc.meta.author = rec.author;
        doc.meta.site = rec.site;
        doc.meta.language = rec.language;
        for w in rec.warnings {
            doc.warn("ingest", w);
        }
        if let Some(d) = rec.date.as_deref() {
            match Date::parse(d) {
                Some(date) => doc.meta.published = Some(Published { date, how: if rec.extracted { "metadata" } else { "given" }, why: format!("the input gives {d}") }),
                None => doc.warn("ingest", format!("the record's date {d:?} is not a date; ignored")),
            }
        }
        if doc.meta.published.is_none() {
            if let Some(date) = self.default_date {
                doc.meta.published = Some(Published { date, how: "given", why: "--date".into() });
            }
        }
        if rec.extracted {
            // An extracted article body has no wire header to look for; its headline is metadata.
            doc.meta.body_start = 0;
        }
        self.nlp.analyze(&mut doc);
        self.geo.annotate(&mut doc);
        if doc.meta.language.as_deref().is_some_and(|l| l != "en") {
            doc.meta.not_coded = Some(format!("language {} is not coded (English only)", doc.meta.language.as_deref().unwrap_or("?")));
            return doc;
        }
        self.coder.code(&mut doc);
        dateline_geo::place_events(&mut doc);
        doc
    }
}
