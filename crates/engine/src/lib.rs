//! dateline as a library: the [`Engine`] (the stages in order, built once, owning what
//! they need so that a long-running server or a Python worker can hold it), the output
//! [`model`], the text for people ([`explain`]) and the streaming reader that feeds
//! records in bounded batches ([`stream`]).
//!
//! The CLI, the store, the server and the Python module all code through this crate,
//! so they give the same output for the same input.

pub mod explain;
pub mod model;
pub mod stream;
pub mod tone;

use std::path::PathBuf;
use std::sync::Arc;

use dateline_core::{Date, Doc, Published};
use dateline_dict::Lexicon;
use dateline_geo::Gazetteer;
pub use dateline_ingest::Record;
use dateline_ingest::{ReadOptions, Vocabulary, VocabularyError, VOCABULARY_FILES};
use rayon::prelude::*;

pub use model::{Document, Versions, SCHEMA_VERSION};

/// dateline's version, recorded in every coded document.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Why an engine could not be built.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("the built-in dictionaries are broken: {0}")]
    Builtin(#[source] dateline_dict::DictError),
    #[error("dictionary directory {dir}: {source}")]
    Overlay { dir: String, source: dateline_dict::DictError },
    #[error("dictionary directory {dir}: {source}")]
    Vocabulary { dir: String, source: VocabularyError },
    #[error("place index {dir}: {source}")]
    Gazetteer { dir: String, source: dateline_geo::GeoError },
}

/// Which place index to use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum PlaceIndex {
    /// `$DATELINE_DATA/gazetteer`, else `data/gazetteer`; countries only when absent.
    #[default]
    Default,
    /// This directory; an error when it does not open.
    Dir(PathBuf),
    /// None: countries and large regions only.
    Off,
}

/// What an engine is built from.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Dictionary directories laid over the built-in dictionaries, in order.
    pub dicts: Vec<PathBuf>,
    pub place_index: PlaceIndex,
    /// The publication date of records that carry none.
    pub default_date: Option<Date>,
}

/// The pipeline over one record: read → nlp → geo (places) → code → geo (event
/// places). Built once; `Sync`, so all threads share it.
pub struct Engine {
    lex: Arc<Lexicon>,
    nlp: dateline_nlp::Analyzer,
    geo: dateline_geo::Geocoder,
    coder: dateline_code::Coder,
    tone: tone::Tone,
    default_date: Option<Date>,
    versions: Versions,
    notes: Vec<String>,
    /// The words the readers judge pages and dates by (`boilerplate.txt`, `dates.txt`).
    vocabulary: Arc<Vocabulary>,
}

impl Engine {
    /// Loads the dictionaries (with overlays) and the place index.
    pub fn new(config: &Config) -> Result<Engine, EngineError> {
        let mut notes = Vec::new();
        let mut lex = Lexicon::builtin().map_err(EngineError::Builtin)?;
        let mut vocabulary: Option<Vocabulary> = None;
        for d in &config.dicts {
            lex =
                lex.with_overlay(d).map_err(|source| EngineError::Overlay { dir: d.display().to_string(), source })?;
            for f in std::mem::take(&mut lex.skipped) {
                let path = PathBuf::from(&f);
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                if !VOCABULARY_FILES.contains(&name) {
                    notes.push(format!(
                        "{f}: this stage's vocabulary is built in (the place index) and not read from --dict yet; not applied"
                    ));
                    continue;
                }
                let dir = d.display().to_string();
                let text = std::fs::read_to_string(&path).map_err(|source| EngineError::Overlay {
                    dir: dir.clone(),
                    source: dateline_dict::DictError::Io { file: f.clone(), source },
                })?;
                let v = vocabulary.get_or_insert_with(|| Vocabulary::clone(&Vocabulary::builtin()));
                v.add_file(&f, name, &text).map_err(|source| EngineError::Vocabulary { dir, source })?;
                lex.files.push((f, dateline_dict::sha256_hex(text.as_bytes())));
            }
        }
        let gaz = open_place_index(&config.place_index, &mut notes)?;
        let mut engine = Engine::from_parts(Arc::new(lex), gaz.map(Arc::new), config.default_date, notes);
        if let Some(v) = vocabulary {
            engine.vocabulary = Arc::new(v);
        }
        Ok(engine)
    }

