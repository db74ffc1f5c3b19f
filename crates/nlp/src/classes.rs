//! Closed classes as bit sets: each class of the lexicon gets one bit, in as many 64-bit
//! words as the lexicon has classes (a user dictionary may add any number of them).

/// One class of the lexicon: the word of a [`ClassSet`] that holds it and its bit there.
/// The default names no class: no set holds it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Class {
    word: usize,
    mask: u64,
}

impl Class {
    /// The `n`th class (in the order the index numbers them).
    pub fn nth(n: usize) -> Class {
        Class { word: n / 64, mask: 1 << (n % 64) }
    }
}

/// The classes a word belongs to.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ClassSet(Vec<u64>);

/// The set of no classes, for words the lexicon does not hold.
pub static EMPTY: ClassSet = ClassSet(Vec::new());

impl ClassSet {
    pub fn insert(&mut self, c: Class) {
        if c.mask == 0 {
            return;
        }
        if self.0.len() <= c.word {
            self.0.resize(c.word + 1, 0);
        }
        self.0[c.word] |= c.mask;
    }

    pub fn has(&self, c: Class) -> bool {
        self.0.get(c.word).is_some_and(|w| w & c.mask != 0)
    }

    /// Whether the sets share a class.
    pub fn intersects(&self, other: &ClassSet) -> bool {
        self.0.iter().zip(&other.0).any(|(a, b)| a & b != 0)
    }

    /// Whether the set holds any of the classes.
    pub fn has_any(&self, classes: &[Class]) -> bool {
        classes.iter().any(|&c| self.has(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_past_the_first_words_are_kept() {
        let mut s = ClassSet::default();
        for n in [0, 63, 64, 127, 128, 999] {
            s.insert(Class::nth(n));
        }
        for n in [0, 63, 64, 127, 128, 999] {
            assert!(s.has(Class::nth(n)), "class {n}");
        }
        assert!(!s.has(Class::nth(1)) && !s.has(Class::nth(998)) && !s.has(Class::default()));
        let mut t = ClassSet::default();
        t.insert(Class::nth(999));
        assert!(s.intersects(&t) && !EMPTY.intersects(&s));
    }
}
