//! Finding the article body of a page and writing it out as paragraphs.
//!
//! 1. Boilerplate is marked: elements that are never article text (`nav`, `aside`,
//!    `footer`, `header`, scripts, forms controls, media), hidden elements, and elements
//!    whose `class`/`id` names boilerplate (comments, sharing, related links, ads, ...;
//!    the words are in `dict/boilerplate.txt`).
//! 2. The rest of the page is cut into blocks: the runs of text between block-level
//!    tags, each with its link text counted.
//! 3. Each paragraph (a block of 25 bytes or more, not mostly links) scores for the
//!    elements above it — its parent fully, its grandparent half, further ancestors
//!    less; text loose in a container beside other blocks is a paragraph of that
//!    container, as if wrapped in `<p>` — by its length and commas, as Readability does; an element's score is
//!    discounted by its link density, and class/id words like `article` or `content`
//!    give a head start. The best element is the body. It grows to its parent while
//!    the parent adds mostly prose (an article cut into chunks) but no `<article>` of
//!    its own, nor cut-off excerpts (`...`), and its siblings join
//!    it when they score well or are clean paragraphs.
//! 4. The body's blocks are written out, one paragraph each, without link lists, the
//!    headline, and the short fragments (bylines, dates, "Share") at either end.

use super::dom::{Dom, Kind, Tag, NONE};

/// The extracted body.
pub(crate) struct Article {
    /// Paragraphs separated by blank lines.
    pub text: String,
    /// The element chosen as the body, if any.
    pub root: Option<u32>,
    /// Per node: inside boilerplate.
    pub excluded: Vec<bool>,
}

/// The body grows to its parent when the parent adds this many bytes of prose per
/// byte of anything else.
const CLIMB_RATIO: f32 = 4.0;

/// When the parent adds this many times the prose the body holds, this ratio is
/// enough.
const CLIMB_MANY_PARTS: usize = 2;
const CLIMB_RATIO_PARTS: f32 = 2.0;

/// How many ancestors up the body looks for one that adds mostly prose.
const CLIMB_LOOKAHEAD: usize = 8;

/// A run of text between block-level tags.
struct Block {
    /// The nearest block-level element containing it.
    owner: u32,
    text: String,
    link_bytes: usize,
}

impl Block {
    fn link_density(&self) -> f32 {
        self.link_bytes as f32 / self.text.len().max(1) as f32
    }

    /// Prose: long, or a whole sentence, and not mostly links.
    fn is_prose(&self) -> bool {
        let plain = self.text.len().saturating_sub(self.link_bytes);
        if self.link_density() >= 0.33 {
            return false;
        }
        if plain >= 120 {
            return true;
        }
        let words = self.text.split_whitespace().count();
        words >= 8 && ends_sentence(&self.text)
    }
}

impl Block {
    /// A sentence that links much of its wording ("X has been eliminated from
    /// <a>Dancing with the Stars</a>."): text of the story, unlike a teaser or a link
    /// list, which do not end like sentences or are all link.
    fn is_linked_sentence(&self) -> bool {
        let plain = self.text.len().saturating_sub(self.link_bytes);
        self.link_density() < LINKED_SENTENCE_MAX_DENSITY
            && plain >= 20
            && self.text.split_whitespace().count() >= 6
            && ends_sentence(&self.text)
    }
}

/// A run of fragments at either end of the body this long (blocks, bytes outside
/// links, and a quarter of the rest of the body) is a list, not page furniture.
const TRIM_LIST_BLOCKS: usize = 5;
const TRIM_LIST_BYTES: usize = 400;

impl Block {
    /// A web address standing alone (`http://amzn.to/2iJFhRj`): the story citing a
    /// link by its address, unlike a teaser, which links a headline.
    fn is_address(&self) -> bool {
        let t = self.text.as_str();
        !t.contains(char::is_whitespace)
            && (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www."))
    }
}

impl Block {
    /// A cut-off excerpt of another page ("... to reinvent capitalism — ..."): a
    /// teaser in a list of stories, not a paragraph of this one.
    fn is_excerpt(&self) -> bool {
        let t = self.text.trim_end_matches([' ', ']', ')']);
        t.ends_with("...") || t.ends_with('…')
    }
}

/// A sentence in the body may link up to this share of its bytes.
const LINKED_SENTENCE_MAX_DENSITY: f32 = 0.85;

fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(['"', '\'', '”', '’', ')', '»', ' ']);
    s.ends_with(['.', '!', '?', ':', '。', '！', '？', '…'])
}

