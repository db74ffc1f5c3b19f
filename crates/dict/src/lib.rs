//! dateline's dictionaries: the plain-text files under `dict/`, parsed.
//!
//! The files are embedded at build time ([`Lexicon::builtin`]); a user directory
//! given with `--dict DIR` is read on top ([`Lexicon::with_overlay`]): its entries are
//! added, and an entry with the same key replaces the built-in one. Every entry keeps
//! its file and line ([`dateline_core::EntryRef`]) so results can say which line fired.
//!
//! The file formats are documented in `dict/README.md`.

mod inflect;
mod parse;

use std::collections::HashMap;
use std::path::Path;

use dateline_core::EntryRef;

pub use inflect::{noun_forms, verb_forms};
pub use parse::{Element, HeadKind, Pattern};

/// A problem with a dictionary file: which file, which line, what is wrong.
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    #[error("{file}:{line}: {reason}")]
    Entry { file: String, line: usize, reason: String },
    #[error("{file}: cannot read: {source}")]
    Io { file: String, source: std::io::Error },
}

/// The built-in files, embedded at build time.
const BUILTIN: &[(&str, &str)] = &[
    ("cameo.txt", include_str!("../../../dict/cameo.txt")),
    ("countries.txt", include_str!("../../../dict/countries.txt")),
    ("orgs.txt", include_str!("../../../dict/orgs.txt")),
    ("agents.txt", include_str!("../../../dict/agents.txt")),
    ("people.txt", include_str!("../../../dict/people.txt")),
    ("verbs.txt", include_str!("../../../dict/verbs.txt")),
    ("lexicon.txt", include_str!("../../../dict/lexicon.txt")),
    ("irregular.txt", include_str!("../../../dict/irregular.txt")),
];

/// The files other stages embed (see [`STAGE_FILES`]), read here only for the version digest.
const STAGE_BUILTIN: &[(&str, &str)] = &[
    ("regions.txt", include_str!("../../../dict/regions.txt")),
    ("geo.txt", include_str!("../../../dict/geo.txt")),
    ("boilerplate.txt", include_str!("../../../dict/boilerplate.txt")),
    ("dates.txt", include_str!("../../../dict/dates.txt")),
];

/// SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// The names of the files a dictionary directory may hold.
pub fn file_names() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|(n, _)| *n)
}

/// A CAMEO event code.
#[derive(Debug, Clone)]
pub struct CameoCode {
    pub code: String,
    pub name: String,
    pub goldstein: f32,
    pub quad: u8,
    pub plover: Option<String>,
    /// No direction: conjoined actors are coded both ways.
    pub symmetric: bool,
}

#[derive(Debug, Clone)]
pub struct Country {
    pub cameo: String,
    pub iso3: String,
    pub names: Vec<String>,
    pub adjectives: Vec<String>,
    pub capitals: Vec<String>,
    pub entry: EntryRef,
}

#[derive(Debug, Clone)]
pub struct Org {
    pub acronym: String,
    pub cameo: String,
    pub kind: String,
    pub names: Vec<String>,
    pub country: Option<String>,
    pub entry: EntryRef,
}

/// A word for a kind of actor ("minister", "rebels") and its CAMEO role.
#[derive(Debug, Clone)]
pub struct Agent {
    pub role: String,
    /// The noun as written (titles keep their capitals: "Foreign Minister").
    pub noun: String,
    /// Written with a capital: a title people carry.
    pub is_title: bool,
    pub entry: EntryRef,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub country: Option<String>,
    pub role: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub aliases: Vec<String>,
    pub entry: EntryRef,
}

/// An event pattern from `verbs.txt`.
#[derive(Debug, Clone)]
pub struct VerbPattern {
    pub code: String,
    pub pattern: Pattern,
    /// The PLOVER type when the codebook places the act apart from its CAMEO code's
    /// (a resignation is RETREAT, though CAMEO files it under 0831, CONCEDE).
    pub plover: Option<String>,
    pub entry: EntryRef,
}

/// All dictionaries, parsed.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub codes: HashMap<String, CameoCode>,
    pub countries: Vec<Country>,
    pub orgs: Vec<Org>,
    pub agents: Vec<Agent>,
    pub people: Vec<Person>,
    pub verbs: Vec<VerbPattern>,
    /// Closed-class words by class (lower case): "det" -> {"the", "a", ...}.
    pub classes: HashMap<String, Vec<(String, EntryRef)>>,
    /// Irregular forms: form (lower case) -> lemma.
    pub irregular: HashMap<String, String>,
    /// Lemma -> its irregular forms.
    pub irregular_forms: HashMap<String, Vec<String>>,
    /// Files of an overlay directory that this lexicon does not read (other stages'
    /// `regions.txt`, `geo.txt`, `boilerplate.txt`, `dates.txt`), for the caller to read
    /// or to tell the user about.
    pub skipped: Vec<String>,
    /// Every file read, in order: its name as shown (`dict/verbs.txt`, a user path) and
    /// the SHA-256 of its text; [`Lexicon::version`] digests them.
    pub files: Vec<(String, String)>,
}

