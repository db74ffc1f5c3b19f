//! Wire-copy headers: page residue, headline, lead, and the dateline
//! (`BISHKEK, April 5 (Itar-Tass) —`, `WASHINGTON (Reuters) -`,
//! `LONDON, Jan. 3, 2024 /PRNewswire/ --`, `MOSCOW, March 3. /TASS/.`, `KYIV (AP) —`).

use dateline_core::{Dateline, Doc, Span};
use regex::Regex;

use crate::index::Index;

/// The dateline pattern, its months from the lexicon (`month`, `month-abbr`): the
/// abbreviations first, then the full names. `None` only if the pattern does not compile.
pub(crate) fn dateline_re(months: &[Vec<String>]) -> Option<Regex> {
    let mut names: Vec<&str> = Vec::new();
    let abbreviations = months.iter().flat_map(|forms| forms.iter().skip(1).filter(|f| !f.ends_with('.')));
    for f in abbreviations.chain(months.iter().filter_map(|forms| forms.first())) {
        if !names.contains(&f.as_str()) {
            names.push(f);
        }
    }
    let month = names.iter().map(|n| regex::escape(n)).collect::<Vec<_>>().join("|");
    let pat = format!(
        r"^(?P<place>[A-Z][A-Z'.]+(?:[ \-][A-Z][A-Z'.]+){{0,3}})(?:,\s+(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){{0,2}}))?(?:,?\s+(?P<month>{month})\.?\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?\.?)?\s*(?:(?:\((?P<src1>[^)\n]{{1,40}})\)|/\s*(?P<src2>[^/\n]{{1,40}}?)\s*/)\s*\.?\s*(?:—|–|--|-)?|(?:—|–|--|-|:))\s*"
    );
    Regex::new(&pat).ok()
}

/// A paragraph: a run of lines between blank lines.
fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0usize;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if blank {
            if let Some(s) = start.take() {
                out.push(Span::new(s, pos));
            }
        } else if start.is_none() {
            start = Some(pos + (line.len() - line.trim_start().len()));
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, pos));
    }
    // Trim trailing whitespace.
    for p in &mut out {
        let t = text[p.start..p.end].trim_end();
        p.end = p.start + t.len();
    }
    out
}

/// Parses a dateline at the start of `s`; returns the dateline with spans relative to `s`.
pub fn parse_dateline(s: &str, index: &Index) -> Option<Dateline> {
    let caps = index.dateline_re.as_ref()?.captures(s)?;
    let place = caps.name("place")?;
    let letters = place.as_str().chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3 {
        return None;
    }
    let whole = caps.get(0)?;
    let month_of = |m: &str| index.month(m).or_else(|| index.month(&format!("{m}.")));
    // A month after the city is a date, not a region ("LYON, March (AFP) -").
    let region = caps.name("region").filter(|r| month_of(r.as_str()).is_none());
    let month = caps
        .name("month")
        .and_then(|m| month_of(m.as_str()))
        .or_else(|| caps.name("region").and_then(|r| month_of(r.as_str())));
    let day = caps.name("day").and_then(|d| d.as_str().parse::<u8>().ok()).filter(|d| (1..=31).contains(d));
    let year = caps.name("year").and_then(|y| y.as_str().parse::<i32>().ok());
    let source = caps.name("src1").or_else(|| caps.name("src2")).map(|m| m.as_str().trim().to_string());
    // The region ("NAIROBI, Kenya") stays out of the place; its name is carried in
    // `country` until the caller resolves it to ISO3.
    let place_text = place.as_str().trim_end_matches(['.', ',']);
    Some(Dateline {
        span: Span::new(0, whole.end()),
        place: place_text.to_string(),
        place_span: Span::new(place.start(), place.start() + place_text.len()),
        month,
        day,
        year,
        source,
        country: region.map(|r| r.as_str().to_string()),
    })
}

/// Finds the header (residue, headline, lead) and the dateline; fills `doc.meta`.
pub fn read_header(doc: &mut Doc, index: &Index) {
    let paras = paragraphs(&doc.text);
    let mut dateline_at = None;
    for (i, p) in paras.iter().enumerate().take(8) {
        let s = &doc.text[p.start..p.end];
        if let Some(mut d) = parse_dateline(s, index) {
            d.span = Span::new(p.start + d.span.start, p.start + d.span.end);
            d.place_span = Span::new(p.start + d.place_span.start, p.start + d.place_span.end);
            doc.meta.dateline = Some(d);
            dateline_at = Some(i);
            break;
        }
    }
    // Header lines: every line of the paragraphs before the dateline; with no dateline,
    // a first paragraph that looks like a headline.
    let header_paras: &[Span] = match dateline_at {
        Some(i) => &paras[..i],
        None if paras.len() >= 2 && looks_like_headline(&doc.text[paras[0].start..paras[0].end]) => &paras[..1],
        None => &[],
    };
    let mut lines = Vec::new();
    for p in header_paras {
        let mut pos = p.start;
        for line in doc.text[p.start..p.end].split('\n') {
            let t = line.trim();
            if !t.is_empty() {
                let off = line.len() - line.trim_start().len();
                lines.push(Span::new(pos + off, pos + off + t.len()));
            }
            pos += line.len() + 1;
        }
    }
    let mut content = lines.into_iter().filter(|l| !index.residue.contains(&doc.text[l.start..l.end].to_lowercase()));
    if doc.meta.title.is_none() {
        if let Some(t) = content.next() {
            doc.meta.title = Some(doc.text[t.start..t.end].to_string());
            doc.meta.title_span = Some(t);
        }
    } else if let Some(t) = content.next() {
        // A given title that also stands in the text: point at it.
        if doc.meta.title.as_deref() == Some(&doc.text[t.start..t.end]) {
            doc.meta.title_span = Some(t);
        }
    }
    if doc.meta.lead.is_none() {
        let rest: Vec<Span> = content.collect();
        if let (Some(a), Some(b)) = (rest.first(), rest.last()) {
            doc.meta.lead = Some(doc.text[a.start..b.end].to_string());
        }
    }
    doc.meta.body_start = match (dateline_at, header_paras.last()) {
        (Some(i), _) => paras[i].start,
        (None, Some(h)) => h.end,
        (None, None) => 0,
    };
}

