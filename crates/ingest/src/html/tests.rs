//! Page extraction: body, metadata, encodings, and bad input.

use std::ops::ControlFlow;

use crate::{read_bytes, Format, ReadError, ReadOptions, Record};

fn read_page(name: &str, bytes: &[u8], limit: usize) -> Vec<Result<Record, ReadError>> {
    let mut out = Vec::new();
    let opts = ReadOptions { format: None, max_record_bytes: limit, ..ReadOptions::default() };
    read_bytes(name, bytes, Some(Format::Html), &opts, &mut |r| {
        out.push(r);
        ControlFlow::Continue(())
    });
    out
}

fn page(bytes: &[u8]) -> Record {
    let mut out = read_page("pages/story.html", bytes, 4 << 20);
    assert_eq!(out.len(), 1);
    match out.pop() {
        Some(Ok(r)) => r,
        other => panic!("expected a record, got {other:?}"),
    }
}

const PARAS: [&str; 3] = [
    "The foreign ministers of both countries met on Tuesday in the capital, and agreed to resume talks on the border, officials said.",
    "The talks, suspended since the spring, will start again next month, according to a statement released after the meeting.",
    "Neither side gave details of the agenda, but diplomats said trade and water rights were likely to be discussed.",
];

fn article_page(head: &str, url_path: &str) -> String {
    format!(
        r##"<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">{head}
<link rel="canonical" href="https://news.example.com{url_path}"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<div class="layout"><main><article><h1>Talks to resume on border</h1>
<p class="byline">By A. Reporter</p>
<div class="article-body"><p>{}</p><p>{}</p><div class="share"><a href="#">Share on Facebook</a></div><p>{}</p></div></article>
<aside><h3>Most read</h3><ul><li><a href="/a">Story one about something else entirely</a></li><li><a href="/b">Story two</a></li></ul></aside></main></div>
<footer><p>Copyright Example News. All rights reserved.</p></footer></body></html>"##,
        PARAS[0], PARAS[1], PARAS[2]
    )
}

#[test]
fn extracts_body_and_metadata() {
    let head = r#"<title>Talks to resume on border | Example News</title>
<meta property="og:title" content="Talks to resume on border | Example News">
<meta property="og:site_name" content="Example News">
<meta name="description" content="Ministers agree to restart negotiations.">
<meta name="author" content="A. Reporter">
<meta property="article:modified_time" content="2020-01-02T10:00:00Z">
<meta property="article:published_time" content="2019-11-19T23:30:00-05:00">"#;
    let r = page(article_page(head, "/world/talks").as_bytes());
    assert_eq!(r.text, PARAS.join("\n\n"));
    assert_eq!(r.id, "story");
    assert_eq!(r.format, "html");
    assert!(r.extracted);
    assert_eq!(r.title.as_deref(), Some("Talks to resume on border"));
    assert_eq!(r.lead.as_deref(), Some("Ministers agree to restart negotiations."));
    assert_eq!(r.date.as_deref(), Some("2019-11-19"));
    assert_eq!(r.author.as_deref(), Some("A. Reporter"));
    assert_eq!(r.site.as_deref(), Some("Example News"));
    assert_eq!(r.language.as_deref(), Some("en"));
    assert_eq!(r.url.as_deref(), Some("https://news.example.com/world/talks"));
}

#[test]
fn date_sources_in_order() {
    // JSON-LD.
    let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},
        {"@type":"NewsArticle","headline":"Talks to resume on border","datePublished":"2019-11-18","dateModified":"2019-11-20",
         "author":[{"@type":"Person","name":"A. Reporter"},{"@type":"Person","name":"B. Writer"}],"publisher":{"@type":"Organization","name":"Example News"}}]}</script>"#;
    let r = page(article_page(ld, "/world/talks").as_bytes());
    assert_eq!(r.date.as_deref(), Some("2019-11-18"));
    assert_eq!(r.author.as_deref(), Some("A. Reporter, B. Writer"));
    assert_eq!(r.site.as_deref(), Some("Example News"));
    // The URL path.
    let r = page(article_page("<title>Talks</title>", "/2019/11/17/world/talks").as_bytes());
    assert_eq!(r.date.as_deref(), Some("2019-11-17"));
    // A <time> marked as the publication time.
    let html = article_page("", "/world/talks").replace(
        "<p class=\"byline\">",
        "<p><time pubdate datetime=\"2019-11-16T08:00\">16 Nov</time></p><p class=\"byline\">",
    );
    assert_eq!(page(html.as_bytes()).date.as_deref(), Some("2019-11-16"));
}

#[test]
fn no_date_rather_than_a_guess() {
    // Only a modification date and a crawl-like date: no publication date.
    let head = r#"<meta property="article:modified_time" content="2020-01-02"><meta name="last-modified" content="2020-01-02">"#;
    let r = page(article_page(head, "/world/talks").as_bytes());
    assert_eq!(r.date, None);
    // A date in a sidebar is not the article's.
    let html = article_page("", "/world/talks")
        .replace("<h3>Most read</h3>", "<h3>Most read</h3><time datetime=\"2019-01-01\">1 Jan</time>");
    assert_eq!(page(html.as_bytes()).date, None);
}