    /// An engine over dictionaries and a place index already loaded.
    pub fn from_parts(
        lex: Arc<Lexicon>,
        gaz: Option<Arc<Gazetteer>>,
        default_date: Option<Date>,
        notes: Vec<String>,
    ) -> Engine {
        let versions = Versions {
            dateline_version: VERSION.to_string(),
            dict_version: lex.version(),
            place_index: gaz.as_deref().map(place_index_version),
        };
        Engine {
            nlp: dateline_nlp::Analyzer::new(Arc::clone(&lex)),
            geo: dateline_geo::Geocoder::new(&lex, gaz),
            coder: dateline_code::Coder::new(Arc::clone(&lex)),
            lex,
            tone: tone::Tone::new(),
            default_date,
            versions,
            notes,
            vocabulary: Vocabulary::builtin(),
        }
    }

    /// Things the user should know about how the engine was built (an overlay file
    /// not applied, no place index), for the binary to print once.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// How to read input for this engine: its vocabulary (with the `--dict` overlays of
    /// `boilerplate.txt` and `dates.txt`), the format (detected when `None`) and the size
    /// limit per record.
    pub fn read_options(&self, format: Option<dateline_ingest::Format>, max_record_bytes: usize) -> ReadOptions {
        ReadOptions { format, max_record_bytes, vocabulary: Arc::clone(&self.vocabulary) }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// The versions this engine codes with.
    pub fn versions(&self) -> &Versions {
        &self.versions
    }

    pub fn has_place_index(&self) -> bool {
        self.geo.gazetteer().is_some()
    }

    /// The place index, when one is loaded.
    pub fn gazetteer(&self) -> Option<&Gazetteer> {
        self.geo.gazetteer()
    }

    /// Turns a record into a coded document (the core layers).
    pub fn run(&self, rec: Record) -> Doc {
        self.run_with_default(rec, self.default_date)
    }

    /// [`Engine::run`] with another publication date for a record that carries none.
    pub fn run_with_default(&self, rec: Record, default_date: Option<Date>) -> Doc {
        let mut doc = self.read(rec, default_date);
        self.nlp.analyze(&mut doc);
        self.geo.annotate(&mut doc);
        if doc.meta.language.as_deref().is_some_and(|l| l != "en") {
            let lang = doc.meta.language.as_deref().unwrap_or("?");
            doc.meta.not_coded = Some(format!("language {lang} is not coded (English only)"));
            return doc;
        }
        self.coder.code(&mut doc);
        dateline_geo::place_events(&mut doc);
        doc
    }

    /// The output form of a coded document, with its tone and each event's.
    pub fn document(&self, doc: &Doc) -> Document {
        let mut out = Document::from_doc(doc, &self.lex, &self.versions);
        out.tone = self.tone.of(doc, &doc.tokens);
        for (e, core) in out.events.iter_mut().zip(&doc.events) {
            e.tone = self.tone.of(doc, doc.sentence_tokens(core.sentence));
        }
        out
    }

    /// Codes a record into its output form.
    pub fn process(&self, rec: Record) -> Document {
        self.document(&self.run(rec))
    }

    /// The publication date given to records that carry none.
    pub fn default_date(&self) -> Option<Date> {
        self.default_date
    }

    /// Codes records on all cores of the current rayon pool; the output keeps input order.
    pub fn process_all(&self, records: Vec<Record>) -> Vec<Document> {
        records.into_par_iter().map(|r| self.process(r)).collect()
    }

    /// A record as a document with its metadata and no layers yet.
    fn read(&self, rec: Record, default_date: Option<Date>) -> Doc {
        let mut doc = Doc::new(rec.id, rec.text);
        let meta = &mut doc.meta;
        meta.format = rec.format;
        meta.origin = rec.origin;
        meta.title = rec.title;
        meta.lead = rec.lead;
        meta.url = rec.url;
        meta.author = rec.author;
        meta.site = rec.site;
        meta.language = rec.language;
        if rec.extracted {
            // An extracted article body has no wire header to look for; its headline is metadata.
            meta.body_start = 0;
        }
        for w in rec.warnings {
            doc.warn("ingest", w);
        }
        if let Some(d) = rec.date.as_deref() {
            match Date::parse(d) {
                Some(date) => {
                    let how = if rec.extracted { "metadata" } else { "given" };
                    let why =
                        rec.date_why.clone().map_or_else(|| format!("the input gives {d}"), |w| format!("{w}: {d}"));
                    doc.meta.published = Some(Published { date, how, why });
                }
                None => doc.warn("ingest", format!("the record's date {d:?} is not a date; ignored")),
            }
        }
        if rec.date.is_none() {
            doc.meta.no_published = rec.date_why;
        }
        if doc.meta.published.is_none() {
            if let Some(date) = default_date {
                doc.meta.published = Some(Published { date, how: "given", why: "--date".into() });
            }
        }
        doc
    }
}

fn open_place_index(choice: &PlaceIndex, notes: &mut Vec<String>) -> Result<Option<Gazetteer>, EngineError> {
    match choice {
        PlaceIndex::Off => Ok(None),
        PlaceIndex::Dir(d) => Gazetteer::open(d)
            .map(Some)
            .map_err(|source| EngineError::Gazetteer { dir: d.display().to_string(), source }),
        PlaceIndex::Default => {
            let dir = Gazetteer::default_dir();
            let g = Gazetteer::open_default()
                .map_err(|source| EngineError::Gazetteer { dir: dir.display().to_string(), source })?;
            if g.is_none() {
                notes.push(dateline_geo::missing_index_note(&dir));
            }
            Ok(g)
        }
    }
}

/// The digest of the index's description file (its source, counts and format).
fn place_index_version(g: &Gazetteer) -> String {
    let meta = std::fs::read(g.dir().join("meta.txt")).unwrap_or_default();
    dateline_dict::sha256_hex(&meta)[..16].to_string()
}

#[cfg(test)]
mod tests {
    use std::ops::ControlFlow;

