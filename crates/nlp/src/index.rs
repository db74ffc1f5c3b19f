//! Lookup tables built once from the [`Lexicon`]: closed classes, verb forms, and a
//! phrase matcher over tokens for the names and nouns of the dictionaries.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use dateline_dict::{noun_forms, verb_forms, Lexicon};

use crate::classes::{Class, ClassSet, EMPTY};

/// What a dictionary phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseKind {
    Country(usize),
    Demonym(usize),
    Capital(usize),
    Org(usize),
    Agent(usize),
    Person(usize),
    GroupRef,
    /// "counterpart": a person who holds the title of the last titled person.
    Counterpart,
}

#[derive(Debug, Clone)]
pub struct Phrase {
    pub words: Vec<String>,
    pub case_sensitive: bool,
    pub kind: PhraseKind,
}

/// Precomputed tables for the nlp stage.
#[derive(Debug, Default)]
pub struct Index {
    /// Word (lower case) -> the closed classes it belongs to.
    word_classes: HashMap<String, ClassSet>,
    /// Class name -> its bit (every class of the lexicon, however many).
    class_bit: HashMap<String, Class>,
    abbrev: HashSet<String>,
    /// Lower-case inflected form -> verb lemma, for every verb the dictionaries name.
    pub verb_lemma: HashMap<String, String>,
    /// Phrases by their first word, lower case; longest first.
    phrases: HashMap<String, Vec<Phrase>>,
    pub months: Vec<Vec<String>>,
    pub weekdays: Vec<String>,
    /// Unit words (lower case, may be several words) -> unit code.
    pub units: Vec<(Vec<String>, String)>,
    pub residue: HashSet<String>,
    pub agencies: Vec<Vec<String>>,
    /// Month and weekday words -> number (month 1-12).
    month_of: HashMap<String, u8>,
    /// The first bytes of the keys of `month_of`, as a bit set: most tokens fail this
    /// test and are not hashed.
    month_first: [u64; 4],
    /// Number words (lower case) -> value: "twelve" 12, "thirty" 30, "hundred" 100.
    pub numbers: HashMap<String, f64>,
    /// The words that start a relative time expression ("yesterday", "last", "ago"):
    /// their classes, and the first letters and lengths of those words as bit sets
    /// (most tokens are rejected on these before a lookup).
    pub relative_start: (ClassSet, u32, u64),
    /// Classes the stages test word by word, their bits looked up once.
    pub class: Classes,
    /// `clitic`: what may follow an apostrophe as a clitic, as written.
    pub clitics: Vec<String>,
    /// `scale-N`: scale word (lower case) -> factor N.
    pub scales: Vec<(String, f64)>,
    /// `currency-sign`: sign -> the unit of the `unit-*` class that lists it.
    pub currency_signs: Vec<(String, String)>,
    /// `ordinal-suffix`, as written.
    pub ordinal_suffixes: Vec<String>,
    /// The dateline pattern, with the lexicon's month names (see `wire`).
    pub dateline_re: Option<regex::Regex>,
    /// Capitals and country names, lower-cased char by char -> the first country (in
    /// the lexicon's order) that has it.
    capital_of: HashMap<String, usize>,
    name_of: HashMap<String, usize>,
}

/// The bits of the lexicon classes the stages test word by word.
#[derive(Debug, Default)]
pub struct Classes {
    pub name_particle: Class,
    pub acronym_link: Class,
    pub title_lower: Class,
    pub neg_other: Class,
    pub pron_he: Class,
    pub pron_she: Class,
    pub water: Class,
    pub counterpart: Class,
    pub noun_verb: Class,
}

/// Splits a dictionary phrase the way the tokenizer splits text.
pub fn phrase_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in s.split_whitespace() {
        let mut parts: Vec<&str> = Vec::new();
        let mut rest = piece;
        while let Some(i) = rest.find('-') {
            if i > 0 {
                parts.push(&rest[..i]);
            }
            parts.push("-");
            rest = &rest[i + 1..];
        }
        if !rest.is_empty() {
            parts.push(rest);
        }
        for p in parts {
            let (p, comma) = match p.strip_suffix(',') {
                Some(q) => (q, true),
                None => (p, false),
            };
            if let Some(stem) = p.strip_suffix("'s").or_else(|| p.strip_suffix("\u{2019}s")) {
                if !stem.is_empty() {
                    out.push(stem.to_string());
                }
                out.push("'s".to_string());
            } else if let Some(stem) =
                p.strip_suffix('\'').or_else(|| p.strip_suffix('\u{2019}')).filter(|s| !s.is_empty())
            {
                // "Workers' Party": the tokenizer splits a trailing apostrophe off.
                out.push(stem.to_string());
                out.push("'".to_string());
            } else if !p.is_empty() {
                out.push(p.to_string());
            }
            if comma {
                out.push(",".to_string());
            }
        }
    }
    out
}