#[test]
fn legacy_encoding_and_detected_language() {
    let body = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><body><div>\
        <p>Le ministre des affaires \u{e9}trang\u{e8}res a d\u{e9}clar\u{e9} mardi que les n\u{e9}gociations reprendraient la semaine prochaine \u{e0} Paris.</p>\
        <p>Les discussions, suspendues depuis le printemps, porteront sur la fronti\u{e8}re et sur le commerce entre les deux pays.</p></div></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(body);
    let r = page(&bytes);
    assert!(r.text.contains("affaires étrangères a déclaré"), "{}", r.text);
    assert_eq!(r.language.as_deref(), Some("fr"));
}

#[test]
fn deeply_nested_page() {
    let html =
        format!("<html><body>{}<p>{}</p>{}</body></html>", "<div>".repeat(100_000), PARAS[0], "</div>".repeat(100_000));
    let r = page(html.as_bytes());
    assert_eq!(r.text, PARAS[0]);
}

#[test]
fn oversized_page_is_refused() {
    // Stands for a 100 MB page: the limit is set small instead.
    let html = article_page("", "/x").repeat(50);
    let out = read_page("big.html", html.as_bytes(), 10_000);
    assert_eq!(out.len(), 1);
    assert!(matches!(out[0], Err(ReadError::TooLarge { limit: 10_000, .. })), "{:?}", out[0]);
}

#[test]
fn empty_and_textless_pages() {
    let out = read_page("e.html", b"  \n", 1000);
    assert!(matches!(out[0], Err(ReadError::Empty { .. })));
    let r = page(b"<html><head><title>Nothing here</title></head><body><nav><a href=/>Home</a></nav></body></html>");
    assert_eq!(r.text, "");
    assert_eq!(r.title.as_deref(), Some("Nothing here"));
    assert!(r.warnings.iter().any(|w| w.contains("no article text")));
}

#[test]
fn truncated_gzip_page() {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = gz.write_all(article_page("", "/x").as_bytes());
    let bytes = gz.finish().unwrap_or_default();
    // What decoded is read, with a warning; trailing garbage after a whole page too.
    let out = read_page("t.html.gz", &bytes[..bytes.len() / 2], 1 << 20);
    assert_eq!(out.len(), 1);
    let r = out[0].as_ref().map_err(|e| e.to_string());
    assert!(r.is_ok_and(|r| r.warnings.iter().any(|w| w.contains("gzip data breaks"))), "{:?}", out[0]);
    let mut garbage = bytes.clone();
    garbage.extend_from_slice(b"\n\0\0trailing bytes of a broken upload");
    let out = read_page("t.html.gz", &garbage, 1 << 20);
    assert_eq!(out.len(), 1);
    let r = out[0].as_ref().ok();
    assert!(
        r.is_some_and(|r| r.text.contains("The foreign ministers of both countries")
            && r.warnings.iter().any(|w| w.contains("gzip data breaks"))),
        "{:?}",
        out[0]
    );
    // Broken from the first byte: nothing to keep.
    let out = read_page("t.html.gz", b"\x1f\x8b\x08\xffnot gzip", 1 << 20);
    let e = out[0].as_ref().err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.starts_with("t.html.gz: cannot read"), "{e}");
}

#[test]
fn fragments_and_inline_text() {
    assert_eq!(
        super::fragment_text("<p>One &amp; two.</p><p>Three<br>four</p>", crate::Vocabulary::builtin_ref()),
        "One & two.\n\nThree\n\nfour"
    );
    assert_eq!(super::inline_text("A <b>bold</b> &quot;move&quot;"), "A bold \"move\"");
    assert_eq!(super::page_id("dir/042bb7.html.gz"), "042bb7");
}

/// A page whose body is `body` inside an `<article>`, between a menu and a footer.
fn body_page(body: &str) -> String {
    format!(
        r#"<html><head><title>Talks to resume on border</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>{body}</article><footer><p>Copyright Example News. All rights reserved.</p></footer></body></html>"#
    )
}

#[test]
fn inline_boilerplate_inside_a_paragraph_is_dropped() {
    // A caption `<span>` and a hover card inside paragraphs leave no block of their own.
    let body = format!(
        "<p>{}</p><div class=\"photo\"><span class=\"newsCaption\">The ministers shake hands (Image: Agency)</span></div>\
         <p>{} <span class=\"people-rollover\"><a href=\"/p\">More stories about the minister</a></span></p><p>{}</p>",
        PARAS[0], PARAS[1], PARAS[2]
    );
    let r = page(body_page(&body).as_bytes());
    assert_eq!(r.text, PARAS.join("\n\n"));
}

#[test]
fn camel_case_class_names_are_read_as_words() {
    let body = format!("<p>{}</p><p>{}</p><div class=\"emailSignup\"><p>Get the news in your inbox every morning of the week, sign up today.</p></div><p>{}</p>", PARAS[0], PARAS[1], PARAS[2]);
    assert_eq!(page(body_page(&body).as_bytes()).text, PARAS.join("\n\n"));
}

#[test]
fn a_sentence_with_linked_words_is_kept_and_a_teaser_is_not() {
    let lead = "Van Der Beek was eliminated from <a href=\"/dwts\">Dancing with the Stars and the whole show</a>.";
    let body = format!(
        "<p>{lead}</p><p>{}</p><p><a href=\"/x\">MORE: Minister resigns over talks</a></p><p>{}</p><p>{}</p>",
        PARAS[0], PARAS[1], PARAS[2]
    );
    let r = page(body_page(&body).as_bytes());
    let lead_text = "Van Der Beek was eliminated from Dancing with the Stars and the whole show.";
    assert_eq!(r.text, format!("{lead_text}\n\n{}", PARAS.join("\n\n")));
}

