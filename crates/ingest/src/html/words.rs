//! The extractor's vocabulary: boilerplate and article class/id words and ARIA roles,
//! read from `dict/boilerplate.txt` (embedded at build time, so the binary stays
//! self-contained, and laid over by a `--dict` directory's; see [`crate::Vocabulary`]).
//! The code holds only the mechanism.

/// The word lists of `dict/boilerplate.txt`, one per class.
#[derive(Debug, Clone, Default)]
pub(crate) struct Words {
    /// Whole class/id words that mark boilerplate.
    pub negative_words: Vec<String>,
    /// Of the negative words, those that page builders also give every block of a
    /// story (`widget`).
    pub weak_words: Vec<String>,
    /// Prefixes of class/id words that mark boilerplate.
    pub negative_prefixes: Vec<String>,
    /// Substrings of a class/id value that hide the element.
    pub hidden: Vec<String>,
    /// ARIA roles of boilerplate.
    pub roles: Vec<String>,
    /// Prefixes of class/id words that mark the article body.
    pub positive_prefixes: Vec<String>,
    /// Whole texts of a block that label boilerplate ("Advertisement"), lowercase.
    pub labels: Vec<String>,
    /// Words that lead into a publication date written as text ("published",
    /// "publiziert am", a weekday), lowercase.
    pub date_labels: Vec<String>,
    /// Words that mark a date as a modification, not the publication ("updated").
    pub update_labels: Vec<String>,
    /// Words that name the act of publishing ("posted", "published"): a date after
    /// the article is read only after one.
    pub publish_labels: Vec<String>,
    /// Relative dates ("3 hours ago", "yesterday"): words that make a count of units a
    /// time before now (`ago`; `vor`, `hace` stand before the count)...
    pub relative_ago: Vec<String>,
    /// ... the units, by their length: minutes, hours, days, weeks ...
    pub relative_units: [Vec<String>; 4],
    /// ... and the words for today and yesterday.
    pub relative_today: Vec<String>,
    pub relative_yesterday: Vec<String>,
}

impl Words {
    /// Adds a line `class | words` of `boilerplate.txt`; an error says what is wrong
    /// with it.
    pub(crate) fn add_line(&mut self, class: &str, list: &str) -> Result<(), String> {
        let w = self;
        let target = match class {
            "negative-word" => &mut w.negative_words,
            "negative-prefix" => &mut w.negative_prefixes,
            "weak-word" => &mut w.weak_words,
            "hidden" => &mut w.hidden,
            "role" => &mut w.roles,
            "positive-prefix" => &mut w.positive_prefixes,
            "label" => &mut w.labels,
            "date-label" => &mut w.date_labels,
            "update-label" => &mut w.update_labels,
            "publish-label" => &mut w.publish_labels,
            "relative-ago" => &mut w.relative_ago,
            "relative-minute" => &mut w.relative_units[0],
            "relative-hour" => &mut w.relative_units[1],
            "relative-day" => &mut w.relative_units[2],
            "relative-week" => &mut w.relative_units[3],
            "relative-today" => &mut w.relative_today,
            "relative-yesterday" => &mut w.relative_yesterday,
            other => return Err(format!("unknown class `{other}`")),
        };
        target.extend(list.split(';').map(|s| s.trim().to_ascii_lowercase()).filter(|s| !s.is_empty()));
        Ok(())
    }

    /// The boilerplate words of a class/id value, as indices into the negative and
    /// weak words, then the negative prefixes, added to `out` (each once).
    pub(crate) fn negative_ids(&self, value: &str, out: &mut Vec<u16>) {
        let whole = self.negative_words.len();
        for_each_word(value, |w| {
            let hit = self
                .negative_words
                .iter()
                .position(|n| n == w)
                .or_else(|| self.weak_words.iter().position(|n| n == w).map(|i| i + whole))
                .or_else(|| {
                    self.negative_prefixes
                        .iter()
                        .position(|p| w.starts_with(p.as_str()))
                        .map(|i| i + whole + self.weak_words.len())
                });
            if let Some(i) = hit.and_then(|i| u16::try_from(i).ok()) {
                if !out.contains(&i) {
                    out.push(i);
                }
            }
        });
    }

    /// How many word indices [`Words::negative_ids`] can give.
    pub(crate) fn negative_count(&self) -> usize {
        self.negative_words.len() + self.weak_words.len() + self.negative_prefixes.len()
    }