/// What is being extracted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A whole page: find the body among the boilerplate.
    Page,
    /// A fragment that is all content (a feed item): keep every block but boilerplate.
    Fragment,
}

/// A page whose body comes out shorter than this is read again with headers and
/// hidden elements kept ([`Marking::Loose`]).
const LOOSE_RETRY_BELOW: usize = 300;

/// How strictly elements are set aside as boilerplate by their tag and attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marking {
    /// Every `<header>` and hidden element is boilerplate.
    Strict,
    /// For a page left without a body by the strict marking: `<header>` elements
    /// (some site builders put the whole story in one) and elements hidden by the
    /// `hidden` attribute (a page streamed by scripts keeps its story in hidden
    /// elements until they move it into place) are read too, and so are an `<aside>`
    /// or `<nav>` holding the page's `<main>` (left open by the markup).
    Loose,
}

/// Extracts the article body of a parsed page.
pub(crate) fn extract(dom: &Dom, mode: Mode) -> Article {
    let ends = subtree_ends(dom);
    let strict = extract_marked(dom, mode, &ends, Marking::Strict);
    if mode == Mode::Fragment || strict.text.len() >= LOOSE_RETRY_BELOW {
        return strict;
    }
    let loose = extract_marked(dom, mode, &ends, Marking::Loose);
    if loose.text.len() >= 2 * strict.text.len().max(LOOSE_RETRY_BELOW / 2) {
        loose
    } else {
        strict
    }
}

fn extract_marked(dom: &Dom, mode: Mode, ends: &[u32], marking: Marking) -> Article {
    let n = dom.nodes.len();
    let (structural, named) = mark_boilerplate(dom, ends, marking);
    let blocks = cut_blocks(dom, ends, &structural);
    let excluded = exclude_named(dom, &blocks, ends, &structural, &named);
    // Cut again without the named boilerplate: an inline element (a caption `<span>`)
    // leaves no block of its own to drop.
    let blocks = if excluded == structural { blocks } else { cut_blocks(dom, ends, &excluded) };

    let ranges: Vec<(u32, u32)> = match mode {
        Mode::Fragment => vec![(0, n.saturating_sub(1) as u32)],
        Mode::Page => choose_by_paragraphs(dom, &blocks, ends),
    };
    let root = ranges.first().map(|r| r.0).filter(|_| mode == Mode::Page);
    let inside = |o: u32| ranges.iter().any(|&(lo, hi)| o >= lo && o <= hi);
    let chosen: Vec<&Block> = blocks
        .iter()
        .filter(|b| inside(b.owner))
        .filter(|b| dom.tag(b.owner) != Some(Tag::H1))
        .filter(|b| !dom.vocab.words.is_label(&b.text))
        .filter(|b| b.link_density() <= 0.5 || b.is_linked_sentence() || b.is_address())
        .collect();
    // Short fragments at either end (bylines, dates, "Share this") are not the story.
    let (first, last) = match mode {
        Mode::Page => (
            chosen.iter().position(|b| b.is_prose() || b.is_linked_sentence()).unwrap_or(0),
            chosen.iter().rposition(|b| b.is_prose()).map_or(chosen.len(), |i| i + 1),
        ),
        Mode::Fragment => (0, chosen.len()),
    };
    // A long run of fragments is not a byline or a share bar but a list the story
    // opens or ends with (offers, results, steps): it stays.
    let (first, last) = if mode == Mode::Page {
        let plain = |r: &[&Block]| r.iter().map(|b| b.text.len() - b.link_bytes).sum::<usize>();
        let body = plain(chosen.get(first..last).unwrap_or(&[]));
        let is_list = |r: &[&Block]| r.len() >= TRIM_LIST_BLOCKS && plain(r) >= TRIM_LIST_BYTES && plain(r) * 4 >= body;
        let head = is_list(chosen.get(..first).unwrap_or(&[]));
        let tail = is_list(chosen.get(last..).unwrap_or(&[]));
        (if head { 0 } else { first }, if tail { chosen.len() } else { last })
    } else {
        (first, last)
    };
    let mut text = String::new();
    let mut seen = std::collections::HashSet::new();
    for b in chosen.get(first..last).unwrap_or(&[]) {
        // A long paragraph repeated (galleries, pull quotes) is written once; short
        // ones (a recipe's "Eat before your workout") may repeat.
        if b.text.len() > 100 && !seen.insert(b.text.as_str()) {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&b.text);
    }
    Article { text, root, excluded }
}

