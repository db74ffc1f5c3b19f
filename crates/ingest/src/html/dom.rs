//! A small, forgiving HTML parser: a tokenizer and a simplified tree builder that put
//! the document into an arena of nodes pointing into the source text.
//!
//! It is not a full HTML5 parser. It follows the rules that matter for reading text —
//! void elements, raw-text elements (`script`, `style`, `title`, ...), the implicit end
//! of `p`, `li`, `td`, `tr`, `option`, `dt`/`dd` — and it is built for bad input: no
//! recursion, a bounded depth (deeper elements are attached to the deepest allowed one),
//! bounded searches for end tags, and every offset checked. Node ids are given in
//! document order, so a subtree is a contiguous id range.

use std::borrow::Cow;

use super::entities::decode_entities;
use crate::Vocabulary;

/// No node: the `parent` of the root, an absent child or sibling.
pub(crate) const NONE: u32 = u32::MAX;

/// Elements deeper than this are attached to the deepest allowed element instead.
pub(crate) const MAX_DEPTH: usize = 256;

/// How far up the open elements an end tag looks for its start tag.
const MAX_END_SEARCH: usize = 64;

/// The elements the extractor tells apart; every other name is [`Tag::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Base,
    Script,
    Style,
    Noscript,
    Template,
    Iframe,
    Svg,
    Math,
    Textarea,
    Select,
    Option,
    Button,
    Form,
    Input,
    Label,
    Nav,
    Header,
    Footer,
    Aside,
    Article,
    Main,
    Section,
    Div,
    P,
    Br,
    Hr,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Table,
    Thead,
    Tbody,
    Tfoot,
    Tr,
    Td,
    Th,
    Caption,
    Blockquote,
    Pre,
    Figure,
    Figcaption,
    Img,
    Picture,
    Source,
    Video,
    Audio,
    Canvas,
    Object,
    Embed,
    A,
    Time,
    Address,
    Dialog,
    Menu,
    Details,
    Summary,
    Center,
    Area,
    Col,
    Param,
    Track,
    Wbr,
    Keygen,
    Xmp,
    Plaintext,
    Noembed,
    Noframes,
    Code,
    Other,
}

impl Tag {
    /// Looks a tag name up (ASCII case-insensitively).
    pub(crate) fn from_name(name: &[u8]) -> Tag {
        let mut buf = [0u8; 10];
        if name.len() > buf.len() {
            return Tag::Other;
        }
        for (b, c) in buf.iter_mut().zip(name) {
            *b = c.to_ascii_lowercase();
        }
        match &buf[..name.len()] {
            b"html" => Tag::Html,
            b"head" => Tag::Head,
            b"body" => Tag::Body,
            b"title" => Tag::Title,
            b"meta" => Tag::Meta,
            b"link" => Tag::Link,
            b"base" => Tag::Base,
            b"script" => Tag::Script,
            b"style" => Tag::Style,
            b"noscript" => Tag::Noscript,
            b"template" => Tag::Template,
            b"iframe" => Tag::Iframe,
            b"svg" => Tag::Svg,
            b"math" => Tag::Math,
            b"textarea" => Tag::Textarea,
            b"select" => Tag::Select,
            b"option" => Tag::Option,
            b"button" => Tag::Button,
            b"form" => Tag::Form,
            b"input" => Tag::Input,
            b"label" => Tag::Label,
            b"nav" => Tag::Nav,
            b"header" => Tag::Header,
            b"footer" => Tag::Footer,
            b"aside" => Tag::Aside,
            b"article" => Tag::Article,
            b"main" => Tag::Main,
            b"section" => Tag::Section,
            b"div" => Tag::Div,
            b"p" => Tag::P,
            b"br" => Tag::Br,
            b"hr" => Tag::Hr,
            b"h1" => Tag::H1,
            b"h2" => Tag::H2,
            b"h3" => Tag::H3,
            b"h4" => Tag::H4,
            b"h5" => Tag::H5,
            b"h6" => Tag::H6,
            b"ul" => Tag::Ul,
            b"ol" => Tag::Ol,
            b"li" => Tag::Li,
            b"dl" => Tag::Dl,
            b"dt" => Tag::Dt,
            b"dd" => Tag::Dd,
            b"table" => Tag::Table,
            b"thead" => Tag::Thead,
            b"tbody" => Tag::Tbody,
            b"tfoot" => Tag::Tfoot,
            b"tr" => Tag::Tr,
            b"td" => Tag::Td,
            b"th" => Tag::Th,
            b"caption" => Tag::Caption,
            b"blockquote" => Tag::Blockquote,
            b"pre" => Tag::Pre,
            b"figure" => Tag::Figure,
            b"figcaption" => Tag::Figcaption,
            b"img" => Tag::Img,
            b"picture" => Tag::Picture,
            b"source" => Tag::Source,
            b"video" => Tag::Video,
            b"audio" => Tag::Audio,
            b"canvas" => Tag::Canvas,
            b"object" => Tag::Object,
            b"embed" => Tag::Embed,
            b"a" => Tag::A,
            b"time" => Tag::Time,
            b"address" => Tag::Address,
            b"dialog" => Tag::Dialog,
            b"menu" => Tag::Menu,
            b"details" => Tag::Details,
            b"summary" => Tag::Summary,
            b"center" => Tag::Center,
            b"area" => Tag::Area,
            b"col" => Tag::Col,
            b"param" => Tag::Param,
            b"track" => Tag::Track,
            b"wbr" => Tag::Wbr,
            b"keygen" => Tag::Keygen,
            b"xmp" => Tag::Xmp,
            b"plaintext" => Tag::Plaintext,
            b"noembed" => Tag::Noembed,
            b"noframes" => Tag::Noframes,
            b"code" => Tag::Code,
            _ => Tag::Other,
        }
    }

