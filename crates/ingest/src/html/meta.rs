//! Page metadata: headline, description, publication date, author, site name,
//! canonical URL and declared language, from `<meta>` tags, JSON-LD, `<link>`,
//! `<time>` and the URL itself.
//!
//! The publication date is what the page declares (`datePublished` of an article,
//! `article:published_time`, a `pubdate`/`datePublished` element) checked against what
//! it shows at the head of the article: a shown date that is neither the declared
//! modification date nor a day from the declared one wins. A `WebPage`'s
//! `datePublished` alone dates nothing (it is the record of a page, not an article); a
//! modification date is used only when the page shows nothing else and declares no
//! publication; crawl dates never. No date is better than a guess.

use serde_json::Value;

use super::dom::{Dom, Tag, NONE};
use super::words::Words;
use crate::date::{date_in_text, date_in_text_ordered, date_in_url, days_in_zones, parse_date, Dates, DayOrder, Ymd};
use crate::Vocabulary;

/// What the page says about itself.
#[derive(Debug, Default)]
pub(crate) struct PageMeta {
    pub title: Option<String>,
    pub description: Option<String>,
    /// The publication date and where it was read (`json-ld`, `meta article:published_time`, ...).
    pub date: Option<(Ymd, String)>,
    /// Without a date, why the page has none.
    pub no_date: Option<String>,
    pub author: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    /// The JSON-LD `articleBody`, as given (text or HTML).
    pub article_body: Option<String>,
}

/// The `@type`s of a JSON-LD object.
fn types_of(o: &serde_json::Map<String, Value>) -> Vec<&str> {
    match o.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// JSON-LD `@type`s that describe the article itself.
// not vocabulary: schema.org type names (markup)
fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || t.ends_with("Posting") || t == "Report" || t == "Review"
}

/// Reads the metadata of `dom`; `content` is the element chosen as the article body
/// (where a bare `<time>` may give the date), if any.
pub(crate) fn read(dom: &Dom, content: Option<u32>, excluded: &[bool], fetched: Option<Ymd>) -> PageMeta {
    let dates = &dom.vocab.dates;
    let metas = meta_tags(dom);
    let get =
        |key: &str| -> Option<String> { metas.iter().find(|(k, v)| k == key && !v.is_empty()).map(|(_, v)| v.clone()) };
    let ld = json_ld(dom);
    let ld_str = |key: &str| ld.as_ref().and_then(|o| o.get(key)).and_then(text_of);

    // not vocabulary: markup keys (OpenGraph, Twitter cards, HTML <meta> names, Dublin
    // Core, schema.org JSON-LD properties), here and below
    let site = get("og:site_name")
        .or_else(|| ld.as_ref().and_then(|o| o.get("publisher")).and_then(name_of))
        .or_else(|| get("application-name"));

    let url = canonical(dom)
        .or_else(|| get("og:url"))
        .or_else(|| ld_str("url"))
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));

    let description = get("og:description")
        .or_else(|| get("description"))
        .or_else(|| get("twitter:description"))
        .or_else(|| ld_str("description"));

    let author = ld
        .as_ref()
        .and_then(|o| o.get("author"))
        .and_then(name_of)
        .or_else(|| get("author").filter(|a| !a.contains("://")))
        .or_else(|| get("article:author").filter(|a| !a.contains("://")))
        .or_else(|| get("dc.creator"))
        .or_else(|| get("byl").map(|b| b.trim_start_matches("By ").trim_start_matches("by ").to_string()));

    let language = dom
        .elements(Tag::Html)
        .next()
        .and_then(|h| dom.attr(h, "lang").or_else(|| dom.attr(h, "xml:lang")))
        .and_then(|l| crate::lang::normalize(&l))
        .or_else(|| get("content-language").and_then(|l| crate::lang::normalize(&l)))
        .or_else(|| get("og:locale").and_then(|l| crate::lang::normalize(&l)))
        .or_else(|| ld_str("inLanguage").and_then(|l| crate::lang::normalize(&l)));

    let title = headline(
        dom,
        &get("og:title").or_else(|| get("twitter:title")).or_else(|| ld_str("headline")),
        site.as_deref(),
        content,
        excluded,
    );

    // The publication date: what the page declares and what it shows at the head.
    let ld_article = ld.as_ref().is_some_and(|o| types_of(o).iter().any(|t| is_article_type(t)));
    let declared = ld_str("datePublished")
        .or_else(|| ld.is_none().then(|| raw_ld_date(dom)).flatten())
        .and_then(|d| labelled_date(&d, dates).map(|ymd| (ymd, days_in_zones(&d))))
        .map(|(ymd, zones)| Declared {
            ymd,
            how: "json-ld datePublished".to_string(),
            // A `WebPage` dates the page's record, not an article.
            weak: ld.is_some() && !ld_article,
            zones,
        });
    let strong = declared
        .clone()
        .filter(|d| !d.weak)
        .or_else(|| other_declared(dom, &metas, content))
        .or_else(|| declared.clone());
    let order = dom
        .elements(Tag::Html)
        .next()
        .and_then(|h| dom.attr(h, "lang"))
        .map(|l| l.into_owned())
        .or_else(|| get("og:locale"))
        .or_else(|| get("content-language"))
        .map_or(DayOrder::Unknown, |l| DayOrder::of_locale(&l));
    let (shown, unanchored) = shown_dates(dom, content, excluded, order, fetched, title.as_deref());
    let modified = ld_str("dateModified")
        .or_else(|| dates.modified_keys.iter().find_map(|k| get(k)))
        .and_then(|d| labelled_date(&d, dates));
    let only_record = strong.as_ref().is_some_and(|d| d.weak);
    let date = choose_date(strong, modified, &shown).or_else(|| {
        url.as_deref()
            .and_then(date_in_url)
            .map(|d| (d, "URL path".to_string()))
            .or_else(|| time_elements(dom, content, excluded, false))
            .or_else(|| foot_date(dom, content, order))
    });
    let no_date = date.is_none().then(|| {
        if unanchored {
            "the page dates itself only relative to when it was read (\"3 hours ago\") and the crawl time is not known"
        } else if only_record {
            "only a WebPage datePublished (the page's record), no article date"
        } else {
            "the page states no publication date"
        }
        .to_string()
    });

    let article_body = ld.as_ref().and_then(|o| o.get("articleBody")).and_then(Value::as_str).map(str::to_string);

    PageMeta { title, description, date, no_date, author, site, url, language, article_body }
}

/// A publication date the page declares in its markup.
#[derive(Debug, Clone)]
struct Declared {
    ymd: Ymd,
    how: String,
    /// Only a `WebPage`'s `datePublished`: the date of the page's record.
    weak: bool,
    /// The days a timestamp with a stated offset can fall on around the world
    /// ([`days_in_zones`]); `None` for a date alone or a time without an offset.
    zones: Option<(i64, i64)>,
}