/// The body as the container its paragraphs score for (the parent fully, the
/// grandparent half, further ancestors less), discounted by its link density, plus
/// the sibling elements that score well or are paragraphs themselves.
fn choose_by_paragraphs(dom: &Dom, blocks: &[Block], ends: &[u32]) -> Vec<(u32, u32)> {
    let n = dom.nodes.len();
    let t = Tally::new(dom, blocks);
    let Some((top, best)) = t.best() else {
        return vec![(0, n.saturating_sub(1) as u32)];
    };
    let prose = prose_sums(dom, blocks);
    let top = shared_ancestor(dom, &t, &prose, top, best).unwrap_or(top);
    let top = climb(dom, &t, &prose, &section_sums(dom, blocks), top);
    let best = t.final_score(top as usize).max(best);
    let mut out = vec![(top, ends[top as usize])];
    out.extend(t.kept_siblings(dom, top, best).map(|s| (s, ends[s as usize])));
    out
}

/// Per element: text and link bytes of its subtree and the score its paragraphs give
/// it (NaN for an element no paragraph scores for).
struct Tally {
    text: Vec<usize>,
    link: Vec<usize>,
    score: Vec<f32>,
}

/// Adds each element's value to its parent's, deepest first (the arena lists
/// parents before their children).
fn sum_up<T: Copy + std::ops::AddAssign>(dom: &Dom, v: &mut [T]) {
    let n = v.len();
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent as usize;
        if p < n {
            let x = v[i];
            v[p] += x;
        }
    }
}

impl Tally {
    fn new(dom: &Dom, blocks: &[Block]) -> Tally {
        let n = dom.nodes.len();
        let mut text = vec![0usize; n];
        let mut link = vec![0usize; n];
        for b in blocks {
            if let (Some(t), Some(l)) = (text.get_mut(b.owner as usize), link.get_mut(b.owner as usize)) {
                *t += b.text.len();
                *l += b.link_bytes;
            }
        }
        sum_up(dom, &mut text);
        sum_up(dom, &mut link);
        let score = paragraph_scores(dom, blocks);
        Tally { text, link, score }
    }

    fn link_density(&self, i: usize) -> f32 {
        self.link[i] as f32 / self.text[i].max(1) as f32
    }

    fn final_score(&self, i: usize) -> f32 {
        self.score[i] * (1.0 - self.link_density(i))
    }

    /// The element with the best final score, and that score.
    fn best(&self) -> Option<(u32, f32)> {
        let mut top = None;
        let mut best = f32::MIN;
        for (i, s) in self.score.iter().enumerate().skip(1) {
            if !s.is_nan() && self.final_score(i) > best {
                best = self.final_score(i);
                top = Some(i as u32);
            }
        }
        top.map(|t| (t, best))
    }

    /// The siblings of `top` that score well themselves, or are paragraphs of prose.
    fn kept_siblings<'a>(&'a self, dom: &'a Dom, top: u32, best: f32) -> impl Iterator<Item = u32> + 'a {
        let threshold = (best * 0.2).max(10.0);
        let p = dom.node(top).map_or(NONE, |x| x.parent);
        let siblings = (p != NONE).then(|| dom.children(p)).into_iter().flatten();
        siblings.filter(move |&s| {
            let i = s as usize;
            if s == top || dom.tag(s).is_none() {
                return false;
            }
            let (text, ld) = (self.text[i], self.link_density(i));
            let paragraph =
                dom.tag(s) == Some(Tag::P) && ((text > 80 && ld < 0.25) || (text > 0 && ld == 0.0 && text <= 80));
            (!self.score[i].is_nan() && self.final_score(i) >= threshold) || paragraph
        })
    }
}

/// Elements with a block-level element among their children: text directly inside
/// one of them is a paragraph of its own (as if wrapped in `<p>`), and the element is
/// its container.
fn with_block_children(dom: &Dom) -> Vec<bool> {
    let mut has = vec![false; dom.nodes.len()];
    for (i, node) in dom.nodes.iter().enumerate().skip(1) {
        if dom.tag(i as u32).is_some_and(|t| t.is_block()) {
            if let Some(h) = has.get_mut(node.parent as usize) {
                *h = true;
            }
        }
    }
    has
}

