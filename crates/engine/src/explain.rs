//! `explain`: a coded document as text for people, each event with the pattern, the
//! words and the reasons that coded it.
//!
//! Text that comes from the input (ids, titles, evidence) is written with control
//! characters escaped, so that a hostile title cannot drive the reader's terminal.

use std::fmt::Write as _;

use crate::model::{Actor, Document};

/// `s` with control characters (other than tab) escaped as `\u{..}`: safe for a terminal.
pub fn terminal_safe(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\t') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() && c != '\t' {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn side(doc: &Document, a: &Option<Actor>) -> String {
    match a {
        Some(a) => format!("{} ({:?})", a.code, terminal_safe(doc.slice(a.span))),
        None => "-".into(),
    }
}

/// Appends the explanation of `doc` to `out`.
pub fn explain(doc: &Document, out: &mut String) {
    let title = doc.title.as_deref().map(|t| format!(": {}", terminal_safe(t))).unwrap_or_default();
    let _ = writeln!(out, "== {}{title}", terminal_safe(&doc.id));
    if let (Some(p), Some(how)) = (&doc.published, &doc.published_how) {
        let _ = writeln!(out, "   published {p} ({}: {})", how.how, terminal_safe(&how.why));
    }
    if let Some(why) = &doc.not_coded {
        let _ = writeln!(out, "   not coded: {why}");
    } else if doc.events.is_empty() {
        let _ = writeln!(out, "   no events");
    }
    for (i, e) in doc.events.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:>3}. {} {} [{}]  {} -> {}{}{}  confidence {:.2}",
            i + 1,
            e.code,
            e.name.as_deref().unwrap_or("?"),
            e.plover.as_deref().unwrap_or("-"),
            side(doc, &e.source),
            side(doc, &e.target),
            if e.negated { "  NEGATED" } else { "" },
            if e.hypothetical { "  hypothetical" } else { "" },
            e.confidence
        );
        let _ = writeln!(out, "     sentence {}: {}", e.sentence + 1, terminal_safe(&e.evidence));
        let _ = writeln!(out, "     words: {}", terminal_safe(&e.words.join(" ")));
        let _ = writeln!(
            out,
            "     rule: {}:{}  {}",
            terminal_safe(&e.rule.file),
            e.rule.line,
            terminal_safe(&e.rule.entry)
        );
        if let Some(d) = &e.date {
            let _ = writeln!(
                out,
                "     date: {d}{}",
                e.date_why.as_ref().map(|w| format!("  ({})", terminal_safe(w))).unwrap_or_default()
            );
        }
        if !e.counts.is_empty() {
            let counts: Vec<String> = e
                .counts
                .iter()
                .map(|c| {
                    format!(
                        "{} {}{} (\"{}\")",
                        c.kind,
                        if c.approximate { "~" } else { "" },
                        c.value,
                        terminal_safe(&c.text)
                    )
                })
                .collect();
            let _ = writeln!(out, "     counts: {}", counts.join(", "));
        }
        for r in &e.reasons {
            let _ = writeln!(out, "     - {}", terminal_safe(r));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::terminal_safe;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(terminal_safe("plain\ttext"), "plain\ttext");
        assert_eq!(terminal_safe("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(terminal_safe("line\nbreak\r"), "line\\u{a}break\\u{d}");
    }
}