/// A publication date declared other than in JSON-LD: published-time meta tags, other
/// keys naming a publication date (`sn-post-date`), `<time pubdate>`, elements marked
/// as published.
fn other_declared(dom: &Dom, metas: &[(String, String)], content: Option<u32>) -> Option<Declared> {
    let dates = &dom.vocab.dates;
    let get = |key: &str| metas.iter().find(|(k, v)| k == key && !v.is_empty()).map(|(_, v)| v);
    let meta = |k: &str, v: &str| labelled_date(v, dates).map(|d| (d, format!("meta {k}"), days_in_zones(v)));
    dates
        .published_keys
        .iter()
        .find_map(|k| get(k).and_then(|v| meta(k, v)))
        .or_else(|| metas.iter().filter(|(k, _)| names_publication(k, dates)).find_map(|(k, v)| meta(k, v)))
        .or_else(|| {
            time_elements(dom, content, &[], true)
                .or_else(|| labelled_elements(dom, content))
                .map(|(d, how)| (d, how, None))
        })
        .map(|(ymd, how, zones)| Declared { ymd, how, weak: false, zones })
}

/// The date shown at the head of the article wins over a declared one it disagrees with
/// (the page shows its reader the day it stands by; the declared date may be the
/// record's creation), unless it is the declared modification date or a day from the
/// declared date (a timestamp read in another time zone, or a masthead's "today" the day
/// after) — but a day before only when the timestamp can fall on it in some time zone
/// (`22:02Z` on the 19th is never the 18th anywhere; a date without a time and an
/// offset may be either neighbour); a shown modification date is
/// used only when nothing else dates the page; a `WebPage`'s date only when the page
/// shows none.
fn choose_date(declared: Option<Declared>, modified: Option<Ymd>, shown: &[Shown]) -> Option<(Ymd, String)> {
    let plain = shown.iter().find(|s| !s.updated);
    let near = |d: &Declared, s: &Shown| {
        let (dd, sd) = (d.ymd.days(), s.ymd.days());
        // A day after may be the day the page was read (a masthead's "today"): kept as near.
        dd == sd || sd == dd + 1 || (sd == dd - 1 && d.zones.is_none_or(|(lo, _)| lo <= sd))
    };
    match (declared, plain) {
        (Some(d), Some(s)) if near(&d, s) || modified == Some(s.ymd) => Some((d.ymd, d.how)),
        (Some(d), Some(s)) => {
            Some((s.ymd, format!("date shown at the head of the article ({} gives {})", d.how, d.ymd.iso())))
        }
        (None, Some(s)) if s.relative => Some((
            s.ymd,
            "relative date shown at the head of the article, counted back from the crawl time".to_string(),
        )),
        (None, Some(s)) => Some((s.ymd, "date shown at the head of the article".to_string())),
        (Some(d), None) if !d.weak => Some((d.ymd, d.how)),
        (Some(_), None) | (None, None) => shown
            .first()
            .map(|s| (s.ymd, "modification date shown at the head of the article; no publication date".to_string())),
    }
}

/// `(key, content)` of every `<meta>`, keys lowercased (`property`, `name`,
/// `itemprop` or `http-equiv`), and of `itemprop` elements with `content`/`datetime`.
fn meta_tags(dom: &Dom) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, n) in dom.nodes.iter().enumerate() {
        let id = i as u32;
        let tag = match n.kind {
            super::dom::Kind::Element { tag, .. } => tag,
            _ => continue,
        };
        if tag == Tag::Meta {
            let Some(content) = dom.attr(id, "content") else {
                continue;
            };
            // not vocabulary: HTML and RDFa attribute names
            for key_attr in ["property", "name", "itemprop", "http-equiv"] {
                if let Some(k) = dom.attr(id, key_attr) {
                    out.push((k.trim().to_ascii_lowercase(), clean(&content)));
                }
            }
        } else if let Some(prop) = dom.attr(id, "itemprop") {
            if let Some(v) = dom.attr(id, "content").or_else(|| dom.attr(id, "datetime")) {
                out.push((prop.trim().to_ascii_lowercase(), clean(&v)));
            }
        }
    }
    out
}

/// Whitespace collapsed and trimmed.
pub(crate) fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    super::dom::push_collapsed(&mut out, s);
    out.trim_end().to_string()
}

/// `<link rel="canonical" href>`.
fn canonical(dom: &Dom) -> Option<String> {
    dom.elements(Tag::Link).find_map(|id| {
        let rel = dom.attr(id, "rel")?;
        rel.split_ascii_whitespace()
            .any(|r| r.eq_ignore_ascii_case("canonical"))
            .then(|| dom.attr(id, "href"))
            .flatten()
            .map(|h| h.trim().to_string())
    })
}

/// The JSON-LD object that describes the article (an `Article`-like `@type`, else the
/// first object with a `datePublished` or `headline`).
fn json_ld(dom: &Dom) -> Option<serde_json::Map<String, Value>> {
    let mut fallback = None;
    for id in dom.elements(Tag::Script) {
        let is_ld = dom.attr(id, "type").is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"));
        if !is_ld {
            continue;
        }
        let Some(text) = dom.children(id).find_map(|c| dom.text(c)) else {
            continue;
        };
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        let mut objects = Vec::new();
        collect_objects(&value, &mut objects, 0);
        for o in objects {
            if types_of(o).iter().any(|t| is_article_type(t)) {
                return Some(o.clone());
            }
            if fallback.is_none() && (o.contains_key("datePublished") || o.contains_key("headline")) {
                fallback = Some(o.clone());
            }
        }
    }
    fallback
}

/// The `datePublished` string of JSON-LD that is not valid JSON (raw line breaks in
/// its strings are common): the first quoted value after the key.
fn raw_ld_date(dom: &Dom) -> Option<String> {
    const KEY: &str = "\"datePublished\"";
    dom.elements(Tag::Script)
        .filter(|&id| dom.attr(id, "type").is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")))
        .find_map(|id| {
            let text = dom.children(id).find_map(|c| dom.text(c))?;
            let rest = text
                .get(text.find(KEY)? + KEY.len()..)?
                .trim_start()
                .strip_prefix(':')?
                .trim_start()
                .strip_prefix('"')?;
            let value = &rest[..rest.find('"')?];
            (value.len() <= 100).then(|| value.to_string())
        })
}

/// The objects of a JSON-LD value: itself, array members and `@graph` members.
fn collect_objects<'v>(v: &'v Value, out: &mut Vec<&'v serde_json::Map<String, Value>>, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Object(o) => {
            out.push(o);
            if let Some(g) = o.get("@graph") {
                collect_objects(g, out, depth + 1);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| collect_objects(x, out, depth + 1)),
        _ => {}
    }
}

/// A JSON-LD value as text (a string, or the first string of an array).
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(clean(s)).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(text_of),
        Value::Object(o) => o.get("@id").or_else(|| o.get("url")).and_then(text_of),
        _ => None,
    }
}

/// The `name`(s) of a JSON-LD person or organisation (or list of them), joined.
fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(clean(s)).filter(|s| !s.is_empty() && !s.contains("://")),
        Value::Object(o) => o.get("name").and_then(|n| n.as_str()).map(clean).filter(|s| !s.is_empty()),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(name_of).take(8).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

