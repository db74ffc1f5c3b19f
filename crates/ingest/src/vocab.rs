//! The words the readers judge pages and dates by: `dict/boilerplate.txt` (page
//! furniture, date labels) and `dict/dates.txt` (month names, date markup), embedded at
//! build time and laid over by the same files of a `--dict` directory.
//!
//! A [`Vocabulary`] is state its owner (the engine) builds once and hands to every read
//! in [`crate::ReadOptions`]; the built-in one is parsed once and shared.

use std::sync::{Arc, OnceLock};

use crate::date::Dates;
use crate::html::Words;

/// The files of `dict/` a [`Vocabulary`] is read from.
pub const VOCABULARY_FILES: &[&str] = &["boilerplate.txt", "dates.txt"];

const BUILTIN: &[(&str, &str)] = &[
    ("boilerplate.txt", include_str!("../../../dict/boilerplate.txt")),
    ("dates.txt", include_str!("../../../dict/dates.txt")),
];

/// A line of a vocabulary file that could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{file}:{line}: {reason}")]
pub struct VocabularyError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

/// The readers' vocabulary: the built-in files, and any overlay added on top.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    pub(crate) words: Words,
    pub(crate) dates: Dates,
}

impl Vocabulary {
    /// The built-in vocabulary (parsed once; a unit test keeps the files clean).
    pub fn builtin() -> Arc<Vocabulary> {
        static BUILT: OnceLock<Arc<Vocabulary>> = OnceLock::new();
        Arc::clone(BUILT.get_or_init(|| {
            let mut v = Vocabulary::default();
            for (name, text) in BUILTIN {
                // The built-in files are checked by the tests; a bad line is skipped.
                let _ = v.add_file(&format!("dict/{name}"), name, text);
            }
            Arc::new(v)
        }))
    }

    /// The built-in vocabulary, borrowed for the life of the program.
    pub(crate) fn builtin_ref() -> &'static Vocabulary {
        static BUILT: OnceLock<Arc<Vocabulary>> = OnceLock::new();
        BUILT.get_or_init(Vocabulary::builtin)
    }

    /// Adds the words of one file: `kind` is its name in `dict/` (one of
    /// [`VOCABULARY_FILES`]), `file` the name to report it by. Every line is read; the
    /// first bad one is the error (the lines before it are added).
    pub fn add_file(&mut self, file: &str, kind: &str, text: &str) -> Result<(), VocabularyError> {
        let err = |line: usize, reason: String| VocabularyError { file: file.to_string(), line, reason };
        if !VOCABULARY_FILES.contains(&kind) {
            return Err(err(0, format!("not a vocabulary file; expected one of: {}", VOCABULARY_FILES.join(", "))));
        }
        let mut first_bad = None;
        for (i, raw) in text.lines().enumerate() {
            let line = match raw.find(" # ") {
                Some(p) => &raw[..p],
                None => raw,
            }
            .trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let added = match line.split_once('|') {
                None => Err("expected `class | words`".to_string()),
                Some((class, list)) if kind == "dates.txt" => self.dates.add_line(class.trim(), list),
                Some((class, list)) => self.words.add_line(class.trim(), list),
            };
            if let Err(reason) = added {
                first_bad.get_or_insert_with(|| err(i + 1, reason));
            }
        }
        first_bad.map_or(Ok(()), Err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_files_read_cleanly() {
        let mut v = Vocabulary::default();
        for (name, text) in BUILTIN {
            assert_eq!(v.add_file(name, name, text), Ok(()));
        }
        assert!(v.dates.ordinals.iter().any(|o| o == "th") && !v.dates.published_keys.is_empty());
    }

    #[test]
    fn bad_lines_are_named() {
        let mut v = Vocabulary::default();
        let e = v.add_file("x/dates.txt", "dates.txt", "# c\nmonth 13 | smarch\nordinal | th\n");
        assert_eq!(e.map_err(|e| e.line), Err(2));
        assert_eq!(v.dates.ordinals, vec!["th"]);
        let e = v.add_file("x/boilerplate.txt", "boilerplate.txt", "nonsense\n");
        assert_eq!(e.map_err(|e| e.to_string()), Err("x/boilerplate.txt:1: expected `class | words`".to_string()));
        assert!(v.add_file("x/geo.txt", "geo.txt", "").is_err());
    }
}
