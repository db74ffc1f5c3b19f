//! Event triggers: the patterns of `dict/verbs.txt` matched against a sentence.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use dateline_core::{Doc, EntryRef, Tag, TokenKind};
use dateline_dict::{noun_forms, verb_forms, Element, HeadKind, Lexicon};

/// A pattern that matched.
#[derive(Debug, Clone)]
pub struct Trigger {
    pub code: String,
    pub head: usize,
    /// Token indices of the matched words (head first).
    pub words: Vec<usize>,
    pub noun: bool,
    pub weight: usize,
    pub rule: EntryRef,
    /// The PLOVER type the pattern names, when it names one.
    pub plover: Option<String>,
    /// Conjoined with the previous verb event ("would prohibit ... and would deny"):
    /// it shares that event's subject.
    pub conjoined: bool,
    /// A statement ("issued a declaration") whose content is the event that follows
    /// ("demanding that ..."): it lends its subject and codes nothing itself.
    pub silent: bool,
    /// A noun event that is this verb's subject and names the act more precisely
    /// ("a roadside bombing killed ...": 1833, not 190): its trigger.
    pub subject_event: Option<Box<Trigger>>,
}

pub struct Triggers {
    /// Inflected head form -> pattern indices.
    by_form: HashMap<String, Vec<usize>>,
    say: HashSet<String>,
    hypo: HashSet<String>,
    light: HashSet<String>,
    fail: HashSet<String>,
    stative: HashSet<String>,
    decide: HashSet<String>,
    oblige: HashSet<String>,
    visit_roles: HashSet<String>,
    host: HashSet<String>,
    oust_member: HashSet<String>,
    stay_be: HashSet<String>,
    stay_at: HashSet<String>,
    /// `gap-end`: words that end a pattern's gap, as punctuation does (a few: scanned).
    gap_end: Vec<String>,
    /// Per pattern, per element after the head: the first bytes of its words as a bit
    /// set (a word matches only a token that starts with its first byte, so most tokens
    /// are passed over without comparing them with each word).
    first_bytes: Vec<Vec<FirstBytes>>,
}

/// A set of bytes.
type FirstBytes = [u64; 4];

fn first_bytes(el: &Element) -> FirstBytes {
    let mut set = [0u64; 4];
    if let Element::Words(alts) = el {
        for a in alts {
            match a.as_bytes().first() {
                Some(&b) => set[usize::from(b / 64)] |= 1 << (b % 64),
                // (An empty word would match "s": no byte can be ruled out.)
                None => return [u64::MAX; 4],
            }
        }
    }
    set
}

fn starts_in(set: &FirstBytes, w: &str) -> bool {
    w.as_bytes().first().is_some_and(|&b| set[usize::from(b / 64)] & (1 << (b % 64)) != 0)
}

/// Words allowed inside a gap are any but these, which end a clause: punctuation and
/// the `gap-end` words ("but", "while").
fn ends_clause(w: &str, gap_end: &[String]) -> bool {
    matches!(w, ";" | "." | ":" | "\"" | "\u{201C}" | "\u{201D}") || gap_end.iter().any(|g| g == w)
}

const GAP: usize = 6;

