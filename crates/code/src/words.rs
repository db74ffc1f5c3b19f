//! The small word classes the clause analysis tests word by word: prepositions by what
//! they say, clause openers, articles, the auxiliaries of a passive. They are classes of
//! `dict/lexicon.txt` (documented there), read once when the coder is built, so a user
//! dictionary (`--dict`) can change them; the code keys on the class, never on a word.

use std::ops::Deref;

use dateline_core::Doc;
use dateline_dict::Lexicon;
use rustc_hash::FxHashMap as HashMap;

/// A class's words, lower case, and its bit among the classes of [`Words`]: a token's
/// classes are looked up once per document ([`Ask`]), so a test on a token is a bit test.
#[derive(Debug, Default)]
pub struct Class {
    words: Vec<String>,
    bit: u32,
}

/// The bit of an [`Ask`] entry that says the token has an ASCII capital: it is in a
/// class only in any case, not as written (the classes are lower case).
const CAPITAL: u32 = 1 << 31;

impl Class {
    fn read(lex: &Lexicon, name: &str) -> Class {
        let mut words: Vec<String> = lex.class(name).map(str::to_lowercase).collect();
        words.dedup();
        Class { words, bit: 0 }
    }

    /// Whether the class holds `w` as written (the classes are lower case, so a
    /// capitalised word is not in them).
    #[cfg(test)]
    pub fn has(&self, w: &str) -> bool {
        self.words.iter().any(|x| x == w)
    }

    /// Whether the class holds token `k` of the document `ask` was made for, in any
    /// case (a token past the end is in no class).
    pub fn at(&self, ask: &Ask, k: usize) -> bool {
        ask.bits.get(k).is_some_and(|b| b & self.bit != 0)
    }

    /// Whether the class holds token `k` as written.
    pub fn at_exact(&self, ask: &Ask, k: usize) -> bool {
        ask.bits.get(k).is_some_and(|b| b & (self.bit | CAPITAL) == self.bit)
    }
}

/// The classes of every token of one document, looked up once (among the classes' words
/// of the token's length and first letter, a handful at most); it derefs to the
/// [`Words`] it was made from.
pub struct Ask<'a> {
    words: &'a Words,
    bits: Vec<u32>,
}

impl Deref for Ask<'_> {
    type Target = Words;
    fn deref(&self) -> &Words {
        self.words
    }
}

/// Phrases of a class as token sequences (split at spaces: `, and` is two tokens).
#[derive(Debug, Default)]
pub struct Phrases(Vec<Vec<String>>);

impl Phrases {
    fn read(lex: &Lexicon, name: &str) -> Phrases {
        Phrases(lex.class(name).map(|p| p.split_whitespace().map(str::to_string).collect()).collect())
    }

    /// Whether the tokens are one of the phrases, as written.
    pub fn is(&self, tokens: &[&str]) -> bool {
        self.0.iter().any(|p| p.len() == tokens.len() && p.iter().zip(tokens).all(|(a, b)| a == b))
    }
}

/// Where a word's entry stands in [`Words::table`]: by its length and its first byte in
/// any case (words of one length and first letter share a bucket).
fn bucket(w: &str) -> Option<usize> {
    let first = w.bytes().next()?.to_ascii_lowercase();
    Some(w.len() * 64 + usize::from(first & 63))
}

/// The classes, by what the code asks of them.
#[derive(Debug, Default)]
pub struct Words {
    /// `passive-aux`: forms of "be" and "get" before a participle ("was expelled").
    pub passive_aux: Class,
    /// `future-modal`: "will", "shall" before the trigger.
    pub future_modal: Class,
    /// `condition`: "if", "unless".
    pub condition: Class,
    /// `relative`: the openers of relative clauses ("who", "where").
    pub relative: Class,
    /// `background`: the openers of background clauses ("after", "as", "when").
    pub background: Class,
    /// `clause-break`: words after a comma that end the reach of a target ("..., as").
    pub clause_break: Class,
    /// `verb-link`: words before a later verb that make it an event of its own ("and").
    pub verb_link: Class,
    /// `article`: articles and demonstratives before a subject noun.
    pub article: Class,
    /// `actor-locative`: prepositions that place an actor ("demonstrators in Baghdad").
    pub actor_locative: Class,
    /// `region-adj`: a part of a place before its name ("southern", "upper").
    pub region_adj: Class,
    /// `place-noun`: a noun naming a part of a place before "of" ("the coast of").
    pub place_noun: Class,
    /// `agent-place-prep`: prepositions before the place an agent comes from ("police in Kabul").
    pub agent_place_prep: Class,
    /// `event-locative`: prepositions before the place of an event ("in Baghdad").
    pub event_locative: Class,
    /// `destination-prep`: prepositions before a visit's destination ("to Moscow").
    pub destination_prep: Class,
    /// `place-prep`: prepositions that make a bare country where an act happens.
    pub place_prep: Class,
    /// `phrase-prep`: prepositions whose object is not a later verb's subject.
    pub phrase_prep: Class,
    /// `possessive`: the marks of a possessive after a name ("Iran's").
    pub possessive: Class,
    /// `actor-join`: what joins two actors into one group ("X and Y", "X, Y").
    pub actor_join: Phrases,
    /// `modifier-join`: what joins two demonyms modifying one head ("Russian and Kyrgyz").
    pub modifier_join: Phrases,
    /// The prepositions of each kind of target phrase: (the phrase's name, its class).
    pub target_phrases: Vec<(&'static str, Class)>,
    /// Every class's words (lower case) with the bits of the classes that hold it, by
    /// [`bucket`] (length and first byte).
    table: Vec<Vec<(Box<str>, u32)>>,
}

impl Words {
    pub fn new(lex: &Lexicon) -> Words {
        let class = |name: &str| Class::read(lex, name);
        // not vocabulary: class names
        let target = ["with-phrase", "to-phrase", "against-phrase", "on-phrase", "from-phrase", "in-phrase"];
        let mut words = Words {
            passive_aux: class("passive-aux"),
            future_modal: class("future-modal"),
            relative: class("relative"),
            background: class("background"),
            condition: class("condition"),
            clause_break: class("clause-break"),
            verb_link: class("verb-link"),
            article: class("article"),
            actor_locative: class("actor-locative"),
            region_adj: class("region-adj"),
            place_noun: class("place-noun"),
            agent_place_prep: class("agent-place-prep"),
            event_locative: class("event-locative"),
            destination_prep: class("destination-prep"),
            place_prep: class("place-prep"),
            phrase_prep: class("phrase-prep"),
            possessive: class("possessive"),
            actor_join: Phrases::read(lex, "actor-join"),
            modifier_join: Phrases::read(lex, "modifier-join"),
            target_phrases: target.into_iter().map(|name| (name, class(name))).collect(),
            table: Vec::new(),
        };
        let mut bits: HashMap<&str, u32> = HashMap::default();
        for (i, c) in words.classes_mut().into_iter().enumerate() {
            c.bit = 1 << i;
            for w in &c.words {
                *bits.entry(w.as_str()).or_default() |= c.bit;
            }
        }
        let mut table: Vec<Vec<(Box<str>, u32)>> = Vec::new();
        for (w, b) in bits {
            let Some(i) = bucket(w) else { continue };
            if table.len() <= i {
                table.resize(i + 1, Vec::new());
            }
            table[i].push((w.into(), b));
        }
        words.table = table;
        words
    }

