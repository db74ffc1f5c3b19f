//! Counts of people an event touched: "Twelve people were killed and 30 wounded",
//! "killing 11 people and wounding 40 others", "at least 200 were arrested". The words
//! come from `dict/lexicon.txt` (`count-*`, `number*`, `approx`, `count-people`).

use rustc_hash::FxHashMap as HashMap;

use dateline_core::{Count, CountKind, Doc, MentionKind, Span, Tag, TokenKind};
use dateline_dict::Lexicon;
use dateline_nlp::phrase_words;

/// The count words, built once.
pub struct Counter {
    /// Phrases by first word: (words, what they count).
    words: HashMap<String, Vec<(Vec<String>, CountKind)>>,
    approx: Vec<Vec<String>>,
    people: Vec<String>,
    numbers: HashMap<String, f64>,
    be: Vec<String>,
}

/// How many tokens may stand between a number and the word it counts.
const REACH: usize = 5;

impl Counter {
    pub fn new(lex: &Lexicon) -> Counter {
        let mut words: HashMap<String, Vec<(Vec<String>, CountKind)>> = HashMap::default();
        for kind in CountKind::ALL {
            for w in lex.class(&format!("count-{}", kind.as_str())) {
                let p: Vec<String> = phrase_words(&w.to_lowercase());
                if let Some(first) = p.first() {
                    words.entry(first.clone()).or_default().push((p.clone(), kind));
                }
            }
        }
        for list in words.values_mut() {
            list.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        }
        let approx = lex.class("approx").map(|w| phrase_words(&w.to_lowercase())).collect();
        let people = lex.class("count-people").map(str::to_lowercase).collect();
        let be = lex.class("aux").map(str::to_lowercase).collect();
        Counter { words, approx, people, numbers: dateline_nlp::number_words(lex), be }
    }

    /// The counts sentence `s` states.
    pub fn find(&self, doc: &Doc, s: usize) -> Vec<Count> {
        let (a, z) = doc.sentences[s].tokens;
        // Most sentences count nobody: look for a count word before lowering every token.
        let mut buf = String::new();
        let any = (a..z).any(|i| {
            buf.clear();
            buf.push_str(doc.slice(doc.tokens[i].span));
            buf.make_ascii_lowercase();
            self.words.contains_key(buf.as_str())
        });
        if !any {
            return Vec::new();
        }
        let lower: Vec<String> = (a..z).map(|i| doc.slice(doc.tokens[i].span).to_lowercase()).collect();
        let lw = |i: usize| lower.get(i.wrapping_sub(a)).map(String::as_str).unwrap_or("");
        let mut out: Vec<Count> = Vec::new();
        let mut i = a;
        while i < z {
            let Some((len, kind)) = self
                .words
                .get(lw(i))
                .and_then(|l| l.iter().find(|(p, _)| (0..p.len()).all(|k| lw(i + k) == p[k])))
                .map(|(p, k)| (p.len(), *k))
            else {
                i += 1;
                continue;
            };
            let end = i + len;
            let found = self.after(doc, &lw, end, z).or_else(|| self.before(doc, &lw, a, i));
            if let Some((value, number, approximate)) = found {
                let span = if number.start < doc.tokens[i].span.start {
                    number.cover(doc.tokens[end - 1].span)
                } else {
                    doc.tokens[i].span.cover(number)
                };
                if !out.iter().any(|c| c.number == number) {
                    out.push(Count { kind, value, approximate, span, number });
                }
            }
            i = end;
        }
        out
    }