/// Files of `dict/` that other stages embed and read themselves (the place index
/// build; the readers of pages and dates, to which the engine hands an overlay's
/// `boilerplate.txt` and `dates.txt`), not the lexicon.
pub const STAGE_FILES: &[&str] = &["regions.txt", "geo.txt", "boilerplate.txt", "dates.txt"];

impl Lexicon {
    /// The dictionaries built into the binary.
    pub fn builtin() -> Result<Lexicon, DictError> {
        let mut lex = Lexicon::default();
        for (name, text) in BUILTIN {
            lex.add_file(&format!("dict/{name}"), name, text)?;
        }
        for (name, text) in STAGE_BUILTIN {
            lex.files.push((format!("dict/{name}"), sha256_hex(text.as_bytes())));
        }
        Ok(lex)
    }

    /// The dictionary version: a digest of every file in force (the built-in files,
    /// the stages' built-in files and each overlay file, in the order read), 16 hex
    /// digits. Two runs with the same version read with the same vocabulary.
    pub fn version(&self) -> String {
        let mut all = String::new();
        for (name, hash) in &self.files {
            let base = name.rsplit('/').next().unwrap_or(name);
            all.push_str(base);
            all.push(' ');
            all.push_str(hash);
            all.push('\n');
        }
        sha256_hex(all.as_bytes())[..16].to_string()
    }