fn looks_like_headline(s: &str) -> bool {
    let words = s.split_whitespace().count();
    !s.contains('\n') && (2..=25).contains(&words) && !s.ends_with(['.', '!', '?', ':', ',', ';', '"', '\u{201D}'])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dateline as (place, month, day, year, source).
    type Parsed = (String, Option<u8>, Option<u8>, Option<i32>, Option<String>);

    fn dl(s: &str) -> Option<Parsed> {
        let lex = crate::tests::lexicon();
        let index = Index::new(&lex);
        parse_dateline(s, &index).map(|d| (d.place, d.month, d.day, d.year, d.source))
    }

    #[test]
    fn common_datelines() {
        assert_eq!(
            dl("BISHKEK, April 5 (Itar-Tass) \u{2014} Russian"),
            Some(("BISHKEK".into(), Some(4), Some(5), None, Some("Itar-Tass".into())))
        );
        assert_eq!(
            dl("WASHINGTON (Reuters) - The"),
            Some(("WASHINGTON".into(), None, None, None, Some("Reuters".into())))
        );
        assert_eq!(
            dl("LONDON, Jan. 3, 2024 /PRNewswire/ -- Acme"),
            Some(("LONDON".into(), Some(1), Some(3), Some(2024), Some("PRNewswire".into())))
        );
        assert_eq!(
            dl("MOSCOW, March 3. /TASS/. Russia"),
            Some(("MOSCOW".into(), Some(3), Some(3), None, Some("TASS".into())))
        );
        assert_eq!(dl("KYIV (AP) \u{2014} Ukraine"), Some(("KYIV".into(), None, None, None, Some("AP".into()))));
        assert_eq!(
            dl("NEW YORK, Sept. 14 (Xinhua) -- The"),
            Some(("NEW YORK".into(), Some(9), Some(14), None, Some("Xinhua".into())))
        );
        assert_eq!(dl("NAIROBI, Kenya (AFP) \u{2014} Police").map(|d| d.0), Some("NAIROBI".into()));
        assert_eq!(dl("LYON, March 4 - Police"), Some(("LYON".into(), Some(3), Some(4), None, None)));
        // A month after the city is a date, never a region.
        let lex = crate::tests::lexicon();
        let d = parse_dateline("LYON, March (AFP) - Police", &Index::new(&lex));
        assert_eq!(d.as_ref().map(|d| (d.month, d.country.clone())), Some((Some(3), None)));
        assert_eq!(dl("The United States and Jordan have agreed"), None);
        assert_eq!(dl("US troops said"), None);
    }

    proptest::proptest! {
        /// A month after the city is read as the date, never as a region.
        #[test]
        fn a_month_is_never_a_region(city in "[A-Z]{3,10}", m in 0usize..12, rest in "[ 0-9A-Za-z.,/()-]{0,20}") {
            let lex = crate::tests::lexicon();
            let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
            let s = format!("{city}, {} {rest} - Police said", months[m]);
            if let Some(d) = parse_dateline(&s, &Index::new(&lex)) {
                proptest::prop_assert!(d.country.as_deref() != Some(months[m]), "{:?}", d);
                proptest::prop_assert!(d.month.is_none_or(|x| (1..=12).contains(&x)));
            }
        }
    }

    #[test]
    fn header_skips_residue() {
        let lex = crate::tests::lexicon();
        let index = Index::new(&lex);
        let mut doc = Doc::new("x", "All news\n\nBase meets interests of members\n\nIn July 2010, they stated it\n\nBISHKEK, April 5 (Itar-Tass) \u{2014} Lavrov said so.\n");
        read_header(&mut doc, &index);
        assert_eq!(doc.meta.title.as_deref(), Some("Base meets interests of members"));
        assert_eq!(doc.meta.lead.as_deref(), Some("In July 2010, they stated it"));
        assert_eq!(doc.meta.dateline.as_ref().map(|d| d.place.as_str()), Some("BISHKEK"));
        assert!(doc.text[doc.meta.body_start..].starts_with("BISHKEK"));
    }

    #[test]
    fn a_single_sentence_has_no_title() {
        let lex = crate::tests::lexicon();
        let index = Index::new(&lex);
        let mut doc = Doc::new("x", "The United States and Jordan have agreed upon a new free-trade pact.");
        read_header(&mut doc, &index);
        assert_eq!(doc.meta.title, None);
        assert_eq!(doc.meta.body_start, 0);
    }
}