    /// Elements that never have content.
    pub(crate) fn is_void(self) -> bool {
        matches!(
            self,
            Tag::Meta
                | Tag::Link
                | Tag::Base
                | Tag::Br
                | Tag::Hr
                | Tag::Img
                | Tag::Input
                | Tag::Source
                | Tag::Embed
                | Tag::Area
                | Tag::Col
                | Tag::Param
                | Tag::Track
                | Tag::Wbr
                | Tag::Keygen
        )
    }

    /// Elements whose content is text up to their end tag, and whether that text has
    /// character references (`title`, `textarea`) or not (`script`, `style`, ...).
    fn raw_text(self) -> Option<bool> {
        match self {
            Tag::Title | Tag::Textarea => Some(true),
            Tag::Script
            | Tag::Style
            | Tag::Noscript
            | Tag::Template
            | Tag::Iframe
            | Tag::Xmp
            | Tag::Noembed
            | Tag::Noframes
            | Tag::Svg
            | Tag::Math => Some(false),
            _ => None,
        }
    }

    /// Elements whose content is dropped rather than kept as a text node.
    fn drops_content(self) -> bool {
        matches!(
            self,
            Tag::Style
                | Tag::Noscript
                | Tag::Template
                | Tag::Iframe
                | Tag::Noembed
                | Tag::Noframes
                | Tag::Svg
                | Tag::Math
        )
    }

    /// Block-level elements: they break text into paragraphs.
    pub(crate) fn is_block(self) -> bool {
        matches!(
            self,
            Tag::Html
                | Tag::Body
                | Tag::Article
                | Tag::Main
                | Tag::Section
                | Tag::Div
                | Tag::P
                | Tag::Hr
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Ul
                | Tag::Ol
                | Tag::Li
                | Tag::Dl
                | Tag::Dt
                | Tag::Dd
                | Tag::Table
                | Tag::Thead
                | Tag::Tbody
                | Tag::Tfoot
                | Tag::Tr
                | Tag::Caption
                | Tag::Blockquote
                | Tag::Pre
                | Tag::Figure
                | Tag::Figcaption
                | Tag::Nav
                | Tag::Header
                | Tag::Footer
                | Tag::Aside
                | Tag::Form
                | Tag::Address
                | Tag::Dialog
                | Tag::Menu
                | Tag::Details
                | Tag::Summary
                | Tag::Center
                | Tag::Textarea
                | Tag::Select
                | Tag::Option
                | Tag::Video
                | Tag::Audio
                | Tag::Canvas
                | Tag::Object
                | Tag::Title
        )
    }

