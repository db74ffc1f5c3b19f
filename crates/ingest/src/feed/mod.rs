//! Feeds — RSS 0.9x, 1.0 and 2.0, Atom, JSON Feed — through `feed-rs`: each item
//! becomes a [`Record`].
//!
//! The item's HTML content (`content:encoded`, Atom `content`, JSON Feed
//! `content_html`) is read as an HTML fragment into paragraphs; without content the
//! summary is the text. The date is the item's published date, else its updated date;
//! a date that cannot be read leaves the item undated with a warning (never an error).
//! The whole feed document is bounded by `max_record_bytes`.

use std::io::BufRead;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use feed_rs::model::{Entry, Feed, Text};

mod recover;

use crate::date::parse_date;
use crate::Vocabulary;
use crate::{read_whole, Flow, ReadError, ReadOptions, Record};

/// Reads a feed: one record per item, in feed order.
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
    if let Some(reason) = crate::stream::binary_reason(&bytes) {
        let _ = sink(Err(ReadError::Binary { input: name.to_string(), reason }));
        return;
    }
    let vocab = &opts.vocabulary;
    let parse = |b: &[u8]| parse(b, vocab);
    let (feed, items, note) = match parse(&bytes) {
        Ok(mut f) => {
            let items = std::mem::take(&mut f.entries).into_iter().map(Ok).collect();
            (Some(f), items, None)
        }
        // Not well-formed: read what can be read, item by item.
        Err(reason) => match recover::recover(&bytes, &parse) {
            Some(r) => (r.feed, r.items, Some(r.note)),
            None => {
                let _ = sink(Err(ReadError::Format { input: name.to_string(), reason }));
                return;
            }
        },
    };
    if items.is_empty() {
        let _ = sink(Err(ReadError::Empty { input: name.to_string() }));
        return;
    }
    let site = feed.as_ref().and_then(|f| f.title.as_ref()).map(plain_text).filter(|t| !t.is_empty());
    let language = feed.as_ref().and_then(|f| f.language.as_deref()).and_then(crate::lang::normalize);
    let file = crate::file_name(std::path::Path::new(name));
    for (i, entry) in items.iter().enumerate() {
        let item = match entry {
            Ok(entry) => {
                item_record(name, &file, i + 1, entry, (site.as_deref(), language.as_deref()), vocab).map(|mut r| {
                    r.warnings.extend(note.clone());
                    r
                })
            }
            Err(bad) => Err(ReadError::Item {
                input: name.to_string(),
                item: i + 1,
                reason: format!("byte {} (line {}): {}", bad.offset, bad.line, bad.reason),
            }),
        };
        if sink(item).is_break() {
            return;
        }
    }
}

/// A date `feed-rs` could not read: returned by our timestamp parser so that a broken
/// date is told apart from an absent one.
const BROKEN_DATE: DateTime<Utc> = DateTime::<Utc>::MIN_UTC;

/// Parses a feed document. Dates are read by [`parse_date`] and kept as the day
/// written (no time-zone shift); items without an id get none (the link stands in).
fn parse(bytes: &[u8], vocab: &Arc<Vocabulary>) -> Result<Feed, String> {
    let vocab = Arc::clone(vocab);
    let parser = feed_rs::parser::Builder::new()
        .timestamp_parser(move |s: &str| {
            Some(match parse_date(s, &vocab.dates) {
                Some(d) => NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map_or(BROKEN_DATE, |t| t.and_utc()),
                None => BROKEN_DATE,
            })
        })
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .build();
    parser.parse(bytes).map_err(|e| format!("not a readable feed: {e}"))
}