/// What the paragraphs give their containers: a paragraph's score (one, its commas,
/// its length) goes to its parent fully, its grandparent half, further ancestors less.
fn paragraph_scores(dom: &Dom, blocks: &[Block]) -> Vec<f32> {
    let parent = |a: u32| dom.node(a).map_or(NONE, |x| x.parent);
    let has_block_child = with_block_children(dom);
    let mut score = vec![f32::NAN; dom.nodes.len()];
    for b in blocks {
        if b.text.len() < 25 || b.link_density() > 0.5 {
            continue;
        }
        let commas = b.text.matches([',', '，', '、']).count() as f32;
        let s = 1.0 + commas + (b.text.len() as f32 / 100.0).min(3.0);
        let loose =
            matches!(dom.tag(b.owner), Some(Tag::Div | Tag::Section | Tag::Article | Tag::Main | Tag::Td | Tag::Body))
                && has_block_child.get(b.owner as usize).copied().unwrap_or(false);
        let mut a = if loose { b.owner } else { parent(b.owner) };
        let mut level = 0;
        while a != NONE && a != 0 && level < 5 {
            let sc = &mut score[a as usize];
            if sc.is_nan() {
                *sc = initial_score(dom, a);
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            *sc += s / div;
            a = parent(a);
            level += 1;
        }
    }
    score
}

/// Per element: bytes of prose (outside links) in its subtree; cut-off excerpts (`...`)
/// are teasers, not prose.
fn prose_sums(dom: &Dom, blocks: &[Block]) -> Vec<usize> {
    let mut prose = vec![0usize; dom.nodes.len()];
    for b in blocks.iter().filter(|b| b.is_prose() && !b.is_excerpt()) {
        if let Some(p) = prose.get_mut(b.owner as usize) {
            *p += b.text.len() - b.link_bytes;
        }
    }
    sum_up(dom, &mut prose);
    prose
}

/// Per element: bytes of its subtree's section furniture of a story: headings
/// (`<h2>`..`<h6>`) and list items, without links (a listicle's pros, cons and prices;
/// a linked heading is a teaser's).
/// They neither carry a body up to an ancestor nor hold it back: a story cut into
/// sections has them, and a page's boilerplate is links.
fn section_sums(dom: &Dom, blocks: &[Block]) -> Vec<usize> {
    let mut sums = vec![0usize; dom.nodes.len()];
    for b in blocks {
        let heading = matches!(dom.tag(b.owner), Some(Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6));
        let item = dom.tag(b.owner) == Some(Tag::Li) && !b.is_prose();
        if (heading || item) && b.link_bytes == 0 {
            if let Some(s) = sums.get_mut(b.owner as usize) {
                *s += b.text.len();
            }
        }
    }
    sum_up(dom, &mut sums);
    sums
}

/// How many of the best-scoring other elements, each scoring near the best, must share
/// an ancestor for it to be the body (Readability's rule: an article cut into parts
/// that score alike).
const PEERS_MIN: usize = 3;
const PEER_SCORE: f32 = 0.75;
const PEER_CANDIDATES: usize = 5;

/// The nearest ancestor of `top` that holds at least [`PEERS_MIN`] of the
/// [`PEER_CANDIDATES`] best-scoring other elements, when they score at least
/// [`PEER_SCORE`] of `best` and are mostly prose (teasers score too; elements inside
/// `top` aside).
fn shared_ancestor(dom: &Dom, t: &Tally, prose: &[usize], top: u32, best: f32) -> Option<u32> {
    let parent = |a: u32| dom.node(a).map_or(NONE, |x| x.parent);
    let top_end = dom.subtree_end(top);
    let mut ranked: Vec<(f32, u32)> = t
        .score
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, s)| !s.is_nan())
        .map(|(i, _)| (t.final_score(i), i as u32))
        .filter(|&(_, i)| i != top)
        .collect();
    if ranked.len() > PEER_CANDIDATES {
        ranked.select_nth_unstable_by(PEER_CANDIDATES, |a, b| b.0.total_cmp(&a.0));
    }
    let peers: Vec<u32> = ranked
        .iter()
        .take(PEER_CANDIDATES)
        .filter(|&&(s, i)| {
            s >= PEER_SCORE * best && !(i > top && i <= top_end) && 2 * prose[i as usize] >= t.text[i as usize]
        })
        .map(|&(_, i)| i)
        .collect();
    if peers.len() < PEERS_MIN {
        return None;
    }
    let mut a = parent(top);
    while a != NONE && a != 0 && dom.tag(a) != Some(Tag::Body) {
        let end = dom.subtree_end(a);
        let held = peers.iter().filter(|&&p| p > a && p <= end).count();
        if held >= PEERS_MIN {
            return Some(a);
        }
        a = parent(a);
    }
    None
}