    /// Start tags that end an open `p`.
    fn closes_p(self) -> bool {
        matches!(
            self,
            Tag::Address
                | Tag::Article
                | Tag::Aside
                | Tag::Blockquote
                | Tag::Center
                | Tag::Details
                | Tag::Dialog
                | Tag::Div
                | Tag::Dl
                | Tag::Figcaption
                | Tag::Figure
                | Tag::Footer
                | Tag::Form
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Header
                | Tag::Hr
                | Tag::Main
                | Tag::Menu
                | Tag::Nav
                | Tag::Ol
                | Tag::P
                | Tag::Pre
                | Tag::Section
                | Tag::Summary
                | Tag::Table
                | Tag::Ul
                | Tag::Li
                | Tag::Dd
                | Tag::Dt
                | Tag::Plaintext
                | Tag::Xmp
        )
    }
}

/// An attribute: name and raw value as byte ranges of the source.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attr {
    name: (u32, u32),
    value: (u32, u32),
}

/// What a node is.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    Document,
    /// `name` is the tag name's range in the source; `attrs` a range of [`Dom::attrs`].
    Element {
        tag: Tag,
        name: (u32, u32),
        attrs: (u32, u32),
    },
    /// Text at a range of the source; `refs` when character references are to be decoded.
    Text {
        start: u32,
        end: u32,
        refs: bool,
    },
}

/// One node of the tree.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Node {
    pub kind: Kind,
    pub parent: u32,
    pub first_child: u32,
    pub last_child: u32,
    pub next: u32,
}

/// A parsed document. Node 0 is the document; ids follow document order.
pub(crate) struct Dom<'a> {
    pub src: &'a str,
    pub nodes: Vec<Node>,
    attrs: Vec<Attr>,
    /// The words the page is judged by (boilerplate, date labels, month names).
    pub vocab: &'a Vocabulary,
}

impl<'a> Dom<'a> {
    /// Parses `src`. Inputs over 4 GiB are cut at 4 GiB (offsets are 32-bit); callers
    /// bound their input far below that.
    pub(crate) fn parse(src: &'a str) -> Dom<'a> {
        Dom::parse_with(src, Vocabulary::builtin_ref())
    }

    /// Parses `src`, to be judged by the words of `vocab`.
    pub(crate) fn parse_with(src: &'a str, vocab: &'a Vocabulary) -> Dom<'a> {
        let mut end = src.len().min(u32::MAX as usize - 1);
        while !src.is_char_boundary(end) {
            end -= 1;
        }
        let src = src.get(..end).unwrap_or("");
        let mut b = Builder {
            dom: Dom {
                src,
                nodes: Vec::with_capacity(src.len() / 40 + 16),
                attrs: Vec::with_capacity(src.len() / 60 + 16),
                vocab,
            },
            stack: vec![0],
            seen: [false; 3],
        };
        b.dom.nodes.push(Node { kind: Kind::Document, parent: NONE, first_child: NONE, last_child: NONE, next: NONE });
        b.run();
        b.dom
    }

