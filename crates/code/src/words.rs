//! The small word classes the clause analysis tests word by word: prepositions by what
//! they say, clause openers, articles, the auxiliaries of a passive. They are classes of
//! `dict/lexicon.txt` (documented there), read once when the coder is built, so a user
//! dictionary (`--dict`) can change them; the code keys on the class, never on a word.

use dateline_dict::Lexicon;

/// A class's words, lower case. The classes are a handful of short words each: a scan
/// (lengths compared first) costs less than hashing the word.
#[derive(Debug, Default)]
pub struct Class(Vec<String>);

impl Class {
    fn read(lex: &Lexicon, name: &str) -> Class {
        let mut words: Vec<String> = lex.class(name).map(str::to_lowercase).collect();
        words.dedup();
        Class(words)
    }

    /// Whether the class holds `w` as written (the classes are lower case, so a
    /// capitalised word is not in them).
    pub fn has(&self, w: &str) -> bool {
        self.0.iter().any(|x| x == w)
    }
}

/// The words of several classes by their length, for a test on every token: the
/// position (in the list given) of the first class that holds a word, in any case.
#[derive(Debug, Default)]
pub struct ByLength(Vec<Vec<(String, usize)>>);

impl ByLength {
    fn new(classes: &[&Class]) -> ByLength {
        let mut by: Vec<Vec<(String, usize)>> = Vec::new();
        for (i, c) in classes.iter().enumerate() {
            for w in &c.0 {
                if by.len() <= w.len() {
                    by.resize(w.len() + 1, Vec::new());
                }
                by[w.len()].push((w.clone(), i));
            }
        }
        ByLength(by)
    }

    pub fn class_of(&self, w: &str) -> Option<usize> {
        self.0.get(w.len())?.iter().find(|(x, _)| x.eq_ignore_ascii_case(w)).map(|(_, i)| *i)
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

/// The classes, by what the code asks of them.
#[derive(Debug, Default)]
pub struct Words {
    /// `passive-aux`: forms of "be" and "get" before a participle ("was expelled").
    pub passive_aux: Class,
    /// `future-modal`: "will", "shall" before the trigger.
    pub future_modal: Class,
    /// `condition`: "if", "unless".
    pub condition: Class,
    /// The openers of side clauses: `relative` ("who", "where": 0), `condition` (1) and
    /// `background` ("after", "as", "when": 2).
    pub openers: ByLength,
    /// `clause-break`: words after a comma that end the reach of a target ("..., as").
    pub clause_break: Class,
    /// `verb-link`: words before a later verb that make it an event of its own ("and").
    pub verb_link: Class,
    /// `article`: articles and demonstratives before a subject noun.
    pub article: Class,
    /// `actor-locative`: prepositions that place an actor ("demonstrators in Baghdad").
    pub actor_locative: Class,
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
}

impl Words {
    pub fn new(lex: &Lexicon) -> Words {
        let class = |name: &str| Class::read(lex, name);
        // not vocabulary: class names
        let target = ["with-phrase", "to-phrase", "against-phrase", "on-phrase", "from-phrase", "in-phrase"];
        Words {
            passive_aux: class("passive-aux"),
            future_modal: class("future-modal"),
            openers: ByLength::new(&[&class("relative"), &class("condition"), &class("background")]),
            condition: class("condition"),
            clause_break: class("clause-break"),
            verb_link: class("verb-link"),
            article: class("article"),
            actor_locative: class("actor-locative"),
            agent_place_prep: class("agent-place-prep"),
            event_locative: class("event-locative"),
            destination_prep: class("destination-prep"),
            place_prep: class("place-prep"),
            phrase_prep: class("phrase-prep"),
            possessive: class("possessive"),
            actor_join: Phrases::read(lex, "actor-join"),
            modifier_join: Phrases::read(lex, "modifier-join"),
            target_phrases: target.into_iter().map(|name| (name, class(name))).collect(),
        }
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
    fn each_target_phrase_has_its_prepositions() {
        let w = Words::new(&lexicon(""));
        let via = |p: &str| w.target_phrases.iter().find(|(_, c)| c.has(p)).map(|(name, _)| *name);
        assert_eq!(via("with"), Some("with-phrase"));
        assert_eq!(via("into"), Some("in-phrase"));
        assert_eq!(via("by"), None);
    }
}