impl Triggers {
    pub fn new(lex: &Lexicon) -> Triggers {
        let mut by_form: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, v) in lex.verbs.iter().enumerate() {
            let head = &v.pattern.head;
            let irregular = lex.irregular_forms.get(head).cloned().unwrap_or_default();
            let forms = match v.pattern.head_kind {
                HeadKind::Verb => verb_forms(head, &irregular),
                HeadKind::Noun => noun_forms(head, &irregular),
                HeadKind::Word => vec![head.clone()],
            };
            for f in forms {
                by_form.entry(f).or_default().push(i);
            }
        }
        // Heaviest first (in file order among equals): `find` keeps the first heaviest
        // pattern that matches, so it stops at the first match and tries no lighter one.
        for list in by_form.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(lex.verbs[i].pattern.weight()));
        }
        let class = |name: &str| -> HashSet<String> {
            lex.class(name)
                .flat_map(|lemma| verb_forms(lemma, lex.irregular_forms.get(lemma).map(Vec::as_slice).unwrap_or(&[])))
                .collect()
        };
        // not vocabulary: class names
        let (say, hypo, light, fail) = (class("say"), class("hypo"), class("light-verb"), class("fail"));
        let stative = lex.class("stative").map(str::to_string).collect();
        let decide = class("decide");
        let oblige = lex.class("oblige").map(str::to_lowercase).collect();
        let visit_roles = lex.class("visit-role").map(str::to_string).collect();
        let host = class("host");
        let oust_member = class("oust-member");
        // Words as written, not verb lemmas.
        let words = |name: &str| -> HashSet<String> { lex.class(name).map(str::to_lowercase).collect() };
        // not vocabulary: class names
        let (stay_be, stay_at) = (words("stay-be"), words("stay-at"));
        let gap_end = lex.class("gap-end").map(str::to_lowercase).collect();
        let first_bytes = lex.verbs.iter().map(|v| v.pattern.rest.iter().map(first_bytes).collect()).collect();
        Triggers {
            by_form,
            say,
            hypo,
            light,
            fail,
            stative,
            decide,
            oblige,
            visit_roles,
            host,
            oust_member,
            stay_be,
            stay_at,
            gap_end,
            first_bytes,
        }
    }

    pub fn is_say(&self, lower: &str) -> bool {
        self.say.contains(lower)
    }

    /// A verb that takes a noun event as its object: hold (talks), launch (an attack).
    pub fn is_light(&self, lower: &str) -> bool {
        self.light.contains(lower)
    }

    /// "failed to", "neglected to": the act governed did not happen.
    pub fn is_fail(&self, lower: &str) -> bool {
        self.fail.contains(lower)
    }

    /// A participle that after "be" states a stance, not a passive ("Israel is
    /// opposed to French mediation": Israel opposes it).
    pub fn is_stative(&self, lower: &str) -> bool {
        self.stative.contains(lower)
    }

    /// "announced it would ban", "decided to expel": a decision, not a threat.
    pub fn is_decide(&self, lower: &str) -> bool {
        self.decide.contains(lower)
    }

    /// "must", "should": "X said Y must ..." is X's demand on Y.
    pub fn is_oblige(&self, lower: &str) -> bool {
        self.oblige.contains(lower)
    }

    /// A role whose arrival in a foreign place is a visit (officials, not troops).
    pub fn can_visit(&self, role: &str) -> bool {
        self.visit_roles.contains(role)
    }

    /// "welcomed", "received": with a visiting official as object, a host's act.
    pub fn is_host(&self, lower: &str) -> bool {
        self.host.contains(lower)
    }

    /// "suspended", "expelled": with an organisation acting on a state, the state is
    /// put out of the group (a reduction of relations).
    pub fn is_oust_member(&self, lower: &str) -> bool {
        self.oust_member.contains(lower)
    }

    /// A form of "be" that places its subject somewhere ("is in Baghdad for talks").
    pub fn is_stay_be(&self, lower: &str) -> bool {
        self.stay_be.contains(lower)
    }

    /// A preposition of a stay ("in", "at").
    pub fn is_stay_at(&self, lower: &str) -> bool {
        self.stay_at.contains(lower)
    }

    pub fn is_hypo(&self, lower: &str) -> bool {
        self.hypo.contains(lower)
    }

    /// The triggers of sentence `s`, in order, overlapping ones resolved.
    pub fn find(&self, doc: &Doc, s: usize, lex: &Lexicon) -> Vec<Trigger> {
        let (a, z) = doc.sentences[s].tokens;
        // The sentence's words lower-cased into one buffer (not a string per token).
        let mut lower = String::with_capacity(doc.tokens.get(z.saturating_sub(1)).map_or(0, |t| t.span.end) + 16);
        let mut lower_at: Vec<(usize, usize)> = Vec::with_capacity(z - a);
        for t in &doc.tokens[a..z] {
            let w = doc.slice(t.span);
            let start = lower.len();
            if w.is_ascii() {
                lower.push_str(w);
                lower[start..].make_ascii_lowercase();
            } else {
                lower.push_str(&w.to_lowercase());
            }
            lower_at.push((start, lower.len()));
        }
        let lw = |i: usize| lower_at.get(i - a).and_then(|&(s, e)| lower.get(s..e)).unwrap_or("");
        // Wire copy puts the day and adverbs between a verb and its particle ("called
        // Thursday for talks", "pulled out quickly"): adjacent pattern words skip them.
        let in_time = |k: usize| doc.tokens.get(k).is_some_and(|t| doc.time_at(t.span).is_some());
        let skippable = |k: usize| in_time(k) || doc.tokens[k].tag == Tag::Adv || (lw(k) == "on" && in_time(k + 1));
        let mut out: Vec<Trigger> = Vec::new();
        let mut used: HashSet<usize> = HashSet::default();
        for i in a..z {
            if doc.tokens[i].kind != TokenKind::Word || used.contains(&i) {
                continue;
            }
            let Some(cands) = self.by_form.get(lw(i)) else { continue };
            // A verb head after a determiner or possessive is a noun ("the attack"):
            // only noun patterns apply there.
            let prev = if i > a { lw(i - 1) } else { "" };
            let prev_tag = if i > a { doc.tokens[i - 1].tag } else { Tag::Other };
            // So is one in -ing opening the sentence before a noun: an adjective
            // ("Striking teachers in Peru ...").
            let opening_participle =
                i == a && lw(i).ends_with("ing") && doc.tokens.get(i + 1).is_some_and(|n| n.tag == Tag::Noun);
            let nominal_context = prev == "'s"
                || matches!(prev_tag, Tag::Det | Tag::Adj | Tag::Num)
                || doc.tokens[i].tag == Tag::Proper
                || opening_participle;
            // The second half of a hyphenated compound is an adjective, not a verb
            // ("long-threatened invasion", "UN-brokered deal", "Vietnamese-led forces").
            let compound = i >= a + 2 && crate::compound_tail(doc, i);
            // The first heaviest pattern that matches: (its index, the words after the head, its weight).
            let mut best: Option<(usize, Vec<usize>, usize)> = None;
            for &pi in cands {
                let v = &lex.verbs[pi];
                let p = &v.pattern;
                if p.head_kind == HeadKind::Verb && (nominal_context || compound) {
                    continue;
                }
                if p.head_kind == HeadKind::Noun && doc.tokens[i].tag == Tag::Proper {
                    continue;
                }
                // A bare event noun before another noun modifies it ("invasion forces",
                // "attack helicopters", "protest movement"): no event.
                if p.head_kind == HeadKind::Noun
                    && p.rest.is_empty()
                    && doc.tokens.get(i + 1).is_some_and(|n| n.tag == Tag::Noun)
                    && i + 1 < z
                {
                    continue;
                }
                let firsts = self.first_bytes.get(pi).map(Vec::as_slice).unwrap_or(&[]);
                let Some(words) = match_rest(&p.rest, firsts, i, z, &lw, &skippable, &self.gap_end) else { continue };
                // The candidates are heaviest first: no later one is heavier.
                best = Some((pi, words, p.weight()));
                break;
            }
            if let Some((pi, words, weight)) = best {
                let v = &lex.verbs[pi];
                let p = &v.pattern;
                let mut all = vec![i];
                all.extend(words);
                // An adverb head ("sexually abused", "physically attacked") opens a
                // verb group, not a noun phrase.
                let adverb = doc.tokens[i].tag == Tag::Adv;
                let t = Trigger {
                    code: v.code.clone(),
                    head: i,
                    words: all,
                    noun: p.head_kind == HeadKind::Noun || (nominal_word(p) && !adverb),
                    weight,
                    rule: v.entry.clone(),
                    plover: v.plover.clone(),
                    conjoined: false,
                    silent: false,
                    subject_event: None,
                };
                used.extend(t.words.iter().copied());
                out.push(t);
            }
        }
        // A noun event inside a verb event's reach is that event's object
        // ("agreed to resume the talks"): keep the verb event only.
        let verbs: Vec<(usize, usize)> =
            out.iter().filter(|t| !t.noun).map(|t| (t.head, t.words.last().copied().unwrap_or(t.head))).collect();
        // (Not one that names its own agent, "denounced the arrest of two fishermen by
        // Turkish police": that act is reported too.)
        out.retain(|t| {
            !t.noun
                || by_phrase(doc, &lw, t.head, z)
                || !verbs.iter().any(|&(h, last)| t.head > h && t.head <= last.max(h) + 6)
        });
        out
    }
}