    /// The source text at a range (empty if the range is not valid).
    pub(crate) fn slice(&self, r: (u32, u32)) -> &'a str {
        self.src.get(r.0 as usize..r.1 as usize).unwrap_or("")
    }

    pub(crate) fn node(&self, id: u32) -> Option<&Node> {
        self.nodes.get(id as usize)
    }

    /// The tag of an element node.
    pub(crate) fn tag(&self, id: u32) -> Option<Tag> {
        match self.node(id)?.kind {
            Kind::Element { tag, .. } => Some(tag),
            _ => None,
        }
    }

    /// The attributes of an element (empty for other nodes).
    pub(crate) fn attrs(&self, id: u32) -> &[Attr] {
        match self.node(id).map(|n| n.kind) {
            Some(Kind::Element { attrs, .. }) => self.attrs.get(attrs.0 as usize..attrs.1 as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The attributes of an element as `(name, value)`, values decoded.
    pub(crate) fn attrs_raw(&self, id: u32) -> impl Iterator<Item = (&'a str, Cow<'a, str>)> + '_ {
        self.attrs(id).iter().map(move |a| (self.slice(a.name), decode_entities(self.slice(a.value))))
    }

    /// An attribute's value (character references decoded), by name (ASCII case-insensitively).
    pub(crate) fn attr(&self, id: u32, name: &str) -> Option<Cow<'a, str>> {
        self.attrs(id)
            .iter()
            .find(|a| self.slice(a.name).eq_ignore_ascii_case(name))
            .map(|a| decode_entities(self.slice(a.value)))
    }

    /// The raw text of a text node, or `None` for other nodes.
    pub(crate) fn text(&self, id: u32) -> Option<Cow<'a, str>> {
        match self.node(id)?.kind {
            Kind::Text { start, end, refs } => {
                let s = self.slice((start, end));
                Some(if refs { decode_entities(s) } else { Cow::Borrowed(s) })
            }
            _ => None,
        }
    }

    /// The children of a node, in order.
    pub(crate) fn children(&self, id: u32) -> Children<'_, 'a> {
        Children { dom: self, next: self.node(id).map_or(NONE, |n| n.first_child) }
    }

    /// The text of a subtree, whitespace collapsed (for titles and short fields).
    pub(crate) fn inner_text(&self, id: u32, limit: usize) -> String {
        let mut out = String::new();
        let end = self.subtree_end(id);
        for n in id..=end {
            if out.len() > limit {
                break;
            }
            if let Some(t) = self.text(n) {
                // Not the code of a script or style inside the element.
                let parent = self.node(n).map_or(NONE, |x| x.parent);
                if parent != id && matches!(self.tag(parent), Some(Tag::Script | Tag::Style | Tag::Template)) {
                    continue;
                }
                push_collapsed(&mut out, &t);
            } else if matches!(self.tag(n), Some(t) if t.is_block() || matches!(t, Tag::Br | Tag::Td | Tag::Th)) {
                push_collapsed(&mut out, " ");
            }
        }
        out.trim().to_string()
    }

    /// The last id in the subtree of `id` (ids are in document order).
    pub(crate) fn subtree_end(&self, id: u32) -> u32 {
        let mut n = id;
        loop {
            match self.node(n) {
                Some(node) if node.last_child != NONE => n = node.last_child,
                _ => return n,
            }
        }
    }

    /// Elements of a given tag, in document order.
    pub(crate) fn elements(&self, tag: Tag) -> impl Iterator<Item = u32> + '_ {
        self.nodes.iter().enumerate().filter_map(move |(i, n)| match n.kind {
            Kind::Element { tag: t, .. } if t == tag => Some(i as u32),
            _ => None,
        })
    }
}

/// Appends `s` to `out`, turning each run of whitespace into one space and dropping
/// leading whitespace where `out` already ends with a space (or is empty).
pub(crate) fn push_collapsed(out: &mut String, s: &str) {
    let mut space = out.is_empty() || out.ends_with(' ') || out.ends_with('\n');
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push(c);
            space = false;
        }
    }
}

/// Iterator over a node's children.
pub(crate) struct Children<'d, 'a> {
    dom: &'d Dom<'a>,
    next: u32,
}

impl Iterator for Children<'_, '_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        let id = self.next;
        let node = self.dom.node(id)?;
        self.next = node.next;
        Some(id)
    }
}

struct Builder<'a> {
    dom: Dom<'a>,
    /// Open elements; `stack[0]` is the document.
    stack: Vec<u32>,
    /// Whether `html`, `head` and `body` have been opened.
    seen: [bool; 3],
}

impl<'a> Builder<'a> {
    fn run(&mut self) {
        let bytes = self.dom.src.as_bytes();
        let mut pos = 0usize;
        while pos < bytes.len() {
            let lt = match memchr::memchr(b'<', &bytes[pos..]) {
                Some(i) => pos + i,
                None => {
                    self.text(pos, bytes.len(), true);
                    break;
                }
            };
            if lt > pos {
                self.text(pos, lt, true);
            }
            pos = self.markup(lt);
        }
    }