    /// Whether a word index of [`Words::negative_ids`] is a weak word.
    pub(crate) fn is_weak(&self, id: u16) -> bool {
        let whole = self.negative_words.len();
        (whole..whole + self.weak_words.len()).contains(&(id as usize))
    }

    /// Whether any word of a class/id value marks boilerplate.
    #[cfg(test)]
    pub(crate) fn any_negative(&self, value: &str) -> bool {
        let mut ids = Vec::new();
        self.negative_ids(value, &mut ids);
        !ids.is_empty()
    }

    /// Whether any word of a class/id value marks the article body.
    pub(crate) fn any_positive(&self, value: &str) -> bool {
        let mut hit = false;
        for_each_word(value, |w| hit = hit || self.is_positive(w));
        hit
    }

    /// Whether the whole text of a block is a boilerplate label ("Advertisement",
    /// "ADVERT:"), case and surrounding punctuation aside.
    pub(crate) fn is_label(&self, text: &str) -> bool {
        let t = text.trim_matches(|c: char| !c.is_alphanumeric());
        t.len() <= 40 && {
            let t = t.to_lowercase();
            self.labels.contains(&t)
        }
    }

    /// Whether a lowercase class/id word marks the article body.
    pub(crate) fn is_positive(&self, word: &str) -> bool {
        self.positive_prefixes.iter().any(|p| word.starts_with(p.as_str()))
    }
}

/// Calls `f` with each lowercase word of a class/id value: the value is cut at
/// non-alphanumerics, and at a lowercase letter or digit followed by an uppercase one
/// (`authorBio` is `author` and `bio`), so camel-case names read like dashed ones.
pub(crate) fn for_each_word(value: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        if !c.is_ascii_alphanumeric() {
            if !word.is_empty() {
                f(&word);
                word.clear();
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !word.is_empty() {
            f(&word);
            word.clear();
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        word.push(c.to_ascii_lowercase());
    }
    if !word.is_empty() {
        f(&word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Words, Option<usize>) {
        let mut v = crate::Vocabulary::default();
        let bad = v.add_file("boilerplate.txt", "boilerplate.txt", text).err().map(|e| e.line);
        (v.words, bad)
    }

    #[test]
    fn builtin_file_reads_cleanly() {
        let w = &crate::Vocabulary::builtin_ref().words;
        assert!(w.any_negative("sidebar") && w.any_negative("relatedlinks"));
        assert!(w.any_negative("widget") && !w.weak_words.is_empty());
        assert!(w.is_positive("articlebody"));
        assert!(w.date_labels.iter().any(|l| l == "published"));
        assert!(w.update_labels.iter().any(|l| l == "updated"));
        assert!(w.publish_labels.iter().any(|l| l == "posted"));
        assert!(w.relative_ago.iter().any(|l| l == "ago"));
        assert!(w.relative_units.iter().all(|u| !u.is_empty()));
        assert!(!w.relative_today.is_empty() && !w.relative_yesterday.is_empty());
        assert!(!w.roles.is_empty() && !w.hidden.is_empty());
        assert!(w.is_label("Advertisement") && w.is_label(" ADVERT: ") && !w.is_label("Advertisements help us"));
    }

    #[test]
    fn reads_classes_comments_and_reports_bad_lines() {
        let (w, bad) = parse("# c\nnegative-word | foo; Bar # note\nrole | x\nnonsense\nodd | y\n");
        assert_eq!(w.negative_words, vec!["foo", "bar"]);
        assert_eq!(w.roles, vec!["x"]);
        assert_eq!(bad, Some(4));
        assert!(!w.any_negative("foobar") && w.any_negative("bar"));
    }

    #[test]
    fn camel_case_names_split_into_words() {
        let mut words = Vec::new();
        for_each_word("ArticlePage-authorBio emailSignup HTMLBody x2Y", |w| words.push(w.to_string()));
        assert_eq!(words, vec!["article", "page", "author", "bio", "email", "signup", "htmlbody", "x2", "y"]);
        let (w, _) = parse("negative-word | signup\npositive-prefix | article\n");
        assert!(w.any_negative("emailSignup") && !w.any_negative("signupform"));
        assert!(w.any_positive("mainArticleBody"));
    }
}