/// Number words from the lexicon's `number`, `number-tens` and `number-scale` classes,
/// each by its position in the class.
pub fn number_words(lex: &Lexicon) -> HashMap<String, f64> {
    let mut out = HashMap::default();
    for (i, w) in lex.class("number").enumerate() {
        out.insert(w.to_lowercase(), i as f64);
    }
    for (i, w) in lex.class("number-tens").enumerate() {
        out.insert(w.to_lowercase(), 20.0 + 10.0 * i as f64);
    }
    for (w, v) in lex.class("number-scale").zip([100.0, 1000.0, 1e6]) {
        out.insert(w.to_lowercase(), v);
    }
    out
}

impl Index {
    pub fn new(lex: &Lexicon) -> Index {
        let mut ix = Index::default();
        let mut names: Vec<&String> = lex.classes.keys().collect();
        names.sort();
        for (i, class) in names.into_iter().enumerate() {
            let bit = Class::nth(i);
            ix.class_bit.insert(class.clone(), bit);
            for (w, _) in &lex.classes[class] {
                ix.word_classes.entry(w.to_lowercase()).or_default().insert(bit);
            }
        }
        for (w, _) in lex.classes.get("abbrev").into_iter().flatten() {
            ix.abbrev.insert(w.to_string());
            ix.abbrev.insert(w.to_lowercase());
        }
        // "Jan." is an abbreviation; "May." is a month at the end of a sentence.
        let full_months: Vec<&str> = lex.class("month").collect();
        for (w, _) in lex.classes.get("month-abbr").into_iter().flatten() {
            if !full_months.contains(&w.as_str()) {
                ix.abbrev.insert(format!("{w}."));
            }
        }
        let month_names: Vec<String> = lex.class("month").map(str::to_string).collect();
        let month_abbr: Vec<String> = lex.class("month-abbr").map(str::to_string).collect();
        for (i, m) in month_names.iter().enumerate() {
            let mut forms = vec![m.clone()];
            if let Some(a) = month_abbr.get(i) {
                forms.push(a.clone());
                forms.push(format!("{a}."));
            }
            // Abbreviations past the twelfth ("Sept") belong to the month they begin.
            for a in month_abbr.iter().skip(month_names.len()).filter(|a| m.starts_with(a.as_str())) {
                forms.push(a.clone());
                forms.push(format!("{a}."));
            }
            ix.months.push(forms);
        }
        for (i, forms) in ix.months.iter().enumerate() {
            for f in forms {
                ix.month_of.insert(f.clone(), i as u8 + 1);
                if let Some(&b) = f.as_bytes().first() {
                    ix.month_first[usize::from(b / 64)] |= 1 << (b % 64);
                }
            }
        }
        ix.dateline_re = crate::wire::dateline_re(&ix.months);
        ix.weekdays = lex.class("weekday").map(str::to_string).collect();
        ix.numbers = number_words(lex);
        for (class, words) in &lex.classes {
            if let Some(unit) = class.strip_prefix("unit-") {
                for (w, _) in words {
                    ix.units.push((phrase_words(&w.to_lowercase()), unit.to_string()));
                }
            }
        }
        ix.units.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        ix.read_amount_words(lex);
        ix.clitics = lex.class("clitic").map(str::to_string).collect();
        ix.residue = lex.class("residue").map(str::to_lowercase).collect();
        ix.agencies = lex.class("agency").map(phrase_words).collect();
        ix.agencies.sort_by_key(|w| std::cmp::Reverse(w.len()));

        // Verb forms: speech verbs, hypothetical verbs, and every verb-pattern head.
        let mut lemmas: HashSet<String> = HashSet::default();
        for class in ["say", "hypo"] {
            lemmas.extend(lex.class(class).map(str::to_lowercase));
        }
        for v in &lex.verbs {
            if v.pattern.head_kind == dateline_dict::HeadKind::Verb {
                lemmas.insert(v.pattern.head.clone());
            }
        }
        for lemma in lemmas {
            let irregular = lex.irregular_forms.get(&lemma).cloned().unwrap_or_default();
            for f in verb_forms(&lemma, &irregular) {
                ix.verb_lemma.entry(f).or_insert_with(|| lemma.clone());
            }
        }

        ix.read_country_names(lex);

        // Phrases.
        let add = |ix: &mut Index, text: &str, cs: bool, kind: PhraseKind| {
            let words = phrase_words(text);
            if words.is_empty() {
                return;
            }
            let key = words[0].to_lowercase();
            ix.phrases.entry(key).or_default().push(Phrase { words, case_sensitive: cs, kind });
        };
        for (i, c) in lex.countries.iter().enumerate() {
            for n in &c.names {
                add(&mut ix, n, true, PhraseKind::Country(i));
            }
            for a in &c.adjectives {
                add(&mut ix, a, true, PhraseKind::Demonym(i));
            }
            for cap in &c.capitals {
                add(&mut ix, cap, true, PhraseKind::Capital(i));
            }
        }
        for (i, o) in lex.orgs.iter().enumerate() {
            for n in o.names.iter().chain(std::iter::once(&o.acronym)) {
                add(&mut ix, n, true, PhraseKind::Org(i));
            }
        }
        for (i, p) in lex.people.iter().enumerate() {
            add(&mut ix, &p.name, true, PhraseKind::Person(i));
            // Multi-word aliases (spelling variants); a bare surname only counts once
            // the person has been introduced (see entities).
            for a in p.aliases.iter().filter(|a| a.contains(' ') || a.chars().count() >= 5) {
                add(&mut ix, a, true, PhraseKind::Person(i));
            }
        }
        for (i, a) in lex.agents.iter().enumerate() {
            let words = phrase_words(&a.noun.to_lowercase());
            let Some((last, head)) = words.split_last() else { continue };
            let irregular = lex.irregular_forms.get(last).cloned().unwrap_or_default();
            let forms = if a.noun.ends_with('.') { vec![last.clone()] } else { noun_forms(last, &irregular) };
            for f in forms {
                let mut w = head.to_vec();
                w.push(f);
                add(&mut ix, &w.join(" "), false, PhraseKind::Agent(i));
            }
        }
        for c in lex.class("counterpart") {
            add(&mut ix, c, false, PhraseKind::Counterpart);
        }
        for g in lex.class("group-ref") {
            add(&mut ix, g, false, PhraseKind::GroupRef);
        }
        // not vocabulary: class names
        let starts = ["yesterday", "today", "tomorrow", "period-last", "period-next", "period-this", "ago"];
        let mut mask = ClassSet::default();
        for c in starts {
            mask.insert(ix.bit(c));
        }
        let (mut letters, mut lengths) = (0u32, 0u64);
        for w in starts.iter().flat_map(|c| lex.class(c)) {
            if let Some(l) = w.bytes().next().map(|b| b.to_ascii_lowercase().wrapping_sub(b'a')).filter(|l| *l < 26) {
                letters |= 1 << l;
            }
            lengths |= 1u64.checked_shl(w.len() as u32).unwrap_or(0);
        }
        ix.relative_start = (mask, letters, lengths);
        ix.class = Classes {
            name_particle: ix.bit("name-particle"),
            acronym_link: ix.bit("acronym-link"),
            title_lower: ix.bit("title-lower"),
            neg_other: ix.bit("neg-other"),
            pron_he: ix.bit("pron-he"),
            pron_she: ix.bit("pron-she"),
            water: ix.bit("water"),
            counterpart: ix.bit("counterpart"),
            noun_verb: ix.bit("noun-verb"),
        };
        for list in ix.phrases.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        }
        ix
    }

    /// Capitals and country names, lower-cased char by char, to the first country that
    /// has each (the dateline's country).
    fn read_country_names(&mut self, lex: &Lexicon) {
        let lower = |s: &String| s.chars().flat_map(char::to_lowercase).collect::<String>();
        for (i, c) in lex.countries.iter().enumerate() {
            for cap in &c.capitals {
                self.capital_of.entry(lower(cap)).or_insert(i);
            }
            for n in &c.names {
                self.name_of.entry(lower(n)).or_insert(i);
            }
        }
    }

    /// Scale words, currency signs and ordinal suffixes (see `amounts`).
    fn read_amount_words(&mut self, lex: &Lexicon) {
        let mut names: Vec<&String> = lex.classes.keys().collect();
        names.sort();
        for class in &names {
            if let Some(factor) = class.strip_prefix("scale-").and_then(|n| n.parse::<f64>().ok()) {
                self.scales.extend(lex.class(class).map(|w| (w.to_lowercase(), factor)));
            }
        }
        for sign in lex.class("currency-sign") {
            let unit = names.iter().find(|c| c.starts_with("unit-") && lex.class(c).any(|w| w == sign));
            if let Some(unit) = unit.and_then(|c| c.strip_prefix("unit-")) {
                self.currency_signs.push((sign.to_string(), unit.to_string()));
            }
        }
        self.ordinal_suffixes = lex.class("ordinal-suffix").map(str::to_string).collect();
    }

    pub fn in_class(&self, class: &str, lower: &str) -> bool {
        self.bits(lower).has(self.bit(class))
    }

    /// A closed class (one no word holds when the lexicon has no such class).
    pub fn bit(&self, class: &str) -> Class {
        self.class_bit.get(class).copied().unwrap_or_default()
    }

    /// The closed classes a lower-case word belongs to.
    pub fn bits(&self, lower: &str) -> &ClassSet {
        self.word_classes.get(lower).unwrap_or(&EMPTY)
    }

    pub fn is_abbrev(&self, word: &str) -> bool {
        self.abbrev.contains(word)
    }

    /// The phrases that could start with this word (lower case key).
    pub fn phrases_at(&self, lower: &str) -> &[Phrase] {
        self.phrases.get(lower).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The month number (1-12) a word names.
    pub fn month(&self, word: &str) -> Option<u8> {
        let &b = word.as_bytes().first()?;
        if self.month_first[usize::from(b / 64)] & (1 << (b % 64)) == 0 {
            return None;
        }
        self.month_of.get(word).copied()
    }

    /// The first country with a capital of this name (lower case).
    pub fn country_by_capital(&self, lower: &str) -> Option<usize> {
        self.capital_of.get(lower).copied()
    }

    /// The first country of this name (lower case).
    pub fn country_by_name(&self, lower: &str) -> Option<usize> {
        self.name_of.get(lower).copied()
    }

    pub fn weekday(&self, word: &str) -> Option<usize> {
        self.weekdays.iter().position(|w| w == word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dictionary_of_hundreds_of_classes_keeps_every_word() {
        let mut lex = Lexicon::builtin().unwrap();
        let user: String = (0..300).map(|i| format!("user-class-{i:03} | word{i}; shared\n")).collect();
        lex.add_file("user/lexicon.txt", "lexicon.txt", &user).unwrap();
        assert!(lex.classes.len() > 300);
        let ix = Index::new(&lex);
        for i in 0..300 {
            let class = format!("user-class-{i:03}");
            assert!(ix.in_class(&class, &format!("word{i}")), "{class}");
            assert!(ix.in_class(&class, "shared"), "{class}");
            assert!(!ix.in_class(&class, &format!("word{}", (i + 1) % 300)), "{class}");
        }
        // The built-in classes still work beside them.
        assert!(ix.in_class("det", "the") && ix.in_class("month", "march"));
    }

    #[test]
    fn capitals_and_country_names_are_looked_up_lower_case_first_country_first() {
        let mut lex = Lexicon::builtin().unwrap();
        let user = "ZZA | ZZA | Zedland | Zedlander | Zedtown\nZZB | ZZB | Zedtown | Zedtowner | Zedtown\n";
        lex.add_file("user/countries.txt", "countries.txt", user).unwrap();
        let ix = Index::new(&lex);
        let iso = |i: Option<usize>| i.map(|i| lex.countries[i].iso3.as_str());
        assert_eq!(iso(ix.country_by_capital("zedtown")), Some("ZZA"));
        assert_eq!(iso(ix.country_by_name("zedtown")), Some("ZZB"));
        assert_eq!(iso(ix.country_by_name("zedland")), Some("ZZA"));
        assert_eq!(iso(ix.country_by_capital("bishkek")), Some("KGZ"));
        assert_eq!(ix.country_by_capital("Bishkek"), None, "keys are lower case");
    }

    #[test]
    fn months_by_their_forms_as_written() {
        let ix = Index::new(&Lexicon::builtin().unwrap());
        assert_eq!(ix.month("March"), Some(3));
        assert_eq!(ix.month("Sept."), Some(9));
        assert_eq!(ix.month("Mayor"), None);
        assert_eq!(ix.month("march"), None);
        assert_eq!(ix.month(""), None);
        assert_eq!(ix.month("\u{c9}t\u{e9}"), None);
    }
}
