//! Vocabulary lives only in `dict/` (ARCHITECTURE.md's invariant): this test reads the
//! source of every other crate and fails when it finds a word list there, so a list that
//! creeps back into code is caught before it lands.
//!
//! A word list is a run of four or more string literals that look like words of a
//! language (`"while"`, `"januar"`, `"Mr"`), separated only by commas, `|` or an `x ==`
//! comparison: an array, a slice, a `matches!` pattern or a chain of comparisons. Test
//! code (`#[cfg(test)]` modules, `tests.rs` files) is not read. A list that is not
//! vocabulary (dictionary class names, column names of an output format, markup names a
//! standard fixes) carries the comment `// not vocabulary: <why>` on one of the six
//! lines before it.

use std::path::{Path, PathBuf};

/// How many word literals in a row make a list.
const RUN: usize = 4;

/// The marker that excuses the list after it.
const MARKER: &str = "not vocabulary:";

#[test]
fn no_crate_outside_dict_holds_a_word_list() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = Vec::new();
    for file in sources(&crates) {
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        for (line, words) in word_lists(non_test_part(&text)) {
            found.push(format!("{}:{line}: {}", file.display(), words.join(", ")));
        }
    }
    assert!(
        found.is_empty(),
        "word lists in code (move them to a dict/ file, or mark a list that is not vocabulary \
         with `// {MARKER} <why>`):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_finds_lists_and_honours_the_marker() {
    let code = "const A: [&str; 4] = [\"while\", \"when\", \"as\", \"because\"];\n\
                fn f(w: &str) -> bool { w == \"the\" || w == \"an\" || w == \"this\" || w == \"that\" }\n\
                // not vocabulary: column names\n\
                const B: [&str; 4] = [\"id\", \"date\", \"code\", \"name\"];\n\
                const C: [&str; 4] = [\"a b\", \"%d\", \"x\", \"\\n\"];\n\
                // \"one\", \"two\", \"three\", \"four\" in a comment\n";
    let lists = word_lists(code);
    assert_eq!(lists.iter().map(|(line, _)| *line).collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!(lists[1].1, vec!["the", "an", "this", "that"]);
}

/// Every `.rs` file under `crates/*/src` except the `dict` crate's.
fn sources(crates: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(crates) else { return out };
    for entry in entries.flatten() {
        if entry.file_name() != "dict" {
            walk(&entry.path().join("src"), &mut out);
        }
    }
    out.sort();
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") && path.file_name().is_some_and(|n| n != "tests.rs") {
            out.push(path);
        }
    }
}

/// The file up to its first `#[cfg(test)]` (test modules sit at the end, by house style).
fn non_test_part(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |i| &text[..i])
}

/// A string literal: its text and the byte range of the whole literal.
struct Literal<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

/// The word lists of `code`: for each, the line of its first word and its words.
fn word_lists(code: &str) -> Vec<(usize, Vec<&str>)> {
    let lits = literals(code);
    let mut out = Vec::new();
    let mut i = 0;
    while i < lits.len() {
        let mut j = i + 1;
        while j < lits.len() && separator(&code[lits[j - 1].end..lits[j].start]) {
            j += 1;
        }
        let words: Vec<&str> = lits[i..j].iter().map(|l| l.text).filter(|t| word(t)).collect();
        if words.len() >= RUN && !marked(code, lits[i].start) {
            out.push((line_of(code, lits[i].start), words));
        }
        i = j;
    }
    out
}

/// Whether the code between two literals only separates items of one list.
fn separator(between: &str) -> bool {
    let rest = between.trim().trim_start_matches([',', '|', '&', ' ', '\n']).trim();
    if rest.is_empty() {
        return true;
    }
    // `|| w ==` in a chain of comparisons.
    let Some(name) = rest.strip_suffix("==") else { return false };
    name.trim().chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.')
}

/// Whether a literal looks like a word of a language.
fn word(t: &str) -> bool {
    let mut chars = t.chars();
    let Some(first) = chars.next() else { return false };
    first.is_alphabetic()
        && t.chars().count() >= 2
        && chars.all(|c| c.is_lowercase() || c == '\'' || c == '-' || c == '.')
}

/// Whether one of the six lines before `at` carries the marker.
fn marked(code: &str, at: usize) -> bool {
    let line_start = code[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &code[..line_start];
    let mut lines = before.lines().rev().take(6).collect::<Vec<_>>();
    lines.push(&code[line_start..at]);
    lines.iter().any(|l| l.contains(MARKER))
}

fn line_of(code: &str, at: usize) -> usize {
    code[..at].matches('\n').count() + 1
}

/// The string literals of Rust source, skipping comments and character literals.
fn literals(code: &str) -> Vec<Literal<'_>> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => i = code[i..].find('\n').map_or(b.len(), |n| i + n),
            b'/' if b.get(i + 1) == Some(&b'*') => i = code[i + 2..].find("*/").map_or(b.len(), |n| i + n + 4),
            b'\'' => i = skip_char_literal(b, i),
            b'r' if raw_start(b, i).is_some() => {
                i = raw_start(b, i).map_or(b.len(), |(hashes, at)| raw_end(code, at, hashes))
            }
            b'"' => {
                let end = string_end(b, i + 1);
                out.push(Literal { text: &code[i + 1..end.saturating_sub(1).max(i + 1)], start: i, end });
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// At `r#"` (any number of `#`, or none): how many `#` and where the text starts.
fn raw_start(b: &[u8], i: usize) -> Option<(usize, usize)> {
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
        return None;
    }
    let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
    (b.get(i + 1 + hashes) == Some(&b'"')).then_some((hashes, i + 2 + hashes))
}

/// Past the end of a raw string whose text starts at `at` (raw strings are markup or
/// SQL here, never read as lists).
fn raw_end(code: &str, at: usize, hashes: usize) -> usize {
    let close = format!("\"{}", "#".repeat(hashes));
    code[at..].find(&close).map_or(code.len(), |n| at + n + close.len())
}

/// Where a string whose text starts at `i` ends (one past its closing quote).
fn string_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// Past a character literal at `i` (`'x'`, `'\n'`, `'"'`), or one byte on for a lifetime.
fn skip_char_literal(b: &[u8], i: usize) -> usize {
    if b.get(i + 1) == Some(&b'\\') {
        return b[i + 2..].iter().position(|&c| c == b'\'').map_or(b.len(), |n| i + n + 3);
    }
    // One character of up to four bytes, then the closing quote.
    (2..=5).find(|&k| b.get(i + k) == Some(&b'\'')).map_or(i + 1, |k| i + k + 1)
}
