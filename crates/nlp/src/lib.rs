//! The language layers of a [`Doc`]: sentences, tokens, tags, the wire-copy header
//! and dateline, time expressions and the publication date, mentions and entities,
//! quotations and amounts.
//!
//! [`Analyzer::new`] builds the lookup tables once from a [`Lexicon`];
//! [`Analyzer::analyze`] then adds the layers to one document. The text is tokenised
//! once, here; every later stage works on these layers.

mod amounts;
mod classes;
mod entities;
mod index;
mod quotes;
mod sentences;
mod times;
mod tokens;
mod wire;

use std::sync::Arc;

use dateline_core::Doc;
use dateline_dict::Lexicon;

pub use entities::cameo_of;
pub use index::{number_words, phrase_words, Index};
pub use wire::parse_dateline;

/// The nlp stage, ready to run on many documents (it is `Sync`).
pub struct Analyzer {
    lex: Arc<Lexicon>,
    index: Index,
}

impl Analyzer {
    pub fn new(lex: Arc<Lexicon>) -> Analyzer {
        Analyzer { index: Index::new(&lex), lex }
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// Adds every nlp layer to `doc`.
    pub fn analyze(&self, doc: &mut Doc) {
        doc.tokens = tokens::tokenize(&doc.text, &self.index);
        sentences::split(doc);
        sentences::tag(doc, &self.index);
        if doc.meta.body_start == 0 && doc.meta.dateline.is_none() {
            wire::read_header(doc, &self.index);
        }
        resolve_dateline_country(doc, &self.lex, &self.index);
        times::find(doc, &self.index);
        times::infer_published(doc, &self.index);
        entities::find(doc, &self.index, &self.lex);
        quotes::find(doc, &self.index);
        amounts::find(doc, &self.index);
    }
}

/// Convenience for tests and one-off use: builds the tables and analyses one document.
pub fn analyze(doc: &mut Doc, lex: &Lexicon) {
    Analyzer::new(Arc::new(lex.clone())).analyze(doc)
}

/// The dateline's country from the dictionaries: a capital ("BISHKEK") or a
/// country named after the place ("NAIROBI, Kenya"). The gazetteer refines it later.
fn resolve_dateline_country(doc: &mut Doc, lex: &Lexicon, index: &Index) {
    let Some(dl) = doc.meta.dateline.as_mut() else { return };
    let place = dl.place.to_lowercase();
    let region = dl.country.take();
    let by_region = region.as_deref().and_then(|r| lex.countries.iter().find(|c| c.names.iter().any(|n| n == r)));
    // Looked up lower-cased in the index's tables (built once): scanning every name of
    // every country for each document was 2.7% of the pipeline's instructions.
    // "PARIS, Texas": a region that names no country says the place is not the capital
    // of that name; the gazetteer reads the region later.
    let by_place = || {
        let by_capital = index.country_by_capital(&place).and_then(|i| lex.countries.get(i));
        by_capital.or_else(|| index.country_by_name(&place).and_then(|i| lex.countries.get(i)))
    };
    let found = if region.is_some() { by_region } else { by_place() };
    dl.country = found.map(|c| c.iso3.clone());
}

#[cfg(test)]
pub(crate) mod tests {
    use dateline_dict::Lexicon;

    pub fn lexicon() -> Lexicon {
        Lexicon::builtin().unwrap_or_else(|e| panic!("built-in dictionaries: {e}"))
    }

    fn dateline_country(text: &str) -> Option<String> {
        let mut doc = dateline_core::Doc::new("t", text);
        super::analyze(&mut doc, &lexicon());
        doc.meta.dateline.and_then(|d| d.country)
    }

    #[test]
    fn a_datelines_country_comes_from_a_capital_or_a_country_named_there() {
        assert_eq!(dateline_country("NAIROBI, June 2 (Reuters) - Kenya's police said.").as_deref(), Some("KEN"));
        assert_eq!(dateline_country("BISHKEK, May 3 (AKIpress) - Officials met.").as_deref(), Some("KGZ"));
        assert_eq!(dateline_country("BOGOTA, May 3 (AP) - Officials met.").as_deref(), Some("COL"));
        assert_eq!(dateline_country("SPRINGFIELD, May 3 - Officials met."), None);
        assert_eq!(dateline_country("NAIROBI, Kenya, May 3 - Officials met.").as_deref(), Some("KEN"));
    }

    #[test]
    fn a_capitals_name_under_a_region_that_is_not_its_country_is_not_the_capital() {
        assert_eq!(dateline_country("PARIS, Texas - Crews cleared roads on Tuesday."), None);
        assert_eq!(dateline_country("ATHENS, Ga. (AP) - A water main broke."), None);
    }
}