fn item_record(
    name: &str,
    file: &str,
    n: usize,
    entry: &Entry,
    (site, language): (Option<&str>, Option<&str>),
    vocab: &Vocabulary,
) -> Result<Record, ReadError> {
    let mut warnings = Vec::new();
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|h| !h.is_empty());
    let id = Some(entry.id.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| url.clone())
        .unwrap_or_else(|| format!("{file}#{n}"));
    let title = entry.title.as_ref().map(plain_text).filter(|t| !t.is_empty());
    let summary = entry.summary.as_ref().map(|t| text_of(t, vocab)).filter(|t| !t.is_empty());

    // Body: the HTML content as an article fragment, else the summary.
    let content = entry.content.as_ref().and_then(|c| c.body.as_deref()).map(|body| {
        let is_html = entry.content.as_ref().is_some_and(|c| c.content_type.essence().to_string().contains("html"));
        if is_html || body.contains('<') {
            crate::html::fragment_text(body, vocab)
        } else {
            crate::html::inline_text(body)
        }
    });
    let (text, extracted) = match content.filter(|t| !t.is_empty()) {
        Some(t) => (t, true),
        None => match &summary {
            Some(s) => (s.clone(), entry.summary.as_ref().is_some_and(is_html)),
            None => match &title {
                Some(t) => {
                    warnings.push("the item has no content or summary; its title is the text".to_string());
                    (t.clone(), false)
                }
                None => {
                    return Err(ReadError::Item {
                        input: name.to_string(),
                        item: n,
                        reason: "no content, summary or title".to_string(),
                    })
                }
            },
        },
    };

    let date = match (entry.published, entry.updated) {
        (Some(d), _) if d != BROKEN_DATE => Some(d),
        (_, Some(d)) if d != BROKEN_DATE => {
            if entry.published == Some(BROKEN_DATE) {
                warnings.push("the published date could not be read; the updated date is used".to_string());
            }
            Some(d)
        }
        (Some(_), _) | (_, Some(_)) => {
            warnings.push("the item's date could not be read; left without a date".to_string());
            None
        }
        (None, None) => None,
    }
    .map(|d| d.format("%Y-%m-%d").to_string());

    let authors: Vec<&str> =
        entry.authors.iter().filter_map(|p| p.name.as_deref()).map(str::trim).filter(|s| !s.is_empty()).collect();
    let language = language.map(str::to_string).or_else(|| crate::lang::detect(&text));
    Ok(Record {
        id,
        text,
        format: "feed",
        origin: format!("{name}#{n}"),
        title,
        lead: summary,
        date,
        date_why: None,
        url,
        author: (!authors.is_empty()).then(|| authors.join(", ")),
        site: site.map(str::to_string),
        language,
        extracted,
        warnings,
    })
}

fn is_html(t: &Text) -> bool {
    t.content_type.essence().to_string().contains("html")
}

/// A text construct as paragraphs (HTML read as a fragment).
fn text_of(t: &Text, vocab: &Vocabulary) -> String {
    if is_html(t) || t.content.contains("</") || t.content.contains("<br") {
        crate::html::fragment_text(&t.content, vocab)
    } else {
        plain_text(t)
    }
}

/// A text construct on one line (markup and references read).
fn plain_text(t: &Text) -> String {
    crate::html::inline_text(&t.content)
}

#[cfg(test)]
mod tests {
    use std::ops::ControlFlow;

    use crate::{read_bytes, Format, ReadError, ReadOptions, Record};

    fn run(name: &str, bytes: &[u8]) -> Vec<Result<Record, ReadError>> {
        let mut out = Vec::new();
        read_bytes(name, bytes, None, &ReadOptions::default(), &mut |r| {
            out.push(r);
            ControlFlow::Continue(())
        });
        out
    }

    fn records(name: &str, bytes: &[u8]) -> Vec<Record> {
        run(name, bytes).into_iter().map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect()
    }

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example News: World</title><link>https://news.example.com/</link><language>en-us</language>
<item><title>Talks to resume on border</title><link>https://news.example.com/2019/11/19/talks</link>
<guid isPermaLink="false">story-1</guid><pubDate>Tue, 19 Nov 2019 23:30:00 -0500</pubDate><dc:creator>A. Reporter</dc:creator>
<description>Ministers agree to restart negotiations.</description>
<content:encoded><![CDATA[<p>The foreign ministers met on Tuesday.</p><div class="share"><a href="/share">Share</a></div><p>Talks start again next month.</p>]]></content:encoded></item>
<item><title>Broken date story</title><link>https://news.example.com/broken</link><pubDate>the day before yesterday</pubDate>
<description>&lt;p&gt;Only a summary, in &lt;b&gt;HTML&lt;/b&gt;.&lt;/p&gt;</description></item>
<item><title>No date at all</title><link>https://news.example.com/undated</link><description>Plain summary text.</description></item>
</channel></rss>"#;