    /// Handles the markup at `lt` (a `<`); returns where to go on.
    fn markup(&mut self, lt: usize) -> usize {
        let bytes = self.dom.src.as_bytes();
        let next = bytes.get(lt + 1).copied().unwrap_or(0);
        if next == b'!' {
            if bytes[lt..].starts_with(b"<!--") {
                return match memchr::memmem::find(&bytes[lt + 4..], b"-->") {
                    Some(i) => lt + 4 + i + 3,
                    None => bytes.len(),
                };
            }
            if bytes[lt..].starts_with(b"<![CDATA[") {
                let start = lt + 9;
                let (end, after) = match memchr::memmem::find(&bytes[start..], b"]]>") {
                    Some(i) => (start + i, start + i + 3),
                    None => (bytes.len(), bytes.len()),
                };
                self.text(start, end, false);
                return after;
            }
            return skip_to_gt(bytes, lt);
        }
        if next == b'?' {
            return skip_to_gt(bytes, lt);
        }
        if next == b'/' {
            if bytes.get(lt + 2).is_some_and(|b| b.is_ascii_alphabetic()) {
                return self.end_tag(lt);
            }
            // `</>` is ignored; `</ ...>` is a bogus comment.
            return skip_to_gt(bytes, lt);
        }
        if next.is_ascii_alphabetic() {
            return self.start_tag(lt);
        }
        // A lone `<` is text.
        self.text(lt, lt + 1, false);
        lt + 1
    }