/// A date from `<time>` elements: with `labelled`, one marked as the publication time
/// (`pubdate`, `itemprop=datePublished`, a class naming "publish"); otherwise the first
/// `<time datetime>` at the head of the article body (before its first long paragraph)
/// or just before it, outside boilerplate: one further down dates a review, an event or
/// a quoted item, not the article.
fn time_elements(dom: &Dom, content: Option<u32>, excluded: &[bool], labelled: bool) -> Option<(Ymd, String)> {
    let dates = &dom.vocab.dates;
    // Where a bare <time> counts: the body's parent subtree, up to the body's first
    // long paragraph.
    let window = content.map(|c| {
        let scope = dom.node(c).map(|n| n.parent).filter(|&p| p != super::dom::NONE).unwrap_or(c);
        let end = dom.subtree_end(c);
        let head_end = (c..=end).find(|&id| dom.text(id).is_some_and(|t| t.trim().len() > 150)).unwrap_or(end);
        (scope, head_end)
    });
    for id in dom.elements(Tag::Time) {
        let Some(dt) = dom.attr(id, "datetime") else {
            continue;
        };
        if labelled {
            // `pubdate` (HTML5 draft) and schema.org's `datePublished` are markup.
            let marked = dom.attr(id, "pubdate").is_some()
                || dom.attr(id, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datepublished"))
                || dom
                    .attr(id, "class")
                    .is_some_and(|c| contains_any(&c.to_ascii_lowercase(), &dates.published_time_names));
            if marked {
                if let Some(d) = parse_date(&dt, dates) {
                    return Some((d, "time element marked as published".to_string()));
                }
            }
        } else {
            let (lo, hi) = window?;
            if id < lo || id > hi || excluded.get(id as usize).copied().unwrap_or(false) {
                continue;
            }
            let class = dom.attr(id, "class").map(|c| c.to_ascii_lowercase()).unwrap_or_default();
            if contains_any(&class, &dates.modified_names) {
                continue;
            }
            if let Some(d) = parse_date(&dt, dates) {
                return Some((d, "time element at the article".to_string()));
            }
        }
    }
    None
}

/// Whether a meta key, class or id names the publication date (`publish-date`,
/// `pubdate`, `post-date`) and not a modification or expiry date.
fn names_publication(key: &str, dates: &Dates) -> bool {
    let k = key.to_ascii_lowercase();
    contains_any(&k, &dates.published_names) && !contains_any(&k, &dates.other_date_names)
}

/// Whether `s` contains any of `parts`.
fn contains_any(s: &str, parts: &[String]) -> bool {
    parts.iter().any(|p| s.contains(p.as_str()))
}

/// A date from a value that is labelled as the publication date: as [`parse_date`]
/// reads it, or else a date that starts at a later word (`01:38 PM IST Nov 20, 2019`).
fn labelled_date(v: &str, dates: &Dates) -> Option<Ymd> {
    let v = v.trim();
    if v.len() > 100 {
        return parse_date(v, dates);
    }
    parse_date(v, dates)
        .or_else(|| {
            v.char_indices()
                .filter(|&(i, c)| i > 0 && !c.is_whitespace() && v[..i].ends_with(char::is_whitespace))
                .find_map(|(i, _)| parse_date(&v[i..], dates))
        })
        // `Thu, 09/25/2025 - 11:38`: a numeric date whose order is plain.
        .or_else(|| date_in_text(v, dates).map(|(_, _, d)| d))
}

/// A date from an element other than `<time>` whose class, id or `itemprop` names the
/// publication date (`<span class="article-publish-date">November 19, 2019</span>`,
/// `<input class="published_date" value>`), outside menus, sidebars and footers and
/// not after the article body (where related stories carry their own dates).
fn labelled_elements(dom: &Dom, content: Option<u32>) -> Option<(Ymd, String)> {
    let limit = content.map_or(u32::MAX, |c| dom.subtree_end(c));
    for (i, n) in dom.nodes.iter().enumerate() {
        let id = i as u32;
        if id > limit {
            break;
        }
        let super::dom::Kind::Element { tag, .. } = n.kind else {
            continue;
        };
        if matches!(tag, Tag::Time | Tag::Meta | Tag::Script | Tag::Style) {
            continue;
        }
        // not vocabulary: HTML attribute names
        let named = ["class", "id", "itemprop"]
            .iter()
            .any(|a| dom.attr(id, a).is_some_and(|v| names_publication(&v, &dom.vocab.dates)));
        if !named || in_page_furniture(dom, id) {
            continue;
        }
        // not vocabulary: HTML attribute names
        let value = ["datetime", "content", "value"]
            .iter()
            .find_map(|a| dom.attr(id, a).map(|v| v.into_owned()))
            .unwrap_or_else(|| dom.inner_text(id, 120));
        if value.len() <= 120 {
            if let Some(d) = labelled_date(&value, &dom.vocab.dates) {
                return Some((d, "element marked as published".to_string()));
            }
        }
    }
    None
}

/// A date the page shows at the head of its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shown {
    ymd: Ymd,
    /// Marked as a modification (`Updated on ...`, a `last-updated` class).
    updated: bool,
    /// Counted back from the crawl time ("3 hours ago").
    relative: bool,
}

