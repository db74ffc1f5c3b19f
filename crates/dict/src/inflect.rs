//! Regular English inflection, for matching dictionary lemmas against running text.

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The plural of a regular noun.
pub fn plural(w: &str) -> String {
    let b = w.as_bytes();
    let n = b.len();
    if w.ends_with('s') || w.ends_with('x') || w.ends_with('z') || w.ends_with("ch") || w.ends_with("sh") {
        format!("{w}es")
    } else if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &w[..n - 1])
    } else {
        format!("{w}s")
    }
}

/// A noun's forms: itself, its regular plural, and irregular ones given.
pub fn noun_forms(lemma: &str, irregular: &[String]) -> Vec<String> {
    let mut v = vec![lemma.to_string(), plural(lemma)];
    v.extend(irregular.iter().cloned());
    v.dedup();
    v
}

/// A verb's forms: base, -s, -ed, -ing (regular rules with consonant doubling for short
/// CVC verbs), plus irregular forms given.
pub fn verb_forms(lemma: &str, irregular: &[String]) -> Vec<String> {
    let b = lemma.as_bytes();
    let n = b.len();
    let mut v = vec![lemma.to_string(), plural(lemma)];
    if n == 0 {
        return v;
    }
    let last = b[n - 1];
    if last == b'e' {
        let stem = &lemma[..n - 1];
        v.push(format!("{lemma}d"));
        if lemma.ends_with("ee") || lemma.ends_with("ye") || lemma.ends_with("oe") {
            v.push(format!("{lemma}ing"));
        } else if lemma.ends_with("ie") {
            v.push(format!("{}ying", &lemma[..n - 2]));
        } else {
            v.push(format!("{stem}ing"));
        }
    } else if last == b'y' && n >= 2 && !is_vowel(b[n - 2]) {
        v.push(format!("{}ied", &lemma[..n - 1]));
        v.push(format!("{lemma}ing"));
    } else {
        // Double a final consonant after a single vowel in short verbs: stop, plan, ban.
        let cvc = n >= 3
            && !is_vowel(last)
            && is_vowel(b[n - 2])
            && !is_vowel(b[n - 3])
            && !matches!(last, b'w' | b'x' | b'y');
        let vowels = b.iter().filter(|c| is_vowel(**c)).count();
        if cvc && vowels == 1 {
            let d = last as char;
            v.push(format!("{lemma}{d}ed"));
            v.push(format!("{lemma}{d}ing"));
        } else if cvc && last == b'l' {
            // British spelling: cancelled, travelling; American forms too.
            v.push(format!("{lemma}led"));
            v.push(format!("{lemma}ling"));
            v.push(format!("{lemma}ed"));
            v.push(format!("{lemma}ing"));
        } else {
            v.push(format!("{lemma}ed"));
            v.push(format!("{lemma}ing"));
        }
    }
    v.extend(irregular.iter().cloned());
    v.sort();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn forms() {
        assert!(verb_forms("sign", &[]).contains(&"signed".to_string()));
        assert!(verb_forms("stop", &[]).contains(&"stopped".to_string()));
        assert!(verb_forms("agree", &[]).contains(&"agreed".to_string()));
        assert!(verb_forms("agree", &[]).contains(&"agreeing".to_string()));
        assert!(verb_forms("suggest", &[]).contains(&"suggested".to_string()));
        assert!(verb_forms("deny", &[]).contains(&"denied".to_string()));
        assert!(verb_forms("cancel", &[]).contains(&"cancelled".to_string()));
        assert!(verb_forms("visit", &[]).contains(&"visited".to_string()));
        assert!(verb_forms("discuss", &[]).contains(&"discusses".to_string()));
        assert_eq!(plural("authority"), "authorities");
        assert_eq!(plural("talks"), "talkses");
    }
}