    fn start_tag(&mut self, lt: usize) -> usize {
        let bytes = self.dom.src.as_bytes();
        let name_start = lt + 1;
        let mut i = name_start;
        while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
            i += 1;
        }
        let name = (name_start as u32, i as u32);
        let tag = Tag::from_name(&bytes[name_start..i]);
        let attr_start = self.dom.attrs.len() as u32;
        // Attributes.
        let end;
        loop {
            while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() {
                end = bytes.len();
                break;
            }
            if bytes[i] == b'>' {
                end = i + 1;
                break;
            }
            let an_start = i;
            i += 1; // a name may start with `=`
            while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let an = (an_start as u32, i as u32);
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            let mut value = (i as u32, i as u32);
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < bytes.len() && is_space(bytes[i]) {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        let vs = i + 1;
                        let ve = memchr::memchr(q, &bytes[vs..]).map_or(bytes.len(), |k| vs + k);
                        value = (vs as u32, ve as u32);
                        i = (ve + 1).min(bytes.len());
                    }
                    _ => {
                        let vs = i;
                        while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' {
                            i += 1;
                        }
                        value = (vs as u32, i as u32);
                    }
                }
            }
            self.dom.attrs.push(Attr { name: an, value });
        }
        let attrs = (attr_start, self.dom.attrs.len() as u32);
        self.open(tag, name, attrs);
        // Raw text content runs to the matching end tag.
        if let Some(refs) = tag.raw_text() {
            let tag_name = &bytes[name_start..name.1 as usize];
            let (content_end, after) = find_end_tag(bytes, end, tag_name);
            if !tag.drops_content() && content_end > end {
                self.text(end, content_end, refs);
            }
            self.close_top(tag);
            return after;
        }
        if tag == Tag::Plaintext {
            self.text(end, bytes.len(), false);
            return bytes.len();
        }
        end
    }

    fn end_tag(&mut self, lt: usize) -> usize {
        let bytes = self.dom.src.as_bytes();
        let name_start = lt + 2;
        let mut i = name_start;
        while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
            i += 1;
        }
        let name = &bytes[name_start..i];
        let tag = Tag::from_name(name);
        let after = skip_to_gt(bytes, i.saturating_sub(1));
        match tag {
            // Content after these still belongs to the body.
            Tag::Html | Tag::Body => {}
            Tag::Head => self.pop_to(Tag::Head, &[]),
            Tag::Br => self.open(Tag::Br, (name_start as u32, i as u32), (0, 0)),
            _ => {
                let depth = self.stack.len();
                let lowest = depth.saturating_sub(MAX_END_SEARCH).max(1);
                for k in (lowest..depth).rev() {
                    let id = self.stack[k];
                    let matches = match self.dom.nodes[id as usize].kind {
                        Kind::Element { tag: t, name: n, .. } => {
                            t == tag && (t != Tag::Other || self.dom.slice(n).as_bytes().eq_ignore_ascii_case(name))
                        }
                        _ => false,
                    };
                    if matches {
                        self.stack.truncate(k);
                        break;
                    }
                    // Table cells and rows do not close across their table.
                    if matches!(tag, Tag::Td | Tag::Th | Tag::Tr) && self.dom.tag(id) == Some(Tag::Table) {
                        break;
                    }
                }
            }
        }
        after
    }

    /// Appends an element to the current node and makes it current (unless void).
    fn open(&mut self, tag: Tag, name: (u32, u32), attrs: (u32, u32)) {
        self.implicit_close(tag);
        let once = match tag {
            Tag::Html => Some(0),
            Tag::Head => Some(1),
            Tag::Body => Some(2),
            _ => None,
        };
        if let Some(k) = once {
            // A second `<html>`/`<head>`/`<body>` is ignored, as browsers merge it.
            if std::mem::replace(&mut self.seen[k], true) {
                return;
            }
        }
        let id = self.append(Kind::Element { tag, name, attrs });
        if !tag.is_void() && self.stack.len() < MAX_DEPTH {
            self.stack.push(id);
        }
    }

    /// Pops an element just opened for raw text (if it was pushed).
    fn close_top(&mut self, tag: Tag) {
        if self.stack.len() > 1 && self.stack.last().and_then(|&id| self.dom.tag(id)) == Some(tag) {
            self.stack.pop();
        }
    }

    /// The end tags HTML implies before a start tag.
    fn implicit_close(&mut self, tag: Tag) {
        // Only metadata elements stay in an unclosed <head>.
        if self.stack.iter().skip(1).take(2).any(|&id| self.dom.tag(id) == Some(Tag::Head))
            && !matches!(
                tag,
                Tag::Meta
                    | Tag::Link
                    | Tag::Base
                    | Tag::Title
                    | Tag::Script
                    | Tag::Style
                    | Tag::Noscript
                    | Tag::Template
                    | Tag::Head
            )
        {
            self.pop_to(Tag::Head, &[]);
        }
        if tag.closes_p() {
            self.pop_to(Tag::P, &[Tag::Table, Tag::Td, Tag::Th, Tag::Button, Tag::Caption, Tag::Object, Tag::Template]);
        }
        match tag {
            Tag::Li => self.pop_to(Tag::Li, &[Tag::Ul, Tag::Ol, Tag::Table, Tag::Td, Tag::Th, Tag::Menu]),
            Tag::Dt | Tag::Dd => {
                self.pop_to(Tag::Dt, &[Tag::Dl, Tag::Table, Tag::Td, Tag::Th]);
                self.pop_to(Tag::Dd, &[Tag::Dl, Tag::Table, Tag::Td, Tag::Th]);
            }
            Tag::Td | Tag::Th => {
                self.pop_to(Tag::Td, &[Tag::Tr, Tag::Table]);
                self.pop_to(Tag::Th, &[Tag::Tr, Tag::Table]);
            }
            Tag::Tr => self.pop_to(Tag::Tr, &[Tag::Table, Tag::Thead, Tag::Tbody, Tag::Tfoot]),
            Tag::Thead | Tag::Tbody | Tag::Tfoot => {
                for t in [Tag::Thead, Tag::Tbody, Tag::Tfoot] {
                    self.pop_to(t, &[Tag::Table]);
                }
            }
            Tag::Option => self.pop_to(Tag::Option, &[Tag::Select, Tag::Table]),
            Tag::A => self.pop_to(Tag::A, &[Tag::Table, Tag::Td, Tag::Th, Tag::Div, Tag::P, Tag::Li]),
            _ => {}
        }
    }

    /// Closes the nearest open `tag` unless a `boundary` element is nearer.
    fn pop_to(&mut self, tag: Tag, boundary: &[Tag]) {
        let depth = self.stack.len();
        let lowest = depth.saturating_sub(MAX_END_SEARCH).max(1);
        for k in (lowest..depth).rev() {
            match self.dom.tag(self.stack[k]) {
                Some(t) if t == tag => {
                    self.stack.truncate(k);
                    return;
                }
                Some(t) if boundary.contains(&t) => return,
                _ => {}
            }
        }
    }

    fn text(&mut self, start: usize, end: usize, refs: bool) {
        if end <= start {
            return;
        }
        let refs = refs && memchr::memchr(b'&', &self.dom.src.as_bytes()[start..end]).is_some();
        self.append(Kind::Text { start: start as u32, end: end as u32, refs });
    }

    fn append(&mut self, kind: Kind) -> u32 {
        let id = self.dom.nodes.len() as u32;
        let parent = self.stack.last().copied().unwrap_or(0);
        self.dom.nodes.push(Node { kind, parent, first_child: NONE, last_child: NONE, next: NONE });
        let prev_last = self.dom.nodes.get(parent as usize).map_or(NONE, |p| p.last_child);
        if prev_last == NONE {
            if let Some(p) = self.dom.nodes.get_mut(parent as usize) {
                p.first_child = id;
            }
        } else if let Some(prev) = self.dom.nodes.get_mut(prev_last as usize) {
            prev.next = id;
        }
        if let Some(p) = self.dom.nodes.get_mut(parent as usize) {
            p.last_child = id;
        }
        id
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The position after the next `>` from `from` (or the end).
fn skip_to_gt(bytes: &[u8], from: usize) -> usize {
    let from = from.min(bytes.len());
    memchr::memchr(b'>', &bytes[from..]).map_or(bytes.len(), |i| from + i + 1)
}

/// Finds `</name` (any case) followed by a space, `/` or `>` from `from`; returns the
/// content end and the position after the end tag (both the end of input if absent).
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> (usize, usize) {
    let mut i = from.min(bytes.len());
    while let Some(k) = memchr::memmem::find(&bytes[i..], b"</") {
        let at = i + k;
        let ns = at + 2;
        let ne = ns + name.len();
        if bytes.get(ns..ne).is_some_and(|n| n.eq_ignore_ascii_case(name))
            && bytes.get(ne).is_none_or(|&b| is_space(b) || b == b'>' || b == b'/')
        {
            return (at, skip_to_gt(bytes, ne));
        }
        i = at + 2;
    }
    (bytes.len(), bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(dom: &Dom, id: u32) -> Vec<Tag> {
        dom.children(id).filter_map(|c| dom.tag(c)).collect()
    }

    #[test]
    fn builds_a_tree() {
        let dom =
            Dom::parse("<html lang=en><body><p>One <b>two</b><p>Three<div>x</div><ul><li>a<li>b</ul></body></html>");
        let body = dom.elements(Tag::Body).next().unwrap_or(NONE);
        assert_eq!(tags(&dom, body), vec![Tag::P, Tag::P, Tag::Div, Tag::Ul]);
        let ul = dom.elements(Tag::Ul).next().unwrap_or(NONE);
        assert_eq!(tags(&dom, ul), vec![Tag::Li, Tag::Li]);
        let html = dom.elements(Tag::Html).next().unwrap_or(NONE);
        assert_eq!(dom.attr(html, "LANG").as_deref(), Some("en"));
        assert_eq!(dom.inner_text(body, 1000), "One two Three x a b");
    }

    #[test]
    fn raw_text_and_references() {
        let dom = Dom::parse("<title>A &amp; B</title><script>if (a < b) { x = '</p>'; }</script><p>caf&eacute; &#8212; &#x41;</p><style>p{}</style>");
        let title = dom.elements(Tag::Title).next().unwrap_or(NONE);
        assert_eq!(dom.inner_text(title, 100), "A & B");
        let p = dom.elements(Tag::P).next().unwrap_or(NONE);
        assert_eq!(dom.inner_text(p, 100), "café — A");
        let script = dom.elements(Tag::Script).next().unwrap_or(NONE);
        assert!(dom.inner_text(script, 100).contains("x = '"));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let html = format!("{}text{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
        let dom = Dom::parse(&html);
        assert_eq!(dom.nodes.len(), 100_002);
        let mut depth = 0;
        let mut n = dom.nodes.len() as u32 - 1;
        while n != NONE {
            depth += 1;
            n = dom.nodes[n as usize].parent;
        }
        assert!(depth <= MAX_DEPTH + 2, "{depth}");
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for s in ["<", "<a", "<a href=\"x", "<!--", "</", "</a", "<script>", "<p =x>", "<a b='é", "<![CDATA[x", "é<é>"]
        {
            let _ = Dom::parse(s);
        }
    }
}