/// The dates written as text at the head of the article, from its headline (or the
/// body's start) to the body's first long paragraph, and a few lines above the
/// headline: each a short line holding the date alone or after a label, a weekday or a
/// byline ("publiziert am 25. September 2018", "By A. Reporter on Monday, November
/// 18th, 2019 at 11:08 a.m.", "기사입력 : 2018-08-25 15:40", "Updated on May 2, 2021"),
/// read in the line the date stands in. Never a date in a sentence ("the vote took
/// place on ..."), a range, a caption, menu or sidebar, or a list of dated items.
/// Stops at the first one not marked as a modification.
fn shown_dates(
    dom: &Dom,
    content: Option<u32>,
    excluded: &[bool],
    order: DayOrder,
    fetched: Option<Ymd>,
    title: Option<&str>,
) -> (Vec<Shown>, bool) {
    let mut out = Vec::new();
    let mut unanchored = false;
    let Some(body) = content else {
        return (out, unanchored);
    };
    let body_end = dom.subtree_end(body);
    let start = dom
        .elements(Tag::H1)
        .find(|&h| !in_page_furniture(dom, h) && heads(dom, h, body, excluded))
        .or_else(|| {
            // Else the <h1> the headline was read from, when it stands before the body
            // (a hero block, far from a body that starts lower down).
            let t = title.map(norm)?;
            dom.elements(Tag::H1)
                .take_while(|&h| h < body)
                .find(|&h| !in_page_furniture(dom, h) && norm(&dom.inner_text(h, 400)) == t)
        })
        .unwrap_or(body);
    // The lines after the headline, then a few just before it (a byline or a kicker
    // above the headline).
    let after = (start..=body_end).take_while(move |&id| {
        let long = dom.text(id).is_some_and(|t| t.trim().len() > 150);
        !(long && id > body)
    });
    // Above the headline, up to a menu or breadcrumb (the page's, not the article's).
    let mut seen_before = 0usize;
    let before = (1..start).rev().take_while(move |&id| {
        let Some(t) = dom.text(id).map(|t| t.trim().len()).filter(|&n| n > 0) else {
            return true;
        };
        seen_before += t;
        seen_before <= HEAD_LOOKBACK && !in_caption_or_furniture(dom, id)
    });
    let mut seen = 0usize;
    for id in after.chain(before) {
        let Some(t) = dom.text(id) else {
            continue;
        };
        let t = t.trim();
        if t.is_empty() || t.len() > 150 || in_caption_or_furniture(dom, id) {
            continue;
        }
        seen += t.len();
        if seen > HEADLINE_GAP + HEAD_LOOKBACK {
            break;
        }
        let Some(line_id) = line_of(dom, id) else {
            continue;
        };
        let line = line_around(dom, id, line_id);
        let alone = stands_alone(t, order, &dom.vocab.dates);
        let mut relative = || {
            let back = relative_in_line(&line, &dom.vocab.words)?;
            unanchored |= fetched.is_none();
            let ymd = Ymd::from_days(fetched?.days() - back)?;
            Some(Shown { ymd, updated: false, relative: true })
        };
        // A `<time>` whose text leaves the day unclear (`10/12/2023`) shows the day its
        // `datetime` names.
        let by_datetime = || {
            let p = dom.node(id)?.parent;
            let ymd = (dom.tag(p) == Some(Tag::Time)).then(|| dom.attr(p, "datetime")).flatten()?;
            let ymd = parse_date(&ymd, &dom.vocab.dates)?;
            let written = clean(t);
            line.contains(&written).then(|| line.replacen(&written, &ymd.iso(), 1))
        };
        let Some(shown) = shown_in_line(&line, order, alone, dom.vocab)
            .or_else(|| by_datetime().and_then(|l| shown_in_line(&l, order, true, dom.vocab)))
            .or_else(&mut relative)
        else {
            continue;
        };
        if in_dated_list(dom, line_id) {
            continue;
        }
        let updated = shown.updated || marked_updated(dom, id) || update_label_above(dom, id, line_id);
        let shown = Shown { updated, ..shown };
        if out.contains(&shown) {
            continue;
        }
        out.push(shown);
        if !updated || out.len() >= 3 {
            break;
        }
    }
    (out, unanchored)
}

/// How many days before the page was read a short line dates it: "3 hours ago", "vor 2
/// Tagen", "il y a 1 semaine", "yesterday" (the words are the `relative-*` classes of
/// the word file); months and years back are too coarse for a day.
fn relative_in_line(line: &str, words: &Words) -> Option<i64> {
    if line.len() > 60 {
        return None;
    }
    let lower = line.to_lowercase();
    let ws: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).collect();
    // Whether one of `list` (phrases of words) stands at words `[from, to)`.
    let phrase = |list: &[String], from: usize, to: usize| {
        to <= ws.len() && list.iter().any(|p| p.split(' ').eq(ws[from..to].iter().copied()))
    };
    let at = |list: &[String], i: usize| (i + 1..=i + 3).any(|j| phrase(list, i, j));
    let before = |list: &[String], i: usize| (i.saturating_sub(3)..i).any(|j| phrase(list, j, i));
    for i in 0..ws.len() {
        if at(&words.relative_today, i) {
            return Some(0);
        }
        if at(&words.relative_yesterday, i) {
            return Some(1);
        }
        let Ok(n) = ws[i].parse::<i64>() else {
            continue;
        };
        let unit = ws.get(i + 1).and_then(|u| words.relative_units.iter().position(|l| l.iter().any(|x| x == u)));
        let Some(unit) = unit else {
            continue;
        };
        if at(&words.relative_ago, i + 2) || before(&words.relative_ago, i) {
            return Some(match unit {
                0 => 0,
                1 => n / 24,
                2 => n,
                _ => 7 * n,
            });
        }
    }
    None
}

/// Bytes of a line read on either side of a date's text node.
const LINE_MAX: usize = 120;

/// The line a text node stands in: the text around it in its block `line`, up to the
/// nearest block-level element or line break on either side.
fn line_around(dom: &Dom, id: u32, line: u32) -> String {
    let in_line = |j: u32| match dom.tag(j) {
        Some(t) => !(t.is_block() || t == Tag::Br),
        None => line_of(dom, j) == Some(line),
    };
    let mut before: Vec<u32> = Vec::new();
    let mut bytes = 0usize;
    for j in (line + 1..id).rev() {
        if !in_line(j) || bytes > LINE_MAX {
            break;
        }
        if let Some(t) = dom.text(j) {
            bytes += t.len();
            before.push(j);
        }
    }
    let mut out = String::new();
    for &j in before.iter().rev().chain(std::iter::once(&id)) {
        if let Some(t) = dom.text(j) {
            super::dom::push_collapsed(&mut out, &t);
            super::dom::push_collapsed(&mut out, " ");
        }
    }
    let start = out.len();
    for j in id + 1..=dom.subtree_end(line) {
        if !in_line(j) || out.len() - start > LINE_MAX {
            break;
        }
        if let Some(t) = dom.text(j) {
            super::dom::push_collapsed(&mut out, &t);
            super::dom::push_collapsed(&mut out, " ");
        }
    }
    out.trim().to_string()
}

/// The nearest block-level element holding a node.
fn line_of(dom: &Dom, id: u32) -> Option<u32> {
    let mut a = dom.node(id)?.parent;
    while a != NONE {
        if dom.tag(a).is_some_and(|t| t.is_block()) {
            return Some(a);
        }
        a = dom.node(a)?.parent;
    }
    None
}

/// The date a short line shows as its own: alone, or after labels and names (every word
/// before it is a label or capitalised, the last a label), with little after it and not
/// the start of a range; marked as a modification when a modification label
/// (`Updated`) stands before it.
fn shown_in_line(line: &str, order: DayOrder, alone: bool, vocab: &Vocabulary) -> Option<Shown> {
    let (words, dates) = (&vocab.words, &vocab.dates);
    let is_label = |w: &str| words.date_labels.iter().any(|l| w == l || (!l.is_ascii() && w.starts_with(l.as_str())));
    let (a, b, ymd) = date_in_text_ordered(line, order, dates)?;
    let (before, after) = (&line[..a], &line[b..]);
    // After the date, little; or a byline: a label, then a name (`03/01/2017 by Ann
    // Example, Representative to the Liaison Committee`).
    let mut after_words = after.split_whitespace();
    let byline_after = after_words.next().is_some_and(|w| is_label(&w.to_lowercase()))
        && after_words.next().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    if before.len() > 60 || after.len() > if byline_after { LINE_MAX } else { 60 } {
        return None;
    }
    // `2025-12-12 - 2025-12-17`: a range, not a day of publication.
    let rest = after.trim_start();
    if rest.starts_with(['-', '–', '—']) && date_in_text(rest, dates).is_some_and(|(s, _, _)| s <= 4) {
        return None;
    }
    let before_words: Vec<String> =
        before.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let is_update = |w: &String| words.update_labels.iter().any(|u| u == w);
    let updated = before_words.iter().any(is_update);
    // The last word leads into the date, or a separator stands between them (`By A.
    // Reporter · May 2, 2021`).
    let tail = before.trim_end_matches(|c: char| !c.is_alphanumeric());
    let separated = before[tail.len()..].contains(['-', '–', '—', '|', '·', '•', ',', '/']);
    let led_in = separated || alone || before_words.last().is_none_or(|w| is_label(w) || is_update(w));
    let names_or_labels = before.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).all(|w| {
        let l = w.to_lowercase();
        is_label(&l) || is_update(&l) || w.chars().next().is_some_and(char::is_uppercase)
    });
    (led_in && names_or_labels).then_some(Shown { ymd, updated, relative: false })
}