    /// Adds the files of a user directory on top: same-named files, same formats.
    /// Unknown file names are an error (a misspelt file would otherwise be ignored).
    pub fn with_overlay(mut self, dir: &Path) -> Result<Lexicon, DictError> {
        let entries =
            std::fs::read_dir(dir).map_err(|source| DictError::Io { file: dir.display().to_string(), source })?;
        let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        files.sort();
        for path in files {
            let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_string) else { continue };
            if name.starts_with('.') || name.ends_with(".md") || !path.is_file() {
                continue;
            }
            if STAGE_FILES.contains(&name.as_str()) {
                self.skipped.push(path.display().to_string());
                continue;
            }
            let Some(kind) = file_names().find(|k| *k == name) else {
                return Err(DictError::Entry {
                    file: path.display().to_string(),
                    line: 0,
                    reason: format!(
                        "not a dictionary file name; expected one of: {}",
                        file_names().collect::<Vec<_>>().join(", ")
                    ),
                });
            };
            let text = std::fs::read_to_string(&path)
                .map_err(|source| DictError::Io { file: path.display().to_string(), source })?;
            self.add_file(&path.display().to_string(), kind, &text)?;
        }
        Ok(self)
    }

    /// Parses one file's text as dictionary `kind` (a file name such as `verbs.txt`).
    pub fn add_file(&mut self, file: &str, kind: &str, text: &str) -> Result<(), DictError> {
        self.files.push((file.to_string(), sha256_hex(text.as_bytes())));
        for (i, raw) in text.lines().enumerate() {
            let line_no = i + 1;
            let Some(line) = parse::strip_comment(raw) else { continue };
            let entry = EntryRef { file: file.to_string(), line: line_no, text: line.to_string() };
            let fields: Vec<&str> = line.split('|').map(str::trim).collect();
            let added = match kind {
                "cameo.txt" => self.add_cameo(&fields, entry),
                "countries.txt" => self.add_country(&fields, entry),
                "orgs.txt" => self.add_org(&fields, entry),
                "agents.txt" => self.add_agents(&fields, entry),
                "people.txt" => self.add_person(&fields, entry),
                "verbs.txt" => self.add_verb(&fields, entry),
                "lexicon.txt" => self.add_words(&fields, entry),
                "irregular.txt" => self.add_irregular(&fields, entry),
                other => Err(format!("unknown dictionary kind {other}")),
            };
            added.map_err(|reason| DictError::Entry { file: file.to_string(), line: line_no, reason })?;
        }
        if kind == "verbs.txt" && !self.codes.is_empty() {
            self.check_verbs()?;
        }
        Ok(())
    }

    fn add_cameo(&mut self, fields: &[&str], _entry: EntryRef) -> Result<(), String> {
        let [code, name, gold, quad, plover, flags] = fields[..] else {
            return Err(format!(
                "expected 6 fields (code | name | goldstein | quad | plover | flags), found {}",
                fields.len()
            ));
        };
        let code = parse::cameo_code(code)?;
        let goldstein = gold.parse().map_err(|_| format!("goldstein {gold:?} is not a number"))?;
        let quad = quad.parse().map_err(|_| format!("quad {quad:?} is not a number"))?;
        self.codes.insert(
            code.clone(),
            CameoCode {
                code,
                name: name.to_string(),
                goldstein,
                quad,
                plover: (!plover.is_empty()).then(|| plover.to_string()),
                symmetric: flags.split(';').any(|f| f.trim() == "sym"),
            },
        );
        Ok(())
    }

    fn add_country(&mut self, fields: &[&str], entry: EntryRef) -> Result<(), String> {
        let [cameo, iso3, names, adjectives, capitals] = fields[..] else {
            return Err(format!(
                "expected 5 fields (cameo | iso3 | names | adjectives | capitals), found {}",
                fields.len()
            ));
        };
        let iso3 = parse::code3(iso3)?;
        let cameo = parse::code3(cameo)?;
        let names = parse::list(names);
        if names.is_empty() {
            return Err("a country needs at least one name".into());
        }
        self.countries.retain(|c| c.cameo != cameo);
        self.countries.push(Country {
            cameo,
            iso3,
            names,
            adjectives: parse::list(adjectives),
            capitals: parse::list(capitals),
            entry,
        });
        Ok(())
    }

    fn add_org(&mut self, fields: &[&str], entry: EntryRef) -> Result<(), String> {
        if !(4..=5).contains(&fields.len()) {
            return Err(format!(
                "expected 4 or 5 fields (acronym | cameo | kind | names | country), found {}",
                fields.len()
            ));
        }
        let acronym = fields[0].to_string();
        if acronym.is_empty() || fields[1].is_empty() {
            return Err("an organisation needs an acronym and a CAMEO code".into());
        }
        let country = match fields.get(4).copied().unwrap_or("") {
            "" => None,
            c => Some(parse::code3(c)?),
        };
        self.orgs.retain(|o| o.acronym != acronym);
        self.orgs.push(Org {
            acronym,
            cameo: fields[1].to_string(),
            kind: fields[2].to_string(),
            names: parse::list(fields[3]),
            country,
            entry,
        });
        Ok(())
    }

    fn add_agents(&mut self, fields: &[&str], entry: EntryRef) -> Result<(), String> {
        let [role, nouns] = fields[..] else {
            return Err(format!("expected 2 fields (role | nouns), found {}", fields.len()));
        };
        let role = parse::code3(role)?;
        for noun in parse::list(nouns) {
            let is_title = noun.chars().next().is_some_and(char::is_uppercase);
            self.agents.push(Agent { role: role.clone(), noun, is_title, entry: entry.clone() });
        }
        Ok(())
    }

    fn add_person(&mut self, fields: &[&str], entry: EntryRef) -> Result<(), String> {
        let [name, country, role, from, to, aliases] = fields[..] else {
            return Err(format!(
                "expected 6 fields (name | country | role | from | to | aliases), found {}",
                fields.len()
            ));
        };
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let country = match country {
            "" => None,
            c => Some(parse::code3(c)?),
        };
        for d in [from, to] {
            if !d.is_empty() && dateline_core::Date::parse(d).is_none() {
                return Err(format!("{d:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"));
            }
        }
        self.people.push(Person {
            name: name.to_string(),
            country,
            role: opt(role),
            from: opt(from),
            to: opt(to),
            aliases: parse::list(aliases),
            entry,
        });
        Ok(())
    }

    fn add_verb(&mut self, fields: &[&str], entry: EntryRef) -> Result<(), String> {
        let (code, pattern, plover) = match fields[..] {
            [code, pattern] => (code, pattern, None),
            [code, pattern, plover] if !plover.is_empty() && plover.bytes().all(|b| b.is_ascii_uppercase()) => {
                (code, pattern, Some(plover.to_string()))
            }
            _ => return Err(format!("expected 2 or 3 fields (code | pattern | PLOVER type), found {}", fields.len())),
        };
        let code = parse::cameo_code(code)?;
        let pattern = Pattern::parse(pattern)?;
        self.verbs.push(VerbPattern { code, pattern, plover, entry });
        Ok(())
    }

    fn add_words(&mut self, fields: &[&str], entry: EntryRef) -> Result<(), String> {
        let [class, words] = fields[..] else {
            return Err(format!("expected 2 fields (class | words), found {}", fields.len()));
        };
        let list = self.classes.entry(class.to_ascii_lowercase()).or_default();
        for w in parse::list(words) {
            list.push((w, entry.clone()));
        }
        Ok(())
    }

    fn add_irregular(&mut self, fields: &[&str], _entry: EntryRef) -> Result<(), String> {
        let [lemma, forms] = fields[..] else {
            return Err(format!("expected 2 fields (lemma | forms), found {}", fields.len()));
        };
        let lemma = lemma.to_lowercase();
        for f in parse::list(forms) {
            let f = f.to_lowercase();
            self.irregular.entry(f.clone()).or_insert_with(|| lemma.clone());
            self.irregular_forms.entry(lemma.clone()).or_default().push(f);
        }
        Ok(())
    }

    /// Every verb pattern's CAMEO code and PLOVER type is one `cameo.txt` defines.
    fn check_verbs(&self) -> Result<(), DictError> {
        if let Some(bad) = self.verbs.iter().find(|v| !self.codes.contains_key(&v.code)) {
            return Err(DictError::Entry {
                file: bad.entry.file.clone(),
                line: bad.entry.line,
                reason: format!("CAMEO code {} is not in cameo.txt", bad.code),
            });
        }
        let types: std::collections::HashSet<&str> = self.codes.values().filter_map(|c| c.plover.as_deref()).collect();
        if let Some(bad) = self.verbs.iter().find(|v| v.plover.as_deref().is_some_and(|p| !types.contains(p))) {
            return Err(DictError::Entry {
                file: bad.entry.file.clone(),
                line: bad.entry.line,
                reason: format!("PLOVER type {} is not one cameo.txt names", bad.plover.as_deref().unwrap_or("")),
            });
        }
        Ok(())
    }

    /// The words of a closed class (lower case), e.g. `class("det")`.
    pub fn class(&self, name: &str) -> impl Iterator<Item = &str> {
        self.classes.get(name).into_iter().flatten().map(|(w, _)| w.as_str())
    }

    /// The PLOVER type of a CAMEO code (its own, else its root's).
    pub fn plover(&self, code: &str) -> Option<&str> {
        self.codes
            .get(code)
            .and_then(|c| c.plover.as_deref())
            .or_else(|| self.codes.get(code.get(..2)?)?.plover.as_deref())
    }

    pub fn is_symmetric(&self, code: &str) -> bool {
        self.codes.get(code).is_some_and(|c| c.symmetric)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses() {
        let lex = match Lexicon::builtin() {
            Ok(l) => l,
            Err(e) => panic!("built-in dictionaries do not parse: {e}"),
        };
        assert!(lex.codes.len() > 300);
        assert_eq!(lex.plover("057"), Some("SUPPORT"));
        assert!(lex.is_symmetric("057"));
    }

    #[test]
    fn bad_line_names_file_and_line() {
        let mut lex = Lexicon::default();
        let e =
            lex.add_file("my/verbs.txt", "verbs.txt", "# c\n057 | sign * {agreement\n").err().map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("my/verbs.txt:2: unbalanced braces in \"sign * {agreement\""));
        let e = lex
            .add_file("c.txt", "countries.txt", "RUS | RUS | Russia\n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.starts_with("c.txt:1: expected 5 fields"), "{e}");
    }

    #[test]
    fn a_pattern_may_name_its_plover_type() {
        let Ok(mut lex) = Lexicon::builtin() else { panic!("built-in dictionaries") };
        let e = lex.add_file("my/verbs.txt", "verbs.txt", "0831 | quit * post | RETRET\n").err().map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("my/verbs.txt:1: PLOVER type RETRET is not one cameo.txt names"));
        let mut lex = Lexicon::builtin().unwrap_or_default();
        assert!(lex.add_file("my/verbs.txt", "verbs.txt", "0831 | quit * post | RETREAT\n").is_ok());
        assert!(lex.verbs.iter().any(|v| v.plover.as_deref() == Some("RETREAT") && v.entry.file == "my/verbs.txt"));
    }

    #[test]
    fn overlay_replaces_same_key() {
        let mut lex = Lexicon::default();
        let r = lex.add_file("a", "countries.txt", "RUS | RUS | Russia | Russian | Moscow\n");
        assert!(r.is_ok());
        let r = lex.add_file("b", "countries.txt", "RUS | RUS | Russia; Rossiya | Russian | Moscow; Kremlin\n");
        assert!(r.is_ok());
        assert_eq!(lex.countries.len(), 1);
        assert_eq!(lex.countries[0].capitals, vec!["Moscow", "Kremlin"]);
        assert_eq!(lex.countries[0].entry.file, "b");
    }
}