    #[test]
    fn rss_items() {
        let recs = records("world.rss", RSS.as_bytes());
        assert_eq!(recs.len(), 3);
        let r = &recs[0];
        assert_eq!(r.id, "story-1");
        assert_eq!(r.title.as_deref(), Some("Talks to resume on border"));
        assert_eq!(r.url.as_deref(), Some("https://news.example.com/2019/11/19/talks"));
        assert_eq!(r.date.as_deref(), Some("2019-11-19"));
        assert_eq!(r.text, "The foreign ministers met on Tuesday.\n\nTalks start again next month.");
        assert_eq!(r.lead.as_deref(), Some("Ministers agree to restart negotiations."));
        assert_eq!(r.site.as_deref(), Some("Example News: World"));
        assert_eq!(r.language.as_deref(), Some("en"));
        assert_eq!(r.origin, "world.rss#1");
        assert_eq!(r.format, "feed");
        assert!(r.extracted);
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    }

    #[test]
    fn broken_dates_are_warnings() {
        let recs = records("world.rss", RSS.as_bytes());
        let r = &recs[1];
        assert_eq!(r.date, None);
        assert!(r.warnings.iter().any(|w| w.contains("date could not be read")), "{:?}", r.warnings);
        assert_eq!(r.text, "Only a summary, in HTML.");
        // No guid: the link is the id.
        assert_eq!(r.id, "https://news.example.com/broken");
        // No date: no warning.
        assert_eq!(recs[2].date, None);
        assert!(recs[2].warnings.is_empty());
        assert_eq!(recs[2].text, "Plain summary text.");
    }

    #[test]
    fn atom_rss1_and_json_feed() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title><id>urn:x</id>
<updated>2019-11-20T00:00:00Z</updated><entry><title type="html">Talks &lt;b&gt;resume&lt;/b&gt;</title><id>urn:1</id>
<link rel="alternate" href="https://ex.com/a"/><updated>2019-11-20T10:00:00Z</updated><published>2019-11-19T10:00:00+01:00</published>
<content type="html">&lt;p&gt;Body of the story.&lt;/p&gt;</content><author><name>A. Reporter</name></author></entry></feed>"#;
        let r = &records("x.atom", atom.as_bytes())[0];
        assert_eq!(
            (r.id.as_str(), r.date.as_deref(), r.text.as_str()),
            ("urn:1", Some("2019-11-19"), "Body of the story.")
        );
        assert_eq!(r.title.as_deref(), Some("Talks resume"));
        assert_eq!(r.author.as_deref(), Some("A. Reporter"));

        let rdf = r#"<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://ex.com/"><title>Ex</title><link>https://ex.com/</link><description>d</description></channel>
<item rdf:about="https://ex.com/1"><title>One</title><link>https://ex.com/1</link><description>First item text.</description><dc:date>2019-11-18</dc:date></item></rdf:RDF>"#;
        let r = &records("x.rdf", rdf.as_bytes())[0];
        assert_eq!(
            (r.url.as_deref(), r.date.as_deref(), r.text.as_str()),
            (Some("https://ex.com/1"), Some("2019-11-18"), "First item text.")
        );

        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"Ex","items":[
            {"id":"7","url":"https://ex.com/7","title":"Seven","content_html":"<p>Seventh story.</p>","date_published":"2019-11-17T10:00:00Z"},
            {"id":"8","content_text":"Eighth story.","date_published":"not a date"}]}"#;
        let recs = records("feed.json", json.as_bytes());
        assert_eq!(
            (recs[0].id.as_str(), recs[0].text.as_str(), recs[0].date.as_deref()),
            ("7", "Seventh story.", Some("2019-11-17"))
        );
        assert_eq!((recs[1].text.as_str(), recs[1].date.as_deref()), ("Eighth story.", None));
        assert!(!recs[1].warnings.is_empty());
    }

    #[test]
    fn bad_feeds_are_errors() {
        let out = run("x.rss", b"<rss version=\"2.0\"><channel><title>T</title><item><title>x</ti");
        assert!(out.iter().all(|r| r.is_err()), "{out:?}");
        let e = out[0].as_ref().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.starts_with("x.rss: "), "{e}");
        let out = run("x.rss", b"<rss version=\"2.0\"><channel><title>T</title></channel></rss>");
        assert!(matches!(out[0], Err(ReadError::Empty { .. })));
        let mut out = Vec::new();
        let opts = ReadOptions { format: Some(Format::Feed), max_record_bytes: 100, ..ReadOptions::default() };
        read_bytes("big.rss", RSS.as_bytes(), None, &opts, &mut |r| {
            out.push(r);
            ControlFlow::Continue(())
        });
        assert!(matches!(out[0], Err(ReadError::TooLarge { .. })));
    }

    #[test]
    fn a_bare_ampersand_costs_nothing() {
        let feed = RSS.replace("<title>Broken date story</title>", "<title>Farmers & herders</title>");
        let out = run("world.rss", feed.as_bytes());
        assert_eq!(out.len(), 3, "{out:?}");
        let recs: Vec<&Record> = out.iter().flatten().collect();
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[1].title.as_deref(), Some("Farmers & herders"));
        assert_eq!(recs[0].site.as_deref(), Some("Example News: World"));
        assert!(recs[0].warnings.iter().any(|w| w.contains("1 bare '&'")), "{:?}", recs[0].warnings);
    }

    #[test]
    fn a_cut_off_feed_keeps_its_whole_items() {
        let cut = RSS.find("<item><title>No date at all").unwrap_or(RSS.len()) + 40;
        let out = run("world.rss", &RSS.as_bytes()[..cut]);
        assert_eq!(out.len(), 3, "{out:?}");
        assert_eq!(out[0].as_ref().map(|r| r.id.as_str()).ok(), Some("story-1"));
        assert!(out[1].is_ok());
        let e = out[2].as_ref().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.starts_with("world.rss: item 3: byte ") && e.contains("(line 10)") && e.contains("cut off"), "{e}");
        let r = out[0].as_ref().ok();
        assert_eq!(r.and_then(|r| r.language.as_deref()), Some("en"));
        assert!(r.is_some_and(|r| r.warnings.iter().any(|w| w.contains("item by item (1 of 3"))), "{r:?}");
    }

    #[test]
    fn one_broken_item_is_reported_and_the_rest_kept() {
        let feed = RSS
            .replace("<description>Plain summary text.</description>", "<description>Plain <b>summary</description>");
        let feed = feed.replace("<title>Broken date story</title>", "<title>Broken <i>date story</title>");
        let out = run("world.rss", feed.as_bytes());
        let ok: Vec<&str> = out.iter().flatten().map(|r| r.id.as_str()).collect();
        assert_eq!(ok, ["story-1"], "{out:?}");
        let errs: Vec<String> = out.iter().filter_map(|r| r.as_ref().err()).map(|e| e.to_string()).collect();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs[0].contains("item 2: byte") && errs[1].contains("item 3: byte"), "{errs:?}");
        // Atom, cut inside its second entry.
        let atom = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Ex</title>