    /// Every class a token is tested on, each to get its bit (at most 31: the last bit is
    /// [`CAPITAL`]).
    fn classes_mut(&mut self) -> Vec<&mut Class> {
        let mut out = vec![
            &mut self.passive_aux,
            &mut self.future_modal,
            &mut self.condition,
            &mut self.relative,
            &mut self.background,
            &mut self.clause_break,
            &mut self.verb_link,
            &mut self.article,
            &mut self.actor_locative,
            &mut self.region_adj,
            &mut self.place_noun,
            &mut self.agent_place_prep,
            &mut self.event_locative,
            &mut self.destination_prep,
            &mut self.place_prep,
            &mut self.phrase_prep,
            &mut self.possessive,
        ];
        out.extend(self.target_phrases.iter_mut().map(|(_, c)| c));
        debug_assert!(out.len() < 32);
        out
    }

    /// The classes of every token of `doc`.
    pub fn ask<'a>(&'a self, doc: &Doc) -> Ask<'a> {
        let bits = doc
            .tokens
            .iter()
            .map(|t| {
                let w = doc.slice(t.span);
                let Some(list) = bucket(w).and_then(|i| self.table.get(i)) else { return 0 };
                match list.iter().find(|(x, _)| x.eq_ignore_ascii_case(w)) {
                    Some((_, b)) if w.bytes().any(|c| c.is_ascii_uppercase()) => b | CAPITAL,
                    Some((_, b)) => *b,
                    None => 0,
                }
            })
            .collect();
        Ask { words: self, bits }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(user: &str) -> Lexicon {
        let mut lex = Lexicon::builtin().unwrap_or_else(|e| panic!("built-in dictionaries: {e}"));
        lex.add_file("user/lexicon.txt", "lexicon.txt", user).unwrap_or_else(|e| panic!("user lexicon: {e}"));
        lex
    }

    #[test]
    fn the_classes_come_from_the_lexicon_and_a_user_dictionary_extends_them() {
        let builtin = Words::new(&lexicon(""));
        assert!(builtin.destination_prep.has("into") && !builtin.destination_prep.has("towards"));
        assert!(builtin.passive_aux.has("got") && !builtin.passive_aux.has("Was"));
        let user = Words::new(&lexicon("destination-prep | towards\nactor-join | as well as\n"));
        assert!(user.destination_prep.has("towards") && user.destination_prep.has("into"));
        assert!(user.actor_join.is(&["as", "well", "as"]) && user.actor_join.is(&[",", "and"]));
        assert!(!user.actor_join.is(&["as", "well"]));
    }

    #[test]
    fn a_token_is_asked_its_classes_in_any_case_or_as_written() {
        let lex = lexicon("");
        let w = Words::new(&lex);
        let mut doc = Doc::new("t", "Who was Into the town, into it? Was");
        dateline_nlp::analyze(&mut doc, &lex);
        let ask = w.ask(&doc);
        let k = |s: &str| doc.tokens.iter().position(|t| doc.slice(t.span) == s).unwrap_or(usize::MAX);
        assert!(w.relative.at(&ask, k("Who")) && !w.relative.at_exact(&ask, k("Who")));
        assert!(w.destination_prep.at_exact(&ask, k("into")) && w.destination_prep.at(&ask, k("Into")));
        assert!(!w.destination_prep.at_exact(&ask, k("Into")) && !w.destination_prep.at(&ask, k("town")));
        assert!(w.passive_aux.at(&ask, k("was")) && w.passive_aux.at(&ask, k("Was")));
        assert!(!w.passive_aux.at(&ask, k("it")) && !w.passive_aux.at(&ask, doc.tokens.len()));
    }

    #[test]
    fn each_target_phrase_has_its_prepositions() {
        let w = Words::new(&lexicon(""));
        let via = |p: &str| w.target_phrases.iter().find(|(_, c)| c.has(p)).map(|(name, _)| *name);
        assert_eq!(via("with"), Some("with-phrase"));
        assert_eq!(via("into"), Some("in-phrase"));
        assert_eq!(via("by"), None);
    }
}