/// Climbs from `top` while an ancestor adds mostly prose (an article cut into several
/// chunks), but never to one that adds another `<article>` with prose (the next post,
/// a teaser).
fn climb(dom: &Dom, t: &Tally, prose: &[usize], sections: &[usize], mut top: u32) -> u32 {
    let n = dom.nodes.len();
    let parent = |a: u32| dom.node(a).map_or(NONE, |x| x.parent);
    let is_article = |i: u32| dom.tag(i) == Some(Tag::Article);
    let parts: Vec<bool> = (0..n as u32).map(|i| is_article(i) && is_section(dom, i)).collect();
    // Sections come in a series: an `<article>` beside another such section.
    let in_series = |i: u32| {
        let p = dom.node(i).map_or(NONE, |x| x.parent);
        p != NONE && dom.children(p).any(|c| c != i && parts.get(c as usize).copied().unwrap_or(false))
    };
    let mut stories: Vec<u32> =
        (0..n).map(|i| u32::from(is_article(i as u32) && prose[i] > 0 && !(parts[i] && in_series(i as u32)))).collect();
    sum_up(dom, &mut stories);
    // An ancestor a few levels up may add the rest of the story where the parent adds
    // only a heading (a list whose items each hold a title and a text).
    let climb_to = |top: u32| {
        let mut p = parent(top);
        for _ in 0..CLIMB_LOOKAHEAD {
            if p == NONE || p == 0 || stories[p as usize] > stories[top as usize] {
                return None;
            }
            let (pi, ti) = (p as usize, top as usize);
            let added_prose = prose[pi] - prose[ti];
            // Headings and plain list items are neutral only where the ancestor at
            // least doubles the prose (more sections of the story, not a box's title).
            let added_sections = if added_prose >= prose[ti] { sections[pi].saturating_sub(sections[ti]) } else { 0 };
            let added_other = (t.text[pi] - t.text[ti]).saturating_sub(added_prose + added_sections);
            // A part that holds little of the prose around it is one of many (a list
            // article's items, each with its own title and facts): less prose will do.
            let ratio = if added_prose >= CLIMB_MANY_PARTS * prose[ti] { CLIMB_RATIO_PARTS } else { CLIMB_RATIO };
            let mostly_prose = added_prose > 0 && added_prose as f32 >= ratio * added_other as f32;
            if mostly_prose || (added_prose == 0 && added_other == 0) {
                return Some(p);
            }
            p = parent(p);
        }
        None
    };
    while let Some(p) = climb_to(top) {
        top = p;
    }
    top
}

/// Whether an `<article>` may be a section of the page's story (when it stands in a
/// series of them) rather than another story:
/// it opens a part with a heading of its own, no heading in it links anywhere, and it
/// holds no `<time>` (another post, or a teaser, links its title to its own page and
/// dates itself; a comment or a testimonial has no heading).
fn is_section(dom: &Dom, article: u32) -> bool {
    let end = dom.subtree_end(article);
    let mut heading_end = None;
    for id in article + 1..=end {
        match dom.tag(id) {
            Some(Tag::Time) => return false,
            Some(Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6) => heading_end = Some(dom.subtree_end(id)),
            Some(Tag::A) if heading_end.is_some_and(|e| id <= e) => return false,
            _ => {}
        }
    }
    heading_end.is_some()
}

/// A container's score before its paragraphs: by tag, and by words of its class/id.
fn initial_score(dom: &Dom, id: u32) -> f32 {
    let by_tag = match dom.tag(id) {
        Some(Tag::Div | Tag::Article | Tag::Main | Tag::Section) => 5.0,
        Some(Tag::Pre | Tag::Td | Tag::Blockquote) => 3.0,
        Some(Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form) => -3.0,
        Some(Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 | Tag::Th) => -5.0,
        _ => 0.0,
    };
    let mut by_name = 0.0;
    let words = &dom.vocab.words;
    for (name, value) in dom.attrs_raw(id) {
        if (name.eq_ignore_ascii_case("class") || name.eq_ignore_ascii_case("id")) && words.any_positive(&value) {
            by_name += 25.0;
        }
    }
    by_tag + by_name
}

