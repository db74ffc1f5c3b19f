//! Line-level parsing shared by the dictionary files, and the pattern language of `verbs.txt`.

/// The entry part of a line: `None` for blank and comment lines; a ` # ` comment is cut.
pub(crate) fn strip_comment(raw: &str) -> Option<&str> {
    let line = raw.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let line = match line.find(" # ") {
        Some(i) => line[..i].trim_end(),
        None => line,
    };
    Some(line)
}

/// A `;`-separated list, trimmed, empty items dropped.
pub(crate) fn list(field: &str) -> Vec<String> {
    field.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// A three-letter upper-case code (country, role).
pub(crate) fn code3(s: &str) -> Result<String, String> {
    if s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(s.to_string())
    } else {
        Err(format!("{s:?} is not a three-letter upper-case code"))
    }
}

/// A CAMEO event code: two to four digits.
pub(crate) fn cameo_code(s: &str) -> Result<String, String> {
    if (2..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(s.to_string())
    } else {
        Err(format!("{s:?} is not a CAMEO event code (two to four digits)"))
    }
}

/// How the head word of a pattern is inflected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadKind {
    Verb,
    Noun,
    /// Taken as written.
    Word,
}

/// One element after the head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// Any of these words (lower case); plural s/es also matches.
    Words(Vec<String>),
    /// A gap of up to six words.
    Gap,
}

/// A parsed event pattern: a head and the elements that must follow it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub head: String,
    pub head_kind: HeadKind,
    pub rest: Vec<Element>,
}

impl Pattern {
    pub fn parse(s: &str) -> Result<Pattern, String> {
        let opens = s.matches('{').count();
        if opens != s.matches('}').count() || s.contains("{{") || s.contains("}}") {
            return Err(format!("unbalanced braces in {s:?}"));
        }
        let mut words = tokens(s).map_err(|e| format!("{e} in {s:?}"))?.into_iter();
        let Some(first) = words.next() else { return Err("empty pattern".into()) };
        let Element::Words(alts) = first else {
            return Err(format!("a pattern starts with its head word, not a gap: {s:?}"));
        };
        let [head] = &alts[..] else { return Err(format!("the head must be one word, not a choice: {s:?}")) };
        let (head, head_kind) = match head.split_once(':') {
            Some((h, "n")) => (h.to_string(), HeadKind::Noun),
            Some((h, "a")) => (h.to_string(), HeadKind::Word),
            Some((_, k)) => return Err(format!("unknown head marker :{k} in {s:?} (use :n or :a)")),
            None => (head.clone(), HeadKind::Verb),
        };
        if head.is_empty() {
            return Err(format!("empty head in {s:?}"));
        }
        let rest: Vec<Element> = words.collect();
        if matches!(rest.last(), Some(Element::Gap)) {
            return Err(format!("a pattern cannot end with a gap: {s:?}"));
        }
        Ok(Pattern { head, head_kind, rest })
    }

    /// How many words the pattern requires (for choosing the most specific).
    pub fn weight(&self) -> usize {
        1 + self.rest.iter().filter(|e| matches!(e, Element::Words(_))).count()
    }
}

fn tokens(s: &str) -> Result<Vec<Element>, String> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('{') {
            let end = r.find('}').ok_or("unbalanced braces")?;
            let alts: Vec<String> =
                r[..end].split(',').map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).collect();
            if alts.is_empty() {
                return Err("empty choice {}".into());
            }
            out.push(Element::Words(alts));
            rest = r[end + 1..].trim_start();
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let w = &rest[..end];
            if w == "*" {
                out.push(Element::Gap);
            } else if w.contains(['{', '}', ',', '|']) {
                return Err(format!("stray punctuation in word {w:?}"));
            } else {
                out.push(Element::Words(vec![w.to_lowercase()]));
            }
            rest = rest[end..].trim_start();
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn patterns() {
        let p = Pattern::parse("sign * {agreement, accord}").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.head, "sign");
        assert_eq!(p.head_kind, HeadKind::Verb);
        assert_eq!(p.rest, vec![Element::Gap, Element::Words(vec!["agreement".into(), "accord".into()])]);
        assert_eq!(p.weight(), 2);
        let p = Pattern::parse("talks:n with").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((p.head.as_str(), p.head_kind), ("talks", HeadKind::Noun));
        assert!(Pattern::parse("* sign").is_err());
        assert!(Pattern::parse("sign *").is_err());
        assert!(Pattern::parse("{a,b} c").is_err());
        assert!(Pattern::parse("x:q").is_err());
    }
    proptest::proptest! {
        #[test]
        fn parse_never_panics(s in ".{0,60}") { let _ = Pattern::parse(&s); }
    }
}
