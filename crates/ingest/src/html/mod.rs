//! Web pages: one HTML document becomes one [`Record`] holding the article body as
//! paragraphs and the page's metadata (headline, description, publication date,
//! author, site, language, canonical URL).
//!
//! `dom` parses, `article` finds the body, `meta` reads the metadata; this module
//! decodes the bytes and puts the record together. Pages and HTML fragments from
//! feeds and WARC archives come through here too.

mod article;
mod dom;
mod entities;
mod entity_table;
mod meta;
mod words;

pub(crate) use words::Words;

use std::io::BufRead;

use crate::date::Ymd;
use crate::{read_whole, Flow, ReadError, ReadOptions, Record, Vocabulary};

/// What a page record is made from, besides the bytes.
pub(crate) struct PageSource<'s> {
    pub id: String,
    /// Where it came from (`path`, `path@offset`).
    pub origin: String,
    /// The charset the transport declared (HTTP `Content-Type`), if any.
    pub http_charset: Option<&'s str>,
    /// The URL it was fetched from, if known; the page's canonical URL wins.
    pub url: Option<&'s str>,
    /// The day it was fetched (a WARC record's `WARC-Date`), if known: what relative
    /// dates on the page ("3 hours ago") count back from.
    pub fetched: Option<Ymd>,
    /// The words the page is judged by.
    pub vocab: &'s Vocabulary,
}

/// An HTML file: the whole input is one page.
pub(crate) fn read(
    name: &str,
    reader: &mut dyn BufRead,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Result<Record, ReadError>) -> Flow,
) {
    let bytes = match read_whole(name, reader, opts) {
        Ok(b) => b,
        Err(e) => {
            let _ = sink(Err(e));
            return;
        }
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        let _ = sink(Err(ReadError::Empty { input: name.to_string() }));
        return;
    }
    if let Some(reason) = crate::stream::binary_reason(&bytes) {
        let _ = sink(Err(ReadError::Binary { input: name.to_string(), reason }));
        return;
    }
    let src = PageSource {
        id: page_id(name),
        origin: name.to_string(),
        http_charset: None,
        url: None,
        fetched: None,
        vocab: &opts.vocabulary,
    };
    let _ = sink(Ok(page_record(&bytes, &src)));
}

/// The id of a page file: its file name without `.gz` and `.html`/`.htm`/`.xhtml`.
pub(crate) fn page_id(name: &str) -> String {
    let file = crate::file_name(std::path::Path::new(name));
    let mut id = file.as_str();
    // not vocabulary: file name extensions
    for ext in [".gz", ".html", ".htm", ".xhtml"] {
        if id.len() > ext.len() && id.to_ascii_lowercase().ends_with(ext) {
            id = &id[..id.len() - ext.len()];
        }
    }
    id.to_string()
}

/// Extracts a record from the bytes of a page.
pub(crate) fn page_record(bytes: &[u8], src: &PageSource) -> Record {
    let decoded = crate::charset::decode(bytes, src.http_charset);
    let mut warnings = decoded.warnings;
    let dom = dom::Dom::parse_with(&decoded.text, src.vocab);
    let body = article::extract(&dom, article::Mode::Page);
    let meta = meta::read(&dom, body.root, &body.excluded, src.fetched);
    let mut body = body;
    // A page drawn by scripts leaves little text in its HTML; the article's JSON-LD
    // may hold the whole of it.
    if let Some(declared) = meta.article_body.as_deref().and_then(|b| declared_body(b, src.vocab)) {
        if body.text.len() < DECLARED_BODY_MIN && declared.len() >= 2 * body.text.len().max(DECLARED_BODY_MIN / 2) {
            body.text = declared;
        }
    }
    if body.text.is_empty() {
        warnings.push("no article text found in the page".to_string());
    }
    let language = meta.language.or_else(|| crate::lang::detect(&body.text));
    let url = meta.url.or_else(|| src.url.map(str::to_string));
    let (date, date_why) = page_date(meta.date, meta.no_date, url.as_deref());
    Record {
        id: src.id.clone(),
        text: body.text,
        format: "html",
        origin: src.origin.clone(),
        title: meta.title,
        lead: meta.description,
        date: date.map(|d| d.iso()),
        date_why: Some(date_why),
        url,
        author: meta.author,
        site: meta.site,
        language,
        extracted: true,
        warnings,
    }
}

/// The page's publication date and where it was read, or why there is none: what the
/// page says of itself, else a date in its URL.
fn page_date(declared: Option<(Ymd, String)>, no_date: Option<String>, url: Option<&str>) -> (Option<Ymd>, String) {
    let url_date = url.and_then(crate::date::date_in_url);
    match (declared, url_date) {
        // A timestamp in UTC can fall on the day after the publisher's local date, which
        // the URL keeps: `/2019/11/18/` with `2019-11-19T02:34:30Z`.
        (Some((d, how)), Some(u)) if d.days() - u.days() == 1 => {
            (Some(u), format!("URL path (the {how} is a day later)"))
        }
        (Some((d, how)), _) => (Some(d), how),
        // The page did not date itself: the URL it was fetched from may.
        (None, Some(u)) => (Some(u), "URL path".to_string()),
        (None, None) => (None, no_date.unwrap_or_else(|| "the page states no publication date".to_string())),
    }
}

/// A body extracted from the HTML shorter than this gives way to a JSON-LD
/// `articleBody` at least twice as long (and at least half this long).
const DECLARED_BODY_MIN: usize = 500;

/// The text of a JSON-LD `articleBody`: paragraphs at its line breaks (or its HTML
/// paragraphs, when it is HTML), whitespace collapsed.
fn declared_body(raw: &str, vocab: &Vocabulary) -> Option<String> {
    let text = if raw.contains("</") || raw.contains("<p") || raw.contains("<br") {
        fragment_text(raw, vocab)
    } else {
        let paras: Vec<String> =
            raw.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()).collect();
        entities::decode_entities(&paras.join("\n\n")).into_owned()
    };
    Some(text).filter(|t| !t.trim().is_empty())
}

/// The text of an HTML fragment (a feed item's content): every paragraph outside
/// boilerplate, separated by blank lines.
pub(crate) fn fragment_text(html: &str, vocab: &Vocabulary) -> String {
    let dom = dom::Dom::parse_with(html, vocab);
    article::extract(&dom, article::Mode::Fragment).text
}

/// The text of a short HTML string (a title) on one line: tags dropped, references
/// decoded, whitespace collapsed.
pub(crate) fn inline_text(html: &str) -> String {
    if !html.contains('<') && !html.contains('&') {
        return meta::clean(html);
    }
    let dom = dom::Dom::parse(html);
    dom.inner_text(0, html.len())
}

#[cfg(test)]
mod tests;