/// The last id of each node's subtree (ids are in document order).
fn subtree_ends(dom: &Dom) -> Vec<u32> {
    let mut ends: Vec<u32> = (0..dom.nodes.len() as u32).collect();
    for i in (1..dom.nodes.len()).rev() {
        let p = dom.nodes[i].parent as usize;
        let e = ends[i];
        if let Some(pe) = ends.get_mut(p) {
            if e > *pe {
                *pe = e;
            }
        }
    }
    ends
}

/// Boilerplate words of the elements whose `class`/`id` names boilerplate: per such
/// element (in document order), its id and the indices of its words
/// ([`super::words::Words::negative_ids`]).
type Named = Vec<(u32, Vec<u16>)>;

/// The mark of an element set aside by its tag but spared, as a named one, when it
/// holds most of the page's prose (not a word index).
const BY_TAG: u16 = u16::MAX;

/// Marks boilerplate: per node, whether it is inside an element that is never article
/// text (by tag, hidden, ARIA role), and the elements whose `class`/`id` names
/// boilerplate (decided later, once the text is known: see [`exclude_named`]).
fn mark_boilerplate(dom: &Dom, ends: &[u32], marking: Marking) -> (Vec<bool>, Named) {
    let n = dom.nodes.len();
    let mut excluded = vec![false; n];
    let mut named = Vec::new();
    let mut i = 1;
    while i < n {
        let parent_ex = excluded.get(dom.nodes[i].parent as usize).copied().unwrap_or(false);
        let own = !parent_ex && {
            let (structural, by_name) = is_boilerplate(dom, i as u32, marking);
            if !by_name.is_empty() {
                named.push((i as u32, by_name));
            }
            structural
        };
        if parent_ex || own {
            // The whole subtree.
            let end = (ends[i] as usize).clamp(i, n - 1);
            for e in excluded.iter_mut().take(end + 1).skip(i) {
                *e = true;
            }
            i = end + 1;
        } else {
            i += 1;
        }
    }
    (excluded, named)
}

/// The final boilerplate marks: the structural ones, plus elements whose name says
/// boilerplate, unless they hold most of the page's prose (a layout wrapper called
/// `page-ad-margins` or `has-sidebar` around the whole article is not boilerplate), or
/// every boilerplate word they have is a weak one (`weak-word` in the word file) that
/// names elements holding most of it together (a page builder calling each block of
/// the story a `widget`).
fn exclude_named(dom: &Dom, blocks: &[Block], ends: &[u32], structural: &[bool], named: &Named) -> Vec<bool> {
    let n = dom.nodes.len();
    let mut prose = vec![0usize; n];
    let mut total = 0usize;
    for b in blocks.iter().filter(|b| b.is_prose()) {
        let len = b.text.len() - b.link_bytes;
        total += len;
        if let Some(p) = prose.get_mut(b.owner as usize) {
            *p += len;
        }
    }
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent as usize;
        let v = prose[i];
        if let Some(pp) = prose.get_mut(p) {
            *pp += v;
        }
    }
    // Per word, the prose of the outermost elements it names.
    let count = dom.vocab.words.negative_count();
    let mut by_word = vec![0usize; count];
    let mut open_until = vec![0u32; count];
    for (id, ws) in named {
        for &w in ws {
            let w = w as usize;
            if w < count && open_until[w] < *id {
                by_word[w] += prose[*id as usize];
                open_until[w] = ends[*id as usize];
            }
        }
    }
    let words = &dom.vocab.words;
    let layout = |w: &u16| words.is_weak(*w) && by_word.get(*w as usize).is_some_and(|&p| p * 2 > total);
    let mut is_named = vec![false; n];
    for (id, ws) in named {
        is_named[*id as usize] = !ws.iter().all(layout);
    }
    let mut excluded = structural.to_vec();
    for i in 1..n {
        let parent_ex = excluded.get(dom.nodes[i].parent as usize).copied().unwrap_or(false);
        if parent_ex || (is_named[i] && prose[i] * 2 <= total) {
            excluded[i] = true;
        }
    }
    excluded
}