<entry><title>One</title><id>urn:1</id><content type="html">&lt;p&gt;First story.&lt;/p&gt;</content></entry>
<entry><title>Two</title><id>urn:2</id><content type="html">&lt;p&gt;Seco"#;
        let out = run("x.atom", atom.as_bytes());
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(out[0].as_ref().map(|r| r.text.as_str()).ok(), Some("First story."));
        assert!(matches!(out[1], Err(ReadError::Item { item: 2, .. })));
    }

    #[test]
    fn a_cut_off_json_feed_keeps_its_whole_items() {
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"Ex","items":[
            {"id":"7","url":"https://ex.com/7","title":"Seven","content_html":"<p>Seventh story.</p>","date_published":"2019-11-17T10:00:00Z"},
            {"id":"8","content_text":"Eighth story."},
            {"id":"9","content_text":"Nin"#;
        let out = run("feed.json", json.as_bytes());
        assert_eq!(out.len(), 3, "{out:?}");
        assert_eq!(
            out[0].as_ref().map(|r| (r.id.as_str(), r.text.as_str(), r.date.as_deref())).ok(),
            Some(("7", "Seventh story.", Some("2019-11-17")))
        );
        assert_eq!(out[1].as_ref().map(|r| r.text.as_str()).ok(), Some("Eighth story."));
        let e = out[2].as_ref().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("item 3: byte") && e.contains("(line 4)") && e.contains("cut off"), "{e}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Wherever a feed is cut, every item it still holds whole is read.
        #[test]
        fn every_whole_item_is_kept(cut in 0usize..2000) {
            let end = cut.min(RSS.len());
            let whole = RSS[..end].matches("</item>").count();
            let ok = run("p.rss", &RSS.as_bytes()[..end]).iter().filter(|r| r.is_ok()).count();
            proptest::prop_assert!(ok >= whole, "cut {}: {} whole items, {} read", end, whole, ok);
        }

        #[test]
        fn never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..1500)) {
            let _ = run("p.rss", &bytes);
            let _ = run("p.json", &bytes);
        }

        #[test]
        fn never_panics_truncated(cut in 0usize..2000) {
            let end = cut.min(RSS.len());
            let _ = run("p.rss", &RSS.as_bytes()[..end]);
        }
    }
}
