//! Tone: how positive or negative the words of a text are, as GDELT's `AvgTone` and
//! `MentionDocTone` report it: 100 × (positive words − negative words) / all words,
//! from −100 to +100, most news between −10 and +10.
//!
//! A word is positive or negative by the VADER sentiment lexicon (Hutto and Gilbert,
//! 2014; MIT licence), which the `vader_sentiment` crate ships: about 7,500 words and
//! word forms rated by people from −4 to +4. dateline takes the lexicon's valence sign
//! only, over the word tokens the nlp stage found; VADER's own sentence rules
//! (boosters, "but", capitals) are not applied, as GDELT's tone applies none.

use dateline_core::{Doc, Token, TokenKind};
use rustc_hash::FxHashMap;

/// The lexicon: lower-cased word → +1 or −1.
pub struct Tone {
    polarity: FxHashMap<String, i8>,
}

impl Default for Tone {
    fn default() -> Tone {
        Tone::new()
    }
}

impl Tone {
    /// Loads the lexicon the crate ships (in memory, no I/O).
    pub fn new() -> Tone {
        let mut polarity = FxHashMap::default();
        for (word, valence) in vader_sentiment::LEXICON.iter() {
            let sign = if *valence > 0.0 {
                1
            } else if *valence < 0.0 {
                -1
            } else {
                0
            };
            if sign != 0 {
                polarity.insert(word.to_lowercase(), sign);
            }
        }
        Tone { polarity }
    }

    /// The tone of `tokens` (of `doc`); `None` when there are no words among them.
    pub fn of(&self, doc: &Doc, tokens: &[Token]) -> Option<f64> {
        let (mut words, mut score) = (0i64, 0i64);
        let mut lower = String::new();
        for t in tokens {
            if t.kind != TokenKind::Word {
                continue;
            }
            words += 1;
            lower.clear();
            lower.extend(doc.slice(t.span).chars().flat_map(char::to_lowercase));
            score += i64::from(self.polarity.get(lower.as_str()).copied().unwrap_or(0));
        }
        (words > 0).then(|| (100.0 * score as f64 / words as f64 * 100.0).round() / 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(text: &str) -> Option<f64> {
        let lex = std::sync::Arc::new(dateline_dict::Lexicon::builtin().unwrap_or_else(|e| panic!("{e}")));
        let mut doc = Doc::new("t", text);
        dateline_nlp::Analyzer::new(lex).analyze(&mut doc);
        Tone::new().of(&doc, &doc.tokens)
    }

    #[test]
    fn violence_is_negative_and_agreement_positive() {
        let bad = tone("Gunmen killed twelve people and wounded thirty in a brutal attack on the market.");
        let good = tone("The leaders welcomed the agreement and praised the friendly talks as a great success.");
        assert!(bad.is_some_and(|t| t < -10.0), "{bad:?}");
        assert!(good.is_some_and(|t| t > 10.0), "{good:?}");
        assert_eq!(tone(""), None);
    }
}