/// Whether a text holds a date alone, or with a time of day after it (`Mar 5, 2025`,
/// `2025-03-05T08:10+02:00`, `Dec 19, 2025 1:06 PM EST`): the markup sets the date
/// apart from the words around it (`<span>Editorial</span><span>Mar 5, 2025</span>`).
fn stands_alone(t: &str, order: DayOrder, dates: &Dates) -> bool {
    date_in_text_ordered(t, order, dates).is_some_and(|(a, b, _)| {
        a == 0
            && t[b..]
                .split(|c: char| !c.is_alphanumeric() && c != '.')
                .filter(|w| w.chars().any(char::is_alphabetic))
                .all(|w| {
                    let l = w.trim_matches('.').to_ascii_lowercase();
                    dates.meridiem.contains(&l)
                        || (w.len() <= 4 && w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
                })
    })
}

/// Bytes of text after the article body where a labelled publication date may stand.
const FOOT_LOOKAHEAD: usize = 300;

/// A date written just after the article body with a label naming its publication
/// ("Posted on April 13, 2023", "<p>Published</p><p>Feb 2, 2023</p>"): a byline at the
/// foot of the article. Read only when nothing else dates the page, within a few short
/// lines of the body's end, never a caption, menu, sidebar or page footer, a dated list
/// (comments, related posts) or a date marked as a modification.
fn foot_date(dom: &Dom, content: Option<u32>, order: DayOrder) -> Option<(Ymd, String)> {
    let end = dom.subtree_end(content?);
    let (words, dates) = (&dom.vocab.words, &dom.vocab.dates);
    let publish = |t: &str| {
        t.split(|c: char| !c.is_alphanumeric())
            .any(|w| !w.is_empty() && words.publish_labels.contains(&w.to_lowercase()))
    };
    let mut seen = 0usize;
    let mut label_above = false;
    for id in end + 1..dom.nodes.len() as u32 {
        let Some(t) = dom.text(id) else {
            continue;
        };
        let t = t.trim();
        if t.is_empty() || in_caption_or_furniture(dom, id) {
            continue;
        }
        seen += t.len();
        if t.len() > 150 || seen > FOOT_LOOKAHEAD {
            break;
        }
        let Some(line_id) = line_of(dom, id) else {
            continue;
        };
        let line = line_around(dom, id, line_id);
        let Some((a, _, _)) = date_in_text_ordered(&line, order, dates) else {
            label_above = publish(t);
            continue;
        };
        let labelled = label_above || publish(&line[..a]);
        let shown = shown_in_line(&line, order, stands_alone(t, order, dates), dom.vocab)
            .filter(|s| labelled && !s.updated && !marked_updated(dom, id) && !in_dated_list(dom, line_id));
        return shown.map(|s| (s.ymd, "date after the article with a publication label".to_string()));
    }
    None
}

/// Whether the text just before a date's line is a label of its own that marks it as a
/// modification (`<div>Last updated:</div><div>Feb 4, 2025</div>`): a short text of
/// capitalised words and labels holding an update label.
fn update_label_above(dom: &Dom, id: u32, line: u32) -> bool {
    let Some(prev) = (id.saturating_sub(12)..id).rev().find(|&j| dom.text(j).is_some_and(|t| !t.trim().is_empty()))
    else {
        return false;
    };
    if line_of(dom, prev) == Some(line) {
        return false;
    }
    let Some(t) = dom.text(prev) else {
        return false;
    };
    let words = &dom.vocab.words;
    let ws: Vec<&str> = t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    t.trim().len() <= 30
        && ws.iter().any(|w| {
            let l = w.to_lowercase();
            words.update_labels.contains(&l)
        })
        && ws.iter().all(|w| {
            let l = w.to_lowercase();
            words.update_labels.contains(&l)
                || words.date_labels.contains(&l)
                || w.chars().next().is_some_and(char::is_uppercase)
        })
}

/// Whether a line is in a list item beside another item holding a date (a list of
/// events or posts, each with its own date).
fn in_dated_list(dom: &Dom, line: u32) -> bool {
    let mut a = line;
    for _ in 0..4 {
        if dom.tag(a) == Some(Tag::Li) {
            let Some(list) = dom.node(a).map(|n| n.parent) else {
                return false;
            };
            return dom
                .children(list)
                .filter(|&c| c != a && dom.tag(c) == Some(Tag::Li))
                .take(4)
                .any(|c| date_in_text(&dom.inner_text(c, 300), &dom.vocab.dates).is_some());
        }
        match dom.node(a) {
            Some(n) if n.parent != NONE => a = n.parent,
            _ => return false,
        }
    }
    false
}

/// Whether a node is inside an element whose class or id marks a modification date.
fn marked_updated(dom: &Dom, id: u32) -> bool {
    let mut a = id;
    while let Some(n) = dom.node(a) {
        let marked = ["class", "id"].iter().any(|k| {
            dom.attr(a, k).is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                contains_any(&v, &dom.vocab.dates.modified_names)
            })
        });
        if marked {
            return true;
        }
        a = n.parent;
    }
    false
}

/// Bytes of text before the headline where a date may be written (a byline above it).
const HEAD_LOOKBACK: usize = 200;

/// Whether a node is inside a caption, a menu, sidebar or footer, a script or a form
/// control. A `<footer>` inside an `<article>` is the article's own (its byline and
/// date, as HTML defines it), not the page's.
fn in_caption_or_furniture(dom: &Dom, id: u32) -> bool {
    let mut a = id;
    let mut footer = false;
    while let Some(n) = dom.node(a) {
        match dom.tag(a) {
            Some(Tag::Footer) => footer = true,
            Some(Tag::Article) => footer = false,
            _ => {}
        }
        if matches!(
            dom.tag(a),
            Some(
                Tag::Nav
                    | Tag::Aside
                    | Tag::Menu
                    | Tag::Dialog
                    | Tag::Figure
                    | Tag::Figcaption
                    | Tag::Script
                    | Tag::Style
                    | Tag::Noscript
                    | Tag::Template
                    | Tag::Button
                    | Tag::Select
                    | Tag::Option
                    | Tag::Textarea
                    | Tag::Head
            )
        ) {
            return true;
        }
        a = n.parent;
    }
    footer
}

/// Bytes of text outside boilerplate that may stand between the article's `<h1>` and
/// its body (a standfirst, a byline, a date).
const HEADLINE_GAP: usize = 1500;