/// Whether an element (not its ancestors) is boilerplate by its tag, being hidden or
/// its role (first), or by the words of its `class` and `id` (second).
fn is_boilerplate(dom: &Dom, id: u32, marking: Marking) -> (bool, Vec<u16>) {
    let Some(tag) = dom.tag(id) else {
        return (false, Vec::new());
    };
    let loose = marking == Marking::Loose;
    match tag {
        Tag::Header if loose => {}
        // A `<header>` is page furniture unless it holds most of the page's prose (a
        // site builder setting the whole story in one): it is judged as an element
        // named as boilerplate is, by the prose it holds ([`exclude_named`]).
        Tag::Header => return (false, vec![BY_TAG]),
        // An `<aside>` or `<nav>` the markup left open around the page's `<main>` (a
        // banner's template cut short): the page, not a box beside it.
        Tag::Aside | Tag::Nav if loose && (id + 1..=dom.subtree_end(id)).any(|d| dom.tag(d) == Some(Tag::Main)) => {}
        // A table set in a `<figure>` (as block editors write every table) is the
        // story's data, not an illustration.
        Tag::Figure if (id + 1..=dom.subtree_end(id)).any(|d| dom.tag(d) == Some(Tag::Table)) => {}
        Tag::Head
        | Tag::Title
        | Tag::Script
        | Tag::Style
        | Tag::Noscript
        | Tag::Template
        | Tag::Iframe
        | Tag::Svg
        | Tag::Math
        | Tag::Textarea
        | Tag::Select
        | Tag::Option
        | Tag::Button
        | Tag::Input
        | Tag::Nav
        | Tag::Aside
        | Tag::Footer
        | Tag::Dialog
        | Tag::Menu
        | Tag::Canvas
        | Tag::Object
        | Tag::Embed
        | Tag::Video
        | Tag::Audio
        | Tag::Img
        | Tag::Picture
        | Tag::Figure
        | Tag::Figcaption
        | Tag::Meta
        | Tag::Link => return (true, Vec::new()),
        _ => {}
    }
    let mut negative = Vec::new();
    let words = &dom.vocab.words;
    // not vocabulary: HTML attribute names and CSS declarations
    for (name, value) in dom.attrs_raw(id) {
        if name.eq_ignore_ascii_case("hidden") && !loose {
            return (true, Vec::new());
        }
        if name.eq_ignore_ascii_case("aria-hidden") && value.trim().eq_ignore_ascii_case("true") {
            return (true, Vec::new());
        }
        if name.eq_ignore_ascii_case("style") {
            let v: String = value.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
            if v.contains("display:none") || v.contains("visibility:hidden") {
                return (true, Vec::new());
            }
        } else if name.eq_ignore_ascii_case("role") {
            if words.roles.iter().any(|r| value.trim().eq_ignore_ascii_case(r)) {
                return (true, Vec::new());
            }
        } else if name.eq_ignore_ascii_case("class") || name.eq_ignore_ascii_case("id") {
            let lower = value.to_ascii_lowercase();
            if words.hidden.iter().any(|h| lower.contains(h.as_str())) {
                return (true, Vec::new());
            }
            words.negative_ids(&value, &mut negative);
        }
    }
    (false, negative)
}