/// Whether the noun at `head` has a "by" phrase within its own noun phrase and "of"
/// phrase ("the arrest of two fishermen by ..."); `coding::agent_after` reads the agent.
fn by_phrase<'a>(doc: &Doc, lw: &impl Fn(usize) -> &'a str, head: usize, z: usize) -> bool {
    let Some(by) = (head + 1..z.min(head + 9)).find(|&k| lw(k) == "by") else { return false };
    lw(head + 1) == "of"
        && (head + 2..by).all(|k| matches!(doc.tokens[k].tag, Tag::Det | Tag::Adj | Tag::Num | Tag::Noun | Tag::Proper))
}

/// A pattern headed by a word taken as written and followed at once by a noun names
/// a thing that happened ("roadside bomb", "air strikes", "human shields"): a noun
/// event. "ready to resume" is a predicate.
fn nominal_word(p: &dateline_dict::Pattern) -> bool {
    p.head_kind == HeadKind::Word
        && matches!(p.rest.first(), Some(Element::Words(alts)) if !alts.iter().any(|a| a == "to"))
}

/// Matches the elements after the head; returns the token indices of the words.
/// Tokens for which `skip` holds may stand between adjacent words (at most two).
fn match_rest<'a>(
    rest: &[Element],
    firsts: &[FirstBytes],
    head: usize,
    z: usize,
    lw: &impl Fn(usize) -> &'a str,
    skip: &impl Fn(usize) -> bool,
    gap_end: &[String],
) -> Option<Vec<usize>> {
    let mut pos = head + 1;
    let mut out = Vec::new();
    let mut gap = false;
    for (e, el) in rest.iter().enumerate() {
        match el {
            Element::Gap => gap = true,
            Element::Words(alts) => {
                let first = firsts.get(e);
                let mut limit = if gap { (pos + GAP + 1).min(z) } else { (pos + 1).min(z) };
                let mut found = None;
                let mut k = pos;
                let mut skipped = 0;
                while k < limit {
                    let w = lw(k);
                    if first.is_none_or(|f| starts_in(f, w))
                        && alts.iter().any(|a| {
                            a == w
                                || (w.len() == a.len() + 1 && w.ends_with('s') && w.starts_with(a.as_str()))
                                || (w.len() == a.len() + 2 && w.ends_with("es") && w.starts_with(a.as_str()))
                        })
                    {
                        found = Some(k);
                        break;
                    }
                    if ends_clause(w, gap_end) {
                        break;
                    }
                    if !gap && skipped < 2 && skip(k) {
                        skipped += 1;
                        limit = (limit + 1).min(z);
                    }
                    k += 1;
                }
                let k = found?;
                out.push(k);
                pos = k + 1;
                gap = false;
            }
        }
    }
    Some(out)
}