    /// "killing 11 people", "wounded at least five others": a number right after the word.
    fn after<'a>(&self, doc: &Doc, lw: &impl Fn(usize) -> &'a str, from: usize, z: usize) -> Option<(f64, Span, bool)> {
        let (k, approximate) = self.skip_approx(lw, from);
        let (value, b, e) = self.number_at(doc, lw, k, z)?;
        // What follows the number is people, or nothing that is a thing ("seized three
        // villages" counts no one).
        let next = (e..z.min(e + 3)).find(|&j| !matches!(doc.tokens[j].tag, Tag::Adj | Tag::Det));
        let ok = match next {
            Some(j) => self.is_people(doc, lw, j) || !matches!(doc.tokens[j].tag, Tag::Noun | Tag::Proper),
            None => true,
        };
        ok.then(|| (value, doc.tokens[b].span.cover(doc.tokens[e - 1].span), approximate))
    }

    /// "Twelve people were killed", "and 30 wounded": a number before the word, with
    /// only people words, adjectives and forms of "be" between.
    fn before<'a>(
        &self,
        doc: &Doc,
        lw: &impl Fn(usize) -> &'a str,
        a: usize,
        word: usize,
    ) -> Option<(f64, Span, bool)> {
        let mut k = word;
        while k > a && word - k < REACH {
            let j = k - 1;
            let t = &doc.tokens[j];
            if t.kind == TokenKind::Number || self.numbers.contains_key(lw(j)) {
                let mut b = j;
                while b > a
                    && (doc.tokens[b - 1].kind == TokenKind::Number
                        || self.numbers.contains_key(lw(b - 1))
                        || (lw(b - 1) == "-" && b >= a + 2 && self.numbers.contains_key(lw(b - 2))))
                {
                    b -= 1;
                }
                let (value, b2, e) = self.number_at(doc, lw, b, j + 1)?;
                let approximate =
                    self.approx.iter().any(|p| b2 >= a + p.len() && (0..p.len()).all(|q| lw(b2 - p.len() + q) == p[q]));
                return Some((value, doc.tokens[b2].span.cover(doc.tokens[e - 1].span), approximate));
            }
            let between = self.be.iter().any(|b| b == lw(j))
                || self.is_people(doc, lw, j)
                || matches!(t.tag, Tag::Adj | Tag::Adv)
                || (t.tag == Tag::Noun && j + 1 < word);
            if !between {
                return None;
            }
            k = j;
        }
        None
    }

    fn skip_approx<'a>(&self, lw: &impl Fn(usize) -> &'a str, from: usize) -> (usize, bool) {
        match self.approx.iter().find(|p| (0..p.len()).all(|q| lw(from + q) == p[q])) {
            Some(p) => (from + p.len(), true),
            None => (from, false),
        }
    }

    /// A number starting at token `k`: "1,200", "twelve", "twenty-five", "five hundred".
    fn number_at<'a>(
        &self,
        doc: &Doc,
        lw: &impl Fn(usize) -> &'a str,
        k: usize,
        z: usize,
    ) -> Option<(f64, usize, usize)> {
        let one = |j: usize| -> Option<f64> {
            let w = lw(j);
            if doc.tokens.get(j)?.kind == TokenKind::Number {
                let digits: String = w.chars().filter(|c| *c != ',').collect();
                return digits.parse().ok();
            }
            self.numbers.get(w).copied().filter(|v| *v < 100.0)
        };
        let mut value = one(k)?;
        let mut e = k + 1;
        if e + 1 < z + 1 && lw(e) == "-" && one(e + 1).is_some_and(|v| v < 10.0) && value >= 20.0 {
            value += one(e + 1).unwrap_or(0.0);
            e += 2;
        }
        while e < z {
            match self.numbers.get(lw(e)).copied().filter(|v| *v >= 100.0) {
                Some(scale) => {
                    value *= scale;
                    e += 1;
                }
                None => break,
            }
        }
        (value > 0.0 && value < 1e8).then_some((value, k, e))
    }

    fn is_people<'a>(&self, doc: &Doc, lw: &impl Fn(usize) -> &'a str, j: usize) -> bool {
        let at = doc.tokens[j].span;
        self.people.iter().any(|p| p == lw(j))
            || doc
                .sentence_mentions_of_token(j)
                .iter()
                .any(|m| matches!(m.kind, MentionKind::Agent | MentionKind::Demonym) && m.span.contains(at))
    }
}

/// "killed 12 (\"Twelve people were killed\"), wounded 30 (\"30 wounded\")".
pub fn describe(doc: &Doc, counts: &[Count]) -> String {
    counts
        .iter()
        .map(|c| {
            format!(
                "{} {}{} (\"{}\")",
                c.kind.as_str(),
                if c.approximate { "~" } else { "" },
                c.value,
                doc.slice(c.span)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}