/// Cuts the text outside boilerplate into blocks, in document order.
fn cut_blocks(dom: &Dom, ends: &[u32], excluded: &[bool]) -> Vec<Block> {
    struct Open {
        end: u32,
        block: bool,
        link: bool,
        pre: bool,
    }
    let n = dom.nodes.len();
    let mut blocks = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut owners: Vec<u32> = vec![0];
    let mut cur = Block { owner: 0, text: String::new(), link_bytes: 0 };
    let (mut in_link, mut in_pre) = (0usize, 0usize);

    let flush = |cur: &mut Block, blocks: &mut Vec<Block>, owner: u32| {
        let trimmed = cur.text.trim();
        if !trimmed.is_empty() {
            let text = trimmed.to_string();
            let link_bytes = cur.link_bytes.min(text.len());
            blocks.push(Block { owner, text, link_bytes });
        }
        cur.text.clear();
        cur.link_bytes = 0;
    };

    let mut i = 1usize;
    while i < n {
        let id = i as u32;
        while open.last().is_some_and(|o| o.end < id) {
            if let Some(o) = open.pop() {
                if o.block {
                    flush(&mut cur, &mut blocks, owners.last().copied().unwrap_or(0));
                    owners.pop();
                }
                in_link -= usize::from(o.link);
                in_pre -= usize::from(o.pre);
            }
        }
        if excluded.get(i).copied().unwrap_or(false) {
            i = (ends[i] as usize).max(i) + 1;
            continue;
        }
        match dom.nodes[i].kind {
            Kind::Text { .. } => {
                if let Some(t) = dom.text(id) {
                    let before = cur.text.len();
                    if in_pre > 0 {
                        cur.text.push_str(&t);
                    } else {
                        super::dom::push_collapsed(&mut cur.text, &t);
                    }
                    if in_link > 0 {
                        cur.link_bytes += cur.text.len() - before;
                    }
                }
            }
            Kind::Element { tag, .. } => {
                if tag == Tag::Br || tag == Tag::Hr {
                    flush(&mut cur, &mut blocks, owners.last().copied().unwrap_or(0));
                } else {
                    let block = tag.is_block();
                    if matches!(tag, Tag::Td | Tag::Th) {
                        super::dom::push_collapsed(&mut cur.text, " ");
                    }
                    if block {
                        flush(&mut cur, &mut blocks, owners.last().copied().unwrap_or(0));
                        owners.push(id);
                    }
                    let (link, pre) = (tag == Tag::A, tag == Tag::Pre);
                    in_link += usize::from(link);
                    in_pre += usize::from(pre);
                    open.push(Open { end: ends[i], block, link, pre });
                }
            }
            Kind::Document => {}
        }
        i += 1;
    }
    flush(&mut cur, &mut blocks, owners.last().copied().unwrap_or(0));
    blocks
}

/// Prints the blocks and the chosen body of the page in `$PAGE` (a debugging aid:
/// `PAGE=x.html cargo test -p dateline-ingest explain_page -- --ignored --nocapture`).
#[cfg(test)]
#[test]
#[ignore]
fn explain_page() {
    use std::io::Read;
    let Ok(path) = std::env::var("PAGE") else {
        return;
    };
    let mut bytes = Vec::new();
    let Ok(f) = std::fs::File::open(&path) else {
        return;
    };
    let _ = flate2::read::MultiGzDecoder::new(f).read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes);
    let dom = Dom::parse(&text);
    let ends = subtree_ends(&dom);
    let art = extract(&dom, Mode::Page);
    let excluded = art.excluded.clone();
    let describe = |id: u32| {
        let attr = |k| dom.attr(id, k).map(|v| v.into_owned()).unwrap_or_default();
        format!("{id} {:?} class={:?} id={:?}", dom.tag(id), attr("class"), attr("id"))
    };
    println!("root: {}", art.root.map(describe).unwrap_or_default());
    println!("text: {}", art.text.chars().take(2000).collect::<String>());
    let blocks = cut_blocks(&dom, &ends, &excluded);
    let t = Tally::new(&dom, &blocks);
    let prose = prose_sums(&dom, &blocks);
    if let Some((top, best)) = t.best() {
        println!("best before climb: {} score {best:.1}", describe(top));
    }
    let mut a = art.root.unwrap_or(NONE);
    while a != NONE {
        let i = a as usize;
        println!(
            "  in {} text={} link={} prose={} score={:.1} final={:.1}",
            describe(a),
            t.text[i],
            t.link[i],
            prose[i],
            t.score[i],
            t.final_score(i)
        );
        a = dom.nodes[a as usize].parent;
    }
    if let Ok(needle) = std::env::var("NEEDLE") {
        if let Some(t) = (0..dom.nodes.len() as u32).rev().find(|&i| dom.text(i).is_some_and(|t| t.contains(&needle))) {
            let mut a = t;
            while a != NONE {
                println!("  needle in {} excluded={}", describe(a), excluded[a as usize]);
                a = dom.nodes[a as usize].parent;
            }
        }
    }
    for b in cut_blocks(&dom, &ends, &excluded) {
        let t: String = b.text.chars().take(90).collect();
        println!(
            "{} [{}] ld={:.2} prose={} {}",
            b.owner,
            dom.tag(b.owner).map(|t| format!("{t:?}")).unwrap_or_default(),
            b.link_density(),
            b.is_prose(),
            t
        );
    }
}
