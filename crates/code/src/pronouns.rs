//! A pronoun as the subject of a sentence ("It accused Bogota of ...", "He urged ...")
//! stands for the actor of the sentence before when that is unambiguous: the one
//! source of the previous sentence's events of the pronoun's kind (a person for "he"
//! and "she", a country or organisation for "it"). The nlp stage links "he" and "she"
//! to named people only; a description ("the Chinese foreign minister") or a state is
//! left to this step.

use dateline_core::{Doc, Tag};
use dateline_dict::Lexicon;
use rustc_hash::FxHashSet as HashSet;

use super::actors::Unit;

/// The pronoun classes of `dict/lexicon.txt` this step reads.
pub struct Pronouns {
    person: HashSet<String>,
    thing: HashSet<String>,
}

impl Pronouns {
    pub fn new(lex: &Lexicon) -> Pronouns {
        let class = |name: &str| lex.class(name).map(str::to_lowercase).collect::<HashSet<String>>();
        let mut person = class("pron-he");
        person.extend(class("pron-she"));
        Pronouns { person, thing: class("pron-it") }
    }

    /// A stand-in unit for each subject pronoun of sentence `s` that no unit covers,
    /// copied from the one antecedent of its kind; `units` stays in token order.
    pub fn resolve(&self, doc: &Doc, s: usize, antecedents: &[Unit], units: &mut Vec<Unit>) {
        let (sa, sz) = doc.sentences[s].tokens;
        for k in sa..sz {
            let t = &doc.tokens[k];
            if t.tag != Tag::Pron || units.iter().any(|u| u.tokens.0 <= k && k < u.tokens.1) {
                continue;
            }
            // A subject: a verb group right after it ("It warned", "He has urged").
            let subject = doc.tokens.get(k + 1).is_some_and(|n| matches!(n.tag, Tag::Verb | Tag::Aux | Tag::Adv));
            // An actor named earlier in the same sentence is the pronoun's own antecedent
            // ("WFP said on Thursday it had delivered ...").
            if !subject || units.iter().any(|u| u.tokens.1 <= k && !u.weak) {
                continue;
            }
            let w = doc.slice(t.span).to_ascii_lowercase();
            let fits: fn(&Unit) -> bool = if self.person.contains(&w) {
                person
            } else if self.thing.contains(&w) {
                state
            } else {
                continue;
            };
            let mut found: Vec<&Unit> = Vec::new();
            for a in antecedents.iter().filter(|a| fits(a)) {
                if !found.iter().any(|f| f.key() == a.key() && f.role == a.role) {
                    found.push(a);
                }
            }
            let [a] = found.as_slice() else { continue };
            let stand_in = Unit {
                tokens: (k, k + 1),
                span: t.span,
                group: 0,
                group_ref: false,
                weak: false,
                partitive: false,
                country_from: Some("the actor of the sentence before, whom the pronoun stands for"),
                ..(*a).clone()
            };
            let at = units.partition_point(|u| u.tokens.0 < k);
            units.insert(at, stand_in);
        }
    }
}

/// "he", "she": a person, named or described, with a role ("the foreign minister").
fn person(u: &Unit) -> bool {
    !u.place && !u.weak && u.org.is_none() && u.role.is_some()
}

/// "it": a state (a country or its capital) or an organisation, not a person.
fn state(u: &Unit) -> bool {
    !u.weak && u.group == 0 && (u.place || u.role.is_none()) && (u.org.is_some() || u.country.is_some())
}