/// The headline: an `<h1>` that agrees with the declared title when there is one;
/// else the `<h1>` that heads the article body, as worded on the page (the declared
/// `og:title` is often a shorter or search-engine wording of it); else the declared
/// title (`og:title`, ...) or `<title>` without the site name.
fn headline(
    dom: &Dom,
    declared: &Option<String>,
    site: Option<&str>,
    content: Option<u32>,
    excluded: &[bool],
) -> Option<String> {
    let page_title = dom.elements(Tag::Title).next().map(|t| dom.inner_text(t, 2000)).filter(|t| !t.is_empty());
    let h1s: Vec<(u32, String)> = dom
        .elements(Tag::H1)
        .map(|h| (h, dom.inner_text(h, 2000)))
        .filter(|(_, t)| !t.is_empty() && t.len() < 400)
        .take(8)
        .collect();
    let agrees = |reference: &str, h: &str| {
        let (r, n) = (norm(reference), norm(h));
        n.chars().count() >= 8 && (r.contains(&n) || n.contains(&r))
    };
    // Of several agreeing <h1>s (a blog's name and the post's title, both in the
    // declared title), the one heading the body nearest to it, else the longest.
    let pick = |found: Vec<&(u32, String)>| {
        found
            .iter()
            .rev()
            .find(|(h, _)| content.is_some_and(|b| heads(dom, *h, b, excluded)))
            .or_else(|| found.iter().max_by_key(|(_, t)| t.len()))
            .map(|(_, t)| t.clone())
    };
    if let Some(d) = declared.as_deref() {
        if let Some(h) = pick(h1s.iter().filter(|(_, h)| agrees(d, h)).collect()) {
            return Some(h);
        }
    }
    // Agreeing with the <title> is not enough when the <h1> is only the part of it
    // the declared title leaves out: the site's name in a logo.
    if let Some(t) = &page_title {
        let site_part = |h: &str| {
            let n = norm(h);
            declared.as_deref().is_some_and(|d| !norm(d).contains(&n)) && n.len() + 8 < norm(t).len()
        };
        if let Some(h) = pick(h1s.iter().filter(|(_, h)| agrees(t, h) && !site_part(h)).collect()) {
            return Some(h);
        }
    }
    let stripped = match (declared, &page_title) {
        (Some(d), _) => Some(strip_site(d, site)),
        (None, Some(t)) => Some(strip_site(t, site)),
        (None, None) => None,
    }
    .filter(|t| !t.is_empty());
    // The site's name in an <h1> (a logo) is not a headline.
    let names_site = |h: &str| {
        let n = norm(h);
        site.is_some_and(|s| norm(s) == n)
            || [declared.as_deref(), page_title.as_deref()].into_iter().flatten().any(|t| {
                let t = norm(t);
                n.len() * 2 < t.len() && t.contains(&n) && !stripped.as_deref().is_some_and(|s| norm(s).contains(&n))
            })
    };
    if let Some(body) = content {
        let heads_body = |&&(h, ref t): &&(u32, String)| {
            t.split_whitespace().count() >= 3
                && !names_site(t)
                && !in_page_furniture(dom, h)
                && heads(dom, h, body, excluded)
        };
        if let Some((_, h)) = h1s.iter().rev().find(heads_body) {
            return Some(h.clone());
        }
    }
    stripped.or_else(|| h1s.into_iter().next().map(|(_, t)| t))
}

/// Whether an element is inside a menu, sidebar, footer or dialog.
fn in_page_furniture(dom: &Dom, id: u32) -> bool {
    let mut a = id;
    while let Some(n) = dom.node(a) {
        if matches!(dom.tag(a), Some(Tag::Nav | Tag::Aside | Tag::Footer | Tag::Menu | Tag::Dialog)) {
            return true;
        }
        a = n.parent;
    }
    false
}

/// Whether the element `h` heads the article body `body`: it is inside the body
/// before most of its text, or before the body with little text between them.
fn heads(dom: &Dom, h: u32, body: u32, excluded: &[bool]) -> bool {
    let body_end = dom.subtree_end(body);
    let h_end = dom.subtree_end(h);
    let (from, to) = if h > body && h <= body_end {
        (body, h)
    } else if h_end < body {
        (h_end + 1, body)
    } else {
        return false;
    };
    let mut gap = 0usize;
    for id in from..to {
        if excluded.get(id as usize).copied().unwrap_or(false) {
            continue;
        }
        if let Some(t) = dom.text(id) {
            gap += t.trim().len();
            if gap > HEADLINE_GAP {
                return false;
            }
        }
    }
    true
}