/// The PLOVER mode a CAMEO code implies (visit, phone, ...).
pub fn mode_of(code: &str) -> Option<String> {
    // not vocabulary: PLOVER mode names by CAMEO code (an output format)
    let m = match code {
        "041" => "phone",
        "042" | "043" => "visit",
        "044" => "third-party",
        "0841" => "release",
        "0871" => "ceasefire",
        "0872" => "withdraw",
        "141" | "1411" | "1412" | "1413" | "1414" => "demo",
        "142" | "1421" | "1422" | "1423" | "1424" => "hunger",
        "143" | "1431" | "1432" | "1433" | "1434" => "boycott",
        "145" | "1451" | "1452" | "1453" | "1454" => "riot",
        "173" => "arrest",
        "174" => "deport",
        "181" => "abduct",
        "185" | "186" => "assassinate",
        _ => return None,
    };
    Some(m.to_string())
}

#[cfg(test)]
mod tests {
    use dateline_core::Doc;
    use dateline_dict::Lexicon;

    use super::Triggers;

    /// The codes of the triggers of the first sentence, with a user `verbs.txt` on top.
    fn codes(verbs: &str, text: &str) -> Vec<String> {
        let mut lex = Lexicon::builtin().unwrap_or_else(|e| panic!("{e}"));
        lex.add_file("user/verbs.txt", "verbs.txt", verbs).unwrap_or_else(|e| panic!("{e}"));
        let mut doc = Doc::new("t", text);
        dateline_nlp::analyze(&mut doc, &lex);
        Triggers::new(&lex).find(&doc, 0, &lex).into_iter().map(|t| t.code).collect()
    }

    #[test]
    fn the_heaviest_pattern_that_matches_wins_whatever_its_line() {
        // The bare head first, the longer pattern after it: the longer one wins where it
        // matches, the bare head where it does not; of two equally heavy, the first line.
        let verbs = "043 | zorble\n036 | zorble * {plan,plans}\n037 | zorble * {plan,plans}\n";
        assert_eq!(codes(verbs, "The envoys zorbled the new plan."), ["036"]);
        assert_eq!(codes(verbs, "The envoys zorbled on Monday."), ["043"]);
    }
}