#[test]
fn ad_labels_are_dropped() {
    let body = format!(
        "<p>{}</p><div class=\"slot\">Advertisement</div><p>{}</p><p>ADVERT:</p><p>{}</p>",
        PARAS[0], PARAS[1], PARAS[2]
    );
    assert_eq!(page(body_page(&body).as_bytes()).text, PARAS.join("\n\n"));
}

#[test]
fn a_list_the_story_ends_with_stays_and_a_share_bar_does_not() {
    let items: Vec<String> =
        (1..=8).map(|i| format!("{i}) Boxed set of the classic adventure films, volume {i}")).collect();
    let list: String = items
        .iter()
        .map(|t| format!("{t}<br><a href=\"http://sho.rt/{i}\">http://sho.rt/{i}</a><br>", i = t.len()))
        .collect();
    let body = format!("<p>{}</p><p>{}</p><p>{list}</p><p>Share</p>", PARAS[0], PARAS[1]);
    let text = page(body_page(&body).as_bytes()).text;
    assert!(text.starts_with(&format!("{}\n\n{}\n\n1) Boxed set", PARAS[0], PARAS[1])), "{text}");
    assert!(text.contains("volume 8") && text.contains("http://sho.rt/"), "{text}");
    // A few short fragments after the story are still trimmed.
    let body = format!("<p>{}</p><p>{}</p><p>By A. Reporter</p><p>Share</p>", PARAS[0], PARAS[1]);
    assert_eq!(page(body_page(&body).as_bytes()).text, format!("{}\n\n{}", PARAS[0], PARAS[1]));
}

#[test]
fn a_list_the_story_opens_with_stays() {
    let list: String =
        (1..=8).map(|i| format!("<div>Result {i}: the home side won the match by two goals to one</div>")).collect();
    let body = format!("{list}<p>{}</p><p>{}</p>", PARAS[0], PARAS[1]);
    let text = page(body_page(&body).as_bytes()).text;
    assert!(text.starts_with("Result 1: the home side"), "{text}");
    assert!(text.ends_with(PARAS[1]), "{text}");
}

/// A page with `head`, a logo `<h1>` in a header bar, `before` just ahead of the
/// article and the three paragraphs as its body.
fn headed_page(head: &str, before: &str) -> String {
    format!(
        r#"<html><head>{head}</head><body><div class="bar"><h1>The Gazette</h1><a href="/">Home</a></div>
<aside><h1>Most read today in the Gazette</h1></aside><div class="story">{before}<div class="text"><p>{}</p><p>{}</p><p>{}</p></div></div>
<ul class="related"><li><span class="publish-date">January 2, 2018</span> Older story</li></ul></body></html>"#,
        PARAS[0], PARAS[1], PARAS[2]
    )
}

#[test]
fn headline_is_the_visible_h1_over_a_differently_worded_og_title() {
    let head = r#"<title>Talks resume | The Gazette</title><meta property="og:title" content="Border talks: what to expect"><meta property="og:site_name" content="The Gazette">"#;
    let r = page(
        headed_page(
            head,
            "<h1>Ministers agree to resume talks on the border<script>var x = 1;</script></h1><p>By A. Reporter</p>",
        )
        .as_bytes(),
    );
    assert_eq!(r.title.as_deref(), Some("Ministers agree to resume talks on the border"));
    // Without an article <h1>, the declared title; the logo and the sidebar's <h1> are not headlines.
    let r = page(headed_page(head, "").as_bytes());
    assert_eq!(r.title.as_deref(), Some("Border talks: what to expect"));
    // Two <h1>s agreeing with the declared title: the blog's name and the post's title.
    let head = r#"<meta property="og:title" content="September open thread - The Gazette Blog">"#;
    let r = page(headed_page(head, "<h1>The Gazette Blog</h1><h1>September open thread</h1>").as_bytes());
    assert_eq!(r.title.as_deref(), Some("September open thread"));
}