    use super::*;

    /// The date of a page read with the engine's read options.
    fn page_date(engine: &Engine, html: &str) -> Option<String> {
        let mut date = None;
        let opts = engine.read_options(Some(dateline_ingest::Format::Html), 1 << 20);
        dateline_ingest::read_bytes("story.html", html.as_bytes(), None, &opts, &mut |r| {
            date = r.ok().and_then(|r| r.date);
            ControlFlow::Continue(())
        });
        date
    }

    #[test]
    fn a_dict_directory_changes_how_pages_are_read() {
        let para = "The ministers of both countries met on Tuesday and agreed to resume the talks on the border, officials said after the meeting.";
        let html = format!(
            "<html><body><article><h1>Talks resume</h1><p>Opublikowano 19 listopada 2019</p><p>{para}</p><p>{para}</p></article></body></html>"
        );
        let off = Config { place_index: PlaceIndex::Off, ..Config::default() };
        let builtin = Engine::new(&off).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page_date(&builtin, &html), None);

        let dir = std::env::temp_dir().join(format!("dateline-engine-vocab-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join("dates.txt"), "month 11 | listopada\n").unwrap_or_else(|e| panic!("{e}"));
        let engine = Engine::new(&Config { dicts: vec![dir.clone()], ..off.clone() });
        let bad = std::fs::write(dir.join("dates.txt"), "month 13 | smarch\n")
            .map(|_| Engine::new(&Config { dicts: vec![dir.clone()], ..off.clone() }));
        let _ = std::fs::remove_dir_all(&dir);
        let engine = engine.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page_date(&engine, &html).as_deref(), Some("2019-11-19"));
        assert!(engine.notes().is_empty(), "{:?}", engine.notes());
        assert_ne!(engine.versions().dict_version, builtin.versions().dict_version);
        // A bad line is an error naming the file and line.
        match bad {
            Ok(Err(e)) => assert!(e.to_string().contains("dates.txt:1:"), "{e}"),
            _ => panic!("a bad overlay line must be refused"),
        }
    }
}