fn norm(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Removes a site name joined to a title by a separator (`Headline | Site`,
/// `Site - Headline`); without a known site name, the longest part when one part is
/// much longer than the others.
fn strip_site(title: &str, site: Option<&str>) -> String {
    const SEPS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " · ", " » "];
    let title = title.trim();
    for sep in SEPS {
        let parts: Vec<&str> = title.split(sep).map(str::trim).collect();
        if parts.len() < 2 {
            continue;
        }
        if let Some(site) = site.map(norm).filter(|s| !s.is_empty()) {
            let keep: Vec<&str> = parts
                .iter()
                .copied()
                .filter(|p| {
                    let n = norm(p);
                    !(n == site
                        || (n.len() >= 3 && site.contains(&n))
                        || (site.len() >= 3 && n.contains(&site) && n.len() < site.len() + 12))
                })
                .collect();
            if !keep.is_empty() && keep.len() < parts.len() {
                return keep.join(sep);
            }
        }
        // Unknown site: drop a short last (or first) part.
        let (first, last) = (parts[0], parts[parts.len() - 1]);
        if parts.len() == 2 || sep == " | " {
            if last.len() * 3 < title.len() && last.split_whitespace().count() <= 4 {
                return parts[..parts.len() - 1].join(sep);
            }
            if first.len() * 3 < title.len() && first.split_whitespace().count() <= 3 {
                return parts[1..].join(sep);
            }
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_site_names() {
        assert_eq!(
            strip_site("Talks resume in Bishkek | Example News", Some("Example News")),
            "Talks resume in Bishkek"
        );
        assert_eq!(strip_site("Example - Talks resume in Bishkek", Some("Example")), "Talks resume in Bishkek");
        assert_eq!(
            strip_site("Talks resume in Bishkek after the long ceasefire - BBC News", None),
            "Talks resume in Bishkek after the long ceasefire"
        );
        assert_eq!(strip_site("Left - right", None), "Left - right");
    }

    fn meta_of(html: &str) -> PageMeta {
        let dom = Dom::parse(html);
        let art = super::super::article::extract(&dom, super::super::article::Mode::Page);
        read(&dom, art.root, &art.excluded, None)
    }

    const BODY: &str = "<p>The council met on Tuesday to discuss the harbour, the roads, the schools and the budget for next year.</p><p>Members agreed, after a long debate, to meet again in the spring with the new figures in hand.</p>";

    #[test]
    fn json_ld_published_date_wins_and_modified_is_never_used() {
        let page = format!(
            "<html><head><script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"Council meets\",\"dateModified\":\"2021-05-09T10:00:00Z\",\"datePublished\":\"2021-05-04T08:00:00Z\"}}</script>\
             <meta property=\"article:published_time\" content=\"2021-05-03\"></head><body><article>{BODY}</article></body></html>"
        );
        assert_eq!(meta_of(&page).date.map(|(d, _)| d.iso()), Some("2021-05-04".to_string()));
        let only_modified = format!(
            "<html><head><meta property=\"article:modified_time\" content=\"2021-05-09\"></head><body><article>{BODY}</article></body></html>"
        );
        assert_eq!(meta_of(&only_modified).date, None);
    }

    #[test]
    fn a_page_without_a_date_gets_none() {
        let page = format!("<html><head><title>Council meets</title></head><body><div>{BODY}</div></body></html>");
        assert_eq!(meta_of(&page).date, None);
    }

    #[test]
    fn time_element_at_the_article_but_not_in_a_related_list() {
        let page = format!(
            "<html><body><div class=\"story\"><time datetime=\"2020-02-11T09:00\">11 Feb</time>{BODY}</div>\
             <aside><time datetime=\"2019-01-01\">old</time></aside></body></html>"
        );
        assert_eq!(meta_of(&page).date.map(|(d, _)| d.iso()), Some("2020-02-11".to_string()));
        let related_only = format!(
            "<html><body><div class=\"story\">{BODY}</div><aside><ul><li><time datetime=\"2019-01-01\">old</time> Other story</li></ul></aside></body></html>"
        );
        assert_eq!(meta_of(&related_only).date, None);
        // A <time> under the story's paragraphs dates a review of the page, not the story.
        let long = "<p>The harbour board said the new quay would open in the spring, once the dredging of the channel and the work on the old sea wall were done and paid for.</p>";
        let reviewed = format!(
            "<html><body><div class=\"story\">{long}{BODY}<div>Date last reviewed: <time datetime=\"2020-04-14\">April 2020</time></div></div></body></html>"
        );
        assert_eq!(meta_of(&reviewed).date, None);
    }

    #[test]
    fn headline_prefers_the_h1_agreeing_with_og_title_and_drops_the_site_name() {
        let page = format!(
            "<html><head><title>Council meets on harbour | The Gazette</title><meta property=\"og:site_name\" content=\"The Gazette\">\
             <meta property=\"og:title\" content=\"Council meets on harbour - The Gazette\"></head>\
             <body><h1>Council meets on harbour</h1><div>{BODY}</div></body></html>"
        );
        assert_eq!(meta_of(&page).title.as_deref(), Some("Council meets on harbour"));
        let no_h1 = format!(
            "<html><head><title>The Gazette | Council meets on harbour</title><meta property=\"og:site_name\" content=\"The Gazette\"></head><body><div>{BODY}</div></body></html>"
        );
        assert_eq!(meta_of(&no_h1).title.as_deref(), Some("Council meets on harbour"));
    }

    #[test]
    fn a_date_written_at_the_head_of_the_article_after_a_label() {
        let date = |head: &str| {
            let page =
                format!("<html><body><div class=\"page\">{head}<div class=\"text\">{BODY}</div></div></body></html>");
            meta_of(&page).date.map(|(d, _)| d.iso())
        };
        let h1 = "<h1>Council meets on the harbour</h1>";
        for (head, want) in [
            (format!("{h1}<p class=\"meta\">Von <a href=\"/a\">Moritz Bachmann</a> publiziert am 25. September 2018</p>"), "2018-09-25"),
            (format!("{h1}<p>By <a href=\"/a\">A. Reporter</a> <span>on Monday, November 18th, 2019 at 11:08 a.m.</span></p>"), "2019-11-18"),
            (format!("{h1}<div class=\"when\"><div> October 12, 2017 </div></div>"), "2017-10-12"),
            (format!("{h1}<span>기사입력 :[ 2018-08-25 15:40 ]</span>"), "2018-08-25"),
            // A byline above the headline.
            (format!("<p><a href=\"/a\">Jane Doe</a> publicado el 3 de marzo de 2019</p>{h1}"), "2019-03-03"),
        ] {
            assert_eq!(date(&head).as_deref(), Some(want), "{head}");
        }
        for head in [
            // A sentence, a caption, an order nobody can tell.
            format!("{h1}<p>The vote took place on November 18, 2019.</p>"),
            format!("{h1}<figure><figcaption>The harbour on Nov. 6, 2019.</figcaption></figure>"),
            format!("{h1}<small>05/10/2018 - A. Reporter</small>"),
        ] {
            assert_eq!(date(&head), None, "{head}");
        }
    }

    #[test]
    fn a_shown_date_a_day_from_the_declared_timestamp_wins_only_where_no_time_zone_explains_it() {
        let date = |declared: &str, shown: &str| {
            let page = format!(
                "<html><head><script type=\"application/ld+json\">{{\"@type\":\"BlogPosting\",\"datePublished\":\"{declared}\"}}</script></head>\
                 <body><div class=\"page\"><h1>Council meets on the harbour</h1><p>{shown}</p><div class=\"text\">{BODY}</div></div></body></html>"
            );
            meta_of(&page).date.map(|(d, _)| d.iso())
        };
        // Late in the evening UTC is the next day further east, never the day before.
        assert_eq!(date("2024-06-11T22:15:00Z", "June 10, 2024").as_deref(), Some("2024-06-10"));
        assert_eq!(date("2024-06-11T22:15:00Z", "June 12, 2024").as_deref(), Some("2024-06-11"));
        // The day after stays the declared day even where no time zone reaches it: a
        // masthead shows the day the page was read.
        assert_eq!(date("2024-06-11T00:15:00Z", "June 12, 2024").as_deref(), Some("2024-06-11"));
        // Early in the morning UTC is still the day before in the Americas.
        assert_eq!(date("2024-06-11T02:15:00Z", "June 10, 2024").as_deref(), Some("2024-06-11"));
        // Without an offset the day as written may be read either way.
        assert_eq!(date("2024-06-11", "June 10, 2024").as_deref(), Some("2024-06-11"));
        assert_eq!(date("2024-06-11T22:15:00", "June 10, 2024").as_deref(), Some("2024-06-11"));
    }

    #[test]
    fn a_time_element_whose_text_leaves_the_day_unclear_shows_its_datetime() {
        let date = |head: &str| {
            let page =
                format!("<html><body><div class=\"page\">{head}<div class=\"text\">{BODY}</div></div></body></html>");
            meta_of(&page).date.map(|(d, _)| d.iso())
        };
        let h1 = "<h1>Council meets on the harbour</h1>";
        let time = "<time datetime=\"2023-10-12T19:38:01Z\">10/12/2023 7:38 PM</time>";
        assert_eq!(
            date(&format!("<div><small>{time}</small> <small>| 3 minute read</small></div>{h1}")).as_deref(),
            Some("2023-10-12")
        );
        assert_eq!(date(&format!("{h1}<p>By Ann Example, {time}</p>")).as_deref(), Some("2023-10-12"));
        // A day the text makes plain is the one shown.
        let plain = "<time datetime=\"2023-10-13T01:38:01Z\">October 12, 2023</time>";
        assert_eq!(date(&format!("{h1}<p>{plain}</p>")).as_deref(), Some("2023-10-12"));
        // Without a datetime the day stays unclear.
        assert_eq!(date(&format!("{h1}<p><time>10/12/2023</time></p>")), None);
    }

    #[test]
    fn a_date_set_apart_by_the_markup_after_a_byline_or_a_kicker() {
        let date = |head: &str| {
            let page =
                format!("<html><body><div class=\"page\">{head}<div class=\"text\">{BODY}</div></div></body></html>");
            meta_of(&page).date.map(|(d, _)| d.iso())
        };
        let h1 = "<h1>Council meets on the harbour</h1>";
        for (head, want) in [
            // A byline, then the date in its own element, then a comment count.
            (format!("{h1}<div><span>By</span> <a href=\"/a\">Ann Example</a> <span>Mar 5, 2025</span> | <a href=\"#c\">6 comments</a></div>"), "2025-03-05"),
            // A section kicker beside the date.
            (format!("<div><span><a href=\"/s\">Opinion</a></span><span class=\"when\">November 22, 2018 </span></div>{h1}"), "2018-11-22"),
            // The date, then a long byline.
            (format!("{h1}<div class=\"meta\"><span>Mar 5, 2025</span> by Ann Example, Representative to the Harbour Liaison Committee</div>"), "2025-03-05"),
            // A timestamp written out, and a day and month that read the same either way.
            (format!("{h1}<div><div>Ann Example</div><div>2022-11-23T08:10+02:00</div></div>"), "2022-11-23"),
            (format!("{h1}<p>By the desk editors</p><p>12.12.2025</p>"), "2025-12-12"),
            // The article's own <footer> holds its byline and date.
            (format!("<article>{h1}<footer><span>By Ann Example</span> <span>March 30, 2023</span></footer><div class=\"text\">{BODY}</div></article>"), "2023-03-30"),
        ] {
            assert_eq!(date(&head).as_deref(), Some(want), "{head}");
        }
        for head in [
            // A date inside a sentence stays out, even when the markup sets it apart.
            format!("{h1}<p>the vote took place on <b>November 18, 2019</b> after a debate</p>"),
            // A sentence that opens with the date is not a byline.
            format!(
                "{h1}<p>March 5, 2025 was the day the harbour council of the town agreed to rebuild the old quay.</p>"
            ),
            // The page's footer is not the article's.
            format!("{h1}<footer><span>By Ann Example</span> <span>March 30, 2023</span></footer>"),
        ] {
            assert_eq!(date(&head), None, "{head}");
        }
    }

    #[test]
    fn a_date_above_the_headline_but_not_beyond_the_page_menu() {
        let h1 = "<h1>Council meets on the harbour</h1>";
        // The headline inside the body, a kicker date above it.
        let page = format!(
            "<html><body><article><div class=\"when\">OCTOBER 13, 2025</div>{h1}{BODY}</article></body></html>"
        );
        assert_eq!(meta_of(&page).date.map(|(d, _)| d.iso()).as_deref(), Some("2025-10-13"));
        // A box of the site's above its breadcrumb is not the article's.
        let page = format!(
            "<html><body><div class=\"hours\"><div>March 14, 2026</div><p>Open 10 a.m. to 6 p.m.</p></div>\
             <nav><a href=\"/\">Home</a> / <a href=\"/g\">Garden</a></nav><article>{h1}{BODY}</article></body></html>"
        );
        assert_eq!(meta_of(&page).date, None);
    }

    #[test]
    fn a_date_under_a_headline_far_above_the_body_and_a_label_of_its_own() {
        let filler: String = (0..12)
            .map(|i| format!("<li><a href=\"/t{i}\">Section {i} of the guide to the harbour</a></li>"))
            .collect();
        let page = |meta: &str| {
            format!(
                "<html><head><meta property=\"og:title\" content=\"Council meets on the harbour\"></head><body>\
                 <div class=\"hero\"><h1>Council meets on the harbour</h1>{meta}</div>\
                 <div class=\"contents\"><ol>{filler}{filler}{filler}{filler}</ol></div><div class=\"text\">{BODY}</div></body></html>"
            )
        };
        let m = meta_of(&page("<div>Published</div><div>Apr 26, 2023</div>"));
        assert_eq!(m.date.map(|(d, _)| d.iso()).as_deref(), Some("2023-04-26"));
        // "Last updated:" in its own block marks the date after it.
        let m = meta_of(&page("<div>Last updated:</div><div>Feb 4, 2025</div>"));
        assert!(m.date.is_some_and(|(_, how)| how.starts_with("modification date")));
    }

    #[test]
    fn a_labelled_date_at_the_foot_of_the_article() {
        let page = |foot: &str| {
            format!(
                "<html><body><h1>Council meets on the harbour</h1><div class=\"text\">{BODY}</div>{foot}\
                 <footer><p>Copyright 2024 Example</p></footer></body></html>"
            )
        };
        let m = meta_of(&page("<div class=\"meta\"><span>Posted on April 13, 2023</span></div>"));
        assert_eq!(m.date.map(|(d, _)| d.iso()).as_deref(), Some("2023-04-13"));
        let m = meta_of(&page("<div><p>Published</p><p>Feb 2, 2023</p></div>"));
        assert_eq!(m.date.map(|(d, _)| d.iso()).as_deref(), Some("2023-02-02"));
        // Without a label naming publication, or marked as an update: none.
        assert_eq!(meta_of(&page("<div><span>April 13, 2023</span></div>")).date, None);
        assert_eq!(meta_of(&page("<div><span>Updated on April 13, 2023</span></div>")).date, None);
        // Comments, each with its date, are not the article's.
        let comments =
            "<ul><li><p>Posted on May 1, 2023 by Ann</p></li><li><p>Posted on May 2, 2023 by Bo</p></li></ul>";
        assert_eq!(meta_of(&page(comments)).date, None);
    }

    #[test]
    fn relative_dates_count_back_from_the_crawl_time_only() {
        for (line, back) in [
            ("3 hours ago", Some(0)),
            ("By A. Reporter · 2 days ago", Some(2)),
            ("vor 2 Wochen", Some(14)),
            ("il y a 3 jours", Some(3)),
            ("Yesterday at 10:40", Some(1)),
            ("Just now", Some(0)),
            ("3 days of talks", None),
            ("2 months ago", None),
        ] {
            assert_eq!(relative_in_line(line, &crate::Vocabulary::builtin_ref().words), back, "{line}");
        }
        let page = format!(
            "<html><body><article><h1>Council meets on the harbour</h1><p>By A. Reporter · 2 days ago</p><div class=\"text\">{BODY}</div></article></body></html>"
        );
        let dom = Dom::parse(&page);
        let art = super::super::article::extract(&dom, super::super::article::Mode::Page);
        let crawled = parse_date("2021-03-10T08:00:00Z", &crate::Vocabulary::builtin_ref().dates);
        let m = read(&dom, art.root, &art.excluded, crawled);
        assert_eq!(m.date.map(|(d, _)| d.iso()).as_deref(), Some("2021-03-08"));
        let m = read(&dom, art.root, &art.excluded, None);
        assert_eq!(m.date, None);
        assert!(m.no_date.is_some_and(|w| w.contains("crawl time is not known")));
    }
}