#[test]
fn dates_from_labelled_elements_and_loose_values_but_not_from_related_lists() {
    let r = page(headed_page("", r#"<span class="article-publish-date">November 19, 2019, 9:02 AM</span>"#).as_bytes());
    assert_eq!(r.date.as_deref(), Some("2019-11-19"));
    let r = page(headed_page("", r#"<span itemprop="datePublished">Fri 6:45 PM, Feb 16, 2018</span>"#).as_bytes());
    assert_eq!(r.date.as_deref(), Some("2018-02-16"));
    let r = page(headed_page(r#"<meta name="sn-post-date" content="2019/11/19">"#, "").as_bytes());
    assert_eq!(r.date.as_deref(), Some("2019-11-19"));
    // JSON-LD that is not valid JSON (a raw line break in a string), with a time first.
    let ld = "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"articleBody\": \"Line one\nline two\", \"datePublished\": \"01:38:07 PM IST Nov 20, 2019\"}</script>";
    assert_eq!(page(headed_page(ld, "").as_bytes()).date.as_deref(), Some("2019-11-20"));
    // Only a related story after the body carries a date, and a modified date in the
    // markup: none.
    let r = page(headed_page(r#"<meta property="article:modified_time" content="2019-03-03">"#, "").as_bytes());
    assert_eq!(r.date, None);
    assert_eq!(r.date_why.as_deref(), Some("the page states no publication date"));
    // A page that shows its reader only a modification date is dated by it, and says so.
    let r = page(headed_page("", r#"<span class="date-modified">March 3, 2019</span>"#).as_bytes());
    assert_eq!(r.date.as_deref(), Some("2019-03-03"));
    assert!(r.date_why.is_some_and(|w| w.starts_with("modification date shown")));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
    #[test]
    fn never_panics_on_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2000)) {
        let _ = read_page("p.html", &bytes, 1 << 20);
    }

    #[test]
    fn never_panics_on_markup(s in "(<[a-zA-Z/!?]{0,3}[a-z ='\"&;#x0-9]{0,12}>?|[a-z &;<>]{0,8}){0,60}") {
        let _ = read_page("p.html", s.as_bytes(), 1 << 20);
    }

    #[test]
    fn never_panics_on_truncated_pages(cut in 0usize..3000) {
        let html = article_page("<meta property=\"article:published_time\" content=\"2019-11-19\">", "/2019/11/19/x");
        let mut end = cut.min(html.len());
        while !html.is_char_boundary(end) { end -= 1; }
        let _ = read_page("p.html", &html.as_bytes()[..end], 1 << 20);
    }
}

#[test]
fn text_loose_in_a_container_beside_a_link_column_is_the_body() {
    // The story is bare text (lines cut by `<br>`) in a column that also holds a
    // headline paragraph; the column's row holds a long menu of links. The text is a
    // paragraph of the column, not of the row, so the footer's address does not win.
    let menu: String =
        (1..=40).map(|i| format!("<li><a href=\"/c{i}\">Category number {i} of the archive</a></li>")).collect();
    let html = format!(
        r#"<html><body><div id="page"><div class="row"><div class="col-3"><ul>{menu}</ul></div>
<div class="col-9"><p class="headline">Talks to resume on border</p><small>05/10/2018 - Clarissa</small><br><br>{}<br><br>{}<br><br>{}</div></div>
<div class="bottom"><div>Example Town, Main Street 1111, Riverside, 89259-565, PO Box 421, Phone: (047) 2106-8000</div></div></div></body></html>"#,
        PARAS[0], PARAS[1], PARAS[2]
    );
    assert_eq!(page(html.as_bytes()).text, PARAS.join("\n\n"));
}

#[test]
fn an_author_bio_box_after_the_story_is_dropped() {
    for class in ["author-bio", "postAuthor", "about-the-author"] {
        let body = format!(
            "<div class=\"text\"><p>{}</p><p>{}</p><p>{}</p></div><div class=\"{class}\"><p>Jane Doe is a reporter based in the capital who has covered diplomacy, trade and the border for ten years. She loves hiking, reading and coffee.</p></div>",
            PARAS[0], PARAS[1], PARAS[2]
        );
        assert_eq!(page(body_page(&body).as_bytes()).text, PARAS.join("\n\n"), "{class}");
    }
}

#[test]
fn the_body_does_not_grow_over_a_list_of_cut_off_excerpts() {
    let teasers: String = (1..=4)
        .map(|i| format!("<div class=\"item\"><div class=\"card\"><p>Story {i}: the committee heard from a series of witnesses on Friday, and the most important development of day {i} was a question that nobody asked, as the hearing ...</p></div></div>"))
        .collect();
    let html = format!(
        r#"<html><body><div class="page"><div class="story"><p>{}</p><p>{}</p><p>{}</p></div><h4>Most Popular</h4><div class="list">{teasers}</div></div></body></html>"#,
        PARAS[0], PARAS[1], PARAS[2]
    );
    assert_eq!(page(html.as_bytes()).text, PARAS.join("\n\n"));
}

#[test]
fn the_body_does_not_grow_over_another_article_element() {
    let html = format!(
        r#"<html><body><div class="col"><div class="story"><p>{}</p><p>{}</p><p>{}</p></div>
<article class="next"><p>In other news, the city council approved the new budget on Monday evening after a long debate, with the vote split along party lines as expected.</p></article></div></body></html>"#,
        PARAS[0], PARAS[1], PARAS[2]
    );
    assert_eq!(page(html.as_bytes()).text, PARAS.join("\n\n"));
}

#[test]
fn a_page_drawn_by_scripts_takes_its_json_ld_article_body() {
    const LAST: &str = "Officials from both capitals said a first round would be held at the border crossing itself, with a second in a neutral city, and that the water commission would report to both delegations before the end of the year.";
    let ld = format!(
        r#"{{"@context":"https://schema.org","@type":"NewsArticle","headline":"Talks to resume on border","articleBody":"{}\n{}\n\n{} &amp; more.\n{LAST}"}}"#,
        PARAS[0], PARAS[1], PARAS[2]
    );
    let html = format!(
        r#"<html><head><script type="application/ld+json">{ld}</script></head><body><div id="app"><p>Loading the story, please wait.</p></div><script>render()</script></body></html>"#
    );
    let r = page(html.as_bytes());
    assert_eq!(r.text, format!("{}\n\n{}\n\n{} & more.\n\n{LAST}", PARAS[0], PARAS[1], PARAS[2]));
    // A page whose HTML holds the story keeps its own text, not a shorter summary.
    let ld = r#"{"@type":"NewsArticle","articleBody":"Ministers met."}"#;
    let r = page(article_page(&format!(r#"<script type="application/ld+json">{ld}</script>"#), "/x").as_bytes());
    assert_eq!(r.text, PARAS.join("\n\n"));
}

/// A page builder's story: the headline and every paragraph in its own `widget`
/// block, beside a real sidebar widget.
#[test]
fn a_story_built_of_widget_blocks_is_kept_and_a_sidebar_widget_is_not() {
    let block = |t: &str| {
        format!("<div class=\"pb-widget pb-widget-text\"><div class=\"pb-widget-container\"><p>{t}</p></div></div>")
    };
    let html = format!(
        "<html><body><div class=\"pb-section\"><div class=\"pb-widget pb-widget-heading\"><h1>Talks to resume on border</h1></div>{}{}{}</div>\
         <div class=\"sidebar-area\"><div class=\"widget recent-posts\"><p>Read our other story about the harbour, the roads and the new school, written last week.</p></div></div></body></html>",
        block(PARAS[0]),
        block(PARAS[1]),
        block(PARAS[2])
    );
    assert_eq!(page(html.as_bytes()).text, PARAS.join("\n\n"));
}

/// A story a site builder put inside a `<header>`, and one a script-streamed page keeps
/// in `hidden` elements until its scripts move it into place: read when nothing else
/// is left.
#[test]
fn a_story_in_a_header_or_in_hidden_streamed_parts_is_found_when_nothing_else_is() {
    let in_header = format!(
        "<html><body><nav><a href=\"/\">Home</a></nav><header class=\"section-post-content\"><h1>Talks to resume</h1><p>{}</p><p>{}</p><p>{}</p></header><footer>Contact us</footer></body></html>",
        PARAS[0], PARAS[1], PARAS[2]
    );
    assert_eq!(page(in_header.as_bytes()).text, PARAS.join("\n\n"));
    let streamed = format!(
        "<html><body><div id=\"app\"><p>Loading</p></div><div hidden id=\"S:1\"><div><p>{}</p><p>{}</p><p>{}</p></div></div><script>move('S:1')</script></body></html>",
        PARAS[0], PARAS[1], PARAS[2]
    );
    assert_eq!(page(streamed.as_bytes()).text, PARAS.join("\n\n"));
    // With a story in view, a page header and hidden parts stay out.
    let normal = format!(
        "<html><body><header><p>Welcome to the Example Gazette, the paper of the valley since the old days.</p></header><article><p>{}</p><p>{}</p></article><div hidden><p>A hidden note that should never be read as part of the story at all.</p></div></body></html>",
        PARAS[0], PARAS[1]
    );
    assert_eq!(page(normal.as_bytes()).text, PARAS[..2].join("\n\n"));
}

/// A story in a `<header>` beside a longer box of other text (a site builder's post
/// template with its FAQ below): the header holds most of the prose, so it is the
/// story; and a page whose banner `<aside>` was left open around the `<main>`.
#[test]
fn a_header_holding_most_of_the_prose_and_an_aside_left_open_are_read() {
    let faq = "<section class=\"faq\"><h2>Questions</h2><p>How do the talks work? Each side sends a delegation, and the hosts chair the sessions in turn, with notes kept by both delegations and read back at the end of the day.</p><p>Who can attend the sessions? Only the delegations and their advisers, though a summary of what was agreed is published for the press and the public after each round ends.</p></section>";
    let in_header = format!(
        "<html><body><nav><a href=\"/\">Home</a></nav><main><header class=\"section-post\"><h1>Talks to resume</h1><div class=\"rich\"><p>{}</p><p>{}</p><p>{}</p><p>{}</p></div></header></main><div class=\"more\"><div>{faq}</div></div><footer>Contact us</footer></body></html>",
        PARAS[0], PARAS[1], PARAS[2], PARAS[0]
    );
    let text = page(in_header.as_bytes()).text;
    assert!(text.starts_with(&PARAS.join("\n\n")), "{text}");
    let open_aside = format!(
        "<html><body><aside class=\"banner\"><div><a href=\"/news\"><span>Our big news</span></a></div><div><a href=\"/\">Home</a></div>\
         <main><article><h1>Talks to resume</h1><p>{}</p><p>{}</p><p>{}</p></article></main></body></html>",
        PARAS[0], PARAS[1], PARAS[2]
    );
    assert_eq!(page(open_aside.as_bytes()).text, PARAS.join("\n\n"));
    // A page header with a paragraph of its own stays out beside a story.
    let normal = format!(
        "<html><body><header><p>Welcome to the Example Gazette, the paper of the valley since the old days.</p></header><main><p>{}</p><p>{}</p></main></body></html>",
        PARAS[0], PARAS[1]
    );
    assert_eq!(page(normal.as_bytes()).text, PARAS[..2].join("\n\n"));
}

/// A list whose items each hold a title, a credit line and a text: the body climbs
/// from the best item's text past its title to the whole list.
#[test]
fn a_list_of_titled_items_is_read_whole() {
    let item = |title: &str, t: &str| {
        format!("<div class=\"entry\"><div class=\"entry-head\"><h2>{title}</h2><span>Made by Example Works</span></div><div class=\"entry-text\"><p>{t}</p><p>{t}</p></div></div>")
    };
    let html = format!(
        "<html><body><nav><a href=\"/\">Home</a> <a href=\"/games\">Games</a></nav><main><h1>The best board games of the year</h1>\
         <div class=\"entries\"><div class=\"entry-wrap\">{}</div><div class=\"entry-wrap\">{}</div><div class=\"entry-wrap\">{}</div></div></main></body></html>",
        item("Harbour", PARAS[0]),
        item("Border", PARAS[1]),
        item("Water", PARAS[2])
    );
    let text = page(html.as_bytes()).text;
    for p in PARAS {
        assert!(text.contains(p), "{text}");
    }
}

/// What the page shows at the head of the article against what its markup declares.
#[test]
fn the_date_shown_at_the_head_against_the_declared_one() {
    let date = |head: &str, before: &str| page(headed_page(head, before).as_bytes()).date;
    let published = r#"<meta property="article:published_time" content="2021-03-10T09:00:00Z">"#;
    let modified = r#"<meta property="article:modified_time" content="2023-06-01T09:00:00Z">"#;
    // The page shows another day than its markup: the page's.
    assert_eq!(date(published, "<p>By A. Reporter - June 5, 2022</p>").as_deref(), Some("2022-06-05"));
    // It shows its declared modification date, or the declared day in another time zone:
    // the declared publication.
    let both = format!("{published}{modified}");
    assert_eq!(date(&both, "<p>By A. Reporter - June 1, 2023</p>").as_deref(), Some("2021-03-10"));
    assert_eq!(date(published, "<p>March 11, 2021</p>").as_deref(), Some("2021-03-10"));
    // "Published ... Updated ...": the publication.
    assert_eq!(
        date("", "<p>Posted on <span>Mar 10, 2021</span> Updated at <span>Jun 1, 2023</span></p>").as_deref(),
        Some("2021-03-10")
    );
}

/// A `WebPage`'s `datePublished` (the record of a page, not an article) dates nothing
/// by itself; an `Article`'s does.
#[test]
fn a_web_page_record_date_alone_is_no_publication_date() {
    let ld = |t: &str| {
        format!("<script type=\"application/ld+json\">{{\"@type\":\"{t}\",\"datePublished\":\"2019-12-12T10:00:00+00:00\"}}</script>")
    };
    let r = page(headed_page(&ld("WebPage"), "").as_bytes());
    assert_eq!(r.date, None);
    assert_eq!(page(headed_page(&ld("BlogPosting"), "").as_bytes()).date.as_deref(), Some("2019-12-12"));
}

/// Dates at the head read in the line they stand in: not a date a sentence splits into
/// pieces, a range, or one of a list of dated items; a byline after a separator is.
#[test]
fn dates_at_the_head_are_read_in_their_line() {
    let date = |before: &str| page(headed_page("", before).as_bytes()).date;
    for before in [
        "<p>This offer is valid through<!-- --> <!-- -->01/23/2026<!-- -->.</p>",
        "<p>Figures as of <span>December 31, 2025</span>.</p>",
        "<p>DATE: 2025-12-12 - 2025-12-17</p>",
        "<ul><li><div>March 16, 2026</div> Harbour fair</li><li><div>April 2, 2026</div> Road show</li></ul>",
    ] {
        assert_eq!(date(before), None, "{before}");
    }
    assert_eq!(
        date("<div><strong>By <a href=\"/a\">Dr. Jane Doe</a></strong> - Mar 27, 2024</div>").as_deref(),
        Some("2024-03-27")
    );
    // The page's locale orders a numeric date.
    let us = headed_page("", "<p>By Example Desk</p><p>09.10.2024</p>").replace("<html>", "<html lang=\"en-US\">");
    assert_eq!(page(us.as_bytes()).date.as_deref(), Some("2024-09-10"));
}

/// An article a page builder cut into parts, each in its own wrappers with a heading and
/// a short list beside its text: the parts score alike, so the body is what holds them
/// all (the climb alone stops, as each part adds as much list as prose).
#[test]
fn an_article_cut_into_parts_that_score_alike_is_read_whole() {
    const TEXTS: [&str; 4] = [
        "The first ferry of the morning leaves the harbour at six, and the crossing, weather allowing, takes a little under two hours.",
        "Tickets can be bought at the quay, on board, or in advance, and children under twelve travel for half the adult fare.",
        "Bicycles travel free of charge, but cars must be booked a day ahead, since the deck holds only twenty of them at a time.",
        "On the island, buses meet every ferry, and the timetable, posted at the quay, is kept even on Sundays and public holidays.",
    ];
    let part = |i: usize, t: &str| {
        format!(
            "<div class=\"pb-section pb-section-{i}\"><div class=\"pb-row\"><h2>Part {i} of the guide</h2>\
             <div class=\"pb-text\"><p>{t}</p><p>{t}</p></div>\
             <ul><li>Open daily</li><li>Free parking</li><li>Cafe on deck</li><li>Dogs welcome</li><li>Wheelchair access</li><li>Lockers</li></ul></div></div>"
        )
    };
    let parts: String = TEXTS.iter().enumerate().map(|(i, t)| part(i + 1, t)).collect();
    let html = format!(
        "<html><body><nav><a href=\"/\">Home</a> <a href=\"/guides\">Guides</a></nav><main><h1>A guide to the island ferry</h1>\
         <div class=\"pb-content\">{parts}</div></main><footer><p>Copyright Example Guides.</p></footer></body></html>"
    );
    let text = page(html.as_bytes()).text;
    for t in TEXTS {
        assert!(text.contains(t), "{text}");
    }
}

/// Teaser cards of other stories beside a short story score like it; their cut-off
/// excerpts are not prose, so they do not make the body grow over them.
#[test]
fn teasers_scoring_like_a_short_story_do_not_pull_the_body_up() {
    let teaser = |i: usize| {
        format!("<div class=\"card\"><div class=\"card-text\"><p>Story {i}: the committee heard from a series of witnesses on Friday, and the most important question of the day was one that nobody asked ...</p></div></div>")
    };
    let teasers: String = (1..=4).map(teaser).collect();
    let html = format!(
        "<html><body><div class=\"page\"><div class=\"story\"><p>{}</p><p>{}</p></div><div class=\"more\">{teasers}</div></div></body></html>",
        PARAS[0], PARAS[1]
    );
    assert_eq!(page(html.as_bytes()).text, PARAS[..2].join("\n\n"));
}

/// A list article whose best-scoring item holds little of its prose: the items around
/// it, each with a title and a list of facts, are read with it (they add twice as
/// much prose as the facts, not the four times a body needs to grow otherwise).
#[test]
fn a_best_item_holding_little_of_the_prose_grows_to_the_whole_list() {
    const DENSE: &str =
        "Small, light, cheap, quiet, sturdy, simple, foldable, washable, repairable, and, above all, easy to carry.";
    const LONG: [&str; 3] = [
        "The larger model carries two people and their luggage for a week on the water without any trouble at all and it keeps a steady line in a crosswind that would push lighter boats off course within minutes",
        "The inflatable model packs into a bag the size of a suitcase and goes up with a foot pump in about ten minutes which makes it the one to take on a train or a bus to a lake that has no hire service",
        "The wooden model is the heaviest of the four and the most expensive but it is also the one that will still be on the water in thirty years if it is oiled every spring and kept out of the winter sun",
    ];
    let facts = "<ul><li>Weight: about twenty kilos</li><li>Length: three metres forty</li><li>Seats: two adults and a child</li><li>Price: from four hundred</li><li>Warranty: five years in all</li></ul>";
    let item = |title: &str, paras: &[&str]| {
        let ps: String = paras.iter().map(|p| format!("<p>{p}.</p>")).collect();
        format!("<div class=\"item\"><h3>{title}</h3><div class=\"copy\">{ps}</div>{facts}</div>")
    };
    let html = format!(
        "<html><body><nav><a href=\"/\">Home</a></nav><main><h1>Four canoes for a first summer on the water</h1><div class=\"list\">{}{}{}{}</div></main></body></html>",
        item("The folding canoe", &[DENSE.trim_end_matches('.')]),
        item("The touring canoe", &[LONG[0], LONG[0]]),
        item("The inflatable canoe", &[LONG[1], LONG[1]]),
        item("The wooden canoe", &[LONG[2], LONG[2]]),
    );
    let text = page(html.as_bytes()).text;
    assert!(text.contains(DENSE), "{text}");
    for p in LONG {
        assert!(text.contains(p), "{text}");
    }
}

/// A page read with the built-in words and those of `text`, a `--dict` directory's
/// `file` (`dates.txt`, `boilerplate.txt`).
fn page_with(bytes: &[u8], file: &str, text: &str) -> Record {
    let mut vocabulary = crate::Vocabulary::clone(&crate::Vocabulary::builtin());
    vocabulary.add_file(file, file, text).unwrap_or_else(|e| panic!("{e}"));
    let opts = ReadOptions { vocabulary: std::sync::Arc::new(vocabulary), ..ReadOptions::default() };
    let mut out = Vec::new();
    read_bytes("pages/story.html", bytes, Some(Format::Html), &opts, &mut |r| {
        out.push(r);
        ControlFlow::Continue(())
    });
    match out.pop() {
        Some(Ok(r)) => r,
        other => panic!("expected a record, got {other:?}"),
    }
}

#[test]
fn an_added_month_name_dates_a_page() {
    // Polish writes the month in the genitive after a day ("19 listopada 2019"), a form
    // the built-in words do not hold.
    let html = headed_page("", "<p>Opublikowano 19 listopada 2019</p>");
    assert_eq!(page(html.as_bytes()).date, None);
    let r = page_with(html.as_bytes(), "dates.txt", "month 11 | listopada # November, genitive\n");
    assert_eq!(r.date.as_deref(), Some("2019-11-19"));
}

#[test]
fn an_added_label_drops_an_ad_slot() {
    let html = format!(
        "<html><body><article><h1>Talks to resume</h1><p>{}</p><p>Reklam</p><p>{}</p><p>{}</p></article></body></html>",
        PARAS[0], PARAS[1], PARAS[2]
    );
    assert!(page(html.as_bytes()).text.contains("Reklam"));
    let r = page_with(html.as_bytes(), "boilerplate.txt", "label | reklam # Swedish\n");
    assert_eq!(r.text, PARAS.join("\n\n"));
}

/// A ranking whose introduction scores best, each ranked item in its own section with
/// unlinked headings and lists of short facts (prices, pros): the headings and plain
/// list items neither hold the body back nor carry it up, so the sections, which add
/// more prose than the introduction holds, are read with it; a box of teasers under
/// linked headings adding one short paragraph is not.
#[test]
fn sections_with_headings_and_plain_lists_join_the_introduction() {
    const INTRO: &str = "Choosing a tent for a first trip is harder than it looks, since the shops sell dozens of models, and the labels say little about how each one copes with wind, rain or a cold night in the hills.";
    const INTRO2: &str = "We pitched, slept in and packed up each of them, on a campsite, a beach and a hillside, over three weekends, in sun, rain and wind.";
    const ITEMS: [&str; 3] = [
        "The dome tent goes up in five minutes, stands firm in a breeze, and packs small enough to fit under the seat of a bicycle, which is why we put it first.",
        "The tunnel tent gives two people room to sit up and cook in the porch, though it needs every peg in the ground before the first gust arrives in the evening.",
        "The pop-up tent is the quickest to pitch of all, but it folds into a wide flat disc that is awkward to carry any distance from the car park.",
    ];
    let item = |i: usize, t: &str| {
        format!(
            "<section class=\"rank\"><div class=\"wrap\"><div class=\"head\"><h2>{i}.</h2><h2>Model {i}</h2></div>\
             <div class=\"rich\"><h3>Why it made the list</h3><p>{t}</p><h3>Prices</h3>\
             <ul><li>Small: 90 euros</li><li>Medium: 120 euros</li><li>Large: 150 euros</li><li>Family: 210 euros</li></ul>\
             <h3>What we liked</h3><ul><li>Light poles</li><li>Two doors</li><li>Bright colours</li></ul></div></div></section>"
        )
    };
    let items: String = ITEMS.iter().enumerate().map(|(i, t)| item(i + 1, t)).collect();
    let html = format!(
        "<html><body><nav><a href=\"/\">Home</a> <a href=\"/gear\">Gear</a></nav><main><section class=\"intro\"><div class=\"wrap\"><h1>The best tents for a first trip</h1>\
         <div class=\"rich\"><p>{INTRO}</p><p>{INTRO2}</p></div></div></section>{items}</main>\
         <footer><p>Copyright Example Gear.</p></footer></body></html>"
    );
    let text = page(html.as_bytes()).text;
    for t in ITEMS {
        assert!(text.contains(t), "{text}");
    }
    assert!(text.contains("Medium: 120 euros"), "{text}");
    // A box of other stories under linked headings, adding one short paragraph, stays out.
    let boxed = format!(
        "<html><body><div class=\"page\"><div class=\"story\"><p>{}</p><p>{}</p></div>\
         <div class=\"more\"><h2><a href=\"/a\">Another story about the harbour</a></h2><h2><a href=\"/b\">And one about the roads</a></h2>\
         <p>Sign up for our weekly letter and never miss a story from the council again, every Friday.</p></div></div></body></html>",
        PARAS[0], PARAS[1]
    );
    assert_eq!(page(boxed.as_bytes()).text, PARAS[..2].join("\n\n"));
}

/// A guide whose parts are a series of `<article>`s (tabs), each opening with a heading
/// that links nowhere and holding no date: sections of one story, read with the
/// introduction. Posts of a blog's listing, each an `<article>` whose heading links to
/// its own page, stay other stories.
#[test]
fn a_series_of_article_sections_is_one_story_but_linked_posts_are_not() {
    const INTRO: &str = "Renovating an old house costs more than most owners expect, and the bill depends as much on the walls you cannot see as on the kitchen you can.";
    const PARTS: [&str; 3] = [
        "A whole-house renovation usually runs to several times the price of a new kitchen, because the wiring, the plumbing and the roof tend to need work at the same time.",
        "A kitchen alone can be done in a few weeks, and the choice of cabinets and worktops moves the price more than any other part of the job.",
        "A bathroom is the smallest room to redo but often the dearest per square metre, since tiling and plumbing take skilled hands and a lot of hours.",
    ];
    let page_with = |heading: &dyn Fn(usize) -> String| {
        let parts: String = PARTS
            .iter()
            .enumerate()
            .map(|(i, t)| {
                format!(
                    "<article class=\"part\">{}<div class=\"text\"><p>{t}</p><p>{t}</p></div></article>",
                    heading(i)
                )
            })
            .collect();
        format!(
            "<html><body><nav><a href=\"/\">Home</a></nav><main><div class=\"intro\"><h1>What a renovation costs</h1><p>{INTRO}</p></div>\
             <div class=\"parts\">{parts}</div></main><footer><p>Copyright Example Homes.</p></footer></body></html>"
        )
    };
    let sections = page_with(&|i| format!("<h2>Part {}</h2>", i + 1));
    let text = page(sections.as_bytes()).text;
    for t in PARTS {
        assert!(text.contains(t), "{text}");
    }
    let posts = page_with(&|i| format!("<h2><a href=\"/post-{i}\">Post {}</a></h2>", i + 1));
    let text = page(posts.as_bytes()).text;
    assert!(PARTS.iter().filter(|t| text.contains(*t)).count() == 1, "{text}");
}

/// A table set in a `<figure>` (as block editors write tables) is part of the story;
/// a figure holding a picture and its caption is not.
#[test]
fn a_table_in_a_figure_is_kept_and_a_captioned_picture_is_not() {
    let html = body_page(&format!(
        "<p>{}</p><figure class=\"wp-block-table\"><table><tbody><tr><td>Ferry</td><td>Departs</td></tr>\
         <tr><td>Morning crossing to the island</td><td>Six o'clock from the north quay</td></tr></tbody></table></figure>\
         <p>{}</p><figure><img src=\"quay.jpg\"><figcaption>The north quay at dawn, photographed by a reader</figcaption></figure><p>{}</p>",
        PARAS[0], PARAS[1], PARAS[2]
    ));
    let text = page(html.as_bytes()).text;
    assert!(text.contains("Morning crossing to the island"), "{text}");
    assert!(!text.contains("photographed by a reader"), "{text}");
}
